"""The manifest of a corpus run: the pairs already aligned, so that a run stopped (Ctrl-C,
a crash, a worker lost) resumes where it was and redoes only the unfinished pairs.

A journal, one JSON line a finished pair (or a failed one, with its error, tried again
by the next run), appended as each pair ends: rewriting one file of 10,000 pairs after
every pair would write it 10,000 times.
A line is written only once its pair's result file is complete (written atomically)
and on the disk (`files.sync_file`: the worker that wrote it did not wait for the
disk), and a last line cut short by a crash is ignored, so every line read names a
result that is whole, even after the machine crashed. The journal itself is not
synced: a line a machine crash loses is a pair whose file says it is finished (below),
or a failure, tried again anyway. A pair's id is a digest of both documents' contents
and how they were read: a document that changed is a new pair, aligned anew.

A task aligns several pairs and returns at its end, and each pair's file holds its
result (`tasks.finished_pair`): a pair whose file was written but whose task never
came back (Ctrl-C, a crash) is finished all the same, and the journal is told then.
"""

from __future__ import annotations

from pathlib import Path

from aligner.corpus.tasks import PairResult, finished_pair, result_from_json, result_json
from aligner.errors import InputError
from aligner.files import sync_file

MANIFEST_NAME = "manifest.jsonl"


class Manifest:
    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self.done: dict[str, PairResult] = {}
        #: Whether the journal ends in a line cut short, which the next line must not
        #: be appended to.
        self._torn = False
        self._read()

    def finished(self, pair_id: str, result: Path) -> PairResult | None:
        """The pair's result if an earlier run aligned it (one that failed is tried
        again): from the journal, or from the pair's file if the journal was not told."""
        done = self.done.get(pair_id)
        if done is not None and done.error is None and result.exists():
            return done
        written = finished_pair(result)
        if written is not None:
            self.record(written, result)
        return written

    def record(self, result: PairResult, file: Path | None = None) -> None:
        """Say that `result`'s pair is aligned, its result written to `file` (put on
        the disk first), or why it could not be (no `file`)."""
        line = ("\n" if self._torn else "") + result_json(result) + "\n"
        try:
            if file is not None:
                sync_file(file)
            with open(self.path, "a", encoding="utf-8") as journal:
                journal.write(line)
        except OSError as error:
            raise InputError(f"cannot write {self.path}: {error.strerror or error}") from error
        self._torn = False
        self.done[result.pair_id] = result

    def _read(self) -> None:
        try:
            content = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{self.path}: cannot read the manifest ({error})") from None
        self._torn = bool(content) and not content.endswith("\n")
        for line in content.splitlines():
            try:
                result = result_from_json(line)
            except (ValueError, TypeError):
                continue  # a line cut short by a crash: its pair's file says (`finished`)
            self.done[result.pair_id] = result
