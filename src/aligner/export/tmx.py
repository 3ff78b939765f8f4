"""TMX 1.4b as CAT tools import it (OmegaT, Trados, memoQ): every header attribute the
standard requires, BCP 47 language tags, one <tu> per unit with text on both sides.

Inline codes and placeholders of the texts (`<g1>` … `</g1>`, `<x2/>`, `%s`, `{name}`:
see `aligner.memory.inline`) are written as TMX inline elements — a paired code as
<bpt>/<ept>, a half whose other half is not in the segment as <it>, the others as <ph>
— each holding the code as the text shows it, so that a CAT tool reuses the unit with
its tags. The same code has the same `x` in both languages of a unit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from typing import BinaryIO

from lxml import etree

from aligner.memory.inline import CodeKind, Placeholder, placeholders
from aligner.model import SCORE_PROP, ExportUnit, InlineTag

#: The kind of a bead ("2-1"), as a <prop> of its unit.
BEAD_PROP = "x-aligner-bead"
#: Where each side of a unit is in its document (an element path, a paragraph or cue
#: number), as <prop>s of the unit, for documents whose format says.
SRC_LOCATOR_PROP = "x-aligner-src-locator"
TGT_LOCATOR_PROP = "x-aligner-tgt-locator"
#: The encoder that aligned the texts, as a <prop> of the header.
ENCODER_PROP = "x-aligner-encoder"
#: Trados does not import a segment longer than this many characters.
MAX_SEGMENT_LENGTH = 2000

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_content(units: Sequence[ExportUnit], src_tag: str, tgt_tag: str, encoder: str) -> bytes:
    """The TMX file of these units in these languages (BCP 47 tags, standard form)."""
    root = etree.Element("tmx", version="1.4")
    root.append(_header(src_tag, encoder))
    body = etree.SubElement(root, "body")
    for unit in units:
        body.append(tu_element(unit, src_tag, tgt_tag))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@contextmanager
def tmx_writer(
    file: BinaryIO, src_tag: str, tgt_tag: str, encoder: str
) -> Iterator[Callable[[ExportUnit], None]]:
    """A function writing one unit at a time to `file`, the same TMX file as
    `tmx_content` once the block ends: a corpus's memory is never whole in memory, and
    its units are written as their pairs finish."""
    with etree.xmlfile(file, encoding="UTF-8") as xml:
        xml.write_declaration()
        with xml.element("tmx", version="1.4"):
            xml.write("\n")
            xml.write(_header(src_tag, encoder), pretty_print=True)
            with xml.element("body"):
                xml.write("\n")

                def write(unit: ExportUnit) -> None:
                    xml.write(tu_element(unit, src_tag, tgt_tag), pretty_print=True)

                yield write


def _header(src_tag: str, encoder: str) -> etree._Element:
    header = etree.Element(
        "header",
        creationtool="aligner",
        creationtoolversion=version("aligner"),
        segtype="sentence",
        adminlang="en",
        srclang=src_tag,
        datatype="plaintext",
        creationdate=datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
    )
    header.set("o-tmf", "aligner")
    _add_prop(header, ENCODER_PROP, encoder)
    return header


def tu_element(unit: ExportUnit, src_tag: str, tgt_tag: str) -> etree._Element:
    """One unit as a <tu>: its props, notes, and a <tuv> a language."""
    element = etree.Element("tu", tuid=unit.tuid or str(unit.number))
    _add_prop(element, SCORE_PROP, repr(unit.score))
    _add_prop(element, BEAD_PROP, unit.kind)
    for prop_type, locator in (
        (SRC_LOCATOR_PROP, unit.src_locator),
        (TGT_LOCATOR_PROP, unit.tgt_locator),
    ):
        if locator is not None:
            _add_prop(element, prop_type, locator)
    for prop_type, value in unit.props:
        _add_prop(element, prop_type, value)
    for note in unit.notes:
        etree.SubElement(element, "note").text = note
    numbers: dict[str, int] = {}  # a code's `x`, shared by both languages
    for tag, text, markup in (
        (src_tag, unit.src_text, unit.src_markup),
        (tgt_tag, unit.tgt_text, unit.tgt_markup),
    ):
        tuv = etree.SubElement(element, "tuv", {_XML_LANG: tag})
        seg = etree.SubElement(tuv, "seg")
        # A document's inline markup (bold, links) comes beside its clean text; a
        # bilingual file's codes and placeholders are in the text itself.
        if markup:
            _add_markup(seg, text, markup)
        else:
            _add_codes(seg, text, numbers)
    return element


def _add_prop(parent: etree._Element, prop_type: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=prop_type).text = value


def _add_codes(seg: etree._Element, text: str, numbers: dict[str, int]) -> None:
    """The text with its inline codes and placeholders as TMX inline elements."""
    codes = placeholders(text)
    seg.text = text[: codes[0].span[0]] if codes else text
    paired = _paired(codes)
    for index, code in enumerate(codes):
        number = str(numbers.setdefault(code.pair_key, len(numbers) + 1))
        if code.kind is CodeKind.STANDALONE:
            element = etree.SubElement(seg, "ph", x=number)
        elif index in paired:
            name = "bpt" if code.kind is CodeKind.OPENING else "ept"
            # <ept> has no x: it is paired with its <bpt> by i.
            attributes = {"i": number, "x": number} if name == "bpt" else {"i": number}
            element = etree.SubElement(seg, name, attributes)
        else:
            position = "begin" if code.kind is CodeKind.OPENING else "end"
            element = etree.SubElement(seg, "it", pos=position, x=number)
        element.text = code.text
        end = codes[index + 1].span[0] if index + 1 < len(codes) else len(text)
        element.tail = text[code.span[1] : end]


def _paired(codes: tuple[Placeholder, ...]) -> set[int]:
    """The positions of the codes whose other half is in the same segment (an opening
    followed by its closing): <bpt>/<ept>; TMX writes a lone half as <it>."""
    paired: set[int] = set()
    open_at: dict[str, list[int]] = {}
    for index, code in enumerate(codes):
        if code.kind is CodeKind.OPENING:
            open_at.setdefault(code.pair_key, []).append(index)
        elif code.kind is CodeKind.CLOSING and open_at.get(code.pair_key):
            paired.update((open_at[code.pair_key].pop(), index))
    return paired


def _add_markup(seg: etree._Element, text: str, markup: Sequence[InlineTag]) -> None:
    """The clean text with its markup's tags as <bpt>/<ept> around their words."""
    seg.text, last = "", seg
    position = 0
    for at, kind, number, code in _tag_events(markup):
        _append_text(seg, last, text[position:at])
        last = etree.SubElement(seg, kind, i=str(number))
        last.text = code
        position = at
    _append_text(seg, last, text[position:])


def _tag_events(markup: Sequence[InlineTag]) -> list[tuple[int, str, int, str]]:
    """Where each tag's <bpt> and <ept> go, in order: at one place, the tags that end
    close (innermost first) before the tags that begin open (outermost first)."""
    events = []
    for number, tag in enumerate(markup, 1):
        events.append((tag.start, 1, -tag.end, number, "bpt", tag.opening))
        events.append((tag.end, 0, -tag.start, -number, "ept", tag.closing))
    return [(at, kind, abs(n), code) for at, _, _, n, kind, code in sorted(events)]


def _append_text(seg: etree._Element, last: etree._Element, text: str) -> None:
    """Text after `last` (the segment itself, or its last placeholder)."""
    if last is seg:
        seg.text = (seg.text or "") + text
    else:
        last.tail = (last.tail or "") + text
