"""`aligner review`: what goes wrong is said before the UI opens, and nothing is lost."""

from pathlib import Path

import pytest

from aligner.cli import main


def test_missing_document_is_an_error_before_the_ui(tmp_path: Path, capsys) -> None:
    assert main(["review", str(tmp_path / "no.txt"), str(tmp_path / "none.txt")]) == 2
    assert "error:" in capsys.readouterr().err


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
