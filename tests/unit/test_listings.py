import ast
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

from aligner.listings import (
    COLUMNS,
    NO_COUNTERPART,
    format_beads,
    format_json,
    format_text,
    format_tsv,
    render_text,
    to_dataframe,
)
from aligner.model import Alignment, Bead

SRC_SENTENCES = [
    "Prima frase.",
    'Seconda frase, con "virgolette".',
    "Una frase\tcon tab e\na capo.",
    "Città è già qui.",
]
TGT_SENTENCES = ["First sentence. Second sentence.", "An added sentence.", "The city is here."]


@pytest.fixture
def alignment(make_document) -> Alignment:
    beads = (
        Bead((0, 1), (0,), 0.9336),
        Bead((2,), (), 0.2),
        Bead((), (1,), 0.6),
        Bead((3,), (2,), 0.99),
    )
    return Alignment(
        make_document(SRC_SENTENCES, "it", Path("doc.it.txt")),
        make_document(TGT_SENTENCES, "en", None),
        beads,
        encoder="fake-encoder",
    )


def read_beads(text: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The parsing rules of /work/shared/eval/score.py (`read_beads`), on a string."""
    beads = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        parts = line.split(":")
        assert len(parts) >= 2, line
        src = tuple(ast.literal_eval(parts[0].strip()))
        tgt = tuple(ast.literal_eval(parts[1].strip()))
        beads.append((src, tgt))
    return beads


def test_dataframe_has_one_row_per_bead_with_the_documented_columns(alignment):
    frame = to_dataframe(alignment)

    assert list(frame.columns) == list(COLUMNS)
    # Beads are numbered as every view shows them, from 1; sentences from 0.
    assert list(frame["bead"]) == [1, 2, 3, 4]
    assert list(frame["kind"]) == ["2-1", "1-0", "0-1", "1-1"]
    assert frame.loc[0, "src_ids"] == [0, 1]
    assert frame.loc[1, "tgt_ids"] == []
    assert frame.loc[3, "score"] == pytest.approx(0.99)


def test_dataframe_joins_merged_sentences_with_a_space(alignment):
    frame = to_dataframe(alignment)

    assert frame.loc[0, "src_text"] == 'Prima frase. Seconda frase, con "virgolette".'
    assert frame.loc[1, "tgt_text"] == ""


def test_dataframe_spans_cover_the_bead_in_the_document(alignment):
    frame = to_dataframe(alignment)

    src_start, src_end = frame.loc[0, "src_start"], frame.loc[0, "src_end"]
    assert alignment.src.text[src_start:src_end] == "\n".join(SRC_SENTENCES[:2])
    tgt_start, tgt_end = frame.loc[3, "tgt_start"], frame.loc[3, "tgt_end"]
    assert alignment.tgt.text[tgt_start:tgt_end] == "The city is here."


def test_dataframe_spans_are_missing_on_the_empty_side(alignment):
    frame = to_dataframe(alignment)

    assert pd.isna(frame.loc[1, "tgt_start"]) and pd.isna(frame.loc[1, "tgt_end"])
    assert pd.isna(frame.loc[2, "src_start"]) and pd.isna(frame.loc[2, "src_end"])
    assert str(frame["src_start"].dtype) == "Int64"


def test_beads_look_like_the_gold_files(alignment):
    assert format_beads(alignment) == "[0, 1]:[0]\n[2]:[]\n[]:[1]\n[3]:[2]\n"


def test_beads_with_scores_have_a_third_field_with_three_decimals(alignment):
    assert format_beads(alignment, scores=True).splitlines()[0] == "[0, 1]:[0]:0.934"


@pytest.mark.parametrize("scores", [False, True])
def test_beads_round_trip_through_the_scorer_parser(alignment, scores):
    expected = [(bead.src, bead.tgt) for bead in alignment.beads]

    assert read_beads(format_beads(alignment, scores=scores)) == expected


def test_tsv_keeps_one_line_per_bead_with_escaped_tabs_and_newlines(alignment):
    lines = format_tsv(alignment).split("\n")

    assert lines[-1] == ""  # ends with a newline
    header, *rows = lines[:-1]
    assert header.split("\t") == list(COLUMNS)
    assert len(rows) == len(alignment.beads)
    assert all(len(row.split("\t")) == len(COLUMNS) for row in rows)
    assert rows[1].split("\t")[4] == "Una frase\\tcon tab e\\na capo."


def test_tsv_leaves_quotes_alone_and_empty_spans_empty(alignment):
    first, omission = format_tsv(alignment).splitlines()[1:3]

    assert 'con "virgolette".' in first.split("\t")[4]
    assert omission.split("\t")[8:10] == ["", ""]


def test_tsv_escapes_backslashes_so_that_escapes_are_unambiguous(make_document):
    document = make_document(["a\\tb"], "it", None)
    alignment = Alignment(document, document, (Bead((0,), (0,), 1.0),), "fake")

    assert format_tsv(alignment).splitlines()[1].split("\t")[4] == "a\\\\tb"


def test_json_has_documents_segments_and_beads(alignment):
    content = json.loads(format_json(alignment))

    assert content["encoder"] == "fake-encoder"
    assert content["src"]["path"] == "doc.it.txt"
    assert content["tgt"]["path"] is None
    assert (content["src"]["lang"], content["src"]["format"]) == ("it", "text")
    assert content["src"]["segments"][2] == {
        "index": 2,
        "start": alignment.src.segments[2].start,
        "end": alignment.src.segments[2].end,
        "text": "Una frase\tcon tab e\na capo.",
        "line": 2,
        "is_heading": False,
        "block": None,  # plain text: no block kind, the line is where it is
        "locator": None,
    }
    assert content["beads"][0] == {
        "bead": 1,
        "src": [0, 1],
        "tgt": [0],
        "score": 0.9336,
        "kind": "2-1",
    }
    assert content["beads"][2]["src"] == []


def test_json_keeps_non_ascii_characters_readable(alignment):
    assert "Città è già qui." in format_json(alignment)


def test_text_listing_pairs_both_texts_in_one_row(alignment, table_rows):
    rows = table_rows(format_text(alignment, width=100))

    merged = 'Prima frase. Seconda frase, con "virgolette".'
    assert rows[0] == ["1", "2-1", "0.93", merged, TGT_SENTENCES[0]]
    assert rows[3][3:] == ["Città è già qui.", "The city is here."]


def test_text_listing_marks_the_empty_side(alignment, table_rows):
    rows = table_rows(format_text(alignment, width=100))

    assert rows[1][4] == NO_COUNTERPART
    assert rows[2][3] == NO_COUNTERPART


def test_text_listing_wraps_instead_of_truncating(alignment, table_rows):
    listing = format_text(alignment, width=60)

    assert table_rows(listing)[0][3] == 'Prima frase. Seconda frase, con "virgolette".'
    assert all(len(line) <= 60 for line in listing.splitlines())
    assert len(listing.splitlines()) > 3 * len(alignment.beads)  # some rows did wrap


def test_plain_text_listing_has_no_ansi_codes(alignment):
    assert "\x1b" not in format_text(alignment, width=100)


def test_terminal_listing_colours_scores_green_yellow_and_red(alignment):
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, force_terminal=True, color_system="standard")
    console.print(render_text(alignment, 100))
    listing = buffer.getvalue()

    green, yellow, red = r"\x1b\[32m", r"\x1b\[33m", r"\x1b\[31m"
    assert re.search(rf"{green} *0\.93", listing)
    assert re.search(rf"{yellow} *0\.60", listing)
    assert re.search(rf"{red} *0\.20", listing)
