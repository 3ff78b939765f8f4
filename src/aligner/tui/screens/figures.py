"""The figures of one bead side by side: each source figure with its reading next to
the target figure the numbers check paired it with, and those it paired with nothing."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from aligner.checks import Agreement, FigurePair, NumericExpression, describe, figure_pairs
from aligner.model import bead_number
from aligner.review import Review
from aligner.tui.widgets.details import SEVERITY_STYLES

#: How a pair agrees, as the table marks it, and in words.
AGREEMENT_MARKS = {
    Agreement.EXACT: ("=", "same figure"),
    Agreement.CONVERTED: ("≈", "converted"),
    Agreement.WRITTEN_OUT: ("=", "written out"),
    Agreement.LOOSE: ("≈", "loosely the same"),
}


class FiguresScreen(ModalScreen[None]):
    """The figures of one bead. Kept once made (`KeptDialogs`): `fill` gives it the
    bead's."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,i", "close", "Close", id="close-figures", tooltip="Close the figures")
    ]

    def __init__(self) -> None:
        super().__init__()
        self.review: Review | None = None
        self.bead = 0

    def fill(self, review: Review, bead: int) -> FiguresScreen:
        self.review, self.bead = review, bead
        if self.is_mounted:
            self._show_fill()
        return self

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="figures"):
            yield Static(classes="title", id="figures-title")
            yield Static(id="figures-table")
            yield Static(
                "= the same figure, ≈ converted or loosely the same, ≠ one figure gone wrong. "
                "Escape closes.",
                classes="hint",
            )

    def on_mount(self) -> None:
        self._show_fill()

    def _show_fill(self) -> None:
        assert self.review is not None
        pair = self.review.pair(self.bead)
        pairs = figure_pairs(pair)
        self.query_one("#figures-title", Static).update(f"Figures of bead {bead_number(self.bead)}")
        body = self.query_one("#figures-table", Static)
        body.set_class(not pairs, "hint")
        if pairs:
            body.update(figures_table(pairs))
        elif not (pair.src_text and pair.tgt_text):
            body.update("A bead with one side: no figures to compare.")
        else:
            body.update("Neither side has a figure.")
        self.query_one(VerticalScroll).scroll_home(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


def figures_table(pairs: tuple[FigurePair, ...]) -> Table:
    table = Table(expand=True, show_edge=False, pad_edge=False)
    for column in ("source", "reads", "", "target", "reads", "the check"):
        table.add_column(column, overflow="fold")
    for figure in pairs:
        table.add_row(*_side(figure.src), _mark(figure), *_side(figure.tgt), _verdict(figure))
    return table


def _side(expression: NumericExpression | None) -> tuple[Text, Text]:
    if expression is None:
        return Text("—", style="dim"), Text("")
    return Text(expression.text, style="bold"), Text(describe(expression))


def _mark(figure: FigurePair) -> Text:
    if figure.agreement is not None:
        return Text(AGREEMENT_MARKS[figure.agreement][0], style="bold green")
    if figure.src is not None and figure.tgt is not None:
        return Text("≠", style="bold red")
    return Text("")


def _verdict(figure: FigurePair) -> Text:
    if figure.findings:
        return Text("\n").join(
            Text.assemble((f.severity.value, SEVERITY_STYLES[f.severity.value]), f" {f.code}")
            for f in figure.findings
        )
    if figure.agreement is not None:
        return Text(AGREEMENT_MARKS[figure.agreement][1], style="green")
    return Text("not paired", style="dim")
