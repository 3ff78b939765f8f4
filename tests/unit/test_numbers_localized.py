"""The numbers check stays quiet on correct localization a reviewer sees in news copy
(ranges sharing a unit, bare degrees, heights in feet and inches, clock times with a
point, fractions, decades, codes, "one percent", "half an inch") and still flags the
same copy with a figure gone wrong."""

import pytest

from aligner.checks import compare_numbers, numeric_expressions
from aligner.model import Severity

#: (source language, source, target language, correct target, corrupted target)
LOCALIZED = [
    # Ranges whose unit is written once.
    ("en", "Up to 3 to 5 inches of rain fell.", "it",
     "Sono caduti fino a 7,5–12,5 cm di pioggia.", "Sono caduti fino a 9,5–12,5 cm di pioggia."),
    ("en", "Expect 2-4 miles of queues.", "it", "Previste code di 3-6 km.",
     "Previste code di 3-9 km."),
    ("en", "Between 10 and 20 miles north of the city.", "fr",
     "Entre 16 et 32 km au nord de la ville.", "Entre 26 et 32 km au nord de la ville."),
    ("en", "The storm dumped 1 to 2 feet of snow.", "es",
     "La tormenta dejó de 30 a 60 cm de nieve.", "La tormenta dejó de 80 a 60 cm de nieve."),
    # Bare degrees: Fahrenheit in US copy, Celsius in the translation; differences.
    ("en", "Temperatures reached 95 degrees on Tuesday.", "it",
     "Martedì le temperature hanno raggiunto i 35 gradi.",
     "Martedì le temperature hanno raggiunto i 45 gradi."),
    ("en", "Highs of 95 degrees are expected.", "de", "Erwartet werden bis zu 35 °C.",
     "Erwartet werden bis zu 38 °C."),
    ("en", "It was 10 degrees above average.", "it", "Era di 5,5 gradi sopra la media.",
     "Era di 8,5 gradi sopra la media."),
    ("en", "Lows will fall to 20 degrees Fahrenheit.", "es",
     "Las mínimas bajarán a -7 grados.", "Las mínimas bajarán a -17 grados."),
    ("en", "Highs from 60 to 70 degrees.", "it", "Massime tra 15 e 21 gradi.",
     "Massime tra 15 e 27 gradi."),
    ("en", "Lows of minus 5 degrees.", "it", "Minime di -20 gradi.", "Minime di -10 gradi."),
    ("en", "Highs of 30C (86F) in London.", "fr", "Jusqu'à 30 °C à Londres.",
     "Jusqu'à 34 °C à Londres."),
    # Heights in feet and inches.
    ("en", "He is 5'11\" and fast.", "it", "È alto 1,80 m ed è veloce.",
     "È alto 1,90 m ed è veloce."),
    ("en", "At 6ft 2in he towers over them.", "de", "Mit 1,88 m überragt er sie.",
     "Mit 1,78 m überragt er sie."),
    ("en", "The 6-foot-2 forward scored twice.", "it",
     "L'attaccante, alto 1,88 metri, ha segnato due volte.",
     "L'attaccante, alto 1,68 metri, ha segnato due volte."),
    ("en", "He is 5 ft 11 in tall.", "fr", "Il mesure 180 cm.", "Il mesure 160 cm."),
    ("en", "She was 5-foot-4.", "it", "Era alta 1,63 m.", "Era alta 1,83 m."),
    ("it", "È alta 1 metro e 80.", "en", "She is 5ft 11in.", "She is 5ft 1in."),
    ("it", "Fino a 5 cm di neve.", "en", "Up to 2in of snow.", "Up to 4in of snow."),
    ("en", "A 300-pound lineman.", "it", "Un uomo di linea di 136 chili.",
     "Un uomo di linea di 106 chili."),
    # English clock times with a point and am/pm.
    ("en", "The shop opens at 5.30pm.", "it", "Il negozio apre alle 17:30.",
     "Il negozio apre alle 17:50."),
    ("en", "The train left at 7.55am.", "it", "Il treno è partito alle 7.55 del mattino.",
     "Il treno è partito alle 7.45 del mattino."),
    ("en", "Police were called at 4.40am.", "it", "La polizia è stata chiamata alle ore 4.40.",
     "La polizia è stata chiamata alle ore 4.10."),
    ("en", "The film starts at 7.30.", "de", "Der Film beginnt um 7.30 Uhr.",
     "Der Film beginnt um 8.30 Uhr."),
    # Fractions and records that look like dates or times.
    ("en", "He pitched 220 2/3 innings last year.", "it",
     "L'anno scorso ha lanciato 220 2/3 inning.", "L'anno scorso ha lanciato 230 2/3 inning."),
    ("en", "He posted a 2.53 ERA and an 18-7 record.", "it",
     "Ha chiuso con una ERA di 2.53 e un record di 18-7.",
     "Ha chiuso con una ERA di 2.63 e un record di 18-7."),
    ("en", "The river rose 2½ feet.", "es", "El río subió 2½ pies.", "El río subió 3½ pies."),
    # Decades, seasons, product codes.
    ("en", "It was popular in the 1980s.", "it", "Era popolare negli anni Ottanta.",
     "Era popolare negli anni Settanta."),
    ("en", "Prices doubled in the 1990s.", "es", "Los precios se duplicaron en los años 90.",
     "Los precios se duplicaron en los años 70."),
    ("en", "The SS19 collection was shown in Milan.", "it",
     "La collezione primavera-estate 2019 è stata presentata a Milano.",
     "La collezione primavera-estate 2018 è stata presentata a Milano."),
    ("en", "The F125 costs $40,000.", "it", "L'F-125 costa 40.000 dollari.",
     "L'F-126 costa 40.000 dollari."),
    # One-words and halves with what they count.
    ("en", "Only one percent voted.", "it", "Ha votato solo l'uno per cento.",
     "Ha votato solo il due per cento."),
    ("en", "Add half an inch of water.", "it", "Aggiungere 1 cm d'acqua.",
     "Aggiungere 4 cm d'acqua."),
    ("en", "The deal is worth half a million dollars.", "it",
     "L'accordo vale mezzo milione di dollari.", "L'accordo vale mezzo miliardo di dollari."),
    ("it", "Costa un milione di euro.", "en", "It costs one million euros.",
     "It costs one billion euros."),
    # A glued "m": millions in the press, metres on the track.
    ("en", "About 3.5m people live there.", "it", "Ci vivono circa 3,5 milioni di persone.",
     "Ci vivono circa 4,5 milioni di persone."),
    ("en", "He won the 100m final.", "es", "Ganó la final de los 100 metros.",
     "Ganó la final de los 200 metros."),
    # Round numbers given roughly, clock times in words.
    ("en", "About 20 people came.", "it", "Sono venute una ventina di persone.",
     "Sono venute una trentina di persone."),
    ("fr", "Une douzaine de maisons ont brûlé.", "en", "A dozen houses burned.",
     "Some 20 houses burned."),
    ("en", "Polls close at 12pm.", "it", "I seggi chiudono a mezzogiorno.",
     "I seggi chiudono a mezzanotte."),
    ("es", "Llegó a medianoche.", "en", "He arrived at 00:00.", "He arrived at 01:00."),
    # Spans of years whose second year drops its century.
    ("en", "The 2018-19 season starts soon.", "it", "La stagione 2018-2019 inizia presto.",
     "La stagione 2018-2020 inizia presto."),
    ("de", "Der Krieg von 1914/18.", "fr", "La guerre de 1914-1918.", "La guerre de 1914-1919."),
    # Years written with a thousands separator in messages.
    ("en", "Copyright 2,022 by the agency.", "it", "Copyright 2022 dell'agenzia.",
     "Copyright 2021 dell'agenzia."),
]  # fmt: skip


def serious(src: str, src_lang: str, tgt: str, tgt_lang: str) -> list[str]:
    comparison = compare_numbers(src, src_lang, tgt, tgt_lang)
    return [f.message for f in comparison.findings if f.severity is not Severity.INFO]


@pytest.mark.parametrize(("src_lang", "src", "tgt_lang", "tgt", "corrupted"), LOCALIZED)
def test_correct_localization_is_quiet_both_ways(src_lang, src, tgt_lang, tgt, corrupted):
    assert serious(src, src_lang, tgt, tgt_lang) == []
    assert serious(tgt, tgt_lang, src, src_lang) == []


@pytest.mark.parametrize(("src_lang", "src", "tgt_lang", "tgt", "corrupted"), LOCALIZED)
def test_the_same_copy_with_a_figure_gone_wrong_is_flagged_both_ways(
    src_lang, src, tgt_lang, tgt, corrupted
):
    assert serious(src, src_lang, corrupted, tgt_lang)
    assert serious(corrupted, tgt_lang, src, src_lang)


def test_a_range_reads_each_end_in_the_shared_unit():
    first, second = numeric_expressions("3 to 5 inches", "en")
    assert (first.value, first.unit) == (3, "length-inch")
    assert (second.value, second.unit) == (5, "length-inch")


def test_feet_and_inches_are_one_height():
    [height] = numeric_expressions("a 6-foot-2 forward", "en")
    assert (height.text, height.value, height.unit) == ("6-foot-2", 74, "length-inch")


def test_words_that_are_also_names_are_never_reported_missing():
    assert serious("Investment in the South.", "en", "Investimenti nel Mezzogiorno.", "it") == []


def test_a_code_is_never_reported_missing():
    assert serious("The F125 was unveiled.", "en", "È stata presentata la nuova auto.", "it") == []


def test_a_time_with_a_point_needs_am_or_pm_where_the_point_is_decimal():
    [number] = numeric_expressions("a 2.53 ERA", "en")
    assert number.value == pytest.approx(2.53)
    [time] = numeric_expressions("at 2.53pm", "en")
    assert (time.hour, time.minute) == (14, 53)
