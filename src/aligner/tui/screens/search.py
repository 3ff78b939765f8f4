"""The search dialog: what to look for, as plain text or a regular expression, where."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet

from aligner.search import Search, SearchError, SearchSide, compile_search
from aligner.tui.screens.dialogs import CANCEL


class SearchScreen(ModalScreen[Search | None]):
    """Enter searches, Escape cancels (None). A bad regular expression is said here, in
    one line, and the dialog stays open to fix it. Kept once made (`KeptDialogs`):
    `fill` gives it the last search."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self) -> None:
        super().__init__()
        self.previous = Search("")

    def fill(self, previous: Search | None) -> SearchScreen:
        """The search last made (None: none yet), to change or make again."""
        self.previous = previous or Search("")
        if self.is_mounted:
            self._show_fill()
        return self

    def compose(self) -> ComposeResult:
        # Made with the first use's search (`fill` comes first): the radio set
        # highlights the side pressed as it mounts.
        with Vertical(classes="dialog", id="search"):
            yield Label("Search")
            yield Input(self.previous.text, placeholder="text or regular expression", id="text")
            yield Checkbox("regular expression", self.previous.regex, id="regex")
            with RadioSet(id="side"):
                for side in SearchSide:
                    yield RadioButton(side.value, side is self.previous.side, id=side.value)
            yield Label("", classes="error", id="search-error")
            yield Label("Enter to search, Escape to cancel", classes="hint")

    def _show_fill(self) -> None:
        field = self.query_one("#text", Input)
        field.value = self.previous.text
        field.focus()
        self.query_one(Checkbox).value = self.previous.regex
        self.query_one(f"#{self.previous.side.value}", RadioButton).value = True
        self.query_one("#search-error", Label).update("")

    @property
    def search(self) -> Search:
        pressed = self.query_one(RadioSet).pressed_button
        return Search(
            self.query_one("#text", Input).value,
            regex=self.query_one(Checkbox).value,
            side=SearchSide(pressed.id) if pressed and pressed.id else SearchSide.BOTH,
        )

    @on(Input.Submitted)
    def submit(self) -> None:
        search = self.search
        try:
            compile_search(search)
        except SearchError as error:
            self.query_one("#search-error", Label).update(str(error))
            return
        self.dismiss(search)

    def action_cancel(self) -> None:
        self.dismiss(None)
