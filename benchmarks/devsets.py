"""The development sets in ../shared/eval: document pairs with their gold beads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CROCO_VAL = "croco_val"


@dataclass(frozen=True)
class Pair:
    src: Path
    tgt: Path
    gold: Path | None
    src_lang: str
    tgt_lang: str


@dataclass(frozen=True)
class DevSet:
    """Document pairs measured together; `key` is the name `--sets` takes, `group` the
    name of the sets pooled with it (the books of croco_val)."""

    key: str
    label: str
    pairs: tuple[Pair, ...]
    group: str | None = None


def dev_sets(eval_dir: Path) -> list[DevSet]:
    croco = eval_dir / "croco_en_it_dev"
    ntrex = sorted((eval_dir / "ntrex_it_en_dev").glob("*.gold"))
    return [
        DevSet("seeds", "seeds it-en", (
            Pair(eval_dir / "seeds/000.it.txt", eval_dir / "seeds/001.en.txt",
                 eval_dir / "seeds/000-001.align", "it", "en"),
        )),
        DevSet("croco", "croco en-it", (
            Pair(croco / "three_men.en", croco / "three_men.it", croco / "three_men.en-it.align",
                 "en", "it"),
        )),
        DevSet("textberg", "textberg de-fr", (
            Pair(eval_dir / "textberg_de_fr_dev/dev.de", eval_dir / "textberg_de_fr_dev/dev.fr",
                 eval_dir / "textberg_de_fr_dev/dev.de-fr.align", "de", "fr"),
        )),
        DevSet("ntrex", f"ntrex en-it ({len(ntrex)})", tuple(
            Pair(gold.with_suffix(".en"), gold.with_suffix(".it"), gold, "en", "it")
            for gold in ntrex
        )),
        *croco_val_books(eval_dir / CROCO_VAL),
    ]  # fmt: skip


def croco_val_books(folder: Path) -> list[DevSet]:
    """One set per book, `PAIR.Author-Title.align` beside `.l1` and `.l2`: the gold's
    first list numbers the sentences of the first language of PAIR."""
    books = []
    for gold in sorted(folder.glob("*.align")):
        languages, name = gold.stem.split(".", 1)
        src_lang, tgt_lang = languages.lower().split("-")
        title = name.split("-", 1)[-1].replace("_", " ")
        pair = Pair(gold.with_suffix(f".{src_lang}"), gold.with_suffix(f".{tgt_lang}"), gold,
                    src_lang, tgt_lang)  # fmt: skip
        books.append(DevSet(gold.stem, f"{src_lang}-{tgt_lang} {title}", (pair,), CROCO_VAL))
    return books


def select(sets: list[DevSet], names: list[str]) -> list[DevSet]:
    """The sets named by key or by group; a ValueError names the unknown ones."""
    known = {s.key for s in sets} | {s.group for s in sets if s.group}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown set(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return [s for s in sets if s.key in names or s.group in names]
