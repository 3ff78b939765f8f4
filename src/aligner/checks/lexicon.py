"""Locale data for reading numbers, amounts, dates and units in running text.

Almost everything comes from CLDR through babel: how numbers and dates are written
(`notation`: separators, percent sign, date order), scale words (from the compact
number formats: "0 milioni", "0 million"), currency names in every plural form,
currency symbols, month and weekday names, unit names (from the unit formats: "{0}
metri", "{0} yards") and the AM/PM markers. A language's regional variants are read
too, so English knows "roubles" and "metres" (en_GB) as well as "rubles" and "meters".
Every accepted language has all of it.

What CLDR does not have is written by hand in `_EXTRA` below, one small table per
language, and says why; a language without a table is read from CLDR alone.
"""

from __future__ import annotations

import pickle
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from babel import Locale, localedata
from babel.numbers import get_currency_name
from babel.units import format_unit

from aligner.checks.notation import Notation, notation

#: The CLDR units whose quantities are compared, by category. A quantity in one unit
#: agrees with the same quantity in another unit of the category (30 yards, 27 metri).
UNIT_CATEGORIES = ("length", "mass", "temperature", "volume", "area", "speed", "duration")
#: Degrees without a scale: Celsius or Fahrenheit, whichever the country uses.
GENERIC_DEGREES = "temperature-generic"
#: Units not worth reading: they clash with ordinary words or with other units
#: ("pt" the point, "qt", "dr") or are never written next to a number in prose.
_SKIPPED_UNITS = frozenset(
    {
        "duration-century",
        "duration-decade",
        "duration-quarter",
        "duration-night",
        "length-fathom",
        "length-furlong",
        "length-point",
        "length-earth-radius",
        "length-solar-radius",
        "length-light-year",
        "length-parsec",
        "length-astronomical-unit",
        "mass-carat",
        "mass-dalton",
        "mass-earth-mass",
        "mass-solar-mass",
        "mass-grain",
        "mass-stone",
        "volume-pint",
        "volume-pint-metric",
        "volume-quart",
        "volume-cup",
        "volume-cup-metric",
        "volume-tablespoon",
        "volume-teaspoon",
        "volume-dram",
        "volume-drop",
        "volume-jigger",
        "volume-pinch",
        "volume-quart-imperial",
        "volume-bushel",
        "volume-barrel",
        "volume-dessert-spoon",
        "volume-dessert-spoon-imperial",
        "speed-knot",
        "speed-light-speed",
        "speed-beaufort",
        "temperature-generic",
        "temperature-kelvin",
    }
)
#: Counts that names and unit formats are asked for: one per plural category of it, en,
#: de, fr, es, and the Slavic "few" and "many": "1 metro", "2 metri", "5 метров".
_PLURAL_SAMPLES = (1, 2, 5)


@dataclass(frozen=True)
class ExtraWords:
    """Words a language needs that CLDR does not have. Written by hand."""

    #: Scale abbreviations of the press that CLDR's compact formats lack ("£5bn").
    scales: dict[str, int] = field(default_factory=dict)
    #: Words between an amount and its currency: "11 milioni di sterline".
    currency_prepositions: tuple[str, ...] = ()
    #: Words between a month and its year: "settembre del 2009", "3 de agosto de 2023".
    date_connectors: tuple[str, ...] = ()
    #: Suffixes that make an ordinal of digits: "3rd", "3°", "25esimo".
    ordinal_suffixes: tuple[str, ...] = ()
    #: Suffixes of age nouns built on numbers: "24enne" (a 24-year-old).
    age_suffixes: tuple[str, ...] = ()
    #: Percent words CLDR's "concentr-percent" unit misses ("per cento" beside "percento").
    percent_words: tuple[str, ...] = ()
    #: "3 p.m."-style markers beside CLDR's "PM", with the hours they add.
    day_periods: dict[str, int] = field(default_factory=dict)
    #: Words that make a number a percentage-point difference, compared like percents.
    percentage_points: tuple[str, ...] = ()
    #: Words that follow a Roman numeral to make it a century ordinal ("XIX secolo").
    century_words: tuple[str, ...] = ()
    #: "e mezzo" after a number adds a half: "una volta e mezzo", "one and a half".
    and_a_half: tuple[str, ...] = ()
    #: A half before a unit, scale or currency: "half an inch", "mezzo milione".
    half_a: tuple[str, ...] = ()
    #: Words joining the two ends of a range whose unit is written once: "3 to 5
    #: inches", "tra 16 e 32 km" (dashes join ranges in every language).
    range_connectors: tuple[str, ...] = ()
    #: Unit names of ordinary speech that CLDR lacks: "chili" for kilograms, "lbs".
    unit_words: dict[str, str] = field(default_factory=dict)
    #: Bare degrees, Celsius or Fahrenheit as the country writes them ("95 degrees"
    #: in US copy): CLDR's generic temperature is only "°", and in English "degrees
    #: temperature".
    degree_words: tuple[str, ...] = ()
    #: The word before a decade written as its tens: "gli anni Ottanta", "anni 80".
    decade_words: tuple[str, ...] = ()
    #: The word for a minus sign before a temperature: "minus 5 degrees".
    minus_words: tuple[str, ...] = ()
    #: Unit letters the press glues to figures, without CLDR's degree sign: "30C".
    glued_units: dict[str, str] = field(default_factory=dict)
    #: Round numbers given roughly ("una ventina", "a dozen"): in the singular only, the
    #: plural ("decine") is vague.
    approximate_numbers: dict[str, int] = field(default_factory=dict)
    #: Clock times named by a word: "noon", "mezzanotte".
    named_times: dict[str, int] = field(default_factory=dict)


_DOTTED_AM_PM = {"a.m.": 0, "am": 0, "p.m.": 12, "pm": 12}

_EXTRA: dict[str, ExtraWords] = {
    "it": ExtraWords(
        scales={"mln": 10**6, "mld": 10**9, "mrd": 10**9},
        currency_prepositions=("di", "d'"),
        date_connectors=("del",),
        # "3°", "3º" and "3ª" are how Italian writes ordinals; "25esimo", "25mo" too.
        ordinal_suffixes=("°", "º", "ª", "esimo", "esima", "mo", "ma"),
        age_suffixes=("enne",),
        percent_words=("per cento", "percento"),
        day_periods={
            "del mattino": 0,
            "di mattina": 0,
            "del pomeriggio": 12,
            "di pomeriggio": 12,
            "di sera": 12,
            "della sera": 12,
        },
        percentage_points=("punti percentuali", "punti percentuale"),
        century_words=("secolo", "sec."),
        and_a_half=("e mezzo", "e mezza", "volta e mezzo", "volte e mezzo"),
        half_a=("mezzo", "mezza", "mezz'", "mezz’"),
        range_connectors=("a", "e", "o", "fino a"),
        degree_words=("gradi", "grado"),
        unit_words={"chilo": "mass-kilogram", "chili": "mass-kilogram"},
        decade_words=("anni",),
        approximate_numbers={
            "decina": 10,
            "dozzina": 12,
            "quindicina": 15,
            "ventina": 20,
            "trentina": 30,
            "quarantina": 40,
            "cinquantina": 50,
            "sessantina": 60,
            "settantina": 70,
            "ottantina": 80,
            "novantina": 90,
            "centinaio": 100,
            "migliaio": 1000,
        },  # fmt: skip
        named_times={"mezzogiorno": 12, "mezzanotte": 0},
        minus_words=("meno",),
    ),
    "en": ExtraWords(
        scales={"bn": 10**9, "mn": 10**6, "tn": 10**12},
        currency_prepositions=("of", "worth of"),
        date_connectors=("of",),
        ordinal_suffixes=("st", "nd", "rd", "th"),
        percent_words=("percent", "per cent", "pc"),
        day_periods={
            **_DOTTED_AM_PM,
            "in the morning": 0,
            "in the afternoon": 12,
            "in the evening": 12,
            "at night": 12,
        },
        percentage_points=("percentage points", "percentage point", "points"),
        century_words=("century",),
        and_a_half=("and a half",),
        half_a=("half a", "half an", "half-"),
        range_connectors=("to", "and", "or"),
        degree_words=("degrees", "degree"),
        unit_words={"lbs": "mass-pound"},
        minus_words=("minus",),
        glued_units={
            "C": "temperature-celsius",
            "F": "temperature-fahrenheit",
            "in": "length-inch",
        },
        approximate_numbers={"dozen": 12},
        named_times={"noon": 12, "midday": 12, "midnight": 0},
    ),
    "de": ExtraWords(
        scales={"mio": 10**6, "mio.": 10**6, "mrd": 10**9, "mrd.": 10**9},
        ordinal_suffixes=(".",),
        percentage_points=("prozentpunkte",),
        century_words=("jahrhundert", "jh."),
        and_a_half=("einhalb",),
        half_a=("ein halber", "eine halbe", "ein halbes", "einen halben", "halbe", "halben"),
        range_connectors=("bis", "und", "oder"),
        approximate_numbers={"dutzend": 12},
        named_times={"mitternacht": 0},
        degree_words=("grad",),
        minus_words=("minus",),
    ),
    "fr": ExtraWords(
        scales={"md": 10**9, "mds": 10**9},
        currency_prepositions=("de", "d'"),
        ordinal_suffixes=("e", "er", "re", "ère", "ème", "eme"),
        percentage_points=("points de pourcentage", "points"),
        century_words=("siècle",),
        and_a_half=("et demi", "et demie"),
        half_a=("un demi-", "une demi-", "demi-"),
        range_connectors=("à", "et", "ou"),
        # Not "quarantaine": it is also the quarantine.
        approximate_numbers={
            "dizaine": 10,
            "douzaine": 12,
            "quinzaine": 15,
            "vingtaine": 20,
            "trentaine": 30,
            "cinquantaine": 50,
            "centaine": 100,
            "millier": 1000,
        },  # fmt: skip
        named_times={"midi": 12, "minuit": 0},
        degree_words=("degrés", "degré"),
        decade_words=("années",),
        minus_words=("moins",),
    ),
    "nl": ExtraWords(half_a=("een halve", "een half", "halve")),
    "es": ExtraWords(
        currency_prepositions=("de",),
        date_connectors=("de", "del"),
        ordinal_suffixes=("º", "ª", ".º", ".ª", "°"),
        percentage_points=("puntos porcentuales",),
        century_words=("siglo",),
        and_a_half=("y medio", "y media"),
        half_a=("medio", "media"),
        range_connectors=("a", "y", "o"),
        approximate_numbers={"decena": 10, "docena": 12, "veintena": 20, "centenar": 100},
        named_times={"mediodía": 12, "medianoche": 0},
        degree_words=("grados", "grado"),
        decade_words=("años",),
        minus_words=("menos",),
    ),
}


@dataclass(frozen=True)
class Lexicon:
    """What one language's text needs for its figures to be read. Keys are lower-case
    unless said otherwise."""

    lang: str
    #: Separators, percent sign, date and time order (CLDR's patterns).
    notation: Notation
    #: Scale words and abbreviations after a number: "milioni" → 10**6, "k" → 10**3.
    scales: dict[str, int]
    #: Currency names, singular and plural, and their head nouns ("dollari"), to the
    #: ISO codes they may mean: "dollari" → USD, CAD, AUD …
    currency_words: dict[str, frozenset[str]]
    #: Currency symbols as written (case matters: "kr", "$", "US$"), to ISO codes.
    currency_symbols: dict[str, frozenset[str]]
    #: Every ISO 4217 code CLDR knows ("USD").
    currency_codes: frozenset[str]
    #: Month names and abbreviations (without a final period) → 1-12.
    months: dict[str, int]
    #: Full month names only, the ones that make a date on their own ("a febbraio").
    full_months: frozenset[str]
    #: True where month names are capitalised (English, German): there "may" and
    #: "march" are words, not months.
    capitalised_months: bool
    #: Weekday names → 0 (Monday) … 6.
    weekdays: dict[str, int]
    #: Unit names and symbols → CLDR unit id ("metri" → "length-meter").
    units: dict[str, str]
    #: One-letter unit symbols read only right after a figure ("1,63 m", "100m"), not
    #: as words; glued, "m" may be a scale too ("3.5m people": the comparison takes
    #: either).
    spaced_units: dict[str, str]
    percent_words: tuple[str, ...]
    #: Hour markers → hours added to a 1-12 clock hour ("pm" → 12).
    day_periods: dict[str, int]
    extra: ExtraWords


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of an ISO 639-1 language, built once per process."""
    base = Locale.parse(lang)
    variants = [base, *_regional_variants(lang)]
    extra = _EXTRA.get(lang, ExtraWords())
    months, full_months = _months(variants)
    return Lexicon(
        lang=lang,
        notation=notation(base),
        scales={**_scale_words(base), **extra.scales},
        currency_words=_currency_words(variants),
        currency_symbols=_currency_symbols(variants),
        currency_codes=frozenset(base.currencies),
        months=months,
        full_months=full_months,
        capitalised_months=any(m[:1].isupper() for m in base.months["format"]["wide"].values()),
        weekdays=_names(variants, lambda locale: locale.days),
        units={
            **_unit_names(base, variants),
            **extra.unit_words,
            **dict.fromkeys(extra.degree_words, GENERIC_DEGREES),
        },
        spaced_units=_spaced_unit_symbols(base),
        percent_words=_percent_words(variants, extra),
        day_periods={**_am_pm(variants), **extra.day_periods},
        extra=extra,
    )


def _percent_words(variants: list[Locale], extra: ExtraWords) -> tuple[str, ...]:
    """ "percento", "per cent": the long name of CLDR's percent unit, and hand-added ones."""
    words = [*_unit_words(variants, "concentr-percent", ("long",)), *extra.percent_words]
    return tuple(dict.fromkeys(word.lower() for word in words))


def _regional_variants(lang: str) -> list[Locale]:
    """The locales of `lang` for one territory each (en_GB, en_IN …) whose names differ
    from the base locale's and from each other's. Most of the hundred English locales
    inherit the same names, and reading every one would take seconds."""
    seen = {_naming_signature(Locale.parse(lang))}
    variants = []
    for identifier in sorted(localedata.locale_identifiers()):
        parts = identifier.split("_")
        if parts[0] != lang or len(parts) != 2 or not parts[1].isupper():
            continue
        locale = Locale.parse(identifier)
        signature = _naming_signature(locale)
        if signature not in seen:
            seen.add(signature)
            variants.append(locale)
    return variants


def _naming_signature(locale: Locale) -> tuple[str, ...]:
    """A few names that tell a variant's spelling apart ("roubles", "metres", "Sept")."""
    return (
        get_currency_name("RUB", count=2, locale=locale),
        get_currency_name("USD", count=2, locale=locale),
        format_unit(2, "length-meter", length="long", locale=locale),
        *locale.months["format"]["abbreviated"].values(),
    )


def _scale_words(locale: Locale) -> dict[str, int]:
    """Scale words from the compact number formats: long "0 milioni" and short "0 Mln"
    give "milioni" → 10**6 and "mln" → 10**6. Only single words: "0 mila miliardi" is a
    phrase, and "mille" (one thousand) has no number before it."""
    scales: dict[str, int] = {}
    for length in ("long", "short"):
        for forms in locale.compact_decimal_formats.get(length, {}).values():
            for magnitude, pattern in forms.items():
                text = str(pattern.pattern) if hasattr(pattern, "pattern") else str(pattern)
                match = re.fullmatch(r"0+[\s\u00a0]*([^\d\s\u00a0']+)'?\.?'?", text)
                if match is None:
                    continue
                zeros = text.count("0")
                scales[match.group(1).lower().rstrip(".")] = int(magnitude) // 10 ** (zeros - 1)
    return scales


def _currency_words(variants: list[Locale]) -> dict[str, frozenset[str]]:
    """Currency names in every plural form, and the head noun of each name.

    The head noun is the word that names the kind of money ("dollari" in "dollari
    statunitensi", "pounds" in "British pounds"), which writers use alone. It is the
    word at the language's head position (first in Italian, last in English), and
    that position is the one where words shared by several currencies' names stand.
    """
    names: dict[str, set[str]] = defaultdict(set)
    for locale in variants:
        for code in map(str, locale.currencies):
            for count in _PLURAL_SAMPLES:
                name = get_currency_name(code, count=count, locale=locale)
                if name != code and not re.search(r"[\d()]", name):
                    names[name.lower()].add(code)
    head = _head_position(names)
    words: dict[str, set[str]] = defaultdict(set)
    for name, codes in names.items():
        words[name] |= codes
        tokens = name.split()
        if len(tokens) > 1:
            words[tokens[head]] |= codes
    return {word: frozenset(codes) for word, codes in words.items()}


def _head_position(names: dict[str, set[str]]) -> int:
    """0 when the words shared by several currency names come first (Romance: "dollaro
    australiano", "dollaro canadese"), -1 when they come last (English, German)."""
    first: dict[str, set[str]] = defaultdict(set)
    last: dict[str, set[str]] = defaultdict(set)
    for name, codes in names.items():
        tokens = name.split()
        if len(tokens) > 1:
            first[tokens[0]] |= codes
            last[tokens[-1]] |= codes
    shared_first = sum(len(codes) for codes in first.values() if len(codes) > 2)
    shared_last = sum(len(codes) for codes in last.values() if len(codes) > 2)
    return 0 if shared_first > shared_last else -1


def _currency_symbols(variants: list[Locale]) -> dict[str, frozenset[str]]:
    symbols: dict[str, set[str]] = defaultdict(set)
    for locale in variants:
        for code, symbol in locale.currency_symbols.items():
            if symbol != code and symbol.strip() and code != "XXX":
                symbols[symbol].add(code)
    for symbol, codes in _world_currency_symbols().items():
        symbols.setdefault(symbol, set(codes))
    return {symbol: frozenset(codes) for symbol, codes in symbols.items()}


def load_world_currency_symbols() -> None:
    """Build the table of the world's currency signs now, which every language's
    lexicon shares (0.35 s): a process that forks workers builds it once for all."""
    _world_currency_symbols()


@cache
def _world_currency_symbols() -> dict[str, frozenset[str]]:
    """Currency signs ("₽", "₴", "₹") as each currency's home language writes them.

    Only signs (Unicode category Sc, alone or with letters: "US$", "R$"); letter
    symbols ("kr", "zł") are taken from the text's own language only, since in other
    languages they are ordinary words. The base locales are enough: the regional
    ones add no new signs."""
    symbols: dict[str, set[str]] = defaultdict(set)
    inherited = localedata.load("root")["currency_symbols"]
    for identifier in localedata.locale_identifiers():
        if "_" in identifier:
            continue
        # A base locale's symbols are root's overridden by its own, as babel merges
        # them; read from its file alone, not through `Locale`, which would merge and
        # keep every one of the ~300 locales whole in babel's cache: a second of a
        # worker's start and memory it never frees.
        own = _own_locale_data(identifier).get("currency_symbols", {})
        for code, symbol in {**inherited, **own}.items():
            if code != "XXX" and any(unicodedata.category(c) == "Sc" for c in symbol):
                symbols[symbol].add(code)
    return {symbol: frozenset(codes) for symbol, codes in symbols.items()}


def _own_locale_data(identifier: str) -> dict:
    """The data of a locale's own CLDR file, without what it inherits. Not through
    `localedata.load(merge_inherited=False)`: babel caches that under the locale's
    name, and every later `Locale` of it would lose its inherited data."""
    with open(localedata.resolve_locale_filename(identifier), "rb") as file:
        return pickle.load(file)


def _months(variants: list[Locale]) -> tuple[dict[str, int], frozenset[str]]:
    months: dict[str, int] = {}
    full: set[str] = set()
    for locale in variants:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    key = name.lower().rstrip(".")
                    months.setdefault(key, number)
                    if width == "wide":
                        full.add(key)
    return months, frozenset(full)


def _names(variants: list[Locale], table) -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in variants:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in table(locale)[context][width].items():
                    names.setdefault(name.lower().rstrip("."), number)
    return names


def _unit_names(base: Locale, variants: list[Locale]) -> dict[str, str]:
    """Unit names → CLDR unit id: long names from every variant, lower-cased ("metres"),
    and the base locale's short and narrow symbols as written ("km", "°F", "mph")."""
    units: dict[str, str] = {}
    for unit in _compared_units(base):
        for word in _unit_words(variants, unit, ("long",)):
            units.setdefault(word.lower(), unit)
        for symbol in _unit_words([base], unit, ("short", "narrow")):
            if symbol not in _AMBIGUOUS_UNIT_SYMBOLS and not symbol.isdigit():
                units.setdefault(symbol, unit)
    return units


def _spaced_unit_symbols(base: Locale) -> dict[str, str]:
    return {
        symbol: unit
        for unit in _compared_units(base)
        for symbol in _unit_words([base], unit, ("short",))
        if symbol in _SPACED_UNIT_SYMBOLS
    }


#: Of those, the ones that name a unit when a space stands before them: "1,63 m",
#: "500 g". Written by hand.
_SPACED_UNIT_SYMBOLS = frozenset({"m", "g"})

#: Unit symbols that are also words or other marks ("in", "ha", "pm", "°", "′"): a
#: figure before them is not a quantity. Written by hand.
_AMBIGUOUS_UNIT_SYMBOLS = frozenset(
    {"in", "ha", "pm", "PM", "ac", "mi", "ms", "ns", "dm", "gg", "tn", "ML", "°", "′", "″", "#",
     "h", "m", "m.", "g", "t", "l", "L", "s", "d", "j", "a", "y", "w"}
)  # fmt: skip


def _compared_units(locale: Locale) -> Iterator[str]:
    for unit in map(str, locale.unit_display_names):
        if unit.split("-")[0] in UNIT_CATEGORIES and unit not in _SKIPPED_UNITS:
            yield unit


def _unit_words(
    variants: Iterable[Locale],
    unit: str,
    lengths: tuple[Literal["short", "long", "narrow"], ...],
) -> list[str]:
    """The words a unit format puts around the number: "{0} metri" → "metri"."""
    words: list[str] = []
    for locale in variants:
        for length in lengths:
            for value in _PLURAL_SAMPLES:
                try:
                    text = format_unit(value, unit, length=length, locale=locale)
                except (KeyError, ValueError):
                    continue
                number = re.search(r"\d+", text)
                word = "" if number is None else text[: number.start()] + " " + text[number.end() :]
                word = re.sub(r"[\s\u00a0\u202f]+", " ", word).strip()
                # Where a locale has no name for a unit, babel falls back to its id.
                if word and not word.startswith(unit.split("-")[0] + "-") and word not in words:
                    words.append(word)
    return words


def _am_pm(variants: list[Locale]) -> dict[str, int]:
    markers: dict[str, int] = {}
    for locale in variants:
        for width in ("abbreviated", "wide"):
            periods = locale.day_periods.get("format", {}).get(width, {})
            for period, hours in (("am", 0), ("pm", 12)):
                if period in periods:
                    markers.setdefault(periods[period].lower(), hours)
    return markers
