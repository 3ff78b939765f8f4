"""The TMX export dialog: where, and which beads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label

from aligner.tui.screens.dialogs import CANCEL


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    accepted_only: bool
    min_confidence: float


class ExportScreen(ModalScreen[ExportRequest | None]):
    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self, default_path: Path) -> None:
        super().__init__()
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export"):
            yield Label("Export TMX", classes="title")
            yield Label("File")
            yield Input(str(self.default_path), id="path")
            yield Checkbox("Accepted beads only", id="accepted-only")
            yield Label("Minimum confidence (0 to 1)")
            yield Input("0", id="min-confidence", restrict=r"[0-9.]*")
            yield Label("", id="export-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-button")
                yield Button("Cancel", id="cancel-button")

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
        self.dismiss(ExportRequest(Path(path).expanduser(), accepted_only, minimum))
