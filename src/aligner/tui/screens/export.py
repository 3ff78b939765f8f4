"""The TMX export dialog: where, and which beads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label

from aligner.tui.screens.dialogs import CANCEL, ConfirmScreen


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    accepted_only: bool
    min_confidence: float
    #: Language tags written in the memory ("en-GB"): a memory's must match the client's.
    src_lang: str
    tgt_lang: str


#: Below this many lines the dialog's fields and buttons go without borders, so that
#: all of it, buttons included, fits on a 24-line terminal.
COMPACT_HEIGHT = 30


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Where to export and which beads. Kept once made (`KeptDialogs`): `fill` sets
    its fields as a new dialog's."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self) -> None:
        super().__init__()
        self.default_path = Path()
        self.languages = ("", "")

    def fill(self, default_path: Path, src_lang: str, tgt_lang: str) -> ExportScreen:
        self.default_path, self.languages = default_path, (src_lang, tgt_lang)
        if self.is_mounted:
            self._show_fill()
        return self

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export"):
            yield Label("Export TMX", classes="title")
            yield Label("File")
            yield Input(str(self.default_path), id="path")
            yield Checkbox("Accepted beads only", id="accepted-only")
            yield Label("Minimum confidence (0 to 1)")
            yield Input("0", id="min-confidence", restrict=r"[0-9.]*")
            yield Label("Language tags (source, target), e.g. it-IT, en-GB")
            with Horizontal(classes="languages"):
                yield Input(self.languages[0], id="src-lang")
                yield Input(self.languages[1], id="tgt-lang")
            yield Label("", id="export-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-button")
                yield Button("Cancel", id="cancel-button")

    def _show_fill(self) -> None:
        for field, value in (
            ("#path", str(self.default_path)),
            ("#min-confidence", "0"),
            ("#src-lang", self.languages[0]),
            ("#tgt-lang", self.languages[1]),
        ):
            self.query_one(field, Input).value = value
        self.query_one("#accepted-only", Checkbox).value = False
        self.query_one("#export-error", Label).update("")
        self.query_one("#path", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        compact = event.size.height < COMPACT_HEIGHT
        for widget in self.query("Input, Checkbox, Button"):
            widget.compact = compact  # type: ignore[attr-defined]

    @on(Button.Pressed, "#cancel-button")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-button")
    def export(self) -> None:
        error = self.query_one("#export-error", Label)
        path = self.query_one("#path", Input).value.strip()
        try:
            minimum = float(self.query_one("#min-confidence", Input).value or 0)
        except ValueError:
            minimum = -1.0
        if not 0 <= minimum <= 1:
            error.update("The minimum confidence is a number from 0 to 1.")
            return
        if not path:
            error.update("Give a file name.")
            return
        accepted_only = self.query_one("#accepted-only", Checkbox).value
        src_lang, tgt_lang = (
            self.query_one(f"#{side}-lang", Input).value for side in ("src", "tgt")
        )
        request = ExportRequest(Path(path).expanduser(), accepted_only, minimum, src_lang, tgt_lang)
        if not request.path.exists():
            self.dismiss(request)
            return

        def replace(yes: bool | None) -> None:
            if yes:
                self.dismiss(request)

        question = f"{request.path} exists. Replace it with this export?"
        self.app.push_screen(ConfirmScreen(question, yes="Replace", no="Keep it"), replace)
