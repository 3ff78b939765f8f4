"""Document pairing: which documents of a corpus translate each other.

Each document is one vector, the mean of its sentences' embeddings weighted by their
length (a long sentence says more of what the document is about); two documents that
translate each other have nearly the same vector, whatever their languages. The
pairs are the one-to-one assignment of source to target documents of greatest total
similarity among the pairs whose similarity reaches a threshold (scipy's Hungarian
algorithm): a document whose translation is not in the corpus stays unpaired instead
of taking the closest article on the same topic. Only those pairs are kept while the
similarities are computed, a block at a time, so that pairing a corpus takes memory
for its possible translations, not for the square of its size.

File names are hints, never the only evidence: two documents whose names match once
their language codes are left out ("news/it/42.html", "news/en/42.html";
"report.it.docx", "report.en.docx") score NAME_HINT_BONUS more, which breaks a tie
and saves a pair just under the threshold, but never pairs two documents whose
contents are further apart than that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
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
    """The one-to-one pairing of `sources` with `targets` of greatest total similarity
    among the pairs whose similarity (plus a name hint's bonus) is `min_similarity` or
    more; the documents left over are unpaired."""
    candidates = _candidates(sources, targets, min_similarity)
    pairs = tuple(
        DocumentPair(sources[i], targets[j], similarity, hint)
        for i, j, similarity, hint in sorted(_assigned(candidates, len(sources), len(targets)))
    )
    paired = {id(p.src) for p in pairs} | {id(p.tgt) for p in pairs}
    unpaired = tuple(d for d in (*sources, *targets) if id(d) not in paired)
    return Pairing(pairs, unpaired)


#: Cells of the similarity matrix computed at once (a few MB with the scores and
#: hints): the whole matrix grows with the square of the corpus, 200 MB at its peak
#: for 4,000 documents a side.
_BLOCK_CELLS = 2**18


@dataclass(frozen=True)
class _Candidates:
    """The (source, target) pairs that reach the threshold, as parallel arrays."""

    sources: np.ndarray
    targets: np.ndarray
    similarities: np.ndarray
    hints: np.ndarray
    scores: np.ndarray


def _candidates(
    sources: Sequence[DocumentProfile], targets: Sequence[DocumentProfile], min_similarity: float
) -> _Candidates:
    """Every pair whose similarity plus its name hint's bonus reaches `min_similarity`,
    the similarities computed a block of sources at a time: the client's memory grows
    with the pairs that could be translations, not with the square of the corpus."""
    found: list[tuple[np.ndarray, ...]] = []
    if sources and targets:
        target_vectors = np.stack([t.vector for t in targets])
        # Names keyed once a document, as numbers: a block compares them as arrays.
        keys: dict[str, int] = {"": -1}
        src_keys = np.array([keys.setdefault(name_key(s.name, s.lang), len(keys)) for s in sources])
        tgt_keys = np.array([keys.setdefault(name_key(t.name, t.lang), len(keys)) for t in targets])
        rows = max(1, _BLOCK_CELLS // len(targets))
        for start in range(0, len(sources), rows):
            block = slice(start, start + rows)
            similarities = np.stack([s.vector for s in sources[block]]) @ target_vectors.T
            hints = (src_keys[block, None] == tgt_keys[None, :]) & (src_keys[block] >= 0)[:, None]
            scores = similarities + NAME_HINT_BONUS * hints
            i, j = np.nonzero(scores >= min_similarity)
            found.append((i + start, j, similarities[i, j], hints[i, j], scores[i, j]))
    if not found:
        empty = np.empty(0)
        return _Candidates(empty.astype(int), empty.astype(int), empty, empty.astype(bool), empty)
    return _Candidates(*(np.concatenate(column) for column in zip(*found)))


def _assigned(
    candidates: _Candidates, n_sources: int, n_targets: int
) -> Iterator[tuple[int, int, float, bool]]:
    """(source, target, similarity, name hint) of the one-to-one assignment of greatest
    total score among the candidates (scipy's Hungarian algorithm). Solved apart for
    each group of documents the candidates connect, which is small: a document has few
    possible translations, and documents with none are in no group."""
    from scipy.optimize import linear_sum_assignment
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    # Sources are nodes 0..n_sources-1, targets the nodes after them.
    nodes = n_sources + n_targets
    graph = coo_matrix(
        (np.ones(len(candidates.scores)), (candidates.sources, candidates.targets + n_sources)),
        shape=(nodes, nodes),
    )
    _, group_of_node = connected_components(graph, directed=False)
    group_of = group_of_node[candidates.sources]
    order = np.argsort(group_of, kind="stable")
    boundaries = np.flatnonzero(np.diff(group_of[order])) + 1
    for members in np.split(order, boundaries):
        if len(members) < 2:  # no candidate, or one: nothing to choose between
            yield from (_candidate(candidates, index) for index in members.tolist())
            continue
        rows, row_of = np.unique(candidates.sources[members], return_inverse=True)
        columns, column_of = np.unique(candidates.targets[members], return_inverse=True)
        # A pair that is no candidate scores 0: taking it is taking no pair.
        scores = np.zeros((len(rows), len(columns)))
        scores[row_of, column_of] = candidates.scores[members]
        candidate_at = dict(zip(zip(row_of.tolist(), column_of.tolist()), members.tolist()))
        for row, column in zip(*linear_sum_assignment(scores, maximize=True)):
            index = candidate_at.get((int(row), int(column)))
            if index is not None:
                yield _candidate(candidates, index)


def _candidate(candidates: _Candidates, index: int) -> tuple[int, int, float, bool]:
    return (
        int(candidates.sources[index]),
        int(candidates.targets[index]),
        float(candidates.similarities[index]),
        bool(candidates.hints[index]),
    )
