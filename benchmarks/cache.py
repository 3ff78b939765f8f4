"""Results kept between benchmark runs, as JSON files named by a hash of what made them."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def digest(parts: Iterable[str | bytes | Path]) -> str:
    """One hash over strings, bytes and files' contents, each length-prefixed so that
    no two different lists of parts hash alike."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part
        data = data.encode("utf-8") if isinstance(data, str) else data
        sha.update(len(data).to_bytes(8, "little"))
        sha.update(data)
    return sha.hexdigest()[:32]


class Store:
    """JSON results in one folder under benchmarks/results; `fresh` ignores what is
    there (new results still replace it)."""

    def __init__(self, name: str, fresh: bool) -> None:
        self.folder = RESULTS_DIR / name
        self.fresh = fresh

    def get(self, key: str) -> dict | None:
        path = self.folder / f"{key}.json"
        if self.fresh or not path.is_file():
            return None
        return json.loads(path.read_text(encoding="utf-8"))

    def put(self, key: str, value: dict) -> None:
        # Written to a temporary file and renamed, so an interrupted run leaves no
        # half-written result behind to be read as a whole one.
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(value, out)
        os.replace(temporary, self.folder / f"{key}.json")
