"""The data that flows through the pipeline: read → segment → embed → align → check.

Plain frozen dataclasses, no behaviour beyond derived properties, so every stage
(and a notebook) can build, inspect and compare them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

#: Progress callback: (stage, done, total). Stages report as they go; a UI or CLI
#: turns the calls into a progress bar.
ProgressCallback = Callable[[str, int, int], None]

_Data = TypeVar("_Data")


def with_fields(instance: _Data, **changes: object) -> _Data:
    """`instance` with some fields changed, as `dataclasses.replace` makes it but
    without calling `__init__`, whose field-by-field handling is most of the cost when a
    key remakes thousands (an edit shifts every later segment; a bulk dismissal touches
    every bead): for these plain dataclasses, which compute nothing at construction."""
    made = object.__new__(type(instance))
    made.__dict__.update(vars(instance), **changes)
    return made


class BlockKind(StrEnum):
    """What a block of a structured document (HTML, DOCX, Markdown) is, as its format
    says: the aligner and the checks use it where plain text needs heuristics."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    CAPTION = "caption"
    TABLE_CELL = "table-cell"
    ASIDE = "aside"
    #: A subtitle cue: its format says nothing of headings, so the heuristics decide.
    CUE = "cue"


@dataclass(frozen=True)
class InlineTag:
    """Inline markup around some words of a text (bold, a link): not text, but what a
    TMX keeps as a placeholder so that a CAT tool reuses the unit with its tags."""

    #: [start, end) of the words it marks, in the text it belongs to.
    start: int
    end: int
    #: The markup as the file writes it, e.g. '<a href="/it">' and '</a>'.
    opening: str
    closing: str


@dataclass(frozen=True)
class Segment:
    """One sentence (or one line in pre-segmented input) of a document."""

    index: int
    #: Character offsets into `Document.text`: `text == document.text[start:end]`.
    start: int
    end: int
    text: str
    #: 0-based number of the line of the original text the segment is on.
    line: int
    #: True for a heading, caption, list item or table cell rather than running prose:
    #: from the block's kind where the format gives one (`block`), else a whole line
    #: without final punctuation.
    is_heading: bool = False
    #: The kind of block the segment is in; None for plain text.
    block: BlockKind | None = None
    #: Where the segment is in the original file, for people: "p[3]" of an element
    #: path, "paragraph 12", "cue 7 (00:00:14,200 --> 00:00:17,000)"; None for plain
    #: text, where `line` says it.
    locator: str | None = None
    #: Inline markup within `text` (offsets into it); tags may nest or cross, as
    #: Word's runs do (TMX pairs <bpt> and <ept> by number, so either is written).
    markup: tuple[InlineTag, ...] = ()


@dataclass(frozen=True)
class Document:
    path: Path | None
    #: The decoded text (BOM removed, line ends normalised to "\n").
    text: str
    #: ISO 639-1 code, e.g. "it".
    lang: str
    segments: tuple[Segment, ...]
    #: True when the language was detected rather than given.
    lang_detected: bool = False
    #: The format the document was read as: "text", "html", "docx", "markdown", "srt",
    #: "vtt". For every format but "text", `text` is the extracted text, one block a line.
    format: str = "text"
    #: For a side of a bilingual file (XLIFF, PO, TMX) under review: segment i is unit
    #: i, with its id, state and notes; empty for a document.
    units: tuple[TranslationUnit, ...] = ()

    def units_of(self, ids: tuple[int, ...]) -> tuple[TranslationUnit, ...]:
        """The bilingual file's units that segments `ids` are; () for a document."""
        return tuple(self.units[i] for i in ids) if self.units else ()

    def locator(self, ids: tuple[int, ...]) -> str | None:
        """Where segments `ids` are in the original file: their blocks' locators, each
        once, in order ("p[3]; p[4]"); None for plain text or no segment."""
        found = dict.fromkeys(
            locator for i in ids if (locator := self.segments[i].locator) is not None
        )
        return "; ".join(found) or None


#: Bead scores are confidences in [0, 1] that a bead is right. At or above this a bead
#: is right at least three times in four: nothing to check.
CONFIDENT_SCORE = 0.75
#: Below this a bead is more likely wrong than right: check it first.
DOUBTFUL_SCORE = 0.5


def confidence_band(score: float) -> str:
    """ "confident" (nothing to check), "doubtful" (check it first) or "unsure": how every
    view colours a bead's confidence."""
    if score >= CONFIDENT_SCORE:
        return "confident"
    return "unsure" if score >= DOUBTFUL_SCORE else "doubtful"


@dataclass(frozen=True)
class Bead:
    """Consecutive source segments aligned with consecutive target segments.

    Either side may be empty (an omission or an insertion), never both.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    #: Confidence in [0, 1] that this bead is right.
    score: float

    @property
    def kind(self) -> str:
        """ "2-1" for two source sentences aligned with one target sentence."""
        return f"{len(self.src)}-{len(self.tgt)}"


def bead_number(index: int) -> int:
    """The number people see for the bead at `index` of an alignment's beads: counted
    from 1, the same in the review UI, the listings, the check reports, the HTML report,
    the TMX `tuid` and every message. (The gold `beads` format keeps its 0-based
    indices: those number sentences, not beads.)"""
    return index + 1


def bead_index(number: int) -> int:
    """The index of the bead people call `number` (the inverse of `bead_number`)."""
    return number - 1


@dataclass(frozen=True)
class Alignment:
    src: Document
    tgt: Document
    #: Monotonic and complete: every segment of each side is in exactly one bead.
    beads: tuple[Bead, ...]
    #: Name of the encoder that produced the embeddings.
    encoder: str


@dataclass(frozen=True)
class DocumentVerdict:
    """Whether two aligned documents read as translations of each other
    (`aligner.verdict.judge_alignment`): how much of each side has a counterpart, and
    the sentence every view shows."""

    src_lang: str
    tgt_lang: str
    #: Share of each side's characters in beads with both sides that are more likely
    #: right than wrong (confidence at least DOUBTFUL_SCORE), 0 to 1.
    src_coverage: float
    tgt_coverage: float
    #: The same share over both sides' characters together: what the verdict is.
    coverage: float
    #: Mean confidence of the beads with both sides, weighted by their characters.
    confidence: float
    is_translation: bool
    #: "Reads as a translation: 94% of the Italian and 78% of the English have a
    #: counterpart (mean confidence 0.87)."
    message: str


@dataclass(frozen=True)
class ExportUnit:
    """One bead as an export writes it: a TMX unit, a spreadsheet row."""

    #: The bead's number (`bead_number`): the row's "#", and the unit's tuid unless
    #: `tuid` says.
    number: int
    #: "2-1"
    kind: str
    score: float
    #: The sentences of each side joined as the document writes them, made safe for
    #: XML ("" for the empty side of a 1-0 or 0-1 bead).
    src_text: str
    tgt_text: str
    #: The reviewer's comment, open findings, dismissed findings with why.
    notes: tuple[str, ...] = ()
    #: True when a text had characters XML forbids, written as spaces.
    control_characters: bool = False
    #: Where each side is in its original file (`Document.locator`), if it says.
    src_locator: str | None = None
    tgt_locator: str | None = None
    #: Inline markup of each side, offsets into `src_text` / `tgt_text`.
    src_markup: tuple[InlineTag, ...] = ()
    tgt_markup: tuple[InlineTag, ...] = ()
    #: The id of the bilingual file's unit the bead is (ids joined by "+" for units
    #: the reviewer merged), kept as the TMX tuid; None for a bead of documents.
    tuid: str | None = None
    #: Further <prop>s of the unit as (type, value): a corpus's document pair.
    props: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ExportedFile:
    """A file made from an alignment (TMX, XLSX), and what was left out of it."""

    content: bytes
    #: Numbers of the beads written (`bead_number`, the units' tuids), in order.
    beads: tuple[int, ...]
    #: Beads left out because one side is empty (1-0, 0-1): a memory pairs two texts.
    one_sided: int
    #: Beads left out by the minimum confidence, the 1-1 filter or accepted-only.
    filtered: int
    #: Numbers of the beads whose text had control characters that XML forbids,
    #: written as spaces.
    control_characters: tuple[int, ...]
    #: Numbers of the beads with a side longer than some CAT tools import (TMX only).
    too_long: tuple[int, ...] = ()


#: The confidence of a bead, as a <prop> of its TMX unit (written on export, read back).
SCORE_PROP = "x-aligner-score"


@dataclass(frozen=True, slots=True)
class TranslationUnit:
    """A source text and its translation, read from a translation memory, a bilingual
    file (XLIFF, PO) or a table."""

    src_text: str
    tgt_text: str
    #: BCP 47 tags as the file writes them, e.g. "en-GB".
    src_lang: str
    tgt_lang: str
    tuid: str | None = None
    #: The file's confidence that the pair is right (aligner's x-aligner-score), if any.
    score: float | None = None
    #: The unit's <prop type="…"> elements as (type, value), in file order.
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    #: 1-based line of the file where the unit starts.
    line: int | None = None
    #: How far the file says the translation is: XLIFF's state ("needs-review-translation",
    #: "final"), "fuzzy" for a PO entry so marked; None when the file does not say.
    state: str | None = None


@dataclass(frozen=True)
class SkippedUnit:
    """A unit of a memory that could not be read as a pair, and why."""

    #: A stable kebab-case code, e.g. "no-seg", "duplicate-tuid".
    reason: str
    line: int
    tuid: str | None = None


@dataclass(frozen=True)
class TranslationMemory:
    """The pairs read from a TMX, XLIFF, PO, TSV or CSV file, and the units that were not."""

    path: Path | None
    #: The languages the pairs were read in, as BCP 47 tags.
    src_lang: str
    tgt_lang: str
    units: tuple[TranslationUnit, ...]
    skipped: tuple[SkippedUnit, ...] = ()


class Severity(StrEnum):
    """How sure a check is that a finding is a defect."""

    #: A defect: the translation says something else (a different currency, a wrong date).
    ERROR = "error"
    #: Probably a defect, worth a look (a figure missing in the target).
    WARNING = "warning"
    #: Not a defect; a reviewer may like to see it (a converted unit, digits written out).
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for an error, 1 for a warning, 0 for info: compare severities with it."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


#: A character span [start, end) in a pair's source or target text.
Span = tuple[int, int]


@dataclass(frozen=True)
class TextPair:
    """What the checks look at: a source text and its translation, with their languages.

    It comes from a bead (the texts of its segments) or from a translation-memory unit.
    """

    #: None for the missing side of a 1-0 or 0-1 bead (no counterpart); "" for an
    #: empty segment (a translation-memory unit with an empty target).
    src_text: str | None
    tgt_text: str | None
    src_lang: str
    tgt_lang: str
    #: The aligner's confidence in [0, 1]; None when the pair was not aligned by us.
    score: float | None = None
    #: True when every segment of that side is a heading, caption or list item.
    src_heading: bool = False
    tgt_heading: bool = False
    #: The cosine similarity of the two texts' embeddings, where the meaning check
    #: embedded them (`checks.meaning.with_similarities`); None otherwise.
    similarity: float | None = None
    #: How similar each text is to the other pairs' texts nearby: the mean of the
    #: highest such similarities (`with_similarities`); None with no other pair.
    similarity_elsewhere: float | None = None


@dataclass(frozen=True)
class Finding:
    """One defect (or a note) a check found in a pair."""

    #: Name of the check, a key of `aligner.checks.CHECKS` or `DOCUMENT_CHECKS`
    #: ("numbers"), "glossary", or a custom check's name; "verdict" for the finding of
    #: two documents that do not read as translations (`aligner.verdict`).
    check: str
    #: Stable kebab-case code shared by every output ("currency-mismatch").
    code: str
    severity: Severity
    #: One sentence a translator understands.
    message: str
    #: What to highlight: character spans in the pair's source and target text.
    src_span: Span | None = None
    tgt_span: Span | None = None


@dataclass(frozen=True)
class CheckedPair:
    """A pair with its findings, in input order."""

    #: Position in the input: the bead number, or the unit number of a TMX file.
    index: int
    pair: TextPair
    findings: tuple[Finding, ...]
    #: The segment indices of the bead; empty for pairs not aligned from documents.
    src_ids: tuple[int, ...] = ()
    tgt_ids: tuple[int, ...] = ()
    #: Offset of `pair.src_text` (`tgt_text`) in its `Document.text`; add it to a
    #: finding's span for a span in the document. None when the side is empty or the
    #: pair does not come from a document.
    src_offset: int | None = None
    tgt_offset: int | None = None
    #: The translation unit's id when the pair comes from a TMX file.
    tuid: str | None = None
    #: Where each side is in its original file (`Document.locator`): an element path,
    #: a paragraph or cue number; None for plain text and memories.
    src_locator: str | None = None
    tgt_locator: str | None = None


@dataclass(frozen=True)
class Highlight:
    """A stretch of one side of a pair to show marked: a figure that agrees with its
    translation, or the words a finding is about."""

    #: "src" or "tgt".
    side: str
    #: [start, end) in the pair's text of that side.
    span: Span
    #: "agree" for a figure matched on the other side, else the finding's severity.
    style: str


@dataclass(frozen=True)
class DismissedFinding:
    """A finding the reviewer judged not a defect, with why. It matches the findings of
    its bead with the same code and message, so it survives a recheck of the bead."""

    code: str
    message: str
    note: str = ""


@dataclass(frozen=True)
class ReviewBead:
    """A bead as the reviewer left it: its segments (after merges and splits) and the
    reviewer's decisions on it."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    #: The aligner's confidence; a bead the reviewer made (merge, split, detach) is
    #: scored from its texts as the aligner scores its beads (`pipeline.bead_score`).
    score: float
    accepted: bool = False
    dismissed: tuple[DismissedFinding, ...] = ()
    comment: str = ""
    #: True for a bead the reviewer made (merge, split, detach): a decision that
    #: re-aligning keeps, like an acceptance.
    reviewer_made: bool = False
    #: True for a bead the reviewer fixed as right (memoQ's and Trados' confirmed link,
    #: OmegaT's pinpoint): re-aligning between pins keeps it exactly (`aligner.pinning`).
    #: A bead the reviewer makes is pinned as it is made.
    pinned: bool = False

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"
