"""Small modal dialogs: confirm, a line of text, where to split a bead."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import EditResult, Location

from aligner.review import single_line

CANCEL = Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without doing anything")


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; Escape is no. Enter answers what has the focus: no, the safe
    answer, unless `yes_is_safe` (nothing is lost either way, yes is what one came for)."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(
        self, question: str, yes: str = "Yes", no: str = "No", *, yes_is_safe: bool = False
    ) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no
        self.yes_is_safe = yes_is_safe

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # Static, not Label: a long question wraps inside the dialog.
            yield Static(self.question, id="question")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary" if self.yes_is_safe else "error", id="yes")
                yield Button(self.no, variant="default" if self.yes_is_safe else "primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.yes_is_safe else "#no", Button).focus()

    @on(Button.Pressed)
    def answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)


class SentenceArea(TextArea):
    """A text area for a sentence: wrapped over as many lines as it needs, and Enter
    saves it rather than breaking the line (a line break would be a new segment); a
    pasted line break becomes a space. Ctrl+A selects all, as in a CAT tool's editor
    (Textual's own is Emacs' line start: Home is that too), to retype a sentence."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+a", "select_all", "Select all", show=False)
    ]

    class Submitted(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            self.post_message(self.Submitted(self.text))
            return
        await super()._on_key(event)

    # Typing and both ways of pasting (the terminal's, Ctrl+V) insert through here.
    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        return super()._replace_via_keyboard(single_line(insert), start, end)


class TextScreen(ModalScreen[str | None]):
    """A text to write or change (a comment, a note, a target sentence), wrapped;
    Enter keeps it, Escape cancels (None). Kept once made (`KeptDialogs`): `fill`
    sets what it shows for each use."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self) -> None:
        super().__init__()
        self.title_text = self.value = self.placeholder = ""
        self.enter = "save"

    def fill(
        self, title: str, value: str = "", placeholder: str = "", enter: str = "save"
    ) -> TextScreen:
        """This use's title, text and placeholder; `enter`: what Enter does, for the
        hint ("save", "go")."""
        self.title_text, self.value, self.placeholder = title, value, placeholder
        self.enter = enter
        if self.is_mounted:
            self._show_fill()
        return self

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # Static, not Label: a long title ("Accept every bead at or above …") wraps
            # at 80 columns rather than being cut.
            yield Static(id="title")
            yield SentenceArea(soft_wrap=True, id="text")
            yield Label(classes="hint", id="hint")

    def on_mount(self) -> None:
        self._show_fill()

    def _show_fill(self) -> None:
        self.query_one("#title", Static).update(self.title_text)
        area = self.query_one(SentenceArea)
        area.load_text(self.value)  # the last use's text and its undo history go
        area.placeholder = self.placeholder
        area.move_cursor(area.document.end)
        area.focus()
        self.query_one("#hint", Label).update(
            f"Enter to {self.enter}, Escape to cancel, Ctrl+A selects all"
        )

    @on(SentenceArea.Submitted)
    def submit(self, event: SentenceArea.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SplitScreen(ModalScreen[tuple[int, int] | None]):
    """Where to split a bead: after which source and target sentences. Kept once made
    (`KeptDialogs`): `fill` gives it the bead's."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self) -> None:
        super().__init__()
        self.points: list[tuple[int, int]] = []
        self.src: list[str] = []
        self.tgt: list[str] = []

    def fill(self, points: list[tuple[int, int]], src: list[str], tgt: list[str]) -> SplitScreen:
        self.points, self.src, self.tgt = points, src, tgt
        if self.is_mounted:
            self._show_fill()
        return self

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Split the bead: the first part keeps …")
            yield OptionList()
            yield Label("Enter to split, Escape to cancel", classes="hint")

    def on_mount(self) -> None:
        self._show_fill()

    def _show_fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(self._describe(*point)) for point in self.points])
        options.highlighted = 0
        options.focus()

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
