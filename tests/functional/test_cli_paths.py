"""Where the CLI writes: never over a file it reads, and an output that cannot be
written is said before any work; a lone file that is not a session is said as such."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import aligner.embed
from aligner.cli import main
from aligner.model import Alignment, Bead
from aligner.pipeline import load_document
from aligner.review import Review

SRC_TEXT = "Il gatto 1 dorme.\nIl cane 2 abbaia.\n"
TGT_TEXT = "The cat 1 sleeps.\nThe dog 2 barks.\n"
MEMORY_TEXT = (
    '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="it" creationtool="t" '
    'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>'
    '<body>\n<tu tuid="1"><tuv xml:lang="it"><seg>Uno</seg></tuv>'
    '<tuv xml:lang="en"><seg>One</seg></tuv></tu>\n</body></tmx>\n'
)


@pytest.fixture
def no_work(monkeypatch) -> None:
    """The command must stop before it loads an encoder (seconds) and aligns (minutes)."""

    def encoder_must_not_load(spec):
        raise AssertionError("the command started work it could not save")

    monkeypatch.setattr(aligner.embed, "load_encoder", encoder_must_not_load)


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    src, tgt = tmp_path / "it.txt", tmp_path / "en.txt"
    src.write_text(SRC_TEXT, encoding="utf-8")
    tgt.write_text(TGT_TEXT, encoding="utf-8")
    return src, tgt


@pytest.fixture
def memory(tmp_path) -> Path:
    path = tmp_path / "mem.tmx"
    path.write_text(MEMORY_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def session(pair, tmp_path) -> Path:
    """A saved review of the pair (aligned line by line, no encoder needed)."""
    src, tgt = (
        load_document(path, lang, presegmented=True)
        for path, lang in zip(pair, ("it", "en"), strict=True)
    )
    alignment = Alignment(src, tgt, (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)), "digits")
    path = tmp_path / "en.txt.review.json"
    Review.start(alignment, session_path=path, presegmented=True)
    return path


def contents(*paths: Path) -> list[bytes]:
    return [path.read_bytes() for path in paths]


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("aligner: error: ") and err.count("\n") == 1, err
    return err


LANGS = ["--src-lang", "it", "--tgt-lang", "en", "--presegmented"]


@pytest.mark.parametrize("side", [0, 1], ids=["source", "target"])
@pytest.mark.parametrize(
    "command", [["align", "--format", "tmx"], ["align"], ["check"], ["report"]]
)
def test_an_output_that_is_an_input_document_is_refused_and_the_document_kept(
    capsys, no_work, pair, command, side
):
    before = contents(*pair)

    code = main([*command, *map(str, pair), *LANGS, "-o", str(pair[side])])

    assert code == 2
    role = "source" if side == 0 else "target"
    assert f"-o {pair[side]} is the {role} document: refusing to overwrite it" in one_error_line(
        capsys
    )
    assert contents(*pair) == before


@pytest.mark.parametrize("link", [os.link, os.symlink], ids=["hard link", "symlink"])
def test_a_link_to_an_input_is_the_input(capsys, no_work, pair, tmp_path, link):
    alias = tmp_path / "alias.txt"
    link(pair[0], alias)

    code = main(["align", *map(str, pair), *LANGS, "--format", "tmx", "-o", str(alias)])

    assert code == 2
    assert f"-o {alias} is the source document {pair[0]}" in one_error_line(capsys)
    assert pair[0].read_text(encoding="utf-8") == SRC_TEXT


@pytest.mark.parametrize(
    "command",
    [["import", "{memory}"], ["check", "--tmx", "{memory}"], ["report", "--tmx", "{memory}"]],
)
def test_an_output_that_is_the_memory_read_is_refused(capsys, memory, command):
    arguments = [argument.format(memory=memory) for argument in command]

    assert main([*arguments, "-o", str(memory)]) == 2

    assert "is the memory: refusing to overwrite it" in one_error_line(capsys)
    assert memory.read_text(encoding="utf-8") == MEMORY_TEXT


@pytest.mark.parametrize("command", ["check", "report"])
@pytest.mark.parametrize("target", ["session", "source", "target"])
def test_an_output_that_is_the_session_or_one_of_its_documents_is_refused(
    capsys, pair, session, command, target
):
    output = {"session": session, "source": pair[0], "target": pair[1]}[target]
    before = contents(session, *pair)

    assert main([command, str(session), "-o", str(output)]) == 2

    error = one_error_line(capsys)
    assert (
        "is the session" in error
        if target == "session"
        else f"the {target} document of the session" in error
    )
    assert contents(session, *pair) == before


def test_a_review_session_that_is_one_of_the_documents_is_refused(capsys, no_work, pair):
    assert main(["review", *map(str, pair), "--session", str(pair[1])]) == 2

    assert f"--session {pair[1]} is the target document" in one_error_line(capsys)
    assert pair[1].read_text(encoding="utf-8") == TGT_TEXT


def test_an_output_elsewhere_is_written(capsys, pair, memory, tmp_path):
    output = tmp_path / "pairs.tsv"

    assert main(["import", str(memory), "-o", str(output)]) == 0

    assert output.read_text(encoding="utf-8").splitlines()[1].endswith("Uno\tOne")


# An output that cannot be written, said at once. Run as a user would, in a read-only
# directory; as root (CI), without the capability that lets root write anywhere.


@pytest.fixture
def run_without_write_permission(without_write_permission):
    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        command = [*without_write_permission, sys.executable, "-m", "aligner", *arguments]
        # No terminal: the command must end on its own, and the review must not open.
        return subprocess.run(
            command, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120
        )

    return run


@pytest.fixture
def read_only_directory(tmp_path) -> Path:
    directory = tmp_path / "read-only"
    directory.mkdir()
    directory.chmod(0o555)
    yield directory
    directory.chmod(0o755)


@pytest.mark.parametrize(
    "command",
    [
        ["align", "{src}", "{tgt}", "--format", "tmx", "-o", "{out}"],
        ["check", "{src}", "{tgt}", "-o", "{out}"],
        ["report", "{src}", "{tgt}", "-o", "{out}"],
        ["import", "{memory}", "-o", "{out}"],
        ["review", "{src}", "{tgt}", "--session", "{out}"],
    ],
    ids=["align", "check", "report", "import", "review"],
)
def test_an_output_in_a_read_only_directory_is_refused_before_any_work(
    run_without_write_permission, pair, memory, read_only_directory, command
):
    output = read_only_directory / "out"
    names = {"src": pair[0], "tgt": pair[1], "memory": memory, "out": output}

    # No languages given: work done would say the languages it detected.
    run = run_without_write_permission(*(argument.format(**names) for argument in command))

    assert run.returncode == 2
    assert run.stderr == f"aligner: error: cannot write {output}: Permission denied\n"
    assert list(read_only_directory.iterdir()) == []


def test_a_read_only_output_file_is_kept(run_without_write_permission, memory, tmp_path):
    output = tmp_path / "pairs.tsv"
    output.write_text("kept\n", encoding="utf-8")
    output.chmod(0o444)

    run = run_without_write_permission("import", str(memory), "-o", str(output))

    assert run.returncode == 2
    assert run.stderr == f"aligner: error: cannot write {output}: the file is read-only\n"
    assert output.read_text(encoding="utf-8") == "kept\n"


# A lone file that is not a session: a forgotten TGT.


@pytest.mark.parametrize(
    "command, advice",
    [
        (
            ["review"],
            "give SRC and TGT to start a review, or a session file (….review.json) to resume one",
        ),
        (["check"], "give SRC and TGT to align and check them"),
        (["report", "-o", "{out}"], "give SRC and TGT to report on them"),
    ],
)
def test_a_lone_document_is_not_taken_for_a_broken_session(
    capsys, no_work, pair, tmp_path, command, advice
):
    arguments = [argument.format(out=tmp_path / "r.html") for argument in command]

    assert main([*arguments, str(pair[0])]) == 2

    error = one_error_line(capsys)
    assert f"{pair[0]} is not a review session: {advice}" in error
    assert "JSON" not in error
    assert pair[0].read_text(encoding="utf-8") == SRC_TEXT


def test_a_session_is_told_by_its_content_not_its_name(capsys, session, tmp_path):
    renamed = tmp_path / "saved-review.txt"
    session.rename(renamed)

    assert main(["check", str(renamed)]) == 0

    assert "2 pairs checked" in capsys.readouterr().out
