"""Benchmark of the checks that read more than one pair or outside data: names, key
terms (a glossary), meaning and consistency.

    python benchmarks/qa_context_checks.py [--eval-dir DIR] [--seed N] [--show KIND]

Reads the NTREX news documents in ../shared/eval/ntrex_it_en_dev (*.it and *.en,
translations of each other line by line) and checks every document's pairs in both
directions, Italian → English and English → Italian, as a memory is checked: each
document is one memory, so the document checks compare its pairs with each other.

- correct pairs flagged: the share of pairs flagged at warning or error by each check
  in their correct form;
- recall: one corruption of each kind is put into every pair (or document) where it
  can be, at a site chosen by a seeded random generator (runs repeat), and counts as
  caught when the check it is meant for flags it at warning or error:
  - name misspelled: a name of the source that the target has as it is, misspelled
    in the target (a letter doubled, dropped, swapped with the next, or replaced),
    inside the name: not its first letter nor its last two, which the check reads as
    another language's form of the name (see `aligner.checks.names`);
  - term replaced / forbidden term used: each pair gets a glossary of one entry, a
    content word of its source → the dictionary form (lemma) of a content word of its
    target, and a forbidden term (a word of another pair's target); the target's word
    is replaced by a word of another pair, or the forbidden word put into the target;
  - meaning (swapped): the target of a pair replaced by the target of another pair of
    the same document;
  - consistency: a pair added to the document whose source is one of its sources and
    whose target is that pair's target with one word changed (both pairs are to be
    flagged "inconsistent-translation"), and one whose target is one of its targets
    and whose source is changed ("inconsistent-source").

The meaning check embeds with the default encoder (USE multilingual v3).
`--show KIND` prints the missed corruptions of one kind ("fp:CHECK" the flagged
correct pairs of one check).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from aligner.checks import (
    CheckConfig,
    check_pair,
    document_findings,
    with_similarities,
)
from aligner.checks.glossary import Glossary, GlossaryEntry
from aligner.checks.names import proper_names
from aligner.checks.words import is_known_word, lemma, words
from aligner.embed import CachedEncoder, load_encoder
from aligner.model import Finding, Severity, TextPair

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
SERIOUS = (Severity.ERROR, Severity.WARNING)


def load_documents(eval_dir: Path) -> list[tuple[str, list[TextPair]]]:
    documents = []
    for italian_file in sorted((eval_dir / "ntrex_it_en_dev").glob("*.it")):
        italian = italian_file.read_text(encoding="utf-8").splitlines()
        english = italian_file.with_suffix(".en").read_text(encoding="utf-8").splitlines()
        lines = list(zip(italian, english, strict=True))
        documents.append(
            (f"{italian_file.stem} it→en", [TextPair(i, e, "it", "en") for i, e in lines])
        )
        documents.append(
            (f"{italian_file.stem} en→it", [TextPair(e, i, "en", "it") for i, e in lines])
        )
    return documents


def flagged(findings: tuple[Finding, ...], check: str, code: str | None = None) -> bool:
    return any(
        f.check == check and f.severity in SERIOUS and (code is None or f.code == code)
        for f in findings
    )


def pair_findings(
    pair: TextPair, check: str, glossary: Glossary | None = None
) -> tuple[Finding, ...]:
    return check_pair(pair, [check], CheckConfig(glossary=glossary))


# Corruptions ----------------------------------------------------------------------

_CONTENT = re.compile(r"(?<![\w-])[^\W\d_]{6,}(?![\w-])")


def misspelled(name: str, rng: random.Random) -> str | None:
    """`name` with one slip inside it (not its first letter nor its last two)."""
    inside = list(range(1, len(name) - 3))
    if not inside:
        return None
    at = rng.choice(inside)
    kind = rng.choice(["double", "drop", "swap", "replace"])
    if kind == "double":
        return name[: at + 1] + name[at] + name[at + 1 :]
    if kind == "drop":
        return name[:at] + name[at + 1 :]
    if kind == "swap" and name[at] != name[at + 1]:
        return name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    letters = [c for c in "aeiourtnsl" if c != name[at].lower()]
    return name[:at] + rng.choice(letters) + name[at + 1 :]


def name_misspelled(pair: TextPair, rng: random.Random) -> TextPair | None:
    src, tgt = pair.src_text or "", pair.tgt_text or ""
    names = [w for w in proper_names(src, pair.src_lang) if len(w.text) >= 5]
    sites = [
        (m.start(), m.end(), m.group())
        for name in names
        for m in re.finditer(rf"(?<!\w){re.escape(name.text)}(?!\w)", tgt)
    ]
    if not sites:
        return None
    start, end, name = rng.choice(sites)
    wrong = misspelled(name, rng)
    return None if wrong is None else replace(pair, tgt_text=tgt[:start] + wrong + tgt[end:])


def content_words(text: str, lang: str) -> list[re.Match[str]]:
    return [
        m for m in _CONTENT.finditer(text) if m.group().islower() and is_known_word(m.group(), lang)
    ]


@dataclass(frozen=True)
class TermCase:
    """A pair with its one-entry glossary, and the corrupted pairs for it."""

    pair: TextPair
    glossary: Glossary
    replaced: TextPair
    forbidden_used: TextPair


def term_case(pair: TextPair, other: TextPair, rng: random.Random) -> TermCase | None:
    src, tgt, other_tgt = pair.src_text or "", pair.tgt_text or "", other.tgt_text or ""
    sources, targets = content_words(src, pair.src_lang), content_words(tgt, pair.tgt_lang)
    # The stranger is in the target in no form ("avere" is there as "ha").
    target_forms = {form for word in words(tgt, pair.tgt_lang) for form in word.forms}
    others = [
        m for m in content_words(other_tgt, pair.tgt_lang)
        if not words(m.group(), pair.tgt_lang)[0].forms & target_forms
    ]  # fmt: skip
    if not sources or not targets or not others:
        return None
    source, target, stranger = rng.choice(sources), rng.choice(targets), rng.choice(others)
    term = lemma(target.group(), pair.tgt_lang)
    forbidden = lemma(stranger.group(), pair.tgt_lang)
    entry = GlossaryEntry((source.group(),), (term,), (forbidden,))
    occurrences = [
        m for m in targets if lemma(m.group(), pair.tgt_lang) == term
    ]  # every form of the term goes
    replaced = tgt
    for m in reversed(occurrences):
        replaced = replaced[: m.start()] + stranger.group() + replaced[m.end() :]
    cut = rng.choice([m.end() for m in targets])
    used = tgt[:cut] + " " + stranger.group() + tgt[cut:]
    return TermCase(
        pair,
        Glossary((entry,)),
        replace(pair, tgt_text=replaced),
        replace(pair, tgt_text=used),
    )


def one_word_changed(text: str, lang: str, rng: random.Random, other: str) -> str | None:
    sites, strangers = content_words(text, lang), content_words(other, lang)
    strangers = [m for m in strangers if m.group() not in text]
    if not sites or not strangers:
        return None
    site, stranger = rng.choice(sites), rng.choice(strangers)
    return text[: site.start()] + stranger.group() + text[site.end() :]


# The benchmark --------------------------------------------------------------------


@dataclass
class Tally:
    cases: int = 0
    caught: int = 0
    missed: list[str] = field(default_factory=list)

    def add(self, caught: bool, label: str) -> None:
        self.cases += 1
        self.caught += caught
        if not caught:
            self.missed.append(label)


def run(
    eval_dir: Path, seed: int
) -> tuple[dict[str, list[int]], dict[str, Tally], dict[str, list[str]]]:
    rng = random.Random(seed)
    encoder = CachedEncoder(load_encoder())
    documents = load_documents(eval_dir)
    noise: dict[str, list[int]] = {
        c: [0, 0] for c in ("names", "glossary", "meaning", "consistency")
    }
    noisy: dict[str, list[str]] = defaultdict(list)
    recall = {
        kind: Tally()
        for kind in ("name misspelled", "term replaced", "forbidden term used",
                     "meaning (swapped)", "inconsistent translation", "inconsistent source")
    }  # fmt: skip
    for name, pairs in documents:
        similar = with_similarities(pairs, encoder)
        found = document_findings(similar)
        for index, pair in enumerate(pairs):
            label = f"{name}:{index}"
            for check in ("meaning", "consistency"):
                hit = flagged(found.get(index, ()), check)
                noise[check][0] += hit
                noise[check][1] += 1
                if hit:
                    noisy[check].append(f"{label}  {pair.src_text}  ||  {pair.tgt_text}")
            hit = flagged(pair_findings(pair, "names"), "names")
            noise["names"][0] += hit
            noise["names"][1] += 1
            if hit:
                noisy["names"].append(f"{label}  {pair.src_text}  ||  {pair.tgt_text}")
            corrupted = name_misspelled(pair, rng)
            if corrupted is not None:
                recall["name misspelled"].add(
                    flagged(pair_findings(corrupted, "names"), "names"),
                    f"{label}  {corrupted.tgt_text}",
                )
            other = pairs[rng.choice([i for i in range(len(pairs)) if i != index])]
            case = term_case(pair, other, rng)
            if case is not None:
                clean = flagged(pair_findings(pair, "glossary", case.glossary), "glossary")
                noise["glossary"][0] += clean
                noise["glossary"][1] += 1
                if clean:
                    noisy["glossary"].append(f"{label}  {case.glossary.entries}  {pair.tgt_text}")
                recall["term replaced"].add(
                    flagged(
                        pair_findings(case.replaced, "glossary", case.glossary),
                        "glossary",
                        "key-term-missing",
                    ),
                    f"{label}  {case.glossary.entries}  {case.replaced.tgt_text}",
                )
                recall["forbidden term used"].add(
                    flagged(
                        pair_findings(case.forbidden_used, "glossary", case.glossary),
                        "glossary",
                        "forbidden-term",
                    ),
                    f"{label}  {case.glossary.entries}  {case.forbidden_used.tgt_text}",
                )
        if len(pairs) < 2:
            continue
        for index in range(len(pairs)):
            swapped = list(pairs)
            other = rng.choice([i for i in range(len(pairs)) if i != index])
            swapped[index] = replace(pairs[index], tgt_text=pairs[other].tgt_text)
            found = document_findings(with_similarities(swapped, encoder))
            recall["meaning (swapped)"].add(
                flagged(found.get(index, ()), "meaning"),
                f"{name}:{index}  {swapped[index].src_text}  ||  {swapped[index].tgt_text}",
            )
        _consistency_cases(name, pairs, rng, recall)
    return noise, recall, noisy


def _consistency_cases(
    name: str, pairs: list[TextPair], rng: random.Random, recall: dict[str, Tally]
) -> None:
    for index, pair in enumerate(pairs):
        other = pairs[rng.choice([i for i in range(len(pairs)) if i != index])]
        for kind, side in (("inconsistent translation", "tgt"), ("inconsistent source", "src")):
            text = pair.tgt_text if side == "tgt" else pair.src_text
            lang = pair.tgt_lang if side == "tgt" else pair.src_lang
            changed = one_word_changed(
                text or "", lang, rng, (other.tgt_text if side == "tgt" else other.src_text) or ""
            )
            if changed is None:
                continue
            added = replace(pair, **{f"{side}_text": changed})
            found = document_findings([*pairs, added])
            code = "inconsistent-translation" if side == "tgt" else "inconsistent-source"
            caught = flagged(found.get(len(pairs), ()), "consistency", code) and flagged(
                found.get(index, ()), "consistency", code
            )
            recall[kind].add(caught, f"{name}:{index}  {changed}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", metavar="KIND", help='missed cases of KIND, or "fp:CHECK"')
    args = parser.parse_args()
    if not (args.eval_dir / "ntrex_it_en_dev").is_dir():
        print(
            f"no dev news in {args.eval_dir / 'ntrex_it_en_dev'}: nothing to measure",
            file=sys.stderr,
        )
        return 2
    noise, recall, noisy = run(args.eval_dir, args.seed)
    console = Console()
    table = Table(title="Correct pairs flagged (warning or error), both directions")
    for column in ("check", "pairs", "flagged", "share", "target"):
        table.add_column(column, justify="right" if column != "check" else "left")
    for check, (hits, total) in noise.items():
        table.add_row(check, str(total), str(hits), f"{hits / max(total, 1):.2%}", "≤ 1%")
    console.print(table)
    table = Table(title="Recall on injected corruptions (warning or error)")
    for column in ("corruption", "cases", "caught", "recall", "target"):
        table.add_column(column, justify="right" if column != "corruption" else "left")
    for kind, tally in recall.items():
        table.add_row(
            kind,
            str(tally.cases),
            str(tally.caught),
            f"{tally.caught / max(tally.cases, 1):.3f}",
            "≥ .95",
        )
    console.print(table)
    if args.show:
        shown: list[str] = (
            noisy.get(args.show[3:], [])
            if args.show.startswith("fp:")
            else recall[args.show].missed
        )
        for line in shown:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
