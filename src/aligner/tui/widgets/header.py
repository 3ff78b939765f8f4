"""Files, languages and counts of the review, at the top of the screen."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from aligner.model import Severity
from aligner.review import Filter, Review

#: What each filter shows, as the header says it.
FILTER_LABELS = {
    Filter.ALL: "beads",
    Filter.FINDINGS: "to check",
    Filter.UNREVIEWED: "not accepted",
}


class ReviewHeader(Static):
    def show(self, review: Review, view: Filter, shown: int, saved: bool = True) -> None:
        """`saved`: False from a failed save until one succeeds."""
        alignment = review.alignment
        counts = review.severity_counts()
        files = Text.assemble(
            (f"{alignment.src.path.name if alignment.src.path else 'source'}", "bold"),
            f" ({alignment.src.lang}) → ",
            (f"{alignment.tgt.path.name if alignment.tgt.path else 'target'}", "bold"),
            f" ({alignment.tgt.lang})",
            _saved(review, saved),
        )
        # Counted as the filters count them: "to check" is what `f` shows second and
        # `n` goes through, "accepted" what the third view leaves out.
        figures = Text.assemble(
            f"{_counted(len(review.beads), 'bead')} · ",
            (f"{len(review.visible(Filter.FINDINGS))} to check", "bold"),
            f" · {review.accepted_count()} accepted ({review.reviewed_share():.0%}) · ",
            (_counted(counts[Severity.ERROR], "error"), "red" if counts[Severity.ERROR] else ""),
            ", ",
            (
                _counted(counts[Severity.WARNING], "warning"),
                "yellow" if counts[Severity.WARNING] else "",
            ),
            f", {_counted(counts[Severity.INFO], 'note')}",
            f" · showing {shown} {FILTER_LABELS[view]}" if view is not Filter.ALL else "",
        )
        self.update(Text("\n").join([files, figures]))


def _saved(review: Review, saved: bool) -> Text:
    if review.session_path is None:
        return Text("")
    if not saved:
        return Text(f" · not saved in {review.session_path.name}", style="bold red")
    return Text(f" · saved in {review.session_path.name}", style="dim")


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
