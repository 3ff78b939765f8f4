"""PO files read as pairs: one per entry and per plural form, fuzzy entries marked,
obsolete and untranslated ones counted, syntax errors one line with their line."""

from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.memory import load_memory
from aligner.memory.po import read_po

DATA = Path(__file__).resolve().parents[1] / "data" / "bilingual"


def test_entries_are_pairs_with_context_plural_forms_and_states() -> None:
    memory = load_memory(DATA / "seed-en-it.po")

    assert (memory.src_lang, memory.tgt_lang) == ("en", "it")  # X-Source-Language, Language
    units = memory.units
    assert units[0].tuid == "headline"  # msgctxt
    assert units[1].notes == ("The amount is in US dollars.",)  # an extracted comment
    plural = [(u.tuid, u.src_text, u.tgt_text) for u in units if u.tuid and "msgstr" in u.tuid]
    assert plural == [
        ("msgstr[0]", "%d photo credit: Wiki Commons", "%d credito fotografico: Wiki Commons"),
        ("msgstr[1]", "%d photo credits: Wiki Commons", "%d crediti fotografici: Wiki Commons"),
    ]
    fuzzy = [u for u in units if u.state == "fuzzy"]
    assert [u.line for u in fuzzy] == [35]
    assert fuzzy[0].notes == ('The translator was not sure of "mediator".',)
    assert [(s.reason, s.line) for s in memory.skipped] == [("untranslated", 41), ("obsolete", 45)]


def test_a_plural_form_left_empty_is_a_pair_with_an_empty_target(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: it\\n"\n\n'
        'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d file"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )

    memory = read_po(path, src_lang="en")

    assert [(u.src_text, u.tgt_text) for u in memory.units] == [
        ("%d file", "%d file"),
        ("%d files", ""),
    ]


def test_a_syntax_error_is_one_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text('msgid "Ciao"\nmsgstr "Hello\n\nmsgid "x"\nmsgstr "y"\n', encoding="utf-8")

    with pytest.raises(InputError, match=r"a\.po: line 2: PO syntax error"):
        read_po(path, "it", "en")


def test_an_unescaped_quote_is_a_syntax_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text('msgid "Ciao"\nmsgstr "He"llo"\n', encoding="utf-8")

    with pytest.raises(InputError) as raised:
        read_po(path, "it", "en")

    assert str(raised.value) == f"{path}: line 2: PO syntax error: unescaped double quote found"
