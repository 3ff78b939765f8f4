"""Subtitles (SRT, WebVTT) as blocks: one a cue, its timing in the locator."""

from __future__ import annotations

from pathlib import Path

import pysubs2

from aligner.errors import InputError
from aligner.formats import Block, Extracted, extracted, one_line
from aligner.model import BlockKind
from aligner.read import read_text

#: Extension → pysubs2's name of the format, the decimal mark of its timestamps, and
#: the format's name for people.
_FORMATS = {".srt": ("srt", ",", "SRT"), ".vtt": ("vtt", ".", "WebVTT")}


def read_subtitles(path: Path) -> Extracted:
    """One block a cue with text, in file order; a cue's lines are one line. Styling
    (italics, voices, positions), comments and style blocks are left out."""
    name, decimal_mark, title = _FORMATS[path.suffix.lower()]
    try:
        cues = pysubs2.SSAFile.from_string(read_text(path), format_=name)
    except pysubs2.Pysubs2Error as error:
        raise InputError(f"{path}: cannot read the subtitles ({error})") from None
    blocks = [
        Block(text, BlockKind.CUE, f"cue {number} ({_timing(cue, decimal_mark)})")
        for number, cue in enumerate(cues, 1)
        if (text := one_line(cue.plaintext))
    ]
    return extracted(path, name, blocks, f"in any cue: not {title} subtitles")


def _timing(cue: pysubs2.SSAEvent, decimal_mark: str) -> str:
    return f"{_timestamp(cue.start, decimal_mark)} --> {_timestamp(cue.end, decimal_mark)}"


def _timestamp(milliseconds: int, decimal_mark: str) -> str:
    """00:01:02,500 as SRT writes it (00:01:02.500 in WebVTT)."""
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, rest = divmod(rest, 1000)
    return f"{hours:02}:{minutes:02}:{seconds:02}{decimal_mark}{rest:03}"
