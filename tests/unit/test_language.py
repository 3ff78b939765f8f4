import subprocess
import sys
from pathlib import Path

import pytest

from aligner.embed import USE_LANGUAGES
from aligner.errors import LanguageError
from aligner.language import (
    DETECTION_LANGUAGES,
    LOCALE_DATA_LANGUAGES,
    NUMBER_WORD_LANGUAGES,
    SUPPORTED_LANGUAGES,
    detect_language,
    normalize_language,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("it", "it"),
        ("IT", "it"),
        ("it-IT", "it"),
        ("it_IT", "it"),
        (" en ", "en"),
        ("en-Latn-US", "en"),
        ("pt_BR", "pt"),
        ("de-CH", "de"),
        ("nb_NO", "no"),
    ],
)
def test_normalize_language_keeps_the_language_subtag(code, expected):
    assert normalize_language(code) == expected


@pytest.mark.parametrize("code", ["", "xx", "zh-CN", "italian", "ita"])
def test_unsupported_language_lists_the_supported_ones(code):
    with pytest.raises(LanguageError) as raised:
        normalize_language(code)

    message = str(raised.value)
    assert repr(code) in message
    assert "de, el, en, es" in message
    assert "\n" not in message


def test_main_languages_are_supported():
    assert {"it", "en", "de", "fr", "es"} <= SUPPORTED_LANGUAGES


@pytest.mark.parametrize(("pattern", "lang"), [("000_*.txt", "it"), ("001_*.txt", "en")])
def test_detects_the_language_of_the_seeds(pattern, lang):
    (path,) = SEEDS.glob(pattern)
    assert detect_language(path.read_text(encoding="utf-8")) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ho letto il tuo articolo ieri sera. Mi è piaciuto molto.", "it"),
        ("I read your article last night. I liked it a lot.", "en"),
        ("Ich habe deinen Artikel gestern Abend gelesen. Er hat mir gefallen.", "de"),
        ("J'ai lu ton article hier soir. Il m'a beaucoup plu.", "fr"),
        ("Leí tu artículo anoche. Me gustó mucho.", "es"),
    ],
)
def test_detects_a_couple_of_sentences(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "Ciao", "Der Hund schläft.", "12345 678 90 — 42 %"])
def test_too_little_text_asks_for_the_language(text):
    with pytest.raises(LanguageError, match="too little text.*--src-lang/--tgt-lang"):
        detect_language(text)


@pytest.mark.parametrize(
    "text",
    [
        "This is a sentence in English. Questo è italiano. Das ist Deutsch.",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.",
    ],
)
def test_unclear_language_asks_for_the_language(text):
    with pytest.raises(LanguageError, match="cannot detect the language reliably.*--src-lang"):
        detect_language(text)


def test_importing_does_not_load_the_language_identifier():
    code = "import sys, aligner.language; print('py3langid' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_language_identifier_knows_every_language_it_is_restricted_to():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    known = set(LanguageIdentifier.from_model_file(MODEL_FILE).nb_classes)
    assert DETECTION_LANGUAGES <= known


def test_the_readme_table_says_which_stage_serves_which_language():
    lines = (Path(__file__).resolve().parents[2] / "README.md").read_text().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| | cs |"))
    languages = [cell.strip() for cell in lines[header].strip("|").split("|")][1:]
    served = {}
    for line in lines[header + 2 : header + 5]:
        stage, *cells = [cell.strip() for cell in line.strip("|").split("|")]
        served[stage] = {lang for lang, cell in zip(languages, cells) if cell == "✓"}

    assert set(languages) == SUPPORTED_LANGUAGES
    assert served == {
        "figures in digits, currencies, dates, units (CLDR)": LOCALE_DATA_LANGUAGES
        & SUPPORTED_LANGUAGES,
        "number words (text2num)": NUMBER_WORD_LANGUAGES,
        "default encoder (USE)": USE_LANGUAGES & SUPPORTED_LANGUAGES,
    }
