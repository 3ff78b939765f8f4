"""The selected bead's findings, with their messages, its comment and dismissals."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from aligner.model import Finding, bead_number
from aligner.review import Review, Status

SEVERITY_STYLES = {"error": "bold white on red", "warning": "bold black on yellow", "info": "cyan"}


class Details(Vertical):
    """What the reviewer reads about one bead: a summary line, then its findings; the
    highlighted finding is the one `d` dismisses."""

    def compose(self) -> ComposeResult:
        yield Static(id="bead-summary")
        yield OptionList(id="findings")

    def show(self, review: Review, bead: int | None) -> None:
        summary = self.query_one("#bead-summary", Static)
        findings = self.query_one("#findings", OptionList)
        findings.clear_options()
        self._findings: tuple[Finding, ...] = ()
        if bead is None:
            summary.update("No bead matches the filter (f changes it).")
            return
        review_bead = review.beads[bead]
        status = review.status(bead)
        line = Text.assemble(
            (f"Bead {bead_number(bead)}", "bold"),
            f" · {review_bead.kind} · confidence {review_bead.score:.2f} · ",
            (status.value, "bold yellow" if status is Status.ACCEPTED_WITH_FINDINGS else ""),
        )
        where = _where(review, review_bead.src, review_bead.tgt)
        if where:
            line.append(f"\n{where}", style="dim")
        if review_bead.comment:
            line.append(f"\nComment: {review_bead.comment}", style="italic")
        for dismissed in review_bead.dismissed:
            note = f": {dismissed.note}" if dismissed.note else ""
            line.append(f"\nDismissed {dismissed.code}{note}", style="dim")
        summary.update(line)
        self._findings = review.findings(bead)
        findings.add_options(
            Option(
                Text.assemble(
                    (f" {f.severity.value} ", SEVERITY_STYLES[f.severity.value]),
                    f" {f.code}: {f.message}",
                )
            )
            for f in self._findings
        )
        if self._findings:
            findings.highlighted = 0
        findings.display = bool(self._findings)

    @property
    def selected_finding(self) -> Finding | None:
        findings = getattr(self, "_findings", ())
        highlighted = self.query_one("#findings", OptionList).highlighted
        if not findings:
            return None
        return findings[highlighted or 0]


def _where(review: Review, src: tuple[int, ...], tgt: tuple[int, ...]) -> str:
    """Where the bead's sides are in their files, for structured documents (an element
    path, a paragraph, a cue); "" for plain text, whose views number lines already."""
    sides = (
        (name, locator)
        for name, document, ids in (
            ("Source", review.alignment.src, src),
            ("Target", review.alignment.tgt, tgt),
        )
        if (locator := document.locator(ids)) is not None
    )
    return " · ".join(f"{name}: {locator}" for name, locator in sides)
