"""What leaves the tool for other tools: which beads go out, what a unit's text is, and
the notes it carries. One policy for the CLI, the review UI and notebooks alike; the
writers (`export.tmx`, `export.xlsx`) only lay the units out in their format.

    >>> exported = export_tmx(alignment, tgt_lang="en-GB", min_confidence=0.5)
    >>> exported.beads            # the bead numbers written, as every view shows them
    >>> export_tmx(review.edited_alignment(), checked=review.checked_pairs(),
    ...            decisions=review.beads, accepted_only=True)   # what Review.export_tmx does

Nothing heavy is imported here: lxml and openpyxl load when a file is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from aligner.errors import InputError
from aligner.model import (
    Alignment,
    Bead,
    CheckedPair,
    Document,
    ExportedFile,
    ExportUnit,
    Finding,
    InlineTag,
    ReviewBead,
    Segment,
    bead_number,
)

#: Characters an XML 1.0 document cannot hold, even escaped (openpyxl refuses the same
#: ones in a spreadsheet cell).
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class BeadSelection:
    """Which beads an export writes, beyond those it always leaves out."""

    #: Leave out beads whose confidence is below this.
    min_confidence: float = 0.0
    #: Only beads of one sentence a side.
    one_to_one: bool = False
    #: Only beads the reviewer accepted (needs a review's decisions).
    accepted_only: bool = False


@dataclass(frozen=True)
class SelectedUnits:
    """The units an export writes, and how many beads it left out and why."""

    units: tuple[ExportUnit, ...]
    #: Beads left out because one side is empty (1-0, 0-1): a memory pairs two texts.
    one_sided: int
    #: Beads left out by the selection (confidence, 1-1, accepted only).
    filtered: int


def side_text(document: Document, ids: Sequence[int]) -> str:
    """The sentences of one side of a bead joined as the document writes them: with a
    space where the document has any whitespace between them (a line break included),
    with nothing where it has none, as Chinese and Japanese do ("" for an empty side)."""
    segments = [document.segments[i] for i in ids]
    parts = [segment.text for segment in segments[:1]]
    for previous, segment in pairwise(segments):
        parts.append(" " if document.text[previous.end : segment.start] else "")
        parts.append(segment.text)
    return "".join(parts)


def side_markup(document: Document, ids: Sequence[int]) -> tuple[InlineTag, ...]:
    """The inline markup of the sentences `ids`, in the offsets of `side_text`."""
    markup: list[InlineTag] = []
    position = 0
    previous: Segment | None = None
    for segment in (document.segments[i] for i in ids):
        if previous is not None:
            position += 1 if document.text[previous.end : segment.start] else 0
        markup += (
            InlineTag(position + tag.start, position + tag.end, tag.opening, tag.closing)
            for tag in segment.markup
        )
        position += len(segment.text)
        previous = segment
    return tuple(markup)


def xml_safe_text(text: str) -> tuple[str, bool]:
    """`text` with every character XML 1.0 forbids (C0 controls but tab and line ends:
    vertical tab, form feed …) made a space, and whether there was any. A space, not
    nothing, so that "verticale\x0bda" stays two words."""
    safe = _XML_FORBIDDEN.sub(" ", text)
    return safe, safe != text


def unit_notes(findings: Sequence[Finding], decision: ReviewBead | None = None) -> tuple[str, ...]:
    """The notes a unit carries for whoever uses the memory next: the reviewer's comment,
    every finding still open ("error currency-mismatch: …"), and every finding the
    reviewer dismissed, with why."""
    notes = [decision.comment] if decision is not None and decision.comment else []
    notes += [f"{f.severity.value} {f.code}: {f.message}" for f in findings]
    for dismissed in decision.dismissed if decision is not None else ():
        reason = f": {dismissed.note}" if dismissed.note else ""
        notes.append(f"{dismissed.code} dismissed{reason}")
    return tuple(notes)


def export_units(
    alignment: Alignment,
    checked: Sequence[CheckedPair],
    *,
    decisions: Sequence[ReviewBead] | None = None,
    selection: BeadSelection = BeadSelection(),
    one_sided: bool = False,
) -> SelectedUnits:
    """The units of an export, in bead order, each under its bead's number.

    `checked` are the beads' open findings (one `CheckedPair` a bead, in order);
    `decisions` the reviewer's, when a review is exported. Beads with an empty side are
    left out unless `one_sided` (a spreadsheet shows them, a memory cannot hold them).
    """
    if len(checked) != len(alignment.beads):
        raise ValueError("one checked pair a bead is needed")
    if selection.accepted_only and decisions is None:
        raise InputError("only a review has accepted beads to export")
    units = []
    left_out_one_sided = filtered = 0
    for index, bead in enumerate(alignment.beads):
        decision = decisions[index] if decisions is not None else None
        if not one_sided and not (bead.src and bead.tgt):
            left_out_one_sided += 1
        elif (
            bead.score < selection.min_confidence
            or (selection.one_to_one and bead.kind != "1-1")
            or (selection.accepted_only and not (decision and decision.accepted))
        ):
            filtered += 1
        else:
            src_text, src_replaced = xml_safe_text(side_text(alignment.src, bead.src))
            tgt_text, tgt_replaced = xml_safe_text(side_text(alignment.tgt, bead.tgt))
            units.append(
                ExportUnit(
                    number=bead_number(index),
                    kind=bead.kind,
                    score=bead.score,
                    src_text=src_text,
                    tgt_text=tgt_text,
                    notes=tuple(
                        xml_safe_text(note)[0]
                        for note in unit_notes(checked[index].findings, decision)
                    ),
                    control_characters=src_replaced or tgt_replaced,
                    src_locator=alignment.src.locator(bead.src),
                    tgt_locator=alignment.tgt.locator(bead.tgt),
                    src_markup=side_markup(alignment.src, bead.src),
                    tgt_markup=side_markup(alignment.tgt, bead.tgt),
                    tuid=unit_tuid(alignment, bead),
                )
            )
    return SelectedUnits(tuple(units), left_out_one_sided, filtered)


def unit_tuid(alignment: Alignment, bead: Bead) -> str | None:
    """The id of the bilingual file's unit a bead is, "p1+p2" when the reviewer merged
    two; None for documents, or when a unit has no id (a PO entry without context)."""
    units = alignment.src.units_of(bead.src) or alignment.tgt.units_of(bead.tgt)
    tuids = [unit.tuid for unit in units if unit.tuid is not None]
    return "+".join(tuids) if units and len(tuids) == len(units) else None


def export_tmx(
    alignment: Alignment,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    min_confidence: float = 0.0,
    one_to_one: bool = False,
    accepted_only: bool = False,
    checked: Sequence[CheckedPair] | None = None,
    decisions: Sequence[ReviewBead] | None = None,
) -> ExportedFile:
    """A TMX 1.4b memory of the alignment: one <tu> per bead with text on both sides,
    its `tuid` the bead's number (a bilingual file's unit id when the beads are its
    units), its findings as notes.

    `src_lang`/`tgt_lang` are the tags written (default: the documents' languages), so
    that a memory can say "en-GB" where the aligner only needs "en"; "it_IT" is written
    "it-IT". `checked` gives the open findings of each bead (default: every check run
    now); `decisions` a review's (acceptance, comments, dismissals).
    """
    from aligner.export.tmx import MAX_SEGMENT_LENGTH, tmx_content
    from aligner.language import language_tag

    selected = _selected(
        alignment, checked, decisions, BeadSelection(min_confidence, one_to_one, accepted_only)
    )
    content = tmx_content(
        selected.units,
        language_tag(src_lang or alignment.src.lang),
        language_tag(tgt_lang or alignment.tgt.lang),
        alignment.encoder,
    )
    too_long = tuple(
        unit.number
        for unit in selected.units
        if max(len(unit.src_text), len(unit.tgt_text)) > MAX_SEGMENT_LENGTH
    )
    return _exported(content, selected, too_long)


def export_xlsx(
    alignment: Alignment,
    *,
    min_confidence: float = 0.0,
    one_to_one: bool = False,
    accepted_only: bool = False,
    checked: Sequence[CheckedPair] | None = None,
    decisions: Sequence[ReviewBead] | None = None,
) -> ExportedFile:
    """A spreadsheet of the alignment for review, one row per bead, 1-0 and 0-1 beads
    included (a reviewer wants to see what has no counterpart), with the same notes a
    TMX unit carries."""
    from aligner.export.xlsx import xlsx_content

    selected = _selected(
        alignment,
        checked,
        decisions,
        BeadSelection(min_confidence, one_to_one, accepted_only),
        one_sided=True,
    )
    content = xlsx_content(selected.units, f"{alignment.src.lang}-{alignment.tgt.lang}")
    return _exported(content, selected)


def _selected(
    alignment: Alignment,
    checked: Sequence[CheckedPair] | None,
    decisions: Sequence[ReviewBead] | None,
    selection: BeadSelection,
    one_sided: bool = False,
) -> SelectedUnits:
    if checked is None:
        from aligner.checks import check_alignment

        checked = check_alignment(alignment)
    return export_units(
        alignment, checked, decisions=decisions, selection=selection, one_sided=one_sided
    )


def _exported(
    content: bytes, selected: SelectedUnits, too_long: tuple[int, ...] = ()
) -> ExportedFile:
    return ExportedFile(
        content,
        tuple(unit.number for unit in selected.units),
        selected.one_sided,
        selected.filtered,
        tuple(unit.number for unit in selected.units if unit.control_characters),
        too_long,
    )
