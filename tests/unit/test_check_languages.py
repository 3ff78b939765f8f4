"""The checks in every accepted language: figures written the way CLDR writes them are
read and compared, and no text, however odd, raises anything but an AlignerError."""

import datetime
import random

import pytest
from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit

from aligner import TextPair, check_pair
from aligner.checks import Kind, numeric_expressions, unchecked_features
from aligner.checks.lexicon import lexicon
from aligner.errors import LanguageError
from aligner.language import NUMBER_WORD_LANGUAGES, SUPPORTED_LANGUAGES
from aligner.model import CheckedPair, Severity
from aligner.report import format_check_text

LANGUAGES = sorted(SUPPORTED_LANGUAGES)
SERIOUS = (Severity.ERROR, Severity.WARNING)


def figures(
    lang: str,
    width: str = "long",
    day: int = 3,
    people: int = 450_000,
    currency: str = "EUR",
    share: float = 0.035,
    km: int = 5,
    hour: int = 15,
) -> str:
    """A date, a number, an amount, a percentage, a distance and a clock time, each as
    CLDR writes it in `lang`, one after another."""
    return "; ".join(
        [
            format_date(datetime.date(2023, 8, day), width, locale=lang),
            format_decimal(people, locale=lang),
            format_currency(1234.5, currency, locale=lang),
            format_percent(share, locale=lang, decimal_quantization=False),
            format_unit(km, "length-kilometer", locale=lang),
            format_time(datetime.time(hour, 30), "short", locale=lang),
        ]
    )


def numbers_findings(src: str, src_lang: str, tgt: str, tgt_lang: str):
    return check_pair(TextPair(src, tgt, src_lang, tgt_lang), ["numbers"])


@pytest.mark.parametrize("width", ["long", "medium", "short"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_figures_as_cldr_writes_them_agree_with_english_both_ways(lang, width):
    english, translated = figures("en", width), figures(lang, width)

    for findings in (
        numbers_findings(english, "en", translated, lang),
        numbers_findings(translated, lang, english, "en"),
    ):
        assert [(f.code, f.message) for f in findings if f.severity in SERIOUS] == []


#: A figure changed in the translation → the error it must give, and which of the
#: line's figures (0: the date … 5: the time) it must point at.
CHANGES = [
    ({"day": 4}, "date-mismatch", 0),
    ({"people": 460_000}, "value-mismatch", 1),
    ({"currency": "USD"}, "currency-mismatch", 2),
    ({"share": 0.045}, "value-mismatch", 3),
    ({"km": 6}, "value-mismatch", 4),
    ({"hour": 16}, "time-mismatch", 5),
]


@pytest.mark.parametrize(("change", "code", "figure"), CHANGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_changed_figure_is_an_error_at_that_figure_in_every_language(lang, change, code, figure):
    translated = figures(lang, **change)

    findings = numbers_findings(figures("en"), "en", translated, lang)

    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert [f.code for f in errors] == [code], findings
    start, end = errors[0].tgt_span
    pieces = translated.split("; ")
    piece_start = sum(len(piece) + 2 for piece in pieces[:figure])
    assert piece_start <= start < end <= piece_start + len(pieces[figure])


@pytest.mark.parametrize(
    ("text", "lang", "parts"),
    [
        ("3 de agosto de 2023", "pt", {"day": 3, "month": 8, "year": 2023}),
        ("3. srpna 2023", "cs", {"day": 3, "month": 8, "year": 2023}),
        ("3. elokuuta 2023", "fi", {"day": 3, "month": 8, "year": 2023}),
        ("torsdag den 3. august 2023", "da", {"day": 3, "month": 8, "weekday": 3}),
        ("2023 ഓഗസ്റ്റ് 3", "ml", {"day": 3, "month": 8, "year": 2023}),
        ("3. 8. 2023", "cs", {"day": 3, "month": 8, "year": 2023}),
        ("03-08-2023", "nl", {"day": 3, "month": 8, "year": 2023}),
        ("3/8", "sv", {"day": 3, "month": 8}),
        ("3 MAYIS 2023", "tr", {"day": 3, "month": 5, "year": 2023}),
        ("3 Αυγούστου 2023", "el", {"day": 3, "month": 8, "year": 2023}),
    ],
)
def test_dates_are_read_whole_as_cldr_writes_them(text, lang, parts):
    [date] = numeric_expressions(text, lang)
    assert date.kind is Kind.DATE and date.text == text
    assert {part: getattr(date, part) for part in parts} == parts


@pytest.mark.parametrize(
    ("text", "lang", "kind", "value"),
    [
        ("4,50,000", "ml", Kind.NUMBER, 450_000),  # grouped by two after the first three
        ("450,000", "ml", Kind.NUMBER, 450_000),
        ("%3,5", "tr", Kind.PERCENT, 3.5),  # the sign first
        ("450 000", "ru", Kind.NUMBER, 450_000),
        ("−5", "sv", Kind.NUMBER, -5),  # CLDR's minus sign
    ],
)
def test_numbers_are_read_by_the_language_s_cldr_notation(text, lang, kind, value):
    [figure] = numeric_expressions(text, lang)
    assert (figure.kind, figure.value, figure.well_formed) == (kind, value, True)


def test_a_finnish_clock_time_with_a_period_is_a_time_not_a_badly_written_number():
    findings = numbers_findings("at 3:30 p.m.", "en", "klo 15.30", "fi")
    assert findings == ()


def test_swedish_miles_are_converted_to_kilometres():
    [finding] = numbers_findings("Det är 5 mil dit.", "sv", "It is 50 km away.", "en")
    assert finding.code == "unit-converted"


@pytest.mark.parametrize("lang", sorted(SUPPORTED_LANGUAGES - NUMBER_WORD_LANGUAGES))
def test_number_words_are_left_unread_where_no_reader_knows_them(lang):
    # text2num reads none of these languages' number words; digits still count.
    assert [e.value for e in numeric_expressions("tre three 3", lang)] == [3]


def test_a_figure_too_long_for_decimal_rounding_is_reported():
    [finding] = numbers_findings("1" * 40 + " persone", "it", "people", "en")
    assert finding.code == "missing-in-target"
    assert "(1,111,111,111,111," in finding.message


def test_a_figure_too_long_for_a_float_agrees_only_with_itself():
    assert numbers_findings("1" * 400, "it", "1" * 400, "en") == ()
    codes = {f.code for f in numbers_findings("1" * 400, "it", "2", "en")}
    assert codes == {"missing-in-target", "extra-in-target"}


@pytest.mark.parametrize("code", ["xx", "", "zh", "sr-Latn"])
def test_a_language_the_checks_do_not_accept_is_a_language_error(code):
    with pytest.raises(LanguageError, match="unsupported language"):
        check_pair(TextPair("5 km", "3 km", "it", code))


@pytest.mark.parametrize("code", ["en-GB", "EN", "nb_NO", "pt_BR"])
def test_a_language_tag_reads_as_its_language(code):
    [finding] = check_pair(TextPair("5 km", "3 km", "it", code))
    assert finding.code == "value-mismatch"


def odd_texts(lang: str, rng: random.Random, count: int) -> list[str]:
    """Texts made of pieces that have broken readers: huge and malformed numbers,
    other scripts' digits, lone separators and signs, and the language's own words
    in every case (Turkish "MAYIS" has no lower-cased key), run together or apart."""
    lex = lexicon(lang)
    words = [
        *rng.sample(sorted(lex.months), 6), *rng.sample(sorted(lex.weekdays), 3),
        *rng.sample(sorted(lex.currency_words), 6), *rng.sample(sorted(lex.units), 6),
        *sorted(lex.scales), *sorted(lex.day_periods), *lex.percent_words,
    ]  # fmt: skip
    words += [word.upper() for word in words] + [word.title() for word in words]
    pieces = [
        "1e999", "1" * 400, "9" * 40, ",", ".", "1,", ",5", "1.2.3.4.5", "١٢٣", "１２３", "٣٫٥",
        "$", "€", "%", "%3", "−", "–5", "- -5", "'", "’80s", "XIX", "MMMM", "\u00a0", "\u202f",
        "31/02", "00/00/0000", "9999-99-99", "24:60", "25:00", "0.00", "12.60", "3. 8.", "3-8-",
        "½", "²", "№5", "COVID-19", "3D", "1980s", "tre", "trentunenne", "and a half", "e mezzo",
        "thousand thousand thousand", "a thousand billion billion billion billion", "0", "007",
        format_decimal(450_000, locale=lang),
        format_date(datetime.date(2023, 8, 3), "full", locale=lang),
    ]  # fmt: skip
    pieces += words
    return [
        (" " if rng.random() < 0.8 else "").join(
            rng.choice(pieces) for _ in range(rng.randint(1, 6))
        )
        for _ in range(count)
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_odd_texts_in_every_language_are_checked_without_an_exception(lang):
    rng = random.Random(lang)
    english = odd_texts("en", rng, 30)
    for src, tgt in zip(odd_texts(lang, rng, 30), english):
        for pair in (
            TextPair(src, tgt, lang, "en"),
            TextPair(tgt, src, "en", lang),
            TextPair(src, src, lang, lang),
        ):
            for finding in check_pair(pair):
                assert finding.message


@pytest.mark.parametrize(
    ("src_lang", "tgt_lang", "unchecked"),
    [
        ("it", "en", []),
        ("en", "ru", ["numbers written in words in Russian"]),
        ("pl-PL", "ru", ["numbers written in words in Polish and Russian"]),
        ("ru", "ru", ["numbers written in words in Russian"]),
    ],
)
def test_the_checks_say_what_they_cannot_read_in_two_languages(src_lang, tgt_lang, unchecked):
    assert unchecked_features(src_lang, tgt_lang) == unchecked


def test_a_text_report_says_once_what_was_not_checked():
    texts = [("5 km", "5 км"), ("3 people", "4 человека"), ("no figures", "нет цифр")]
    pairs = [
        CheckedPair(index, pair, check_pair(pair))
        for index, pair in enumerate(TextPair(src, tgt, "en", "ru") for src, tgt in texts)
    ]

    report = format_check_text(pairs, width=100)

    assert report.count("not checked") == 1
    assert report.rstrip().endswith(
        "3 pairs checked: 1 error, 0 warnings, 0 notes; not checked: numbers written in words in "
        "Russian"
    )
