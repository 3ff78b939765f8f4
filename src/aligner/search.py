"""Searching the beads of a review: plain text or a regular expression, in the source,
the target or both.

A search is a value (`Search`); `compile_search` turns it into a pattern once (a bad
regular expression is a `SearchError`, one line), `search_highlights` gives the spans a
view marks, `matching_beads` the beads that match. Case is ignored, as reviewers expect
of a find box (a regular expression can turn it back on with `(?-i:…)`).

    >>> search = Search("rubli", side=SearchSide.SOURCE)
    >>> review.search(search)            # bead indices, in order
    >>> review.next_match(search, 12)    # the next one after bead 12, wrapping round
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from aligner.errors import AlignerError
from aligner.model import Highlight

#: The highlight style of a match (`aligner.highlights.STYLE_ORDER`).
MATCH = "match"


class SearchError(AlignerError):
    """A search that cannot be made: an empty text, a bad regular expression."""


class SearchSide(StrEnum):
    """Which text of a bead a search looks in."""

    SOURCE = "source"
    TARGET = "target"
    BOTH = "both"

    @property
    def sides(self) -> tuple[str, ...]:
        """The pair sides ("src", "tgt") it covers."""
        return {"source": ("src",), "target": ("tgt",), "both": ("src", "tgt")}[self.value]


@dataclass(frozen=True)
class Search:
    """What the reviewer looks for."""

    text: str
    regex: bool = False
    side: SearchSide = SearchSide.BOTH

    def describe(self) -> str:
        """How a message names it: `"rubli" in the source`, `/\\d+ %/ in both`."""
        shown = f"/{self.text}/" if self.regex else f'"{self.text}"'
        where = "in source and target" if self.side is SearchSide.BOTH else f"in the {self.side}"
        return f"{shown} {where}"


def compile_search(search: Search) -> re.Pattern[str]:
    """The pattern of a search; SearchError for an empty text or a bad expression."""
    if not search.text:
        raise SearchError("type something to search for")
    source = search.text if search.regex else re.escape(search.text)
    try:
        pattern = re.compile(source, re.IGNORECASE)
    except re.error as error:
        raise SearchError(f"not a regular expression: {search.text}: {error}") from None
    if pattern.search("") is not None:
        # "a*" or "^" matches everywhere, with nothing to show: not a search.
        raise SearchError(f"{search.text} matches an empty text: it would match every bead")
    return pattern


#: A bead's texts as the checks see them (None for a side without text).
PairTexts = tuple[str | None, str | None]


def search_highlights(
    search: Search, texts: PairTexts, pattern: re.Pattern[str] | None = None
) -> tuple[Highlight, ...]:
    """The spans of a bead's texts that match, as highlights of style MATCH."""
    pattern = pattern or compile_search(search)
    by_side = dict(zip(("src", "tgt"), texts))
    return tuple(
        Highlight(side, match.span(), MATCH)
        for side in search.side.sides
        if by_side[side]
        for match in pattern.finditer(by_side[side] or "")
    )


def matching_beads(search: Search, texts: Callable[[int], PairTexts], count: int) -> list[int]:
    """The indices, in order, of the `count` beads whose texts (`texts(index)`) match."""
    pattern = compile_search(search)
    sides = [("src", "tgt").index(side) for side in search.side.sides]
    return [
        index
        for index in range(count)
        if any((text := texts(index)[side]) and pattern.search(text) for side in sides)
    ]


def next_in(matches: Sequence[int], index: int, step: int) -> int | None:
    """The match after (`step` 1) or before (-1) bead `index`, wrapping round at either
    end; None when there is no match at all."""
    if not matches:
        return None
    if step > 0:
        return next((m for m in matches if m > index), matches[0])
    return next((m for m in reversed(matches) if m < index), matches[-1])
