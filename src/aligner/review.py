"""A review of an alignment: the reviewer's decisions, fixes to the alignment, target
edits and undo.

This is the state the review UI shows and every UI action is a call here, so a notebook
can review too. Nothing here imports the UI. Every change is saved at once in the
session file (`aligner.session`); `resume_review` opens it again, `aligner.realign`
re-aligns it when a document changed.

    >>> review = Review.start(alignment, session_path=Path("it-en.review.json"))
    >>> review.accept(3); review.merge_with_next(7); review.undo()
    >>> review.export_tmx(Path("it-en.tmx"), accepted_only=True)
    >>> review = resume_review(Path("it-en.review.json"))   # where it was left
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from enum import StrEnum
from itertools import compress
from operator import attrgetter, not_
from pathlib import Path

from aligner.checks import DEFAULT_CONFIG, CheckConfig, bead_pair, side_text
from aligner.checks.fingerprint import checks_fingerprint
from aligner.embed import REVIEW_THREADS, CachedEncoder, Encoder, UniversalSentenceEncoder
from aligner.encoder_process import EncoderProcess
from aligner.errors import AlignerError, EncoderError, InputError
from aligner.export import export_tmx
from aligner.files import write_atomically
from aligner.model import (
    Alignment,
    Bead,
    CheckedPair,
    DismissedFinding,
    Document,
    DocumentVerdict,
    ExportedFile,
    Finding,
    ProgressCallback,
    ReviewBead,
    Severity,
    TextPair,
    bead_index,
    bead_number,
    with_fields,
)
from aligner.pinning import Realignment, holding, realigned, stretches
from aligner.pipeline import bead_score
from aligner.review_findings import (
    BeadTally,
    Counts,
    ReviewFindings,
    needs_attention,
    same,
)
from aligner.review_saving import ReviewSaving, SessionContent
from aligner.review_state import EditedDocuments, ReviewState, same_ends
from aligner.search import PairTexts, Search, matching_beads, next_in
from aligner.sentence_moves import Direction, MoveError, move_sentence
from aligner.session import DocumentsChanged, KeptFindings, load_documents, read_session, text_hash
from aligner.session_writer import SaveReport
from aligner.verdict import documents_verdict


class ReviewError(AlignerError):
    """An action that cannot be done on this bead (merge the last bead, split a 1-1 …)."""


class Status(StrEnum):
    """Where a bead stands in the review. Accepting a bead does not resolve its errors
    and warnings (as in Xbench or Verifika, a finding is resolved by fixing the text or
    dismissing the finding), so an accepted bead can still have findings open."""

    UNREVIEWED = "unreviewed"
    ACCEPTED = "accepted"
    FINDINGS = "findings"
    ACCEPTED_WITH_FINDINGS = "accepted, findings open"


class Filter(StrEnum):
    """Which beads a view lists."""

    ALL = "all"
    FINDINGS = "findings"
    UNREVIEWED = "unreviewed"


class Review:
    """An alignment under review. Every change is undoable and, with a `session_path`,
    saved at once (atomically), so that a crash loses nothing."""

    def __init__(
        self,
        alignment: Alignment,
        beads: Sequence[ReviewBead],
        *,
        edits: Mapping[int, str] | None = None,
        source_edits: Mapping[int, str] | None = None,
        session_path: Path | None = None,
        presegmented: bool = False,
        cursor: int = 0,
        encoder: Encoder | None = None,
        check_config: CheckConfig = DEFAULT_CONFIG,
        saved_findings: Sequence[KeptFindings | None] = (),
    ) -> None:
        """`encoder` scores the beads the reviewer builds and embeds them for the
        meaning check; by default the alignment's, loaded when first needed
        (`prepare_scoring`). `check_config`: which checks run, and how (the
        `aligner.toml` the CLI finds or is given). `saved_findings`: the findings of
        the checks of one pair a session kept for each of `beads` (None: not kept),
        found with `check_config` and these very checks (`resume_review` makes sure);
        each is taken for its bead only while the bead's pair is the one they were
        found on."""
        self.alignment = alignment
        self.check_config = check_config
        self.session_path = session_path
        self.presegmented = presegmented
        self.cursor = cursor
        self._state = ReviewState(
            tuple(beads),
            tuple(sorted((edits or {}).items())),
            tuple(sorted((source_edits or {}).items())),
        )
        self._undo: list[ReviewState] = []
        self._documents = EditedDocuments(alignment)
        self._findings = ReviewFindings(self._documents, check_config, beads, saved_findings)
        self._saving = ReviewSaving(alignment, presegmented, check_config)
        #: Changes made so far: which of two runs of the document checks is newer.
        self._changes = 0
        #: Inside `saves_held`: a change is not saved as it is made.
        self._saves_held = False
        #: The documents' verdict and the key (`_document_key`) it was judged for.
        self._verdict: tuple[tuple[object, ...], DocumentVerdict | None] | None = None
        self._edits_now: tuple[ReviewState, dict[str, dict[int, str]]] | None = None
        #: The edited alignment and the state it was made from: derived, never stale.
        self._edited: tuple[ReviewState, Alignment] | None = None
        self._encoder = CachedEncoder(encoder) if encoder is not None else None
        self._encoder_loading = threading.Lock()  # the UI loads it in the background
        #: Why the encoder could not be loaded: tried once (a model hub can take minutes
        #: to say no).
        self._encoder_failure: str | None = None
        #: The last search's matches and the state they were found in.
        self._matches: tuple[ReviewState, Search, list[int]] | None = None
        _check_complete(alignment, self._state.beads)

    @classmethod
    def start(
        cls,
        alignment: Alignment,
        *,
        session_path: Path | str | None = None,
        presegmented: bool = False,
        encoder: Encoder | None = None,
        check_config: CheckConfig = DEFAULT_CONFIG,
    ) -> Review:
        """A new review of every bead of `alignment`, saved to `session_path` if given;
        `encoder`: the one that aligned it, to score the beads the reviewer builds."""
        beads = [ReviewBead(b.src, b.tgt, b.score) for b in alignment.beads]
        review = cls(
            alignment,
            beads,
            session_path=None if session_path is None else Path(session_path),
            presegmented=presegmented,
            encoder=encoder,
            check_config=check_config,
        )
        review.save()
        return review

    # What the review shows.

    @property
    def beads(self) -> tuple[ReviewBead, ...]:
        return self._state.beads

    @property
    def edits(self) -> dict[int, str]:
        """Target segments the reviewer edited: index → new text."""
        return dict(self._state.edits)

    @property
    def source_edits(self) -> dict[int, str]:
        """Source segments the reviewer edited: index → new text."""
        return dict(self._state.source_edits)

    def is_edited(self, index: int) -> bool:
        """Whether the reviewer edited bead `index`'s source or target."""
        bead = self.beads[index]
        return any(i in self._state_edits("src") for i in bead.src) or any(
            j in self._state_edits("tgt") for j in bead.tgt
        )

    def original_texts(self, index: int) -> PairTexts:
        """Bead `index`'s source and target as the documents have them, before any edit."""
        bead = self.beads[index]
        return side_text(self.alignment.src, bead.src), side_text(self.alignment.tgt, bead.tgt)

    def _state_edits(self, side: str) -> dict[int, str]:
        """The edits of one side in the current state, kept while the state lasts."""
        current = self._edits_now
        if current is None or current[0] is not self._state:
            current = self._edits_now = (
                self._state,
                {"src": self.source_edits, "tgt": self.edits},
            )
        return current[1][side]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def edited_alignment(self) -> Alignment:
        """The alignment as reviewed: the reviewer's beads, both documents with their
        edits."""
        known = self._edited
        if known is None or known[0] is not self._state:
            beads = self._aligner_beads(known)
            known = self._edited = (self._state, replace(self._edited_documents(), beads=beads))
        return known[1]

    def _aligner_beads(self, known: tuple[ReviewState, Alignment] | None) -> tuple[Bead, ...]:
        """The beads as the aligner's, those a change left taken from the alignment
        `known` of another state (5,000 made anew cost each change that moves beads
        8 ms: the header's verdict reads them)."""
        if known is None:
            return tuple(Bead(b.src, b.tgt, b.score) for b in self.beads)
        before, made = known[0].beads, known[1].beads
        head, tail = same_ends(before, self.beads)
        middle = self.beads[head : len(self.beads) - tail]
        return (
            made[:head]
            + tuple(Bead(b.src, b.tgt, b.score) for b in middle)
            + made[len(before) - tail :]
        )

    def _edited_documents(self) -> Alignment:
        """The alignment with both documents as edited now and the aligner's beads."""
        return self._documents.of(self._state)

    def checked(self, index: int) -> CheckedPair:
        """Bead `index` with all its findings (dismissed ones included); checked when
        first asked for and again only when its text changes."""
        known = self._findings.checked_as_now(self._state, index)
        return known if known.index == index else replace(known, index=index)

    @property
    def document_checked(self) -> bool:
        """Whether the document checks' findings (consistency, meaning) are those of the
        review as it stands: after a change that moves beads or edits a text they are
        the last ones found, on the beads they were found on, until `check_document`
        runs (the UI runs it in the background after each change)."""
        return self._findings.document_checked(self._state, self.scoring_ready)

    def check_document(self) -> None:
        """Run the document checks (consistency, meaning) over every bead, unless their
        findings are those of the review as it stands: they embed every bead for the
        meaning check and read every text (seconds at first, most of a second at 5,000
        beads after a change), so `checked` never runs them; the UI runs this in a
        worker after each change. Every call that writes or reports the findings
        (`check_all`, `checked_pairs`, the export) runs it first. Safe to call from a
        thread while the screen's thread makes changes: it checks the beads as they
        were when it started."""
        state, change, ready = self._state, self._changes, self.scoring_ready
        self._findings.check_document(state, change, self._encoder, ready)

    @property
    def shape(self) -> tuple[object, ...]:
        """The beads' sentences and confidences and the edits, as one value to compare:
        a view lays the beads out again only when it changes (not after an accept)."""
        return self._document_key()[:-1]

    def verdict(self) -> DocumentVerdict | None:
        """Whether the documents, as reviewed, read as translations of each other
        (`verdict.documents_verdict`; None for a bilingual file's units): judged again
        only when a bead's sentences or confidence or a text changed, not after an
        accept (the header shows it after every key)."""
        key = self._document_key()
        known = self._verdict
        if known is None or not same(known[0], key):
            known = self._verdict = (key, documents_verdict(self.edited_alignment()))
        return known[1]

    def _document_key(self) -> tuple[object, ...]:
        """What the document checks' findings depend on now: the beads, the edits, and
        whether the encoder the meaning check embeds with is loaded yet
        (`prepare_scoring`; the UI loads it in the background)."""
        return self._findings.document_key(self._state, self.scoring_ready)

    def check_beads(self, beads: Iterable[ReviewBead]) -> None:
        """Check `beads` (of these documents, as edited) now, ahead of showing them: a
        re-alignment checks the beads it makes in the background."""
        for index, bead in enumerate(beads):
            self._findings.check(self._state, bead, index)

    def check_all(self, progress: ProgressCallback | None = None) -> None:
        """Check every bead now, and the document (the UI does it in the background)."""
        self.check_document()
        total = len(self.beads)
        for index in range(total):
            self.checked(index)
            if progress and (index % 100 == 0 or index + 1 == total):
                progress("check", index + 1, total)

    def prepare_checks(self) -> None:
        """Load what the checks of one pair read at their first run (the languages'
        CLDR data: seconds) by checking one bead with both sides: a review resumed with
        the findings its session kept runs no check, and its first change would load
        the data on the screen's thread. The UI does it in the background."""
        index = next((i for i, bead in enumerate(self.beads) if bead.src and bead.tgt), None)
        if index is not None:
            self._findings.prepare(self.pair(index))

    def pair(self, index: int) -> TextPair:
        """Bead `index`'s texts as reviewed (edits made), without checking them: what a
        view needs to lay the bead out before its findings are known."""
        bead = self.beads[index]
        return bead_pair(self._edited_documents(), Bead(bead.src, bead.tgt, bead.score))

    def is_checked(self, index: int) -> bool:
        """Whether bead `index` has been checked as it stands: a view that must not wait
        (the UI checks in the background) asks before it shows findings."""
        return self._findings.is_checked(self.beads[index], self.pair(index))

    def checked_pairs(self) -> tuple[CheckedPair, ...]:
        """Every bead as it stands in the review (edits made), with the findings the
        reviewer has not dismissed: what a report of the review shows."""
        self.check_document()
        return tuple(
            replace(self.checked(index), findings=self.findings(index))
            for index in range(len(self.beads))
        )

    def findings(self, index: int) -> tuple[Finding, ...]:
        """The findings of bead `index` that the reviewer has not dismissed."""
        return self._findings.findings(self._state, index)

    def needs_attention(self, index: int) -> bool:
        """Whether bead `index` has an error or a warning not dismissed. Notes (a heading
        only one version has, a converted unit) are shown but do not ask for a look."""
        return needs_attention(self.findings(index))

    def _tallied(self) -> dict[int, BeadTally]:
        """Every bead's open findings, by index (`ReviewFindings.tallied`)."""
        return self._findings.tallied(self._state)

    def _counts(self) -> Counts:
        """The open findings of every bead counted by severity and by code."""
        return self._findings.counts(self._state)

    def status(self, index: int) -> Status:
        attention = self.needs_attention(index)
        if self.beads[index].accepted:
            return Status.ACCEPTED_WITH_FINDINGS if attention else Status.ACCEPTED
        return Status.FINDINGS if attention else Status.UNREVIEWED

    def visible(self, view: Filter) -> list[int]:
        """Numbers of the beads a view with this filter lists."""
        if view is Filter.FINDINGS:
            return sorted(i for i, tally in self._tallied().items() if tally.attention)
        if view is Filter.UNREVIEWED:
            return [i for i, bead in enumerate(self.beads) if not bead.accepted]
        return list(range(len(self.beads)))

    def next_finding(self, index: int, step: int = 1) -> int | None:
        """The nearest bead after (`step` 1) or before (-1) `index` with an error or a
        warning."""
        candidates = range(index + step, len(self.beads) if step > 0 else -1, step)
        return next((i for i in candidates if self.needs_attention(i)), None)

    def texts(self, index: int) -> PairTexts:
        """Bead `index`'s source and target text as it stands (None: no such side)."""
        alignment, bead = self._edited_documents(), self.beads[index]
        # The stretch of each document `checks.bead_pair` gives, without building the
        # pair: a search reads every bead.
        return side_text(alignment.src, bead.src), side_text(alignment.tgt, bead.tgt)

    def search(self, search: Search) -> list[int]:
        """The beads whose text matches `search`, in order (`aligner.search`);
        SearchError for a bad regular expression."""
        matches = self._matches
        if matches is None or matches[0] is not self._state or matches[1] != search:
            matches = (self._state, search, matching_beads(search, self.texts, len(self.beads)))
            self._matches = matches
        return matches[2]

    def next_match(
        self, search: Search, index: int, step: int = 1, among: Iterable[int] | None = None
    ) -> int | None:
        """The bead after (`step` 1) or before (-1) `index` that matches, wrapping
        round; only beads `among` these (a filtered view) when given."""
        matches = self.search(search)
        if among is not None:
            shown = set(among)
            matches = [m for m in matches if m in shown]
        return next_in(matches, index, step)

    def severity_counts(self) -> dict[Severity, int]:
        """Findings not dismissed, by severity."""
        counted = self._counts().severities
        return {severity: counted[severity] for severity in Severity}

    def reviewed_share(self) -> float:
        """The share of beads accepted, 0 to 1."""
        return self.accepted_count() / len(self.beads) if self.beads else 1.0

    def accepted_count(self) -> int:
        return sum(b.accepted for b in self.beads)

    def go_to(self, number: int | str) -> int:
        """Put the cursor on the bead people call `number` (1-based, as every view
        numbers beads; the text typed in a dialog will do) and give its index.
        ReviewError when there is no such bead."""
        count = len(self.beads)
        text = str(number).strip()
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= count:
            raise ReviewError(
                f"there is no bead {text or '(none given)'}: the beads are 1 to {count}"
            )
        self.cursor = bead_index(int(text))
        return self.cursor

    # Changes: each one undoable and saved.

    def accept(self, index: int) -> None:
        """Accept bead `index`, or take the acceptance back if it was accepted."""
        bead = self.beads[index]
        self._change_bead(index, replace(bead, accepted=not bead.accepted))

    def pin(self, index: int) -> None:
        """Pin bead `index` as right, or unpin it if it was pinned: re-aligning between
        pins keeps a pinned bead exactly as it is (`realign_between_pins`)."""
        bead = self.beads[index]
        self._change_bead(index, replace(bead, pinned=not bead.pinned))

    def pin_accepted(self) -> int:
        """Pin every accepted bead not pinned yet, as one change; how many. Accepting
        a bead does not pin it: an acceptance is about the translation, a pin about
        the alignment, and a reviewer pins what re-aligning must keep."""
        to_pin = [i for i, bead in enumerate(self.beads) if bead.accepted and not bead.pinned]
        if not to_pin:
            raise ReviewError("no accepted bead is left unpinned")
        beads = list(self.beads)
        for index in to_pin:
            beads[index] = replace(beads[index], pinned=True)
        self._decide(tuple(beads))
        return len(to_pin)

    def realignment(
        self, around: int | None = None, progress: ProgressCallback | None = None
    ) -> Realignment:
        """What re-aligning between the pins makes, without changing the review (seconds:
        the UI computes it in the background, then applies it): every stretch of beads
        between two pins (or a pin and a document's edge) aligned again on its own, so
        the pins stay exactly as they are; with `around`, only the stretch bead `around`
        is in (for a pinned bead, the stretches on either side of it). The new beads are
        checked. `progress` gets ("realign", sentences done, sentences in all)."""
        if not any(bead.pinned for bead in self.beads):
            raise ReviewError(
                "no bead is pinned: pin the beads you know are right (p), then re-align"
            )
        chosen = stretches(self.beads, around)
        if not chosen:
            raise ReviewError("there is nothing between these pins to re-align")
        try:
            encoder = self.scoring_encoder()
        except AlignerError as error:
            raise ReviewError(f"cannot re-align: {error}") from error
        made = realigned(self.beads, self.edited_alignment(), self.edits, encoder, chosen, progress)
        self.check_beads(made.beads)
        return made

    def apply_realignment(self, realignment: Realignment) -> None:
        """Make the beads of `realignment` the review's, as one change (one undo), the
        cursor on the text it is on."""
        if realignment.before is not self.beads:
            raise ReviewError("the review changed while re-aligning: re-align again")
        self.cursor = realignment.same_text(self.cursor)
        self._change(replace(self._state, beads=realignment.beads))

    def realign_between_pins(
        self, around: int | None = None, progress: ProgressCallback | None = None
    ) -> Realignment:
        """Re-align between the pins (see `realignment`) and apply it: one undo."""
        realignment = self.realignment(around, progress)
        self.apply_realignment(realignment)
        return realignment

    def dismiss_finding(self, index: int, finding: Finding, note: str = "") -> None:
        """Mark a finding of bead `index` as not a defect, with an optional note."""
        bead = self.beads[index]
        dismissed = DismissedFinding(finding.code, finding.message, note)
        self._change_bead(index, replace(bead, dismissed=(*bead.dismissed, dismissed)))

    def comment(self, index: int, text: str) -> None:
        """Set the reviewer's comment on bead `index` ("" removes it)."""
        self._change_bead(index, replace(self.beads[index], comment=text))

    def accept_confident(self, threshold: float | str) -> int:
        """Accept, in one step, every bead not accepted yet whose confidence is at
        least `threshold` (0 to 1; the text typed in a dialog will do) and that has no
        error or warning open (Trados' quality threshold). Gives how many it took."""
        minimum = _confidence(threshold)
        tallied = self._tallied()
        taken = [
            i
            for i, bead in enumerate(self.beads)
            if not bead.accepted and bead.score >= minimum and not tallied[i].attention
        ]
        if taken:
            beads = list(self.beads)
            for index in taken:
                beads[index] = replace(beads[index], accepted=True)
            self._decide(tuple(beads))
        return len(taken)

    def open_codes(self) -> dict[str, int]:
        """How many findings of each code are open (not dismissed), most first."""
        counts = self._counts().codes
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def dismiss_code(self, code: str, note: str = "") -> int:
        """Dismiss, in one step, every open finding of `code` (Xbench's ignore list),
        each with `note`. Gives how many it dismissed."""
        beads = list(self.beads)
        left: dict[int, tuple[Finding, ...]] = {}
        dismissed: list[Finding] = []
        for index, tally in self._tallied().items():
            # The open findings as tallied, not `findings` (which sorts every bead's
            # with the document checks': a fifth of a second at 5,000 beads), split in
            # two passes in C into those of `code` and those left open.
            if code not in map(_code, tally.findings):
                continue  # the bead as it is: its object, its tally
            of_code = list(map(code.__eq__, map(_code, tally.findings)))
            found = tuple(compress(tally.findings, of_code))
            left[index] = tuple(compress(tally.findings, map(not_, of_code)))
            dismissed += found
            bead = beads[index]
            made = tuple([DismissedFinding(code, f.message, note) for f in found])
            beads[index] = with_fields(bead, dismissed=bead.dismissed + made)
        if left:
            self._decide(tuple(beads), left, dismissed)
        return len(dismissed)

    def merge_with_next(self, index: int) -> None:
        """Merge bead `index` with the bead after it: one bead of both their segments."""
        if index + 1 >= len(self.beads):
            raise ReviewError("the last bead has no next bead to merge with")
        first, second = self.beads[index], self.beads[index + 1]
        merged = ReviewBead(
            first.src + second.src,
            first.tgt + second.tgt,
            0.0,  # scored from its texts by _restructure
            dismissed=first.dismissed + second.dismissed,
            comment="\n".join(c for c in (first.comment, second.comment) if c),
        )
        self._restructure(index, index + 2, [merged])

    def split_points(self, index: int) -> list[tuple[int, int]]:
        """Where bead `index` can be split: (source segments, target segments) that go
        in the first part; both parts keep at least one segment."""
        bead = self.beads[index]
        return [
            (i, j)
            for i in range(len(bead.src) + 1)
            for j in range(len(bead.tgt) + 1)
            if 0 < i + j < len(bead.src) + len(bead.tgt)
        ]

    def split_bead(self, index: int, src_count: int, tgt_count: int) -> None:
        """Split bead `index` in two: its first `src_count` source and `tgt_count`
        target segments, then the rest."""
        if (src_count, tgt_count) not in self.split_points(index):
            raise ReviewError(
                f"bead {bead_number(index)} cannot be split at {src_count}, {tgt_count}"
            )
        bead = self.beads[index]
        first = replace(bead, src=bead.src[:src_count], tgt=bead.tgt[:tgt_count], accepted=False)
        second = replace(
            bead, src=bead.src[src_count:], tgt=bead.tgt[tgt_count:], accepted=False, comment=""
        )
        self._restructure(index, index + 1, [first, second])

    def detach(self, index: int) -> None:
        """Make bead `index` a source without counterpart (1-0) and a target without one
        (0-1): the two are not translations of each other."""
        bead = self.beads[index]
        if not (bead.src and bead.tgt):
            raise ReviewError(f"bead {bead_number(index)} has only one side: nothing to detach")
        source = replace(bead, tgt=(), accepted=False)
        target = replace(bead, src=(), accepted=False, comment="")
        self._restructure(index, index + 1, [source, target])

    def move_sentence(self, index: int, side: str, direction: Direction | str) -> int:
        """Move one sentence of side `side` ("src" or "tgt") of bead `index` to the
        neighbouring bead, keeping the other side where it is (`aligner.sentence_moves`):
        up, its first sentence joins the bead before; down, its last joins the bead
        after. A bead left empty on both sides is gone. Both beads are scored again; a
        bead whose text changed is no longer accepted (a bead's own texts unchanged —
        an emptied sentence moved — keeps it). Gives the index of the bead the sentence
        joined."""
        try:
            move = move_sentence(self.beads, index, side, Direction(direction))
        except MoveError as error:
            raise ReviewError(str(error)) from None
        alignment = self._edited_documents()

        def texts(bead: ReviewBead) -> PairTexts:
            return side_text(alignment.src, bead.src), side_text(alignment.tgt, bead.tgt)

        built = [
            replace(new, accepted=new.accepted and texts(new) == texts(self.beads[origin]))
            for new, origin in zip(move.beads, move.origins)
        ]
        self._restructure(move.start, move.end, built)
        up = Direction(direction) is Direction.UP
        return move.start if up else move.start + len(move.beads) - 1

    def edit_target(self, index: int, text: str) -> None:
        """Replace the target text of bead `index`: its first target segment becomes
        `text` and the others empty. Line breaks in `text` become spaces: a line break
        is a sentence break, it would make another segment."""
        bead = self.beads[index]
        if not bead.tgt:
            raise ReviewError(f"bead {bead_number(index)} has no target text to edit")
        edits = _side_edited(self.edits, bead.tgt, text)
        self._change(replace(self._state, edits=edits))

    def edit_source(self, index: int, text: str) -> None:
        """Replace the source text of bead `index`, as `edit_target` does the target
        (a typo in the source, a sentence the client changed): the bead is checked
        again; the document on disk is left as it is."""
        bead = self.beads[index]
        if not bead.src:
            raise ReviewError(f"bead {bead_number(index)} has no source text to edit")
        edits = _side_edited(self.source_edits, bead.src, text)
        self._change(replace(self._state, source_edits=edits))

    def undo(self) -> bool:
        """Take back the last change, the cursor on the text it is on; False when there
        is none."""
        if not self._undo:
            return False
        state = self._undo.pop()
        self.cursor = holding(state.beads, self.beads[self.cursor])
        self._set_state(state)
        return True

    # Scoring the beads the reviewer builds.

    @property
    def scoring_ready(self) -> bool:
        """Whether beads the reviewer builds are scored at once (in milliseconds): the
        encoder is loaded."""
        return self._encoder is not None

    def scoring_encoder(self) -> Encoder:
        """The encoder that scores the beads the reviewer builds, loaded if it is not
        (`prepare_scoring`); re-aligning between pins aligns with it."""
        self.prepare_scoring()
        assert self._encoder is not None
        return self._encoder

    def prepare_scoring(self) -> None:
        """Load the encoder that scores the beads the reviewer builds, if not loaded yet
        (seconds: the UI does it in the background). EncoderError if it cannot be."""
        with self._encoder_loading:
            if self._encoder is not None:
                return
            if self._encoder_failure is not None:
                raise EncoderError(self._encoder_failure)
            name = self.alignment.encoder
            default = name == UniversalSentenceEncoder.name
            try:
                # In a process of its own: its loading (and each embedding) would hold
                # this one's interpreter, and the UI's screen with it.
                encoder = EncoderProcess(None if default else name, threads=REVIEW_THREADS)
                encoder.encode(["."])  # once loaded: USE loads its model at the first call
            except EncoderError as error:
                self._encoder_failure = str(error)
                raise
            self._encoder = CachedEncoder(encoder)

    def rehearse(self, change: Callable[[Review], object]) -> None:
        """Make `change` on a copy of the review (the same beads and edits, nothing
        saved), so that the encoder has embedded every text the change scores: making
        the same change on the review then takes milliseconds, where embedding a new
        bead's texts takes the interpreter a tenth of a second or more. The UI rehearses
        a merge, split, detach or moved sentence in a worker, then makes it on the
        screen's thread. A change that is refused (ReviewError) is refused here too."""
        copy = Review(
            self.alignment,
            self.beads,
            edits=self.edits,
            source_edits=self.source_edits,
            encoder=self.scoring_encoder(),  # its cache is this review's
        )
        change(copy)

    def _restructure(self, start: int, end: int, built: list[ReviewBead]) -> None:
        """Replace beads start..end with `built`, each scored like a bead the aligner
        makes: from its texts' similarity, not from the beads it came from (the score of
        a 1-0 or 0-1 bead says how sure it is that it has no counterpart, not that its
        text matches anything)."""
        try:
            self.prepare_scoring()
        except AlignerError as error:
            raise ReviewError(f"cannot score the new bead: {error}") from error
        assert self._encoder is not None
        # A bead the reviewer makes is one they chose: pinned as it is made, so that
        # re-aligning between pins does not undo it.
        made = [replace(bead, reviewer_made=True, pinned=True) for bead in built]
        beads = (*self.beads[:start], *made, *self.beads[end:])
        alignment = self._edited_documents()
        scored = scored_beads(
            alignment.src, alignment.tgt, beads, range(start, start + len(made)), self._encoder
        )
        self._change(replace(self._state, beads=scored))

    def _decide(
        self,
        beads: tuple[ReviewBead, ...],
        left: Mapping[int, tuple[Finding, ...]] | None = None,
        dismissed: Sequence[Finding] = (),
    ) -> None:
        """Make a change of the reviewer's decisions on `beads` (the same sentences,
        confidences and texts), some of their findings `dismissed`: those `left`
        open on those beads, by index."""
        state = replace(self._state, beads=beads)
        self._findings.decided(self._state, state, left or {}, dismissed)
        self._change(state)

    def _change_bead(self, index: int, bead: ReviewBead) -> None:
        beads = (*self.beads[:index], bead, *self.beads[index + 1 :])
        self._change(replace(self._state, beads=beads))

    def _change(self, state: ReviewState) -> None:
        self._undo.append(self._state)
        self._set_state(state)

    def _set_state(self, state: ReviewState) -> None:
        self._state = state
        self._changes += 1
        self.cursor = min(self.cursor, len(self.beads) - 1)
        if not self._saves_held:
            self.save_soon()

    # Export and the session file.

    def export_tmx(
        self,
        path: Path | str,
        *,
        accepted_only: bool = False,
        min_confidence: float = 0.0,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
    ) -> ExportedFile:
        """Write the alignment as reviewed (its beads, its edits) as TMX to `path`,
        atomically: each unit under its bead's number, with the notes every export
        writes (comment, open findings, dismissals with why)."""
        exported = export_tmx(
            self.edited_alignment(),
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            min_confidence=min_confidence,
            accepted_only=accepted_only,
            checked=self.checked_pairs(),
            decisions=self.beads,
        )
        write_atomically(Path(path), exported.content)
        return exported

    def save(self) -> None:
        """Write the session file, atomically (nothing without a `session_path`), after
        any save still being written in the background. SessionInUse when another
        review has the session open."""
        if self.session_path is not None:
            self._saving.save(self.session_path, self._session_content())

    def save_in_background(self, report: SaveReport) -> None:
        """From now on a change (and `save_soon`) hands the session to a background
        thread instead of writing it before returning: `report` is told, from that
        thread, of each write's outcome (the UI's "not saved")."""
        self._saving.in_background(report)

    def save_soon(self) -> None:
        """Save: at once, or in the background after `save_in_background`. The lock is
        taken here either way (SessionInUse at once)."""
        if self.session_path is not None:
            self._saving.save_soon(self.session_path, self._session_content())

    @contextmanager
    def saves_held(self) -> Iterator[None]:
        """Changes made inside are not saved as they are made: the caller saves them
        (`save_soon`) when it chooses. The screen saves a change once it is drawn: the
        save's Python (every bead's texts cut out, their findings kept), run in the
        writer's thread while the change was drawn, took half the interpreter from it."""
        self._saves_held = True
        try:
            yield
        finally:
            self._saves_held = False

    def wait_for_saves(self) -> AlignerError | None:
        """Wait for the background save of the last change; why it failed, or None."""
        return self._saving.wait()

    def claim_session(self) -> None:
        """Take the session's lock, if not held yet: SessionInUse when another review
        (another window, another process) has it. Every save takes it first; the UI
        takes it as it opens, to refuse a second window before any work is done."""
        self._saving.claim(self.session_path)

    def close(self) -> None:
        """Let go of the session: another review may open it (ending the process does
        it too), once the last save is written."""
        self._saving.close()

    def _session_content(self) -> SessionContent:
        """The session as it stands now: the background writer cuts out every bead's
        texts (slow at 5,000 beads) off the UI thread; all it reads is taken now or
        never changes."""
        # The beads checked so far: a resumed review takes their findings back.
        known = self._findings.checked_in(self._state)
        checked = tuple(known.get(index) for index in range(len(self.beads)))
        return SessionContent(self.beads, self.edits, self.source_edits, self.cursor, checked)


def _side_edited(
    edits: dict[int, str], ids: tuple[int, ...], text: str
) -> tuple[tuple[int, str], ...]:
    """A side's edits with a bead's text replaced: its first segment holds `text` (on
    one line), the others are emptied."""
    edits.update({ids[0]: single_line(text), **{i: "" for i in ids[1:]}})
    return tuple(sorted(edits.items()))


def _confidence(value: float | str) -> float:
    """A confidence from 0 to 1, as a number or the text typed; ReviewError otherwise."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:  # NaN too
        raise ReviewError(f"a confidence is a number from 0 to 1, not {str(value).strip()!r}")
    return number


def single_line(text: str) -> str:
    """`text` with its line breaks (any of them, and the spaces around) as one space."""
    lines = text.splitlines()
    if len(lines) <= 1 and text == "".join(lines):
        return text  # no line break: as it is, spaces included
    return " ".join(line.strip() for line in lines if line.strip())


def resume_review(
    session_path: Path | str,
    encoder: Encoder | None = None,
    check_config: CheckConfig = DEFAULT_CONFIG,
) -> Review:
    """The review saved in `session_path`, as it was left; `encoder` scores the beads
    the reviewer builds (default: the session's, loaded when first needed);
    `check_config` says which checks run.

    The findings the session kept are taken back when they were found with these
    checks (the same code and data) and `check_config`; otherwise every bead is checked
    again.

    Raises InputError for a file that is not a session (the file is left as it is), and
    DocumentsChanged when a document's content is not what the session reviewed, or
    splits into other sentences.
    """
    session_path = Path(session_path)
    session = read_session(session_path)
    src, tgt = load_documents(session)
    # Split into other sentences (another version of the segmenter) is a change too:
    # the beads' sentence numbers mean something else.
    changed = tuple(
        source.path
        for source, document, count in zip(session.sources, (src, tgt), session.segment_counts)
        if text_hash(document) != source.sha256 or len(document.segments) != count
    )
    if changed:
        raise DocumentsChanged(changed)
    beads = tuple(Bead(b.src, b.tgt, b.score) for b in session.beads)
    alignment = Alignment(src, tgt, beads, session.encoder)
    return Review(
        alignment,
        session.beads,
        edits=session.edits,
        source_edits=session.source_edits,
        session_path=session_path,
        presegmented=session.presegmented,
        cursor=session.cursor,
        encoder=encoder,
        check_config=check_config,
        saved_findings=session.findings
        if session.findings and session.checks == checks_fingerprint(check_config)
        else (),
    )


def scored_beads(
    src: Document,
    tgt: Document,
    beads: Sequence[ReviewBead],
    indices: Iterable[int],
    encoder: Encoder,
) -> tuple[ReviewBead, ...]:
    """`beads` with the beads at `indices` scored from their texts, as the aligner scores
    a bead (`pipeline.bead_score`): beads the reviewer built, or re-aligning made."""
    scored = list(beads)
    for index in indices:
        src_ids = _side_range(beads, index, "src", len(src.segments))
        tgt_ids = _side_range(beads, index, "tgt", len(tgt.segments))
        scored[index] = replace(beads[index], score=bead_score(src, tgt, src_ids, tgt_ids, encoder))
    return tuple(scored)


def _side_range(beads: Sequence[ReviewBead], index: int, side: str, count: int) -> range:
    """The segments of one side of bead `index`; for an empty side, where it is: an
    empty range at the first segment of that side after it."""
    ids = getattr(beads[index], side)
    if ids:
        return range(ids[0], ids[-1] + 1)
    after = next((getattr(b, side)[0] for b in beads[index + 1 :] if getattr(b, side)), count)
    return range(after, after)


def _check_complete(alignment: Alignment, beads: Sequence[ReviewBead]) -> None:
    """Refuse beads that do not cover each document once, in order (a damaged session)."""
    for side, document in (("src", alignment.src), ("tgt", alignment.tgt)):
        ids = [i for bead in beads for i in getattr(bead, side)]
        if ids != list(range(len(document.segments))):
            raise InputError(f"the review's beads do not cover {document.path} in order")


_code = attrgetter("code")
