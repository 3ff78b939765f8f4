"""Translation memories and bilingual files a reviewer already has, read as pairs for
the checks: TMX (`memory.tmx`), XLIFF 1.2 and 2.x (`memory.xliff`), gettext PO
(`memory.po`) and two-column TSV/CSV tables (`memory.table`).

    >>> memory = load_memory("client.tmx", tgt_lang="en-GB")
    >>> memory.units[0].src_text, memory.skipped   # pairs, and the units that were not

Nothing heavy is imported here: lxml loads when a TMX or XLIFF file is read, polib
when a PO file is.
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
    "untranslated": "without a translation",
    "not-translatable": 'marked translate="no"',
    "obsolete": "obsolete (#~)",
}

#: Bilingual files by extension: a file that is itself a list of pairs, which `check`,
#: `report` and `review` take alone. A table (.tsv, .csv) is not one: it is given with
#: --tsv, since a lone .tsv could as well be a forgotten document.
BILINGUAL_SUFFIXES = {
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".po": "po",
}


def is_bilingual(path: Path) -> bool:
    """Whether `path` names a bilingual file by its extension (TMX, XLIFF, PO)."""
    return Path(path).suffix.lower() in BILINGUAL_SUFFIXES


def load_memory(
    path: Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> TranslationMemory:
    """Read the pairs of a translation memory or bilingual file, by its extension: TMX
    (.tmx), XLIFF (.xlf, .xliff, .sdlxliff), PO (.po), else a two-column TSV/CSV."""
    path = Path(path)
    kind = BILINGUAL_SUFFIXES.get(path.suffix.lower())
    if kind == "tmx":
        from aligner.memory.tmx import read_tmx

        return read_tmx(path, src_lang, tgt_lang)
    if kind == "xliff":
        from aligner.memory.xliff import read_xliff

        return read_xliff(path, src_lang, tgt_lang)
    if kind == "po":
        from aligner.memory.po import read_po

        return read_po(path, src_lang, tgt_lang)
    from aligner.memory.table import read_table

    return read_table(path, src_lang, tgt_lang)
