"""Quotation marks in running text: which marks quote in the languages we read, and
where one stands — opening or closing a quote, a quote begun in an earlier sentence,
reopened at a text's start, a quotation within another. The punctuation check reads
them through this module.

Hand-written: babel's CLDR data has no quotation marks (CLDR's "delimiters" are not in
it), and no library we know reads their roles in running text.
"""

from __future__ import annotations

import re

#: Double and angle quotation marks of the languages we read ("…", “…”, «…», „…“,
#: ‹…›). German closes with the mark English opens with, so quotes are not paired by
#: character: a text whose double (or single angle) marks are odd in number has one
#: left open. Single marks (‚…‘, '…') are also apostrophes: not counted in the target.
QUOTE_CLASSES = {"quotation mark": '"“”„«»', "angle quotation mark": "‹›"}
#: A single mark used as a quotation mark: at the start of a word, or after a word or
#: a punctuation mark and not before a letter (an apostrophe inside a word, "isn't",
#: "dell’IA", is neither). The ending of a possessive ("the Lakers' games") counts too:
#: when unsure the check stays quiet.
SINGLE_QUOTE = re.compile(r"(?<!\w)['‘’](?=\w)|(?<=[\w.,!?;:])['‘’](?!\w)")
SINGLE_MARKS = "'‘’"
DOUBLE_MARKS = "".join(QUOTE_CLASSES.values())
ALL_QUOTES = DOUBLE_MARKS + SINGLE_MARKS
#: What may follow a closing quotation mark: punctuation, another mark.
_AFTER_QUOTE = ".,;:!?)]}…" + ALL_QUOTES


def odd(text: str, marks: str) -> bool:
    """Whether the text has an odd number of `marks`: one of them left open."""
    return sum(text.count(mark) for mark in marks) % 2 == 1


def role(text: str, index: int) -> str | None:
    """Whether the quotation mark at `index` opens or closes a quote, by where it
    stands: after a word and before a space it closes ("ha detto”", German's „Komm!“
    too), after a space and before a word it opens; spaced on both sides (French
    « Viens ! ») the mark says which. Between two letters it is an apostrophe: None."""
    before_text = index > 0 and not text[index - 1].isspace()
    before_text = before_text and text[index - 1] not in "([{—–" + ALL_QUOTES
    after_text = index + 1 < len(text) and text[index + 1] not in _AFTER_QUOTE
    after_text = after_text and not text[index + 1].isspace()
    if before_text and after_text:
        return None
    if before_text != after_text:
        return "close" if before_text else "open"
    return "close" if text[index] in "»›”’" else "open"


def begun_before(text: str, marks: str) -> bool:
    """Whether the text's first mark of `marks` closes a quote: one begun in an earlier
    sentence."""
    first = min((i for i, char in enumerate(text) if char in marks), default=None)
    return first is not None and role(text, first) == "close"


def reopens(text: str) -> bool:
    """Whether the text starts with an opening quotation mark of any kind: a quote
    going on from the sentence before is reopened there (each paragraph of a long
    quote opens with one)."""
    start = len(text) - len(text.lstrip())
    return start < len(text) and text[start] in ALL_QUOTES and role(text, start) == "open"


def quote_count(text: str, family: str) -> int:
    """The quotation marks of `family` in the text; single marks only where they are
    not apostrophes (`SINGLE_QUOTE`)."""
    if family == SINGLE_MARKS:
        return len(SINGLE_QUOTE.findall(text))
    return sum(text.count(mark) for mark in family)


def closes_nested(text: str, closing: str) -> bool:
    """Whether `closing`, a mark put after the end of `text`, closes a quotation opened
    within another one: its opening mark (the last of its kind that opens) comes after
    an opening mark of the other kind (single within double, double within single)
    still open."""
    family, other = (
        (SINGLE_MARKS, DOUBLE_MARKS) if closing in SINGLE_MARKS else (DOUBLE_MARKS, SINGLE_MARKS)
    )
    opening = next(
        (i for i in range(len(text) - 1, -1, -1) if text[i] in family and role(text, i) == "open"),
        None,
    )
    return opening is not None and quote_count(text[:opening], other) % 2 == 1
