"""The beads side by side, one row per bead, text wrapped, figures highlighted.

Drawn with Textual's line API: only the lines on screen are rendered, so 5,000 beads
scroll as fast as 50. Each bead's wrapped lines are computed once per width and kept
until the bead changes.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from aligner.highlights import pair_highlights, styled_runs
from aligner.model import Severity, bead_number, confidence_band
from aligner.review import Filter, Review
from aligner.review_view import HeadingRun, heading_runs, nearest_shown
from aligner.search import MATCH, Search, search_highlights
from aligner.tui.widgets.columns import SEPARATOR, line_count, side_by_side, wrapped
from aligner.tui.widgets.heading_run import run_height, run_lines

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
NARROW_GUTTER, WIDE_GUTTER = 10, 16
CURSOR_BAR = "▌"
#: How often the background checks tell the screen what they found, in seconds.
CHECK_REPORT_SECONDS = 0.25
#: The status column of a bead whose checks have not run yet (they run in the background).
NOT_CHECKED_MARK = "…"
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
    """Every bead the filter lets through; the cursor is one bead (the screen watches
    `cursor`)."""

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

    class BeadsChecked(Message):
        """More beads were checked in the background: `checked` of `total`."""

        def __init__(self, checked: int, total: int) -> None:
            super().__init__()
            self.checked = checked
            self.total = total

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, BeadList.BeadsChecked)

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
        #: Bead heights by segments and width, for the edits (of each side) they were
        #: counted with: laying out 5,000 beads must not cut out 5,000 texts at each key.
        self._heights: dict[tuple[tuple[int, ...], tuple[int, ...], int], int] = {}
        self._heights_of: tuple[dict[int, str], dict[int, str]] | None = None
        #: The theme's styles this list draws with (background, cursor, rule): Textual
        #: computes them from the CSS, too slowly for every line drawn; kept until the
        #: styles change (`notify_style_update`: a theme or CSS change).
        self._styles: tuple[Style, Style, Style] | None = None
        #: Runs of one-sided headings among the rows; by row position, those shown as
        #: one row (at their first bead) and the positions of their other beads (no
        #: lines); the first beads of the runs the reviewer opened (z).
        self._runs: list[HeadingRun] = []
        self._collapsed: dict[int, HeadingRun] = {}
        self._folded: dict[int, HeadingRun] = {}
        self._expanded: set[int] = set()
        self._run_lines: dict[HeadingRun, list[Strip]] = {}
        #: The review's `shape` as last laid out.
        self._shape: tuple[object, ...] | None = None
        #: (beads checked, beads) while the first checks run in the background.
        self.checking: tuple[int, int] | None = (0, len(review.beads))

    def on_mount(self) -> None:
        # After the first paint: the first check loads the locale data (seconds), the
        # beads must show first.
        self.call_after_refresh(self.check_in_background)

    @work(thread=True, exclusive=True, exit_on_error=False, group="checks")
    def check_in_background(self) -> None:
        """Check every bead not checked yet, the beads on screen first: the screen shows
        the texts at once and their findings as they come (the first check of a run
        loads the locale data, seconds)."""
        worker = get_current_worker()
        reported = time.monotonic()
        while not worker.is_cancelled:
            pending = [i for i in self._checking_order() if not self.review.is_checked(i)]
            total = len(self.review.beads)
            if not pending:
                break
            for done, index in enumerate(pending):
                if worker.is_cancelled:
                    return
                try:
                    self.review.checked(index)
                except IndexError:
                    break  # the beads changed meanwhile: look again
                if time.monotonic() - reported > CHECK_REPORT_SECONDS:
                    reported = time.monotonic()
                    self.post_message(self.BeadsChecked(total - len(pending) + done + 1, total))
        if worker.is_cancelled:
            return
        total = len(self.review.beads)
        self.post_message(self.BeadsChecked(total, total))  # every bead's findings show
        # A resumed review's findings may all be the session's: the first change must
        # not load the checks' data on the screen's thread.
        self.review.prepare_checks()
        # Then the checks of the whole document (consistency, meaning), which embed
        # every bead: their findings join the beads' as they come.
        self.review.check_document()
        self.post_message(self.BeadsChecked(total, total))

    def _checking_order(self) -> list[int]:
        """Bead indices: the shown ones from the top of the list down, then the rest."""
        total = len(self.review.beads)
        top = _position(self._tops, self.scroll_offset.y) if self.rows and self._tops else 0
        shown = [b for b in self.rows[top:] + self.rows[:top] if b < total]
        return shown + sorted(set(range(total)) - set(shown))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._lines.clear()  # their rules are drawn in the theme's colour
        self._run_lines.clear()

    def _theme_styles(self) -> tuple[Style, Style, Style]:
        """The list's background, the cursor's and the rule's styles."""
        if self._styles is None:
            self._styles = (
                self.rich_style,
                self.get_component_rich_style("bead-list--cursor"),
                self.get_component_rich_style("bead-list--rule", partial=True),
            )
        return self._styles

    def on_bead_list_beads_checked(self, event: BeadsChecked) -> None:
        if event.checked == event.total:
            # Every bead checked once: from now on a change is checked as it is made
            # (the header's counts ask for every bead's findings).
            self.checking = None
        else:
            self.checking = (event.checked, event.total)
        self.refresh()

    # The beads shown.

    @property
    def bead(self) -> int | None:
        """The bead under the cursor, None when the filter shows none (on a collapsed
        run of headings: its first bead)."""
        return self.rows[self.cursor] if self.rows else None

    @property
    def collapsed_run(self) -> HeadingRun | None:
        """The run of one-sided headings the cursor is on, when it reads as one row."""
        return self._collapsed.get(self.cursor)

    def toggle_run(self) -> HeadingRun | None:
        """Show the beads of the collapsed run under the cursor, or fold again the run
        the cursor is in; the run, or None when the cursor is in none."""
        bead = self.bead
        run = next((r for r in self._runs if bead is not None and bead in r.beads), None)
        if run is None:
            return None
        self._expanded ^= {run.first}
        self._relayout()
        self.select_bead(run.first)
        return run

    def refresh_beads(self, keep_bead: int | None = None) -> None:
        """Redraw after the review changed; the cursor goes to `keep_bead` if shown, else
        to the nearest shown bead."""
        target = self.bead if keep_bead is None else keep_bead
        rows = self.review.visible(self.view)
        if rows == self.rows and self.review.shape == self._shape:
            # A decision (an accept, a pin, a comment): the same lines, other marks.
            self._run_lines.clear()
            self.refresh()
        else:
            self.rows = rows
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
        """Put the cursor on bead `bead`, or the nearest shown bead. A bead inside a
        collapsed run (not its first, which stands for the run) shows the run's beads:
        `n` or a jump goes to that very bead."""
        shown = nearest_shown(self.rows, bead) if bead is not None else None
        position = bisect_left(self.rows, shown) if shown is not None else None
        if position is not None and position in self._folded:
            self._expanded.add(self._folded[position].first)
            self._relayout()
        self.cursor = 0 if shown is None else bisect_left(self.rows, shown)

    def move(self, step: int) -> None:
        """One bead down (1) or up (-1); a bead taller than the list is first scrolled
        through, a screenful less a line at a time, so that every line of it is read."""
        if not self.rows:
            return
        if abs(step) == 1 and self._scroll_within_bead(step):
            return
        position = max(0, min(len(self.rows) - 1, self.cursor + step))
        if step > 0 and position in self._folded:
            # Past a collapsed run, or back on its row when nothing follows it.
            after = self._folded[position].last + 1
            position = bisect_left(self.rows, after) if after <= self.rows[-1] else self.cursor
        self.cursor = position

    def _scroll_within_bead(self, step: int) -> bool:
        """Scroll the cursor's bead by a screenful if it goes on beyond the list's edge
        in the direction of `step`; False when it does not."""
        top = self._tops[self.cursor]
        bottom = top + self._row_height(self.cursor)
        view_top, view_height = self.scroll_offset.y, self.scrollable_content_region.height
        page = max(1, view_height - 1)
        if step > 0 and bottom > view_top + view_height:
            self.scroll_to(y=min(view_top + page, bottom - view_height), animate=False)
            return True
        if step < 0 and top < view_top:
            self.scroll_to(y=max(view_top - page, top), animate=False)
            return True
        return False

    def validate_cursor(self, cursor: int) -> int:
        if not self.rows:
            return 0
        cursor = max(0, min(cursor, len(self.rows) - 1))
        run = self._folded.get(cursor)
        # A bead inside a collapsed run: the run's row.
        return bisect_left(self.rows, run.first) if run is not None else cursor

    def watch_cursor(self, cursor: int) -> None:
        if self.rows and self._tops:
            top, height = self._tops[cursor], self._row_height(cursor)
            # A bead taller than the list shows its first lines (`move` scrolls on).
            height = min(height, self.scrollable_content_region.height)
            self.scroll_to_region(Region(0, top, 1, height), animate=False, force=True)
        self.refresh()

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
        edits = (self.review.source_edits, self.review.edits)
        if self._heights_of is not None and self._heights_of != edits:
            # An edit changed the texts of some segments: only their beads are wrapped
            # again (all 5,000 took an edit half a second).
            src, tgt = (
                {index for index, _ in before.items() ^ now.items()}
                for before, now in zip(self._heights_of, edits)
            )
            self._heights = {
                key: height
                for key, height in self._heights.items()
                if src.isdisjoint(key[0]) and tgt.isdisjoint(key[1])
            }
        self._heights_of = edits
        self._shape = self.review.shape
        self._runs = heading_runs(self.review, self.rows)
        self._collapsed, self._folded = {}, {}
        for run in self._runs:
            if run.first not in self._expanded:
                start = bisect_left(self.rows, run.first)
                self._collapsed[start] = run
                self._folded.update(dict.fromkeys(range(start + 1, start + len(run.beads)), run))
        self._run_lines.clear()  # their texts or marks may have changed
        heights = self._row_heights()
        self._tops = [0, *accumulate(heights)][:-1] if heights else []
        self.virtual_size = Size(self.scrollable_content_region.width, sum(heights))
        self.refresh()

    def _row_heights(self) -> list[int]:
        """Every row's lines, the layout's column found once (5,000 rows at each change
        that moves beads): the heights known looked up in one comprehension, with no
        call per row (two calls a row cost a change 10 ms), then the rows of runs and
        the beads not wrapped yet."""
        column = self._column()
        beads, known = self.review.beads, self._heights
        heights: list[int | None] = [
            known.get((beads[bead].src, beads[bead].tgt, column)) for bead in self.rows
        ]
        for position in self._folded:
            heights[position] = 0
        for position, run in self._collapsed.items():
            heights[position] = run_height(self.review, run, column)
        for position in [p for p, height in enumerate(heights) if height is None]:
            heights[position] = self._height(self.rows[position], column)
        return heights  # type: ignore[return-value]  # no None is left

    def _row_height(self, position: int, column: int | None = None) -> int:
        """Lines of the row at `position`: a bead, a collapsed run (its first bead's
        position), or nothing (the other beads of a collapsed run)."""
        if position in self._folded:
            return 0
        column = self._column() if column is None else column
        run = self._collapsed.get(position)
        if run is not None:
            return run_height(self.review, run, column)
        return self._height(self.rows[position], column)

    def _current_layout(self) -> _Layout:
        """The layout as last laid out (`_relayout`, at each resize): working it out
        from the widget's region is too slow for every bead."""
        return self._last_layout or self._layout()

    def _column(self) -> int:
        return self._current_layout().column

    def _height(self, bead: int, column: int) -> int:
        """Lines of a bead, rule included, counted without drawing it (drawing finds
        the figures to highlight, which is slow): every bead's height is needed for the
        scroll bar, only the visible ones are drawn."""
        review_bead = self.review.beads[bead]
        key = (review_bead.src, review_bead.tgt, column)
        height = self._heights.get(key)
        if height is None:
            pair = self.review.pair(bead)  # not checked: laying out must not wait for that
            height = self._heights[key] = 1 + max(
                _side_lines(text, column) for text in (pair.src_text, pair.tgt_text)
            )
        return height

    def _bead_lines(self, bead: int) -> list[Strip]:
        """The bead's texts wrapped side by side, then a rule: kept by content, so that
        after a merge or a split only the new beads are wrapped again. Drawn plain until
        the bead is checked (in the background), then with its highlights, drawn again
        when its findings change (the document checks' come in the background)."""
        pair = self.review.pair(bead)
        checked = self.review.is_checked(bead)
        key = (
            self.review.beads[bead],
            pair.src_text,
            pair.tgt_text,
            self.review.checked(bead).findings if checked else None,
            self.search,
            self._current_layout(),
        )
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = self._render_texts(bead)
        return lines

    def _render_texts(self, bead: int) -> list[Strip]:
        layout = self._current_layout()
        console = self.app.console
        pair = self.review.pair(bead)
        marks = pair_highlights(self.review.checked(bead)) if self.review.is_checked(bead) else ()
        if self.search is not None:
            marks += search_highlights(self.search, (pair.src_text, pair.tgt_text))
        kind = self.review.beads[bead].kind
        src, tgt = (
            wrapped(console, _side_text(side, text, marks, kind), layout.column)
            for side, text in (("src", pair.src_text), ("tgt", pair.tgt_text))
        )
        rule = self._theme_styles()[2]
        return side_by_side(console, src, tgt, layout.column, rule, rule)

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

    def _run_gutter(self, run: HeadingRun, layout: _Layout) -> Strip:
        """A collapsed run's numbers ("2–18") and its marks: accepted when all are, the
        worst finding open in any."""
        review = self.review
        accepted = all(review.beads[b].accepted for b in run.beads)
        flagged = [b for b in run.beads if review.is_checked(b) and review.needs_attention(b)]
        if flagged:
            mark = self._finding_mark(
                max(flagged, key=lambda b: max(f.severity.rank for f in review.findings(b)))
            )
        elif all(review.is_checked(b) for b in run.beads):
            mark = Text(" ")
        else:
            mark = Text(NOT_CHECKED_MARK, style="dim")
        numbers = f"{bead_number(run.first)}–{bead_number(run.last)}"
        text = Text.assemble(
            (numbers.rjust(layout.gutter - 4), "dim"), ACCEPTED_MARKS[accepted], mark, " "
        )
        text.truncate(layout.gutter - 1, pad=True)
        return Strip(list(text.render(self.app.console)))

    def _collapsed_lines(self, run: HeadingRun) -> list[Strip]:
        lines = self._run_lines.get(run)
        if lines is None:
            rule = self._theme_styles()[2]
            lines = self._run_lines[run] = run_lines(
                self.app.console, self.review, run, self._column(), rule
            )
        return lines

    def _finding_mark(self, bead: int) -> Text:
        if not self.review.is_checked(bead):
            return Text(NOT_CHECKED_MARK, style="dim")
        if not self.review.needs_attention(bead):
            return Text(" ")
        worst = max(f.severity.rank for f in self.review.findings(bead))
        return Text("!", style=FINDING_STYLES[worst])

    # Drawing.

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        background, cursor_style, _ = self._theme_styles()
        if not self.rows or line >= self.virtual_size.height:
            return Strip.blank(self.size.width, background)
        position = _position(self._tops, line)
        bead = self.rows[position]
        offset = line - self._tops[position]
        layout = self._current_layout()
        run = self._collapsed.get(position)
        if offset:
            gutter = Strip.blank(layout.gutter - 1)
        elif run is not None:
            gutter = self._run_gutter(run, layout)
        else:
            gutter = self._gutter(bead, layout)
        # A bar down the selected bead, seen without colour too.
        bar = CURSOR_BAR if position == self.cursor else " "
        gutter = Strip.join([Strip([Segment(bar, Style(color="bright_blue", bold=True))]), gutter])
        lines = self._bead_lines(bead) if run is None else self._collapsed_lines(run)
        text = lines[offset] if offset < len(lines) else Strip.blank(lines[0].cell_length)
        # The theme's colours under every segment: the texts' styles set no background.
        strip = Strip.join([gutter, text]).apply_style(background)
        if position == self.cursor:
            strip = strip.apply_style(cursor_style)
        return strip.extend_cell_length(self.size.width, background).crop(
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


def _side_lines(text: str | None, width: int) -> int:
    return line_count(NO_COUNTERPART.format(kind="1-0") if text is None else text, width)
