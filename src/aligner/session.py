"""The session file of a review: what it holds, how it is read and written.

A session is versioned JSON beside the target document (see README, "The session
file"). Reading never changes the file; writing is atomic. Nothing here knows the
`Review` class: a session is read into a `SavedSession` and written from one.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from aligner.errors import AlignerError, InputError
from aligner.files import write_atomically
from aligner.model import DismissedFinding, Document, ReviewBead
from aligner.pipeline import load_document

#: Version of the session file format; a file of another version is refused.
SESSION_VERSION = 1
#: What a session file is named beside the target document: "en.txt.review.json".
SESSION_SUFFIX = ".review.json"


class DocumentsChanged(AlignerError):
    """A document changed since its session was saved: re-align to go on."""


@dataclass(frozen=True)
class DocumentSource:
    """How a session finds its document again and knows it is unchanged."""

    path: Path
    sha256: str
    lang: str


@dataclass(frozen=True)
class SavedSession:
    """A session file as read: enough to load the documents and restore the review."""

    sources: tuple[DocumentSource, DocumentSource]
    segment_counts: tuple[int, int]
    presegmented: bool
    encoder: str
    cursor: int
    beads: tuple[ReviewBead, ...]
    edits: dict[int, str]
    #: The original (source, target) text of each bead, as its documents had them.
    texts: tuple[tuple[str, str], ...]


def default_session_path(target: Path) -> Path:
    """Where a review of `target` is saved unless told otherwise: beside it."""
    return target.with_name(target.name + SESSION_SUFFIX)


def text_hash(document: Document) -> str:
    """SHA-256 of a document's text as read (decoded, line ends normalised), to tell
    whether it changed: saving it again in another encoding is not a change."""
    return hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def write_session(path: Path, session: SavedSession) -> None:
    """Write `session` to `path`, atomically; document paths relative to its folder."""
    base = path.resolve().parent
    data = {
        "version": SESSION_VERSION,
        "documents": {
            side: {
                "path": os.path.relpath(source.path.resolve(), base),
                "sha256": source.sha256,
                "lang": source.lang,
                "segments": count,
            }
            for side, source, count in zip(("src", "tgt"), session.sources, session.segment_counts)
        },
        "presegmented": session.presegmented,
        "encoder": session.encoder,
        "cursor": session.cursor,
        "beads": [_bead_json(bead, texts) for bead, texts in zip(session.beads, session.texts)],
        "edits": {str(index): text for index, text in sorted(session.edits.items())},
    }
    write_atomically(path, json.dumps(data, ensure_ascii=False))


def read_session(path: Path) -> SavedSession:
    """Read a session file; InputError (one line) when it is missing or not a session
    of this version. The file is only read, never changed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read session {path}: {error.strerror or error}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path} is not a review session (corrupt JSON: {error})") from error
    if not isinstance(data, dict) or "version" not in data:
        raise InputError(f"{path} is not a review session (no version)")
    if data["version"] != SESSION_VERSION:
        raise InputError(
            f"{path} is a review session of version {data['version']}; "
            f"this aligner reads version {SESSION_VERSION}"
        )
    try:
        base = path.resolve().parent
        documents = data["documents"]
        sources = tuple(
            DocumentSource(
                base / documents[side]["path"], documents[side]["sha256"], documents[side]["lang"]
            )
            for side in ("src", "tgt")
        )
        return SavedSession(
            sources=sources,  # type: ignore[arg-type]
            segment_counts=(documents["src"]["segments"], documents["tgt"]["segments"]),
            presegmented=bool(data["presegmented"]),
            encoder=str(data["encoder"]),
            cursor=int(data["cursor"]),
            beads=tuple(_bead_from_json(bead) for bead in data["beads"]),
            edits={int(index): str(text) for index, text in data["edits"].items()},
            texts=tuple((str(b["src_text"]), str(b["tgt_text"])) for b in data["beads"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InputError(f"{path} is not a review session (bad or missing {error})") from error


def load_documents(session: SavedSession) -> tuple[Document, Document]:
    """The session's two documents, read and segmented as they are now."""
    src, tgt = (
        load_document(source.path, source.lang, session.presegmented) for source in session.sources
    )
    return src, tgt


def _bead_json(bead: ReviewBead, texts: tuple[str, str]) -> dict[str, object]:
    return {
        "src": list(bead.src),
        "tgt": list(bead.tgt),
        # The texts as the documents had them, to keep decisions when they change.
        "src_text": texts[0],
        "tgt_text": texts[1],
        "score": bead.score,
        "accepted": bead.accepted,
        "dismissed": [asdict(d) for d in bead.dismissed],
        "comment": bead.comment,
    }


def _bead_from_json(data: dict[str, object]) -> ReviewBead:
    return ReviewBead(
        src=tuple(int(i) for i in data["src"]),  # type: ignore[attr-defined]
        tgt=tuple(int(j) for j in data["tgt"]),  # type: ignore[attr-defined]
        score=float(data["score"]),  # type: ignore[arg-type]
        accepted=bool(data["accepted"]),
        dismissed=tuple(DismissedFinding(**d) for d in data["dismissed"]),  # type: ignore[attr-defined]
        comment=str(data["comment"]),
    )
