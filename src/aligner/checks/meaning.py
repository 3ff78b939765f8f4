"""Meaning: a pair whose two texts say something else, told by their embedding
similarity being far below what the other pairs of the same document have. No QA
tool we know has it: a sentence swapped with another, a paragraph pasted in the
wrong place, a machine translation of the wrong line all have their figures, names
and tags right.

"Far below" is measured against this document (robust statistics: the median and
the median absolute deviation of its pairs' similarities), so that a document whose
translation is free and a near-literal one each get their own yardstick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from statistics import median

import numpy as np

from aligner.embed import CachedEncoder, Encoder
from aligner.model import Finding, ProgressCallback, Severity, TextPair

#: Fewer pairs with both sides than this give no yardstick.
MIN_PAIRS = 8
#: How many (scaled) median absolute deviations below the median a pair must be.
DEVIATIONS = 4.0
#: And at least this far below the median, in cosine: a document of near-identical
#: similarities has a tiny deviation.
MIN_GAP = 0.25
#: The median absolute deviation times this estimates a normal distribution's sigma.
_MAD_SCALE = 1.4826


def check_meaning(pairs: Sequence[TextPair]) -> dict[int, list[Finding]]:
    """A warning on each pair of `pairs` whose similarity is an outlier below the
    others'; nothing where the pairs carry no similarity."""
    scored = {
        index: pair.similarity
        for index, pair in enumerate(pairs)
        if pair.similarity is not None and pair.src_text and pair.tgt_text
    }
    if len(scored) < MIN_PAIRS:
        return {}
    middle = median(scored.values())
    spread = _MAD_SCALE * median(abs(value - middle) for value in scored.values())
    threshold = middle - max(DEVIATIONS * spread, MIN_GAP)
    return {
        index: [
            Finding(
                "meaning",
                "meaning-differs",
                Severity.WARNING,
                f"these texts may say different things: their similarity is {value:.2f}, "
                f"where this document's pairs have {middle:.2f} (median)",
                (0, len(pairs[index].src_text or "")),
                (0, len(pairs[index].tgt_text or "")),
            )
        ]
        for index, value in scored.items()
        if value < threshold
    }


def with_similarities(
    pairs: Sequence[TextPair], encoder: Encoder, progress: ProgressCallback | None = None
) -> list[TextPair]:
    """`pairs` with the cosine similarity of their two texts as `encoder` embeds them
    (each text once; `progress` reports it as "embed"); a pair with a side missing or
    blank keeps None."""
    both = [
        i for i, p in enumerate(pairs) if (p.src_text or "").strip() and (p.tgt_text or "").strip()
    ]
    texts = [text for i in both for text in (pairs[i].src_text or "", pairs[i].tgt_text or "")]
    vectors = CachedEncoder(encoder, progress).encode(texts) if texts else np.empty((0, 0))
    similar = list(pairs)
    for k, index in enumerate(both):
        # An encoder's rows are L2-normalised: the dot product is the cosine.
        cosine = float(vectors[2 * k] @ vectors[2 * k + 1])
        similar[index] = replace(pairs[index], similarity=round(cosine, 4))
    return similar
