"""What a view marks in a checked pair."""

from aligner.checks import check_pair
from aligner.highlights import pair_highlights, styled_runs
from aligner.model import CheckedPair, Highlight, TextPair


def checked(src: str, tgt: str) -> CheckedPair:
    pair = TextPair(src, tgt, "it", "en")
    return CheckedPair(index=0, pair=pair, findings=check_pair(pair))


def marked(text: str, highlights, side: str) -> dict[str, str]:
    return {piece: style for piece, style in styled_runs(text, highlights, side) if style}


def test_a_currency_error_marks_the_currency_words_on_both_sides_as_errors():
    src, tgt = "Pagano 120.000 rubli.", "They pay $120,000."
    highlights = pair_highlights(checked(src, tgt))
    assert "rubli" in "".join(p for p, s in marked(src, highlights, "src").items() if s == "error")
    assert "$" in "".join(p for p, s in marked(tgt, highlights, "tgt").items() if s == "error")


def test_agreeing_figures_are_marked_as_agreeing():
    src, tgt = "Pagano 120.000 dollari il 3 agosto.", "They pay $120,000 on August 3rd."
    highlights = pair_highlights(checked(src, tgt))
    assert set(marked(src, highlights, "src").values()) == {"agree"}
    assert "120.000 dollari" in marked(src, highlights, "src")
    assert "August 3rd" in marked(tgt, highlights, "tgt")


def test_runs_give_back_the_text_and_the_more_severe_mark_wins_an_overlap():
    text = "abc 450.000 rubli xyz"
    highlights = (Highlight("src", (4, 17), "agree"), Highlight("src", (12, 17), "error"))
    runs = styled_runs(text, highlights, "src")
    assert "".join(piece for piece, _ in runs) == text
    assert runs == [("abc ", None), ("450.000 ", "agree"), ("rubli", "error"), (" xyz", None)]
