"""The NTREX dev news as sentence pairs, both directions: what the checks' benchmarks
(`number_check.py`, `qa_checks.py`) measure noise and recall on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"


@dataclass(frozen=True)
class Pair:
    name: str
    src: str
    tgt: str
    src_lang: str
    tgt_lang: str


def load_pairs(eval_dir: Path) -> list[Pair]:
    """Every line of every news document with its translation, it→en and en→it."""
    pairs = []
    for italian_file in sorted((eval_dir / "ntrex_it_en_dev").glob("*.it")):
        italian = italian_file.read_text(encoding="utf-8").splitlines()
        english = italian_file.with_suffix(".en").read_text(encoding="utf-8").splitlines()
        for number, (it, en) in enumerate(zip(italian, english, strict=True)):
            name = f"{italian_file.stem}:{number}"
            pairs.append(Pair(name, it, en, "it", "en"))
            pairs.append(Pair(name, en, it, "en", "it"))
    return pairs
