"""The checks of one aligned pair — placeholders, links, codes, punctuation, repetition,
case, spelling — on correct translations and on corrupted ones.

    python benchmarks/qa_checks.py [--eval-dir DIR] [--seed N] [--no-pofilter] [--show KIND]

Reads the NTREX news pairs in ../shared/eval/ntrex_it_en_dev (*.it and *.en, one
sentence a line; the gold beads there are 1-1 line by line, so line i of one file is
the translation of line i of the other) and checks every pair in both directions.

- correct pairs flagged: per check, the share of the correct pairs it flags (a
  warning or an error; for spelling, whose findings are notes, any note). The pairs
  with a real error of the data that a check is for (a quote left open, a double
  quote for an apostrophe: `news_pairs.REAL_ERRORS`, each judged by reading it) are
  not correct copy: they are counted apart, in "real errors of the data flagged";
- recall: each kind of corruption is made in the target of every pair where it can be
  (one site a pair, chosen by a seeded random generator, so runs repeat). News has no
  tags, placeholders, URLs or product codes, so those kinds first put one into both
  sides (the same one; the pair stays correct, and is counted so in the "… kept" rows)
  and then corrupt the target's. A corrupted pair counts as caught when the kind's
  check flags it. Pairs the check flags in their correct form are left out.

Beside ours, translate-toolkit's `pofilter` with its test of the same concept, where
it has one. translate-toolkit is GPL-3, so never a dependency of aligner: it is run as
a separate process, `pofilter` from PATH or else from a venv this benchmark makes in
benchmarks/results/pofilter-venv (`pip install translate-toolkit`, once); without
either the column says so. `--show KIND` prints our misses of one kind ("fp:CHECK"
prints the pairs CHECK flags, the real errors of the data marked REAL).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib
from news_pairs import (  # this folder is on the path
    DEFAULT_EVAL_DIR,
    Pair,
    load_pairs,
    real_error,
)
from rich.console import Console
from rich.table import Table

from aligner.checks import CHECKS
from aligner.checks.spelling import spelling_language_missing
from aligner.model import Severity, TextPair

RESULTS = Path(__file__).resolve().parent / "results"
POFILTER_VENV = RESULTS / "pofilter-venv"
SERIOUS = (Severity.ERROR, Severity.WARNING)
#: Checks whose findings are notes by design: any note counts as flagged.
NOTES_ONLY = frozenset({"spelling"})


# Corruptions ------------------------------------------------------------------------
# Each takes a correct pair and gives (the pair with the thing added to both sides, the
# same with the target corrupted), or None where it cannot be made. Written with their
# own patterns, independent of the checks.

Corruption = Callable[[Pair, random.Random], tuple[Pair, Pair] | None]


def _with(pair: Pair, src: str, tgt: str) -> Pair:
    return Pair(pair.name, src, tgt, pair.src_lang, pair.tgt_lang)


def _before_end(text: str, insert: str) -> str:
    """`insert` put before the text's final punctuation (and closing quotes)."""
    match = re.search(r"[\s.!?…:;\"'»”’)]*$", text)
    end = match.start() if match else len(text)
    return text[:end] + insert + text[end:]


def _words(text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"(?<![\w'’-])[^\W\d_]{3,}(?![\w'’-])", text))


def _added(pair: Pair, rng: random.Random, choices: list[tuple[str, str]]):
    """Both sides with one of `choices` (source form, target form) added before the end."""
    src_form, tgt_form = rng.choice(choices)
    return _with(pair, _before_end(pair.src, src_form), _before_end(pair.tgt, tgt_form))


def tag_dropped(pair: Pair, rng: random.Random):
    src_words, tgt_words = _words(pair.src), _words(pair.tgt)
    if not src_words or not tgt_words:
        return None
    a, b = rng.choice(src_words), rng.choice(tgt_words)
    tag = rng.choice(["g", "bpt", "pc"]) + str(rng.randint(1, 9))
    wrap = lambda t, m: t[: m.start()] + f"<{tag}>{m.group()}</{tag}>" + t[m.end() :]  # noqa: E731
    kept = _with(pair, wrap(pair.src, a), wrap(pair.tgt, b))
    dropped = rng.choice([f"<{tag}>", f"</{tag}>"])
    return kept, _with(kept, kept.src, kept.tgt.replace(dropped, "", 1))


_PLACEHOLDERS = [" %s", " %d", " %1$s", " {0}", " {name}", " {{user}}", " &amp;", " <x1/>",
                 " {count, plural, one {# item} other {# items}}"]  # fmt: skip


def placeholder_dropped(pair: Pair, rng: random.Random):
    placeholder = rng.choice(_PLACEHOLDERS)
    kept = _with(pair, _before_end(pair.src, placeholder), _before_end(pair.tgt, placeholder))
    return kept, _with(kept, kept.src, pair.tgt)


def placeholders_reordered(pair: Pair, rng: random.Random):
    first, second = rng.sample(["%s", "%d", "%f"], 2)
    kept = _with(
        pair,
        _before_end(pair.src, f" {first} {second}"),
        _before_end(pair.tgt, f" {first} {second}"),
    )
    return kept, _with(kept, kept.src, _before_end(pair.tgt, f" {second} {first}"))


_URLS = ["https://www.example.com/news/2018/story.html", "https://bbc.co.uk/sport/12345",
         "http://example.org/report?id=77", "www.example.net/path/page"]  # fmt: skip


def _one_character_changed(text: str, rng: random.Random, start: int = 0) -> str:
    positions = [i for i in range(start, len(text)) if text[i].isalnum()]
    position = rng.choice(positions)
    old = text[position]
    pool = "0123456789" if old.isdigit() else "abcdefghijklmnopqrstuvwxyz"
    new = rng.choice([c for c in pool if c != old.lower()])
    return text[:position] + (new.upper() if old.isupper() else new) + text[position + 1 :]


def url_changed(pair: Pair, rng: random.Random):
    url = rng.choice(_URLS)
    kept = _added(pair, rng, [(f" ({url})", f" ({url})")])
    found = re.search(re.escape(url), kept.tgt)
    assert found
    changed = _one_character_changed(url, rng, start=url.index("/") + 2 if "//" in url else 4)
    return kept, _with(kept, kept.src, kept.tgt.replace(url, changed))


def email_changed(pair: Pair, rng: random.Random):
    address = rng.choice(["press@example.com", "mario.rossi@example.it", "info@bbc.co.uk"])
    kept = _added(pair, rng, [(f" ({address})", f" ({address})")])
    return kept, _with(
        kept, kept.src, kept.tgt.replace(address, _one_character_changed(address, rng))
    )


def hashtag_dropped(pair: Pair, rng: random.Random):
    tag = rng.choice([" #Brexit", " #MeToo", " #BBCNews", " @BBCSport", " @realDonaldTrump"])
    kept = _added(pair, rng, [(tag, tag)])
    return kept, _with(kept, kept.src, pair.tgt)


_CODES = ["F125", "SS19", "MH17", "A380", "B-52", "COVID-19", "H1N1", "iPhone7", "ISO-9001"]


def code_changed(pair: Pair, rng: random.Random):
    code = rng.choice(_CODES)
    kept = _added(pair, rng, [(f" ({code})", f" ({code})")])
    return kept, _with(kept, kept.src, kept.tgt.replace(code, _one_character_changed(code, rng)))


def code_rewritten(pair: Pair, rng: random.Random):
    """Not a corruption: "F125" written "F-125" in the target must stay quiet."""
    code = rng.choice(["F125", "SS19", "MH17", "A380"])
    written = re.sub(r"(?<=[A-Z])(?=\d)", rng.choice(["-", " "]), code)
    kept = _added(pair, rng, [(f" ({code})", f" ({code})")])
    return kept, _with(kept, kept.src, kept.tgt.replace(code, written))


def url_localized(pair: Pair, rng: random.Random):
    """Not a corruption: the URL's language part localized (a note, not flagged)."""
    src_lang, tgt_lang = pair.src_lang, pair.tgt_lang
    src_url, tgt_url = rng.choice([
        (f"https://example.com/{src_lang}/news", f"https://example.com/{tgt_lang}/news"),
        (f"https://{src_lang}.example.com/help", f"https://{tgt_lang}.example.com/help"),
        (f"https://example.com/page?lang={src_lang}", f"https://example.com/page?lang={tgt_lang}"),
    ])  # fmt: skip
    kept = _added(pair, rng, [(f" ({src_url})", f" ({src_url})")])
    return kept, _with(kept, kept.src, kept.tgt.replace(src_url, tgt_url))


def closing_mark_dropped(pair: Pair, rng: random.Random):
    """A closing bracket or quotation mark of the target taken out."""
    sites = list(re.finditer(r"[)\]»”]|(?<=[\w.,!?])\"(?!\w)", pair.tgt))
    if not sites:
        kept = _added(pair, rng, [(" (2018)", " (2018)")])
        sites = list(re.finditer(r"\)", kept.tgt))
    else:
        kept = pair
    site = rng.choice(sites)
    return kept, _with(kept, kept.src, kept.tgt[: site.start()] + kept.tgt[site.end() :])


def double_space(pair: Pair, rng: random.Random):
    sites = [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", pair.tgt)]
    if not sites:
        return None
    at = rng.choice(sites)
    return pair, _with(pair, pair.src, pair.tgt[:at] + "  " + pair.tgt[at + 1 :])


def final_punctuation_changed(pair: Pair, rng: random.Random):
    """A statement's full stop made a question mark or an exclamation mark, or the
    reverse."""
    match = re.search(r"[.!?](?=[\"'»”’)]*\s*$)", pair.tgt)
    if not match:
        return None
    new = rng.choice([c for c in ".?!" if c != match.group()])
    return pair, _with(pair, pair.src, pair.tgt[: match.start()] + new + pair.tgt[match.end() :])


def word_repeated(pair: Pair, rng: random.Random):
    words = _words(pair.tgt)
    if not words:
        return None
    word = rng.choice(words)
    return pair, _with(
        pair, pair.src, pair.tgt[: word.end()] + " " + word.group() + pair.tgt[word.end() :]
    )


def acronym_lowercased(pair: Pair, rng: random.Random):
    """An ALL-CAPS or CamelCase word of three letters or more, in both texts, written in
    lower case in the target ("NATO" → "nato", "YouTube" → "youtube")."""
    pattern = r"(?<![\w-])(?:[A-Z]{3,}|[a-zA-Z]*[a-z][A-Z][a-zA-Z]*)(?![\w-])"
    source_words = set(re.findall(pattern, pair.src))
    sites = [m for m in re.finditer(pattern, pair.tgt) if m.group() in source_words]
    if not sites:
        return None
    site = rng.choice(sites)
    return pair, _with(
        pair, pair.src, pair.tgt[: site.start()] + site.group().lower() + pair.tgt[site.end() :]
    )


def letters_swapped(pair: Pair, rng: random.Random):
    """A typo: two neighbouring letters of a lower-case word of five letters or more."""
    words = [m for m in _words(pair.tgt) if len(m.group()) >= 5 and m.group().islower()]
    if not words:
        return None
    word = rng.choice(words)
    i = rng.randrange(word.start(), word.end() - 1)
    text = pair.tgt
    if text[i] == text[i + 1]:
        return None
    return pair, _with(pair, pair.src, text[:i] + text[i + 1] + text[i] + text[i + 2 :])


#: Kind → (its corruption, the check it is for, pofilter's test of the concept, and
#: whether the target is still correct: then "caught" is a false alarm).
KINDS: dict[str, tuple[Corruption, str, str | None, bool]] = {
    "tag dropped": (tag_dropped, "placeholders", "xmltags", False),
    "placeholder dropped": (placeholder_dropped, "placeholders", "printf,variables", False),
    "placeholders reordered": (placeholders_reordered, "placeholders", "printf", False),
    "URL changed": (url_changed, "links", "urls", False),
    "e-mail changed": (email_changed, "links", "emails", False),
    "hashtag or @handle dropped": (hashtag_dropped, "links", None, False),
    "URL localized (kept)": (url_localized, "links", "urls", True),
    "code changed": (code_changed, "codes", "numbers", False),
    "code written F-125 (kept)": (code_rewritten, "codes", "numbers", True),
    "closing mark dropped": (closing_mark_dropped, "punctuation", "brackets,doublequoting", False),
    "double space": (double_space, "punctuation", "doublespacing", False),
    "final punctuation changed": (final_punctuation_changed, "punctuation", "endpunc", False),
    "word repeated": (word_repeated, "repetition", "doublewords", False),
    "acronym lowercased": (acronym_lowercased, "case", "acronyms", False),
    "letters swapped": (letters_swapped, "spelling", None, False),
}
#: pofilter's tests run for "correct pairs flagged", per check.
POFILTER_TESTS = {
    "placeholders": "xmltags,printf,variables",
    "links": "urls,emails",
    "codes": "numbers",
    "punctuation": "brackets,doublequoting,doublespacing,endpunc",
    "repetition": "doublewords",
    "case": "acronyms",
}


# Our checks and pofilter -------------------------------------------------------------


def flags(check: str, pair: Pair) -> bool:
    findings = CHECKS[check](TextPair(pair.src, pair.tgt, pair.src_lang, pair.tgt_lang))
    return any(check in NOTES_ONLY or f.severity in SERIOUS for f in findings)


def pofilter_command() -> list[str] | None:
    """pofilter on PATH, else the benchmark's own venv (made when missing)."""
    on_path = shutil.which("pofilter")
    if on_path:
        return [on_path]
    program = POFILTER_VENV / "bin" / "pofilter"
    if not program.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(POFILTER_VENV)], check=True)
            subprocess.run(
                [str(POFILTER_VENV / "bin" / "pip"), "install", "-q", "translate-toolkit"],
                check=True,
            )
        except (subprocess.CalledProcessError, OSError):
            return None
    return [str(program)] if program.exists() else None


def pofilter_flagged(command: list[str], pairs: list[Pair], tests: str) -> set[int]:
    """The indices of the pairs that pofilter's `tests` flag, from one run on a PO file
    of them all (each entry's msgctxt is its index)."""
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder) / "in.po", Path(folder) / "out.po"
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for index, pair in enumerate(pairs):
            po.append(polib.POEntry(msgctxt=str(index), msgid=pair.src, msgstr=pair.tgt))
        po.save(str(source))
        tested = [f"--test={test}" for test in tests.split(",")]
        subprocess.run(
            [*command, "--progress=none", *tested, str(source), str(output)],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        if not output.exists():
            return set()
        return {int(entry.msgctxt) for entry in polib.pofile(str(output)) if entry.msgctxt}


# Running ------------------------------------------------------------------------------


def percent(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else "–"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--no-pofilter", action="store_true", help="ours only")
    parser.add_argument("--show", help="print our misses of one KIND, or fp:CHECK")
    args = parser.parse_args()
    console = Console(stderr=True)
    if not (args.eval_dir / "ntrex_it_en_dev").is_dir():
        console.print(
            f"benchmarks: no NTREX dev data at {args.eval_dir / 'ntrex_it_en_dev'} "
            "(../shared/eval); nothing to measure"
        )
        return 2
    pairs = load_pairs(args.eval_dir)
    checks = list(dict.fromkeys(check for _, check, _, _ in KINDS.values()))
    if any(spelling_language_missing(lang) for lang in ("it", "en")):
        console.print("no Hunspell dictionary for it or en (hunspell-it, hunspell-en-us): "
                      "spelling not measured")  # fmt: skip
        checks.remove("spelling")
    command = None if args.no_pofilter else pofilter_command()
    if command is not None:
        console.print(f"pofilter: {command[0]} (a separate process)")
    if command is None and not args.no_pofilter:
        console.print("pofilter not on PATH and its venv could not be made: no pofilter column")
    start = time.perf_counter()
    table = Table(
        title=f"checks of one pair on NTREX it↔en ({len(pairs)} pairs, both directions; "
        f"seed {args.seed})"
    )
    for column in ("check", "measure", "n", "aligner", "pofilter", "pofilter test", "target"):
        table.add_column(column, justify="left" if column in ("check", "measure") else "right")
    clean_flags: dict[str, list[bool]] = {}
    for check in checks:
        clean_flags[check] = [flags(check, pair) for pair in pairs]
        correct = [i for i, pair in enumerate(pairs) if not real_error(check, pair)]
        faulty = [i for i, pair in enumerate(pairs) if real_error(check, pair)]
        for measure, indices, target in (
            ("correct pairs flagged", correct, "≤ 1%"),
            ("real errors of the data flagged", faulty, ""),
        ):
            if not indices:
                continue
            ours = sum(clean_flags[check][i] for i in indices)
            theirs = "–"
            if command and check in POFILTER_TESTS:
                some = [pairs[i] for i in indices]
                theirs = percent(
                    len(pofilter_flagged(command, some, POFILTER_TESTS[check])), len(some)
                )
            table.add_row(check if target else "", measure, str(len(indices)),
                          percent(ours, len(indices)), theirs, POFILTER_TESTS.get(check, ""),
                          target)  # fmt: skip
        if args.show == f"fp:{check}":
            for pair, flagged in zip(pairs, clean_flags[check]):
                if flagged:
                    label = "REAL" if real_error(check, pair) else "FP"
                    print(f"{label}  {pair.src}\n      {pair.tgt}\n")
        for kind, (corrupt, kind_check, pofilter_test, still_correct) in KINDS.items():
            if kind_check != check:
                continue
            made: list[tuple[Pair, Pair]] = []
            for pair, flagged in zip(pairs, clean_flags[check]):
                if flagged:
                    continue
                rng = random.Random(f"{args.seed}:{kind}:{pair.name}:{pair.src_lang}")
                result = corrupt(pair, rng)
                if result is not None and result[1].tgt != result[0].tgt:
                    made.append(result)
            kept_ok = [kept for kept, _ in made if not flags(check, kept)]
            corrupted = [bad for kept, bad in made if not flags(check, kept)]
            caught = [flags(check, bad) for bad in corrupted]
            if args.show == kind:
                for bad, hit in zip(corrupted, caught):
                    if hit == still_correct:
                        print(f"{'FLAGGED' if hit else 'MISSED'}  {bad.src}\n         {bad.tgt}\n")
            theirs = "–"
            if command and pofilter_test:
                theirs = percent(
                    len(pofilter_flagged(command, corrupted, pofilter_test)), len(corrupted)
                )
            measure = ("flagged (a false alarm) " if still_correct else "recall ") + kind
            target = "≤ 1%" if still_correct else "≥ 95%"
            table.add_row("", measure, str(len(corrupted)), percent(sum(caught), len(corrupted)),
                          theirs, pofilter_test or "", target)  # fmt: skip
            if len(kept_ok) < len(made):
                console.print(f"{kind}: {len(made) - len(kept_ok)} pairs flagged once the "
                              "(correct) addition was made, left out")  # fmt: skip
    table.caption = f"{time.perf_counter() - start:.0f} s"
    Console(width=max(Console().width, 130)).print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
