"""Files, languages, counts and the documents' verdict, at the top of the screen.

Every line is fitted to the width rather than wrapped (a wrapped line pushed the counts
out of a short header): the session's name goes first, then the middle of the file
names; the counts take shorter words.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

from aligner.language import language_name
from aligner.model import DocumentVerdict, Severity
from aligner.review import Filter, Review

#: What each filter shows, as the header says it.
FILTER_LABELS = {
    Filter.ALL: "beads",
    Filter.FINDINGS: "to check",
    Filter.UNREVIEWED: "not accepted",
}
ELLIPSIS = "…"


@dataclass(frozen=True)
class _Shown:
    """What the header says, gathered once per change (counting asks the review)."""

    src: str
    tgt: str
    languages: tuple[str, str]
    session: str | None
    saved: bool
    beads: int
    checked: int
    to_check: int
    accepted: int
    share: float
    counts: dict[Severity, int]
    view: Filter
    shown: int
    #: Whether the documents read as translations; None for a bilingual file's units.
    verdict: DocumentVerdict | None


class ReviewHeader(Widget):
    _shown: _Shown | None = None

    def show(
        self,
        review: Review,
        view: Filter,
        shown: int,
        saved: bool = True,
        checking: tuple[int, int] | None = None,
    ) -> None:
        """`saved`: False from a failed save until one succeeds. `checking`: (beads
        checked, beads) while the checks run in the background; the counts of findings
        wait for them."""
        alignment = review.alignment
        done = checking is None
        before = self._shown
        self._shown = _Shown(
            src=alignment.src.path.name if alignment.src.path else "source",
            tgt=alignment.tgt.path.name if alignment.tgt.path else "target",
            languages=(alignment.src.lang, alignment.tgt.lang),
            session=review.session_path.name if review.session_path else None,
            saved=saved,
            beads=len(review.beads),
            checked=len(review.beads) if checking is None else checking[0],
            # Counted as the filters count them: "to check" is what `f` shows second
            # and `n` goes through, "accepted" what the third view leaves out.
            to_check=len(review.visible(Filter.FINDINGS)) if done else 0,
            accepted=review.accepted_count(),
            share=review.reviewed_share(),
            counts=review.severity_counts() if done else dict.fromkeys(Severity, 0),
            view=view,
            shown=shown,
            verdict=review.verdict(),
        )
        # Its height changes only with the filter's line: laying the whole screen out
        # again after every key would be Textual's work for nothing.
        filtered = view is not Filter.ALL
        self.refresh(layout=before is None or (before.view is not Filter.ALL) != filtered)

    def render(self) -> Text:
        if self._shown is None:
            return Text("")
        width = max(self.content_region.width, 20)
        lines = [_files_line(self._shown, width), _counts_line(self._shown, width)]
        verdict = self._shown.verdict
        if verdict is not None and not verdict.is_translation:
            lines.append(_verdict_line(verdict, width))
        if self._shown.view is not Filter.ALL:
            lines.append(_fitted([_filter_text(self._shown)], width))
        return Text("\n").join(lines)


def _files_line(shown: _Shown, width: int) -> Text:
    """The documents and where the session is saved; a long line loses the session's
    name ("· saved" stays), then the middle of each file name."""
    status = "saved" if shown.saved else "not saved"
    style = "dim" if shown.saved else "bold red"
    endings = [f" · {status} in {shown.session}", f" · {status}"] if shown.session else [""]
    src_lang, tgt_lang = shown.languages

    def line(src: str, tgt: str, ending: str) -> Text:
        return Text.assemble(
            (src, "bold"), f" ({src_lang}) → ", (tgt, "bold"), f" ({tgt_lang})", (ending, style)
        )

    for ending in endings:
        full = line(shown.src, shown.tgt, ending)
        if full.cell_len <= width:
            return full
    room = width - line("", "", endings[-1]).cell_len
    src = _middle_cut(shown.src, max(5, room // 2))
    tgt = _middle_cut(shown.tgt, max(5, room - len(src)))
    return _fitted([line(src, tgt, endings[-1])], width)


def _counts_line(shown: _Shown, width: int) -> Text:
    """The counts, in the first of three wordings that fits."""
    errors, warnings, notes = (
        shown.counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    beads = _counted(shown.beads, "bead")
    if shown.checked < shown.beads:
        checking = Text(f"checking {shown.checked}/{shown.beads} …", style="dim")
        wordings = [
            [Text(f"{beads} · "), checking, Text(f" · {shown.accepted} accepted")],
        ]
    else:
        to_check = Text(f"{shown.to_check} to check", style="bold")
        error_style = "red" if errors else ""
        warning_style = "yellow" if warnings else ""
        wordings = [
            [
                Text(f"{beads} · "),
                to_check,
                Text(f" · {shown.accepted} accepted ({shown.share:.0%}) · "),
                Text(_counted(errors, "error"), style=error_style),
                Text(", "),
                Text(_counted(warnings, "warning"), style=warning_style),
                Text(f", {_counted(notes, 'note')}"),
            ],
            [
                Text(f"{beads} · "),
                to_check,
                Text(f" · {shown.accepted} accepted · "),
                Text(f"{errors} err", style=error_style),
                Text(", "),
                Text(f"{warnings} warn", style=warning_style),
                Text(f", {notes} notes"),
            ],
        ]
    verdict = shown.verdict
    if verdict is not None and verdict.is_translation:
        # Where there is room: that the documents read as translations, and how much of
        # them has a counterpart (the warning of those that do not has a line of its own).
        paired = Text(f" · reads as a translation ({verdict.coverage:.0%} paired)", style="dim")
        wordings.insert(0, [*wordings[0], paired])
    for pieces in wordings:
        if sum(piece.cell_len for piece in pieces) <= width:
            return Text.assemble(*pieces)
    return _fitted(wordings[-1], width)


def _verdict_line(verdict: DocumentVerdict, width: int) -> Text:
    """The warning of documents that do not read as translations, in the first of three
    wordings that fits: its sentence, then shorter ones. (Documents that do read as a
    translation take no line, only a word on the counts line where it fits: the beads
    keep the room.)"""
    src, tgt = verdict.src_coverage, verdict.tgt_coverage
    wordings = [
        verdict.message,
        f"Not a translation: only {src:.0%} of the {language_name(verdict.src_lang)} and "
        f"{tgt:.0%} of the {language_name(verdict.tgt_lang)} have a counterpart "
        f"(mean confidence {verdict.confidence:.2f})",
        f"not a translation: only {src:.0%} {verdict.src_lang}, {tgt:.0%} {verdict.tgt_lang} "
        "have a counterpart",
    ]
    fitting = next((wording for wording in wordings if len(wording) <= width), wordings[-1])
    return _fitted([Text(fitting, style="bold yellow")], width)


def _filter_text(shown: _Shown) -> Text:
    return Text.assemble(
        ("showing ", "bold"),
        (f"{shown.shown} {FILTER_LABELS[shown.view]}", "bold"),
        (" (f: the next filter)", "dim"),
    )


def _fitted(pieces: list[Text], width: int) -> Text:
    line = Text.assemble(*pieces)
    line.truncate(width, overflow="ellipsis")
    return line


def _middle_cut(name: str, width: int) -> str:
    """`name` in `width` characters, its middle left out: both the start and the
    extension tell files apart ("000_44…f.txt")."""
    if len(name) <= width:
        return name
    keep = width - len(ELLIPSIS)
    return name[: (keep + 1) // 2] + ELLIPSIS + name[len(name) - keep // 2 :]


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
