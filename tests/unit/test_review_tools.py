"""The reviewer's tools as library calls: search, go to a bead, move a sentence, bulk
decisions, source edits — each then seen in the export and in a resumed session."""

import json
from pathlib import Path

import pytest
from lxml import etree

from aligner import Alignment, Bead, InputError, load_document
from aligner.cli import main
from aligner.embed import UniversalSentenceEncoder
from aligner.model import Severity
from aligner.realign import realign_review
from aligner.review import Filter, Review, ReviewError, resume_review
from aligner.search import Search, SearchError, SearchSide, search_highlights
from aligner.session import default_session_path

SRC = "Il prezzo è 450.000 rubli.\nLo stipendio è 120.000 rubli.\nGrazie.\nFine."
TGT = "The price is 450,000 rubles.\nThe salary is $120,000.\nThank you.\nThe end."


def start_review(folder: Path, encoder, scores=(0.9, 0.9, 0.9, 0.9)) -> Review:
    """The documents aligned line by line with these confidences, as a new review."""
    (folder / "it.txt").write_text(SRC, encoding="utf-8")
    (folder / "en.txt").write_text(TGT, encoding="utf-8")
    src, tgt = load_document(folder / "it.txt", "it"), load_document(folder / "en.txt", "en")
    beads = tuple(Bead((i,), (i,), score) for i, score in enumerate(scores))
    alignment = Alignment(src, tgt, beads, UniversalSentenceEncoder.name)
    return Review.start(alignment, session_path=default_session_path(tgt.path), encoder=encoder)


@pytest.fixture
def review(tmp_path: Path, encoder) -> Review:
    return start_review(tmp_path, encoder)


def tmx_units(path: Path) -> list[tuple[str, str, str]]:
    """(tuid, source, target) of each unit of a TMX file."""
    tree = etree.parse(str(path))
    return [(tu.get("tuid"), *(seg.text or "" for seg in tu.iter("seg"))) for tu in tree.iter("tu")]


# Search.


def test_search_plain_text_ignores_case_and_looks_where_it_is_told(review: Review) -> None:
    assert review.search(Search("RUBLI")) == [0, 1]
    assert review.search(Search("rubli", side=SearchSide.TARGET)) == []
    assert review.search(Search("rubles", side=SearchSide.TARGET)) == [0]
    assert review.search(Search("the", side=SearchSide.SOURCE)) == []
    assert review.search(Search("the")) == [0, 1, 3]
    # Plain text is taken as it is: a dot is a dot.
    assert review.search(Search("0.000")) == [0, 1]
    assert review.search(Search("0.0")) == [0, 1]
    assert review.search(Search("e.d")) == []


def test_search_by_regular_expression(review: Review) -> None:
    assert review.search(Search(r"\$\d", regex=True)) == [1]
    assert review.search(Search(r"^(grazie|fine)\.$", regex=True, side=SearchSide.SOURCE)) == [
        2,
        3,
    ]


def test_a_bad_regular_expression_is_a_one_line_error(review: Review) -> None:
    with pytest.raises(SearchError, match=r"not a regular expression: rubli\(: missing \)"):
        review.search(Search("rubli(", regex=True))
    with pytest.raises(SearchError, match="matches an empty text"):
        review.search(Search("x*", regex=True))
    with pytest.raises(SearchError, match="type something"):
        review.search(Search(""))


def test_next_match_wraps_round_and_keeps_to_the_beads_shown(review: Review) -> None:
    search = Search("the")
    assert review.next_match(search, 0) == 1
    assert review.next_match(search, 1) == 3
    assert review.next_match(search, 3) == 0  # round to the top
    assert review.next_match(search, 0, step=-1) == 3
    assert review.next_match(search, 0, among=[2, 3]) == 3
    assert review.next_match(Search("nowhere"), 0) is None


def test_search_finds_the_text_as_edited(review: Review) -> None:
    review.edit_target(1, "The salary is 120,000 roubles.")
    assert review.search(Search("roubles")) == [1]
    review.undo()
    assert review.search(Search("roubles")) == []


def test_search_highlights_are_the_matching_spans_of_each_side() -> None:
    marks = search_highlights(Search("an"), ("Anna e Ivan", "Anna and Ivan"))
    assert [(m.side, m.span) for m in marks] == [
        ("src", (0, 2)),
        ("src", (9, 11)),
        ("tgt", (0, 2)),
        ("tgt", (5, 7)),
        ("tgt", (11, 13)),
    ]
    assert all(m.style == "match" for m in marks)


# Go to bead N.


def test_go_to_takes_the_number_people_see(review: Review) -> None:
    assert review.go_to(1) == 0 and review.cursor == 0
    assert review.go_to(" 4 ") == 3 and review.cursor == 3
    review.save()
    assert resume_review(review.session_path).cursor == 3


@pytest.mark.parametrize("number", [0, 5, "-1", "two", "", "²"])
def test_go_to_a_bead_that_does_not_exist_says_which_there_are(review: Review, number) -> None:
    with pytest.raises(ReviewError, match=r"^there is no bead .*: the beads are 1 to 4$"):
        review.go_to(number)
    assert review.cursor == 0


# Move one sentence to the neighbouring bead.


def sides(review: Review) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in review.beads]


def test_the_first_source_sentence_joins_the_bead_before(review: Review, tmp_path) -> None:
    joined = review.move_sentence(1, "src", "up")
    assert joined == 0
    assert sides(review) == [((0, 1), (0,)), ((), (1,)), ((2,), (2,)), ((3,), (3,))]
    assert review.texts(0)[0] == "Il prezzo è 450.000 rubli.\nLo stipendio è 120.000 rubli."
    assert review.beads[1].kind == "0-1"
    # Checked as it now stands: a target without source.
    assert "addition" in [f.code for f in review.findings(1)]
    exported = review.export_tmx(tmp_path / "out.tmx")
    assert [unit[0] for unit in tmx_units(tmp_path / "out.tmx")] == ["1", "3", "4"]
    assert tmx_units(tmp_path / "out.tmx")[0][1].startswith("Il prezzo è 450.000 rubli. Lo")
    assert exported.one_sided == 1
    review.close()
    assert sides(resume_review(review.session_path)) == sides(review)


def test_the_last_target_sentence_joins_the_bead_after(review: Review) -> None:
    assert review.move_sentence(0, "tgt", "down") == 1
    assert sides(review) == [((0,), ()), ((1,), (0, 1)), ((2,), (2,)), ((3,), (3,))]
    assert review.texts(1)[1] == "The price is 450,000 rubles.\nThe salary is $120,000."
    assert review.undo()
    assert sides(review) == [((i,), (i,)) for i in range(4)]


def test_a_bead_left_empty_on_both_sides_is_gone(review: Review) -> None:
    review.detach(2)  # bead 3 becomes a 1-0 and a 0-1
    assert [b.kind for b in review.beads] == ["1-1", "1-1", "1-0", "0-1", "1-1"]
    review.move_sentence(2, "src", "down")
    assert sides(review) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    review.close()
    assert sides(resume_review(review.session_path)) == sides(review)


def test_a_move_takes_back_the_acceptance_of_the_two_beads_it_changes(review: Review) -> None:
    for index in range(4):
        review.accept(index)
    review.move_sentence(2, "tgt", "up")
    assert [b.accepted for b in review.beads] == [True, False, False, True]
    review.undo()
    assert all(b.accepted for b in review.beads)


def test_a_move_keeps_comments_and_dismissals_with_their_beads(review: Review) -> None:
    review.comment(1, "salary checked")
    [finding] = review.findings(1)
    review.dismiss_finding(1, finding, "agreed")
    review.move_sentence(2, "src", "up")  # "Grazie." joins bead 2
    assert review.beads[1].comment == "salary checked"
    assert review.beads[1].dismissed[0].note == "agreed"


@pytest.mark.parametrize(
    ("index", "side", "direction", "message"),
    [
        (0, "src", "up", "there is no bead before the first bead to move a sentence to"),
        (3, "tgt", "down", "there is no bead after the last bead to move a sentence to"),
    ],
)
def test_a_move_off_either_end_is_refused(review: Review, index, side, direction, message):
    with pytest.raises(ReviewError, match=f"^{message}$"):
        review.move_sentence(index, side, direction)
    assert not review.can_undo


def test_a_side_without_sentences_has_none_to_move(review: Review) -> None:
    review.detach(1)
    with pytest.raises(ReviewError, match="^bead 2 has no target sentence to move$"):
        review.move_sentence(1, "tgt", "up")


# Bulk decisions.


def test_accept_confident_takes_the_beads_at_or_above_with_nothing_open(
    tmp_path: Path, encoder
) -> None:
    review = start_review(tmp_path, encoder, [0.95, 0.99, 0.90, 0.89])  # bead 2: an error
    review.accept(0)
    assert review.accept_confident(0.9) == 1  # bead 3: bead 1 was accepted, 4 is below
    assert [b.accepted for b in review.beads] == [True, False, True, False]
    assert review.accept_confident("0.5") == 1
    assert review.undo()  # one step takes the bulk back
    assert [b.accepted for b in review.beads] == [True, False, True, False]
    review.close()
    assert [b.accepted for b in resume_review(review.session_path).beads] == [
        True,
        False,
        True,
        False,
    ]


def test_accept_confident_with_nothing_to_take_changes_nothing(review: Review) -> None:
    assert review.accept_confident(1) == 0
    assert not review.can_undo


@pytest.mark.parametrize("threshold", [1.5, -0.1, "high", "", "nan"])
def test_a_threshold_outside_0_to_1_is_refused(review: Review, threshold) -> None:
    with pytest.raises(ReviewError, match="^a confidence is a number from 0 to 1, not "):
        review.accept_confident(threshold)


def test_dismiss_code_dismisses_every_open_finding_of_it_with_one_note(
    review: Review, tmp_path: Path
) -> None:
    review.edit_target(0, "The price is 450,000 dollars.")
    assert review.open_codes() == {"currency-mismatch": 2}
    assert review.dismiss_code("currency-mismatch", "the client pays in dollars") == 2
    assert review.open_codes() == {}
    assert [d.note for d in review.beads[0].dismissed] == ["the client pays in dollars"]
    assert review.dismiss_code("currency-mismatch", "again") == 0
    review.export_tmx(tmp_path / "out.tmx")
    notes = etree.parse(str(tmp_path / "out.tmx")).xpath("//tu[@tuid='2']/note/text()")
    assert notes == ["currency-mismatch dismissed: the client pays in dollars"]
    review.close()
    assert resume_review(review.session_path).open_codes() == {}
    review = resume_review(review.session_path)
    assert review.undo() is False  # undo history is not saved


def test_dismiss_code_is_one_undoable_step(review: Review) -> None:
    review.edit_target(0, "The price is 450,000 dollars.")
    review.dismiss_code("currency-mismatch")
    review.undo()
    assert review.open_codes() == {"currency-mismatch": 2}


def test_after_a_bulk_dismissal_the_counts_and_the_filter_are_those_counted_afresh(
    review: Review,
) -> None:
    review.edit_target(0, "The price is 450,000 dollars.")
    review.severity_counts()  # counted before the change: the dismissal carries them
    review.dismiss_code("currency-mismatch")
    review.accept_confident(0.5)
    review.close()
    afresh = resume_review(review.session_path)
    for view in (review, afresh):
        assert view.severity_counts()[Severity.ERROR] == 0
    assert review.severity_counts() == afresh.severity_counts()
    assert review.visible(Filter.FINDINGS) == afresh.visible(Filter.FINDINGS)
    assert [review.status(i) for i in range(4)] == [afresh.status(i) for i in range(4)]


def test_the_shape_and_the_alignment_follow_every_change_made_or_undone(review: Review) -> None:
    shapes = []
    for change in (
        lambda: review.merge_with_next(1),
        lambda: review.accept(0),
        lambda: review.detach(1),
        review.undo,
        lambda: review.split_bead(1, 1, 0),
        review.undo,
        review.undo,
    ):
        change()
        shapes.append(review.shape[0])  # each made from the one before
        assert review.shape[0] == tuple((b.src, b.tgt, b.score) for b in review.beads)
        made = review.edited_alignment().beads  # so is the alignment as reviewed
        assert made == tuple(Bead(b.src, b.tgt, b.score) for b in review.beads)
    assert shapes[-1] == shapes[1] != shapes[2]


# Source edits.


def test_edit_source_rechecks_the_bead_and_keeps_the_original(review: Review) -> None:
    assert [f.code for f in review.findings(1)] == ["currency-mismatch"]
    review.edit_source(1, "Lo stipendio è 120.000 dollari.")
    assert review.findings(1) == ()
    assert review.texts(1)[0] == "Lo stipendio è 120.000 dollari."
    assert review.original_texts(1) == ("Lo stipendio è 120.000 rubli.", "The salary is $120,000.")
    assert review.is_edited(1) and not review.is_edited(0)
    assert review.search(Search("dollari")) == [1]
    review.undo()
    assert [f.code for f in review.findings(1)] == ["currency-mismatch"]
    assert not review.is_edited(1)


def test_a_source_edit_is_exported_and_resumed(review: Review, tmp_path: Path) -> None:
    review.edit_source(1, "Lo stipendio è 120.000 dollari.")
    review.edit_target(2, "Thanks.")
    review.export_tmx(tmp_path / "out.tmx")
    assert tmx_units(tmp_path / "out.tmx")[1:3] == [
        ("2", "Lo stipendio è 120.000 dollari.", "The salary is $120,000."),
        ("3", "Grazie.", "Thanks."),
    ]
    review.close()
    resumed = resume_review(review.session_path)
    assert resumed.source_edits == {1: "Lo stipendio è 120.000 dollari."}
    assert resumed.edits == {2: "Thanks."}
    assert resumed.findings(1) == () and resumed.is_edited(1) and resumed.is_edited(2)
    # The document itself is left as it is.
    assert "120.000 rubli" in review.alignment.src.path.read_text(encoding="utf-8")


def test_a_session_written_before_source_edits_reads(review: Review) -> None:
    data = json.loads(review.session_path.read_text(encoding="utf-8"))
    del data["source_edits"]
    review.close()
    review.session_path.write_text(json.dumps(data), encoding="utf-8")
    assert resume_review(review.session_path).source_edits == {}


def test_a_wrong_source_edit_in_a_session_is_named(review: Review) -> None:
    data = json.loads(review.session_path.read_text(encoding="utf-8"))
    data["source_edits"] = {"9": "x"}
    review.close()
    review.session_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        InputError,
        match=r"source_edits\['9'\] is wrong: source_edits must be "
        r"an object of source sentence numbers \(0 to 3\) and one-line texts",
    ):
        resume_review(review.session_path)


def test_a_bead_without_source_has_none_to_edit(review: Review) -> None:
    review.detach(0)
    with pytest.raises(ReviewError, match="^bead 2 has no source text to edit$"):
        review.edit_source(1, "x")


def test_realign_keeps_a_source_edit_where_its_sentence_is_unchanged(
    review: Review, encoder
) -> None:
    review.edit_source(1, "Lo stipendio è 120.000 dollari.")
    review.close()
    target = review.alignment.tgt.path
    target.write_text(TGT + "\nOne more line.", encoding="utf-8")
    realigned = realign_review(review.session_path, encoder)
    assert realigned.lost == ()
    assert realigned.review.source_edits == {1: "Lo stipendio è 120.000 dollari."}


def test_check_session_reads_the_source_as_edited(review: Review, capsys) -> None:
    review.edit_source(1, "Lo stipendio è 120.000 dollari.")
    review.close()
    assert main(["check", str(review.session_path), "--format", "json"]) == 0  # error fixed
    pairs = json.loads(capsys.readouterr().out)["pairs"]
    assert pairs[1]["src_text"] == "Lo stipendio è 120.000 dollari." and pairs[1]["findings"] == []
