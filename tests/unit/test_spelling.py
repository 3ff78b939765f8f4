"""The spelling check, off by default: words of the target its language's Hunspell
dictionary does not know, as notes. Skipped where the dictionary is not installed."""

import pytest

from aligner.checks import check_pair
from aligner.checks.spelling import dictionary_paths, spelling_language_missing
from aligner.model import Severity, TextPair


def needs_dictionary(lang: str):
    package = {"en": "hunspell-en-us", "de": "hunspell-de-de"}.get(lang, f"hunspell-{lang}")
    return pytest.mark.skipif(
        spelling_language_missing(lang), reason=f"no {lang} Hunspell dictionary ({package})"
    )


@pytest.mark.parametrize(
    ("src", "tgt", "tgt_lang"),
    [
        pytest.param(
            "The houses are big.", "Le case sono grandi.", "it", marks=needs_dictionary("it")
        ),
        pytest.param(
            "Le case sono grandi.", "The houses are big.", "en", marks=needs_dictionary("en")
        ),
        pytest.param(
            "The houses are big.", "Die Häuser sind groß.", "de", marks=needs_dictionary("de")
        ),
        pytest.param(
            "The man came today.",
            "L’homme est venu aujourd’hui.",
            "fr",
            marks=needs_dictionary("fr"),
        ),
        pytest.param("The houses are big.", "Дома большие.", "ru", marks=needs_dictionary("ru")),
        # A name with an elided article; British and American English alike.
        pytest.param(
            "The Ayr manager.", "L’allenatore dell’Ayr.", "it", marks=needs_dictionary("it")
        ),
        pytest.param(
            "Il colore.",
            "The colour and the color.",
            "en",
            marks=pytest.mark.skipif(
                not any(path.name == "en_GB" for path in dictionary_paths("en")),
                reason="no en_GB Hunspell dictionary (hunspell-en-gb)",
            ),
        ),  # fmt: skip
        # A name the dictionary does not know, in the source too.
        pytest.param(
            "Vassilenko came.", "Vassilenko è venuto.", "it", marks=needs_dictionary("it")
        ),
        # Words Hunspell's lists lack: an inflection ("possiede"), two words written as
        # one ("bordocampo"), a prefix and a hyphen ("pre-campionato"), a word after an
        # elided article ("un'e-mail"), a term carried over from the source.
        pytest.param(
            "He owns a sideline pre-season email.",
            "Possiede un'e-mail pre-campionato a bordocampo.",
            "it",
            marks=needs_dictionary("it"),
        ),
        pytest.param(
            "La denuclearizzazione.", "The denuclearization.", "en", marks=needs_dictionary("en")
        ),
    ],
)
def test_correct_words_are_quiet(src, tgt, tgt_lang) -> None:
    assert check_pair(TextPair(src, tgt, "en", tgt_lang), ["spelling"]) == ()


@pytest.mark.parametrize(
    ("tgt", "tgt_lang", "misspelled"),
    [
        pytest.param("Le csae sono grandi.", "it", "csae", marks=needs_dictionary("it")),
        pytest.param("The hosues are big.", "en", "hosues", marks=needs_dictionary("en")),
        pytest.param("Die Hääuser sind groß.", "de", "Hääuser", marks=needs_dictionary("de")),
        pytest.param("Les maisonns sont grandes.", "fr", "maisonns", marks=needs_dictionary("fr")),
        pytest.param("Дома болшие.", "ru", "болшие", marks=needs_dictionary("ru")),
    ],
)
def test_an_unknown_word_is_a_note_on_the_target(tgt, tgt_lang, misspelled) -> None:
    (finding,) = check_pair(TextPair("The houses are big.", tgt, "en", tgt_lang), ["spelling"])

    assert (finding.code, finding.severity) == ("misspelled", Severity.INFO)
    assert tgt[slice(*finding.tgt_span)] == misspelled


@needs_dictionary("en")
def test_spelling_runs_only_when_asked_for() -> None:
    pair = TextPair("Le case.", "The hosues.", "it", "en")

    assert check_pair(pair) == ()
    assert [f.code for f in check_pair(pair, ["spelling"])] == ["misspelled"]


@pytest.mark.skipif(
    not spelling_language_missing("ml"), reason="a Malayalam dictionary is installed"
)
def test_a_language_without_a_dictionary_is_not_checked() -> None:
    assert check_pair(TextPair("Hello.", "ഹലോ ഹല.", "en", "ml"), ["spelling"]) == ()
