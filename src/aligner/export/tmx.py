"""TMX 1.4b as CAT tools import it (OmegaT, Trados, memoQ): every header attribute the
standard requires, BCP 47 language tags, one <tu> per unit with text on both sides."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import version

from lxml import etree

from aligner.model import SCORE_PROP, ExportUnit

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
        _add_tuv(element, src_tag, unit.src_text)
        _add_tuv(element, tgt_tag, unit.tgt_text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _add_prop(parent: etree._Element, prop_type: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=prop_type).text = value


def _add_tuv(unit: etree._Element, lang: str, text: str) -> None:
    tuv = etree.SubElement(unit, "tuv", {_XML_LANG: lang})
    etree.SubElement(tuv, "seg").text = text
