"""The two documents side by side, line by line, before they are aligned: what the
reviewer reads while the aligner works (line API: only the lines on screen are drawn,
so a long document shows at once). Lines, not sentences: splitting into sentences
needs the language, which may still be being detected."""

from __future__ import annotations

from bisect import bisect_right
from itertools import zip_longest

from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from aligner.tui.widgets.columns import SEPARATOR, line_count, side_by_side, wrapped


class DocumentsPreview(ScrollView, can_focus=True):
    """Row i: line i of each document that has text (not a bead: not aligned yet)."""

    def __init__(self, src: str, tgt: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows = list(zip_longest(_lines(src), _lines(tgt), fillvalue=""))
        self._column = 0
        self._tops: list[int] = []
        self._lines: dict[int, list[Strip]] = {}

    def on_resize(self) -> None:
        self._column = max(5, (self.scrollable_content_region.width - len(SEPARATOR)) // 2)
        self._lines.clear()
        tops, total = [], 0
        for src, tgt in self.rows:
            tops.append(total)
            total += max(line_count(src, self._column), line_count(tgt, self._column))
        self._tops = tops
        self.virtual_size = Size(self.scrollable_content_region.width, total)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        if not self._tops or line >= self.virtual_size.height:
            return Strip.blank(self.size.width, self.rich_style)
        row = bisect_right(self._tops, line) - 1
        lines = self._lines.get(row)
        if lines is None:
            lines = self._lines[row] = self._render_row(row)
        offset = line - self._tops[row]
        strip = lines[offset] if offset < len(lines) else Strip.blank(0)
        return strip.apply_style(self.rich_style).extend_cell_length(
            self.size.width, self.rich_style
        )

    def _render_row(self, row: int) -> list[Strip]:
        console = self.app.console
        src, tgt = (wrapped(console, Text(text), self._column) for text in self.rows[row])
        return side_by_side(console, src, tgt, self._column, "dim")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
