"""The review state: decisions, alignment fixes, edits, undo, the session file."""

import json
import os
from pathlib import Path

import pytest
from lxml import etree

from aligner import Alignment, Bead, EncoderError, InputError, load_document
from aligner.checks import CheckConfig
from aligner.embed import UniversalSentenceEncoder
from aligner.model import Severity, confidence_band
from aligner.pipeline import bead_score
from aligner.realign import realign_review
from aligner.review import Filter, Review, ReviewError, Status, resume_review
from aligner.session import DocumentsChanged, default_session_path, read_session
from aligner.session_lock import SessionInUse, lock_path

SRC = "Il prezzo è 450.000 rubli.\nLo stipendio è 120.000 rubli.\nGrazie.\nFine."
TGT = "The price is 450,000 rubles.\nThe salary is $120,000.\nThank you.\nThe end."


@pytest.fixture
def documents(tmp_path: Path) -> tuple[Path, Path]:
    src, tgt = tmp_path / "it.txt", tmp_path / "en.txt"
    src.write_text(SRC, encoding="utf-8")
    tgt.write_text(TGT, encoding="utf-8")
    return src, tgt


def one_to_one(src_path: Path, tgt_path: Path) -> Alignment:
    """The documents aligned line by line, as the encoder would, without it."""
    src, tgt = load_document(src_path, "it"), load_document(tgt_path, "en")
    beads = tuple(Bead((i,), (i,), 0.9) for i in range(len(src.segments)))
    return Alignment(src, tgt, beads, UniversalSentenceEncoder.name)


@pytest.fixture
def review(documents: tuple[Path, Path], encoder) -> Review:
    src, tgt = documents
    return Review.start(
        one_to_one(src, tgt), session_path=default_session_path(tgt), encoder=encoder
    )


def test_findings_and_status(review: Review) -> None:
    assert review.findings(0) == ()
    assert review.status(0) is Status.UNREVIEWED
    assert [f.code for f in review.findings(1)] == ["currency-mismatch"]
    assert review.status(1) is Status.FINDINGS
    assert review.visible(Filter.FINDINGS) == [1]
    assert review.next_finding(0) == 1 and review.next_finding(1) is None
    assert review.next_finding(3, step=-1) == 1


def test_accept_toggles_and_counts(review: Review) -> None:
    review.accept(0)
    assert review.status(0) is Status.ACCEPTED
    assert review.reviewed_share() == 0.25
    assert review.visible(Filter.UNREVIEWED) == [1, 2, 3]
    review.accept(0)
    assert review.status(0) is Status.UNREVIEWED


def test_accepting_a_bead_leaves_its_error_open_and_found(review: Review) -> None:
    review.accept(1)
    assert review.status(1) is Status.ACCEPTED_WITH_FINDINGS
    assert [f.code for f in review.findings(1)] == ["currency-mismatch"]
    assert review.visible(Filter.FINDINGS) == [1]
    assert review.next_finding(0) == 1
    assert review.severity_counts()["error"] == 1
    review.dismiss_finding(1, review.findings(1)[0], "paid in dollars")
    assert review.status(1) is Status.ACCEPTED


def test_dismiss_finding_with_note(review: Review) -> None:
    finding = review.findings(1)[0]
    review.dismiss_finding(1, finding, "the client pays in dollars")
    assert review.findings(1) == ()
    assert review.checked(1).findings == (finding,)  # still there, only dismissed
    assert review.status(1) is Status.UNREVIEWED
    assert review.severity_counts()["error"] == 0


def test_merge_split_detach_and_undo(review: Review) -> None:
    original = review.beads
    review.merge_with_next(1)
    assert [b.kind for b in review.beads] == ["1-1", "2-2", "1-1"]
    assert review.split_points(1) == [(0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1)]
    review.split_bead(1, 1, 1)
    assert [(b.src, b.tgt) for b in review.beads] == [(b.src, b.tgt) for b in original]
    review.detach(0)
    assert [(b.src, b.tgt) for b in review.beads[:2]] == [((0,), ()), ((), (0,))]
    assert [f.code for f in review.findings(0)] == ["omission"]
    assert review.undo() and review.undo() and review.undo()
    assert review.beads == original
    assert not review.undo()


def test_the_counts_follow_every_change_and_its_undo(review: Review) -> None:
    """Counted once, then carried from change to change for the beads it left alone."""
    assert (review.visible(Filter.FINDINGS), review.severity_counts()["error"]) == ([1], 1)
    review.edit_target(1, "The salary is 120,000 rubles.")  # the error fixed
    assert (review.visible(Filter.FINDINGS), review.severity_counts()["error"]) == ([], 0)
    review.edit_target(2, "Thank you, 5 times.")  # another bead's error made
    assert review.visible(Filter.FINDINGS) == [2]
    review.merge_with_next(0)  # the beads after it move up one
    assert review.visible(Filter.FINDINGS) == [1]
    assert review.open_codes() == {"extra-in-target": 1}
    review.undo()
    review.undo()
    assert (review.visible(Filter.FINDINGS), review.severity_counts()["error"]) == ([], 0)
    review.undo()
    assert review.visible(Filter.FINDINGS) == [1]
    assert review.open_codes() == {"currency-mismatch": 1}


def test_a_rehearsed_change_leaves_the_review_as_it_was(review: Review) -> None:
    """`rehearse` makes the change on a copy: nothing changes, nothing is saved."""
    before, saved = review.beads, review.session_path.read_bytes()
    review.rehearse(lambda copy: copy.merge_with_next(0))
    assert review.beads == before and not review.can_undo
    assert review.session_path.read_bytes() == saved
    with pytest.raises(ReviewError):
        review.rehearse(lambda copy: copy.merge_with_next(3))
    review.merge_with_next(0)
    assert [b.kind for b in review.beads] == ["2-2", "1-1", "1-1"]


# The score of a bead the reviewer builds.


def heading_then_box(review: Review) -> int:
    """The bead of an English heading only the English has, followed by the Italian
    "VEDI ANCHE" box only the Italian has: two unrelated texts side by side."""
    texts = [review.checked(i).pair for i in range(len(review.beads))]
    return next(
        i
        for i in range(len(texts) - 1)
        if texts[i].src_text is None
        and (texts[i + 1].tgt_text is None and texts[i + 1].src_text.startswith("VEDI ANCHE"))
    )


def test_a_merge_is_scored_from_its_texts_not_from_the_beads_it_came_from(
    rubli_alignment, encoder, tmp_path: Path
) -> None:
    review = Review.start(rubli_alignment, session_path=tmp_path / "s.json", encoder=encoder)
    bead = heading_then_box(review)
    # Each is sure it has no counterpart: that says nothing of the two as a pair.
    assert min(review.beads[bead].score, review.beads[bead + 1].score) > 0.9
    review.merge_with_next(bead)
    assert confidence_band(review.beads[bead].score) != "confident"
    assert resume_review(review.session_path).beads[bead].score == review.beads[bead].score


def test_detached_translations_are_not_sure_to_have_no_counterpart(review: Review) -> None:
    review.detach(2)  # "Grazie." / "Thank you."
    assert [b.kind for b in review.beads[2:4]] == ["1-0", "0-1"]
    assert all(confidence_band(b.score) == "doubtful" for b in review.beads[2:4])
    review.merge_with_next(2)  # and put back: as sure as a translation
    assert review.beads[2].kind == "1-1" and confidence_band(review.beads[2].score) == "confident"


def test_an_unrelated_merge_keeps_its_low_confidence_finding_when_accepted(
    tmp_path: Path, encoder
) -> None:
    (tmp_path / "it.txt").write_text("Il gatto dorme sul divano.", encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "The committee postponed the vote on the budget.", encoding="utf-8"
    )
    src, tgt = load_document(tmp_path / "it.txt", "it"), load_document(tmp_path / "en.txt", "en")
    alignment = Alignment(
        src, tgt, (Bead((0,), (), 0.9), Bead((), (0,), 0.9)), UniversalSentenceEncoder.name
    )
    review = Review.start(alignment, session_path=tmp_path / "s.json", encoder=encoder)
    review.merge_with_next(0)
    assert review.beads[0].score < 0.5
    assert [f.code for f in review.findings(0)] == ["low-confidence"]
    review.accept(0)
    assert review.status(0) is Status.ACCEPTED_WITH_FINDINGS
    assert [f.code for f in resume_review(review.session_path).findings(0)] == ["low-confidence"]


def test_a_merge_loads_the_sessions_encoder_when_none_was_given(
    review: Review, encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = []

    def load(name, threads=None):
        loaded.append(name)
        return encoder

    monkeypatch.setattr("aligner.review.EncoderProcess", load)
    resumed = resume_review(review.session_path)
    review.close()
    assert not resumed.scoring_ready
    resumed.merge_with_next(2)
    assert loaded == [None]  # the default, by the session's encoder name
    assert confidence_band(resumed.beads[2].score) == "confident"


def test_a_merge_that_cannot_be_scored_is_refused_and_the_encoder_tried_once(
    review: Review, monkeypatch: pytest.MonkeyPatch
) -> None:
    tries = []

    def missing(name, threads=None):
        tries.append(name)
        raise EncoderError("cannot load the sentence-transformers model 'gone': not found")

    monkeypatch.setattr("aligner.review.EncoderProcess", missing)
    review.close()
    resumed = resume_review(review.session_path)
    for _ in range(2):
        with pytest.raises(ReviewError, match="cannot score the new bead: cannot load"):
            resumed.merge_with_next(0)
    assert len(resumed.beads) == 4 and tries == [None]


def test_impossible_changes_are_review_errors(review: Review) -> None:
    with pytest.raises(ReviewError, match="last bead"):
        review.merge_with_next(3)
    with pytest.raises(ReviewError, match="cannot be split"):
        review.split_bead(0, 1, 1)
    review.detach(0)
    with pytest.raises(ReviewError, match="only one side"):
        review.detach(0)
    with pytest.raises(ReviewError, match="no target"):
        review.edit_target(0, "x")


def test_edit_target_rechecks_the_bead(review: Review) -> None:
    review.edit_target(1, "The salary is 120,000 rubles.")
    assert review.findings(1) == ()
    assert review.checked(1).pair.tgt_text == "The salary is 120,000 rubles."
    assert review.checked(2).pair.tgt_text == "Thank you."
    review.undo()
    assert [f.code for f in review.findings(1)] == ["currency-mismatch"]


def test_a_line_break_in_an_edit_becomes_a_space(review: Review) -> None:
    review.edit_target(1, "The salary is\n120,000 rubles.\r\n")
    assert review.checked(1).pair.tgt_text == "The salary is 120,000 rubles."
    resumed = resume_review(review.session_path)  # still four target sentences
    assert resumed.checked(1).pair.tgt_text == "The salary is 120,000 rubles."
    assert len(resumed.beads) == 4


def test_edit_of_a_merged_bead_is_its_whole_target(review: Review) -> None:
    review.merge_with_next(2)
    review.edit_target(2, "Thanks. The end.")
    assert review.checked(2).pair.tgt_text == "Thanks. The end."
    assert review.edited_alignment().tgt.text.endswith("$120,000.\nThanks. The end.")


def test_every_change_is_saved_and_resumed(review: Review) -> None:
    review.accept(0)
    review.dismiss_finding(1, review.findings(1)[0], "ok")
    review.comment(2, "check with the client")
    review.merge_with_next(2)
    review.edit_target(2, "Thanks. The end.")
    review.cursor = 2
    review.save()
    resumed = resume_review(review.session_path)
    assert resumed.beads == review.beads
    assert resumed.edits == review.edits
    assert resumed.cursor == 2
    assert resumed.checked(2).pair.tgt_text == "Thanks. The end."


def test_session_file_is_versioned_json_with_hashes(review: Review, documents) -> None:
    data = json.loads(review.session_path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["documents"]["tgt"]["path"] == "en.txt"
    assert len(data["documents"]["src"]["sha256"]) == 64
    assert data["beads"][1]["tgt_text"] == "The salary is $120,000."


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "corrupt JSON"),
        ('{"beads": []}', "no version"),
        ('{"version": 99}', "version 99"),
        ('{"version": 1, "documents": {}}', "documents.src is missing"),
    ],
)
def test_corrupt_session_is_one_line_error_and_left_alone(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "s.review.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        resume_review(path)
    assert "\n" not in str(error.value)
    assert path.read_text(encoding="utf-8") == content


def _session_with(path: Path, change) -> str:
    """The session at `path` with `change(data)` made to its JSON; returns the text."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    text = json.dumps(data)
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["beads"][3].update(src=["3"]),
         "beads[3].src must be a list of sentence numbers from 0 to 3"),
        (lambda d: d["beads"][3].update(src=[7]),
         "beads[3].src must be a list of sentence numbers from 0 to 3"),
        (lambda d: d["beads"][1].update(score=1.5), "beads[1].score must be a number from 0 to 1"),
        (lambda d: d["beads"][1].update(score="0.9"), "beads[1].score must be a number from 0 to 1"),
        (lambda d: d["beads"][0].update(accepted="yes"), "beads[0].accepted must be true or false"),
        (lambda d: d["beads"][0].update(dismissed=[{"code": 1}]),
         "beads[0].dismissed[0] must be a dismissed finding {code, message, note}"),
        (lambda d: d["beads"][2].pop("comment"), "beads[2].comment is missing"),
        (lambda d: d["beads"][2].update(reviewer_made=1), "beads[2].reviewer_made must be true or false"),
        (lambda d: d["beads"][2].update(tgt_text="Thank you.\nMore."),
         "beads[2].tgt_text must hold its 1 sentences, one a line"),
        (lambda d: d["beads"].pop(2), "beads must cover the 4 source sentences once each"),
        (lambda d: d.update(cursor=4), "cursor must be a bead index from 0 to 3"),
        (lambda d: d.update(cursor="2"), "cursor must be a bead index from 0 to 3"),
        (lambda d: d.update(presegmented=0), "presegmented must be true or false"),
        (lambda d: d.update(edits={"9": "x"}), "edits['9'] is wrong: edits must be an object"),
        (lambda d: d.update(edits={"1": "two\nlines"}), "edits['1'] is wrong"),
        (lambda d: d["documents"]["tgt"].update(segments="4"),
         "documents.tgt.segments must be a count"),
        (lambda d: d["documents"]["src"].update(sha256="abc"),
         "documents.src.sha256 must be a SHA-256"),
        (lambda d: d["documents"]["src"].pop("path"), "documents.src.path is missing"),
    ],
)  # fmt: skip
def test_a_wrong_field_is_named_with_what_it_should_be(review: Review, change, message) -> None:
    content = _session_with(review.session_path, change)
    with pytest.raises(InputError) as error:
        resume_review(review.session_path)
    assert str(error.value).startswith(f"{review.session_path} is not a review session: ")
    assert message in str(error.value) and "\n" not in str(error.value)
    assert review.session_path.read_text(encoding="utf-8") == content


def checked_and_saved(review: Review) -> list:
    """Every bead's findings, once the session is saved with them: what a reviewer saw."""
    found = [review.findings(i) for i in range(len(review.beads))]
    review.save()
    review.close()
    return found


def counting_checks(monkeypatch: pytest.MonkeyPatch) -> list:
    """The pairs the checks of one pair run on from now on."""
    from aligner.review_findings import check_pair

    checked = []

    def counted(pair, **options):
        checked.append(pair)
        return check_pair(pair, **options)

    monkeypatch.setattr("aligner.review_findings.check_pair", counted)
    return checked


def test_a_notebook_names_its_files_as_strings(
    documents: tuple[Path, Path], encoder, tmp_path: Path
) -> None:
    src, tgt = documents
    session = str(tmp_path / "review.json")
    review = Review.start(one_to_one(src, tgt), session_path=session, encoder=encoder)
    review.accept(0)
    review.export_tmx(str(tmp_path / "it-en.tmx"), accepted_only=True)
    assert len(etree.parse(tmp_path / "it-en.tmx").findall(".//tu")) == 1
    review.close()
    assert resume_review(session).beads[0].accepted
    assert realign_review(session, encoder).review.beads[0].accepted


def test_a_resumed_review_shows_the_findings_its_session_kept_without_checking(
    review: Review, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = checked_and_saved(review)
    checked = counting_checks(monkeypatch)
    resumed = resume_review(review.session_path)
    assert [resumed.findings(i) for i in range(len(resumed.beads))] == found
    assert resumed.status(1) is Status.FINDINGS and checked == []


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(checks="0" * 64),  # other checks found them: another version
        lambda d: [b.pop("findings", None) for b in d["beads"]],  # written before findings
        lambda d: d.pop("checks"),
    ],
)
def test_findings_kept_by_other_checks_are_found_again(
    review: Review, monkeypatch: pytest.MonkeyPatch, change
) -> None:
    found = checked_and_saved(review)
    _session_with(review.session_path, change)
    checked = counting_checks(monkeypatch)
    resumed = resume_review(review.session_path)
    assert [resumed.findings(i) for i in range(len(resumed.beads))] == found
    assert len(checked) == len(resumed.beads)


def test_findings_kept_under_another_config_are_found_again(review: Review) -> None:
    checked_and_saved(review)
    config = CheckConfig(severities={"currency-mismatch": Severity.WARNING})
    resumed = resume_review(review.session_path, check_config=config)
    assert [f.severity for f in resumed.findings(1)] == [Severity.WARNING]


def test_a_kept_finding_is_not_taken_for_a_text_edited_since(review: Review) -> None:
    """A session changed by hand: the currency fixed in its edits, its finding left."""
    checked_and_saved(review)
    _session_with(
        review.session_path, lambda d: d.update(edits={"1": "The salary is 120,000 rubles."})
    )
    resumed = resume_review(review.session_path)
    assert resumed.findings(1) == ()


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(checks=7), "checks must be the checks' fingerprint (a text) or null"),
        (lambda d: d["beads"][1].update(findings=[]), "beads[1].findings must be an object {pair, found}"),
        (lambda d: d["beads"][1]["findings"]["found"][0].update(severity="fatal"),
         "beads[1].findings.found[0] must be a finding"),
        (lambda d: d["beads"][1]["findings"]["found"][0].update(src_span=[3, 1]),
         "beads[1].findings.found[0] must be a finding"),
    ],
)  # fmt: skip
def test_a_wrong_kept_finding_is_named(review: Review, change, message) -> None:
    checked_and_saved(review)
    content = _session_with(review.session_path, change)
    with pytest.raises(InputError) as error:
        resume_review(review.session_path)
    assert message in str(error.value) and "\n" not in str(error.value)
    assert review.session_path.read_text(encoding="utf-8") == content


def test_a_session_written_before_reviewer_made_beads_reads(review: Review) -> None:
    review.merge_with_next(0)
    _session_with(review.session_path, lambda data: [b.pop("reviewer_made") for b in data["beads"]])
    assert not resume_review(review.session_path).beads[0].reviewer_made


def test_changed_document_is_reported_and_realigned_keeping_decisions(
    review: Review, documents
) -> None:
    review.accept(0)
    review.comment(2, "polite")
    _, tgt = documents
    tgt.write_text(TGT.replace("The end.", "The end, really."), encoding="utf-8")
    with pytest.raises(DocumentsChanged, match="en.txt changed"):
        resume_review(review.session_path)
    review.close()
    realigned = realign_review(review.session_path).review  # with the session's encoder
    assert realigned.beads[0].accepted
    assert realigned.beads[2].comment == "polite"
    assert not realigned.beads[3].accepted
    assert resume_review(review.session_path).beads == realigned.beads


def test_a_document_that_splits_into_other_sentences_is_offered_a_realign(
    tmp_path: Path, encoder
) -> None:
    """The same text read by another segmenter: the beads' sentence numbers no longer
    mean the same sentences, so the review cannot resume as it was, but can re-align."""
    (tmp_path / "it.txt").write_text("Grazie. Fine.", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Thank you. The end.", encoding="utf-8")
    src, tgt = load_document(tmp_path / "it.txt", "it"), load_document(tmp_path / "en.txt", "en")
    alignment = Alignment(src, tgt, (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)), "x")
    review = Review.start(alignment, session_path=tmp_path / "s.json")
    review.accept(1)
    review.close()
    # Read one line a segment from now on: one sentence where there were two.
    _session_with(review.session_path, lambda data: data.update(presegmented=True))
    with pytest.raises(DocumentsChanged) as changed:
        resume_review(review.session_path)
    assert changed.value.documents == (tmp_path / "it.txt", tmp_path / "en.txt")
    realigned = realign_review(review.session_path, encoder)
    assert [b.kind for b in realigned.review.beads] == ["1-1"]
    assert realigned.lost == (1,)


def test_realign_keeps_merges_and_detaches_and_says_what_it_could_not_keep(
    review: Review, documents, encoder
) -> None:
    src, tgt = documents
    review.detach(0)  # [0]:[], []:[0], [1]:[1], [2]:[2], [3]:[3]
    review.comment(2, "check the currency")  # on the salary, which will change
    review.merge_with_next(3)  # "Grazie. Fine." / "Thank you. The end."
    review.accept(3)
    review.cursor = 3
    review.save()
    saved = [(b.src, b.tgt, b.accepted) for b in review.beads]
    review.close()
    tgt.write_text(TGT.replace("$120,000", "120,000 rubles"), encoding="utf-8")
    realigned = realign_review(review.session_path, encoder)
    beads = realigned.review.beads
    assert [(b.src, b.tgt, b.accepted) for b in beads] == saved  # as the reviewer left them
    assert [b.comment for b in beads] == ["", "", "", ""]
    assert realigned.lost == (2,)
    assert "bead 3 could not be kept: its text changed" in realigned.summary
    assert realigned.review.cursor == 3  # on the merged bead still
    resumed = resume_review(review.session_path)
    assert resumed.beads == beads and resumed.cursor == 3
    kept_before = read_session(realigned.backup)
    assert kept_before.beads[2].comment == "check the currency"


def test_realign_keeps_a_merge_only_where_its_sentences_still_follow_each_other(
    review: Review, documents, encoder
) -> None:
    src, _ = documents
    review.merge_with_next(2)
    review.close()
    src.write_text(SRC.replace("Grazie.\n", "Grazie.\nDavvero.\n"), encoding="utf-8")
    realigned = realign_review(review.session_path, encoder)
    assert realigned.lost == (2,)
    assert all(not b.reviewer_made for b in realigned.review.beads)


def test_realign_cuts_the_fresh_beads_around_a_kept_bead_and_scores_the_pieces(
    review: Review, documents, encoder
) -> None:
    _, tgt = documents
    review.detach(2)  # [2]:[] and []:[2], "Grazie." / "Thank you."
    review.merge_with_next(1)  # [1, 2]:[1]: the salary with "Grazie."
    review.close()
    # "Thank you." changes: the []:[2] part is lost; the fresh [2]:[2] has its source
    # in the kept [1, 2]:[1].
    tgt.write_text(TGT.replace("Thank you.", "Thank you very much."), encoding="utf-8")
    realigned = realign_review(review.session_path, encoder)
    beads = realigned.review.beads
    assert realigned.lost == (2,)
    assert [(b.src, b.tgt) for b in beads] == [
        ((0,), (0,)),
        ((1, 2), (1,)),
        ((), (2,)),
        ((3,), (3,)),
    ]
    document = realigned.review.alignment
    assert beads[2].score == bead_score(
        document.src, document.tgt, range(3, 3), range(2, 3), encoder
    )


def test_export_tmx_accepted_only_with_edits_and_notes(review: Review, tmp_path: Path) -> None:
    review.accept(1)
    review.edit_target(1, "The salary is 120,000 rubles.")
    review.comment(1, "fixed the currency")
    path = tmp_path / "out.tmx"
    exported = review.export_tmx(path, accepted_only=True)
    assert exported.beads == (2,)  # bead 2 as the review shows it, its own tuid
    tree = etree.parse(str(path))
    assert tree.xpath("//tu/@tuid") == ["2"]
    assert tree.xpath("//tu/tuv[2]/seg/text()") == ["The salary is 120,000 rubles."]
    assert tree.xpath("//tu/note/text()") == ["fixed the currency"]


def test_a_second_review_of_a_session_cannot_overwrite_the_first(review: Review) -> None:
    review.accept(0)
    second = resume_review(review.session_path)  # reading is allowed: check, report
    with pytest.raises(SessionInUse, match=rf"is open in another review \(pid {os.getpid()} on "):
        second.accept(3)
    with pytest.raises(SessionInUse):
        second.claim_session()
    assert [b.accepted for b in resume_review(review.session_path).beads] == [1, 0, 0, 0]
    review.close()
    second.save()  # what it could not save is saved once the first lets go
    assert [b.accepted for b in resume_review(review.session_path).beads] == [1, 0, 0, 1]
    second.close()
    assert not lock_path(review.session_path).exists()


def test_session_path_defaults_beside_the_target() -> None:
    assert default_session_path(Path("a/en.txt")) == Path("a/en.txt.review.json")


def test_read_session_reads_without_loading_documents(review: Review) -> None:
    session = read_session(review.session_path)
    assert session.sources[1].lang == "en" and len(session.beads) == 4


def test_realign_gives_repeated_texts_their_own_decisions(tmp_path: Path, encoder) -> None:
    src, tgt = tmp_path / "it.txt", tmp_path / "en.txt"
    src.write_text("Il gatto dorme.\nIl cane corre.\nIl gatto dorme.", encoding="utf-8")
    tgt.write_text("The cat sleeps.\nThe dog runs.\nThe cat sleeps.", encoding="utf-8")
    review = Review.start(one_to_one(src, tgt), session_path=tmp_path / "s.review.json")
    review.accept(0)
    review.comment(2, "the second time")
    review.close()
    src.write_text(src.read_text(encoding="utf-8") + "\nFine.", encoding="utf-8")
    tgt.write_text(tgt.read_text(encoding="utf-8") + "\nThe end.", encoding="utf-8")
    realigned = realign_review(review.session_path, encoder).review
    assert [(b.accepted, b.comment) for b in realigned.beads] == [
        (True, ""),
        (False, ""),
        (False, "the second time"),
        (False, ""),
    ]
