import os
import stat
import subprocess
import sys

import pytest

import aligner.files
from aligner.errors import InputError
from aligner.files import write_atomically


@pytest.mark.parametrize("durable", [True, False])
@pytest.mark.parametrize("content", ["Città è già qui.\n", b"PK\x03\x04\x00binary"])
def test_text_and_bytes_are_written_whole(tmp_path, content, durable):
    path = tmp_path / "out"

    write_atomically(path, content, durable=durable)

    expected = content.encode("utf-8") if isinstance(content, str) else content
    assert path.read_bytes() == expected
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("durable", [True, False])
def test_only_a_durable_file_waits_for_the_disk(tmp_path, monkeypatch, durable):
    synced = []
    monkeypatch.setattr(aligner.files.os, "fsync", synced.append)

    write_atomically(tmp_path / "out", "text", durable=durable)

    assert len(synced) == (1 if durable else 0)


def test_a_file_written_by_another_process_is_synced(tmp_path, monkeypatch):
    path = tmp_path / "pair.parquet"
    subprocess.run([sys.executable, "-c", f"open({str(path)!r}, 'wb').write(b'beads')"], check=True)
    synced = []
    monkeypatch.setattr(aligner.files.os, "fsync", lambda fd: synced.append(os.fstat(fd).st_ino))

    aligner.files.sync_file(path)

    assert synced == [path.stat().st_ino]
    assert path.read_bytes() == b"beads"


def test_the_file_gets_the_mode_a_plain_open_would_give(tmp_path):
    old_mask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "out", "x")
    finally:
        os.umask(old_mask)

    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "out"
    path.write_text("old")

    def failing_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(aligner.files.os, "replace", failing_replace)
    with pytest.raises(InputError, match="No space left on device"):
        write_atomically(path, "new")

    assert path.read_text() == "old"
    assert list(tmp_path.iterdir()) == [path]


def test_a_missing_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot write"):
        write_atomically(tmp_path / "missing" / "out", "x")


WRITE = (
    "import sys; from pathlib import Path; from aligner.files import check_writable, "
    "write_atomically; "
)


@pytest.mark.parametrize(
    "check",
    ["write_atomically(Path(sys.argv[1]), 'new')", "check_writable(Path(sys.argv[1]))"],
)
def test_a_read_only_file_is_not_replaced(tmp_path, without_write_permission, check):
    path = tmp_path / "protected"
    path.write_text("old")
    path.chmod(0o444)
    run = subprocess.run(
        [*without_write_permission, sys.executable, "-c", WRITE + check, str(path)],
        capture_output=True,
        text=True,
    )

    assert run.returncode == 1
    assert "InputError: cannot write" in run.stderr and "read-only" in run.stderr
    assert path.read_text() == "old"
