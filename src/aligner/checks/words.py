"""Words of a text with their offsets and lemmas: what the key-term and name checks
match on, so that "contratti" finds the glossary's "contratto" and "Vertrages" finds
"Vertrag". Lemmas come from simplemma's offline dictionaries (54 languages); in a
language it does not have, a word is its own lemma."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import simplemma
from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

from aligner.model import Span

#: A word: letters, with inner apostrophes and hyphens ("l'accordo" is two words, as
#: the lemmatizer reads them; "F-125" one).
_WORD = re.compile(r"[^\W_](?:\w|-(?=\w))*")


@dataclass(frozen=True)
class Word:
    text: str
    span: Span
    #: The lower-cased word and its lemma: two words match when these meet, so that a
    #: lemma the dictionary reads two ways ("contratto": the noun, or "contrarre")
    #: still matches its inflections.
    forms: frozenset[str]


def words(text: str, lang: str) -> tuple[Word, ...]:
    """The words of `text` in order, with their spans and lemmas."""
    return tuple(
        Word(
            match.group(),
            match.span(),
            frozenset({match.group().lower(), lemma(match.group(), lang)}),
        )
        for match in _WORD.finditer(text)
    )


@cache
def lemma(word: str, lang: str) -> str:
    """The lower-cased lemma of `word` in `lang` ("contratti", "it" → "contratto")."""
    lowered = word.lower()
    if lang not in SUPPORTED_LANGUAGES:
        return lowered
    return str(simplemma.lemmatize(lowered, lang=lang)).lower()


def is_known_word(word: str, lang: str) -> bool:
    """Whether `word` (in any case) is a word of the language's dictionary: a capitalised
    word that is one ("Stati", "Governo") is not taken for a name."""
    return lang in SUPPORTED_LANGUAGES and bool(simplemma.is_known(word.lower(), lang=lang))


def find_phrase(text_words: tuple[Word, ...], phrase: tuple[Word, ...]) -> list[Span]:
    """Where the words of `phrase` occur in a row among `text_words`, in any of their
    forms: the spans from the first word's start to the last word's end."""
    size = len(phrase)
    if not size:
        return []
    return [
        (text_words[i].span[0], text_words[i + size - 1].span[1])
        for i in range(len(text_words) - size + 1)
        if all(text_words[i + k].forms & phrase[k].forms for k in range(size))
    ]
