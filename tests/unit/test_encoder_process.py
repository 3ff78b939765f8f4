"""The encoder the review loads in a process of its own (`aligner.encoder_process`)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from aligner.embed import USE_LANGUAGES, Encoder
from aligner.encoder_process import EncoderProcess
from aligner.errors import EncoderError

TEXTS = [
    "Il gatto dorme sul divano accanto alla finestra.",
    "The cat is sleeping on the sofa next to the window.",
    "Interest rates rose sharply in the last quarter.",
]


@pytest.fixture
def offline_hub() -> Iterator[None]:
    """No hub requests (the child inherits the environment): online, a missing model
    retries for over a minute."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        yield


def test_it_embeds_as_the_encoder_loaded_here(encoder: Encoder) -> None:
    process = EncoderProcess(threads=1)
    assert process.name == encoder.name and process.languages == USE_LANGUAGES
    # The vectors of one BLAS thread and of several differ in the last bits only.
    np.testing.assert_allclose(process.encode(TEXTS), encoder.encode(TEXTS), atol=1e-5)
    assert process.encode([]).shape == (0, 512)
    process.close()


@pytest.mark.usefixtures("offline_hub")
def test_a_model_that_cannot_be_loaded_is_one_encoder_error_each_time(tmp_path) -> None:
    missing = str(tmp_path / "no-model")
    process = EncoderProcess(missing)
    for _ in range(2):  # tried once: the second call says the same at once
        with pytest.raises(EncoderError, match="no-model") as raised:
            process.encode(TEXTS)
        assert "\n" not in str(raised.value)
    process.close()
