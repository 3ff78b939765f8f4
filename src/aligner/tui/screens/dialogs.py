"""Small modal dialogs: confirm, a line of text, where to split a bead."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

CANCEL = Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without doing anything")


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; Escape is no."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    @on(Button.Pressed)
    def answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)


class TextScreen(ModalScreen[str | None]):
    """One line of text (a comment, an edited target, a note); Enter keeps it, Escape
    cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text)
            # Not selected on focus: a key typed must not replace the text being edited.
            yield Input(self.value, placeholder=self.placeholder, id="text", select_on_focus=False)
            yield Label("Enter to save, Escape to cancel", classes="hint")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SplitScreen(ModalScreen[tuple[int, int] | None]):
    """Where to split a bead: after which source and target sentences."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self, points: list[tuple[int, int]], src: list[str], tgt: list[str]) -> None:
        super().__init__()
        self.points, self.src, self.tgt = points, src, tgt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Split the bead: the first part keeps …")
            yield OptionList(*(Option(self._describe(*point)) for point in self.points))
            yield Label("Enter to split, Escape to cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def _describe(self, src_count: int, tgt_count: int) -> Text:
        def part(sentences: list[str], count: int) -> str:
            if count == 0:
                return "no sentence"
            last = sentences[count - 1]
            return f"{count} sentence{'s' if count > 1 else ''} (…{last[-30:]})"

        return Text.assemble(
            ("source: ", "bold"),
            part(self.src, src_count),
            ("  target: ", "bold"),
            part(self.tgt, tgt_count),
        )

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.points[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
