"""`aligner review`: what goes wrong is said before the UI opens, and nothing is lost."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.review import Review, resume_review


def test_missing_document_is_an_error_before_the_ui(tmp_path: Path, capsys) -> None:
    assert main(["review", str(tmp_path / "no.txt"), str(tmp_path / "none.txt")]) == 2
    assert "error:" in capsys.readouterr().err


def test_a_bad_target_or_language_is_an_error_before_the_ui(tmp_path: Path, capsys) -> None:
    """The documents are split into sentences in the background, as the review shows
    them; what is wrong with the files or the languages given is said before it opens."""
    (tmp_path / "it.txt").write_text("Costa 3 euro.", encoding="utf-8")
    (tmp_path / "en.bin").write_bytes(b"\x00\x01\x02binary")
    assert main(["review", str(tmp_path / "it.txt"), str(tmp_path / "en.bin")]) == 2
    assert "en.bin" in capsys.readouterr().err
    (tmp_path / "en.txt").write_text("It costs 3 euros.", encoding="utf-8")
    arguments = ["review", str(tmp_path / "it.txt"), str(tmp_path / "en.txt"), "--src-lang", "xx"]
    assert main(arguments) == 2
    assert "xx" in capsys.readouterr().err
    assert not (tmp_path / "en.txt.review.json").exists()


@pytest.mark.parametrize("content", ["{broken", '{"version": 7}', ""])
def test_corrupt_session_is_an_error_and_left_as_it_was(
    tmp_path: Path, capsys, content: str
) -> None:
    session = tmp_path / "s.review.json"
    session.write_text(content, encoding="utf-8")
    assert main(["review", str(session)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("aligner: error:") and error.count("\n") == 1
    assert session.read_text(encoding="utf-8") == content


def test_a_session_whose_kept_finding_is_wrong_is_one_line_and_left_as_it_was(
    rubli_alignment, encoder, tmp_path: Path, capsys
) -> None:
    session = tmp_path / "en.txt.review.json"
    review = Review.start(rubli_alignment, session_path=session, encoder=encoder)
    for index in range(len(review.beads)):
        review.checked(index)
    review.save()
    review.close()
    data = json.loads(session.read_text(encoding="utf-8"))
    number = next(n for n, bead in enumerate(data["beads"]) if bead["findings"]["found"])
    data["beads"][number]["findings"]["found"][0]["severity"] = "fatal"
    content = json.dumps(data)
    session.write_text(content, encoding="utf-8")
    assert main(["review", str(session)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert f"beads[{number}].findings.found[0] must be a finding" in error
    assert session.read_text(encoding="utf-8") == content


HOLDER = """
import sys, time
from pathlib import Path
from aligner.review import resume_review
review = resume_review(Path(sys.argv[1]))
review.accept(0)
print("holding", flush=True)
time.sleep(120)
"""


def test_a_session_open_in_another_process_is_refused_until_that_one_dies(
    rubli_alignment, tmp_path: Path, capsys
) -> None:
    session = tmp_path / "en.txt.review.json"
    Review.start(rubli_alignment, session_path=session).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(session)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "holding\n"
        assert main(["review", str(session)]) == 2
        error = capsys.readouterr().err
        assert f"is open in another review (pid {holder.pid} on " in error
        assert error.count("\n") == 1
    finally:
        holder.kill()  # SIGKILL: no clean-up, the lock file stays behind
        holder.wait()
    assert holder.returncode == -signal.SIGKILL
    review = resume_review(session)  # the dead process's lock does not block
    review.accept(57)
    assert [i for i, b in enumerate(resume_review(session).beads) if b.accepted] == [0, 57]
