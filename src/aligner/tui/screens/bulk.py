"""The dialog of a bulk dismissal: which code's open findings to dismiss, all of them."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from aligner.tui.screens.dialogs import CANCEL


class CodeScreen(ModalScreen[str | None]):
    """The codes of the open findings with how many each has; Enter chooses one, Escape
    cancels (None). `selected`: the code highlighted first (the finding under the
    cursor's). Kept once made (`KeptDialogs`): `fill` gives it the counts of now."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self) -> None:
        super().__init__()
        self.codes: list[str] = []
        self.counts: dict[str, int] = {}
        self.selected: str | None = None

    def fill(self, counts: dict[str, int], selected: str | None = None) -> CodeScreen:
        self.codes, self.counts, self.selected = list(counts), counts, selected
        if self.is_mounted:
            self._show_fill()
        return self

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Dismiss every open finding of one code:")
            yield OptionList(id="codes")
            yield Label("Enter to choose (a note comes next), Escape to cancel", classes="hint")

    def on_mount(self) -> None:
        self._show_fill()

    def _show_fill(self) -> None:
        codes = self.query_one(OptionList)
        codes.clear_options()
        codes.add_options(
            [
                Option(Text.assemble((code, "bold"), f"  {count} open"), id=code)
                for code, count in self.counts.items()
            ]
        )
        codes.highlighted = self.codes.index(self.selected) if self.selected in self.codes else 0
        codes.focus()

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.codes[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
