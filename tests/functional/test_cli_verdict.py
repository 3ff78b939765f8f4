"""The documents' verdict on the command line, on the seeds: 000 (Italian) and 001
(English) are one article; 002 and 004 are other Italian articles on the same topic, and
003 an English one that translates none of them."""

import json
from pathlib import Path

import pytest
from lxml import etree

import aligner.embed
from aligner.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NOT_TRANSLATIONS = [("002", "003"), ("004", "003"), ("000", "003"), ("002", "001")]


def seed(number: str) -> str:
    return str(next(SEEDS.glob(f"{number}_*.txt")))


@pytest.fixture(autouse=True)
def shared_encoder(monkeypatch, encoder) -> None:
    """The session's encoder, loaded once, for every command."""
    monkeypatch.setattr(aligner.embed, "load_encoder", lambda spec: encoder)


def check(capsys, src: str, tgt: str, *options: str) -> tuple[int, str, str]:
    code = main(["check", seed(src), seed(tgt), "--src-lang", "it", "--tgt-lang", "en", *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_seed_article_and_its_translation_read_as_one(capsys) -> None:
    code, out, _ = check(capsys, "000", "001", "--format", "json")

    assert code == 0
    verdict = json.loads(out)["verdict"]
    assert verdict["is_translation"] and verdict["severity"] is None
    assert verdict["src_coverage"] > 0.9 and verdict["tgt_coverage"] > 0.75
    assert verdict["message"].startswith("Reads as a translation: 94% of the Italian and 78%")


@pytest.mark.parametrize(
    ("src", "tgt"), NOT_TRANSLATIONS, ids=["-".join(p) for p in NOT_TRANSLATIONS]
)
def test_articles_that_do_not_translate_each_other_are_a_warning(capsys, src, tgt) -> None:
    _, out, _ = check(capsys, src, tgt)

    first = out.splitlines()[0]
    assert first.startswith("warning not-a-translation  These documents do not read as")
    assert "of the Italian and" in first
    code, out, _ = check(capsys, src, tgt, "--fail-on", "warning", "--format", "json")
    assert code == 1
    content = json.loads(out)
    assert content["verdict"]["severity"] == "warning"
    assert content["verdict"]["coverage"] < 0.5
    # No bead of it is more likely right than wrong, however alike its two texts.
    assert max(pair["score"] for pair in content["pairs"]) <= 0.5


def test_check_tsv_lists_the_documents_finding_first(capsys) -> None:
    code, out, _ = check(capsys, "002", "003", "--format", "tsv")

    assert code == 0
    header, first, *_ = out.splitlines()
    row = dict(zip(header.split("\t"), first.split("\t"), strict=True))
    assert row["number"] == "" and row["code"] == "not-a-translation"
    assert row["severity"] == "warning"


def test_align_says_the_verdict_and_keeps_no_unit_of_a_non_translation(
    capsys, tmp_path: Path
) -> None:
    output = tmp_path / "out.tmx"
    code = main(["align", seed("002"), seed("003"), "--format", "tmx", "-o", str(output),
                 "--min-confidence", "0.6"])  # fmt: skip

    err = capsys.readouterr().err
    assert code == 0
    last = err.splitlines()[-1]
    assert last.startswith("aligner: warning: These documents do not read as translations")
    assert etree.parse(output).getroot().findall("body/tu") == []

    assert main(["align", seed("002"), seed("003"), "--format", "json"]) == 0
    verdict = json.loads(capsys.readouterr().out)["verdict"]
    assert verdict["is_translation"] is False


def test_the_report_opens_with_the_verdict(capsys, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert main(["report", seed("004"), seed("003"), "-o", str(page)]) == 0

    html = etree.parse(str(page), etree.HTMLParser())
    [box] = html.findall(".//p[@class='verdict warning']")
    assert box.text.startswith("These documents do not read as translations of each other")
    # The box comes before the summary.
    assert box.getprevious().tag == "h1"
    assert "aligner: warning: These documents" in capsys.readouterr().err


def test_the_report_of_a_translation_says_so(capsys, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert main(["report", seed("000"), seed("001"), "-o", str(page)]) == 0

    html = etree.parse(str(page), etree.HTMLParser())
    [box] = html.findall(".//p[@class='verdict translation']")
    assert box.text.startswith("Reads as a translation: 94% of the Italian")


def test_a_review_that_unpairs_everything_fails_on_the_verdict_alone(
    capsys, tmp_path: Path, encoder
) -> None:
    """Headings only the other version lacks are notes, not warnings: once the reviewer
    has detached every bead, only the verdict is a warning, and `check` of the session
    fails on it."""
    from aligner import align_documents, load_document
    from aligner.review import Review

    (tmp_path / "it.txt").write_text("Il gatto nero\nLa casa rossa\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The black cat\nThe red house\n", encoding="utf-8")
    alignment = align_documents(
        load_document(tmp_path / "it.txt", "it"), load_document(tmp_path / "en.txt", "en"), encoder
    )
    session = tmp_path / "en.txt.review.json"
    review = Review.start(alignment, session_path=session, encoder=encoder)
    assert [bead.kind for bead in review.beads] == ["1-1", "1-1"]
    assert main(["check", str(session), "--fail-on", "warning"]) == 0
    assert capsys.readouterr().out.startswith("Reads as a translation: 100% of the Italian")

    review.detach(1)
    review.detach(0)

    assert main(["check", str(session)]) == 0
    capsys.readouterr()
    assert main(["check", str(session), "--fail-on", "warning"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("warning not-a-translation  These documents do not read as")
    assert "warning " not in out.split("\n", 1)[1]  # the beads' findings are notes
