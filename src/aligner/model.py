"""The data that flows through the pipeline: read → segment → embed → align.

Plain frozen dataclasses, no behaviour beyond derived properties, so every stage
(and a notebook) can build, inspect and compare them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Progress callback: (stage, done, total). Stages report as they go; a UI or CLI
#: turns the calls into a progress bar.
ProgressCallback = Callable[[str, int, int], None]


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
    #: True when the segment is a whole line without final punctuation: a heading,
    #: caption, list item or table cell rather than running prose.
    is_heading: bool = False


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
        """"2-1" for two source sentences aligned with one target sentence."""
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class Alignment:
    src: Document
    tgt: Document
    #: Monotonic and complete: every segment of each side is in exactly one bead.
    beads: tuple[Bead, ...]
    #: Name of the encoder that produced the embeddings.
    encoder: str


@dataclass(frozen=True)
class ExportedFile:
    """A file made from an alignment (TMX, XLSX), and what was left out of it."""

    content: bytes
    #: Numbers (indices into `Alignment.beads`) of the beads written, in order.
    beads: tuple[int, ...]
    #: Beads left out because one side is empty (1-0, 0-1): a memory pairs two texts.
    one_sided: int
    #: Beads left out by the minimum confidence or the 1-1 filter.
    filtered: int
    #: Numbers of the beads whose text had control characters that XML forbids,
    #: written as spaces.
    control_characters: tuple[int, ...]
    #: Numbers of the beads with a side longer than some CAT tools import (TMX only).
    too_long: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TranslationUnit:
    """A source text and its translation, read from a translation memory or a table."""

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


@dataclass(frozen=True)
class SkippedUnit:
    """A unit of a memory that could not be read as a pair, and why."""

    #: A stable kebab-case code, e.g. "no-seg", "duplicate-tuid".
    reason: str
    line: int
    tuid: str | None = None


@dataclass(frozen=True)
class TranslationMemory:
    """The pairs read from a TMX, TSV or CSV file, and the units that were not."""

    path: Path | None
    #: The languages the pairs were read in, as BCP 47 tags.
    src_lang: str
    tgt_lang: str
    units: tuple[TranslationUnit, ...]
    skipped: tuple[SkippedUnit, ...] = ()
