"""A run of headings only one version has, drawn as one row of the bead list: the
headings joined on their side (the first lines of them), the count on the other."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from aligner.review import Review
from aligner.review_view import HeadingRun
from aligner.tui.widgets.columns import line_count, side_by_side, wrapped

#: Lines of headings a collapsed run shows; `z` shows them all, one bead each.
RUN_LINES = 2
HEADING_STYLE = Style(bold=True, color="cyan")  # as a one-sided heading's note marks it
JOINER = " · "


def run_height(review: Review, run: HeadingRun, width: int) -> int:
    """The run's lines, its rule included, counted without drawing it."""
    headings = line_count(JOINER.join(_headings(review, run)), width)
    return 1 + max(min(headings, RUN_LINES), line_count(_counterpart(run), width))


def run_lines(
    console: Console, review: Review, run: HeadingRun, width: int, rule: Style
) -> list[Strip]:
    pieces: list[Text | tuple[str, Style | str]] = []
    for heading in _headings(review, run):
        if pieces:
            pieces.append((JOINER, "dim"))
        pieces.append((heading, HEADING_STYLE))
    headings = wrapped(console, Text.assemble(*pieces), width)
    if len(headings) > RUN_LINES:
        headings = headings[:RUN_LINES]
        last = headings[-1]
        last.truncate(width - 1)
        last.append("…", style="dim")
    counterpart = wrapped(console, Text(_counterpart(run), style="dim italic"), width)
    left, right = (counterpart, headings) if run.side == "tgt" else (headings, counterpart)
    return side_by_side(console, left, right, width, rule, rule)


def _headings(review: Review, run: HeadingRun) -> list[str]:
    texts = (getattr(review.pair(bead), f"{run.side}_text") for bead in run.beads)
    return [" ".join((text or "").split()) for text in texts]


def _counterpart(run: HeadingRun) -> str:
    kind = "0-1" if run.side == "tgt" else "1-0"
    return f"— no counterpart: {len(run.beads)} headings ({kind}), z shows them"
