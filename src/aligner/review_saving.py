"""Saving a review in its session file: the session's lock, the writes (before the
change returns, or in order in a background thread), and the findings a save keeps
for a resume to take back.

A save is made of what the review holds when it is asked (`SessionContent`: immutable
tuples, cheap to take at every change); the slow part, cutting out every bead's texts
and encoding them, runs in the writer's thread (`aligner.session_writer`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import NamedTuple

from aligner.checks import CheckConfig
from aligner.checks.fingerprint import checks_fingerprint, pair_fingerprint
from aligner.errors import AlignerError, InputError
from aligner.model import Alignment, CheckedPair, Document, ReviewBead, TextPair
from aligner.session import (
    DocumentSource,
    EncodedBeads,
    KeptFindings,
    SavedSession,
    text_hash,
    write_session,
)
from aligner.session_lock import SessionLock
from aligner.session_writer import SaveReport, SessionWriter


class SessionContent(NamedTuple):
    """What a save writes, as the review held it when asked: the beads, the edits of
    each side, the cursor, and each bead's checks found so far (None: not checked)."""

    beads: tuple[ReviewBead, ...]
    edits: dict[int, str]
    source_edits: dict[int, str]
    cursor: int
    checked: tuple[CheckedPair | None, ...]


class ReviewSaving:
    """The session file of a review of `alignment`."""

    def __init__(self, alignment: Alignment, presegmented: bool, check_config: CheckConfig):
        self._alignment = alignment
        self._presegmented = presegmented
        self._check_config = check_config
        self._hashes = {"src": text_hash(alignment.src), "tgt": text_hash(alignment.tgt)}
        self._lock: SessionLock | None = None
        #: Writes the saves of changes in the background once `in_background`.
        self._writer: SessionWriter | None = None
        #: The beads' JSON as last saved: a save encodes only the beads that changed.
        self._encoded_beads = EncodedBeads()
        #: `checks_fingerprint(check_config)`, made at the first save that keeps findings.
        self._checks_fingerprint: str | None = None
        #: Each checked pair's fingerprint, by the pair (its very object), for the saves.
        self._pair_fingerprints: dict[int, tuple[TextPair, str]] = {}
        self._fingerprints_lock = threading.Lock()

    def in_background(self, report: SaveReport) -> None:
        """From now on `save_soon` hands the write to a background thread; `report` is
        told, from that thread, of each write's outcome."""
        self._writer = SessionWriter(report)

    def save(self, path: Path, content: SessionContent) -> None:
        """Write `content` to `path` now, after any write still in the background."""
        self.claim(path)
        self.wait()
        self.write(path, content)

    def save_soon(self, path: Path, content: SessionContent) -> None:
        """`save`, or with a background writer hand it the write; the lock is taken
        here either way (SessionInUse at once)."""
        if self._writer is None:
            self.save(path, content)
            return
        self.claim(path)
        self._writer.submit(lambda: self.write(path, content))

    def write(self, path: Path, content: SessionContent) -> None:
        write_session(path, self._saved_session(content), self._encoded_beads)

    def wait(self) -> AlignerError | None:
        """Wait for the background write of the last save; why it failed, or None."""
        return self._writer.wait() if self._writer is not None else None

    def claim(self, path: Path | None) -> None:
        """Take the lock of the session at `path`, if not held yet (a session given
        another path lets the old one go): SessionInUse when another review (another
        window, another process) has it."""
        if self._lock is not None and self._lock.session_path == path:
            return
        self.close()
        if path is not None:
            self._lock = SessionLock.acquire(path)

    def close(self) -> None:
        """Let go of the session once the last write is done."""
        self.wait()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _saved_session(self, content: SessionContent) -> SavedSession:
        documents = (self._alignment.src, self._alignment.tgt)
        findings = self._kept_findings(content.checked)
        if any(findings) and self._checks_fingerprint is None:
            self._checks_fingerprint = checks_fingerprint(self._check_config)
        return SavedSession(
            sources=tuple(  # type: ignore[arg-type]
                DocumentSource(_path(document), self._hashes[side], document.lang)
                for side, document in zip(("src", "tgt"), documents)
            ),
            segment_counts=(len(documents[0].segments), len(documents[1].segments)),
            presegmented=self._presegmented,
            encoder=self._alignment.encoder,
            cursor=content.cursor,
            beads=content.beads,
            edits=content.edits,
            source_edits=content.source_edits,
            texts=tuple(
                (_joined(documents[0], bead.src), _joined(documents[1], bead.tgt))
                for bead in content.beads
            ),
            checks=self._checks_fingerprint if any(findings) else None,
            findings=findings if any(findings) else (),
        )

    def _kept_findings(
        self, checked: tuple[CheckedPair | None, ...]
    ) -> tuple[KeptFindings | None, ...]:
        """The findings to keep in the session for each bead checked, with its pair's
        fingerprint (hashing every pair again at each save would cost a key at 5,000
        beads: each is hashed once)."""
        with self._fingerprints_lock:
            known, self._pair_fingerprints = self._pair_fingerprints, {}
            kept: list[KeptFindings | None] = []
            for pair_checked in checked:
                if pair_checked is None:
                    kept.append(None)
                    continue
                pair = pair_checked.pair
                entry = known.get(id(pair))
                if entry is None or entry[0] is not pair:
                    entry = (pair, pair_fingerprint(pair))
                self._pair_fingerprints[id(pair)] = entry
                kept.append(KeptFindings(entry[1], pair_checked.findings))
            return tuple(kept)


def _joined(document: Document, ids: tuple[int, ...]) -> str:
    return "\n".join(document.segments[i].text for i in ids)


def _path(document: Document) -> Path:
    if document.path is None:
        raise InputError("a review session needs documents read from files")
    return document.path
