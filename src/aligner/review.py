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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from aligner.checks import bead_pair, check_pair
from aligner.embed import CachedEncoder, Encoder, UniversalSentenceEncoder, load_encoder
from aligner.errors import AlignerError, EncoderError, InputError
from aligner.export import export_tmx
from aligner.files import write_atomically
from aligner.model import (
    Alignment,
    Bead,
    CheckedPair,
    DismissedFinding,
    Document,
    ExportedFile,
    Finding,
    ProgressCallback,
    ReviewBead,
    Segment,
    Severity,
    TextPair,
    bead_number,
)
from aligner.pipeline import bead_score
from aligner.session import (
    DocumentsChanged,
    DocumentSource,
    SavedSession,
    load_documents,
    read_session,
    text_hash,
    write_session,
)
from aligner.session_lock import SessionLock


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


@dataclass(frozen=True)
class _State:
    """What undo restores: the beads and the target edits (segment index → text)."""

    beads: tuple[ReviewBead, ...]
    edits: tuple[tuple[int, str], ...] = ()


class Review:
    """An alignment under review. Every change is undoable and, with a `session_path`,
    saved at once (atomically), so that a crash loses nothing."""

    def __init__(
        self,
        alignment: Alignment,
        beads: Sequence[ReviewBead],
        *,
        edits: Mapping[int, str] | None = None,
        session_path: Path | None = None,
        presegmented: bool = False,
        cursor: int = 0,
        encoder: Encoder | None = None,
    ) -> None:
        """`encoder` scores the beads the reviewer builds; by default the alignment's,
        loaded when first needed (`prepare_scoring`)."""
        self.alignment = alignment
        self.session_path = session_path
        self.presegmented = presegmented
        self.cursor = cursor
        self._state = _State(tuple(beads), tuple(sorted((edits or {}).items())))
        self._undo: list[_State] = []
        #: By what the findings depend on: the segments, the confidence, the target text.
        self._checked: dict[tuple[object, ...], CheckedPair] = {}
        #: The edited alignment and the state it was made from: derived, never stale.
        self._edited: tuple[_State, Alignment] | None = None
        self._hashes = {"src": text_hash(alignment.src), "tgt": text_hash(alignment.tgt)}
        self._lock: SessionLock | None = None
        self._encoder = CachedEncoder(encoder) if encoder is not None else None
        self._encoder_loading = threading.Lock()  # the UI loads it in the background
        #: Why the encoder could not be loaded: tried once (a model hub can take minutes
        #: to say no).
        self._encoder_failure: str | None = None
        _check_complete(alignment, self._state.beads)

    @classmethod
    def start(
        cls,
        alignment: Alignment,
        *,
        session_path: Path | None = None,
        presegmented: bool = False,
        encoder: Encoder | None = None,
    ) -> Review:
        """A new review of every bead of `alignment`, saved to `session_path` if given;
        `encoder`: the one that aligned it, to score the beads the reviewer builds."""
        beads = [ReviewBead(b.src, b.tgt, b.score) for b in alignment.beads]
        review = cls(
            alignment, beads, session_path=session_path, presegmented=presegmented, encoder=encoder
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
    def can_undo(self) -> bool:
        return bool(self._undo)

    def edited_alignment(self) -> Alignment:
        """The alignment as reviewed: the reviewer's beads, the target with its edits."""
        if self._edited is None or self._edited[0] is not self._state:
            beads = tuple(Bead(b.src, b.tgt, b.score) for b in self.beads)
            previous = self._edited
            if previous is not None and previous[0].edits == self._state.edits:
                target = previous[1].tgt  # the edits did not change: nor did the text
            else:
                target = _edited_document(self.alignment.tgt, self.edits)
            self._edited = (self._state, replace(self.alignment, tgt=target, beads=beads))
        return self._edited[1]

    def checked(self, index: int) -> CheckedPair:
        """Bead `index` with all its findings (dismissed ones included); checked when
        first asked for and again only when its text changes."""
        bead = self.beads[index]
        alignment = self.edited_alignment()
        pair = bead_pair(alignment, Bead(bead.src, bead.tgt, bead.score))
        key = _check_key(bead, pair)
        cached = self._checked.get(key)
        if cached is None:
            cached = CheckedPair(
                index=index,
                pair=pair,
                findings=check_pair(pair),
                src_ids=bead.src,
                tgt_ids=bead.tgt,
                src_offset=_offset(alignment.src, bead.src),
                tgt_offset=_offset(alignment.tgt, bead.tgt),
            )
            self._checked[key] = cached
        return cached if cached.index == index else replace(cached, index=index)

    def check_all(self, progress: ProgressCallback | None = None) -> None:
        """Check every bead now (the UI does it in the background before showing)."""
        total = len(self.beads)
        for index in range(total):
            self.checked(index)
            if progress and (index % 100 == 0 or index + 1 == total):
                progress("check", index + 1, total)

    def pair(self, index: int) -> TextPair:
        """Bead `index`'s texts as reviewed (edits made), without checking them: what a
        view needs to lay the bead out before its findings are known."""
        bead = self.beads[index]
        return bead_pair(self.edited_alignment(), Bead(bead.src, bead.tgt, bead.score))

    def is_checked(self, index: int) -> bool:
        """Whether bead `index` has been checked as it stands: a view that must not wait
        (the UI checks in the background) asks before it shows findings."""
        return _check_key(self.beads[index], self.pair(index)) in self._checked

    def checked_pairs(self) -> tuple[CheckedPair, ...]:
        """Every bead as it stands in the review (edits made), with the findings the
        reviewer has not dismissed: what a report of the review shows."""
        return tuple(
            replace(self.checked(index), findings=self.findings(index))
            for index in range(len(self.beads))
        )

    def findings(self, index: int) -> tuple[Finding, ...]:
        """The findings of bead `index` that the reviewer has not dismissed."""
        dismissed = {(d.code, d.message) for d in self.beads[index].dismissed}
        return tuple(
            f for f in self.checked(index).findings if (f.code, f.message) not in dismissed
        )

    def needs_attention(self, index: int) -> bool:
        """Whether bead `index` has an error or a warning not dismissed. Notes (a heading
        only one version has, a converted unit) are shown but do not ask for a look."""
        return any(f.severity.rank >= Severity.WARNING.rank for f in self.findings(index))

    def status(self, index: int) -> Status:
        attention = self.needs_attention(index)
        if self.beads[index].accepted:
            return Status.ACCEPTED_WITH_FINDINGS if attention else Status.ACCEPTED
        return Status.FINDINGS if attention else Status.UNREVIEWED

    def visible(self, view: Filter) -> list[int]:
        """Numbers of the beads a view with this filter lists."""
        if view is Filter.FINDINGS:
            return [i for i in range(len(self.beads)) if self.needs_attention(i)]
        if view is Filter.UNREVIEWED:
            return [i for i, bead in enumerate(self.beads) if not bead.accepted]
        return list(range(len(self.beads)))

    def next_finding(self, index: int, step: int = 1) -> int | None:
        """The nearest bead after (`step` 1) or before (-1) `index` with an error or a
        warning."""
        candidates = range(index + step, len(self.beads) if step > 0 else -1, step)
        return next((i for i in candidates if self.needs_attention(i)), None)

    def severity_counts(self) -> dict[Severity, int]:
        """Findings not dismissed, by severity."""
        counts = dict.fromkeys(Severity, 0)
        for index in range(len(self.beads)):
            for finding in self.findings(index):
                counts[finding.severity] += 1
        return counts

    def reviewed_share(self) -> float:
        """The share of beads accepted, 0 to 1."""
        return self.accepted_count() / len(self.beads) if self.beads else 1.0

    def accepted_count(self) -> int:
        return sum(b.accepted for b in self.beads)

    # Changes: each one undoable and saved.

    def accept(self, index: int) -> None:
        """Accept bead `index`, or take the acceptance back if it was accepted."""
        bead = self.beads[index]
        self._change_bead(index, replace(bead, accepted=not bead.accepted))

    def dismiss_finding(self, index: int, finding: Finding, note: str = "") -> None:
        """Mark a finding of bead `index` as not a defect, with an optional note."""
        bead = self.beads[index]
        dismissed = DismissedFinding(finding.code, finding.message, note)
        self._change_bead(index, replace(bead, dismissed=(*bead.dismissed, dismissed)))

    def comment(self, index: int, text: str) -> None:
        """Set the reviewer's comment on bead `index` ("" removes it)."""
        self._change_bead(index, replace(self.beads[index], comment=text))

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

    def edit_target(self, index: int, text: str) -> None:
        """Replace the target text of bead `index`: its first target segment becomes
        `text` and the others empty. Line breaks in `text` become spaces: a line break
        is a sentence break, it would make another segment."""
        bead = self.beads[index]
        if not bead.tgt:
            raise ReviewError(f"bead {bead_number(index)} has no target text to edit")
        edits = self.edits
        edits.update({bead.tgt[0]: single_line(text), **{j: "" for j in bead.tgt[1:]}})
        self._change(_State(self.beads, tuple(sorted(edits.items()))))

    def undo(self) -> bool:
        """Take back the last change; False when there is none."""
        if not self._undo:
            return False
        self._set_state(self._undo.pop())
        return True

    # Scoring the beads the reviewer builds.

    @property
    def scoring_ready(self) -> bool:
        """Whether beads the reviewer builds are scored at once (in milliseconds): the
        encoder is loaded."""
        return self._encoder is not None

    def prepare_scoring(self) -> None:
        """Load the encoder that scores the beads the reviewer builds, if not loaded yet
        (seconds: the UI does it in the background). EncoderError if it cannot be."""
        with self._encoder_loading:
            if self._encoder is not None:
                return
            if self._encoder_failure is not None:
                raise EncoderError(self._encoder_failure)
            name = self.alignment.encoder
            try:
                encoder = load_encoder(None if name == UniversalSentenceEncoder.name else name)
                encoder.encode(["."])  # USE loads its model at the first call
            except EncoderError as error:
                self._encoder_failure = str(error)
                raise
            self._encoder = CachedEncoder(encoder)

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
        made = [replace(bead, reviewer_made=True) for bead in built]
        beads = (*self.beads[:start], *made, *self.beads[end:])
        alignment = self.edited_alignment()
        scored = scored_beads(
            alignment.src, alignment.tgt, beads, range(start, start + len(made)), self._encoder
        )
        self._change(replace(self._state, beads=scored))

    def _change_bead(self, index: int, bead: ReviewBead) -> None:
        beads = (*self.beads[:index], bead, *self.beads[index + 1 :])
        self._change(replace(self._state, beads=beads))

    def _change(self, state: _State) -> None:
        self._undo.append(self._state)
        self._set_state(state)

    def _set_state(self, state: _State) -> None:
        self._state = state
        self.cursor = min(self.cursor, len(self.beads) - 1)
        self.save()

    # Export and the session file.

    def export_tmx(
        self,
        path: Path,
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
        write_atomically(path, exported.content)
        return exported

    def save(self) -> None:
        """Write the session file, atomically (nothing without a `session_path`).
        SessionInUse when another review has the session open."""
        if self.session_path is None:
            return
        self.claim_session()
        write_session(self.session_path, self._saved_session())

    def claim_session(self) -> None:
        """Take the session's lock, if not held yet: SessionInUse when another review
        (another window, another process) has it. Every save takes it first; the UI
        takes it as it opens, to refuse a second window before any work is done."""
        if self._lock is not None and self._lock.session_path == self.session_path:
            return
        self.close()
        if self.session_path is not None:
            self._lock = SessionLock.acquire(self.session_path)

    def close(self) -> None:
        """Let go of the session: another review may open it (ending the process does
        it too)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _saved_session(self) -> SavedSession:
        documents = (self.alignment.src, self.alignment.tgt)
        return SavedSession(
            sources=tuple(  # type: ignore[arg-type]
                DocumentSource(_path(document), self._hashes[side], document.lang)
                for side, document in zip(("src", "tgt"), documents)
            ),
            segment_counts=(len(documents[0].segments), len(documents[1].segments)),
            presegmented=self.presegmented,
            encoder=self.alignment.encoder,
            cursor=self.cursor,
            beads=self.beads,
            edits=self.edits,
            texts=tuple(
                (_joined(documents[0], bead.src), _joined(documents[1], bead.tgt))
                for bead in self.beads
            ),
        )


def single_line(text: str) -> str:
    """`text` with its line breaks (any of them, and the spaces around) as one space."""
    lines = text.splitlines()
    if len(lines) <= 1 and text == "".join(lines):
        return text  # no line break: as it is, spaces included
    return " ".join(line.strip() for line in lines if line.strip())


def resume_review(session_path: Path, encoder: Encoder | None = None) -> Review:
    """The review saved in `session_path`, as it was left; `encoder` scores the beads
    the reviewer builds (default: the session's, loaded when first needed).

    Raises InputError for a file that is not a session (the file is left as it is), and
    DocumentsChanged when a document's content is not what the session reviewed, or
    splits into other sentences.
    """
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
        session_path=session_path,
        presegmented=session.presegmented,
        cursor=session.cursor,
        encoder=encoder,
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


def _check_key(bead: ReviewBead, pair: TextPair) -> tuple[object, ...]:
    """What a bead's findings depend on: its segments, its confidence, its texts."""
    return (bead.src, bead.tgt, bead.score, pair.src_text, pair.tgt_text)


def _check_complete(alignment: Alignment, beads: Sequence[ReviewBead]) -> None:
    """Refuse beads that do not cover each document once, in order (a damaged session)."""
    for side, document in (("src", alignment.src), ("tgt", alignment.tgt)):
        ids = [i for bead in beads for i in getattr(bead, side)]
        if ids != list(range(len(document.segments))):
            raise InputError(f"the review's beads do not cover {document.path} in order")


def _joined(document: Document, ids: Sequence[int]) -> str:
    return "\n".join(document.segments[i].text for i in ids)


def _offset(document: Document, ids: tuple[int, ...]) -> int | None:
    return document.segments[ids[0]].start if ids else None


def _path(document: Document) -> Path:
    if document.path is None:
        raise InputError("a review session needs documents read from files")
    return document.path


def _edited_document(document: Document, edits: Mapping[int, str]) -> Document:
    """`document` with the texts of some segments replaced; a segment emptied by an
    edit of the bead it belongs to also loses the space before it, so the bead's text
    is exactly what the reviewer typed."""
    if not edits:
        return document
    parts: list[str] = []
    segments: list[Segment] = []
    position = previous_end = 0
    for segment in document.segments:
        gap = document.text[previous_end : segment.start]
        if edits.get(segment.index) == "":
            gap = ""
        text = edits.get(segment.index, segment.text)
        parts += [gap, text]
        start = position + len(gap)
        position = start + len(text)
        segments.append(replace(segment, start=start, end=position, text=text))
        previous_end = segment.end
    parts.append(document.text[previous_end:])
    return replace(document, text="".join(parts), segments=tuple(segments))
