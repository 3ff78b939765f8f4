"""aligner: bilingual sentence alignment and translation QA.

    >>> from aligner import load_document, align_documents, to_dataframe, export_tmx, load_memory
    >>> alignment = align_documents(load_document("it.txt"), load_document("en.txt"))
    >>> to_dataframe(alignment)
    >>> open("it-en.tmx", "wb").write(export_tmx(alignment).content)
    >>> load_memory("client.tmx").units   # pairs read from a TMX, TSV or CSV file
    >>> check_alignment(alignment)   # findings per bead: numbers, omissions …
    >>> findings_to_dataframe(check_alignment(alignment))   # one row per finding
    >>> segment_similarities(alignment.src, alignment.tgt)   # for aligner.plots

Nothing heavy is imported here: models load when first used.
"""

from aligner.align import align_segments
from aligner.checks import (
    CHECKS,
    check_alignment,
    check_memory,
    check_pair,
    compare_numbers,
    finding_notes,
    numeric_expressions,
    unchecked_features,
)
from aligner.embed import CachedEncoder, Encoder, load_encoder
from aligner.errors import AlignerError, EncoderError, InputError, LanguageError
from aligner.formats import format_beads, format_json, format_text, format_tsv, to_dataframe
from aligner.model import (
    Alignment,
    Bead,
    CheckedPair,
    Document,
    ExportedFile,
    Finding,
    Highlight,
    Segment,
    Severity,
    SkippedUnit,
    TextPair,
    TranslationMemory,
    TranslationUnit,
)
from aligner.highlights import pair_highlights, styled_runs
from aligner.pipeline import align_documents, load_document, load_memory, segment_similarities
from aligner.report import findings_to_dataframe
from aligner.tables import export_xlsx, read_table
from aligner.tmx import export_tmx, read_tmx

__version__ = "0.1.0"

__all__ = [
    "AlignerError",
    "Alignment",
    "Bead",
    "CHECKS",
    "CachedEncoder",
    "CheckedPair",
    "Document",
    "Encoder",
    "EncoderError",
    "ExportedFile",
    "Finding",
    "Highlight",
    "InputError",
    "LanguageError",
    "Segment",
    "Severity",
    "SkippedUnit",
    "TextPair",
    "TranslationMemory",
    "TranslationUnit",
    "align_documents",
    "align_segments",
    "check_alignment",
    "check_memory",
    "check_pair",
    "compare_numbers",
    "export_tmx",
    "export_xlsx",
    "finding_notes",
    "findings_to_dataframe",
    "format_beads",
    "format_json",
    "format_text",
    "format_tsv",
    "load_document",
    "load_encoder",
    "load_memory",
    "numeric_expressions",
    "pair_highlights",
    "read_table",
    "read_tmx",
    "segment_similarities",
    "styled_runs",
    "to_dataframe",
    "unchecked_features",
]
