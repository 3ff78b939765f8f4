"""Key terms: a glossary's required translations and forbidden terms, checked on
every pair (Xbench's key-term mismatch, Verifika's terminology check).

A glossary is read from TBX (any version: `termEntry` or `conceptEntry`, with
`tig`, `ntig` or `termSec`) or from a CSV/TSV table of source term, target term and
an optional third column that marks a forbidden target term. Terms match by lemma
(`aligner.checks.words`), so "contratti" finds "contratto", never as a raw substring
("art" is not in "party").
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.checks.words import Word, find_phrase, words
from aligner.errors import InputError, LanguageError
from aligner.language import normalize_language
from aligner.model import Finding, Severity, Span, TextPair

if TYPE_CHECKING:
    from lxml import etree

#: Values of a table's third column, or of TBX's administrativeStatus and usage notes,
#: that mark a term not to be used.
FORBIDDEN_MARKS = frozenset(
    {
        "forbidden", "deprecated", "do not use", "not allowed", "prohibited", "banned",
        "x", "no", "deprecatedterm-admn-sts", "supersededterm-admn-sts",
        "notrecommended", "not recommended", "obsolete", "superseded",
    }
)  # fmt: skip
#: Header cells that say a table's first row is not a term.
_HEADER_CELLS = frozenset({"source", "target", "source term", "target term", "term", "status"})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept: its source terms, the target terms that translate it (any one
    will do), and target terms that must not be used for it."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    forbidden: tuple[str, ...] = ()


@dataclass(frozen=True)
class Glossary:
    #: A table's entries, read as the pairs' source → target.
    entries: tuple[GlossaryEntry, ...] = ()
    #: A TBX file's entries for each (source, target) of its languages (ISO 639-1
    #: codes): it serves pairs in either direction.
    by_languages: Mapping[tuple[str, str], tuple[GlossaryEntry, ...]] = field(default_factory=dict)
    path: Path | None = None

    def entries_for(self, src_lang: str, tgt_lang: str) -> tuple[GlossaryEntry, ...]:
        if self.by_languages:
            return self.by_languages.get((src_lang, tgt_lang), ())
        return self.entries


def read_glossary(path: Path) -> Glossary:
    """A glossary file: TBX by its extension (.tbx, .xml) or content, else a CSV or TSV
    table. InputError for a file that cannot be read or has no term."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the glossary {path}: {error.strerror}") from None
    if path.suffix.lower() in (".tbx", ".xml") or content.lstrip().startswith(b"<"):
        glossary = _read_tbx(path, content)
    else:
        glossary = _read_table(path, content)
    if not glossary.entries and not any(glossary.by_languages.values()):
        raise InputError(f"the glossary {path} has no term")
    return glossary


def _read_table(path: Path, content: bytes) -> Glossary:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"the glossary {path} is not UTF-8 text") from None
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in text.split("\n", 1)[0] else ","
    rows = [row for row in csv.reader(text.splitlines(), delimiter=delimiter) if any(row)]
    if rows and {cell.strip().lower() for cell in rows[0]} & _HEADER_CELLS:
        rows = rows[1:]
    entries: dict[str, GlossaryEntry] = {}
    for number, row in enumerate(rows, 1):
        if len(row) < 2:
            raise InputError(
                f"the glossary {path}: row {number} has no target term (source, target[, status])"
            )
        source, target = row[0].strip(), row[1].strip()
        forbidden = len(row) > 2 and row[2].strip().lower() in FORBIDDEN_MARKS
        entry = entries.get(source.lower(), GlossaryEntry((source,), ()))
        if forbidden:
            entry = GlossaryEntry(entry.source, entry.target, (*entry.forbidden, target))
        elif target:
            entry = GlossaryEntry(entry.source, (*entry.target, target), entry.forbidden)
        entries[source.lower()] = entry
    return Glossary(tuple(entries.values()), path=path)


def _read_tbx(path: Path, content: bytes) -> Glossary:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"the glossary {path} is not well-formed TBX: {error}") from None
    concepts: list[dict[str, list[tuple[str, bool]]]] = []
    for concept in root.iter("{*}termEntry", "{*}conceptEntry"):
        terms: dict[str, list[tuple[str, bool]]] = {}
        for lang_set in concept.iter("{*}langSet", "{*}langSec"):
            lang = _tbx_language(lang_set.get(_XML_LANG) or lang_set.get("lang") or "")
            for term_group in lang_set.iter("{*}tig", "{*}ntig", "{*}termSec"):
                term = next(term_group.iter("{*}term"), None)
                if term is None or not "".join(term.itertext()).strip():
                    continue
                terms.setdefault(lang, []).append(
                    ("".join(term.itertext()).strip(), _tbx_forbidden(term_group))
                )
        concepts.append(terms)
    languages = list(dict.fromkeys(lang for terms in concepts for lang in terms))
    by_languages = {
        (source, target): tuple(
            GlossaryEntry(
                tuple(text for text, forbidden in terms[source] if not forbidden),
                tuple(text for text, forbidden in terms.get(target, ()) if not forbidden),
                tuple(text for text, forbidden in terms.get(target, ()) if forbidden),
            )
            for terms in concepts
            if source in terms
        )
        for source in languages
        for target in languages
        if source != target
    }
    return Glossary(by_languages=by_languages, path=path)


def _tbx_language(tag: str) -> str:
    try:
        return normalize_language(tag)
    except LanguageError:  # a language the aligner does not read: kept as written
        return tag.split("-")[0].lower()


def _tbx_forbidden(term_group: etree._Element) -> bool:
    """Whether a TBX term is marked not to be used: its administrativeStatus, or a
    usage note that says so."""
    for note in term_group.iter("{*}termNote", "{*}descrip", "{*}note"):
        kind = (note.get("type") or "").lower()
        value = "".join(map(str, note.itertext())).strip().lower()
        if kind in ("administrativestatus", "usagenote", "usage note", "") and (
            value in FORBIDDEN_MARKS or value.startswith("do not use")
        ):
            return True
    return False


def glossary_check(glossary: Glossary) -> Callable[[TextPair], Sequence[Finding]]:
    """The key-term check of `glossary`, a check like those of `CHECKS`."""

    def check_glossary(pair: TextPair) -> tuple[Finding, ...]:
        entries = glossary.entries_for(pair.src_lang, pair.tgt_lang)
        if not pair.src_text or not pair.tgt_text or not entries:
            return ()
        src_words = words(pair.src_text, pair.src_lang)
        tgt_words = words(pair.tgt_text, pair.tgt_lang)
        findings = []
        for entry in entries:
            found = _first(src_words, entry.source, pair.src_lang)
            if found is not None and entry.target:
                if not any(_spans(tgt_words, term, pair.tgt_lang) for term in entry.target):
                    findings.append(
                        Finding(
                            "glossary", "key-term-missing", Severity.WARNING,
                            f"key term “{pair.src_text[slice(*found)]}” is not translated "
                            f"as the glossary says: {_listed(entry.target)}",
                            found, None,
                        )
                    )  # fmt: skip
            for term in entry.forbidden:
                for span in _spans(tgt_words, term, pair.tgt_lang):
                    findings.append(
                        Finding(
                            "glossary", "forbidden-term", Severity.ERROR,
                            f"“{pair.tgt_text[slice(*span)]}” is a forbidden term"
                            + (f": use {_listed(entry.target)}" if entry.target else ""),
                            found, span,
                        )
                    )  # fmt: skip
        return tuple(findings)

    return check_glossary


def _spans(text_words: tuple[Word, ...], term: str, lang: str) -> list[Span]:
    return find_phrase(text_words, words(term, lang))


def _first(text_words: tuple[Word, ...], terms: Iterable[str], lang: str) -> Span | None:
    return next((spans[0] for term in terms if (spans := _spans(text_words, term, lang))), None)


def _listed(terms: Sequence[str]) -> str:
    return " or ".join(f"“{term}”" for term in terms)
