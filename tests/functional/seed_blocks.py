"""The seed article's blocks — headings, paragraphs, captions, asides, the English
table of contents — built from the gold's sentence files, for the fixtures of every
structured format, and the gold beads mapped onto a document read from one of them."""

from __future__ import annotations

import re
from pathlib import Path

from aligner.model import Alignment, BlockKind, Document

GOLD = Path(__file__).resolve().parents[1] / "data" / "seed-gold"
FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"

H, P, LI, CAP, ASIDE = (
    BlockKind.HEADING,
    BlockKind.PARAGRAPH,
    BlockKind.LIST_ITEM,
    BlockKind.CAPTION,
    BlockKind.ASIDE,
)
#: (kind, number of gold sentences in the block), in reading order.
STRUCTURE = {
    "it": [(H, 1), (P, 1), (P, 1), (P, 1), (CAP, 1), (ASIDE, 1), (P, 1), (CAP, 1), (P, 1),
           (CAP, 1), (P, 1), (P, 3), (P, 1), (P, 1), (P, 1), (CAP, 1), (P, 1), (P, 1),
           (P, 1), (P, 1), (P, 1), (P, 1), (ASIDE, 1)],
    "en": [(H, 1), *[(LI, 1)] * 16, (H, 1), (P, 1), (H, 1), (P, 1), (H, 1), (P, 1), (CAP, 1),
           (H, 1), (P, 1), (CAP, 1), (H, 1), (P, 1), (CAP, 1), (H, 1), (P, 1), (H, 1), (P, 3),
           (H, 1), (P, 1), (H, 1), (P, 1), (H, 1), (P, 1), (CAP, 1), (H, 1), (P, 1), (H, 1),
           (P, 1), (H, 1), (P, 1), (H, 1), (P, 1), (H, 1), (P, 1), (H, 1), (P, 1), (H, 1)],
}  # fmt: skip


def sentences(lang: str) -> list[str]:
    return (GOLD / f"{lang}.txt").read_text(encoding="utf-8").splitlines()


def seed_blocks(lang: str) -> list[tuple[BlockKind, str]]:
    """The article in `lang` ("it", "en") as (kind, text) blocks."""
    texts = iter(sentences(lang))
    return [(kind, " ".join(next(texts) for _ in range(n))) for kind, n in STRUCTURE[lang]]


def gold_beads() -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    beads = []
    for line in (GOLD / "it-en.align").read_text(encoding="utf-8").split():
        src, tgt = line.split(":")[:2]
        beads.append((_ids(src), _ids(tgt)))
    return beads


def _ids(field: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", field))


def sentence_numbers(document: Document, lang: str) -> list[int]:
    """The gold sentence number of each segment of `document`, found in order by text:
    the reader must have kept every sentence's text whole and clean of markup."""
    gold = sentences(lang)
    numbers, position = [], 0
    for segment in document.segments:
        while gold[position] != segment.text:
            position += 1  # a gold sentence the format leaves out (related links)
        numbers.append(position)
        position += 1
    return numbers


def strict_f1(alignment: Alignment) -> float:
    """Strict F1 of `alignment` on the seed gold (the metric of shared/eval/score.py):
    precision over all beads, recall over the gold beads with both sides, gold beads
    restricted to the sentences the documents hold."""
    src_numbers = sentence_numbers(alignment.src, "it")
    tgt_numbers = sentence_numbers(alignment.tgt, "en")
    predicted = {
        (tuple(src_numbers[i] for i in b.src), tuple(tgt_numbers[j] for j in b.tgt))
        for b in alignment.beads
    }
    kept_src, kept_tgt = set(src_numbers), set(tgt_numbers)
    gold = {
        (tuple(i for i in src if i in kept_src), tuple(j for j in tgt if j in kept_tgt))
        for src, tgt in gold_beads()
    }
    gold.discard(((), ()))
    precision = len(predicted & gold) / len(predicted)
    full_gold = {b for b in gold if b[0] and b[1]}
    full_predicted = {b for b in predicted if b[0] and b[1]}
    recall = len(full_gold & full_predicted) / len(full_gold)
    return 2 * precision * recall / (precision + recall)
