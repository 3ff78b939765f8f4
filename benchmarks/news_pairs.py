"""The NTREX dev news as sentence pairs, both directions: what the checks' benchmarks
(`number_check.py`, `qa_checks.py`) measure noise and recall on, and the pairs whose
flags are real errors of the data."""

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


#: The flags that are real errors of the data set, by check: a slip in one of the two
#: texts that a reviewer wants to see, each judged by reading the pair and its
#: neighbours (docs/architecture.md lists them with made-up examples). Each is
#: (pair name, source language) → what is wrong. The benchmarks count these pairs
#: apart, so that "correct pairs flagged" counts only correct copy.
REAL_ERRORS: dict[str, dict[tuple[str, str], str]] = {
    "numbers": {
        ("bbc.381789:23", "it"): "weekday: sabato (Saturday) 30 settembre for Sunday, 30 "
        "September (2018: a Sunday)",
        ("bbc.381789:23", "en"): "the same pair the other way",
        ("telegraph.405422:6", "en"): "decimal point in Italian: magnitudo 7.5 for 7,5",
    },
    "punctuation": {
        ("bbc.381680:17", "it"): "the English opens a quote and never closes it (the next "
        "sentence is another speaker's); the Italian closes it",
        ("bbc.381789:6", "it"): "the Italian drops the opening quote of a sentence that "
        "the next one closes; the English has it",
        ("bbc.381789:6", "en"): "the same pair the other way",
        ("bbc.381789:10", "it"): "the Italian closes the quote here and again at the end of "
        "the next sentence; the English goes on to close it there",
        ("dailymail.co.uk.298595:5", "it"): 'Dragons" Den: a double quote for the '
        "apostrophe of Dragons' Den",
        ("dailymail.co.uk.298595:5", "en"): "the same pair the other way",
        ("independent.226346:8", "it"): "the Italian opens a quote that never closes, on a "
        "sentence that quotes no one",
        ("independent.226346:8", "en"): "the same pair the other way",
        ("reuters.218861:9", "en"): "the Italian closes the inner quotes and not the outer one",
        ("reuters.218911:4", "it"): 'the Lakers" official website: a double quote for the '
        "apostrophe",
        ("reuters.218911:6", "it"): 'the Lakers" six-game schedule: a double quote for the '
        "apostrophe",
        ("reuters.218911:6", "en"): "the same pair the other way",
    },
}


def real_error(check: str, pair: Pair) -> str | None:
    """What is wrong with `pair` where `check`'s flag on it is a real error of the data
    (`REAL_ERRORS`); None for a pair judged correct."""
    return REAL_ERRORS.get(check, {}).get((pair.name, pair.src_lang))
