"""What a review knows of its beads' findings: the checks of each pair (cached by what
they depend on), the document checks' findings, and every bead's open findings
tallied for the counts over all beads.

Asked for at every key of the review screen (the header's counts, the filter of beads
to check, the marks), so each is carried from one state to the next for the beads a
change left as they were (`review_state.carried`) rather than found again: at 5,000
beads finding it all again costs a key tenths of a second.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from aligner.checks import (
    CheckConfig,
    bead_pair,
    check_pair,
    document_findings,
    runs_meaning,
    side_offset,
    with_findings,
    with_similarities,
)
from aligner.checks.fingerprint import pair_fingerprint
from aligner.embed import Encoder
from aligner.model import Bead, CheckedPair, Finding, ReviewBead, Severity, TextPair
from aligner.review_state import EditedDocuments, ReviewState, carried, same_ends
from aligner.session import KeptFindings

#: The beads' sentences, as the document checks' findings are kept by.
BeadSentences = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class _DocumentFindings:
    """The document checks' findings by bead: by its source and its target sentences,
    so that a change elsewhere (a merge above it) does not move them to another bead.
    `key`: what they were found for (`ReviewFindings.document_key`); `change`: how many
    changes the review had made then."""

    key: tuple[object, ...]
    change: int
    by_bead: dict[BeadSentences, tuple[Finding, ...]]


class BeadTally(NamedTuple):
    """A bead's open findings as the counts over all beads see them."""

    attention: bool
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Counts:
    """The open findings of every bead, counted by severity and by code."""

    severities: Counter[Severity]
    codes: Counter[str]

    @classmethod
    def of(cls, tallies: Iterable[BeadTally]) -> Counts:
        return cls(Counter(), Counter()).changed((), tallies)

    def less(self, findings: Sequence[Finding]) -> Counts:
        """The counts less `findings`."""
        return Counts(
            self.severities - Counter(finding.severity for finding in findings),
            self.codes - Counter(finding.code for finding in findings),
        )

    def changed(self, gone: Iterable[BeadTally], counted: Iterable[BeadTally]) -> Counts:
        """The counts less the findings of `gone`, plus those of `counted`."""
        lost = [finding for tally in gone for finding in tally.findings]
        found = [finding for tally in counted for finding in tally.findings]
        # Counted in C (`Counter` of an iterable), added and taken away key by key
        # (`Counter.subtract` goes finding by finding in Python).
        return Counts(
            self.severities
            - Counter(finding.severity for finding in lost)
            + Counter(finding.severity for finding in found),
            self.codes
            - Counter(finding.code for finding in lost)
            + Counter(finding.code for finding in found),
        )


class _Tally(NamedTuple):
    """Every bead's open findings counted, and what they were counted for: the state,
    the document checks' findings they hold."""

    state: ReviewState
    tallied: dict[int, BeadTally]
    document: _DocumentFindings | None
    counts: Counts


class ReviewFindings:
    """The findings of a review's beads, state by state (`ReviewState`): every method
    takes the state it is asked about, and keeps what it found while that state lasts."""

    def __init__(
        self,
        documents: EditedDocuments,
        check_config: CheckConfig,
        beads: Sequence[ReviewBead],
        saved_findings: Sequence[KeptFindings | None],
    ) -> None:
        """`saved_findings`: the findings of the checks of one pair a session kept for
        each of `beads` (None: not kept), each taken for its bead only while the
        bead's pair is the one they were found on."""
        self._documents = documents
        self.check_config = check_config
        #: By what the findings depend on: the segments, the confidence, the target text.
        self._checked: dict[tuple[object, ...], CheckedPair] = {}
        self._checked_now: tuple[ReviewState, dict[int, CheckedPair]] | None = None
        #: The findings a session kept, by the bead (its very object): checking a bead
        #: the session holds costs a resumed review nothing.
        self._saved_findings = {
            id(bead): (bead, kept) for bead, kept in zip(beads, saved_findings) if kept
        }
        #: The document checks' findings, by bead (`_DocumentFindings`): shown as they
        #: were last found until they are found again (in the background, in the UI).
        self._document: _DocumentFindings | None = None
        self._document_key_now: tuple[ReviewState, tuple[object, ...]] | None = None
        #: One run of the document checks at a time: a second waits, then finds the
        #: findings it wanted already found, or runs on the newer beads.
        self._document_checking = threading.Lock()
        self._tally: _Tally | None = None

    # The checks of one pair.

    def check(self, state: ReviewState, bead: ReviewBead, index: int) -> CheckedPair:
        """`bead` (of `state`'s documents) checked, cached by what the findings depend on."""
        alignment = self._documents.of(state)
        pair = bead_pair(alignment, Bead(bead.src, bead.tgt, bead.score))
        key = check_key(bead, pair)
        cached = self._checked.get(key)
        if cached is None:
            saved = self._saved_findings.get(id(bead))
            if saved is not None and saved[0] is bead and saved[1].pair == pair_fingerprint(pair):
                findings = saved[1].findings
            else:
                findings = check_pair(pair, config=self.check_config)
            cached = CheckedPair(
                index=index,
                pair=pair,
                findings=findings,
                src_ids=bead.src,
                tgt_ids=bead.tgt,
                src_offset=side_offset(alignment.src, bead.src),
                tgt_offset=side_offset(alignment.tgt, bead.tgt),
            )
            self._checked[key] = cached
        return cached

    def prepare(self, pair: TextPair) -> None:
        """Check `pair` once and forget it: what the checks read at their first run
        (the languages' CLDR data: seconds) is loaded."""
        check_pair(pair, config=self.check_config)

    def is_checked(self, bead: ReviewBead, pair: TextPair) -> bool:
        return check_key(bead, pair) in self._checked

    def checked_in(self, state: ReviewState) -> dict[int, CheckedPair]:
        """The beads of `state` checked so far, by index (their own `index` possibly
        an older one: numbering again every bead after a merge costs a key)."""
        # Asked for every bead at each key (counts, filters, bulk decisions): by index
        # while the state lasts, by content across changes.
        current = self._checked_now
        if current is None or current[0] is not state:
            current = self._checked_now = (state, carried(current, state, checked_alike).kept)
        return current[1]

    def pair_checked(self, state: ReviewState, index: int) -> CheckedPair:
        """Bead `index` of `state` with the findings of the checks of one pair, checked
        if it was not (its index possibly an older one)."""
        checked = self.checked_in(state)
        known = checked.get(index)
        if known is None:
            known = checked[index] = self.check(state, state.beads[index], index)
        return known

    def checked_as_now(self, state: ReviewState, index: int) -> CheckedPair:
        """`pair_checked` with the document checks' findings last found for the bead."""
        known = self.pair_checked(state, index)
        document = self._document
        if document is None:
            return known  # the document checks have not run yet (`check_document`)
        bead = state.beads[index]
        return with_findings(known, document.by_bead.get((bead.src, bead.tgt), ()))

    def findings(self, state: ReviewState, index: int) -> tuple[Finding, ...]:
        """The findings of bead `index` that the reviewer has not dismissed."""
        return open_findings(state.beads[index], self.checked_as_now(state, index).findings)

    # The document checks.

    def document_key(self, state: ReviewState, ready: bool) -> tuple[object, ...]:
        """What the document checks' findings depend on in `state`, kept while the
        state lasts: the beads, the edits, and whether the encoder the meaning check
        embeds with is loaded (`ready`)."""
        known = self._document_key_now
        if known is None or known[0] is not state or known[1][-1] != ready:
            beads = _shapes(state, known)
            known = self._document_key_now = (
                state,
                (beads, state.edits, state.source_edits, ready),
            )
        return known[1]

    def document_checked(self, state: ReviewState, ready: bool) -> bool:
        """Whether the document checks' findings are those of `state`."""
        document = self._document
        return document is not None and same(document.key, self.document_key(state, ready))

    def check_document(
        self, state: ReviewState, change: int, encoder: Encoder | None, ready: bool
    ) -> None:
        """Run the document checks over every bead of `state` (the review's `change`-th),
        unless their findings are those of `state`; `encoder` (when `ready`) embeds
        the beads for the meaning check. Safe to call from a thread while the screen's
        thread makes changes: findings older than those shown are dropped."""
        with self._document_checking:
            key = self.document_key(state, ready)
            if self._document is not None and same(self._document.key, key):
                return
            alignment = self._documents.of(state)
            pairs = [bead_pair(alignment, Bead(b.src, b.tgt, b.score)) for b in state.beads]
            if ready and runs_meaning(self.check_config):
                assert encoder is not None
                pairs = with_similarities(pairs, encoder)
            found = document_findings(pairs, self.check_config)
            by_bead = {(state.beads[i].src, state.beads[i].tgt): f for i, f in found.items()}
            known = self._document
            if known is None or known.change <= change:  # not older than what is shown
                self._document = _DocumentFindings(key, change, by_bead)

    # The tallies over all beads.

    def tallied(self, state: ReviewState) -> dict[int, BeadTally]:
        """Every bead's open findings, by index, for the counts over all beads (the
        header's after every key): carried over from the state last counted for the
        beads a change left as they were and whose document checks' findings did not
        change, counted for the others only (checked first if they are not yet)."""
        return self._tally_of(state).tallied

    def counts(self, state: ReviewState) -> Counts:
        """The open findings of every bead counted by severity and by code."""
        return self._tally_of(state).counts

    def decided(
        self,
        before: ReviewState,
        after: ReviewState,
        left: Mapping[int, tuple[Finding, ...]],
        dismissed: Sequence[Finding],
    ) -> None:
        """Carry what is known of `before` to `after`, a state that differs from it
        only in the reviewer's decisions on some beads (accepted, pinned) and in the
        findings `dismissed` on them (the very findings `tallied` gave), those `left`
        open on them by index: nothing is looked up again, where a bulk decision that
        makes 5,000 beads anew would find every bead's again, and the counts are
        those of `before` less `dismissed`."""
        checked, current = self._checked_now, self._tally
        if checked is not None and checked[0] is before:
            self._checked_now = (after, dict(checked[1]))
        if current is None or current.state is not before:
            return  # counted when asked
        tallied = dict(current.tallied)
        for index, findings in left.items():
            # Dismissing takes no look away from a bead that asked for none.
            attention = tallied[index].attention and needs_attention(findings)
            tallied[index] = BeadTally(attention, findings)
        self._tally = _Tally(after, tallied, current.document, current.counts.less(dismissed))

    def _tally_of(self, state: ReviewState) -> _Tally:
        current = self._tally
        document = self._document
        if current is None or current.state is not state or current.document is not document:
            previous = current[:2] if current else None
            tallied, gone = carried(previous, state, tallied_alike, across_edits=True)
            beads = state.beads
            if current is not None and current.document is not document:
                # The document checks' findings came: the beads whose findings moved.
                moved = _moved_findings(current.document, document)
                for index in [i for i in tallied if (beads[i].src, beads[i].tgt) in moved]:
                    gone.append(tallied.pop(index))
            found_in_document = document.by_bead if document is not None else {}
            counted: list[BeadTally] = []
            # The beads not carried, found in C (a loop over 5,000 indices cost a key).
            for index in sorted(set(range(len(beads))).difference(tallied)):
                bead = beads[index]
                # `findings` without sorting them: only counted (tens of milliseconds
                # over 5,000 beads).
                found = open_findings(
                    bead,
                    self.pair_checked(state, index).findings
                    + found_in_document.get((bead.src, bead.tgt), ()),
                )
                tallied[index] = BeadTally(needs_attention(found), found)
                counted.append(tallied[index])
            if current is None:
                counts = Counts.of(counted)
            else:
                # The counts carried over less the beads no longer tallied, plus the
                # beads counted now: counting every finding again took 10 ms a key.
                counts = current.counts.changed(gone, counted)
            current = self._tally = _Tally(state, tallied, document, counts)
        return current


def _shapes(
    state: ReviewState, known: tuple[ReviewState, tuple[object, ...]] | None
) -> tuple[object, ...]:
    """Each bead's sentences and confidence, those of the beads a change left taken
    from the key `known` of another state (a tuple of 5,000 made anew cost every
    change 10 ms)."""
    if known is None:
        return tuple((b.src, b.tgt, b.score) for b in state.beads)
    before, shapes = known[0].beads, known[1][0]
    assert isinstance(shapes, tuple)
    head, tail = same_ends(before, state.beads)
    middle = state.beads[head : len(state.beads) - tail]
    return (
        shapes[:head]
        + tuple((b.src, b.tgt, b.score) for b in middle)
        + shapes[len(before) - tail :]
    )


def open_findings(bead: ReviewBead, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """`findings` less those the reviewer dismissed on `bead`."""
    if not bead.dismissed:
        return findings  # most beads: asked for every bead at each key
    dismissed = {(d.code, d.message) for d in bead.dismissed}
    return tuple(f for f in findings if (f.code, f.message) not in dismissed)


#: The severities that ask for a look (`needs_attention`).
_ATTENTION = frozenset(s for s in Severity if s.rank >= Severity.WARNING.rank)
_severity = attrgetter("severity")


def needs_attention(findings: tuple[Finding, ...]) -> bool:
    """Whether any of `findings` is an error or a warning (a note asks for no look)."""
    # Asked of every bead at each count: a set, not `Severity.rank`'s table each
    # time, compared in C.
    return not _ATTENTION.isdisjoint(map(_severity, findings))


def checked_alike(bead: ReviewBead) -> Hashable:
    """What a bead's checks depend on beside the texts: its sentences, its confidence."""
    return (bead.src, bead.tgt, bead.score)


def tallied_alike(bead: ReviewBead) -> Hashable:
    """What a bead's open findings depend on beside the texts: also its dismissals."""
    return (bead.src, bead.tgt, bead.score, bead.dismissed)


def check_key(bead: ReviewBead, pair: TextPair) -> tuple[object, ...]:
    """What a bead's findings depend on: its segments, its confidence, its texts."""
    return (bead.src, bead.tgt, bead.score, pair.src_text, pair.tgt_text)


def _moved_findings(
    before: _DocumentFindings | None, after: _DocumentFindings | None
) -> set[BeadSentences]:
    """The beads (by their sentences) whose document checks' findings differ."""
    old: Mapping[BeadSentences, tuple[Finding, ...]] = before.by_bead if before else {}
    new: Mapping[BeadSentences, tuple[Finding, ...]] = after.by_bead if after else {}
    return {bead for bead in old.keys() | new.keys() if old.get(bead) != new.get(bead)}


def same(key: tuple[object, ...], other: tuple[object, ...]) -> bool:
    """Whether two keys are equal, the same object first (no comparison of 5,000 beads)."""
    return key is other or key == other
