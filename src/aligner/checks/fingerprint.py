"""What the checks of one pair find depends on, as one digest: a review session keeps
its beads' findings under it, and takes them back only while it is the same.

A pair's findings are a function of the pair (its texts, languages, confidence, what
is a heading), of the configuration (which checks run, severities, ignored words, the
glossary, the user's regex rules) and of the checks themselves: their code and the data
they read (CLDR's locale data in babel, number words, lemmas, the Hunspell dictionaries).
The code is taken as every module of the aligner, by content, rather than a version
number someone must remember to raise: a change anywhere in it, and the findings kept
are found again.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

from aligner.checks.config import CheckConfig
from aligner.checks.glossary import GlossaryEntry
from aligner.checks.spelling import DICTIONARY_DIRS
from aligner.model import TextPair

#: The distributions whose code or data the checks read, by the module they import.
CHECKS_DISTRIBUTIONS = {
    "anyascii": "anyascii",
    "babel": "babel",
    "langcodes": "langcodes",
    "lxml": "lxml",
    "numpy": "numpy",
    "pint": "pint",
    "py3langid": "py3langid",
    "simplemma": "simplemma",
    "spylls": "spylls",
    "text_to_num": "text2num",
}


def checks_fingerprint(config: CheckConfig) -> str:
    """The digest of what the findings of the checks of one pair depend on, beside the
    pair itself: the checks' code and data, and `config`."""
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(json.dumps(_config_json(config), ensure_ascii=False).encode("utf-8"))
    if config.runs("spelling", False):
        digest.update(_dictionaries_fingerprint())
    return digest.hexdigest()


def pair_fingerprint(pair: TextPair) -> str:
    """The digest of one pair as the checks read it."""
    return hashlib.sha256(repr(pair).encode("utf-8")).hexdigest()[:32]


@cache
def _code_fingerprint() -> bytes:
    """The aligner's modules, Python's version (its Unicode tables) and the versions of
    the distributions the checks use."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    for distribution in sorted(CHECKS_DISTRIBUTIONS.values()):
        try:
            version = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{distribution}={version}\0".encode())
    return digest.digest()


def _dictionaries_fingerprint() -> bytes:
    """The Hunspell dictionaries the spelling check may read: by name, size and time."""
    files = sorted(
        (str(path), path.stat().st_size, path.stat().st_mtime_ns)
        for folder in DICTIONARY_DIRS
        if folder.is_dir()
        for path in folder.iterdir()
        if path.is_file()
    )
    return json.dumps(files).encode()


def _config_json(config: CheckConfig) -> object:
    """`config` in one canonical form (sets sorted), to compare across processes."""
    glossary = config.glossary
    return {
        "switched": sorted(config.switched.items()),
        "severities": sorted(
            (code, None if severity is None else severity.value)
            for code, severity in config.severities.items()
        ),
        "ignored_words": sorted(config.ignored_words),
        "ignored_patterns": [_pattern(p) for p in config.ignored_patterns],
        "custom": [
            [rule.code, rule.message, rule.severity.value]
            + [_pattern(p) for p in (rule.source, rule.target, rule.target_lacks)]
            for rule in config.custom
        ],
        "glossary": None
        if glossary is None
        else {
            "entries": [_entry(e) for e in glossary.entries],
            "by_languages": sorted(
                (list(languages), [_entry(e) for e in entries])
                for languages, entries in glossary.by_languages.items()
            ),
        },
    }


def _pattern(pattern: re.Pattern[str] | None) -> list[object] | None:
    return None if pattern is None else [pattern.pattern, pattern.flags]


def _entry(entry: GlossaryEntry) -> list[list[str]]:
    return [list(entry.source), list(entry.target), list(entry.forbidden)]
