"""Spelling of the target, by the Hunspell dictionary of its language: each word the
dictionary does not know, as a note (names, terms and new words are often not in it).

Off by default (`OFF_BY_DEFAULT` in `aligner.checks`): it is slow to start (a dictionary
takes seconds to load) and notes a good deal. The dictionaries are the operating
system's (Debian's hunspell-en-us, hunspell-it, hunspell-de-de, hunspell-fr,
hunspell-ru …, in /usr/share/hunspell), read by spylls, a pure-Python Hunspell; a
language without one is not checked, and `spelling_language_missing` says so. A word
any of the language's dictionaries knows is right (en_GB's "colour", en_US's "color").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.language import normalize_language
from aligner.model import Finding, Severity, TextPair

if TYPE_CHECKING:
    from spylls.hunspell import Dictionary

#: Where Debian (and most Linux systems) install Hunspell dictionaries.
DICTIONARY_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell"))
#: A word: letters with inner apostrophes or hyphens ("l'homme", "well-known"), not
#: touching a digit, an @ or a # (codes, handles, hashtags are other checks').
_WORD = re.compile(r"(?<![\w@#/.-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w@/-])")


#: Languages whose nouns are capitalised.
_NOUNS_CAPITALISED = frozenset({"de", "lb"})


def check_spelling(pair: TextPair) -> tuple[Finding, ...]:
    """Each word of the target its language's dictionary does not know; names (a
    capitalised word not at the start of a sentence, but in German, which capitalises
    its nouns), words in capitals and words that are in the source too (names,
    untranslated terms) are left out."""
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt:
        return ()
    dictionaries = _dictionaries(normalize_language(pair.tgt_lang))
    if not dictionaries:
        return ()
    in_source = set(_WORD.findall(src))
    # German writes its nouns with a capital: there a capital does not mark a name.
    names_capitalised = normalize_language(pair.tgt_lang) not in _NOUNS_CAPITALISED
    findings = []
    for match in _WORD.finditer(tgt):
        word = match.group()
        if word in in_source or word.isupper() or len(word) < 2:
            continue
        if names_capitalised and word[0].isupper() and not _starts_sentence(tgt, match.start()):
            continue
        if not _known(dictionaries, word):
            findings.append(
                Finding(
                    "spelling", "misspelled", Severity.INFO,
                    f'"{word}" is not in the {pair.tgt_lang} dictionary', tgt_span=match.span(),
                )
            )  # fmt: skip
    return tuple(findings)


def spelling_language_missing(lang: str) -> bool:
    """Whether no Hunspell dictionary of `lang` is installed."""
    return not dictionary_paths(normalize_language(lang))


def dictionary_paths(lang: str) -> tuple[Path, ...]:
    """The .dic/.aff pairs (without suffix) of `lang`, each once (Debian links fr_CA to
    fr): "en" → en_GB and en_US, since a text in English may follow either."""
    found: dict[Path, Path] = {}
    for directory in DICTIONARY_DIRS:
        for dic in sorted([*directory.glob(f"{lang}.dic"), *directory.glob(f"{lang}_*.dic")]):
            stem = dic.with_suffix("")
            if stem.with_suffix(".aff").is_file():
                found.setdefault(dic.resolve(), stem)
    return tuple(found.values())


@cache
def _dictionaries(lang: str) -> tuple[Dictionary, ...]:
    from spylls.hunspell import Dictionary

    return tuple(Dictionary.from_files(str(path)) for path in dictionary_paths(lang))


def _known(dictionaries: tuple[Dictionary, ...], word: str) -> bool:
    """Whether a dictionary knows the word (the Italian and French ones read an elided
    article with it: "dell'impianto"), or each part of it between hyphens; a word with
    a capitalised part after the first is a name with its article or possessive
    ("dell’FBI", "l’Ayr", "Saipov's")."""
    # Hunspell dictionaries write the typographic apostrophe as the straight one.
    plain = word.replace("’", "'")
    parts = re.split(r"['-]", plain)
    if any(part[:1].isupper() for part in parts[1:]) or plain.endswith("'s"):
        return True
    return any(
        dictionary.lookup(plain) or all(dictionary.lookup(part) for part in plain.split("-"))
        for dictionary in dictionaries
    )


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \u00a0\"'«“„‘(")
    return not before or before[-1] in ".!?:…\n"
