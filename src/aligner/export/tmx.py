"""TMX 1.4b as CAT tools import it (OmegaT, Trados, memoQ): every header attribute the
standard requires, BCP 47 language tags, one <tu> per unit with text on both sides.

Inline codes and placeholders of the texts (`<g1>` … `</g1>`, `<x2/>`, `%s`, `{name}`:
see `aligner.memory.inline`) are written as TMX inline elements — a paired code as
<bpt>/<ept>, a half whose other half is not in the segment as <it>, the others as <ph>
— each holding the code as the text shows it, so that a CAT tool reuses the unit with
its tags. The same code has the same `x` in both languages of a unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import version

from lxml import etree

from aligner.memory.inline import CodeKind, Placeholder, placeholders
from aligner.model import SCORE_PROP, ExportUnit

#: The kind of a bead ("2-1"), as a <prop> of its unit.
BEAD_PROP = "x-aligner-bead"
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
        for note in unit.notes:
            etree.SubElement(element, "note").text = note
        numbers: dict[str, int] = {}  # a code's `x`, shared by both languages
        _add_tuv(element, src_tag, unit.src_text, numbers)
        _add_tuv(element, tgt_tag, unit.tgt_text, numbers)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _add_prop(parent: etree._Element, prop_type: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=prop_type).text = value


def _add_tuv(unit: etree._Element, lang: str, text: str, numbers: dict[str, int]) -> None:
    tuv = etree.SubElement(unit, "tuv", {_XML_LANG: lang})
    seg = etree.SubElement(tuv, "seg")
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
