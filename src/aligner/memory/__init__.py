"""Translation memories a reviewer already has, read as pairs for the checks: TMX
(`memory.tmx`) and two-column TSV/CSV tables (`memory.table`).

    >>> memory = load_memory("client.tmx", tgt_lang="en-GB")
    >>> memory.units[0].src_text, memory.skipped   # pairs, and the units that were not

Nothing heavy is imported here: lxml loads when a TMX file is read.
"""

from __future__ import annotations

from pathlib import Path

from aligner.model import TranslationMemory

#: Why units are skipped on import, by reason code (`SkippedUnit.reason`), as said after
#: a count of units.
SKIP_REASONS = {
    "no-seg": "with a <tuv> without <seg>",
    "other-languages": "in neither language",
    "no-source": "without source text",
    "no-target": "without target text",
    "duplicate-tuid": "with a tuid seen before",
}


def load_memory(
    path: Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> TranslationMemory:
    """Read the pairs of a translation memory: TMX (.tmx), else a two-column TSV/CSV."""
    path = Path(path)
    if path.suffix.lower() == ".tmx":
        from aligner.memory.tmx import read_tmx

        return read_tmx(path, src_lang, tgt_lang)
    from aligner.memory.table import read_table

    return read_table(path, src_lang, tgt_lang)
