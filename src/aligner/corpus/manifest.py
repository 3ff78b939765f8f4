"""The manifest of a corpus run: the pairs already aligned, so that a run stopped (Ctrl-C,
a crash, a worker lost) resumes where it was and redoes only the unfinished pairs.

A journal, one JSON line a finished pair (or a failed one, with its error, tried again
by the next run), appended and flushed to disk as each pair ends: rewriting one file of
10,000 pairs after every pair would write it 10,000 times.
A line is written only once its pair's result file is complete (written atomically),
and a last line cut short by a crash is ignored, so every line read names a result
that is whole. A pair's id is a digest of both documents' contents and how they were
read: a document that changed is a new pair, aligned anew.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from aligner.corpus.tasks import PairResult
from aligner.errors import InputError

MANIFEST_NAME = "manifest.jsonl"


class Manifest:
    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self.done: dict[str, PairResult] = _read(self.path)

    def is_done(self, pair_id: str, result: Path) -> bool:
        """Whether the pair was aligned by an earlier run (one that failed is tried again)."""
        done = self.done.get(pair_id)
        return done is not None and done.error is None and result.exists()

    def record(self, result: PairResult) -> None:
        """Say that `result`'s pair is aligned (its result file is written), or why it
        could not be."""
        line = json.dumps(asdict(result), ensure_ascii=False) + "\n"
        try:
            with open(self.path, "a", encoding="utf-8") as file:
                file.write(line)
                file.flush()
                os.fsync(file.fileno())
        except OSError as error:
            raise InputError(f"cannot write {self.path}: {error.strerror or error}") from error
        self.done[result.pair_id] = result


def _read(path: Path) -> dict[str, PairResult]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the manifest ({error})") from None
    done = {}
    for line in lines:
        try:
            result = PairResult(**json.loads(line))
        except (ValueError, TypeError):
            continue  # a line cut short by a crash: its pair is aligned again
        done[result.pair_id] = result
    return done
