"""Names: a proper name of the source (a person, a place, an organisation) that the
target spells differently ("Vassilenko" for "Vasilenko") or leaves out.

A name is a capitalised word that does not start a sentence; in a language that
capitalises its nouns (German) only one its dictionary does not know. Names in
other scripts are compared transliterated to Latin (anyascii), so "Василенко" is
found as "Vasilenko". Names are translated too ("Londra", "Mosca", "Germania"):
spellings that differ only in their last two letters are read as such an ending or
inflection ("Putina"), and so are spellings that differ from the first letter
("Cremlino", "Kremlin"), and two dictionary words ("Court", "Corte"). A name with
no near spelling in the target is only noted, unless it is a word of the language's
dictionary ("Difesa", "Forze Armate") or a country, language, month or weekday name
(CLDR): those are translated, and a CLDR name is right in its CLDR translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from difflib import SequenceMatcher
from functools import cache

from anyascii import anyascii
from babel import Locale

from aligner.checks.words import Word, is_known_word, words
from aligner.model import Finding, Severity, TextPair

#: Languages that capitalise every noun: a capitalised word there is a name only when
#: the dictionary does not know it.
NOUN_CAPITALISING = frozenset({"de", "lb"})
#: How alike two spellings must be (difflib's ratio of their Latin forms) to be one
#: name spelled differently rather than two names.
SAME_NAME_RATIO = 0.75
#: Letters at the end of a name that inflection or a translated form may change.
ENDING = 2
#: Shorter words are initials and abbreviations, not names worth comparing.
MIN_LENGTH = 3
#: What ends a sentence, so that the next capitalised word is not taken for a name.
_SENTENCE_END = re.compile(r"(?:^|[.!?:;…»”\"'\n]|^[-–—•*])[\s\"'«“‘(\[–—-]*$")


def check_names(pair: TextPair) -> tuple[Finding, ...]:
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt or pair.src_heading:
        return ()
    target_words = words(tgt, pair.tgt_lang)
    capitalised = [w for w in target_words if w.text[0].isupper()]
    target_forms = {_latin(w.text) for w in target_words}
    findings = []
    seen: set[str] = set()
    for name in proper_names(src, pair.src_lang):
        latin = _latin(name.text)
        if latin in seen:
            continue
        seen.add(latin)
        known = is_known_word(name.text, pair.src_lang)
        if _cldr_translations(pair.src_lang, pair.tgt_lang).get(latin, frozenset()) & target_forms:
            continue  # "Cina" translated "China"
        misspelt = [
            word
            for word in capitalised
            if _latin(word.text) != latin and _misspelling(latin, word, known, pair.tgt_lang)
        ]
        for word in misspelt[:1]:
            same_script = _is_latin(name.text) == _is_latin(word.text)
            findings.append(
                Finding(
                    "names",
                    "name-spelled-differently",
                    Severity.WARNING if same_script else Severity.INFO,
                    f"the name “{name.text}” is spelled “{word.text}” in the target",
                    name.span,
                    word.span,
                )
            )
        present = latin in target_forms or any(
            _translated_form(latin, _latin(word.text))
            and _likeness(latin, _latin(word.text)) >= SAME_NAME_RATIO
            for word in capitalised
        )
        if not misspelt and not present and not known:
            if latin not in _cldr_translations(pair.src_lang, pair.tgt_lang):
                findings.append(
                    Finding(
                        "names", "name-missing", Severity.INFO,
                        f"the name “{name.text}” is not in the target", name.span, None,
                    )
                )  # fmt: skip
    return tuple(findings)


def _misspelling(latin: str, word: Word, known: bool, tgt_lang: str) -> bool:
    """Whether target `word` is the name (`latin`, its Latin form) misspelled: alike,
    not another language's form of it, and not, as the name is too, a word of the
    dictionary (a translated title: "Court", "Corte")."""
    other = _latin(word.text)
    if _likeness(latin, other) < SAME_NAME_RATIO or _translated_form(latin, other):
        return False
    return not (known and is_known_word(word.text, tgt_lang))


def proper_names(text: str, lang: str) -> list[Word]:
    """The words of `text` the names check reads as proper names: capitalised, not at
    the start of a sentence, of MIN_LENGTH letters or more, without digits, and in a
    language that capitalises its nouns, not a word of its dictionary."""
    return [
        word
        for word in words(text, lang)
        if len(word.text) >= MIN_LENGTH
        and word.text[0].isupper()
        and not any(char.isdigit() for char in word.text)
        and not _SENTENCE_END.search(text[: word.span[0]])
        and not (lang in NOUN_CAPITALISING and is_known_word(word.text, lang))
    ]


def _latin(word: str) -> str:
    return anyascii(word).lower()


def _likeness(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _translated_form(a: str, b: str) -> bool:
    """Whether two spellings of a name are its forms in two languages rather than a
    misspelling: they differ only in their last ENDING letters ("Putin", "Putina"), one
    goes on from the other ("Brexit", "Brexiteers"), or they differ from the first
    letter on ("Cremlino", "Kremlin"), which a typing slip seldom does."""
    common = len(_common_prefix(a, b))
    if common == min(len(a), len(b)):
        return True  # one is the other and more: "Brexit", "Brexiteers"
    return common == 0 or (common >= len(a) - ENDING and common >= len(b) - ENDING)


def _common_prefix(a: str, b: str) -> str:
    prefix = []
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix.append(x)
    return "".join(prefix)


def _is_latin(word: str) -> bool:
    """True for a word in Latin letters (what transliteration would not change)."""
    return anyascii(word) == word


@cache
def _cldr_translations(src_lang: str, tgt_lang: str) -> dict[str, frozenset[str]]:
    """The words of country, language, month and weekday names in `src_lang` (CLDR),
    in Latin letters, each with the words of the same name in `tgt_lang`: a
    translator translates them ("Cina", "China")."""
    try:
        source, target = Locale.parse(src_lang), Locale.parse(tgt_lang)
    except (ValueError, LookupError):
        return {}
    translations: dict[str, set[str]] = {}
    for names_of in _CLDR_NAMES:
        src_names, tgt_names = names_of(source), names_of(target)
        for key, name in src_names.items():
            translated = {_latin(word) for word in re.findall(r"\w+", tgt_names.get(key, ""))}
            for word in re.findall(r"\w+", name):
                translations.setdefault(_latin(word), set()).update(translated)
    return {word: frozenset(words) for word, words in translations.items()}


#: The CLDR name tables a translator translates, by key.
_CLDR_NAMES: tuple[Callable[[Locale], Mapping[object, str]], ...] = (
    lambda locale: locale.territories,
    lambda locale: locale.languages,
    lambda locale: locale.months["format"]["wide"],
    lambda locale: locale.days["format"]["wide"],
)
