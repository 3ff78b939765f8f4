"""One review at a time writes a session file: a lock beside it.

Two windows on one session would each save their own state over the other's. The
review that writes a session holds an OS lock (`fcntl.flock`) on `SESSION.lock`; the
operating system releases it when the process ends, however it ends (a kill -9, a
crash, a closed terminal), so a stale lock never blocks. The lock file holds the
holder's pid and host, to say who has the session open. Works on Linux and macOS; on
Windows there is no flock and the session is not locked.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from aligner.errors import AlignerError, InputError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

#: What the lock file of a session is named beside it: "en.txt.review.json.lock".
LOCK_SUFFIX = ".lock"


class SessionInUse(AlignerError):
    """Another review has the session open (and would overwrite what this one saves)."""


# By hand rather than with the filelock package: its lock file cannot hold who has the
# lock (the message names them), and flock is all Linux and macOS need.
class SessionLock:
    """The lock of one session file, held from `acquire` until `release` (or until the
    process ends)."""

    def __init__(self, session_path: Path, descriptor: int | None) -> None:
        self.session_path = session_path
        self.path = lock_path(session_path)
        self._descriptor = descriptor

    @classmethod
    def acquire(cls, session_path: Path) -> SessionLock:
        """Take the lock of `session_path`; SessionInUse when another review holds it."""
        if fcntl is None:
            return cls(session_path, None)
        path = lock_path(session_path)
        while True:
            descriptor = _open(path)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(descriptor, 200).decode("utf-8", "replace").strip()
                os.close(descriptor)
                raise SessionInUse(
                    f"{session_path} is open in another review ({holder or 'another process'}); "
                    "close that one first"
                ) from None
            # The last holder removes the file when it lets go: a lock on a file that is
            # no longer there is no one's lock, take the new file's.
            if _is_file_at(descriptor, path):
                break
            os.close(descriptor)
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"pid {os.getpid()} on {socket.gethostname()}".encode())
        return cls(session_path, descriptor)

    def release(self) -> None:
        if self._descriptor is None:
            return
        # Removed while still locked, so that no one takes a lock on it in between.
        self.path.unlink(missing_ok=True)
        os.close(self._descriptor)
        self._descriptor = None


def lock_path(session_path: Path) -> Path:
    return session_path.with_name(session_path.name + LOCK_SUFFIX)


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from error


def _is_file_at(descriptor: int, path: Path) -> bool:
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)
