"""Document pairing: one-to-one, a threshold, names as hints only."""

import numpy as np

from aligner.pairing import (
    MIN_SIMILARITY,
    NAME_HINT_BONUS,
    DocumentProfile,
    document_vector,
    name_key,
    pair_documents,
)


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _with_similarity(base: np.ndarray, other: np.ndarray, similarity: float) -> np.ndarray:
    """A unit vector whose cosine with `base` is `similarity` (other: orthogonal to it)."""
    return similarity * base + np.sqrt(1 - similarity**2) * other


def _profile(name: str, lang: str, vector: np.ndarray) -> DocumentProfile:
    return DocumentProfile(name, lang, vector.astype(np.float32), 10)


def test_each_document_pairs_with_its_closest_translation_once():
    a, b = _unit(1, 0, 0), _unit(0, 1, 0)
    sources = [_profile("a.txt", "it", a), _profile("b.txt", "it", b)]
    # Both targets are closer to a than to b: one-to-one, a keeps the closer one and b
    # takes the other, which is still a translation by the threshold.
    targets = [
        _profile("x.txt", "en", _unit(0.99, 0.1, 0)),
        _profile("y.txt", "en", _unit(0.1, 0.99, 0)),
    ]
    pairing = pair_documents(sources, targets)
    assert [(p.src.name, p.tgt.name) for p in pairing.pairs] == [
        ("a.txt", "x.txt"),
        ("b.txt", "y.txt"),
    ]
    assert pairing.unpaired == ()


def test_copies_of_one_article_each_pair_once_with_the_translation_named_like_it():
    a, c = _unit(1, 0, 0), _unit(0, 0, 1)
    # Three versions of one article and three of its translation, every one close to
    # every other: one-to-one, and the names decide which goes with which.
    versions = [_with_similarity(a, c, similarity) for similarity in (1.0, 0.99, 0.98)]
    sources = [_profile(f"it/{n}.txt", "it", v) for n, v in zip("123", versions)]
    targets = [_profile(f"en/{n}.txt", "en", v) for n, v in zip("312", versions[::-1])]
    pairing = pair_documents(sources, targets)
    assert [(p.src.name, p.tgt.name) for p in pairing.pairs] == [
        ("it/1.txt", "en/1.txt"),
        ("it/2.txt", "en/2.txt"),
        ("it/3.txt", "en/3.txt"),
    ]
    assert pairing.unpaired == ()


def test_a_document_whose_translation_is_missing_stays_unpaired():
    a, c = _unit(1, 0, 0), _unit(0, 0, 1)
    same_topic = _with_similarity(a, c, MIN_SIMILARITY - 0.05)
    pairing = pair_documents([_profile("a.txt", "it", a)], [_profile("z.txt", "en", same_topic)])
    assert pairing.pairs == ()
    assert [d.name for d in pairing.unpaired] == ["a.txt", "z.txt"]


def test_matching_names_save_a_pair_just_under_the_threshold_but_never_pair_alone():
    a, c = _unit(1, 0, 0), _unit(0, 0, 1)
    near = _with_similarity(a, c, MIN_SIMILARITY - NAME_HINT_BONUS / 2)
    far = _with_similarity(a, c, MIN_SIMILARITY - NAME_HINT_BONUS * 2)
    hinted = pair_documents([_profile("it/42.html", "it", a)], [_profile("en/42.html", "en", near)])
    assert [(p.src.name, p.tgt.name, p.name_hint) for p in hinted.pairs] == [
        ("it/42.html", "en/42.html", True)
    ]
    unrelated = pair_documents(
        [_profile("it/42.html", "it", a)], [_profile("en/42.html", "en", far)]
    )
    assert unrelated.pairs == ()


def test_names_match_without_their_language_codes():
    assert name_key("it/news/42.html", "it") == name_key("en/news/42.html", "en")
    assert name_key("report.it.docx", "it") == name_key("report.en.docx", "en")
    assert name_key("report.it.docx", "it") != name_key("summary.en.docx", "en")


def test_a_document_vector_weighs_long_sentences_more():
    vectors = np.stack([_unit(1, 0), _unit(0, 1)])
    vector = document_vector(vectors, [90, 10])
    assert np.isclose(np.linalg.norm(vector), 1.0)
    assert vector[0] > vector[1] > 0
