"""XLIFF 1.2 and 2.0 files read as pairs: inline codes kept as tags, states and notes
kept, units that are not pairs counted, and every bad file one clear error."""

from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.memory import load_memory
from aligner.memory.xliff import read_xliff

DATA = Path(__file__).resolve().parents[1] / "data" / "bilingual"

XLIFF_1 = """\
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="it" target-language="en" datatype="plaintext" original="a">
<body>
{units}
</body></file></xliff>"""


def xliff_1(tmp_path: Path, units: str, head: str = "") -> Path:
    path = tmp_path / "a.xlf"
    path.write_text(head + XLIFF_1.format(units=units), encoding="utf-8")
    return path


def test_xliff_1_2_units_keep_their_inline_codes_state_and_notes() -> None:
    memory = load_memory(DATA / "seed-it-en.xlf")

    assert (memory.src_lang, memory.tgt_lang) == ("it", "en")
    by_id = {unit.tuid: unit for unit in memory.units}
    assert list(by_id) == ["title", "p1", "p2", "caption"]
    p1 = by_id["p1"]
    assert p1.src_text.startswith("Il <g1>3 agosto</g1>, Reuters")
    assert p1.tgt_text.endswith("across the country.<x2/>")
    assert p1.state == "needs-review-translation"
    assert p1.notes == ("Check the amount against the Reuters story.",)
    # <bpt>/<ept> are one code; the native markup they hold (<b>) is not text.
    assert "<bpt3>3 million</bpt3>" in by_id["p2"].tgt_text
    assert by_id["caption"].tgt_text == "Photo credit: <ph4/>Wiki Commons"
    assert [(s.reason, s.tuid) for s in memory.skipped] == [
        ("untranslated", "p3"),
        ("not-translatable", "byline"),
    ]


def test_xliff_2_units_join_their_segments_and_take_the_least_advanced_state() -> None:
    memory = load_memory(DATA / "seed-it-en.xliff")

    by_id = {unit.tuid: unit for unit in memory.units}
    p1 = by_id["p1"]
    assert "across the country. Kazakhstan is" in p1.tgt_text  # segment, ignorable, segment
    assert "<pc2>3 billion</pc2> ethnic Russians.<ph3/>" in p1.tgt_text  # <sc>/<ec> as <pc>
    assert p1.state == "initial"  # one segment translated, one initial
    assert p1.notes == ("First paragraph of the article.",)
    assert by_id["caption"].state == "reviewed"
    assert [(s.reason, s.tuid, s.line) for s in memory.skipped] == [("untranslated", "p3", 34)]


def test_xliff_2_markers_are_dropped_annotations_and_code_points_are_text(tmp_path: Path) -> None:
    path = tmp_path / "a.xliff"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="it"'
        ' trgLang="en-GB"><file id="f"><unit id="u"><segment>'
        '<source>Premi <mrk id="m" translate="no">OK</mrk><sm id="s"/> ora<cp hex="0009"/></source>'
        '<target>Press <mrk id="m" translate="no">OK</mrk><sm id="s"/> now<cp hex="0009"/></target>'
        "</segment></unit></file></xliff>",
        encoding="utf-8",
    )

    memory = read_xliff(path)

    assert memory.tgt_lang == "en-GB"
    assert (memory.units[0].src_text, memory.units[0].tgt_text) == (
        "Premi OK ora\t",
        "Press OK now\t",
    )


@pytest.mark.parametrize(
    ("units", "head", "expected"),
    [
        (
            "<trans-unit id='1'><source>Ciao <foo:b>mondo</foo:b></source></trans-unit>",
            "",
            "a.xlf: line 4: malformed XML: Namespace prefix foo on b is not defined",
        ),
        (
            "<trans-unit id='1'><source>Ciao &nbsp; mondo</source></trans-unit>",
            "",
            "a.xlf: line 4: entity reference &nbsp; refused (entities are not expanded, for safety)",
        ),
        (
            "<trans-unit id='1'><source>Ciao &e; mondo</source></trans-unit>",
            '<!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n',
            "a.xlf: line 5: entity reference &e; refused (entities are not expanded, for safety)",
        ),
    ],
    ids=["undeclared-namespace-prefix", "undeclared-entity", "external-entity"],
)
def test_a_malformed_or_unsafe_xliff_is_one_error_with_its_line(
    tmp_path: Path, units: str, head: str, expected: str
) -> None:
    path = xliff_1(tmp_path, units, head)

    with pytest.raises(InputError) as raised:
        read_xliff(path)

    assert str(raised.value) == f"{tmp_path}/{expected}"


def test_a_billion_laughs_in_an_attribute_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {name} "{("&" + previous + ";") * 10}">'
        for previous, name in zip("abcdefg", "bcdefgh")
    )
    path = xliff_1(
        tmp_path,
        '<trans-unit id="&h;"><source>a</source><target>b</target></trans-unit>',
        f"<!DOCTYPE xliff [{entities}]>\n",
    )

    with pytest.raises(InputError, match=r"line 5: entity reference &h; refused"):
        read_xliff(path)


def test_a_truncated_xliff_is_malformed_xml_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.xlf"
    path.write_bytes((DATA / "seed-it-en.xlf").read_bytes()[:1500])

    with pytest.raises(InputError, match=r"a\.xlf: line \d+: malformed XML: "):
        read_xliff(path)


def test_an_xliff_without_target_language_says_to_give_one(tmp_path: Path) -> None:
    path = xliff_1(tmp_path, "<trans-unit id='1'><source>a</source><target>b</target></trans-unit>")
    path.write_text(path.read_text().replace(' target-language="en"', ""))

    with pytest.raises(InputError) as raised:
        read_xliff(path)

    assert str(raised.value) == (
        f"{path}: no target language (<file> has no target-language): give --tgt-lang"
    )
    assert read_xliff(path, tgt_lang="en_US").tgt_lang == "en-US"


def test_a_file_that_is_not_xliff_says_so(tmp_path: Path) -> None:
    path = tmp_path / "a.xlf"
    path.write_text("<html><body>hi</body></html>")

    with pytest.raises(InputError, match=r"not an XLIFF file \(the root element is <html>\)"):
        read_xliff(path)
