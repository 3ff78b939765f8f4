"""aligner: bilingual sentence alignment and translation QA.

    >>> from aligner import load_document, align_documents, to_dataframe
    >>> alignment = align_documents(load_document("it.txt"), load_document("en.txt"))
    >>> to_dataframe(alignment)

Nothing heavy is imported here: models load when first used.
"""

from aligner.align import align_segments
from aligner.embed import CachedEncoder, Encoder, load_encoder
from aligner.errors import AlignerError, EncoderError, InputError, LanguageError
from aligner.formats import format_beads, format_json, format_text, format_tsv, to_dataframe
from aligner.model import Alignment, Bead, Document, Segment
from aligner.pipeline import align_documents, load_document

__version__ = "0.1.0"

__all__ = [
    "AlignerError",
    "Alignment",
    "Bead",
    "CachedEncoder",
    "Document",
    "Encoder",
    "EncoderError",
    "InputError",
    "LanguageError",
    "Segment",
    "align_documents",
    "align_segments",
    "format_beads",
    "format_json",
    "format_text",
    "format_tsv",
    "load_document",
    "load_encoder",
    "to_dataframe",
]
