"""The beads side by side, one row per bead, text wrapped, figures highlighted.

Drawn with Textual's line API: only the lines on screen are rendered, so 5,000 beads
scroll as fast as 50. Each bead's wrapped lines are computed once per width and kept
until the bead changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich._wrap import divide_line  # Text.wrap's own line breaking, to count lines
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from aligner.highlights import pair_highlights, styled_runs
from aligner.model import Severity, bead_number, confidence_band
from aligner.review import Filter, Review
from aligner.search import MATCH, Search, search_highlights

#: Rich styles of the highlights: agreeing figures subtly, a finding's words loudly,
#: the same on both sides so that the two ends of a mismatch are seen together.
HIGHLIGHT_STYLES = {
    "agree": Style(underline=True, color="green"),
    Severity.INFO.value: Style(bold=True, color="cyan"),
    Severity.WARNING.value: Style(bold=True, color="black", bgcolor="yellow"),
    Severity.ERROR.value: Style(bold=True, color="white", bgcolor="red"),
    MATCH: Style(bold=True, color="black", bgcolor="magenta"),
}
#: A bead's status in four columns: accepted or not, then whether an error or a warning
#: is open ("!" in the colour of the worst; accepting does not hide a finding: "✓!"),
#: then whether it is pinned (PIN_MARKS), then whether the reviewer edited its text ("✎").
ACCEPTED_MARKS = {True: Text("✓", style="bold green"), False: Text("·", style="dim")}
EDITED_MARK = Text("✎", style="bold magenta")
FINDING_STYLES = ("bold cyan", "bold yellow", "bold red")
#: A pinned bead's mark, the third status column (re-aligning keeps the bead).
PIN_MARKS = {True: Text("◆", style="bold magenta"), False: Text(" ")}
#: Below this width the gutter drops the confidence figure (its colour stays, on the
#: bead number) so that the texts keep room at 80 columns.
NARROW_WIDTH = 100
#: Gutter columns: the cursor bar, the bead number, (wide: the confidence), the status.
NARROW_GUTTER, WIDE_GUTTER = 9, 15
SEPARATOR = " │ "
CURSOR_BAR = "▌"
#: What an empty side shows.
NO_COUNTERPART = "— no counterpart ({kind})"


_BAND_STYLES = {"confident": "green", "unsure": "yellow", "doubtful": "bold red"}


def confidence_style(score: float) -> str:
    return _BAND_STYLES[confidence_band(score)]


@dataclass(frozen=True)
class _Layout:
    gutter: int
    column: int


class BeadList(ScrollView, can_focus=True, inherit_bindings=False):
    """Every bead the filter lets through; the cursor is one bead."""

    # No keys of its own (not even ScrollView's arrows): the screen has them all, one
    # list for the footer and the help.

    COMPONENT_CLASSES: ClassVar[set[str]] = {"bead-list--cursor", "bead-list--rule"}

    DEFAULT_CSS = """
    /* A stable gutter: the scroll bar showing up must not change the text width. */
    BeadList { background: $surface; scrollbar-gutter: stable; }
    BeadList > .bead-list--cursor { background: $accent 25%; }
    BeadList > .bead-list--rule { color: $foreground 20%; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class CursorMoved(Message):
        """The cursor is on another bead."""

        def __init__(self, bead: int | None) -> None:
            super().__init__()
            self.bead = bead

    def __init__(self, review: Review, view: Filter = Filter.ALL, **kwargs) -> None:
        super().__init__(**kwargs)
        self.review = review
        self.view = view
        self.rows: list[int] = review.visible(view)
        #: The search whose matches are highlighted.
        self.search: Search | None = None
        #: A bead's wrapped texts by its content (see `_bead_lines`).
        self._lines: dict[tuple[object, ...], list[Strip]] = {}
        self._tops: list[int] = []
        self._last_layout: _Layout | None = None
        self._heights: dict[tuple[str | None, str | None, int], int] = {}

    # The beads shown.

    @property
    def bead(self) -> int | None:
        """The bead under the cursor, None when the filter shows none."""
        return self.rows[self.cursor] if self.rows else None

    def refresh_beads(self, keep_bead: int | None = None) -> None:
        """Redraw after the review changed; the cursor goes to `keep_bead` if shown, else
        to the nearest shown bead."""
        target = self.bead if keep_bead is None else keep_bead
        self.rows = self.review.visible(self.view)
        self._relayout()
        self.select_bead(target)

    def set_search(self, search: Search | None) -> None:
        """Highlight the matches of `search` (None: no search)."""
        self.search = search
        self.refresh()

    def set_view(self, view: Filter) -> None:
        self.view = view
        self.refresh_beads()

    def select_bead(self, bead: int | None) -> None:
        """Put the cursor on bead `bead`, or the first shown bead after it."""
        if bead is None or not self.rows:
            self.cursor = 0
            return
        position = next((p for p, b in enumerate(self.rows) if b >= bead), len(self.rows) - 1)
        self.cursor = position

    def move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, cursor: int) -> None:
        if self.rows and self._tops:
            top, height = self._tops[cursor], self._height(self.rows[cursor])
            self.scroll_to_region(Region(0, top, 1, height), animate=False, force=True)
        self.refresh()
        self.post_message(self.CursorMoved(self.bead))

    # Layout: each bead's height at this width, its first line's position.

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self.watch_cursor(self.cursor)

    def _layout(self) -> _Layout:
        width = max(self.scrollable_content_region.width, 20)
        gutter = NARROW_GUTTER if width < NARROW_WIDTH else WIDE_GUTTER
        return _Layout(gutter, max(5, (width - gutter - len(SEPARATOR)) // 2))

    def _relayout(self) -> None:
        layout = self._layout()
        if layout != self._last_layout:
            # Lines of another width will not be drawn again soon.
            self._lines.clear()
            self._heights.clear()
            self._last_layout = layout
        tops = []
        total = 0
        for bead in self.rows:
            tops.append(total)
            total += self._height(bead)
        self._tops = tops
        self.virtual_size = Size(self.scrollable_content_region.width, total)
        self.refresh()

    def _height(self, bead: int) -> int:
        """Lines of a bead, rule included, counted without drawing it (drawing finds
        the figures to highlight, which is slow): every bead's height is needed for the
        scroll bar, only the visible ones are drawn."""
        pair = self.review.checked(bead).pair
        key = (pair.src_text, pair.tgt_text, self._layout().column)
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = 1 + max(
                _line_count(text, self._layout().column) for text in key[:2]
            )
        return height

    def _bead_lines(self, bead: int) -> list[Strip]:
        """The bead's texts wrapped side by side, then a rule: kept by content, so that
        after a merge or a split only the new beads are wrapped again."""
        checked = self.review.checked(bead)
        key = (self.review.beads[bead], checked.pair, self.search, self._layout())
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = self._render_texts(bead)
        return lines

    def _render_texts(self, bead: int) -> list[Strip]:
        layout = self._layout()
        console = self.app.console
        checked = self.review.checked(bead)
        marks = pair_highlights(checked)
        if self.search is not None:
            texts = (checked.pair.src_text, checked.pair.tgt_text)
            marks += search_highlights(self.search, texts)
        kind = self.review.beads[bead].kind
        src, tgt = (
            _wrapped(console, _side_text(side, text, marks, kind), layout.column)
            for side, text in (("src", checked.pair.src_text), ("tgt", checked.pair.tgt_text))
        )
        rule = self.get_component_rich_style("bead-list--rule", partial=True)
        strips = []
        for row in range(max(len(src), len(tgt))):
            line = Text.assemble(
                _cell(src, row, layout.column),
                Text(SEPARATOR, style=rule),
                _cell(tgt, row, layout.column),
            )
            strips.append(Strip(list(line.render(console))))
        strips.append(Strip([Segment("─" * (2 * layout.column + len(SEPARATOR)), rule)]))
        return strips

    def _gutter(self, bead: int, layout: _Layout) -> Strip:
        review_bead = self.review.beads[bead]
        edited = EDITED_MARK if self.review.is_edited(bead) else " "
        mark = Text.assemble(
            ACCEPTED_MARKS[review_bead.accepted],
            self._finding_mark(bead),
            PIN_MARKS[review_bead.pinned],
            edited,
        )
        number = f"{bead_number(bead):>4}"
        score = confidence_style(review_bead.score)
        if layout.gutter == NARROW_GUTTER:
            text = Text.assemble((number, score), mark)
        else:
            figure = (f"{review_bead.score:.2f}", score)
            text = Text.assemble((number, "dim"), " ", figure, " ", mark)
        text.truncate(layout.gutter - 1, pad=True)
        return Strip(list(text.render(self.app.console)))

    def _finding_mark(self, bead: int) -> Text:
        if not self.review.needs_attention(bead):
            return Text(" ")
        worst = max(f.severity.rank for f in self.review.findings(bead))
        return Text("!", style=FINDING_STYLES[worst])

    # Drawing.

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        if not self.rows or line >= self.virtual_size.height:
            return Strip.blank(self.size.width, self.rich_style)
        position = _position(self._tops, line)
        bead = self.rows[position]
        offset = line - self._tops[position]
        layout = self._layout()
        gutter = self._gutter(bead, layout) if offset == 0 else Strip.blank(layout.gutter - 1)
        # A bar down the selected bead, seen without colour too.
        bar = CURSOR_BAR if position == self.cursor else " "
        gutter = Strip.join([Strip([Segment(bar, Style(color="bright_blue", bold=True))]), gutter])
        lines = self._bead_lines(bead)
        text = lines[offset] if offset < len(lines) else Strip.blank(lines[0].cell_length)
        strip = Strip.join([gutter, text])
        if position == self.cursor:
            strip = strip.apply_style(self.get_component_rich_style("bead-list--cursor"))
        return strip.extend_cell_length(self.size.width, self.rich_style).crop(
            scroll_x, scroll_x + self.size.width
        )

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        if self.rows and 0 <= line < self.virtual_size.height:
            self.cursor = _position(self._tops, line)


def _position(tops: list[int], line: int) -> int:
    """The row whose lines include `line` (binary search over the first lines)."""
    low, high = 0, len(tops) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if tops[middle] <= line:
            low = middle
        else:
            high = middle - 1
    return low


def _side_text(side: str, text: str | None, marks, kind: str) -> Text:
    if text is None:
        return Text(NO_COUNTERPART.format(kind=kind), style="dim italic")
    return Text.assemble(
        *(
            (piece, HIGHLIGHT_STYLES.get(style or "", ""))
            for piece, style in styled_runs(text, marks, side)
        )
    )


def _wrapped(console: Console, text: Text, width: int) -> list[Text]:
    return list(text.wrap(console, width)) or [Text("")]


def _line_count(text: str | None, width: int) -> int:
    """How many lines `Text(text).wrap(console, width)` makes, as Rich counts them."""
    if text is None:
        text = NO_COUNTERPART.format(kind="1-0")
    return sum(len(divide_line(line, width, fold=True)) + 1 for line in text.split("\n"))


def _cell(lines: list[Text], row: int, width: int) -> Text:
    cell = lines[row].copy() if row < len(lines) else Text("")
    cell.truncate(width, pad=True)
    return cell
