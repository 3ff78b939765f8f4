"""TMX 1.4b as CAT tools import it (OmegaT, Trados, memoQ): every header attribute the
standard requires, BCP 47 language tags, one <tu> per unit with text on both sides."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import version

from lxml import etree

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
    header = etree.SubElement(
        root,
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
    body = etree.SubElement(root, "body")
    for unit in units:
        element = etree.SubElement(body, "tu", tuid=str(unit.number))
        _add_prop(element, SCORE_PROP, repr(unit.score))
        _add_prop(element, BEAD_PROP, unit.kind)
        for prop_type, locator in (
            (SRC_LOCATOR_PROP, unit.src_locator),
            (TGT_LOCATOR_PROP, unit.tgt_locator),
        ):
            if locator is not None:
                _add_prop(element, prop_type, locator)
        for note in unit.notes:
            etree.SubElement(element, "note").text = note
        _add_tuv(element, src_tag, unit.src_text, unit.src_markup)
        _add_tuv(element, tgt_tag, unit.tgt_text, unit.tgt_markup)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _add_prop(parent: etree._Element, prop_type: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=prop_type).text = value


def _add_tuv(unit: etree._Element, lang: str, text: str, markup: Sequence[InlineTag]) -> None:
    tuv = etree.SubElement(unit, "tuv", {_XML_LANG: lang})
    seg = etree.SubElement(tuv, "seg")
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
