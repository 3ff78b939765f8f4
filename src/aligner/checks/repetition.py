"""Repeated words: "the the", "di di" — a slip of the keyboard or of an edit.

Where a language's grammar puts a word twice in a row on its own ("Die Frau, die die
Zeitung liest", "vous vous trompez", "that that", "had had"), those words are left
out: the lists below are hand-written, since no library we use knows them.
"""

from __future__ import annotations

import re

from aligner.language import normalize_language
from aligner.model import Finding, Severity, TextPair

#: A word repeated after a space (not a line break, not punctuation: "no, no").
_REPEATED = re.compile(r"(?<![\w-])(?P<word>[^\W\d_]+)[ \u00a0]+(?P=word)\b", re.IGNORECASE)
#: Words a language's grammar may repeat.
GRAMMATICAL_REPEATS = {
    "en": frozenset({"that", "had", "is", "do"}),
    "de": frozenset({"die", "der", "das", "dem", "den", "des", "sie", "es"}),
    "fr": frozenset({"nous", "vous"}),
    "it": frozenset({"ci"}),
    "nl": frozenset({"die", "dat"}),
}


def check_repetition(pair: TextPair) -> tuple[Finding, ...]:
    """Each word the target says twice in a row, unless its language's grammar does or
    the source repeats it too (a name such as "Bora Bora", kept as it is)."""
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt:
        return ()
    allowed = GRAMMATICAL_REPEATS.get(normalize_language(pair.tgt_lang), frozenset())
    source_repeats = {m.group("word").lower() for m in _REPEATED.finditer(src)}
    return tuple(
        Finding(
            "repetition", "repeated-word", Severity.WARNING,
            f'"{match.group("word")}" twice in a row', tgt_span=match.span(),
        )
        for match in _REPEATED.finditer(tgt)
        if match.group("word").lower() not in allowed | source_repeats
    )  # fmt: skip
