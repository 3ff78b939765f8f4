"""What a corpus run leaves in its output folder: every pair's beads as a Parquet file
of its own (written by the worker that aligned it), then, from those, one TMX memory
and one Parquet table of the whole corpus, each written pair by pair as the pairs
finish, and the summary as JSON. Every file is written atomically (`files.atomic_file`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from aligner.export import export_units
from aligner.files import atomic_file, write_atomically
from aligner.model import Alignment, CheckedPair, ExportUnit, InlineTag

#: The document pair of a TMX unit, as <prop>s: the documents' paths relative to their
#: folders, and the pair's id (`pairs.parquet`, the beads table).
PAIR_PROP = "x-aligner-pair"
SRC_DOCUMENT_PROP = "x-aligner-src-document"
TGT_DOCUMENT_PROP = "x-aligner-tgt-document"

_MARKUP = pa.list_(
    pa.struct(
        [
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("opening", pa.string()),
            ("closing", pa.string()),
        ]
    )
)
_FINDINGS = pa.list_(
    pa.struct(
        [
            ("check", pa.string()),
            ("code", pa.string()),
            ("severity", pa.string()),
            ("message", pa.string()),
        ]
    )
)

#: One row a bead. A pair's own file has every column; the corpus table leaves out
#: what only its TMX units need (`TMX_ONLY_COLUMNS`).
BEADS_SCHEMA = pa.schema(
    [
        ("pair_id", pa.string()),
        ("src_document", pa.string()),
        ("tgt_document", pa.string()),
        # The bead's number in its pair, as every view of the pair shows it.
        ("bead", pa.int32()),
        ("kind", pa.string()),
        ("src_ids", pa.list_(pa.int32())),
        ("tgt_ids", pa.list_(pa.int32())),
        ("score", pa.float64()),
        ("src_text", pa.string()),
        ("tgt_text", pa.string()),
        ("src_locator", pa.string()),
        ("tgt_locator", pa.string()),
        ("findings", _FINDINGS),
        ("notes", pa.list_(pa.string())),
        ("src_markup", _MARKUP),
        ("tgt_markup", _MARKUP),
    ]
)
TMX_ONLY_COLUMNS = ("notes", "src_markup", "tgt_markup")


def beads_table(
    pair_id: str, src_name: str, tgt_name: str, alignment: Alignment, checked: Sequence[CheckedPair]
) -> pa.Table:
    """Every bead of one pair, with its texts as a memory writes them (`export_units`,
    one-sided beads included) and its findings."""
    units = export_units(alignment, checked, one_sided=True).units
    rows = [
        {
            "pair_id": pair_id,
            "src_document": src_name,
            "tgt_document": tgt_name,
            "bead": unit.number,
            "kind": unit.kind,
            "src_ids": list(bead.src),
            "tgt_ids": list(bead.tgt),
            "score": unit.score,
            "src_text": unit.src_text,
            "tgt_text": unit.tgt_text,
            "src_locator": unit.src_locator,
            "tgt_locator": unit.tgt_locator,
            "findings": [
                {
                    "check": f.check,
                    "code": f.code,
                    "severity": f.severity.value,
                    "message": f.message,
                }
                for f in pair.findings
            ],
            "notes": list(unit.notes),
            "src_markup": [_tag_row(tag) for tag in unit.src_markup],
            "tgt_markup": [_tag_row(tag) for tag in unit.tgt_markup],
        }
        for unit, bead, pair in zip(units, alignment.beads, checked, strict=True)
    ]
    return pa.Table.from_pylist(rows, schema=BEADS_SCHEMA)


def _tag_row(tag: InlineTag) -> dict[str, Any]:
    return {"start": tag.start, "end": tag.end, "opening": tag.opening, "closing": tag.closing}


def write_pair_file(path: Path, table: pa.Table) -> None:
    """A pair's beads, written by its worker without waiting for the disk: the client
    makes the file durable (`files.sync_file`) before its journal says the pair is
    finished (`Manifest.record`), off the workers' time."""
    with atomic_file(path, durable=False) as file:
        pq.write_table(table, file)


#: Beads of one row group of the corpus's table. The writer keeps every row group's
#: description until it closes the file (about 30 KB each): a row group a pair made
#: the client's memory grow by 60 MB from 200 pairs to 2,000; a few thousand beads
#: a group keep both that and the beads held at once small.
ROW_GROUP_BEADS = 2_000


class CorpusWriter:
    """What `corpus_writer` gives: the corpus's memory (one TMX of every pair's beads
    with text on both sides, each text pair once: the first pair's) and its beads
    table, written pair by pair from the pairs' files, given in pair order as they
    finish: while the workers align the others, and never all read at once."""

    def __init__(self, write_unit: Callable[[ExportUnit], None], table: pq.ParquetWriter):
        self._write_unit = write_unit
        self._table = table
        #: Units written to the memory, and units left out as another's duplicates.
        self.units = self.duplicates = 0
        self._seen: set[int] = set()
        self._group: list[pa.Table] = []

    def add(self, result: Path) -> None:
        """The beads of one pair's file (`BEADS_SCHEMA`), after those of the pairs before."""
        table = pq.read_table(result)
        for row in table.to_pylist():
            if not (row["src_ids"] and row["tgt_ids"]):
                continue
            key = hash((row["src_text"], row["tgt_text"]))
            if key in self._seen:
                self.duplicates += 1
                continue
            self._seen.add(key)
            self.units += 1
            self._write_unit(_unit(row))
        self._group.append(table.drop_columns(list(TMX_ONLY_COLUMNS)))
        if sum(group.num_rows for group in self._group) >= ROW_GROUP_BEADS:
            self.flush()

    def flush(self) -> None:
        if self._group:
            self._table.write_table(pa.concat_tables(self._group))
            self._group = []


@contextmanager
def corpus_writer(
    memory: Path, beads: Path, src_tag: str, tgt_tag: str, encoder: str
) -> Iterator[CorpusWriter]:
    """A `CorpusWriter` of the memory at `memory` and the beads table at `beads`; each
    file replaces its path only when the block ends without an error."""
    from aligner.export.tmx import tmx_writer

    schema = BEADS_SCHEMA
    for column in TMX_ONLY_COLUMNS:
        schema = schema.remove(schema.get_field_index(column))
    with (
        atomic_file(memory) as memory_file,
        tmx_writer(memory_file, src_tag, tgt_tag, encoder) as write_unit,
        atomic_file(beads) as beads_file,
        pq.ParquetWriter(beads_file, schema) as table,
    ):
        writer = CorpusWriter(write_unit, table)
        yield writer
        writer.flush()


def _unit(row: dict[str, Any]) -> ExportUnit:
    return ExportUnit(
        number=row["bead"],
        kind=row["kind"],
        score=row["score"],
        src_text=row["src_text"],
        tgt_text=row["tgt_text"],
        notes=tuple(row["notes"]),
        src_locator=row["src_locator"],
        tgt_locator=row["tgt_locator"],
        src_markup=tuple(InlineTag(**tag) for tag in row["src_markup"]),
        tgt_markup=tuple(InlineTag(**tag) for tag in row["tgt_markup"]),
        tuid=f"{row['pair_id']}-{row['bead']}",
        props=(
            (PAIR_PROP, row["pair_id"]),
            (SRC_DOCUMENT_PROP, row["src_document"]),
            (TGT_DOCUMENT_PROP, row["tgt_document"]),
        ),
    )


def write_summary(path: Path, summary: dict[str, Any]) -> None:
    write_atomically(path, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
