"""Words written in a case of their own — ALL-CAPS (NATO, BBC, USB) and CamelCase
(iPhone, YouTube, PayPal) — are names, acronyms and brands: the target should have
each. A counterpart is the word itself (an ALL-CAPS one may lose its capitals but for
the first, as Italian writes "Nato"), an acronym of the target the source lacks (the
translated one: EU → UE, UN → ONU, WHO → OMS), or, for a country or region code, its
name in the target language from CLDR (babel): "UK" → "Regno Unito".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from aligner.language import normalize_language
from aligner.model import Finding, Severity, TextPair

#: A word of letters, told ALL-CAPS ("NATO", "ЕС") or CamelCase ("iPhone") by the case
#: of its letters (`re` has no class of capitals beyond ASCII).
_WORD = re.compile(r"(?<![\w-])[^\W\d_]{2,}(?![\w-])")
_ROMAN = re.compile(r"[IVXLCDM]+")
#: Capitals with points: "U.S.", "A.I.".
_DOTTED = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}")


def check_case(pair: TextPair) -> tuple[Finding, ...]:
    """Each ALL-CAPS or CamelCase word of the source without a counterpart in the target:
    in lower case there ("nato" for "NATO"; not a two-letter word, which is as often a
    word of the target's language: "ai") is `case-changed`, a warning; not there at all
    is `case-missing`, a warning, or a note for a country or region code ("US"), which
    translations often give as an adjective ("statunitense"). Roman numerals and a
    source in capitals throughout (a shouted headline) are left out."""
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt or not tgt.strip() or not any(c.islower() for c in src):
        return ()
    tgt_words = set(re.findall(r"[^\W\d_]+", tgt))
    capitalised = {word.casefold() for word in tgt_words if word[0].isupper()}
    lower = {word for word in tgt_words if word.islower()}
    acronyms = _acronyms(tgt)
    # Acronyms the target has more often than the source: translated ones (EU → UE),
    # paired off; a source acronym paired once is paired everywhere.
    translated = list((Counter(_acronym_list(tgt)) - Counter(_acronym_list(src))).elements())
    paired: set[str] = set()
    found = [m for m in _WORD.finditer(src) if m.group().isupper() or _camel(m.group())]
    findings = []
    for match in found:
        word = match.group()
        what = "ALL-CAPS" if word.isupper() else "CamelCase"
        if word in tgt_words or (word.isupper() and (_ROMAN.fullmatch(word) or word in acronyms)):
            continue
        if len(word) > 2 and word.lower() in lower:
            findings.append(
                Finding(
                    "case", "case-changed", Severity.WARNING,
                    f"the {what} word {word} of the source is in lower case in the target",
                    src_span=match.span(), tgt_span=_lower_span(word, tgt),
                )
            )  # fmt: skip
            continue
        if word.isupper() and (
            word.casefold() in capitalised
            or _territory_named(word, pair.tgt_lang, tgt)
            or word in paired
            or _paired_off(word, translated)
        ):
            paired.add(word)
            continue
        territory = word.isupper() and _is_territory(word)
        findings.append(
            Finding(
                "case", "case-missing", Severity.INFO if territory else Severity.WARNING,
                f"the {what} word {word} of the source is not in the target", src_span=match.span(),
            )
        )  # fmt: skip
    return tuple(findings)


def _acronym_list(text: str) -> list[str]:
    """The ALL-CAPS words of `text`, dotted ones without their points ("U.S." → "US")."""
    dotted = [m.group().replace(".", "") for m in _DOTTED.finditer(text) if m.group().isupper()]
    return [m.group() for m in _WORD.finditer(text) if m.group().isupper()] + dotted


def _camel(word: str) -> bool:
    """A capital after a lower-case letter within the word: "iPhone", "YouTube"."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _acronyms(text: str) -> set[str]:
    return set(_acronym_list(text))


def _paired_off(word: str, translated: list[str]) -> bool:
    """Take from `translated` the acronym that stands for `word`: one of the same
    letters first (AI → IA, UN → ONU), else any."""
    if not translated:
        return False
    same = [other for other in translated if set(other) <= set(word) or set(word) <= set(other)]
    translated.remove((same or translated)[0])
    return True


def _lower_span(word: str, text: str) -> tuple[int, int] | None:
    match = re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text)
    return match.span() if match else None


def _is_territory(code: str) -> bool:
    """Whether `code` is a CLDR territory code ("US", "EU") or an alias of one ("UK")."""
    aliases: Mapping[str, list[str]] = get_global("territory_aliases")
    return code in _territory_names("en") or code in aliases


def _territory_named(code: str, lang: str, text: str) -> bool:
    """Whether `code` is a CLDR territory code ("US", "EU", "UK" by alias) whose name in
    `lang` ("Stati Uniti") is in `text`."""
    names = _territory_names(normalize_language(lang))
    aliases: Mapping[str, list[str]] = get_global("territory_aliases")
    territory = code if code in names else next(iter(aliases.get(code, [])), None)
    name = names.get(territory or "")
    return name is not None and name.casefold() in text.casefold()


@cache
def _territory_names(lang: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}
