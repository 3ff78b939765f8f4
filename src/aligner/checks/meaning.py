"""Meaning: a pair whose two texts say something else, told by their embedding
similarity. No QA tool we know has it: a sentence swapped with another, a paragraph
pasted in the wrong place, a machine translation of the wrong line all have their
figures, names and tags right.

A pair's similarity alone says little (a short quote and its free translation score
low, a list of names high), so each pair is measured against its own document: its
texts are compared with the other pairs' texts nearby, and a pair whose source reads
no more like its target than like the other pairs' texts — by the mean of the
highest of those similarities — says something else. On the dev news this flags no
correct pair and 99% of targets swapped with another pair's (benchmarks/
qa_context_checks.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from statistics import median

import numpy as np

from aligner.embed import CachedEncoder, Encoder
from aligner.model import Finding, ProgressCallback, Severity, TextPair

#: Pairs on each side of a pair whose texts it is compared with: a document's
#: neighbourhood, and a bound on the work in a memory of 100,000 units.
NEIGHBOURS = 50
#: The highest similarities with other texts whose mean is the yardstick.
TOP = 3
#: How far below that yardstick a pair's own similarity must be (in cosine): a pair
#: of near-equal texts among texts alike (a list of names) is left alone.
MARGIN = 0.05


def check_meaning(pairs: Sequence[TextPair]) -> dict[int, list[Finding]]:
    """A warning on each pair of `pairs` whose own similarity is below its
    similarity with the texts of other pairs; nothing where the pairs carry none."""
    own = [p.similarity for p in pairs if p.similarity is not None]
    if not own:
        return {}
    typical = median(own)
    return {
        index: [
            Finding(
                "meaning",
                "meaning-differs",
                Severity.WARNING,
                f"these texts may say different things: their similarity is "
                f"{pair.similarity:.2f}, while they read {pair.similarity_elsewhere:.2f} "
                f"like other pairs' texts (this document's pairs: {typical:.2f}, median)",
                (0, len(pair.src_text or "")),
                (0, len(pair.tgt_text or "")),
            )
        ]
        for index, pair in enumerate(pairs)
        if pair.similarity is not None
        and pair.similarity_elsewhere is not None
        and pair.similarity < pair.similarity_elsewhere - MARGIN
    }


def with_similarities(
    pairs: Sequence[TextPair], encoder: Encoder, progress: ProgressCallback | None = None
) -> list[TextPair]:
    """`pairs` with the cosine similarity of their two texts as `encoder` embeds them
    (each text once; `progress` reports it as "embed"), and their similarity with the
    texts of the pairs nearby (`TextPair.similarity_elsewhere`); a pair with a side
    missing or blank keeps None."""
    both = [
        i for i, p in enumerate(pairs) if (p.src_text or "").strip() and (p.tgt_text or "").strip()
    ]
    texts = [text for i in both for text in (pairs[i].src_text or "", pairs[i].tgt_text or "")]
    if not texts:
        return list(pairs)
    vectors = CachedEncoder(encoder, progress).encode(texts)
    # An encoder's rows are L2-normalised: dot products are cosines.
    sources, targets = vectors[0::2], vectors[1::2]
    similar = list(pairs)
    for k, index in enumerate(both):
        near = slice(max(0, k - NEIGHBOURS), k + NEIGHBOURS + 1)
        others = np.concatenate(
            [
                np.delete(targets[near] @ sources[k], k - near.start),
                np.delete(sources[near] @ targets[k], k - near.start),
            ]
        )
        elsewhere = float(np.sort(others)[-TOP:].mean()) if others.size else None
        similar[index] = replace(
            pairs[index],
            similarity=round(float(sources[k] @ targets[k]), 4),
            similarity_elsewhere=None if elsewhere is None else round(elsewhere, 4),
        )
    return similar
