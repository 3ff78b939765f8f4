"""A checked alignment or memory as one self-contained HTML file, for people who have no
terminal: a summary, then the pairs side by side with the same highlights as the review
UI and the findings under each pair.

The page loads nothing: styles are inline, the histogram is inline SVG, and the filters
are radio buttons and CSS, without script. Every text goes through Jinja2's
autoescaping, so a document that holds HTML shows it as text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2

from aligner.checks import worst_severity
from aligner.highlights import pair_highlights, styled_runs
from aligner.memory import SKIP_REASONS
from aligner.model import (
    CheckedPair,
    DocumentVerdict,
    Highlight,
    Severity,
    SkippedUnit,
    bead_number,
    confidence_band,
)
from aligner.plots import confidence_histogram_svg
from aligner.report import NO_COUNTERPART, unchecked_in


@dataclass(frozen=True)
class Coverage:
    """How much of one side's text is in pairs with a counterpart."""

    #: Share of the side's characters, 0 to 1.
    share: float
    #: Pairs where this side has text and the other none.
    unpaired: int


def coverage(pairs: Sequence[CheckedPair], side: str) -> Coverage:
    """The share of `side` ("src" or "tgt") that is paired with text on the other side."""
    other = "tgt" if side == "src" else "src"
    total = paired = unpaired = 0
    for checked in pairs:
        text = getattr(checked.pair, f"{side}_text") or ""
        total += len(text)
        if getattr(checked.pair, f"{other}_text"):
            paired += len(text)
        elif text:
            unpaired += 1
    return Coverage(paired / total if total else 0.0, unpaired)


@dataclass(frozen=True)
class PairRow:
    """One pair as the page shows it."""

    checked: CheckedPair
    #: The tuid of a memory's unit, else the pair's number.
    number: str | int
    #: "2-1"; empty for a memory's pairs, which have no sentence ids.
    kind: str
    #: The texts cut into (piece, style) runs; None for a side with no counterpart.
    src_runs: list[tuple[str, str | None]] | None
    tgt_runs: list[tuple[str, str | None]] | None
    #: The most severe finding's severity, or "clean": the class the filters hide by.
    worst: str
    #: "confident", "unsure" or "doubtful"; None when the pair has no score.
    confidence: str | None


def _pair_row(checked: CheckedPair) -> PairRow:
    highlights = pair_highlights(checked)
    worst = worst_severity([checked])
    score = checked.pair.score
    sides = len(checked.src_ids), len(checked.tgt_ids)
    return PairRow(
        checked=checked,
        number=checked.tuid if checked.tuid is not None else bead_number(checked.index),
        kind=f"{sides[0]}-{sides[1]}" if any(sides) else "",
        src_runs=_runs(checked.pair.src_text, highlights, "src"),
        tgt_runs=_runs(checked.pair.tgt_text, highlights, "tgt"),
        worst=worst.value if worst else "clean",
        confidence=None if score is None else confidence_band(score),
    )


def _runs(
    text: str | None, highlights: tuple[Highlight, ...], side: str
) -> list[tuple[str, str | None]] | None:
    return None if text is None else styled_runs(text, highlights, side)


def histogram(pairs: Sequence[CheckedPair]) -> str | None:
    """The confidence histogram's SVG; None when no pair has a confidence (a table of
    pairs read from TSV)."""
    scores = [checked.pair.score for checked in pairs if checked.pair.score is not None]
    return confidence_histogram_svg(scores) if scores else None


_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("aligner", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def format_html_report(
    pairs: Sequence[CheckedPair],
    title: str,
    source: str = "source",
    target: str = "target",
    skipped: Sequence[SkippedUnit] = (),
    verdict: DocumentVerdict | None = None,
) -> str:
    """The HTML page of checked pairs (from `check_alignment` or `check_memory`).

    `source` and `target` head the columns, e.g. "it — 000.txt"; `skipped` are the units
    of a memory that were not read as pairs, listed so that none goes unseen; `verdict`,
    whether two documents read as translations, is a box at the top."""
    findings = [finding for checked in pairs for finding in checked.findings]
    severities = Counter(finding.severity for finding in findings)
    codes = Counter((finding.code, finding.severity) for finding in findings)
    rows = [_pair_row(checked) for checked in pairs]
    kinds = Counter(row.kind for row in rows if row.kind)
    return _ENVIRONMENT.get_template("report.html").render(
        title=title,
        source=source,
        target=target,
        pairs=rows,
        kinds=kinds.most_common(),
        coverage={"src": coverage(pairs, "src"), "tgt": coverage(pairs, "tgt")},
        severities=[(severity, severities[severity]) for severity in Severity],
        codes=sorted(codes.items(), key=lambda item: (-item[0][1].rank, -item[1], item[0][0])),
        histogram=histogram(pairs),
        unchecked=unchecked_in(pairs),
        no_counterpart=NO_COUNTERPART,
        skipped=skipped,
        skip_reasons=SKIP_REASONS,
        verdict=verdict,
    )
