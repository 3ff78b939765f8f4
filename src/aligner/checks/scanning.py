"""What the readers of figures share: the text being read, with the spans already
claimed, and the lexicon's words as regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from aligner.checks.figures import NumericExpression
from aligner.checks.lexicon import Lexicon
from aligner.model import Span

T = TypeVar("T")

#: The spaces that group digits or stand between a number and its unit.
SPACES = " \u00a0\u202f\u2009"
APOSTROPHES = "'’"


@dataclass
class Passage:
    """One text being read: each reader claims spans, later readers skip claimed text."""

    text: str
    lex: Lexicon
    found: list[NumericExpression] = field(default_factory=list)

    def taken(self, span: Span) -> bool:
        start, end = span
        return any(start < e.span[1] and e.span[0] < end for e in self.found)


def alternation(words: Iterable[object], boundary: bool = True) -> str:
    """A regex alternation of `words`, longest first, escaped; with `boundary`, a word
    cannot go on after it ("mila" must not match the start of "milano"), unless it ends
    in an apostrophe ("d'euros")."""
    ordered = sorted({str(word) for word in words if word}, key=len, reverse=True)
    bound = r"(?![^\W_])" if boundary else ""
    body = "|".join(_word_pattern(word) + (bound if word[-1].isalnum() else "") for word in ordered)
    return f"(?:{body})" if body else "(?!)"


def _word_pattern(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"[\s\u00a0]+")


def keyed(table: dict[str, T], word: str) -> T | None:
    """The entry of `table` (keyed by `normal` words) for a word a case-insensitive
    pattern matched. Usually `normal(word)` is its key; but the regular expressions
    fold case more widely than `str.lower` does (Turkish "MAYIS" matches "mayıs",
    whose lower case is "mayis"), so failing that, the key the word matches is looked
    for as the pattern found it."""
    key = normal(word)
    if key in table:
        return table[key]
    for candidate, value in table.items():
        if re.fullmatch(_word_pattern(candidate), word.strip(SPACES), re.IGNORECASE):
            return value
    return None


def normal(word: str) -> str:
    """A matched word as the lexicon keys it: lower case, single spaces."""
    return re.sub(r"[\s\u00a0]+", " ", word.strip(SPACES)).lower()
