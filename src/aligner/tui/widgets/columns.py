"""Two texts side by side in columns, wrapped as Rich wraps them: the drawing the bead
list, a collapsed run of headings and the documents' preview share."""

from __future__ import annotations

from rich._wrap import divide_line  # Text.wrap's own line breaking, to count lines
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

SEPARATOR = " │ "


def wrapped(console: Console, text: Text, width: int) -> list[Text]:
    return list(text.wrap(console, width)) or [Text("")]


def line_count(text: str, width: int) -> int:
    """How many lines `Text(text).wrap(console, width)` makes, as Rich counts them."""
    return sum(len(divide_line(line, width, fold=True)) + 1 for line in text.split("\n"))


def side_by_side(
    console: Console,
    left: list[Text],
    right: list[Text],
    width: int,
    separator: Style | str,
    rule: Style | None = None,
) -> list[Strip]:
    """The wrapped lines of two texts in columns of `width`, then a rule under both
    when `rule` is given."""
    strips = []
    for row in range(max(len(left), len(right))):
        line = Text.assemble(
            _cell(left, row, width), Text(SEPARATOR, style=separator), _cell(right, row, width)
        )
        strips.append(Strip(list(line.render(console))))
    if rule is not None:
        strips.append(Strip([Segment("─" * (2 * width + len(SEPARATOR)), rule)]))
    return strips


def _cell(lines: list[Text], row: int, width: int) -> Text:
    cell = lines[row].copy() if row < len(lines) else Text("")
    cell.truncate(width, pad=True)
    return cell
