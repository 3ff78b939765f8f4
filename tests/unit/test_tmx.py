"""TMX export of an alignment, and TMX import: languages, units, skipped units, hostile files."""

import re
import subprocess
import sys
import textwrap
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

import pytest
from lxml import etree

from aligner.checks import bead_pair
from aligner.errors import InputError
from aligner.export import export_tmx
from aligner.memory.tmx import read_tmx
from aligner.model import (
    Alignment,
    Bead,
    CheckedPair,
    Document,
    Finding,
    Segment,
    Severity,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

SRC_SENTENCES = [
    "Prima frase.",
    "Seconda frase.",
    "Solo in italiano.",
    "Il pannello verticale\x0bda 3 metri & <più> alto.",
    "Frase incerta.",
]
TGT_SENTENCES = [
    "First and second sentence.",
    "Only in English.",
    "The vertical panel & <taller> by 3 metres.",
    "Uncertain sentence.",
]
BEADS = (
    Bead((0, 1), (0,), 0.91),
    Bead((2,), (), 0.4),
    Bead((), (1,), 0.3),
    Bead((3,), (2,), 0.87),
    Bead((4,), (3,), 0.2),
)


@pytest.fixture
def alignment(make_document) -> Alignment:
    return Alignment(
        make_document(SRC_SENTENCES, "it"), make_document(TGT_SENTENCES, "en"), BEADS, "fake"
    )


def unchecked(alignment: Alignment) -> list[CheckedPair]:
    """Every bead as checked with no finding: an export's notes then come from the test."""
    return [
        CheckedPair(index, bead_pair(alignment, bead), ())
        for index, bead in enumerate(alignment.beads)
    ]


def parse(content: bytes) -> etree._Element:
    return etree.fromstring(content)


def units(root: etree._Element) -> list[etree._Element]:
    return root.findall("body/tu")


def seg_texts(unit: etree._Element) -> list[tuple[str, str]]:
    return [(tuv.get(XML_LANG), tuv.findtext("seg")) for tuv in unit.findall("tuv")]


def props(unit: etree._Element) -> dict[str, str]:
    return {prop.get("type"): prop.text for prop in unit.findall("prop")}


def write_tmx(
    tmp_path: Path, body: str, header: str = 'srclang="it"', name="in.tmx", doctype: str = ""
) -> Path:
    """A TMX 1.4 file with these units; the first <tu> of `body` is on line 5 when there is
    no `doctype`."""
    path = tmp_path / name
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}\n<tmx version="1.4">\n'
        f'<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        f'adminlang="en" datatype="plaintext" {header}/>\n'
        f"<body>\n{textwrap.dedent(body).strip()}\n</body>\n</tmx>\n",
        encoding="utf-8",
    )
    return path


# Export


def test_the_header_has_every_attribute_tmx_requires(alignment):
    header = parse(export_tmx(alignment).content).find("header")

    assert header.get("creationtool") == "aligner"
    assert header.get("creationtoolversion") == version("aligner")
    assert header.get("segtype") == "sentence"
    assert header.get("o-tmf") and header.get("adminlang") == "en"
    assert header.get("srclang") == "it"
    assert header.get("datatype") == "plaintext"
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))


def test_one_unit_per_bead_with_text_on_both_sides(alignment):
    exported = export_tmx(alignment)

    tus = units(parse(exported.content))
    # Each unit under its bead's number, as every view shows it (from 1).
    assert [tu.get("tuid") for tu in tus] == ["1", "4", "5"]
    assert exported.beads == (1, 4, 5)
    assert exported.one_sided == 2  # the 1-0 and the 0-1 bead
    assert seg_texts(tus[0]) == [
        ("it", "Prima frase. Seconda frase."),
        ("en", "First and second sentence."),
    ]


def test_sentences_without_a_space_between_them_are_joined_without_one():
    # Chinese and Japanese put no space after a full stop: neither does the memory.
    text = "第一句。第二句。"
    src = Document(
        None, text, "zh", (Segment(0, 0, 4, "第一句。", 0), Segment(1, 4, 8, "第二句。", 0))
    )
    tgt = Document(None, "One. Two.", "en", (Segment(0, 0, 9, "One. Two.", 0),))
    alignment = Alignment(src, tgt, (Bead((0, 1), (0,), 0.9),), "fake")
    exported = export_tmx(alignment, checked=unchecked(alignment))

    assert seg_texts(units(parse(exported.content))[0])[0] == ("zh", "第一句。第二句。")


def test_score_and_bead_kind_are_props(alignment):
    first = units(parse(export_tmx(alignment).content))[0]

    assert props(first) == {"x-aligner-score": "0.91", "x-aligner-bead": "2-1"}


def test_language_tags_are_bcp47_with_hyphens(alignment):
    content = export_tmx(alignment, src_lang="it_IT", tgt_lang="EN-gb").content

    root = parse(content)
    assert root.find("header").get("srclang") == "it-IT"
    assert {tuv.get(XML_LANG) for tuv in root.iter("tuv")} == {"it-IT", "en-GB"}
    assert b"_" not in re.sub(rb"<seg>.*?</seg>", b"", content)


def test_open_findings_are_notes_of_the_unit_of_their_bead(alignment):
    finding = Finding("numbers", "number-mismatch", Severity.ERROR, "3 metri vs 4 metres")
    checked = [
        replace(pair, findings=(finding,) if pair.index in (1, 3) else ())
        for pair in unchecked(alignment)
    ]

    tus = units(parse(export_tmx(alignment, checked=checked).content))

    # Bead 2 (index 1) is one-sided and left out: its note goes nowhere else.
    assert [[note.text for note in tu.findall("note")] for tu in tus] == [
        [],
        ["error number-mismatch: 3 metri vs 4 metres"],
        [],
    ]


def test_by_default_the_notes_are_the_findings_of_every_check(make_document):
    alignment = Alignment(
        make_document(["Ha pagato 450.000 rubli."], "it"),
        make_document(["He paid $450,000."], "en"),
        (Bead((0,), (0,), 0.9),),
        "fake",
    )

    [tu] = units(parse(export_tmx(alignment).content))

    assert [note.text.split(":")[0] for note in tu.findall("note")] == ["error currency-mismatch"]


@pytest.mark.parametrize(
    ("options", "tuids", "filtered"),
    [
        ({"min_confidence": 0.5}, ["1", "4"], 1),
        ({"one_to_one": True}, ["4", "5"], 1),
        ({"min_confidence": 0.5, "one_to_one": True}, ["4"], 2),
    ],
)
def test_filters_leave_out_beads_and_count_them(alignment, options, tuids, filtered):
    exported = export_tmx(alignment, **options)

    assert [tu.get("tuid") for tu in units(parse(exported.content))] == tuids
    assert exported.filtered == filtered and exported.one_sided == 2


def test_control_characters_become_spaces_and_are_reported(alignment):
    exported = export_tmx(alignment)

    texts = dict(seg_texts(units(parse(exported.content))[1]))
    # The vertical tab separated two words: they stay two words.
    assert texts["it"] == "Il pannello verticale da 3 metri & <più> alto."
    assert exported.control_characters == (4,)


def test_segments_longer_than_trados_imports_are_reported(make_document):
    long_sentence = "Parola " * 300  # 2,100 characters
    alignment = Alignment(
        make_document(["Breve.", long_sentence], "it"),
        make_document(["Short.", "Word " * 300], "en"),
        (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)),
        "fake",
    )

    exported = export_tmx(alignment)

    assert exported.too_long == (2,)
    assert len(units(parse(exported.content))) == 2  # reported, still written


# Round trip


def test_export_then_import_gives_back_the_pairs_languages_and_scores(alignment, tmp_path):
    path = tmp_path / "out.tmx"
    path.write_bytes(export_tmx(alignment, tgt_lang="en-GB").content)

    memory = read_tmx(path)

    assert (memory.src_lang, memory.tgt_lang) == ("it", "en-GB")
    assert [(u.tuid, u.src_text, u.tgt_text, u.score) for u in memory.units] == [
        ("1", "Prima frase. Seconda frase.", "First and second sentence.", 0.91),
        (
            "4",
            "Il pannello verticale da 3 metri & <più> alto.",
            "The vertical panel & <taller> by 3 metres.",
            0.87,
        ),
        ("5", "Frase incerta.", "Uncertain sentence.", 0.2),
    ]
    assert memory.units[0].props == (("x-aligner-score", "0.91"), ("x-aligner-bead", "2-1"))
    assert memory.skipped == ()


# Import


def test_tmx_1_1_lang_attributes_match_whatever_their_case_and_separator(tmp_path):
    path = tmp_path / "old.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n<tmx version="1.1">\n'
        '<header srclang="IT_it" creationtool="t" creationtoolversion="1" segtype="sentence"'
        ' o-tmf="t" adminlang="EN-US" datatype="plaintext"/>\n<body>\n'
        '<tu><tuv lang="IT_it"><seg>Ciao</seg></tuv><tuv lang="EN-us"><seg>Hello</seg></tuv></tu>\n'
        "</body>\n</tmx>\n",
        encoding="utf-8",
    )

    memory = read_tmx(path, tgt_lang="en_US")

    assert (memory.src_lang, memory.tgt_lang) == ("it-IT", "en-US")
    [unit] = memory.units
    assert (unit.src_text, unit.tgt_text, unit.src_lang, unit.tgt_lang) == (
        "Ciao",
        "Hello",
        "it-IT",
        "en-US",
    )


def test_a_language_without_region_matches_every_region(tmp_path):
    path = write_tmx(
        tmp_path,
        """
        <tu><tuv xml:lang="it-IT"><seg>Uno</seg></tuv><tuv xml:lang="en-GB"><seg>One</seg></tuv></tu>
        <tu><tuv xml:lang="it-IT"><seg>Due</seg></tuv><tuv xml:lang="en-US"><seg>Two</seg></tuv></tu>
    """,
        header='srclang="it-IT"',
    )

    memory = read_tmx(path, "it", "en")

    assert [(u.tgt_text, u.tgt_lang) for u in memory.units] == [("One", "en-GB"), ("Two", "en-US")]


def test_two_languages_are_picked_from_a_multilingual_memory(tmp_path):
    path = write_tmx(
        tmp_path,
        """
        <tu><tuv xml:lang="de"><seg>Eins</seg></tuv><tuv xml:lang="it"><seg>Uno</seg></tuv>
            <tuv xml:lang="fr"><seg>Un</seg></tuv></tu>
    """,
        header='srclang="*all*"',
    )

    memory = read_tmx(path, src_lang="fr", tgt_lang="it")

    assert [(u.src_text, u.tgt_text) for u in memory.units] == [("Un", "Uno")]


def test_tuid_props_and_notes_are_kept(tmp_path):
    path = write_tmx(
        tmp_path,
        """
        <tu tuid="a-7" creationid="ann">
          <note>Checked by the client.</note>
          <prop type="x-domain">legal</prop>
          <prop type="x-domain">contracts</prop>
          <tuv xml:lang="it"><seg>Articolo 7</seg></tuv>
          <tuv xml:lang="en"><seg>Article 7</seg></tuv>
        </tu>
    """,
    )

    [unit] = read_tmx(path).units

    assert unit.tuid == "a-7" and unit.score is None
    assert unit.props == (("x-domain", "legal"), ("x-domain", "contracts"))
    assert unit.notes == ("Checked by the client.",)
    assert unit.line == 5  # where the <tu> starts


def test_inline_markup_is_left_out_of_the_text_but_highlighted_text_kept(tmp_path):
    path = write_tmx(
        tmp_path,
        """
        <tu><tuv xml:lang="it"><seg>Premi <bpt i="1">&lt;b&gt;</bpt>qui<ept i="1">&lt;/b&gt;\
</ept> <ph>&lt;br/&gt;</ph>ora <hi type="em">subito</hi></seg></tuv>
        <tuv xml:lang="en"><seg>Click here<ph x="1"/> now</seg></tuv></tu>
    """,
    )

    [unit] = read_tmx(path).units

    assert unit.src_text == "Premi qui ora subito"
    assert unit.tgt_text == "Click here now"


def test_units_that_are_not_pairs_are_counted_with_their_lines_never_dropped(tmp_path):
    path = write_tmx(
        tmp_path,
        """
        <tu tuid="1"><tuv xml:lang="it"><seg>Uno</seg></tuv><tuv xml:lang="en"><seg>One</seg></tuv></tu>
        <tu tuid="2"><tuv xml:lang="it"><seg>Due</seg></tuv><tuv xml:lang="en"></tuv></tu>
        <tu tuid="3"><tuv xml:lang="de"><seg>Drei</seg></tuv><tuv xml:lang="fr"><seg>Trois</seg></tuv></tu>
        <tu tuid="1"><tuv xml:lang="it"><seg>Uno bis</seg></tuv><tuv xml:lang="en"><seg>One</seg></tuv></tu>
        <tu tuid="5"><tuv xml:lang="it"><seg>Cinque</seg></tuv></tu>
        <tu tuid="6"><tuv xml:lang="en"><seg>Six</seg></tuv></tu>
        <tu tuid="7"><tuv xml:lang="it"><seg>Sette</seg></tuv><tuv xml:lang="en"><seg/></tuv></tu>
    """,
    )

    memory = read_tmx(path)

    assert [(u.tuid, u.tgt_text) for u in memory.units] == [("1", "One"), ("7", "")]
    assert [(s.reason, s.line, s.tuid) for s in memory.skipped] == [
        ("no-seg", 6, "2"),
        ("other-languages", 7, "3"),
        ("duplicate-tuid", 8, "1"),
        ("no-target", 9, "5"),
        ("no-source", 10, "6"),
    ]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('<tu><tuv xml:lang="it"><seg>Rossi & Figli</seg></tuv></tu>', 5),
        ('<tu><tuv xml:lang="it"><seg>3 < 4</seg></tuv></tu>', 5),
        ('<tu><tuv xml:lang="it"><seg>aperto</tuv></tu>', 5),
    ],
)
def test_malformed_xml_is_an_input_error_with_its_line(tmp_path, body, line):
    path = write_tmx(tmp_path, body)

    with pytest.raises(InputError, match=rf"in\.tmx: line {line}: malformed XML"):
        read_tmx(path)


def test_an_empty_file_is_an_input_error(tmp_path):
    path = tmp_path / "empty.tmx"
    path.write_bytes(b"")

    with pytest.raises(InputError, match=r"empty\.tmx: the file is empty"):
        read_tmx(path)


def test_a_file_that_is_not_tmx_is_an_input_error(tmp_path):
    path = tmp_path / "doc.tmx"
    path.write_text('<xliff version="1.2"><file/></xliff>', encoding="utf-8")

    with pytest.raises(InputError, match=r"not a TMX file \(the root element is <xliff>"):
        read_tmx(path)


def test_a_utf16_memory_with_a_bom_is_read(tmp_path):
    # Trados writes UTF-16 TMX.
    utf8 = write_tmx(
        tmp_path,
        """
        <tu><tuv xml:lang="it"><seg>Città</seg></tuv><tuv xml:lang="en"><seg>City</seg></tuv></tu>
    """,
    )
    path = tmp_path / "utf16.tmx"
    path.write_bytes(
        utf8.read_text().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    )

    assert [u.src_text for u in read_tmx(path).units] == ["Città"]


# Hostile files


LAUGHS = "<!DOCTYPE tmx [\n{}\n]>".format(
    "\n".join(
        ['<!ENTITY lol0 "lol">']
        + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    )
)
#: Where the first <tu> of `write_tmx(…, doctype=LAUGHS)` is: the DTD adds 11 lines.
LAUGHS_FIRST_UNIT_LINE = 5 + 11


def test_billion_laughs_is_refused_naming_the_entity_and_the_line_that_uses_it(tmp_path):
    path = write_tmx(
        tmp_path,
        """
        <tu tuid="1"><tuv xml:lang="it"><seg>Ciao</seg></tuv><tuv xml:lang="en"><seg>Hi</seg></tuv></tu>
        <tu tuid="2">
          <tuv xml:lang="it"><seg>&lol9;</seg></tuv>
          <tuv xml:lang="en"><seg>x</seg></tuv>
        </tu>
        """,
        name="laughs.tmx",
        doctype=LAUGHS,
    )

    with pytest.raises(InputError) as error:
        read_tmx(path)
    assert str(error.value) == (
        f"{path}: line {LAUGHS_FIRST_UNIT_LINE + 2}: entity reference &lol9; refused "
        "(entities are not expanded, for safety)"
    )


@pytest.mark.parametrize(
    "where, used, lines_before_the_first_unit",
    [
        ("an attribute of a unit", ("<tu>", '<tu tuid="&lol9;">'), 0),
        ("a note of the header", ("/>\n<body>", "><note>&lol9;</note></header>\n<body>"), 2),
        ("an attribute of <tmx>", ('<tmx version="1.4">', '<tmx version="&lol9;">'), 3),
    ],
)
def test_billion_laughs_is_refused_wherever_it_is_used(
    tmp_path, where, used, lines_before_the_first_unit
):
    path = write_tmx(
        tmp_path,
        '<tu><tuv xml:lang="it"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>',
        doctype=LAUGHS,
    )
    path.write_text(path.read_text().replace(*used, 1))
    line = LAUGHS_FIRST_UNIT_LINE - lines_before_the_first_unit

    with pytest.raises(InputError, match=f"line {line}: entity reference &lol9; refused"):
        read_tmx(path)


def test_an_entity_in_an_attribute_is_refused_not_expanded(tmp_path):
    path = write_tmx(
        tmp_path,
        '<tu tuid="&client;"><tuv xml:lang="it"><seg>a</seg></tuv>'
        '<tuv xml:lang="en"><seg>b</seg></tuv></tu>',
        doctype='<!DOCTYPE tmx [<!ENTITY client "ACME">]>',
    )

    with pytest.raises(InputError, match="line 5: entity reference &client; refused"):
        read_tmx(path)


def test_an_undeclared_entity_is_malformed_xml_at_its_line(tmp_path):
    path = write_tmx(
        tmp_path,
        '<tu><tuv xml:lang="it"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="it"><seg>&nbsp;a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>',
    )

    with pytest.raises(InputError, match=r"line 6: malformed XML: .*nbsp"):
        read_tmx(path)


def test_entities_a_dtd_declares_but_the_file_does_not_use_do_no_harm(tmp_path):
    path = write_tmx(
        tmp_path,
        '<tu><tuv xml:lang="it"><seg>Rossi &amp; Figli &#233;</seg></tuv>'
        '<tuv xml:lang="en"><seg>b</seg></tuv></tu>',
        doctype=LAUGHS,
    )

    assert [u.src_text for u in read_tmx(path).units] == ["Rossi & Figli é"]


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("SECRET-PASSWORD-1234", encoding="utf-8")
    return path


@pytest.mark.parametrize("declared_in", ["the document", "an external DTD"])
def test_an_external_entity_does_not_leak_a_local_file(tmp_path, secret, declared_in):
    entity = f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
    if declared_in == "the document":
        doctype = f"<!DOCTYPE tmx [{entity}]>"
    else:  # the DTD is not even loaded
        dtd = tmp_path / "evil.dtd"
        dtd.write_text(entity, encoding="utf-8")
        doctype = f'<!DOCTYPE tmx SYSTEM "{dtd.as_uri()}">'
    path = write_tmx(
        tmp_path,
        '<tu><note>&xxe;</note><tuv xml:lang="it"><seg>a &xxe;</seg></tuv>'
        '<tuv xml:lang="en"><seg>b</seg></tuv></tu>',
        doctype=doctype,
    )

    with pytest.raises(InputError, match="entity reference &xxe; refused") as error:
        read_tmx(path)
    assert "SECRET" not in str(error.value)


MEMORY_PROBE = """
import resource, sys
from aligner.memory.tmx import read_tmx
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
memory = read_tmx(sys.argv[1], "it", "en")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(memory.units), (after - before) * 1024)
"""


def test_memory_does_not_grow_with_the_file(tmp_path):
    """Two languages of a 40-language memory: the file is streamed, so memory grows
    with the pairs kept, not with the file (a parsed tree would take ~8 times its size)."""
    langs = ["it", "en"] + [f"x{i:02d}" for i in range(38)]
    path = tmp_path / "big.tmx"
    with path.open("w", encoding="utf-8") as file:
        file.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
            '<header srclang="it" creationtool="t" creationtoolversion="1" '
            'segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n'
        )
        count = 0
        while file.tell() < 60_000_000:
            file.write(
                "".join(
                    f'<tu tuid="{count + n}">'
                    + "".join(
                        f'<tuv xml:lang="{lang}"><seg>Frase {count + n} in {lang}, '
                        "abbastanza lunga da somigliare a una vera.</seg></tuv>"
                        for lang in langs
                    )
                    + "</tu>\n"
                    for n in range(500)
                )
            )
            count += 500
        file.write("</body></tmx>\n")
    size = path.stat().st_size

    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(path)], capture_output=True, text=True, check=True
    )

    units_read, growth = map(int, probe.stdout.split())
    assert units_read == count
    assert growth < size / 4, f"{growth / 1e6:.0f} MB for a {size / 1e6:.0f} MB file"


def test_a_memory_written_unit_by_unit_is_the_same_file():
    import io

    from aligner.export.tmx import tmx_content, tmx_writer
    from aligner.model import ExportUnit, InlineTag

    units = [
        ExportUnit(1, "1-1", 0.9, "Il <b>gatto</b>.", "The cat.", notes=("warning x: y",)),
        ExportUnit(
            2,
            "2-1",
            0.5,
            "Ciao mondo",
            "Hello world",
            src_markup=(InlineTag(0, 4, "<b>", "</b>"),),
            props=(("x-aligner-pair", "p1"),),
        ),
    ]
    streamed = io.BytesIO()
    with tmx_writer(streamed, "it", "en", "use") as write:
        for unit in units:
            write(unit)

    def canonical(content: bytes) -> bytes:
        root = etree.fromstring(content, etree.XMLParser(remove_blank_text=True))
        root.find("header").attrib.pop("creationdate")
        return etree.tostring(root)

    assert canonical(streamed.getvalue()) == canonical(tmx_content(units, "it", "en", "use"))
    memory = etree.fromstring(streamed.getvalue())
    assert memory.findall("body/tu/prop[@type='x-aligner-pair']")[0].text == "p1"
