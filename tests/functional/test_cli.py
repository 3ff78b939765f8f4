import itertools
import json
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from lxml import etree

import aligner.cli.progress
import aligner.embed
from aligner.cli import main
from aligner.cli.progress import ProgressLines

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: What `align` says last on stderr of the test pair, which the digit encoder pairs
#: exactly: the documents' verdict.
TRANSLATION_LINE = (
    "aligner: Reads as a translation: 100% of the Italian and 100% of the English have a "
    "counterpart (mean confidence 1.00)."
)


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


Run = Callable[..., Result]


def run_subprocess(*args: str) -> Result:
    completed = subprocess.run(
        [sys.executable, "-m", "aligner", *args], capture_output=True, text=True, encoding="utf-8"
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture(params=["in-process", "subprocess"])
def run(request, capsys) -> Run:
    """Runs the CLI in this process through `main`, or as `python -m aligner`."""

    def run_in_process(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run_in_process if request.param == "in-process" else run_subprocess


class DigitEncoder:
    """Embeds a text as the one-hot vector of the first digit in it (a last dimension
    for none): sentences with the same digit are translations of each other, no model
    needed."""

    name = "digits"
    languages = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), 11), dtype=np.float32)
        for row, text in enumerate(texts):
            digit = re.search(r"\d", text)
            vectors[row, int(digit.group()) if digit else 10] = 1.0
        return vectors


@pytest.fixture
def fake_encoder(monkeypatch) -> None:
    monkeypatch.setattr(aligner.embed, "load_encoder", lambda spec: DigitEncoder())


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    """A tiny pre-segmented Italian/English pair, one sentence a line."""
    src = tmp_path / "src.it.txt"
    tgt = tmp_path / "tgt.en.txt"
    src.write_text("Il gatto 1 dorme.\nIl cane 2 abbaia.\nLa casa 3 è rossa.\n", encoding="utf-8")
    tgt.write_text("The cat 1 sleeps.\nThe dog 2 barks.\nThe house 3 is red.\n", encoding="utf-8")
    return src, tgt


def pair_arguments(pair: tuple[Path, Path], *options: str) -> list[str]:
    """`align` of the tiny pair with its languages given, so nothing is detected."""
    src, tgt = pair
    return [
        "align",
        str(src),
        str(tgt),
        "--src-lang",
        "it",
        "--tgt-lang",
        "en",
        "--presegmented",
        *options,
    ]


def assert_one_error_line(result: Result) -> None:
    assert result.code == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("aligner: error:")


def test_missing_file_is_one_error_line(run, tmp_path, pair):
    result = run("align", str(tmp_path / "missing.txt"), str(pair[1]))

    assert_one_error_line(result)
    assert "missing.txt" in result.stderr


def test_directory_is_one_error_line(run, tmp_path, pair):
    assert_one_error_line(run("align", str(tmp_path), str(pair[1])))


def test_empty_file_is_one_error_line(run, tmp_path, pair):
    empty = tmp_path / "empty.txt"
    empty.write_text("")

    assert_one_error_line(run("align", str(pair[0]), str(empty)))


def test_binary_file_is_one_error_line(run, tmp_path, pair):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)

    assert_one_error_line(run("align", str(binary), str(pair[1])))


def test_unsupported_language_is_one_error_line(run, pair):
    result = run("align", str(pair[0]), str(pair[1]), "--src-lang", "xx")

    assert_one_error_line(result)
    assert "xx" in result.stderr


def test_usage_error_exits_2_in_process():
    with pytest.raises(SystemExit) as exit_info:
        main(["align", "only-one-file.txt"])

    assert exit_info.value.code == 2


def test_usage_error_exits_2_as_subprocess():
    result = run_subprocess("align", "only-one-file.txt")

    assert result.code == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])

    assert exit_info.value.code == 0
    assert re.fullmatch(r"aligner \d+\.\d+\.\d+\S*\n", capsys.readouterr().out)


def test_beads_format_on_presegmented_files(capsys, fake_encoder, pair):
    code = main(pair_arguments(pair, "--format", "beads"))

    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out == "[0]:[0]\n[1]:[1]\n[2]:[2]\n"
    # Languages were given, not detected: the verdict alone.
    assert captured.err.splitlines() == [TRANSLATION_LINE]


def test_beads_format_with_scores(capsys, fake_encoder, pair):
    code = main(pair_arguments(pair, "--format", "beads", "--scores"))

    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [line.rsplit(":", 1)[0] for line in lines] == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    assert all(0 <= float(line.rsplit(":", 1)[1]) <= 1 for line in lines)


def test_output_file_is_written_whole_and_stdout_stays_empty(capsys, fake_encoder, pair, tmp_path):
    output = tmp_path / "out" / "alignment.tsv"
    output.parent.mkdir()

    code = main(pair_arguments(pair, "--format", "tsv", "-o", str(output)))

    assert code == 0
    assert capsys.readouterr().out == ""
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("bead\tkind\t") and len(lines) == 4
    assert list(output.parent.iterdir()) == [output]  # no temporary file left behind


def test_unwritable_output_is_one_error_line(capsys, fake_encoder, pair, tmp_path):
    code = main(pair_arguments(pair, "-o", str(tmp_path / "no-such-dir" / "out.txt")))

    assert_one_error_line(Result(code, *capsys.readouterr()))


def test_unwritable_output_is_refused_before_any_alignment(capsys, monkeypatch, pair, tmp_path):
    def encoder_must_not_load(spec):
        raise AssertionError("aligned although the output cannot be written")

    monkeypatch.setattr(aligner.embed, "load_encoder", encoder_must_not_load)
    code = main(pair_arguments(pair, "-o", str(tmp_path)))

    result = Result(code, *capsys.readouterr())
    assert_one_error_line(result)
    assert "is a directory" in result.stderr


def test_interrupt_exits_130_quietly(capsys, monkeypatch, pair):
    def interrupted(spec):
        raise KeyboardInterrupt

    monkeypatch.setattr(aligner.embed, "load_encoder", interrupted)

    code = main(pair_arguments(pair))

    assert code == 130
    assert capsys.readouterr().err == ""


def test_real_seeds_pair_the_reuters_sentences(capsys, monkeypatch, table_rows):
    """End to end with the real default encoder and language detection."""
    monkeypatch.setenv("COLUMNS", "160")
    [italian] = SEEDS.glob("000_*.txt")
    [english] = SEEDS.glob("001_*.txt")

    code = main(["align", str(italian), str(english)])

    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "aligner: detected source language: it" in captured.err
    assert "aligner: detected target language: en" in captured.err
    rows = table_rows(captured.out)
    [reuters] = [row for row in rows if "Il 3 agosto, Reuters" in row[3]]
    assert "On August 3rd, Reuters" in reuters[4]


@pytest.fixture
def pair_with_extra_line(tmp_path) -> tuple[Path, Path]:
    """A pre-segmented pair whose source has a sentence with no counterpart, and a
    vertical tab (which XML forbids) between two words."""
    src = tmp_path / "src.it.txt"
    tgt = tmp_path / "tgt.en.txt"
    src.write_text(
        "Il gatto 1 dorme.\nUna riga 9 in più.\nLa casa 3 è\x0brossa.\n", encoding="utf-8"
    )
    tgt.write_text("The cat 1 sleeps.\nThe house 3 is red.\n", encoding="utf-8")
    return src, tgt


def test_tmx_output_is_a_memory_in_the_languages_given(capsys, fake_encoder, pair, tmp_path):
    output = tmp_path / "out.tmx"

    code = main(pair_arguments(pair, "--tgt-lang", "en_GB", "--format", "tmx", "-o", str(output)))

    assert code == 0
    # Nothing left out, nothing replaced.
    assert capsys.readouterr().err.splitlines() == [TRANSLATION_LINE]
    root = etree.parse(output).getroot()
    assert root.find("header").get("srclang") == "it"
    tus = root.findall("body/tu")
    assert len(tus) == 3
    assert [tuv.get(XML_LANG) for tuv in tus[0].findall("tuv")] == ["it", "en-GB"]
    assert tus[2].findtext("tuv/seg") == "La casa 3 è rossa."


def test_tmx_reports_beads_left_out_and_control_characters(
    capsys, fake_encoder, pair_with_extra_line
):
    code = main(pair_arguments(pair_with_extra_line, "--format", "tmx"))

    captured = capsys.readouterr()
    assert code == 0
    assert captured.err.splitlines() == [
        "aligner: wrote 2 units; left out 1 bead without a counterpart (1-0, 0-1)",
        "aligner: warning: control characters that XML forbids written as spaces in beads 3",
        # The extra line has no counterpart.
        "aligner: Reads as a translation: 66% of the Italian and 100% of the English have a "
        "counterpart (mean confidence 0.90).",
    ]
    tus = etree.fromstring(captured.out.encode("utf-8")).findall("body/tu")
    assert tus[1].findtext("tuv/seg") == "La casa 3 è rossa."


def test_xlsx_output_is_a_spreadsheet(capsys, fake_encoder, pair_with_extra_line, tmp_path):
    output = tmp_path / "review.xlsx"

    code = main(
        pair_arguments(pair_with_extra_line, "--format", "xlsx", "--one-to-one", "-o", str(output))
    )

    assert code == 0
    assert "left out 1 bead other than 1-1" in capsys.readouterr().err
    sheet = openpyxl.load_workbook(output).active
    assert [cell.value for cell in sheet[1]] == [
        "#", "source", "target", "bead", "confidence", "notes"
    ]  # fmt: skip
    assert [cell.value for cell in sheet["B"][1:]] == ["Il gatto 1 dorme.", "La casa 3 è rossa."]


def test_xlsx_is_not_written_to_a_terminal(capsys, monkeypatch, fake_encoder, pair):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)

    code = main(pair_arguments(pair, "--format", "xlsx"))

    result = Result(code, *capsys.readouterr())
    assert_one_error_line(result)
    assert "-o FILE" in result.stderr


@pytest.mark.parametrize(
    "options",
    [["--min-confidence", "0.5"], ["--one-to-one"], ["--format", "tmx", "--min-confidence", "2"]],
)
def test_bead_filters_only_apply_to_tmx_and_xlsx(capsys, fake_encoder, pair, options):
    with pytest.raises(SystemExit) as exit_info:
        main(pair_arguments(pair, *options))

    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_min_confidence_leaves_out_doubtful_beads(capsys, fake_encoder, tmp_path):
    src = tmp_path / "src.it.txt"
    tgt = tmp_path / "tgt.en.txt"
    src.write_text("Il gatto 1 dorme.\nIl gatto 1 mangia.\nLa casa 3 è rossa.\n", encoding="utf-8")
    tgt.write_text("The cat 1 sleeps and eats.\nThe house 3 is red.\n", encoding="utf-8")

    # The digit encoder is surer of the 1-1 bead (.997) than of the 2-1 merge (.97: the
    # path that leaves "Il gatto 1 mangia." alone still has some weight).
    code = main(pair_arguments((src, tgt), "--format", "tmx", "--min-confidence", "0.99"))

    captured = capsys.readouterr()
    assert code == 0
    assert captured.err.splitlines()[0] == (
        "aligner: wrote 1 unit; left out 1 bead below confidence 0.99"
    )
    [unit] = etree.fromstring(captured.out.encode("utf-8")).findall("body/tu")
    assert unit.findtext("tuv/seg") == "La casa 3 è rossa."


def test_import_prints_the_pairs_and_reports_skipped_units(capsys, tmp_path):
    memory = tmp_path / "memory.tmx"
    memory.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="it" creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>'
        '<body>\n<tu tuid="1"><tuv xml:lang="it"><seg>Uno</seg></tuv>'
        '<tuv xml:lang="en"><seg>One</seg></tuv></tu>\n'
        '<tu tuid="2"><tuv xml:lang="it"><seg>Due</seg></tuv><tuv xml:lang="en"/></tu>\n'
        '<tu tuid="1"><tuv xml:lang="it"><seg>Tre</seg></tuv>'
        '<tuv xml:lang="en"><seg>Three</seg></tuv></tu>\n</body></tmx>\n',
        encoding="utf-8",
    )

    code = main(["import", str(memory)])

    captured = capsys.readouterr()
    assert code == 0
    assert captured.err.splitlines() == [
        "aligner: read 1 pair it → en",
        (
            "aligner: skipped 2 units: 1 with a <tuv> without <seg> (line 4); "
            "1 with a tuid seen before (line 5)"
        ),
    ]
    assert captured.out.splitlines()[1].split("\t") == ["3", "1", "it", "en", "", "Uno", "One"]


def test_a_malformed_memory_is_one_error_line_with_its_line_number(run, tmp_path):
    memory = tmp_path / "memory.tmx"
    memory.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4">\n<body>\n'
        "<tu><tuv><seg>Rossi & Figli</seg></tuv></tu>\n</body></tmx>\n"
    )

    result = run("import", str(memory))

    assert_one_error_line(result)
    assert "memory.tmx: line 4: malformed XML" in result.stderr


@pytest.fixture
def checked_pair(tmp_path) -> tuple[Path, Path]:
    """A pre-segmented pair whose second line has the wrong currency."""
    src = tmp_path / "src.it.txt"
    tgt = tmp_path / "tgt.en.txt"
    src.write_text(
        "Il 1 agosto è partito.\nHa pagato 2 milioni di rubli.\nÈ tornato il 3 settembre.\n",
        encoding="utf-8",
    )
    tgt.write_text(
        "He left on August 1st.\nHe paid $2 million.\nHe came back on September 3rd.\n",
        encoding="utf-8",
    )
    return src, tgt


def check_arguments(files: tuple[Path, Path], *options: str) -> list[str]:
    src, tgt = files
    return ["check", str(src), str(tgt), "--src-lang", "it", "--tgt-lang", "en", "--presegmented",
            *options]  # fmt: skip


def test_check_exits_1_on_an_error_and_reports_it(capsys, fake_encoder, checked_pair):
    code = main(check_arguments(checked_pair))

    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "currency-mismatch" in captured.out
    assert "Ha pagato 2 milioni di ⟦rubli⟧." in captured.out
    assert "3 pairs checked: 1 error" in captured.out


def test_check_exits_0_on_a_clean_translation(capsys, fake_encoder, pair):
    src, tgt = pair
    code = main(["check", str(src), str(tgt), "--src-lang", "it", "--tgt-lang", "en",
                 "--presegmented"])  # fmt: skip

    captured = capsys.readouterr()
    assert code == 0, captured.out
    assert "3 pairs checked: 0 errors, 0 warnings, 0 notes" in captured.out


def test_fail_on_never_and_warning(capsys, fake_encoder, checked_pair, tmp_path):
    assert main(check_arguments(checked_pair, "--fail-on", "never")) == 0
    src, _ = checked_pair
    added = tmp_path / "added.en.txt"
    added.write_text(
        "He left on August 1st.\nHe paid 2 million roubles.\nHe came back on September 3rd "
        "with 5 friends.\n",
        encoding="utf-8",
    )
    # Only a warning: the 5 is not in the source.
    assert main(check_arguments((src, added))) == 0
    assert main(check_arguments((src, added), "--fail-on", "warning")) == 1
    capsys.readouterr()


def test_check_json_has_every_pair_with_findings_and_spans(capsys, fake_encoder, checked_pair):
    code = main(check_arguments(checked_pair, "--format", "json"))

    assert code == 1
    content = json.loads(capsys.readouterr().out)
    pairs = content["pairs"]
    assert [p["number"] for p in pairs] == [1, 2, 3]
    assert [(p["src"], p["tgt"]) for p in pairs] == [([0], [0]), ([1], [1]), ([2], [2])]
    assert all(p["tuid"] is None and isinstance(p["score"], float) for p in pairs)
    [finding] = [f for p in pairs for f in p["findings"]]
    assert set(finding) == {"check", "code", "severity", "message", "src_span", "tgt_span"}
    second = pairs[1]
    assert second["src_text"][slice(*finding["src_span"])] == "rubli"
    assert second["tgt_text"][slice(*finding["tgt_span"])] == "$"


def test_check_tsv_to_a_file(capsys, fake_encoder, checked_pair, tmp_path):
    output = tmp_path / "findings.tsv"

    code = main(check_arguments(checked_pair, "--format", "tsv", "-o", str(output)))

    assert code == 1 and capsys.readouterr().out == ""
    lines = output.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "\tcurrency-mismatch\terror\t" in lines[1]


def test_check_input_errors_exit_2(run, tmp_path, checked_pair):
    result = run("check", str(tmp_path / "missing.txt"), str(checked_pair[1]))

    assert_one_error_line(result)


def test_check_usage_error_exits_2(capsys, checked_pair):
    with pytest.raises(SystemExit) as exit_info:
        main(check_arguments(checked_pair, "--fail-on", "sometimes"))

    assert exit_info.value.code == 2


@pytest.fixture
def memory_with_wrong_currency(tmp_path) -> Path:
    """A client's memory: the second unit says rubles where the source says dollars."""
    memory = tmp_path / "client.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"'
        ' adminlang="en" srclang="it-IT" datatype="plaintext"/>\n<body>\n'
        '<tu tuid="a1"><tuv xml:lang="it-IT"><seg>Il 3 agosto.</seg></tuv>'
        '<tuv xml:lang="en-GB"><seg>On 3 August.</seg></tuv></tu>\n'
        '<tu tuid="a2"><tuv xml:lang="it-IT"><seg>Costa 120.000 dollari.</seg></tuv>'
        '<tuv xml:lang="en-GB"><seg>It costs 120,000 roubles.</seg></tuv></tu>\n'
        "</body>\n</tmx>\n",
        encoding="utf-8",
    )
    return memory


def test_check_audits_a_tmx_memory_by_tuid(capsys, memory_with_wrong_currency):
    code = main(["check", "--tmx", str(memory_with_wrong_currency), "--format", "json"])

    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "read 2 pairs it-IT → en-GB" in captured.err
    pairs = json.loads(captured.out)["pairs"]
    assert [p["tuid"] for p in pairs] == ["a1", "a2"]
    assert pairs[0]["findings"] == []
    assert [f["code"] for f in pairs[1]["findings"]] == ["currency-mismatch"]


def test_check_audits_a_tsv_memory(capsys, tmp_path):
    table = tmp_path / "pairs.tsv"
    table.write_text("it\ten\nTre milioni di abitanti.\tThree billion inhabitants.\n")

    code = main(["check", "--tsv", str(table), "--fail-on", "never"])

    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "value-mismatch" in captured.out


@pytest.mark.parametrize(
    "arguments",
    [["check"], ["check", "a.txt", "--tmx", "m.tmx"], ["check", "--tmx", "m.tmx", "--model", "x"]],
)
def test_check_takes_documents_or_a_memory(capsys, arguments):
    with pytest.raises(SystemExit) as exit_info:
        main(arguments)

    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_tmx_units_carry_the_findings_of_their_pair_as_notes(capsys, fake_encoder, tmp_path):
    src, tgt = tmp_path / "src.it.txt", tmp_path / "tgt.en.txt"
    src.write_text("Il gatto 1 dorme.\nCosta 2 dollari.\n", encoding="utf-8")
    tgt.write_text("The cat 1 sleeps.\nIt costs 2 roubles.\n", encoding="utf-8")
    output = tmp_path / "out.tmx"

    code = main(pair_arguments((src, tgt), "--format", "tmx", "-o", str(output)))

    assert code == 0, capsys.readouterr().err
    first, second = etree.parse(output).getroot().findall("body/tu")
    assert first.findall("note") == []
    [note] = second.findall("note")
    assert note.text.startswith("error currency-mismatch: ")


def test_check_and_report_read_a_saved_review_without_its_dismissed_findings(
    capsys, rubli_alignment, tmp_path
):
    from aligner.review import Review

    session = tmp_path / "en.txt.review.json"
    review = Review.start(rubli_alignment, session_path=session)
    [error_bead] = [i for i in range(len(review.beads)) if review.needs_attention(i)]
    assert main(["check", str(session), "--fail-on", "error"]) == 1

    [error] = review.findings(error_bead)
    review.dismiss_finding(error_bead, error, "the client pays in roubles")
    capsys.readouterr()

    assert main(["check", str(session), "--fail-on", "error"]) == 0
    output = tmp_path / "report.html"
    assert main(["report", str(session), "-o", str(output)]) == 0
    assert "currency-mismatch" not in output.read_text(encoding="utf-8")


@pytest.fixture
def slow_clock(monkeypatch) -> None:
    """Every look at the clock is one progress interval later: work that takes long."""
    ticks = itertools.count(step=aligner.cli.progress.PROGRESS_LINE_SECONDS)
    monkeypatch.setattr(aligner.cli.progress, "monotonic", lambda: next(ticks))


def test_long_work_into_a_log_says_how_far_each_stage_got(
    capsys, fake_encoder, slow_clock, pair, tmp_path
):
    code = main(pair_arguments(pair, "--format", "tmx", "-o", str(tmp_path / "out.tmx")))

    err = capsys.readouterr().err
    assert code == 0, err
    lines = err.splitlines()
    for line in (
        "aligner: embedding 0/6 sentences",
        "aligner: embedding 6/6 sentences",
        "aligner: aligning 0%",
        "aligner: aligning 100%",
        # The checks whose findings the memory carries as notes.
        "aligner: checking 3/3 pairs",
    ):
        assert line in lines
    assert lines.index("aligner: aligning 100%") < lines.index("aligner: checking 3/3 pairs")
    assert "\r" not in err and "\x1b" not in err  # plain lines, never a redrawn bar


def test_progress_lines_come_at_most_every_few_seconds_and_at_the_end(capsys, monkeypatch):
    seconds = itertools.count()  # one second per look at the clock
    monkeypatch.setattr(aligner.cli.progress, "monotonic", lambda: next(seconds))
    progress = ProgressLines()

    for done in range(101):
        progress.update("embed", done, 100)

    lines = capsys.readouterr().err.splitlines()
    assert 0 < len(lines) <= 100 // aligner.cli.progress.PROGRESS_LINE_SECONDS + 1
    assert lines[-1] == "aligner: embedding 100/100 sentences"


def test_quick_work_writes_no_progress_line(capsys, fake_encoder, pair):
    assert main(pair_arguments(pair, "--format", "beads")) == 0

    assert capsys.readouterr().err.splitlines() == [TRANSLATION_LINE]
