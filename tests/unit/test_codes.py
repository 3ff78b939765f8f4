"""The codes check: alphanumeric codes (F125, SS19, MH17, COVID-19) come through,
written either way, never changed."""

import pytest

from aligner.checks import check_pair
from aligner.model import Severity, TextPair


def codes(src: str, tgt: str, src_lang: str = "en", tgt_lang: str = "it"):
    found = check_pair(TextPair(src, tgt, src_lang, tgt_lang), ["codes"])
    return [(f.code, f.severity) for f in found]


@pytest.mark.parametrize(
    ("src", "tgt", "src_lang", "tgt_lang"),
    [
        ("The new F125 model", "Il nuovo modello F-125", "en", "it"),
        ("Flug MH17 wurde abgeschossen", "Le vol MH 17 a été abattu", "de", "fr"),
        ("Рейс MH17 сбит", "Flight MH17 was shot down", "ru", "en"),
        ("Certified to ISO-9001", "Certificato ISO 9001", "en", "it"),
        ("COVID-19 cases", "casi di Covid-19", "en", "it"),
        ("He ran 5km at 3pm", "Ha corso 5 km alle 15", "en", "it"),  # figures, not codes
    ],
)
def test_codes_kept_in_any_writing_are_quiet(src, tgt, src_lang, tgt_lang) -> None:
    assert codes(src, tgt, src_lang, tgt_lang) == []


def test_a_changed_code_is_an_error_with_both_spans() -> None:
    src, tgt = "Die Boeing B-52 landete.", "Le Boeing B-53 a atterri."

    (finding,) = check_pair(TextPair(src, tgt, "de", "fr"), ["codes"])

    assert (finding.code, finding.severity) == ("code-changed", Severity.ERROR)
    assert (src[slice(*finding.src_span)], tgt[slice(*finding.tgt_span)]) == ("B-52", "B-53")


@pytest.mark.parametrize(
    ("src", "tgt", "expected"),
    [
        (
            "The SS19 collection",
            "La collezione primavera-estate 2019",
            [("code-reworded", Severity.INFO)],
        ),
        ("The A380 landed", "L'aereo è atterrato", [("code-missing", Severity.WARNING)]),
        ("The plane landed", "L'A380 è atterrato", [("code-extra", Severity.WARNING)]),
    ],
)
def test_a_code_written_out_missing_or_added(src, tgt, expected) -> None:
    assert codes(src, tgt) == expected
