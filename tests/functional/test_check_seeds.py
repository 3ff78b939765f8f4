"""The check stage on the real seed pair: every figure in it agrees, and a currency
changed in the Italian text is caught exactly where it is."""

from pathlib import Path

import pytest

from aligner import align_documents, load_document, load_encoder
from aligner.checks import check_alignment, compare_numbers
from aligner.model import Document, Severity

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def encoder():
    return load_encoder()


@pytest.fixture(scope="module")
def english() -> Document:
    return load_document(next(SEEDS.glob("001_*.txt")), "en")


def italian(tmp_path_factory, replace: tuple[str, str] | None = None) -> Document:
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    if replace:
        assert text.count(replace[0]) == 1
        text = text.replace(*replace)
    path = tmp_path_factory.mktemp("seed") / "000.it.txt"
    path.write_text(text, encoding="utf-8")
    return load_document(path, "it")


def serious(checked, check="numbers"):
    return [
        (pair, finding)
        for pair in checked
        for finding in pair.findings
        if finding.check == check and finding.severity in (Severity.ERROR, Severity.WARNING)
    ]


def test_the_seed_pair_has_no_numbers_warning_or_error(tmp_path_factory, encoder, english):
    checked = check_alignment(align_documents(italian(tmp_path_factory), english, encoder))
    assert serious(checked) == []
    # Clean because the figures are read and matched, not because they are skipped.
    [reuters] = [p for p in checked if p.pair.src_text and "Il 3 agosto" in p.pair.src_text]
    comparison = compare_numbers(reuters.pair.src_text, "it", reuters.pair.tgt_text, "en")
    assert {(m.src.text, m.tgt.text) for m in comparison.matches} == {
        ("3 agosto", "August 3rd"),
        ("5300 dollari", "$5300 dollars"),
    }


def test_a_currency_changed_in_the_source_is_flagged_once_on_both_words(
    tmp_path_factory, encoder, english
):
    source = italian(tmp_path_factory, ("120.000 dollari", "120.000 rubli"))
    alignment = align_documents(source, english, encoder)
    [(pair, finding)] = serious(check_alignment(alignment))
    assert (finding.code, finding.severity) == ("currency-mismatch", Severity.ERROR)
    assert pair.pair.src_text[slice(*finding.src_span)] == "rubli"
    assert pair.pair.tgt_text[slice(*finding.tgt_span)] == "$"
    start = pair.src_offset + finding.src_span[0]
    assert source.text[start - 8 : start + 5] == "120.000 rubli"
