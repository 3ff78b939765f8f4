"""Spelling of the target, by the Hunspell dictionary of its language: each word the
dictionary does not know, as a note (names, terms and new words are often not in it).

Off by default (`DEFAULT_OFF` in `aligner.checks`): it is slow to start (a dictionary
takes seconds to load) and notes a good deal. The dictionaries are the operating
system's (Debian's hunspell-en-us, hunspell-it, hunspell-de-de, hunspell-fr,
hunspell-ru …, in /usr/share/hunspell), read by spylls, a pure-Python Hunspell; a
language without one is not checked, and `spelling_language_missing` says so.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from aligner.language import normalize_language
from aligner.model import Finding, Severity, TextPair

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
    dictionary = _dictionary(normalize_language(pair.tgt_lang))
    if dictionary is None:
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
        if not _known(dictionary, word):
            findings.append(
                Finding(
                    "spelling", "misspelled", Severity.INFO,
                    f'"{word}" is not in the {pair.tgt_lang} dictionary', tgt_span=match.span(),
                )
            )  # fmt: skip
    return tuple(findings)


def spelling_language_missing(lang: str) -> bool:
    """Whether no Hunspell dictionary of `lang` is installed."""
    return dictionary_path(normalize_language(lang)) is None


def dictionary_path(lang: str) -> Path | None:
    """The .dic/.aff pair (without suffix) of `lang`: "it" → /usr/share/hunspell/it_IT,
    the language's own country first, then the bare language, then any country."""
    for directory in DICTIONARY_DIRS:
        candidates = [directory / f"{lang}_{lang.upper()}", directory / lang]
        candidates += sorted(path.with_suffix("") for path in directory.glob(f"{lang}_*.dic"))
        for stem in candidates:
            if stem.with_suffix(".dic").is_file() and stem.with_suffix(".aff").is_file():
                return stem
    return None


@cache
def _dictionary(lang: str) -> object | None:
    path = dictionary_path(lang)
    if path is None:
        return None
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(path))


def _known(dictionary: object, word: str) -> bool:
    lookup = dictionary.lookup  # type: ignore[attr-defined]
    # Hunspell dictionaries write the typographic apostrophe as the straight one.
    plain = word.replace("’", "'")
    return bool(lookup(plain) or all(lookup(part) for part in re.split(r"['-]", plain) if part))


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \u00a0\"'«“„‘(")
    return not before or before[-1] in ".!?:…\n"
