"""Every command in every accepted language: English against a short text whose figures
are written the way CLDR writes them in that language, with the default encoder."""

import datetime
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from lxml import etree

import aligner.cli
import aligner.embed
from aligner.cli import main
from aligner.embed import USE_LANGUAGES
from aligner.language import NUMBER_WORD_LANGUAGES, SUPPORTED_LANGUAGES

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TRANSLATIONS = sorted(SUPPORTED_LANGUAGES - {"en"})
EMBEDDED = [lang for lang in TRANSLATIONS if lang in USE_LANGUAGES]
NOT_EMBEDDED = [lang for lang in TRANSLATIONS if lang not in USE_LANGUAGES]


def sentences(lang: str, people: int = 450_000) -> list[str]:
    """Three lines of figures as CLDR writes them in `lang`."""
    return [
        format_date(datetime.date(2023, 8, 3), "long", locale=lang) + ".",
        format_decimal(people, locale=lang) + ".",
        "; ".join(
            [
                format_currency(1234.5, "EUR", locale=lang),
                format_percent(0.035, locale=lang, decimal_quantization=False),
            ]
        )
        + ".",
    ]


@pytest.fixture
def default_encoder(monkeypatch, encoder) -> None:
    """The CLI's default encoder, loaded once for the session."""
    monkeypatch.setattr(aligner.embed, "load_encoder", lambda spec: encoder)


def write_pair(directory: Path, lang: str, people: int = 450_000) -> tuple[Path, Path]:
    src, tgt = directory / "en.txt", directory / f"{lang}.txt"
    src.write_text("\n".join(sentences("en")) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(sentences(lang, people)) + "\n", encoding="utf-8")
    return src, tgt


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def not_checked_note(lang: str) -> str | None:
    if lang in NUMBER_WORD_LANGUAGES:
        return None
    return f"numbers written in words in {Locale.parse(lang).english_name}"


@pytest.mark.parametrize("lang", EMBEDDED)
def test_align_check_and_report_in_every_language_the_encoder_knows(
    capsys, tmp_path, default_encoder, lang
):
    src, tgt = write_pair(tmp_path, lang)
    languages = ("--src-lang", "en", "--tgt-lang", lang)

    memory = tmp_path / "memory.tmx"
    code, _, err = run(capsys, "align", str(src), str(tgt), *languages, "--format", "tmx",
                       "-o", str(memory))  # fmt: skip
    assert code == 0, err
    units = etree.parse(str(memory)).getroot().findall("body/tu")
    assert [[tuv.get(XML_LANG) for tuv in tu.findall("tuv")] for tu in units] == [["en", lang]] * 3
    assert not [note.text for note in etree.parse(str(memory)).iter("note")]  # figures agree

    page = tmp_path / "report.html"
    code, _, err = run(capsys, "report", str(src), str(tgt), *languages, "-o", str(page))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    note = not_checked_note(lang)
    assert (f"Not checked: {note}." in html) if note else ("Not checked" not in html)

    (tmp_path / "changed").mkdir()
    changed = write_pair(tmp_path / "changed", lang, people=460_000)
    code, out, err = run(capsys, "check", *map(str, changed), *languages)
    assert code == 1, err  # the changed digit is an error
    assert "value-mismatch" in out
    assert out.rstrip().endswith(f"; not checked: {note}" if note else "0 notes")


@pytest.mark.parametrize("lang", NOT_EMBEDDED)
@pytest.mark.parametrize("command", ["align", "check", "report"])
def test_a_language_the_encoder_does_not_know_is_one_error_line(
    capsys, tmp_path, default_encoder, command, lang
):
    src, tgt = write_pair(tmp_path, lang)
    output = ["-o", str(tmp_path / "out")]

    code, out, err = run(capsys, command, str(src), str(tgt), "--src-lang", "en",
                         "--tgt-lang", lang, *output)  # fmt: skip

    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert line.startswith("aligner: error:") and f"does not support language {lang!r}" in line
    assert "--model" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_a_memory_in_any_accepted_language_is_checked_and_reported(capsys, tmp_path, lang):
    memory = tmp_path / "memory.tsv"
    rows = zip(sentences("en"), sentences(lang, people=460_000))
    memory.write_text(f"en\t{lang}\n" + "".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
    note = not_checked_note(lang)

    code, out, err = run(capsys, "check", "--tsv", str(memory))
    assert code == 1, err
    assert "value-mismatch" in out and "460" in out
    assert (f"not checked: {note}" in out) if note else ("not checked" not in out)

    page = tmp_path / "report.html"
    code, _, err = run(capsys, "report", "--tsv", str(memory), "-o", str(page))
    assert code == 0, err
    assert "value-mismatch" in page.read_text(encoding="utf-8")
