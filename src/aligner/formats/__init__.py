"""Read structured documents (HTML, DOCX, ODT, Markdown, subtitles) as blocks of text.

A reader turns a file into `Block`s — a heading, a paragraph, a list item, a cue — each
with its kind and where it is in the file. The document's text is the blocks one a
line, so the segmenter's rule "every line break ends a sentence" keeps blocks apart,
and a segment's line number is its block's index. Plain text has no reader here: it is
`aligner.read.read_text`.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import InputError
from aligner.model import BlockKind, InlineTag, Segment

#: Whitespace that HTML and XML collapse; the no-break spaces stay (they are part of
#: figures: "450 000").
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f\v]+")


def one_line(text: str) -> str:
    """`text` with runs of whitespace (line breaks included) as one space, stripped."""
    return _COLLAPSIBLE.sub(" ", text).strip()


@dataclass(frozen=True)
class Block:
    """One unit of a structured document, as its format delimits it."""

    #: On one line, whitespace collapsed; never empty.
    text: str
    kind: BlockKind
    #: Where the block is in the file, for people and tools (see `Segment.locator`).
    locator: str
    #: Inline markup, offsets into `text`.
    markup: tuple[InlineTag, ...] = ()


class BlockText:
    """A block's text built piece by piece as a reader walks its runs or elements,
    whitespace collapsed as `one_line` does, with the inline markup around pieces
    kept at their offsets in the collapsed text."""

    def __init__(self) -> None:
        self._text = ""
        self._markup: list[InlineTag] = []

    @property
    def position(self) -> int:
        """Where the next piece goes."""
        return len(self._text)

    def add(self, piece: str) -> None:
        piece = _COLLAPSIBLE.sub(" ", piece)
        if not self._text or self._text.endswith(" "):
            piece = piece.lstrip(" ")
        self._text += piece

    def mark(self, start: int, opening: str, closing: str) -> None:
        """Markup around the text added since `start` (a `position`); call it after
        the markup inside it, and it is put before (outermost first). Markup that goes
        on where the same markup ends (two bold runs in a row) is one."""
        for index, tag in enumerate(self._markup):
            if (tag.opening, tag.closing, tag.end) == (opening, closing, start):
                self._markup[index] = InlineTag(tag.start, self.position, opening, closing)
                return
        inner = [tag for tag in self._markup if tag.start >= start]
        self._markup[len(self._markup) - len(inner) :] = [
            InlineTag(start, self.position, opening, closing),
            *inner,
        ]

    def block(self, kind: BlockKind, locator: str) -> Block | None:
        """The block, or None when it has no text."""
        text = self._text.rstrip(" ")
        markup = tuple(
            InlineTag(tag.start, min(tag.end, len(text)), tag.opening, tag.closing)
            for tag in self._markup
            if tag.start < min(tag.end, len(text))
        )
        return Block(text, kind, locator, markup) if text else None


@dataclass(frozen=True)
class Extracted:
    """What a reader made of a file: its format and its blocks, in reading order."""

    format: str
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        """The document's text: one block a line."""
        return "".join(block.text + "\n" for block in self.blocks)

    def annotate(self, segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
        """`segments` of `text` with their block's kind and locator, and `is_heading`
        from the kind (a cue's stays the segmenter's)."""
        per_block = [0] * len(self.blocks)
        for segment in segments:
            per_block[segment.line] += 1
        starts = list(itertools.accumulate((len(b.text) + 1 for b in self.blocks), initial=0))
        return tuple(
            dataclasses.replace(
                segment,
                block=(block := self.blocks[segment.line]).kind,
                locator=block.locator,
                is_heading=_stands_alone(block.kind, per_block[segment.line], segment),
                markup=_within(block.markup, segment.start - starts[segment.line], segment),
            )
            for segment in segments
        )


def _within(markup: tuple[InlineTag, ...], offset: int, segment: Segment) -> tuple[InlineTag, ...]:
    """The markup of a block that overlaps `segment` (at `offset` in the block), cut to
    it, in the segment's offsets: a bold run across two sentences is bold in each."""
    length = segment.end - segment.start
    return tuple(
        InlineTag(start, end, tag.opening, tag.closing)
        for tag in markup
        if (start := max(tag.start - offset, 0)) < (end := min(tag.end - offset, length))
    )


#: Blocks that stand alone in web copy and are often only in one version: the aligner
#: scores them as it scores headings (no merges, a higher floor, a cheap omission).
_STANDALONE = frozenset(
    {BlockKind.CAPTION, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL, BlockKind.ASIDE}
)


def _stands_alone(kind: BlockKind, segments_in_block: int, segment: Segment) -> bool:
    if kind is BlockKind.CUE:
        return segment.is_heading  # a subtitle format does not say: the heuristics do
    if kind is BlockKind.HEADING:
        return True
    # A list item or a caption of several sentences is prose, which translators split
    # and join like any other.
    return kind in _STANDALONE and segments_in_block == 1


def _html(path: Path) -> Extracted:
    from aligner.formats.html import read_html

    return read_html(path)


def _docx(path: Path) -> Extracted:
    from aligner.formats.docx import read_docx

    return read_docx(path)


def _markdown(path: Path) -> Extracted:
    from aligner.formats.markdown import read_markdown

    return read_markdown(path)


def _odt(path: Path) -> Extracted:
    from aligner.formats.odt import read_odt

    return read_odt(path)


def _subtitles(path: Path) -> Extracted:
    from aligner.formats.subtitles import read_subtitles

    return read_subtitles(path)


#: Extension (lower case) → reader. The readers are imported when used: each pulls in
#: its parser (lxml, python-docx, markdown-it-py, pysubs2).
_READERS: dict[str, Callable[[Path], Extracted]] = {
    ".html": _html,
    ".htm": _html,
    ".xhtml": _html,
    ".docx": _docx,
    ".odt": _odt,
    ".md": _markdown,
    ".markdown": _markdown,
    ".srt": _subtitles,
    ".vtt": _subtitles,
}

#: The formats read, for messages and the README: the extensions above.
STRUCTURED_EXTENSIONS = tuple(_READERS)


def read_structured(path: Path) -> Extracted | None:
    """The blocks of `path` when its extension names a structured format, else None
    (plain text). Raises InputError when the file is not what its extension says."""
    reader = _READERS.get(path.suffix.lower())
    return None if reader is None else reader(path)


def extracted(path: Path, format_name: str, blocks: list[Block], where: str) -> Extracted:
    """The blocks read, or an InputError when there are none (`where`: what was read,
    "in the page's main content")."""
    if not blocks:
        raise InputError(f"{path}: no text {where}")
    return Extracted(format_name, tuple(blocks))
