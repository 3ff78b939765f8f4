"""The case check: ALL-CAPS and CamelCase words of the source (acronyms, brands) have a
counterpart in the target."""

import pytest

from aligner.checks import check_pair
from aligner.model import Severity, TextPair


def codes(src: str, tgt: str, src_lang: str, tgt_lang: str):
    found = check_pair(TextPair(src, tgt, src_lang, tgt_lang), ["case"])
    return [(f.code, f.severity) for f in found]


@pytest.mark.parametrize(
    ("src", "tgt", "src_lang", "tgt_lang"),
    [
        ("The BBC and YouTube said so.", "La BBC e YouTube lo hanno detto.", "en", "it"),
        ("NATO leaders met.", "I leader della Nato si sono incontrati.", "en", "it"),
        ("Leaving the EU is hard.", "Uscire dall’UE è difficile.", "en", "it"),
        ("Die UNO tagte.", "L’ONU s’est réunie.", "de", "fr"),
        ("L’IA cresce negli USA.", "A.I. grows in the U.S.", "it", "en"),
        ("The UK voted.", "Il Regno Unito ha votato.", "en", "it"),  # CLDR's name of GB
        ("World War II ended.", "La Seconda guerra mondiale finì.", "en", "it"),
        ("BREAKING NEWS", "ULTIME NOTIZIE", "en", "it"),
        ("Компания IBM выросла.", "IBM grew.", "ru", "en"),
    ],
)
def test_counterparts_are_quiet(src, tgt, src_lang, tgt_lang) -> None:
    assert codes(src, tgt, src_lang, tgt_lang) == []


@pytest.mark.parametrize(
    ("src", "tgt", "src_lang", "tgt_lang", "expected"),
    [
        (
            "NATO leaders met.",
            "I leader della nato si sono incontrati.",
            "en",
            "it",
            "case-changed",
        ),
        ("Er kaufte ein iPhone.", "Il a acheté un téléphone.", "de", "fr", "case-missing"),
        ("Он работает в IBM.", "He works at a company.", "ru", "en", "case-missing"),
        ("Watch it on YouTube.", "Guardalo su youtube.", "en", "it", "case-changed"),
    ],
)
def test_a_word_lowered_or_dropped_is_a_warning(src, tgt, src_lang, tgt_lang, expected) -> None:
    assert codes(src, tgt, src_lang, tgt_lang) == [(expected, Severity.WARNING)]


def test_a_country_code_without_its_name_is_only_a_note() -> None:
    # "statunitense" says US as an adjective, which no list gives.
    assert codes("US film-maker", "regista statunitense", "en", "it") == [
        ("case-missing", Severity.INFO)
    ]
