"""What to mark in a checked pair, for every view of it (the review UI, the HTML report,
a notebook): figures that agree subtly, the words of a finding loudly.

Views draw runs of text, so `styled_runs` cuts a text into pieces with at most one style
each; where marks overlap, the most severe wins.
"""

from __future__ import annotations

from aligner.checks import compare_numbers
from aligner.model import CheckedPair, Highlight, Severity
from aligner.search import MATCH

AGREE = "agree"
#: Styles from the least to the most important; a later one wins an overlap. A search
#: match wins: it is what the reviewer is looking for now.
STYLE_ORDER = (AGREE, Severity.INFO.value, Severity.WARNING.value, Severity.ERROR.value, MATCH)


def pair_highlights(checked: CheckedPair) -> tuple[Highlight, ...]:
    """The marks of a checked pair: its agreeing figures and its findings' spans."""
    pair = checked.pair
    marks: list[Highlight] = []
    if pair.src_text and pair.tgt_text:
        comparison = compare_numbers(pair.src_text, pair.src_lang, pair.tgt_text, pair.tgt_lang)
        for match in comparison.matches:
            marks.append(Highlight("src", match.src.span, AGREE))
            marks.append(Highlight("tgt", match.tgt.span, AGREE))
    for finding in checked.findings:
        if finding.src_span:
            marks.append(Highlight("src", finding.src_span, finding.severity.value))
        if finding.tgt_span:
            marks.append(Highlight("tgt", finding.tgt_span, finding.severity.value))
    return tuple(marks)


def styled_runs(
    text: str, highlights: tuple[Highlight, ...] | list[Highlight], side: str
) -> list[tuple[str, str | None]]:
    """`text` cut into (piece, style) runs by the highlights of `side`; None is unmarked.
    The pieces joined give back `text`."""
    styles: list[str | None] = [None] * len(text)
    ranked = sorted(
        (h for h in highlights if h.side == side), key=lambda h: STYLE_ORDER.index(h.style)
    )
    for highlight in ranked:
        start, end = highlight.span
        styles[max(0, start) : min(len(text), end)] = [highlight.style] * (
            min(len(text), end) - max(0, start)
        )
    runs: list[tuple[str, str | None]] = []
    for character, style in zip(text, styles):
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + character, style)
        else:
            runs.append((character, style))
    return runs
