"""The selected bead's findings, with their messages, its comment and dismissals; for
a bilingual file's unit, its id, state and notes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from aligner.model import DismissedFinding, Finding, TranslationUnit, bead_number
from aligner.review import Review, Status
from aligner.review_view import HeadingRun

SEVERITY_STYLES = {"error": "bold white on red", "warning": "bold black on yellow", "info": "cyan"}


class Details(Vertical):
    """What the reviewer reads about one bead: a summary line, then a list that scrolls:
    its open findings (the highlighted one is the one `d` dismisses), its comment and
    the findings dismissed, each with its message."""

    def compose(self) -> ComposeResult:
        yield Static(id="bead-summary")
        yield OptionList(id="findings")

    def show(self, review: Review, bead: int | None, run: HeadingRun | None = None) -> None:
        """Bead `bead`, or the collapsed `run` of headings it starts."""
        # The summary is one line high whatever it says (the CSS): updated without a
        # layout of the screen, which cost every key a second frame.
        summary = self.query_one("#bead-summary", Static)
        listed = self.query_one("#findings", OptionList)
        listed.clear_options()
        self._findings: tuple[Finding, ...] = ()
        if bead is None:
            summary.update("No bead matches the filter (f changes it).", layout=False)
            return
        if run is not None:
            self._show_run(review, run)
            return
        review_bead = review.beads[bead]
        line = Text.assemble(
            (f"Bead {bead_number(bead)}", "bold"),
            f" · {review_bead.kind} · confidence {review_bead.score:.2f} · ",
        )
        units = _units(review, review_bead.src, review_bead.tgt)
        lines = [_where(review, review_bead.src, review_bead.tgt), *map(_unit_line, units)]
        where = "\n".join(filter(None, lines))
        if not review.is_checked(bead):
            line.append("checking …", style="dim")
            summary.update(line.append(f"\n{where}", style="dim") if where else line, layout=False)
            return
        status = review.status(bead)
        line.append(status.value, "bold yellow" if status is Status.ACCEPTED_WITH_FINDINGS else "")
        open_findings = len(review.findings(bead))
        if open_findings > 1:
            line.append(f" · {open_findings} findings (Tab, ↑ ↓)", style="dim")
        if where:
            line.append(f"\n{where}", style="dim")
        summary.update(line, layout=False)
        self._findings = review.findings(bead)
        listed.add_options(_finding_option(f) for f in self._findings)
        if review_bead.comment:
            listed.add_option(
                Option(Text(f"Comment: {review_bead.comment}", style="italic"), disabled=True)
            )
        listed.add_options(
            Option(Text(f"Note: {note}", style="italic"), disabled=True)
            for unit in units
            for note in unit.notes
        )
        listed.add_options(
            Option(dismissed_text(dismissed), disabled=True) for dismissed in review_bead.dismissed
        )
        if self._findings:
            listed.highlighted = 0
        listed.display = listed.option_count > 0

    def _show_run(self, review: Review, run: HeadingRun) -> None:
        """A run of one-sided headings: which beads, and each heading."""
        version = review.alignment.tgt if run.side == "tgt" else review.alignment.src
        name = version.path.name if version.path else run.side
        self.query_one("#bead-summary", Static).update(
            Text.assemble(
                (f"Beads {bead_number(run.first)}–{bead_number(run.last)}", "bold"),
                f" · {len(run.beads)} headings only {name} has · ",
                ("z shows them, one bead each", "dim"),
            ),
            layout=False,
        )
        listed = self.query_one("#findings", OptionList)
        listed.add_options(
            Option(
                f"{bead_number(b)}  {getattr(review.pair(b), f'{run.side}_text')}", disabled=True
            )
            for b in run.beads
        )
        listed.display = True

    @property
    def selected_finding(self) -> Finding | None:
        findings = getattr(self, "_findings", ())
        highlighted = self.query_one("#findings", OptionList).highlighted
        if not findings:
            return None
        return findings[min(highlighted or 0, len(findings) - 1)]


def _finding_option(finding: Finding) -> Option:
    return Option(
        Text.assemble(
            (f" {finding.severity.value} ", SEVERITY_STYLES[finding.severity.value]),
            f" {finding.code}: {finding.message}",
        )
    )


def dismissed_text(dismissed: DismissedFinding) -> Text:
    """A dismissed finding as the reviewer recognises it: which one (its code and
    message, two findings may share a code) and why."""
    note = f" — {dismissed.note}" if dismissed.note else ""
    return Text(f"dismissed {dismissed.code}: {dismissed.message}{note}", style="dim")


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


def _units(
    review: Review, src: tuple[int, ...], tgt: tuple[int, ...]
) -> tuple[TranslationUnit, ...]:
    """The bilingual file's units the bead is (several when the reviewer merged them);
    () for documents."""
    return review.alignment.src.units_of(src) or review.alignment.tgt.units_of(tgt)


def _unit_line(unit: TranslationUnit) -> str:
    """ "Unit p1 · line 13 · state needs-review-translation": what the file says of it."""
    parts = (
        f"Unit {unit.tuid or ''}".rstrip(),
        f"line {unit.line}" if unit.line else "",
        f"state {unit.state}" if unit.state else "",
    )
    return " · ".join(filter(None, parts))
