"""The checks' configuration file (TOML): which checks run, the severity of each
code, what to ignore, the user's own regex checks and the glossary. `check`,
`report` and `review` read the same file: `aligner.toml` beside the documents (or
the memory, or the session), or the one given with `--config`.

    glossary = "terms.tbx"            # beside this file
    [checks]
    names = false                     # any check, by its name
    [severity]
    inconsistent-translation = "error"   # any code: error, warning, info or off
    [ignore]
    words = ["Reuters"]
    patterns = ["^@\\\\w+$"]
    codes = ["same-as-source"]
    [[custom]]
    code = "gmbh-dropped"
    message = "the company form GmbH is missing in the target"
    source = "\\\\bGmbH\\\\b"
    target_lacks = "\\\\bGmbH\\\\b"
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from aligner.checks.custom import CustomCheck
from aligner.checks.glossary import Glossary, read_glossary
from aligner.errors import InputError
from aligner.model import Finding, Severity, TextPair

#: The file looked for beside the documents.
CONFIG_NAME = "aligner.toml"
#: A severity that switches a code off.
OFF = "off"
_SECTIONS = frozenset({"glossary", "checks", "severity", "ignore", "custom"})
_IGNORE_KEYS = frozenset({"words", "patterns", "codes"})
_CUSTOM_KEYS = frozenset({"code", "message", "severity", "source", "target", "target_lacks"})


@dataclass(frozen=True)
class CheckConfig:
    """What the configuration file says; the default runs every check that is on by
    default, as written."""

    #: Checks switched on (True) or off (False) by name; the others keep their default.
    switched: Mapping[str, bool] = field(default_factory=dict)
    #: Severity by finding code; None switches the code off.
    severities: Mapping[str, Severity | None] = field(default_factory=dict)
    #: Findings about these texts (case-insensitive), or texts these match whole, are dropped.
    ignored_words: frozenset[str] = frozenset()
    ignored_patterns: tuple[re.Pattern[str], ...] = ()
    custom: tuple[CustomCheck, ...] = ()
    glossary: Glossary | None = None
    #: The file read; None for the default.
    path: Path | None = None

    def runs(self, check: str, default: bool = True) -> bool:
        return self.switched.get(check, default)

    def adjusted(self, finding: Finding, pair: TextPair) -> Finding | None:
        """`finding` with the severity the config gives its code, or None when the
        config ignores it."""
        severity = self.severities.get(finding.code, finding.severity)
        if severity is None or self._ignores(finding, pair):
            return None
        return finding if severity is finding.severity else replace(finding, severity=severity)

    def _ignores(self, finding: Finding, pair: TextPair) -> bool:
        if not self.ignored_words and not self.ignored_patterns:
            return False
        texts = [
            text[slice(*span)]
            for text, span in ((pair.src_text, finding.src_span), (pair.tgt_text, finding.tgt_span))
            if text is not None and span is not None
        ]
        return any(
            text.strip().casefold() in self.ignored_words
            or any(pattern.fullmatch(text.strip()) for pattern in self.ignored_patterns)
            for text in texts
        )


def find_config(places: Iterable[Path | None]) -> Path | None:
    """The `aligner.toml` beside the first of `places` (files) that has one."""
    for place in places:
        if place is not None and (candidate := place.parent / CONFIG_NAME).is_file():
            return candidate
    return None


def read_config(path: Path) -> CheckConfig:
    """The configuration in `path`. InputError, naming the file and what is wrong, for
    a file that cannot be read or is not such a configuration."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise InputError(f"cannot read the config {path}: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"the config {path} is not valid TOML: {error}") from None
    problem = f"the config {path}"
    _known_keys(data, _SECTIONS, problem)
    switched = _table(data, "checks", problem)
    for name, value in switched.items():
        if not isinstance(value, bool):
            raise InputError(f"{problem}: [checks] {name} must be true or false")
    ignore = _table(data, "ignore", problem)
    _known_keys(ignore, _IGNORE_KEYS, f"{problem}: [ignore]")
    glossary = data.get("glossary")
    if glossary is not None and not isinstance(glossary, str):
        raise InputError(f"{problem}: glossary must be a file name")
    return CheckConfig(
        switched=switched,
        severities={
            code: _severity(value, f"{problem}: [severity] {code}", allow_off=True)
            for code, value in _table(data, "severity", problem).items()
        }
        | dict.fromkeys(_strings(ignore, "codes", problem)),
        ignored_words=frozenset(word.casefold() for word in _strings(ignore, "words", problem)),
        ignored_patterns=tuple(
            _pattern(text, f"{problem}: [ignore] patterns")
            for text in _strings(ignore, "patterns", problem)
        ),
        custom=tuple(
            _custom(rule, f"{problem}: [[custom]] {n}") for n, rule in _rules(data, problem)
        ),
        glossary=_glossary(path.parent / glossary, problem) if glossary else None,
        path=path,
    )


def _glossary(path: Path, where: str) -> Glossary:
    try:
        return read_glossary(path)
    except InputError as error:
        raise InputError(f"{where}: {error}") from None


def _known_keys(table: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")


def _table(data: Mapping[str, Any], name: str, where: str) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise InputError(f"{where}: {name} must be a table ([{name}])")
    return table


def _strings(table: Mapping[str, Any], key: str, where: str) -> list[str]:
    values = table.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InputError(f"{where}: [ignore] {key} must be a list of strings")
    return values


def _severity(value: object, where: str, allow_off: bool = False) -> Severity | None:
    names = [severity.value for severity in Severity] + ([OFF] if allow_off else [])
    if value not in names:
        raise InputError(f"{where} must be one of {', '.join(names)}, not {value!r}")
    return None if value == OFF else Severity(value)


def _pattern(text: object, where: str) -> re.Pattern[str]:
    if not isinstance(text, str):
        raise InputError(f"{where}: a pattern must be a string")
    try:
        return re.compile(text)
    except re.error as error:
        raise InputError(f"{where}: {text!r} is not a regular expression: {error}") from None


def _rules(data: Mapping[str, Any], where: str) -> list[tuple[int, dict[str, Any]]]:
    rules = data.get("custom", [])
    if not isinstance(rules, list) or not all(isinstance(rule, dict) for rule in rules):
        raise InputError(f"{where}: custom checks are [[custom]] tables")
    return list(enumerate(rules, 1))


def _custom(rule: Mapping[str, Any], where: str) -> CustomCheck:
    _known_keys(rule, _CUSTOM_KEYS, where)
    code, message = rule.get("code"), rule.get("message")
    if not isinstance(code, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code):
        raise InputError(f'{where}: code must be kebab-case, e.g. "gmbh-dropped"')
    if not isinstance(message, str) or not message.strip():
        raise InputError(f"{where}: message is missing")
    patterns = {
        key: _pattern(rule[key], f"{where} {key}")
        for key in ("source", "target", "target_lacks")
        if key in rule
    }
    if not patterns:
        raise InputError(f"{where}: give source, target or target_lacks")
    severity = _severity(rule.get("severity", "warning"), f"{where} severity")
    assert severity is not None  # "off" is not allowed here
    return CustomCheck(code, message, severity, **patterns)
