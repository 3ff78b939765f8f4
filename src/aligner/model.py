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
