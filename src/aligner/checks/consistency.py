"""Consistency over a whole document or memory (Xbench's two inconsistency checks):
the same source translated differently, and the same translation given to different
sources. Each finding lands on every pair concerned and names the others by their
bead numbers."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from aligner.model import Finding, Severity, TextPair, bead_number

#: Beads listed by number in a message; the count says how many more.
LISTED_BEADS = 5
_LETTER = re.compile(r"[^\W\d_]")
#: What two occurrences of one text may differ by: case, spacing, final punctuation.
_TRAILING = re.compile(r"[\s.!?;:…]+$")


def check_consistency(pairs: Sequence[TextPair]) -> dict[int, list[Finding]]:
    """The findings of both inconsistency checks, by index of the pair they concern."""
    findings: dict[int, list[Finding]] = defaultdict(list)
    _inconsistent(pairs, "src", findings)
    _inconsistent(pairs, "tgt", findings)
    return findings


def _inconsistent(pairs: Sequence[TextPair], side: str, findings: dict[int, list[Finding]]) -> None:
    """Pairs whose `side` reads the same and whose other side does not."""
    text_of: Callable[[TextPair], str | None] = (
        (lambda p: p.src_text) if side == "src" else (lambda p: p.tgt_text)
    )
    other_of: Callable[[TextPair], str | None] = (
        (lambda p: p.tgt_text) if side == "src" else (lambda p: p.src_text)
    )
    groups: dict[str, list[int]] = defaultdict(list)
    for index, pair in enumerate(pairs):
        text, other = text_of(pair), other_of(pair)
        if text and other and _LETTER.search(text) and _LETTER.search(other):
            groups[_key(text)].append(index)
    for indices in groups.values():
        renderings: dict[str, list[int]] = defaultdict(list)
        for index in indices:
            renderings[_key(other_of(pairs[index]) or "")].append(index)
        if len(renderings) < 2:
            continue
        # Each text once, each rendering's others once: a text repeated on every page
        # of a site (a menu, a footer) is thousands of pairs.
        for rendering in renderings.values():
            same = set(rendering)
            others = [i for i in indices if i not in same]
            for index in rendering:
                findings[index].append(_finding(pairs[index], side, others, len(renderings)))


def _key(text: str) -> str:
    return _TRAILING.sub("", " ".join(text.split())).casefold()


def _finding(pair: TextPair, side: str, others: list[int], count: int) -> Finding:
    listed = ", ".join(f"#{bead_number(i)}" for i in others[:LISTED_BEADS])
    if len(others) > LISTED_BEADS:
        listed += f" and {len(others) - LISTED_BEADS} more"
    beads = "bead" if len(others) == 1 else "beads"
    if side == "src":
        return Finding(
            "consistency", "inconsistent-translation", Severity.WARNING,
            f"the same source is translated {count} ways: differently in {beads} {listed}",
            None, (0, len(pair.tgt_text or "")),
        )  # fmt: skip
    return Finding(
        "consistency", "inconsistent-source", Severity.WARNING,
        f"the same translation is given to {count} different sources: in {beads} {listed}",
        (0, len(pair.src_text or "")), None,
    )  # fmt: skip
