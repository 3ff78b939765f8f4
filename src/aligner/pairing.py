"""Document pairing: which documents of a corpus translate each other.

Each document is one vector, the mean of its sentences' embeddings weighted by their
length (a long sentence says more of what the document is about); two documents that
translate each other have nearly the same vector, whatever their languages. The
pairs are a one-to-one assignment of source to target documents that maximises the
total similarity (scipy's Hungarian algorithm), kept only where the similarity reaches
a threshold: a document whose translation is not in the corpus stays unpaired instead
of taking the closest article on the same topic.

File names are hints, never the only evidence: two documents whose names match once
their language codes are left out ("news/it/42.html", "news/en/42.html";
"report.it.docx", "report.en.docx") score NAME_HINT_BONUS more, which breaks a tie
and saves a pair just under the threshold, but never pairs two documents whose
contents are further apart than that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

import numpy as np

#: The similarity of two documents' vectors (USE multilingual v3) at or above which they
#: are taken as translations. On the NTREX dev news, the 40 articles and their
#: translations score 0.85 to 0.96; the closest article that is not a document's
#: translation 0.29 to 0.79 (two reports of one event), the seeds' same-topic articles
#: 0.59 to 0.67: over 200 draws with 20% of the partners removed, any threshold from
#: 0.75 to 0.82 pairs every translation and nothing else.
MIN_SIMILARITY = 0.80
#: Added to the similarity of two documents whose names match (see the module).
NAME_HINT_BONUS = 0.10

#: What separates the words of a path: folders, dots, dashes, underscores.
_NAME_SEPARATORS = re.compile(r"[/\\._\- ]+")


@dataclass(frozen=True, eq=False)
class DocumentProfile:
    """What pairing knows of a document: its vector and its name, never its text. Each
    profile is its own document (compared by identity: a vector has no single truth
    value to compare by)."""

    #: The document's path relative to its folder, as every output names it.
    name: str
    lang: str
    #: The length-weighted mean of its sentence embeddings, L2-normalised.
    vector: np.ndarray
    #: Non-blank segments (sentences, or lines of pre-segmented input).
    sentences: int
    #: A digest of the file's bytes and how it was read: names what is kept of it.
    digest: str = ""


@dataclass(frozen=True)
class DocumentPair:
    src: DocumentProfile
    tgt: DocumentProfile
    #: The cosine similarity of the two documents' vectors.
    similarity: float
    #: True when their names match once the language codes are left out.
    name_hint: bool


@dataclass(frozen=True)
class Pairing:
    pairs: tuple[DocumentPair, ...]
    #: Documents of either side with no partner, in input order.
    unpaired: tuple[DocumentProfile, ...]


def document_vector(vectors: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
    """The length-weighted mean of a document's sentence vectors, L2-normalised."""
    weights = np.asarray(lengths, dtype=np.float32)
    mean = (vectors * weights[:, None]).sum(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).astype(np.float32)


def name_key(name: str, lang: str) -> str:
    """The name of a document with its language left out: "it/news/42.html" and
    "en/news/42.html" both give "news 42 html", "report.it.docx" gives "report docx"."""
    words = _NAME_SEPARATORS.split(PurePath(name).as_posix().lower())
    return " ".join(word for word in words if word and word != lang)


def pair_documents(
    sources: Sequence[DocumentProfile],
    targets: Sequence[DocumentProfile],
    min_similarity: float = MIN_SIMILARITY,
) -> Pairing:
    """The one-to-one pairing of `sources` with `targets` of greatest total similarity,
    keeping the pairs whose similarity (plus a name hint's bonus) is `min_similarity` or
    more; the documents left over are unpaired."""
    from scipy.optimize import linear_sum_assignment

    if not sources or not targets:
        return Pairing((), (*sources, *targets))
    similarities = np.stack([s.vector for s in sources]) @ np.stack([t.vector for t in targets]).T
    # Names keyed once a document, compared as arrays: 2,000 × 2,000 pairs in no time.
    src_keys = np.array([name_key(s.name, s.lang) for s in sources])
    tgt_keys = np.array([name_key(t.name, t.lang) for t in targets])
    hints = (src_keys[:, None] == tgt_keys[None, :]) & (src_keys != "")[:, None]
    scores = similarities + NAME_HINT_BONUS * hints
    rows, columns = linear_sum_assignment(scores, maximize=True)
    pairs = tuple(
        DocumentPair(sources[i], targets[j], float(similarities[i, j]), bool(hints[i, j]))
        for i, j in zip(rows, columns)
        if scores[i, j] >= min_similarity
    )
    paired = {id(p.src) for p in pairs} | {id(p.tgt) for p in pairs}
    unpaired = tuple(d for d in (*sources, *targets) if id(d) not in paired)
    return Pairing(pairs, unpaired)
