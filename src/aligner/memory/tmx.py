"""A TMX memory read as pairs: TMX 1.1–1.4, streamed (memory does not grow with the
file's size), expanding no entities and fetching nothing, so that a hostile file can
neither blow up nor read local files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from aligner.errors import InputError, LanguageError
from aligner.language import language_tag
from aligner.memory.inline import placeholders
from aligner.model import SCORE_PROP, SkippedUnit, TranslationMemory, TranslationUnit
from aligner.read import open_error

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Inline elements whose content is the original document's markup (<b>, {1} …), not
#: text: left out of a segment's text, as CAT tools show them as tags.
_NATIVE_CODE = frozenset({"bpt", "ept", "it", "ph", "ut"})
#: The ", line 3, column 7" libxml2 appends to its messages; the error says it first.
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")
#: An entity reference in the text of a file ("&lol9;"), but for XML's five predefined
#: ones, which are characters, not entities.
_ENTITY_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z_:][\w.:-]*);")


def read_tmx(
    path: Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> TranslationMemory:
    """The pairs of a TMX 1.1–1.4 file in two of its languages.

    `src_lang` defaults to the header's srclang, `tgt_lang` to the first other language
    of the first unit. Tags match case-insensitively, "_" reads as "-", and a tag without
    a region matches every region ("en" matches "en-GB"). Units that cannot be read as a
    pair are counted in `skipped` with their line. Raises InputError for a file that is
    not well-formed XML or not TMX, with the line.
    """
    path = Path(path)
    try:
        with open(path, "rb") as file:
            if not file.read(1):
                raise InputError(f"{path}: the file is empty")
            file.seek(0)
            return _read_memory(path, file, src_lang, tgt_lang)
    except OSError as error:
        raise open_error(path, error) from None
    except etree.XMLSyntaxError as error:
        # lxml-stubs 0.5 lack XMLSyntaxError.code, _ErrorLog.last_error and
        # DTD.iterentities, and leave sourceline untyped: the ignores below are theirs.
        if error.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT:  # type: ignore[attr-defined]
            # An entity that expands too far, before `_refuse_declared_entities` could see
            # the DTD: libxml2 names the line of the use, or (2.14, which checks a whole
            # chunk first) a line of the entity's own text; then the first use after the
            # DTD is the one to name.
            use = _entity_reference_used(path, error.lineno or 0)
            if use is not None:
                raise _entity_refused(path, *use) from None
        # libxml2 sometimes stops with a vaguer error than the one it logged first.
        logged = error.error_log.last_error  # type: ignore[attr-defined]
        line = error.lineno or (logged.line if logged else 0)
        message = _POSITION_SUFFIX.sub("", error.msg or str(error))
        if not error.lineno and logged is not None:
            message = logged.message
        raise InputError(f"{path}: line {line}: malformed XML: {message}") from None


def _read_memory(
    path: Path, file: BinaryIO, src_lang: str | None, tgt_lang: str | None
) -> TranslationMemory:
    reader = _UnitReader(path, src_lang, tgt_lang)
    units = tuple(reader.units(_elements(path, file)))
    if not units and not reader.skipped:
        raise InputError(f"{path}: the memory has no translation units")
    if reader.src_lang is None:
        raise InputError(f"{path}: no language: no srclang in the header, no xml:lang in a <tuv>")
    if reader.tgt_lang is None:
        raise InputError(f"{path}: no unit has a language other than {reader.src_lang}")
    return TranslationMemory(
        path,
        _file_tag(reader.src_lang),
        _file_tag(reader.tgt_lang),
        units,
        tuple(reader.skipped),
    )


def _elements(path: Path, file: BinaryIO) -> Iterator[etree._Element]:
    """The <header> and each <tu> of a TMX file, complete, one at a time; each <tu> is
    freed once the next is read."""
    events = etree.iterparse(
        file,
        # The start of <tmx> (or of the first element of another root) comes right after
        # the DTD, before libxml2 reads any entity reference of the content.
        events=("start", "end"),
        tag=("tmx", "header", "tu"),
        # No entity is expanded (billion laughs), no DTD loaded, nothing fetched (XXE).
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        # Keep libxml2's limits on the size of a text node and the nesting depth.
        huge_tree=False,
    )
    dtd_checked = False
    for event, element in events:
        if not dtd_checked:
            _refuse_declared_entities(path, element.getroottree())
            dtd_checked = True
        if event == "start" or element.tag == "tmx":
            continue
        yield element
        if element.tag == "tu":
            element.clear(keep_tail=True)
            while element.getprevious() is not None:
                del element.getparent()[0]
    if events.root is None or events.root.tag != "tmx":
        name = "none" if events.root is None else f"<{events.root.tag}>"
        raise InputError(f"{path}: not a TMX file (the root element is {name}, not <tmx>)")


class _UnitReader:
    """Turns <tu> elements into pairs in the memory's two languages, and counts the
    units it skips."""

    def __init__(self, path: Path, src_lang: str | None, tgt_lang: str | None) -> None:
        self.path = path
        self.src_lang = language_tag(src_lang) if src_lang else None
        self.tgt_lang = language_tag(tgt_lang) if tgt_lang else None
        self.skipped: list[SkippedUnit] = []
        self._tuids: set[str] = set()

    def units(self, elements: Iterator[etree._Element]) -> Iterator[TranslationUnit]:
        for element in elements:
            if element.tag == "header":
                self._read_header(element)
                continue
            unit = self._read_unit(element)
            if unit is not None:
                yield unit

    def _read_header(self, header: etree._Element) -> None:
        srclang = header.get("srclang")
        if self.src_lang is None and srclang and srclang != "*all*":
            self.src_lang = srclang

    def _read_unit(self, element: etree._Element) -> TranslationUnit | None:
        _refuse_entities(self.path, element)
        # lxml-stubs leave `sourceline` untyped (it is Optional[int]).
        line: int = element.sourceline or 0  # type: ignore[assignment]
        tuid = element.get("tuid")
        # One pass over the children: lxml's find() goes through Python and would
        # double the time of a large memory.
        variants: list[tuple[str, etree._Element | None]] = []
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        for child in element:
            if child.tag == "tuv":
                lang = _tuv_lang(child)
                if lang:
                    seg = next((g for g in child if g.tag == "seg"), None)
                    variants.append((lang, seg))
            elif child.tag == "prop":
                props.append((child.get("type", ""), child.text or ""))
            elif child.tag == "note":
                notes.append(child.text or "")
        self._infer_languages([lang for lang, _ in variants])
        src = _variant(variants, self.src_lang)
        tgt = _variant(variants, self.tgt_lang)
        reason = None
        if src is None and tgt is None:
            reason = "other-languages"
        elif any(variant[1] is None for variant in (src, tgt) if variant is not None):
            reason = "no-seg"
        elif src is None:
            reason = "no-source"
        elif tgt is None:
            reason = "no-target"
        elif tuid is not None and tuid in self._tuids:
            reason = "duplicate-tuid"
        if reason is not None:
            self.skipped.append(SkippedUnit(reason, line, tuid))
            return None
        assert src is not None and src[1] is not None and tgt is not None and tgt[1] is not None
        if tuid is not None:
            self._tuids.add(tuid)
        return TranslationUnit(
            src_text=_inline_text(src[1]),
            tgt_text=_inline_text(tgt[1]),
            src_lang=_file_tag(src[0]),
            tgt_lang=_file_tag(tgt[0]),
            tuid=tuid,
            score=_score(props),
            props=tuple(props),
            notes=tuple(notes),
            line=line,
        )

    def _infer_languages(self, langs: list[str]) -> None:
        """Without languages given, the first unit's first language is the source (when the
        header has none) and its first other language the target."""
        if self.src_lang is None and langs:
            self.src_lang = langs[0]
        if self.tgt_lang is None:
            others = [lang for lang in langs if not _matches(lang, self.src_lang)]
            self.tgt_lang = others[0] if others else None


def _variant(
    variants: list[tuple[str, etree._Element | None]], lang: str | None
) -> tuple[str, etree._Element | None] | None:
    """The first variant of the unit in language `lang`: (its tag, its <seg> if any)."""
    for variant in variants:
        if _matches(variant[0], lang):
            return variant
    return None


@cache  # called for every <tuv>, with the same few tags
def _matches(tag: str, wanted: str | None) -> bool:
    """Whether a tag in the file is the language asked for: "EN_gb" is "en-GB", and "en"
    matches every English."""
    if wanted is None:
        return False
    tag = tag.replace("_", "-").lower()
    wanted = wanted.replace("_", "-").lower()
    return tag == wanted or ("-" not in wanted and tag.startswith(wanted + "-"))


@cache
def _file_tag(tag: str) -> str:
    """A tag from a file in BCP 47's standard form, or with "_" made "-" when it is not
    a valid tag (a memory is read even if one unit's language is misspelt)."""
    try:
        return language_tag(tag)
    except LanguageError:
        return tag.replace("_", "-")


def _tuv_lang(tuv: etree._Element) -> str | None:
    # TMX 1.4 writes xml:lang; 1.1–1.3 wrote lang.
    return tuv.get(_XML_LANG) or tuv.get("lang")


def _score(props: list[tuple[str, str]]) -> float | None:
    for prop_type, value in props:
        if prop_type == SCORE_PROP:
            try:
                return float(value)
            except ValueError:
                return None
    return None


def _refuse_entities(path: Path, unit: etree._Element) -> None:
    """Entity references stay unexpanded (see `_elements`); a unit that holds one is an
    attack or needs a DTD we will not load, and its text would be wrong either way."""
    for entity in unit.iter(etree.Entity):
        line: int = entity.sourceline or 0  # type: ignore[assignment]
        raise _entity_refused(path, line, (entity.text or "").strip("&;"))


def _refuse_declared_entities(path: Path, tree: etree._ElementTree) -> None:
    """Refuse a file whose own DTD declares an entity that the file uses, before libxml2
    reads the use: it would stop a billion laughs itself, but with a message of its own
    about a line of the entity's text (line 1), and it expands an entity used in an
    attribute rather than leave it for `_refuse_entities`."""
    dtd = tree.docinfo.internalDTD
    if dtd is None or not any(True for _ in dtd.iterentities()):  # type: ignore[attr-defined]
        return
    root_line: int = tree.getroot().sourceline or 1  # type: ignore[assignment]
    use = _first_entity_reference(path, root_line)
    if use is not None:
        raise _entity_refused(path, *use)


def _entity_reference_used(path: Path, error_line: int) -> tuple[int, str] | None:
    """The entity reference libxml2 stopped on: on its line if that is past the DTD,
    else the first one after the DTD."""
    dtd_end = next((number for number, line in _lines(path) if "]>" in line), 0)
    if error_line > dtd_end:
        return _first_entity_reference(path, error_line, error_line)
    return _first_entity_reference(path, dtd_end)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The file's lines, numbered from 1, read as text (UTF-8 or, by its BOM, UTF-16)."""
    with open(path, "rb") as file:
        encoding = "utf-16" if file.read(2) in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
    with open(path, encoding=encoding, errors="replace") as text:
        yield from enumerate(text, start=1)


def _first_entity_reference(
    path: Path, first_line: int, last_line: int | None = None
) -> tuple[int, str] | None:
    """The line and name of the first entity reference in lines first_line..last_line of
    the file, read as text (libxml2 does not say where it met one that it stopped on).
    On the first line, a DTD that ends there is skipped ("…]><tmx …", "…\">]>")."""
    for number, line in _lines(path):
        if number < first_line:
            continue
        if last_line is not None and number > last_line:
            return None
        start = 0
        dtd_end, root = line.find("]>"), line.find("<tmx")
        if number == first_line and dtd_end > -1 and (root == -1 or dtd_end < root):
            start = dtd_end
        reference = _ENTITY_REFERENCE.search(line, start)
        if reference:
            return number, reference.group(1)
    return None


def _entity_refused(path: Path, line: int, name: str) -> InputError:
    return InputError(
        f"{path}: line {line}: entity reference &{name}; refused "
        "(entities are not expanded, for safety)"
    )


def _inline_text(element: etree._Element) -> str:
    """The text of a <seg> or <hi>, without the original markup its inline elements
    carry, but for a code that holds a placeholder (`<ph>%s</ph>`, `<bpt>&lt;g1&gt;</bpt>`
    as aligner writes them): that is kept, for the placeholder check. Written by hand:
    lxml's itertext() cannot leave out some elements' text but keep their tails."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _NATIVE_CODE:
            parts.append(_inline_text(child))
        elif isinstance(child.tag, str):
            parts.append(_placeholder_code(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _placeholder_code(code: etree._Element) -> str:
    """The content of an inline code when it is one placeholder, else "" (markup)."""
    content = code.text or ""
    if len(code) or not content:
        return ""
    found = placeholders(content)
    return content if len(found) == 1 and found[0].span == (0, len(content)) else ""
