"""Numbers check benchmark: noise on correct translations, recall on corrupted ones.

(Not named numbers.py: run as a script, that would shadow the standard library's
`numbers` module.)

    python benchmarks/number_check.py [--eval-dir DIR] [--seed N] [--show KIND]

Reads the NTREX news pairs in ../shared/eval/ntrex_it_en_dev (*.it and *.en, one
sentence per line, translations of each other line by line) and checks every pair in
both directions, Italian → English and English → Italian.

- false positives: the share of correct pairs flagged at warning or error, over all
  pairs and over the pairs with a digit on either side;
- recall: each kind of deliberate error is put into the target of every pair where it
  can be (one site per pair, chosen by a seeded random generator, so runs are
  repeatable), and a corrupted pair counts as caught when it is flagged at warning or
  error. Pairs already flagged in their correct form are left out.

When translate-toolkit is installed (`pip install translate-toolkit`; GPL, so never a
dependency of aligner) the same pairs go through `pofilter -t numbers` for comparison.
`--show KIND` prints the corrupted pairs of one kind that were missed (KIND "fp" prints
the flagged correct pairs).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from rich.console import Console
from rich.table import Table

from aligner.checks import compare_numbers
from aligner.model import Severity

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
SERIOUS = (Severity.ERROR, Severity.WARNING)


@dataclass(frozen=True)
class Pair:
    name: str
    src: str
    tgt: str
    src_lang: str
    tgt_lang: str


def load_pairs(eval_dir: Path) -> list[Pair]:
    pairs = []
    for italian_file in sorted((eval_dir / "ntrex_it_en_dev").glob("*.it")):
        italian = italian_file.read_text(encoding="utf-8").splitlines()
        english = italian_file.with_suffix(".en").read_text(encoding="utf-8").splitlines()
        for number, (it, en) in enumerate(zip(italian, english, strict=True)):
            name = f"{italian_file.stem}:{number}"
            pairs.append(Pair(name, it, en, "it", "en"))
            pairs.append(Pair(name, en, it, "en", "it"))
    return pairs


# Corruptions of a target text -------------------------------------------------------
# Each finds the sites of one kind of error with its own patterns, independent of the
# checker, and changes one of them.

_CURRENCIES = {
    "it": ["dollari", "dollaro", "euro", "sterline", "sterlina", "rubli", "yen", "franchi"],
    "en": ["dollars", "dollar", "euros", "pounds", "rubles", "roubles", "yen", "francs"],
}
_SYMBOLS = ["$", "€", "£", "¥", "₽"]
_SCALES = {
    "it": {"mila": "milioni", "milioni": "miliardi", "miliardi": "milioni",
           "milione": "miliardo", "miliardo": "milione"},
    "en": {"thousand": "million", "million": "billion", "billion": "million"},
}  # fmt: skip
_PERCENT = {"it": r"(?:\s?%|\s+per\s?cento)", "en": r"(?:\s?%|\s+per\s?cent)"}
_NUMBER = r"(?<![\w.,'’])\d+(?:[.,]\d+)*"


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def currency_swapped(text: str, lang: str, rng: random.Random) -> str | None:
    words = "|".join(_CURRENCIES[lang])
    sites = [
        (m.start("word"), m.end("word"), m.group("word"))
        for m in re.finditer(rf"\d(?:[\s\w]{{0,20}}?\s)(?:di\s+)?(?P<word>{words})\b", text)
    ]
    sites += [
        (m.start(), m.end(), m.group())
        for m in re.finditer(r"[$€£¥₽](?=\s?\d)|(?<=\d)\s?[$€£¥₽]", text)
    ]
    if not sites:
        return None
    start, end, old = rng.choice(sites)
    if old.strip() in _SYMBOLS:
        choices = [s for s in _SYMBOLS if s != old.strip()]
        return _replace(text, start, end, old.replace(old.strip(), rng.choice(choices)))
    family = old[:4]
    choices = [word for word in _CURRENCIES[lang] if word[:4] != family]
    return _replace(text, start, end, rng.choice(choices))


def digit_changed(text: str, lang: str, rng: random.Random) -> str | None:
    sites = [m for m in re.finditer(_NUMBER, text)]
    if not sites:
        return None
    number = rng.choice(sites)
    positions = [number.start() + i for i, c in enumerate(number.group()) if c.isdigit()]
    position = rng.choice(positions)
    old = text[position]
    first = position == number.start() and len(positions) > 1
    choices = [d for d in "0123456789" if d != old and not (first and d == "0")]
    return _replace(text, position, position + 1, rng.choice(choices))


def scale_changed(text: str, lang: str, rng: random.Random) -> str | None:
    scales = _SCALES[lang]
    sites = list(re.finditer(rf"(?<=\d)\s*(?P<word>{'|'.join(scales)})\b", text, re.IGNORECASE))
    if not sites:
        return None
    site = rng.choice(sites)
    word = site.group("word")
    return _replace(text, site.start("word"), site.end("word"), scales[word.lower()])


def separators_swapped(text: str, lang: str, rng: random.Random) -> str | None:
    """The other language's separators left in: "450.000" → "450,000" in Italian."""
    group, decimal = (".", ",") if lang == "it" else (",", ".")
    sites = list(re.finditer(rf"(?<![\w.,])\d{{1,3}}(?:{re.escape(group)}\d{{3}})+(?![\d])", text))
    sites += list(re.finditer(rf"(?<![\w.,])\d+{re.escape(decimal)}\d+(?![\d.,])", text))
    if not sites:
        return None
    site = rng.choice(sites)
    swapped = site.group().translate(str.maketrans({".": ",", ",": "."}))
    return _replace(text, site.start(), site.end(), swapped)


def date_changed(text: str, lang: str, rng: random.Random) -> str | None:
    months = list(Locale.parse(lang).months["format"]["wide"].values())
    month_names = "|".join(months)
    flags = 0 if lang == "en" else re.IGNORECASE
    sites: list[tuple[str, re.Match[str]]] = []
    sites += [("day", m) for m in re.finditer(
        rf"(?<!\d)(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th|°)?\s+(?:{month_names})\b"
        rf"|\b(?:{month_names})\s+(?P<day2>[1-9]|[12]\d|3[01])(?!\d)", text, flags)]  # fmt: skip
    # Not English "May": as often Theresa May as the month.
    sites += [
        ("month", m)
        for m in re.finditer(rf"\b(?:{month_names})\b", text, flags)
        if m.group() != "May"
    ]
    sites += [("year", m) for m in re.finditer(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,])", text)]
    if not sites:
        return None
    part, site = rng.choice(sites)
    if part == "day":
        group = "day" if site.group("day") else "day2"
        day = int(site.group(group))
        new_day = rng.choice([d for d in range(1, 29) if d != day])
        return _replace(text, site.start(group), site.end(group), str(new_day))
    if part == "month":
        old = site.group()
        new = rng.choice([m for m in months if m.lower() != old.lower()])
        return _replace(text, site.start(), site.end(), new if old[0].isupper() else new.lower())
    year = int(site.group())
    return _replace(text, site.start(), site.end(), str(year + rng.choice([-3, -2, -1, 1, 2, 3])))


def number_dropped(text: str, lang: str, rng: random.Random) -> str | None:
    sites = list(re.finditer(rf"{_NUMBER}\s?", text))
    if not sites:
        return None
    site = rng.choice(sites)
    return _replace(text, site.start(), site.end(), "")


def percentage_changed(text: str, lang: str, rng: random.Random) -> str | None:
    sites = list(re.finditer(rf"(?P<n>(?<![\w.,])\d+(?:[.,]\d+)?){_PERCENT[lang]}", text))
    if not sites:
        return None
    site = rng.choice(sites)
    old = site.group("n")
    integer = old.replace(",", ".").split(".")[0]
    new_integer = str(int(integer) + rng.choice([-5, -2, -1, 1, 2, 5, 10]))
    if new_integer.startswith("-") or new_integer == integer:
        new_integer = str(int(integer) + 1)
    return _replace(text, site.start("n"), site.end("n"), new_integer + old[len(integer) :])


CORRUPTIONS: dict[str, Callable[[str, str, random.Random], str | None]] = {
    "currency swapped": currency_swapped,
    "digit changed": digit_changed,
    "scale word changed": scale_changed,
    "separators swapped": separators_swapped,
    "date changed": date_changed,
    "number dropped": number_dropped,
    "percentage changed": percentage_changed,
}

#: The anchor to beat, measured on comparable data (issue 4).
POFILTER_ANCHOR = {
    "false positives (pairs with digits)": "16%",
    "currency swapped": "15%",
    "scale word changed": "32%",
    "separators swapped": "3%",
    "date changed": "69%",
}


# Checkers --------------------------------------------------------------------------


def aligner_flags(pair: Pair, tgt: str) -> bool:
    comparison = compare_numbers(pair.src, pair.src_lang, tgt, pair.tgt_lang)
    return any(finding.severity in SERIOUS for finding in comparison.findings)


def pofilter_checker() -> Callable[[Pair, str], bool] | None:
    try:
        from translate.filters import checks
    except ImportError:
        return None
    checker = checks.StandardChecker()

    def flags(pair: Pair, tgt: str) -> bool:
        try:
            return not checker.numbers(pair.src, tgt)
        except checks.FilterFailure:
            return True

    return flags


# Running ----------------------------------------------------------------------------


@dataclass
class Tally:
    caught: int = 0
    total: int = 0

    def add(self, flagged: bool) -> None:
        self.caught += flagged
        self.total += 1

    def percent(self) -> str:
        return f"{100 * self.caught / self.total:.1f}%" if self.total else "–"


def run(
    pairs: list[Pair], seed: int, checkers: dict[str, Callable[[Pair, str], bool]], show: str | None
):
    rows: dict[str, dict[str, Tally]] = {}

    def tally(row: str, checker: str) -> Tally:
        return rows.setdefault(row, {}).setdefault(checker, Tally())

    clean_flags: dict[tuple[str, str], bool] = {}
    for pair in pairs:
        digits = bool(re.search(r"\d", pair.src + pair.tgt))
        for name, flags in checkers.items():
            flagged = flags(pair, pair.tgt)
            tally("false positives (all pairs)", name).add(flagged)
            if digits:
                tally("false positives (pairs with digits)", name).add(flagged)
            if name == "aligner":
                clean_flags[(pair.name, pair.src_lang)] = flagged
                if flagged and show == "fp":
                    print(f"FP  {pair.src}\n    {pair.tgt}\n")
    for kind, corrupt in CORRUPTIONS.items():
        for pair in pairs:
            if clean_flags[(pair.name, pair.src_lang)]:
                continue
            rng = random.Random(f"{seed}:{kind}:{pair.name}:{pair.src_lang}")
            corrupted = corrupt(pair.tgt, pair.tgt_lang, rng)
            if corrupted is None or corrupted == pair.tgt:
                continue
            for name, flags in checkers.items():
                flagged = flags(pair, corrupted)
                tally(kind, name).add(flagged)
                if name == "aligner" and not flagged and show == kind:
                    print(f"MISSED  {pair.src}\n        {corrupted}\n")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--show", choices=["fp", *CORRUPTIONS], help="print missed cases")
    args = parser.parse_args()
    console = Console(stderr=True)
    if not (args.eval_dir / "ntrex_it_en_dev").is_dir():
        console.print(
            f"benchmarks: no NTREX dev data at {args.eval_dir / 'ntrex_it_en_dev'} "
            "(../shared/eval); nothing to measure"
        )
        return 2
    pairs = load_pairs(args.eval_dir)
    checkers: dict[str, Callable[[Pair, str], bool]] = {"aligner": aligner_flags}
    pofilter = pofilter_checker()
    if pofilter is None:
        console.print("translate-toolkit is not installed: no pofilter column")
    else:
        checkers["pofilter"] = pofilter
    start = time.perf_counter()
    rows = run(pairs, args.seed, checkers, args.show)
    seconds = time.perf_counter() - start
    table = Table(
        title=f"numbers check on NTREX it↔en ({len(pairs)} pairs, both directions; "
        f"seed {args.seed}; {seconds:.0f} s)"
    )
    table.add_column("measure")
    table.add_column("n", justify="right")
    for name in checkers:
        table.add_column(name, justify="right")
    table.add_column("target", justify="right")
    table.add_column("pofilter (issue)", justify="right")
    for row, tallies in rows.items():
        target = "≤ 1%" if row == "false positives (all pairs)" else (
            "" if row.startswith("false") else "≥ 95%"
        )  # fmt: skip
        first = next(iter(tallies.values()))
        table.add_row(
            row,
            str(first.total),
            *(tallies[name].percent() for name in checkers),
            target,
            POFILTER_ANCHOR.get(row, ""),
        )
    Console().print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
