"""An XLIFF file read as pairs: XLIFF 1.2 (`<trans-unit>`) and 2.x (`<unit>`), one pair
per unit, its inline codes written into the text as tags (see `memory.inline`), its
state and notes kept. Parsed by `xml_file.parse_xml`: no entity expanded, nothing
fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from aligner.errors import InputError
from aligner.language import language_tag
from aligner.memory.inline import CodeKind, code_tag
from aligner.memory.xml_file import parse_xml
from aligner.model import SkippedUnit, TranslationMemory, TranslationUnit

XLIFF_1 = "urn:oasis:names:tc:xliff:document:1.2"
#: XLIFF 2.0, 2.1 and 2.2 share the core namespace.
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"

#: XLIFF 2's segment states, least advanced first: a unit of several segments is as far
#: as its least advanced one.
_STATES_2 = ("initial", "translated", "reviewed", "final")

#: Inline elements, by XLIFF version: name → how it is written. "paired" elements hold
#: text between their two tags; "standalone" ones are one tag (their native code, the
#: original markup, is not text); "opening"/"closing" are the halves of a paired code
#: written apart; "text" elements are annotations whose content is text.
_INLINE_1 = {
    "g": "paired",
    "x": "standalone",
    "bx": "standalone",
    "ex": "standalone",
    "ph": "standalone",
    "it": "standalone",
    "bpt": "opening",
    "ept": "closing",
    "mrk": "text",
}
_INLINE_2 = {
    "ph": "standalone",
    "pc": "paired",
    "sc": "opening",
    "ec": "closing",
    "mrk": "text",
    "sm": "marker",
    "em": "marker",
}


@dataclass(frozen=True)
class _Texts:
    """One unit as read: its texts and state, or why it is not a pair."""

    src: str
    tgt: str | None
    state: str | None


def read_xliff(
    path: Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> TranslationMemory:
    """The pairs of an XLIFF 1.2 or 2.x file: one per unit (`<trans-unit>`, `<unit>`),
    under its id. Units without a translation or marked not to be translated are
    counted in `skipped` with their line. InputError for a file that is not XLIFF, is
    malformed, uses an entity, or names no target language (and none is given)."""
    path = Path(path)
    root = parse_xml(path).getroot()
    name = etree.QName(root)
    if name.localname != "xliff":
        raise InputError(f"{path}: not an XLIFF file (the root element is <{name.localname}>)")
    if name.namespace == XLIFF_1:
        declaring = root.find(f"{{{XLIFF_1}}}file")
        if declaring is None:
            raise InputError(f"{path}: the file has no translation units")
        # Every <file> of a project has the same languages: the first one's are read.
        names, units = ("source-language", "target-language", "<file>"), _units_1(root)
    elif name.namespace == XLIFF_2:
        declaring, names, units = root, ("srcLang", "trgLang", "<xliff>"), _units_2(root)
    else:
        raise InputError(
            f"{path}: XLIFF in namespace {name.namespace or 'none'} is not read "
            f"(XLIFF 1.2: {XLIFF_1}; 2.x: {XLIFF_2})"
        )
    src_tag = language_tag(src_lang or _language(path, declaring, names[0], names[2]))
    tgt_tag = language_tag(tgt_lang or _language(path, declaring, names[1], names[2]))
    pairs: list[TranslationUnit] = []
    skipped: list[SkippedUnit] = []
    for unit, texts in units:
        line: int = unit.sourceline or 0  # type: ignore[assignment]
        tuid = unit.get("id")
        reason = _skip_reason(unit, texts)
        if reason is not None:
            skipped.append(SkippedUnit(reason, line, tuid))
            continue
        assert texts.tgt is not None
        pairs.append(
            TranslationUnit(
                texts.src,
                texts.tgt,
                src_tag,
                tgt_tag,
                tuid=tuid,
                notes=_notes(unit),
                line=line,
                state=texts.state,
            )
        )
    if not pairs and not skipped:
        raise InputError(f"{path}: the file has no translation units")
    return TranslationMemory(path, src_tag, tgt_tag, tuple(pairs), tuple(skipped))


def _skip_reason(unit: etree._Element, texts: _Texts) -> str | None:
    if unit.get("translate") == "no":
        return "not-translatable"
    if texts.tgt is None or not texts.tgt.strip():
        return "untranslated"
    return None


def _language(path: Path, element: etree._Element, attribute: str, where: str) -> str:
    """A language the file declares; InputError without it (a file about to be
    translated may have no target language yet)."""
    lang = element.get(attribute)
    if not lang:
        option = "--src-lang" if attribute in ("source-language", "srcLang") else "--tgt-lang"
        what = "source" if option == "--src-lang" else "target"
        raise InputError(f"{path}: no {what} language ({where} has no {attribute}): give {option}")
    return lang


def _units_1(root: etree._Element) -> Iterator[tuple[etree._Element, _Texts]]:
    for unit in root.iter(f"{{{XLIFF_1}}}trans-unit"):
        source = unit.find(f"{{{XLIFF_1}}}source")
        target = unit.find(f"{{{XLIFF_1}}}target")
        src = "" if source is None else _inline_text(source, _INLINE_1)
        tgt = None if target is None else _inline_text(target, _INLINE_1)
        state = None if target is None else target.get("state")
        yield unit, _Texts(src, tgt, state)


def _units_2(root: etree._Element) -> Iterator[tuple[etree._Element, _Texts]]:
    """XLIFF 2.x: each <unit>, its segments and ignorables joined in order (a unit is
    one bead), as far as its least advanced segment."""
    for unit in root.iter(f"{{{XLIFF_2}}}unit"):
        src_parts: list[str] = []
        tgt_parts: list[str] = []
        states: list[str] = []
        translated = False
        for part in unit:
            if part.tag not in (f"{{{XLIFF_2}}}segment", f"{{{XLIFF_2}}}ignorable"):
                continue
            source = part.find(f"{{{XLIFF_2}}}source")
            target = part.find(f"{{{XLIFF_2}}}target")
            src_text = "" if source is None else _inline_text(source, _INLINE_2)
            src_parts.append(src_text)
            if target is not None:
                tgt_parts.append(_inline_text(target, _INLINE_2))
                translated = translated or part.tag == f"{{{XLIFF_2}}}segment"
            else:
                # An ignorable without a target is its source, as in the standard.
                tgt_parts.append(src_text if part.tag == f"{{{XLIFF_2}}}ignorable" else "")
            if part.tag == f"{{{XLIFF_2}}}segment":
                states.append(part.get("state", "initial"))
        state = min(states, key=_state_rank) if states else None
        tgt = "".join(tgt_parts) if translated else None
        yield unit, _Texts("".join(src_parts), tgt, state)


def _state_rank(state: str) -> int:
    return _STATES_2.index(state) if state in _STATES_2 else 0


def _notes(unit: etree._Element) -> tuple[str, ...]:
    """The unit's notes: <note> children in 1.2, <notes><note> in 2.x."""
    notes = []
    for element in unit.iter(f"{{{XLIFF_1}}}note", f"{{{XLIFF_2}}}note"):
        text = "".join(str(part) for part in element.itertext()).strip()
        if text:
            notes.append(text)
    return tuple(notes)


def _inline_text(element: etree._Element, inline: dict[str, str]) -> str:
    """The text of a <source> or <target> with its inline codes as tags (`<g1>`,
    `</g1>`, `<x2/>`): what the checks compare and the TMX export writes back as
    codes. Written by hand: itertext() would keep native code and drop the codes."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_code_text(child, inline))
        parts.append(child.tail or "")
    return "".join(parts)


def _code_text(child: etree._Element, inline: dict[str, str]) -> str:
    name = etree.QName(child).localname
    how = inline.get(name, "text")  # another namespace's element: its text is text
    code_id = child.get("id") or ""
    if name == "cp":  # XLIFF 2: a character XML cannot hold, by its code point
        return _code_point(child.get("hex", ""))
    if how == "text":
        return _inline_text(child, inline)
    if how == "marker":
        return ""
    if how == "paired":
        opening = code_tag(name, code_id, CodeKind.OPENING)
        return opening + _inline_text(child, inline) + code_tag(name, code_id, CodeKind.CLOSING)
    if how == "opening":
        # 1.2 <bpt> and <ept> share an id (or rid); 2.x <sc id> and <ec startRef>: both
        # halves are written as the one code they are (<bpt1> … </bpt1>, <pc1> … </pc1>).
        return code_tag(_paired_name(name), child.get("rid") or code_id, CodeKind.OPENING)
    if how == "closing":
        start = child.get("startRef") or child.get("rid") or code_id
        return code_tag(_paired_name(name), start, CodeKind.CLOSING)
    return code_tag(name, code_id, CodeKind.STANDALONE)


def _paired_name(name: str) -> str:
    """The name both halves of a code written apart share: 1.2's bpt/ept as "bpt", 2.x's
    sc/ec as "pc" (the same code as a <pc>)."""
    return {"bpt": "bpt", "ept": "bpt", "sc": "pc", "ec": "pc"}[name]


def _code_point(hex_value: str) -> str:
    try:
        return chr(int(hex_value, 16))
    except ValueError:
        return ""
