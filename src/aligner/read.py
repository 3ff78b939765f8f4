"""Read a document from disk as text, or say in one line why it cannot be used."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from aligner.errors import InputError

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

#: Control characters that text never contains (tab, line ends, vertical tab and
#: form feed excepted): the usual test for "this is binary", as NUL bytes are.
_BINARY_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")

_ENCODING_ADVICE = "the file must be UTF-8, or UTF-16 with a BOM"


def read_text(path: Path) -> str:
    """Return the text of `path` with the BOM removed and line ends normalised to "\\n".

    Accepts UTF-8 (with or without BOM) and UTF-16 with BOM. Raises InputError
    when the file is missing, unreadable, binary, not decodable, or blank.
    """
    text = _decode(path, _read_bytes(path))
    if not text.strip():
        raise InputError(f"{path}: the document is empty or contains only whitespace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise open_error(path, error) from None


def open_error(path: Path, error: OSError) -> InputError:
    """The one-line error for a file that cannot be opened or read."""
    if isinstance(error, FileNotFoundError):
        return InputError(f"{path}: no such file")
    if isinstance(error, IsADirectoryError):
        return InputError(f"{path}: is a directory, not a file")
    if isinstance(error, PermissionError):
        return InputError(f"{path}: permission denied")
    return InputError(f"{path}: cannot read the file ({error.strerror or error})")


def _decode(path: Path, data: bytes) -> str:
    # Without a BOM, UTF-16 cannot be told from binary data (both are full of NUL
    # bytes), which is why UTF-16 is accepted only with one.
    if data.startswith(_UTF16_BOMS):
        # The "utf-16" codec reads the BOM, picks the byte order and drops the BOM.
        encoding, encoding_name = "utf-16", "UTF-16"
    elif b"\x00" in data:
        raise InputError(
            f"{path}: looks like a binary file (it contains NUL bytes); {_ENCODING_ADVICE}"
        )
    else:
        encoding, encoding_name = "utf-8-sig", "UTF-8"  # drops a UTF-8 BOM if present
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: cannot decode byte 0x{data[error.start]:02x} at offset "
            f"{error.start} as {encoding_name}; {_ENCODING_ADVICE}"
        ) from None
    control = _BINARY_CHARACTERS.search(text)
    if control:
        raise InputError(
            f"{path}: looks like a binary file (it contains the control character "
            f"U+{ord(control.group()):04X}); {_ENCODING_ADVICE}"
        )
    return text
