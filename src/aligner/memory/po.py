"""A gettext PO file read as pairs (polib): one pair per entry, one per plural form.

- msgid → msgstr; with msgid_plural, msgstr[0] against msgid and every other form
  against msgid_plural (form 0 is the singular in most languages, and its figures
  are the singular's);
- msgctxt is the unit's tuid (with the plural form: "menu msgstr[1]");
- fuzzy entries are read and checked, marked with the state "fuzzy" (the check of
  states warns: gettext does not use a fuzzy translation until someone confirms it);
- entries with no translation and obsolete ones (`#~`) are counted in `skipped`;
- translator (`#`) and extracted (`#.`) comments are the unit's notes.

printf and ICU placeholders are text in a PO file: they stay in the text as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from aligner.errors import InputError, LanguageError
from aligner.language import detect_language, language_tag
from aligner.model import SkippedUnit, TranslationMemory, TranslationUnit
from aligner.read import open_error

#: A line that holds a string: a keyword (msgid, msgstr[1], #~ msgid …) and what follows,
#: or a continuation string.
_STRING_LINE = re.compile(
    r"^(?:#~\s*)?(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?=[\s\"])\s*|(?=\"))(.*)$"
)
#: A quoted string, its escapes included.
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
#: polib's message for a syntax error: "Syntax error in po file x.po(line 12): unescaped
#: double quote found".
_SYNTAX_ERROR = re.compile(r"Syntax error in po file .*?\(line (\d+)\)(?::\s*(.*))?", re.S)


def read_po(
    path: Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> TranslationMemory:
    """The pairs of a PO file. The target language is `tgt_lang`, else the header's
    Language, else detected; the source `src_lang`, else the header's X-Source-Language,
    else detected from the msgids. InputError for a file that cannot be read or has a
    syntax error, with its line."""
    path = Path(path)
    catalog = _catalog(path)
    units: list[tuple[str, str, str | None, polib.POEntry]] = []
    skipped: list[SkippedUnit] = []
    for entry in catalog:
        line = entry.linenum
        if entry.obsolete:
            skipped.append(SkippedUnit("obsolete", line, entry.msgctxt))
        elif not any(_forms(entry).values()):
            skipped.append(SkippedUnit("untranslated", line, entry.msgctxt))
        else:
            for (form, source), target in _forms(entry).items():
                suffix = f"msgstr[{form}]" if entry.msgid_plural else None
                units.append((source, target, _tuid(entry.msgctxt, suffix), entry))
    if not units and not skipped:
        raise InputError(f"{path}: the file has no entries")
    metadata = catalog.metadata
    src_tag = _language(path, src_lang or metadata.get("X-Source-Language"), [u[0] for u in units])
    tgt_tag = _language(path, tgt_lang or metadata.get("Language"), [u[1] for u in units])
    pairs = tuple(
        TranslationUnit(
            src,
            tgt,
            src_tag,
            tgt_tag,
            tuid=tuid,
            notes=tuple(note for note in (entry.tcomment, entry.comment) if note),
            line=entry.linenum,
            state="fuzzy" if entry.fuzzy else None,
        )
        for src, tgt, tuid, entry in units
    )
    return TranslationMemory(path, src_tag, tgt_tag, pairs, tuple(skipped))


def _catalog(path: Path) -> polib.POFile:
    try:
        with open(path, "rb") as file:
            if not file.read(1):
                raise InputError(f"{path}: the file is empty")
        # polib reads the charset from the header.
        catalog = polib.pofile(str(path))
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not in the charset its header declares ({error.reason})"
        ) from None
    except OSError as error:
        syntax = _SYNTAX_ERROR.match(str(error))
        if syntax is None:
            raise open_error(path, error) from None
        what = (syntax.group(2) or "").strip() or "not a PO entry"
        raise InputError(f"{path}: line {syntax.group(1)}: PO syntax error: {what}") from None
    _refuse_malformed_strings(path, catalog.encoding)
    return catalog


def _refuse_malformed_strings(path: Path, encoding: str) -> None:
    """A keyword without a quoted string, or a string without its closing quote, is an
    error, as msgfmt says: polib reads `msgstr 5 euro` as an empty string and an
    unterminated one without its last character. Checked by hand, line by line: polib
    has no strict mode."""
    with open(path, encoding=encoding, errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            string = _STRING_LINE.match(line.strip())
            if string is not None and not _QUOTED.fullmatch(string.group(1)):
                what = "unterminated string" if string.group(1)[:1] == '"' else "no quoted string"
                raise InputError(f"{path}: line {number}: PO syntax error: {what}")


def _forms(entry: polib.POEntry) -> dict[tuple[int, str], str]:
    """(form, source) → translation: the one msgstr, or every plural form in order,
    form 0 against msgid and the others against msgid_plural."""
    if not entry.msgid_plural:
        return {(0, entry.msgid): entry.msgstr}
    return {
        (form, entry.msgid if form == 0 else entry.msgid_plural): text
        for form, text in sorted(entry.msgstr_plural.items())
    }


def _tuid(context: str | None, form: str | None) -> str | None:
    parts = [part for part in (context, form) if part]
    return " ".join(parts) if parts else None


def _language(path: Path, declared: str | None, texts: list[str]) -> str:
    if declared:
        return language_tag(declared)
    try:
        return detect_language("\n".join(texts))
    except LanguageError as error:
        raise LanguageError(f"{path}: {error}") from None
