"""The punctuation check: brackets and quotes left open, double spaces, spaces at the
ends, final punctuation, French spacing."""

import pytest

from aligner.checks import check_pair
from aligner.model import Severity, TextPair


def codes(src: str, tgt: str, src_lang: str = "en", tgt_lang: str = "it"):
    found = check_pair(TextPair(src, tgt, src_lang, tgt_lang), ["punctuation"])
    return [(f.code, f.severity) for f in found]


@pytest.mark.parametrize(
    ("src", "tgt", "src_lang", "tgt_lang"),
    [
        ('He said: "Come (now)."', "Ha detto: «Vieni (ora)».", "en", "it"),
        ("Er sagte: „Komm!“", "Il a dit : « Viens ! »", "de", "fr"),
        ("Он сказал: «Иди».", 'He said: "Go."', "ru", "en"),
        # The source's quote goes on in the next paragraph: so may the target's.
        ("“I grew up there.", '"Sono cresciuto lì.', "en", "it"),
        # Quoted in single marks, translated with double ones.
        ("He said: 'We will win.", 'Ha detto: "Vinceremo.', "en", "it"),
        ("Ist das wahr?", "Est-ce vrai ?", "de", "fr"),
        # A quote going on from the sentence before, closed here, quoted with single
        # marks in the target.
        ('Vinceremo noi".', "'We will win.'", "it", "en"),
        (
            "Note: 15:30, see http://example.com",
            "Remarque : 15:30, voir http://example.com",
            "en",
            "fr",
        ),
    ],
)
def test_correct_punctuation_is_quiet(src, tgt, src_lang, tgt_lang) -> None:
    assert codes(src, tgt, src_lang, tgt_lang) == []


@pytest.mark.parametrize(
    ("src", "tgt", "src_lang", "tgt_lang", "expected"),
    [
        ("He left (at last).", "È partito (finalmente.", "en", "it", "unpaired-bracket"),
        ('He said: "Go."', 'Ha detto: "Vai.', "en", "it", "unpaired-quote"),
        ("Er sagte: „Komm!“", "Il a dit : « Viens !", "de", "fr", "unpaired-quote"),
        ("Он ушёл.", "He  left.", "ru", "en", "double-space"),
        ("Is it true?", "È vero.", "en", "it", "final-punctuation"),
        ("Komm her!", "Viens ici ?", "de", "fr", "final-punctuation"),
        ("Ist das wahr?", "Est-ce vrai?", "de", "fr", "french-spacing"),
        ("Save ", "Salva", "en", "it", "trailing-space"),
        # The source's quote goes on past it; the target lost the mark.
        ("“I grew up there.", "Sono cresciuto lì.", "en", "it", "unpaired-quote"),
        (" of %s", "di %s", "en", "it", "leading-space"),
    ],
)
def test_a_punctuation_slip_is_a_warning(src, tgt, src_lang, tgt_lang, expected) -> None:
    assert codes(src, tgt, src_lang, tgt_lang) == [(expected, Severity.WARNING)]


def test_a_full_stop_missing_at_the_end_is_only_a_note() -> None:
    assert codes("The match ended.", "La partita è finita") == [
        ("final-punctuation", Severity.INFO)
    ]


def test_the_french_spacing_finding_points_at_the_mark() -> None:
    tgt = "Vraiment? Oui!"

    found = check_pair(TextPair("Really? Yes!", tgt, "en", "fr"), ["punctuation"])

    assert [tgt[slice(*f.tgt_span)] for f in found] == ["?", "!"]


def test_a_quote_begun_in_the_sentence_before_and_reopened_in_the_source_is_a_note() -> None:
    # The source reopens the quote at its start, as each paragraph of a long quote
    # does; the target's began a sentence earlier and closes here.
    assert codes(
        "“Sono rimasto lì, credo” ha detto.", 'I stayed there, I think," he said.', "it", "en"
    ) == [("unpaired-quote", Severity.INFO)]
    assert codes("'We will win.'", 'Vinceremo noi".') == [("unpaired-quote", Severity.INFO)]


def test_a_quote_closed_in_the_target_that_the_source_never_opened_is_a_warning() -> None:
    assert codes("He said it was over.", 'Ha detto che era finita".') == [
        ("unpaired-quote", Severity.WARNING)
    ]


def test_a_question_within_a_quotation_within_a_quotation_reported_as_a_statement_is_a_note() -> (
    None
):
    found = check_pair(
        TextPair(
            "\"Success will be measured by 'can we go back up?'",
            "“Il successo si misura dalla capacità di tornare su”.",
            "en",
            "it",
        ),
        ["punctuation"],
    )
    assert [(f.code, f.severity) for f in found] == [("final-punctuation", Severity.INFO)]
    assert "the source's ? ends a quotation within a quotation" in found[0].message


def test_a_quoted_question_made_a_statement_is_still_a_warning() -> None:
    assert codes('He asked: "Can we win?"', "Ha chiesto: «Possiamo vincere».") == [
        ("final-punctuation", Severity.WARNING)
    ]
