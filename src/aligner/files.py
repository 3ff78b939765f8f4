"""Write what the user saves so that a failure never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from aligner.errors import InputError


def write_atomically(path: Path, content: str | bytes, *, durable: bool = True) -> None:
    """Write `content` (text as UTF-8, or bytes as they are) to `path` so that a reader
    never sees a half-written file and an existing file survives a failure (see
    `atomic_file` for `durable`)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_file(path, durable=durable) as file:
        file.write(data)


@contextmanager
def atomic_file(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary file to write `path` with, piece by piece (a memory written as it is
    made): a temporary file in the same directory (same file system, so the rename is
    atomic) replaces `path` only when the block ends without an error.

    `durable`: the file is on the disk (fsync) before it replaces `path`, so that it
    survives the machine crashing too. Without, it survives a crash of the process, but
    a crash of the machine can leave it cut short: only for files whose reader checks
    them whole (a cache, or a file `sync_file` makes durable later); an fsync costs the
    writer milliseconds of waiting, which a corpus's workers would pay for every file."""
    _refuse_read_only(path)
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        temporary = Path(name)
        try:
            with os.fdopen(descriptor, "wb") as file:
                yield file
                file.flush()
                if durable:
                    os.fsync(file.fileno())
            # mkstemp creates the file 0600; give it the mode a plain open() would.
            os.chmod(temporary, 0o666 & ~_current_umask())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from error


def sync_file(path: Path) -> None:
    """Put on the disk what was written to `path`, by this process or another (a file
    `atomic_file` wrote without `durable`)."""
    # Opened for writing: Windows refuses to flush a file opened only for reading.
    with open(path, "r+b") as file:
        os.fsync(file.fileno())


def check_writable(path: Path) -> None:
    """Raise InputError unless `write_atomically(path, …)` can write: said before the
    work that makes the content, not after it. Tried the way it will be written — a
    temporary file created and removed in the same directory — since permission bits
    alone do not tell (root, ACLs, read-only mounts)."""
    if path.is_dir():
        raise InputError(f"cannot write {path}: it is a directory")
    if not path.parent.is_dir():
        raise InputError(f"cannot write {path}: no directory {path.parent}")
    _refuse_read_only(path)
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from error
    os.close(descriptor)
    os.unlink(name)


def _refuse_read_only(path: Path) -> None:
    # Replacing a file takes only the directory's permission; a file its owner made
    # read-only is kept, as a plain open() would keep it.
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(f"cannot write {path}: the file is read-only")


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: the same path once resolved, or — when both
    exist — the same inode on the same device (a hard link, a symlink)."""
    if first.exists() and second.exists():
        return os.path.samefile(first, second)
    return first.resolve() == second.resolve()


def _current_umask() -> int:
    # The only way to read the umask is to set it; put it straight back.
    mask = os.umask(0)
    os.umask(mask)
    return mask
