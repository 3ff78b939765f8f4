"""The repetition check: a word said twice in a row in the target."""

import pytest

from aligner.checks import check_pair
from aligner.model import Severity, TextPair


def findings(src: str, tgt: str, tgt_lang: str):
    return check_pair(
        TextPair(src, tgt, "en" if tgt_lang != "en" else "it", tgt_lang), ["repetition"]
    )


@pytest.mark.parametrize(
    ("src", "tgt", "tgt_lang"),
    [
        ("He said that.", "Ha detto questo.", "it"),
        ("Die Frau, die die Zeitung liest.", "The woman who reads the paper.", "en"),
        ("The woman who reads the paper.", "Die Frau, die die Zeitung liest.", "de"),
        ("You are wrong.", "Vous vous trompez.", "fr"),
        ("He said that that was all.", "Ha detto che era tutto.", "it"),
        ("We went to Bora Bora.", "Siamo andati a Bora Bora.", "it"),  # in the source too
        ("Moon Jae-in in Seoul", "Moon Jae-in a Seul", "it"),
    ],
)
def test_grammatical_and_kept_repetitions_are_quiet(src, tgt, tgt_lang) -> None:
    assert findings(src, tgt, tgt_lang) == ()


@pytest.mark.parametrize(
    ("src", "tgt", "tgt_lang", "repeated"),
    [
        ("Il gatto dorme.", "The the cat sleeps.", "en", "The the"),
        ("The cat sleeps.", "Il gatto gatto dorme.", "it", "gatto gatto"),
        ("The cat sleeps.", "Die Katze schläft schläft.", "de", "schläft schläft"),
        ("The cat sleeps.", "Le chat chat dort.", "fr", "chat chat"),
        ("The cat sleeps.", "Кошка спит спит.", "ru", "спит спит"),
    ],
)
def test_a_repeated_word_is_a_warning_on_the_target(src, tgt, tgt_lang, repeated) -> None:
    (finding,) = findings(src, tgt, tgt_lang)

    assert (finding.code, finding.severity) == ("repeated-word", Severity.WARNING)
    assert tgt[slice(*finding.tgt_span)] == repeated
