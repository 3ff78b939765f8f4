"""Every key of the review, with what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class DrawnOncePerWidth:
    """A renderable drawn once for each width it is drawn at: Textual draws a widget's
    content to measure its height, then again to show it, and drawing the help's table
    of 40 keys twice was most of the help's opening."""

    def __init__(self, renderable: RenderableType) -> None:
        self._renderable = renderable
        self._lines: dict[int, list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # By width alone: the help is drawn with the app's console, in one style.
        lines = self._lines.get(options.max_width)
        if lines is None:
            lines = self._lines[options.max_width] = console.render_lines(
                self._renderable, options, pad=False, new_lines=True
            )
        for line in lines:
            yield from line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._renderable)


class HelpScreen(ModalScreen[None]):
    """Kept once made (`KeptDialogs`): `fill` gives it the keys as they are now, and its
    table of every key is drawn again only when they changed (a user's keymap)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="close-help", tooltip="Close help")
    ]

    def __init__(self) -> None:
        super().__init__()
        self.bindings: list[Binding] = []
        #: Each binding id's keys as they are now (the user's keymap applied).
        self.keys: dict[str, list[str]] = {}

    def fill(self, bindings: list[Binding], keys: dict[str, list[str]]) -> HelpScreen:
        if (bindings, keys) != (self.bindings, self.keys):
            self.bindings, self.keys = bindings, keys
            if self.is_mounted:
                self._show_keys()
        return self

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(id="help-keys")
            yield Static(
                "Marks: ✓ accepted, · not yet; ! an error or a warning is open (✓! accepted, "
                "and a finding still open: fix the text or dismiss the finding); ◆ pinned: "
                "re-aligning (r) keeps it as it is and aligns the beads between pins again "
                "(a bead you merge, split, detach or move a sentence into is pinned as it is "
                "made); ✎ its text is edited (o shows the original). "
                "Tab: to the findings list and back (d dismisses the highlighted finding). "
                "Mouse: click selects a bead, the wheel scrolls. Ctrl+P: command palette "
                "(every action of the review with its keys, two without a key: Re-align every "
                "stretch between pins, Pin every accepted bead; and Change theme: dark and "
                "light, remembered for the next time). Keys are rebound in config.toml in "
                "aligner's config folder (on Linux ~/.config/aligner): a [keymap] table of "
                'action = "key" (see the README). '
                "Every change is saved at once. "
                "Escape closes this help.",
                classes="hint",
            )

    def on_mount(self) -> None:
        self._show_keys()

    def _show_keys(self) -> None:
        table = Table(title="Keys", expand=True, show_edge=False)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("does")
        for binding in self.bindings:
            keys = ", ".join(self.keys.get(binding.id or "", [])) or "no key"
            table.add_row(keys, binding.tooltip or binding.description)
        self.query_one("#help-keys", Static).update(DrawnOncePerWidth(table))

    def action_close(self) -> None:
        self.dismiss(None)
