"""aligner: bilingual sentence alignment and translation QA.

    >>> from aligner import load_document, align_documents, to_dataframe, export_tmx, load_memory
    >>> alignment = align_documents(load_document("it.txt"), load_document("en.txt"))
    >>> to_dataframe(alignment)
    >>> open("it-en.tmx", "wb").write(export_tmx(alignment).content)
    >>> load_memory("client.tmx").units   # pairs read from a TMX, TSV or CSV file
    >>> check_alignment(alignment)   # findings per bead: numbers, omissions …
    >>> findings_to_dataframe(check_alignment(alignment))   # one row per finding
    >>> segment_similarities(alignment.src, alignment.tgt)   # for aligner.plots
    >>> judge_alignment(alignment).message   # "Reads as a translation: 94% of the Italian …"
    >>> align_corpus(Path("site"), output=Path("site-tm")).pairs   # a folder paired, aligned

Nothing is imported here until it is used: `import aligner` (and `aligner --help`)
loads neither pandas, lxml, rich nor an encoder; `from aligner import X` imports the
module that defines X.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the names below are, for type checkers and editors
    from aligner.align import align_segments
    from aligner.checks import (
        CHECKS,
        DOCUMENT_CHECKS,
        CheckConfig,
        check_alignment,
        check_memory,
        check_pair,
        compare_numbers,
        load_config,
        numeric_expressions,
        read_glossary,
        unchecked_features,
    )
    from aligner.corpus import CorpusResult, align_corpus
    from aligner.embed import CachedEncoder, Encoder, load_encoder
    from aligner.errors import AlignerError, EncoderError, InputError, LanguageError
    from aligner.export import export_tmx, export_xlsx, unit_notes
    from aligner.highlights import pair_highlights, styled_runs
    from aligner.listings import format_beads, format_json, format_text, format_tsv, to_dataframe
    from aligner.memory import load_memory
    from aligner.memory.table import read_table
    from aligner.memory.tmx import read_tmx
    from aligner.model import (
        Alignment,
        Bead,
        CheckedPair,
        Document,
        DocumentVerdict,
        ExportedFile,
        ExportUnit,
        Finding,
        Highlight,
        Segment,
        Severity,
        SkippedUnit,
        TextPair,
        TranslationMemory,
        TranslationUnit,
    )
    from aligner.pipeline import align_documents, load_document, segment_similarities
    from aligner.report import findings_to_dataframe
    from aligner.verdict import judge_alignment

#: The module that defines each public name (PEP 562 lazy attributes, written by hand:
#: a dozen lines do not call for a dependency).
_MODULES = {
    "align_segments": "align",
    **dict.fromkeys(
        [
            "CHECKS",
            "DOCUMENT_CHECKS",
            "CheckConfig",
            "check_alignment",
            "check_memory",
            "check_pair",
            "compare_numbers",
            "load_config",
            "numeric_expressions",
            "read_glossary",
            "unchecked_features",
        ],
        "checks",
    ),
    **dict.fromkeys(["CorpusResult", "align_corpus"], "corpus"),
    **dict.fromkeys(["CachedEncoder", "Encoder", "load_encoder"], "embed"),
    **dict.fromkeys(["AlignerError", "EncoderError", "InputError", "LanguageError"], "errors"),
    **dict.fromkeys(["export_tmx", "export_xlsx", "unit_notes"], "export"),
    **dict.fromkeys(["pair_highlights", "styled_runs"], "highlights"),
    **dict.fromkeys(
        ["format_beads", "format_json", "format_text", "format_tsv", "to_dataframe"], "listings"
    ),
    "load_memory": "memory",
    "read_table": "memory.table",
    "read_tmx": "memory.tmx",
    **dict.fromkeys(
        [
            "Alignment",
            "Bead",
            "CheckedPair",
            "Document",
            "DocumentVerdict",
            "ExportedFile",
            "ExportUnit",
            "Finding",
            "Highlight",
            "Segment",
            "Severity",
            "SkippedUnit",
            "TextPair",
            "TranslationMemory",
            "TranslationUnit",
        ],
        "model",
    ),
    **dict.fromkeys(["align_documents", "load_document", "segment_similarities"], "pipeline"),
    "findings_to_dataframe": "report",
    "judge_alignment": "verdict",
}


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module 'aligner' has no attribute {name!r}")
    value = getattr(import_module(f"aligner.{_MODULES[name]}"), name)
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__version__ = "0.1.0"

__all__ = [
    "AlignerError",
    "Alignment",
    "Bead",
    "CHECKS",
    "CachedEncoder",
    "CheckConfig",
    "CheckedPair",
    "DOCUMENT_CHECKS",
    "CorpusResult",
    "Document",
    "DocumentVerdict",
    "Encoder",
    "EncoderError",
    "ExportedFile",
    "ExportUnit",
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
    "align_corpus",
    "align_documents",
    "align_segments",
    "check_alignment",
    "check_memory",
    "check_pair",
    "compare_numbers",
    "export_tmx",
    "export_xlsx",
    "findings_to_dataframe",
    "format_beads",
    "format_json",
    "format_text",
    "format_tsv",
    "judge_alignment",
    "load_document",
    "load_encoder",
    "load_config",
    "load_memory",
    "numeric_expressions",
    "pair_highlights",
    "read_glossary",
    "read_table",
    "read_tmx",
    "segment_similarities",
    "styled_runs",
    "to_dataframe",
    "unit_notes",
    "unchecked_features",
]
