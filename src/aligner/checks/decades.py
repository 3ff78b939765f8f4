"""Decades named by their tens: "gli anni Ottanta", "anni 80", "los años 90" are the
1980s and 1990s. Read as years without their century, they agree with "the 1980s"
and "the '80s". The word before the tens ("anni") is the lexicon's; the tens in words
are read by text2num.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from text_to_num import text2num

from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.lexicon import lexicon
from aligner.checks.scanning import SPACES, Passage, alternation
from aligner.language import NUMBER_WORD_LANGUAGES

#: Two-digit decades from this one on are of the 1900s, earlier ones of the 2000s
#: ("anni Venti" may be either: the 1920s are the ones written about).
_CENTURY = 1900


@cache
def _decade(lang: str) -> re.Pattern[str]:
    words = alternation(lexicon(lang).extra.decade_words)
    return re.compile(
        rf"(?<![\w]){words}[{SPACES}]+(?P<tens>[1-9]0(?!\d)|[^\W\d_]+)", re.IGNORECASE
    )


def decades(passage: Passage) -> Iterator[NumericExpression]:
    lang = passage.lex.lang
    for match in _decade(lang).finditer(passage.text):
        tens = _tens(match.group("tens"), lang)
        if tens is not None:
            yield NumericExpression(
                Kind.NUMBER, match.span(), match.group(), value=float(_CENTURY + tens),
                number_span=match.span("tens"), spelled=not match.group("tens").isdigit(),
                short_year=True,
            )  # fmt: skip


def _tens(word: str, lang: str) -> int | None:
    if word.isdigit():
        return int(word)
    if lang not in NUMBER_WORD_LANGUAGES:
        return None
    try:
        value = text2num(word.lower(), lang)
    except ValueError:
        return None
    return value if 10 <= value <= 90 and value % 10 == 0 else None
