"""Names: a proper name of the source (a person, a place, an organisation) that the
target spells differently ("Vassilenko" for "Vasilenko") or leaves out.

A name is a capitalised word that does not start a sentence; in a language that
capitalises its nouns (German) only one its dictionary does not know. Names in
other scripts are compared transliterated to Latin (anyascii), so "Василенко" is
found as "Vasilenko". Names are translated too ("Londra", "Mosca", "Germania"):
spellings that differ only in their last two letters are read as such an ending or
inflection ("Putina"), and a name with no near spelling in the target is only noted.
Country, language, month and weekday names, which CLDR translates, are left to the
translator.
"""

from __future__ import annotations

import re
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
_SENTENCE_END = re.compile(r"(?:^|[.!?:;…»”\"'\n]|^[-–—•*])[\s\"'«“‘(\[-–—]*$")


def check_names(pair: TextPair) -> tuple[Finding, ...]:
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt or pair.src_heading:
        return ()
    target_words = [w for w in words(tgt, pair.tgt_lang) if w.text[0].isupper()]
    target_forms = {_latin(w.text) for w in words(tgt, pair.tgt_lang)}
    untranslatable = _cldr_names(pair.src_lang)
    findings = []
    seen: set[str] = set()
    for name in _names(src, pair.src_lang):
        latin = _latin(name.text)
        if latin in seen or latin in target_forms or latin in untranslatable:
            continue
        seen.add(latin)
        nearest = max(target_words, key=lambda w: _likeness(latin, _latin(w.text)), default=None)
        if nearest is not None and _likeness(latin, _latin(nearest.text)) >= SAME_NAME_RATIO:
            if _inflected(latin, _latin(nearest.text)):
                continue
            same_script = _script(name.text) == _script(nearest.text)
            findings.append(
                Finding(
                    "names",
                    "name-spelled-differently",
                    Severity.WARNING if same_script else Severity.INFO,
                    f"the name “{name.text}” is spelled “{nearest.text}” in the target",
                    name.span,
                    nearest.span,
                )
            )
        else:
            findings.append(
                Finding(
                    "names", "name-missing", Severity.INFO,
                    f"the name “{name.text}” is not in the target", name.span, None,
                )
            )  # fmt: skip
    return tuple(findings)


def _names(text: str, lang: str) -> list[Word]:
    """The capitalised words of `text` that do not start a sentence."""
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


def _inflected(a: str, b: str) -> bool:
    """Whether two spellings differ only in their last ENDING letters."""
    common = len(_common_prefix(a, b))
    return common >= len(a) - ENDING and common >= len(b) - ENDING


def _common_prefix(a: str, b: str) -> str:
    prefix = []
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix.append(x)
    return "".join(prefix)


def _script(word: str) -> bool:
    """True for a word in Latin letters (what transliteration would not change)."""
    return anyascii(word) == word


@cache
def _cldr_names(lang: str) -> frozenset[str]:
    """Country, language, month and weekday names of `lang` (CLDR), in Latin letters:
    a translator translates them."""
    try:
        locale = Locale.parse(lang)
    except (ValueError, LookupError):
        return frozenset()
    names = [*locale.territories.values(), *locale.languages.values()]
    for width in ("wide", "abbreviated"):
        names += [*locale.months["format"][width].values(), *locale.days["format"][width].values()]
    return frozenset(_latin(word) for name in names for word in re.findall(r"\w+", name))
