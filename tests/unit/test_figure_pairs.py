"""The numbers check's pairing of figures, as the review's figures view shows it."""

from aligner.checks import Agreement, describe, figure_pairs
from aligner.model import TextPair


def test_each_figure_with_its_reading_and_what_it_was_paired_with() -> None:
    pair = TextPair(
        "Costa 450.000 rubli il 3 agosto, cioè 3 milioni.",
        "It costs $450,000 on August 3rd, that is 3 million, for 7 days.",
        "it",
        "en",
    )
    rows = [
        (
            figure.src and figure.src.text,
            figure.tgt and figure.tgt.text,
            figure.agreement,
            [f.code for f in figure.findings],
        )
        for figure in figure_pairs(pair)
    ]
    assert rows == [
        ("450.000 rubli", "$450,000", None, ["currency-mismatch"]),  # paired, gone wrong
        ("3 agosto", "August 3rd", Agreement.EXACT, []),
        ("3 milioni", "3 million", Agreement.EXACT, []),
        (None, "7 days", None, ["extra-in-target"]),  # only the target has it
    ]
    first = figure_pairs(pair)[0]
    assert (describe(first.src), describe(first.tgt)) == ("RUB 450,000", "USD 450,000")


def test_a_side_alone_has_no_figures_to_pair() -> None:
    assert figure_pairs(TextPair("Costa 3 euro.", None, "it", "en")) == ()
