"""`aligner check`, `report`, `align --format tmx` and `review` with a glossary and a
config file: the same findings reach every output, a check the config switches off
reaches none, a corrupt file stops the run with one line."""

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree
from pilot_waits import workers_done
from textual.widgets import OptionList

from aligner.checks import load_config
from aligner.cli import main
from aligner.memory.beads import memory_alignment
from aligner.memory.table import read_table
from aligner.review import Review
from aligner.tui.app import make_app

QA = Path(__file__).resolve().parents[1] / "data" / "qa"


@pytest.fixture
def documents(tmp_path: Path) -> tuple[Path, Path]:
    """Four Italian sentences and their English, one a line: a term translated against
    the glossary, the same source translated two ways, a name misspelled."""
    for name in ("it.txt", "en.txt", "terms.csv", "terms.tbx"):
        shutil.copy(QA / name, tmp_path / name)
    return tmp_path / "it.txt", tmp_path / "en.txt"


def check_json(capsys, *args: str) -> tuple[int, list[list[tuple[str, str]]]]:
    code = main(["check", *args, "--format", "json"])
    pairs = json.loads(capsys.readouterr().out)["pairs"]
    return code, [[(f["code"], f["severity"]) for f in pair["findings"]] for pair in pairs]


def documents_args(documents: tuple[Path, Path]) -> list[str]:
    return [
        str(documents[0]),
        str(documents[1]),
        "--presegmented",
        "--src-lang",
        "it",
        "--tgt-lang",
        "en",
    ]


def test_check_with_a_glossary_reports_the_forbidden_term_and_the_other_checks(documents, capsys):
    code, findings = check_json(
        capsys, *documents_args(documents), "--glossary", str(documents[0].parent / "terms.csv")
    )
    assert code == 1  # a forbidden term is an error
    assert ("forbidden-term", "error") in findings[0]
    assert ("key-term-missing", "warning") in findings[0]
    assert ("inconsistent-translation", "warning") in findings[1]
    assert ("inconsistent-translation", "warning") in findings[2]
    assert ("name-spelled-differently", "warning") in findings[3]


def test_a_config_given_switches_a_check_off_and_sets_a_severity(documents, capsys, tmp_path):
    config = tmp_path / "qa.toml"
    config.write_text(
        '[checks]\nnames = false\n[severity]\ninconsistent-translation = "error"\n',
        encoding="utf-8",
    )
    code, findings = check_json(capsys, *documents_args(documents), "--config", str(config))
    assert code == 1
    assert ("inconsistent-translation", "error") in findings[1]
    assert not any(c.startswith("name-") for pair in findings for c, _ in pair)


def test_the_config_beside_the_documents_reaches_the_report_and_the_tmx_notes(
    documents, capsys, tmp_path
):
    (tmp_path / "aligner.toml").write_text('glossary = "terms.tbx"\n', encoding="utf-8")
    report = tmp_path / "report.html"
    assert main(["report", *documents_args(documents), "-o", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    assert "forbidden-term" not in html  # the TBX forbids "accordo" in Italian, not "deal"
    assert "key-term-missing" in html and "inconsistent-translation" in html
    memory = tmp_path / "it-en.tmx"
    assert main(["align", *documents_args(documents), "--format", "tmx", "-o", str(memory)]) == 0
    notes = [note.text for note in etree.parse(str(memory)).iter("note")]
    assert any(note.startswith("warning key-term-missing: key term “contratto”") for note in notes)
    assert any(note.startswith("warning inconsistent-translation:") for note in notes)


def test_a_memory_is_checked_with_the_glossary_in_tsv(documents, capsys, tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("L'accordo è firmato.\tThe deal is signed.\n", encoding="utf-8")
    code, findings = check_json(
        capsys, "--tsv", str(pairs), "--src-lang", "it", "--tgt-lang", "en",
        "--glossary", str(tmp_path / "terms.csv"),
    )  # fmt: skip
    assert code == 1 and findings == [[("forbidden-term", "error")]]


@pytest.mark.parametrize(
    ("option", "content", "message"),
    [
        ("--config", "[checks\n", "is not valid TOML"),
        ("--config", "[checks]\nspeling = true\n", "has no check 'speling'"),
        ("--glossary", "<tbx><body>", "is not well-formed TBX"),
    ],
)
def test_a_corrupt_config_or_glossary_is_one_line_and_exit_2(
    documents, capsys, tmp_path, option, content, message
):
    path = tmp_path / ("bad.tbx" if option == "--glossary" else "bad.toml")
    path.write_text(content, encoding="utf-8")
    code = main(["check", *documents_args(documents), option, str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["review", "report", "align"])
def test_every_command_that_checks_refuses_a_corrupt_config_before_any_work(
    documents, capsys, tmp_path, command
):
    (tmp_path / "aligner.toml").write_text("[severity]\nname-missing = 'loud'\n", encoding="utf-8")
    output = ["-o", str(tmp_path / "out")] if command != "review" else []
    output += ["--format", "tmx"] if command == "align" else []
    assert main([command, *map(str, documents), *output]) == 2
    err = capsys.readouterr().err
    assert "aligner.toml: [severity] name-missing must be one of" in err
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob("*.review.json"))


async def test_a_check_the_config_switches_off_is_absent_in_the_review(tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "Il ministro Vasilenko è arrivato.\tMinister Vassilenko has arrived.\n", encoding="utf-8"
    )
    memory = read_table(pairs, "it", "en")
    config_path = tmp_path / "aligner.toml"
    for names_on in (True, False):
        config_path.write_text(f"[checks]\nnames = {str(names_on).lower()}\n", encoding="utf-8")
        review = Review.start(memory_alignment(memory, "x"), check_config=load_config(config_path))
        async with make_app(review).run_test(size=(120, 36)) as pilot:
            await workers_done(pilot)
            await pilot.pause()
            listed = pilot.app.screen.query_one("#findings", OptionList)
            shown = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
            spelled = "the name “Vasilenko” is spelled “Vassilenko” in the target"
            assert any(spelled in line for line in shown) == names_on
