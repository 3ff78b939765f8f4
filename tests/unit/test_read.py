import codecs
import errno
import re
from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.read import read_text

TEXT = "Perché è così.\nFine"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(TEXT.encode("utf-8"), TEXT, id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT, id="utf-8 with BOM"),
        pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT, id="utf-16-le BOM"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT, id="utf-16-be BOM"),
        pytest.param(b"uno\r\ndue\r\n", "uno\ndue\n", id="CRLF"),
        pytest.param(b"uno\rdue\r", "uno\ndue\n", id="lone CR"),
        pytest.param(b"uno\r\n\r\rdue\n", "uno\n\n\ndue\n", id="mixed line ends"),
        pytest.param("a\r\nb".encode("utf-16"), "a\nb", id="utf-16 with CRLF"),
    ],
)
def test_reads_supported_encodings_as_normalised_text(tmp_path, data, expected):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert read_text(path) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"abc\x00def", "binary file (it contains NUL bytes)", id="NUL"),
        pytest.param("abc".encode("utf-16-le"), "binary file", id="utf-16 without BOM"),
        pytest.param(b"%PDF-1.7\n\x01\x02stream", "control character U+0001", id="control chars"),
        pytest.param(
            "perché".encode("latin-1"),
            "cannot decode byte 0xe9 at offset 5 as UTF-8; "
            "the file must be UTF-8, or UTF-16 with a BOM",
            id="latin-1",
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"x",
            "cannot decode byte 0x78 at offset 6 as UTF-16",
            id="truncated utf-16",
        ),
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b" \r\n\t\n", "empty or contains only whitespace", id="whitespace"),
        pytest.param(codecs.BOM_UTF8, "empty", id="only a BOM"),
        pytest.param("\u00a0\n".encode(), "only whitespace", id="no-break space"),
    ],
)
def test_unusable_content_is_an_input_error_naming_the_file(tmp_path, data, message):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)

    with pytest.raises(InputError) as raised:
        read_text(path)

    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_missing_file(tmp_path):
    path = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="missing.txt: no such file"):
        read_text(path)


def test_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EIO, "Input/output error"), "cannot read the file (Input/output error)"),
    ],
)
def test_os_errors_become_input_errors(tmp_path, monkeypatch, error, message):
    def fail(self: Path) -> bytes:
        raise error

    monkeypatch.setattr(Path, "read_bytes", fail)

    with pytest.raises(InputError, match=re.escape(message)) as raised:
        read_text(tmp_path / "doc.txt")

    assert raised.value.__suppress_context__
