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

from aligner.checks.words import is_known_word
from aligner.language import normalize_language
from aligner.model import Finding, Severity, TextPair

if TYPE_CHECKING:
    from spylls.hunspell import Dictionary

#: Where Debian (and most Linux systems) install Hunspell dictionaries.
DICTIONARY_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell"))
#: A word: letters with inner apostrophes or hyphens ("l'homme", "well-known"), not
#: touching a digit, an @ or a # (codes, handles, hashtags are other checks').
_WORD = re.compile(r"(?<![\w@#/.-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w@/-])")


#: The first part of a hyphenated word this short is a prefix ("pre-", "anti-", "co-").
_PREFIX_LETTERS = 4
#: The shortest part of a compound written as one word ("bordo|campo", "home|wear").
_COMPOUND_PART = 4

#: A target word that begins as a source word does for this many letters is a term
#: carried over, not a typo (a typo of a word that long rarely falls in its first eight).
_COGNATE_LETTERS = 8

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
    # The parts of a hyphenated source word too: "just-in-time" leaves "just in time".
    in_source = {part for word in _WORD.findall(src) for part in (word, *word.split("-"))}
    # German writes its nouns with a capital: there a capital does not mark a name.
    names_capitalised = normalize_language(pair.tgt_lang) not in _NOUNS_CAPITALISED
    findings = []
    for match in _WORD.finditer(tgt):
        word = match.group()
        if word in in_source or word.isupper() or len(word) < 2 or _cognate(word, in_source):
            continue
        if names_capitalised and word[0].isupper() and not _starts_sentence(tgt, match.start()):
            continue
        if not _known(dictionaries, word, normalize_language(pair.tgt_lang)):
            findings.append(
                Finding(
                    "spelling", "misspelled", Severity.INFO,
                    f'"{word}" is not in the {pair.tgt_lang} dictionary', tgt_span=match.span(),
                )
            )  # fmt: skip
    return tuple(findings)


def _cognate(word: str, source_words: set[str]) -> bool:
    """Whether the source has a word that begins as this one does for _COGNATE_LETTERS
    letters: a term carried over ("denuclearizzazione" → "denuclearization"), which
    dictionaries often lack."""
    start = word[:_COGNATE_LETTERS].lower()
    return len(start) == _COGNATE_LETTERS and any(
        other[:_COGNATE_LETTERS].lower() == start for other in source_words
    )


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


def _known(dictionaries: tuple[Dictionary, ...], word: str, lang: str) -> bool:
    """Whether the word is right: a dictionary knows it (the Italian and French ones read
    an elided article with it: "dell'impianto"), or what follows an elided article
    ("un'e-mail"), or each part of it between hyphens, a short first part being a prefix
    ("pre-campionato", "anti-sommossa"); or simplemma's lexicon of the language knows
    it (inflections Hunspell's affixes miss: "possiede"); or it is two words the
    dictionary knows written as one ("bordocampo", "homewear"). A word with a
    capitalised part after the first is a name with its article or possessive
    ("dell’FBI", "l’Ayr", "Saipov's")."""
    # Hunspell dictionaries write the typographic apostrophe as the straight one.
    plain = word.replace("’", "'")
    parts = re.split(r"['-]", plain)
    if any(part[:1].isupper() for part in parts[1:]) or plain.endswith("'s"):
        return True
    elided = plain.rsplit("'", 1)[-1]
    hyphenated = elided.split("-")
    return (
        any(
            dictionary.lookup(plain)
            or dictionary.lookup(elided)
            or (
                len(hyphenated) > 1
                and all(
                    dictionary.lookup(part) or (n == 0 and len(part) <= _PREFIX_LETTERS)
                    for n, part in enumerate(hyphenated)
                )
            )
            for dictionary in dictionaries
        )
        or is_known_word(elided, lang)
        or _compound(dictionaries, elided)
    )


def _compound(dictionaries: tuple[Dictionary, ...], word: str) -> bool:
    """Whether `word` is two words of at least _COMPOUND_PART letters that one
    dictionary knows, written as one (Hunspell's Italian and English lists have few
    compounds; a typo rarely splits into two words)."""
    return any(
        dictionary.lookup(word[:cut]) and dictionary.lookup(word[cut:])
        for dictionary in dictionaries
        for cut in range(_COMPOUND_PART, len(word) - _COMPOUND_PART + 1)
    )


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \u00a0\"'«“„‘(")
    return not before or before[-1] in ".!?:…\n"
