"""A bead's text as the documents have it beside the text as edited (`o`)."""

from __future__ import annotations

import difflib
import re
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from aligner.search import PairTexts

NO_TEXT = Text("— no counterpart", style="dim italic")


def word_changes(original: str, now: str) -> tuple[Text, Text]:
    """Both texts with the words that differ marked: struck out in the original, in
    bold colour in the edit (difflib over the words, spaces kept)."""
    before, after = re.split(r"(\s+)", original), re.split(r"(\s+)", now)
    old, new = Text(), Text()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        same = tag == "equal"
        old.append("".join(before[i1:i2]), style="" if same else "strike red")
        new.append("".join(after[j1:j2]), style="" if same else "bold magenta")
    return old, new


class OriginalScreen(ModalScreen[None]):
    """The original source and target of a bead, and what the reviewer made of them.
    Kept once made (`KeptDialogs`): `fill` gives it the bead's."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,o,q", "close", "Close", id="close-original", tooltip="Close")
    ]

    def __init__(self) -> None:
        super().__init__()
        self.title_text = ""
        self.original: PairTexts = (None, None)
        self.edited: PairTexts = (None, None)

    def fill(self, title: str, original: PairTexts, edited: PairTexts) -> OriginalScreen:
        self.title_text, self.original, self.edited = title, original, edited
        if self.is_mounted:
            self._show_fill()
        return self

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="original"):
            yield Static(id="original-table")
            yield Static("Escape or o closes; u takes the last edit back.", classes="hint")

    def on_mount(self) -> None:
        self._show_fill()

    def _show_fill(self) -> None:
        table = Table(title=self.title_text, expand=True, show_edge=False, show_lines=True)
        table.add_column("", style="bold", no_wrap=True)
        table.add_column("original (the document)")
        table.add_column("now")
        for side, original, now in zip(("source", "target"), self.original, self.edited):
            if original is None or now is None:
                table.add_row(side, NO_TEXT, "")
            elif original == now:
                table.add_row(side, original, "(unchanged)")
            else:
                table.add_row(side, *word_changes(original, now))
        self.query_one("#original-table", Static).update(table)
        self.query_one(VerticalScroll).scroll_home(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
