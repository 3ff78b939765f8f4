"""The numbers check: reading figures in Italian and English, and comparing them."""

import pytest

from aligner.checks import Kind, compare_numbers, numeric_expressions
from aligner.model import Severity


def only(text: str, lang: str):
    expressions = numeric_expressions(text, lang)
    assert len(expressions) == 1, expressions
    return expressions[0]


@pytest.mark.parametrize(
    ("text", "lang", "kind", "value"),
    [
        ("450.000", "it", Kind.NUMBER, 450_000),
        ("3,5", "it", Kind.NUMBER, 3.5),
        ("450,000", "en", Kind.NUMBER, 450_000),
        ("3.5", "en", Kind.NUMBER, 3.5),
        ("1 000 000", "it", Kind.NUMBER, 1_000_000),
        ("1\u00a0000\u00a0000", "en", Kind.NUMBER, 1_000_000),
        ("1\u202f000", "it", Kind.NUMBER, 1_000),
        ("1'000'000", "it", Kind.NUMBER, 1_000_000),
        ("1’250,50", "it", Kind.NUMBER, 1_250.5),
        ("saldo: -5", "it", Kind.NUMBER, -5),
        ("3,5%", "it", Kind.PERCENT, 3.5),
        ("3.5 per cent", "en", Kind.PERCENT, 3.5),
        ("3.5 percent", "en", Kind.PERCENT, 3.5),
        ("il 20 percento", "it", Kind.PERCENT, 20),
        ("3 milioni", "it", Kind.NUMBER, 3_000_000),
        ("1,5 miliardi", "it", Kind.NUMBER, 1_500_000_000),
        ("cinquemila", "it", Kind.NUMBER, 5_000),
        ("3 million", "en", Kind.NUMBER, 3_000_000),
        ("1.5 billion", "en", Kind.NUMBER, 1_500_000_000),
        ("five thousand", "en", Kind.NUMBER, 5_000),
        ("una volta e mezzo", "it", Kind.NUMBER, 1.5),
        ("one and a half", "en", Kind.NUMBER, 1.5),
        ("il 36° incontro", "it", Kind.ORDINAL, 36),
        ("al 14º minuto", "it", Kind.ORDINAL, 14),
        ("her 36th meeting", "en", Kind.ORDINAL, 36),
        ("the 3rd", "en", Kind.ORDINAL, 3),
        ("il XIX secolo", "it", Kind.ORDINAL, 19),
        ("il 24enne", "it", Kind.NUMBER, 24),
        ("un quarantenne", "it", Kind.NUMBER, 40),
        ("in his 40s", "en", Kind.NUMBER, 40),
        ("the 1980s", "en", Kind.NUMBER, 1980),
    ],
)
def test_figures_are_read_by_locale(text, lang, kind, value):
    expression = only(text, lang)
    assert expression.kind is kind
    assert expression.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [("tre", "it", 3), ("venti", "it", 20), ("three", "en", 3), ("twenty", "en", 20)],
)
def test_number_words_are_read_but_not_trusted_alone(text, lang, words):
    expression = only(text, lang)
    assert expression.value == words
    assert expression.spelled and not expression.certain


@pytest.mark.parametrize(
    ("text", "lang", "codes", "value", "currency_text"),
    [
        ("450.000 rubli", "it", {"RUB"}, 450_000, "rubli"),
        ("450,000 rubles", "en", {"RUB"}, 450_000, "rubles"),
        ("450,000 roubles", "en", {"RUB"}, 450_000, "roubles"),
        ("₽450,000", "en", {"RUB"}, 450_000, "₽"),
        ("RUB 450,000", "en", {"RUB"}, 450_000, "RUB"),
        ("$120,000", "en", {"USD"}, 120_000, "$"),
        ("120.000 dollari", "it", {"USD"}, 120_000, "dollari"),
        ("un dollaro", "it", None, None, None),
        ("5 USD", "it", {"USD"}, 5, "USD"),
        ("100 euro", "it", {"EUR"}, 100, "euro"),
        ("€ 100", "it", {"EUR"}, 100, "€"),
        ("11 milioni di sterline", "it", {"GBP"}, 11_000_000, "sterline"),
        ("£11million", "en", {"GBP"}, 11_000_000, "£"),
        ("500 pounds", "en", {"GBP"}, 500, "pounds"),
        ("$2 billion", "en", {"USD"}, 2_000_000_000, "$"),
    ],
)
def test_amounts_carry_their_currency_and_its_span(text, lang, codes, value, currency_text):
    expressions = numeric_expressions(text, lang)
    if codes is None:
        assert all(e.kind is not Kind.AMOUNT for e in expressions)
        return
    [amount] = expressions
    assert amount.kind is Kind.AMOUNT
    assert codes <= amount.currencies
    assert amount.value == value
    assert text[slice(*amount.currency_span)] == currency_text


def test_a_symbol_and_a_currency_word_are_one_amount():
    [amount] = numeric_expressions("an immediate payment of $5300 dollars", "en")
    assert amount.text == "$5300 dollars"
    assert amount.value == 5300 and "USD" in amount.currencies


@pytest.mark.parametrize(
    ("text", "lang", "parts"),
    [
        ("Il 3 agosto", "it", {"day": 3, "month": 8, "year": None}),
        ("On August 3rd", "en", {"day": 3, "month": 8, "year": None}),
        ("aprile 2023", "it", {"day": None, "month": 4, "year": 2023}),
        ("dall'aprile 2023", "it", {"day": None, "month": 4, "year": 2023}),
        ("April 2023", "en", {"day": None, "month": 4, "year": 2023}),
        ("giovedì 9 novembre", "it", {"day": 9, "month": 11, "weekday": 3}),
        ("Thursday, November 9", "en", {"day": 9, "month": 11, "weekday": 3}),
        ("il 29 settembre del 1918", "it", {"day": 29, "month": 9, "year": 1918}),
        ("June 19, 1953", "en", {"day": 19, "month": 6, "year": 1953}),
        ("on 4 October 1918", "en", {"day": 4, "month": 10, "year": 1918}),
        ("Nov. 6", "en", {"day": 6, "month": 11}),
        ("il 3/8", "it", {"day": 3, "month": 8}),
        ("on 3/8", "en", {"day": 8, "month": 3}),
        ("2023-08-03", "en", {"day": 3, "month": 8, "year": 2023}),
    ],
)
def test_dates_are_read_with_the_language_s_month_names_and_order(text, lang, parts):
    date = only(text, lang)
    assert date.kind is Kind.DATE
    for part, value in parts.items():
        assert getattr(date, part) == value


def test_may_is_a_month_only_when_it_is_a_date():
    expressions = numeric_expressions("Theresa May may come on May 5", "en")
    assert [(e.text, e.certain) for e in expressions] == [("May", False), ("May 5", True)]


@pytest.mark.parametrize(
    ("text", "lang", "hour", "minute"),
    [
        ("alle 15.00", "it", 15, 0),
        ("alle 9.30", "it", 9, 30),
        ("at 3 p.m.", "en", 15, 0),
        ("at 3pm", "en", 15, 0),
        ("at 6am", "en", 6, 0),
        ("at 11:15 BST", "en", 11, 15),
        ("12:55 p.m.", "en", 12, 55),
        ("alle 6 del mattino", "it", 6, 0),
    ],
)
def test_clock_times(text, lang, hour, minute):
    time = only(text, lang)
    assert (time.kind, time.hour, time.minute) == (Kind.TIME, hour, minute)


@pytest.mark.parametrize(
    ("text", "lang", "value", "unit"),
    [
        ("30 yards", "en", 30, "length-yard"),
        ("25 metri", "it", 25, "length-meter"),
        ("10 miles", "en", 10, "length-mile"),
        ("16 km", "it", 16, "length-kilometer"),
        ("5 feet", "en", 5, "length-foot"),
        ("90 chilogrammi", "it", 90, "mass-kilogram"),
        ("80 °F", "en", 80, "temperature-fahrenheit"),
        ("27 °C", "it", 27, "temperature-celsius"),
        ("30 gradi Celsius", "it", 30, "temperature-celsius"),
        ("60 mph", "en", 60, "speed-mile-per-hour"),
    ],
)
def test_quantities_with_units(text, lang, value, unit):
    quantity = only(text, lang)
    assert (quantity.kind, quantity.value, quantity.unit) == (Kind.QUANTITY, value, unit)


@pytest.mark.parametrize("text", ["Radio 4 e il G7", "WW1", "un film in 3D", "MP3", "B2B"])
def test_digits_inside_names_are_not_glued_into_figures(text):
    """ "G7" and "MP3" are codes: their numbers are never figures the other text
    must have."""
    assert all(e.text == "4" or not e.certain for e in numeric_expressions(text, "it"))
    findings = compare_numbers(text, "it", "Radio 4", "en").findings
    assert not [f for f in findings if f.code == "missing-in-target"]


def test_figures_written_against_the_language_are_read_as_meant_and_marked():
    [decimal] = numeric_expressions("magnitudo 7.5", "it")
    assert decimal.value == 7.5 and not decimal.well_formed
    [grouped] = numeric_expressions("1,234,567 abitanti", "it")
    assert grouped.value == 1_234_567 and not grouped.well_formed


def test_an_english_thousands_comma_in_italian_reads_as_a_decimal():
    [three] = numeric_expressions("3,000 abitanti", "it")
    assert three.value == 3 and three.well_formed


def findings(src, src_lang, tgt, tgt_lang, *severities):
    comparison = compare_numbers(src, src_lang, tgt, tgt_lang)
    wanted = severities or (Severity.ERROR, Severity.WARNING)
    return [f for f in comparison.findings if f.severity in wanted]


@pytest.mark.parametrize(
    ("src", "src_lang", "tgt", "tgt_lang"),
    [
        ("450.000 rubli", "it", "450,000 rubles", "en"),
        ("450.000 rubli", "it", "450,000 roubles", "en"),
        ("3,5", "it", "3.5", "en"),
        ("tra i 40.000 e i 60.000 russi", "it", "between 40,000 to 60,000 Russians", "en"),
        ("il 3,5%", "it", "3.5 per cent", "en"),
        ("3 milioni di persone", "it", "3 million people", "en"),
        ("1,5 miliardi", "it", "1.5 billion", "en"),
        ("2 miliardi di dollari", "it", "$2 billion", "en"),
        ("3 milioni", "it", "3,000,000", "en"),
        ("tre anni", "it", "three years", "en"),
        ("cinquemila persone", "it", "5,000 people", "en"),
        ("una volta e mezzo", "it", "one and a half times", "en"),
        ("5300 dollari", "it", "$5300 dollars", "en"),
        ("120.000 dollari", "it", "$120,000", "en"),
        ("11 milioni di sterline", "it", "£11million", "en"),
        ("Il 3 agosto", "it", "On August 3rd", "en"),
        ("aprile 2023", "it", "April 2023", "en"),
        ("giovedì 9 novembre", "it", "Thursday, November 9", "en"),
        ("il 19 giugno 1953", "it", "on June 19, 1953", "en"),
        ("il 3/8", "it", "on 8/3", "en"),
        ("alle 15.00", "it", "at 3 p.m.", "en"),
        ("alle 6 del mattino", "it", "at 6am", "en"),
        ("il 36° incontro", "it", "her 36th meeting", "en"),
        ("il XIX secolo", "it", "the 19th century", "en"),
        ("negli anni ‘30", "it", "in the 1930s", "en"),
        ("un quarantenne", "it", "in his 40s", "en"),
        ("30 yards", "en", "25 metri", "it"),
        ("10 miles", "en", "16 km", "it"),
        ("200 pounds", "en", "90 chilogrammi", "it"),
        ("80 °F", "en", "27 °C", "it"),
        ("Saipov, 30, was", "en", "Saipov, 30 anni, era", "it"),
        ("il paese n. 1", "it", "No.1", "en"),
    ],
)
def test_figures_that_agree_are_not_reported(src, src_lang, tgt, tgt_lang):
    assert findings(src, src_lang, tgt, tgt_lang) == []


@pytest.mark.parametrize(
    ("src", "tgt", "code", "src_marked", "tgt_marked"),
    [
        ("450.000 rubli", "$450,000", "currency-mismatch", "rubli", "$"),
        ("450.000 dollari", "450,000 rubles", "currency-mismatch", "dollari", "rubles"),
        ("450.000 rubli", "450,000 euros", "currency-mismatch", "rubli", "euros"),
        ("450.000 rubli", "460,000 rubles", "value-mismatch", "450.000", "460,000"),
        ("3 milioni di persone", "3 billion people", "scale-mismatch", "milioni", "billion"),
        ("1,5 miliardi", "1.5 million", "scale-mismatch", "miliardi", "million"),
        ("il 3,5%", "4.5 per cent", "value-mismatch", "3,5", "4.5"),
        ("Il 3 agosto", "On August 4th", "date-mismatch", "3 agosto", "August 4th"),
        ("aprile 2023", "April 2022", "date-mismatch", "aprile 2023", "April 2022"),
        ("sabato 30 settembre", "Sunday, 30 September", "date-mismatch",
         "sabato 30 settembre", "Sunday, 30 September"),
        ("alle 15.00", "at 4 p.m.", "time-mismatch", "15.00", "4 p.m."),
        ("30 km", "30 miles", "unit-mismatch", "km", "miles"),
    ],
)  # fmt: skip
def test_mismatches_are_errors_with_spans_on_the_differing_words(
    src, tgt, code, src_marked, tgt_marked
):
    [finding] = findings(src, "it", tgt, "en")
    assert (finding.code, finding.severity) == (code, Severity.ERROR)
    assert src[slice(*finding.src_span)] == src_marked
    assert tgt[slice(*finding.tgt_span)] == tgt_marked


def test_the_currency_message_names_both_amounts():
    [finding] = findings("450.000 rubli", "it", "$450,000", "en")
    assert finding.message == (
        "“450.000 rubli” (RUB 450,000) vs “$450,000” (USD 450,000): the currency differs"
    )


def test_english_separators_left_in_italian_are_a_value_error_that_says_why():
    [finding] = findings("3,000 people", "en", "3,000 persone", "it")
    assert finding.code == "value-mismatch" and finding.severity is Severity.ERROR
    assert "reads as 3" in finding.message and "decimal separator" in finding.message


def test_a_dropped_figure_is_missing_and_an_added_one_extra():
    [missing] = findings(
        "Ha 150.000 auto e 500 moto.", "it", "It has 150,000 cars and motorbikes.", "en"
    )
    assert missing.code == "missing-in-target" and missing.severity is Severity.WARNING
    assert missing.tgt_span is None
    [extra] = findings("Ha delle auto.", "it", "It has 150,000 cars.", "en")
    assert extra.code == "extra-in-target" and extra.src_span is None


def test_a_figure_stated_twice_on_one_side_is_not_missing():
    assert findings("il 72% in cinese e il 72% in tedesco", "it", "72 per cent each", "en") == []


def test_number_words_alone_are_never_reported_missing():
    # "sei" is also "you are", "secondo" also "according to".
    assert findings("Secondo lui sei bravo", "it", "He thinks you are good", "en") == []


def test_converted_units_and_written_out_numbers_are_noted():
    notes = findings("30 yards and three goals", "en", "25 metri e 3 gol", "it", Severity.INFO)
    assert {note.code for note in notes} == {"unit-converted", "written-out"}


def test_a_decimal_in_the_wrong_convention_is_a_format_warning():
    [finding] = findings("magnitude 7.5", "en", "magnitudo 7.5", "it")
    assert finding.code == "number-format"
    assert "7,5" in finding.message


def test_matched_figures_are_returned_for_highlighting():
    comparison = compare_numbers(
        "450.000 rubli e 3 milioni", "it", "450,000 rubles and 3 million", "en"
    )
    assert {(m.src.text, m.tgt.text) for m in comparison.matches} == {
        ("450.000 rubli", "450,000 rubles"),
        ("3 milioni", "3 million"),
    }


@pytest.mark.parametrize(
    ("src", "src_lang", "tgt"),
    [
        ("Il a payé 450 000 roubles le 3 août 2023, soit 3,5 millions d'euros", "fr",
         "He paid 450,000 rubles on August 3rd, 2023, i.e. 3.5 million euros"),
        ("Er zahlte am 3. August 450.000 Rubel, also 3,5 Millionen Euro", "de",
         "He paid 450,000 rubles on August 3rd, i.e. 3.5 million euros"),
        ("Pagó 450.000 rublos el 3 de agosto de 2023, o sea 3,5 millones de euros", "es",
         "He paid 450,000 rubles on August 3rd, 2023, i.e. 3.5 million euros"),
    ],
)  # fmt: skip
def test_other_languages_follow_from_their_locale_data(src, src_lang, tgt):
    comparison = compare_numbers(src, src_lang, tgt, "en")
    assert len(comparison.matches) == 3
    assert all(m.src.kind is m.tgt.kind for m in comparison.matches)
    assert comparison.findings == ()


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Tre milioni di abitanti.", "Three billion inhabitants."),
        ("Cinquemila persone.", "Six thousand people."),
    ],
)
def test_large_or_several_word_number_words_are_trusted_and_compared(src, tgt):
    findings = compare_numbers(src, "it", tgt, "en").findings
    assert [f.severity for f in findings] == [Severity.ERROR]
