"""The session file of a review: what it holds, how it is read and written.

A session is versioned JSON beside the target document (see README, "The session
file"). Reading never changes the file; writing is atomic. Nothing here knows the
`Review` class: a session is read into a `SavedSession` and written from one.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from aligner.errors import AlignerError, InputError
from aligner.files import write_atomically
from aligner.memory import is_bilingual, load_memory
from aligner.memory.beads import memory_alignment
from aligner.model import DismissedFinding, Document, Finding, ReviewBead, Severity
from aligner.pipeline import load_document

#: Version of the session file format; a file of another version is refused.
SESSION_VERSION = 1
#: What a session file is named beside the target document: "en.txt.review.json".
SESSION_SUFFIX = ".review.json"


class DocumentsChanged(AlignerError):
    """A document changed since its session was saved (its text, or how it splits into
    sentences): re-align to go on."""

    def __init__(self, documents: tuple[Path, ...]) -> None:
        self.documents = documents
        names = " and ".join(str(path) for path in documents)
        super().__init__(f"{names} changed since the review was saved; re-align to go on")


@dataclass(frozen=True)
class DocumentSource:
    """How a session finds its document again and knows it is unchanged."""

    path: Path
    sha256: str
    lang: str


@dataclass(frozen=True)
class KeptFindings:
    """A bead's findings of the checks of one pair, kept in the session so that a
    resumed review need not check it again, and the pair they were found on
    (`checks.fingerprint.pair_fingerprint`): taken back only for that very pair."""

    pair: str
    findings: tuple[Finding, ...]


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
    #: Source sentences the reviewer edited (not in sessions written before it: none).
    source_edits: dict[int, str] = field(default_factory=dict)
    #: What the kept findings were found with (`checks.fingerprint.checks_fingerprint`);
    #: None when none are kept (and in sessions written before findings were kept).
    checks: str | None = None
    #: Each bead's kept findings, None where it was not checked; () when none are kept.
    findings: tuple[KeptFindings | None, ...] = ()


def default_session_path(target: Path) -> Path:
    """Where a review of `target` is saved unless told otherwise: beside it."""
    return target.with_name(target.name + SESSION_SUFFIX)


def text_hash(document: Document) -> str:
    """SHA-256 of a document's text as read (decoded, line ends normalised), to tell
    whether it changed: saving it again in another encoding is not a change."""
    return hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def write_session(path: Path, session: SavedSession, beads: EncodedBeads | None = None) -> None:
    """Write `session` to `path`, atomically; document paths relative to its folder.
    `beads`: the beads' encodings of the last write of this review, to encode again only
    the beads that changed."""
    base = path.resolve().parent
    fields = {
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
        "beads": None,  # encoded bead by bead, below
        "edits": _edits_json(session.edits),
        "source_edits": _edits_json(session.source_edits),
        "checks": session.checks,
    }
    findings = session.findings or (None,) * len(session.beads)
    encoded = (beads or EncodedBeads()).encoded(session.beads, session.texts, findings)
    # The UTF-8 of `json.dumps(fields)`, the beads spliced in as they were encoded:
    # joined as bytes, one copy.
    pieces: list[bytes] = []
    for name, value in fields.items():
        pieces += [b", " if pieces else b"{", _json(name), b": "]
        pieces += [b"[", b", ".join(encoded), b"]"] if name == "beads" else [_json(value)]
    write_atomically(path, b"".join([*pieces, b"}"]))


class EncodedBeads:
    """Each bead's JSON as last written, kept by the bead (the very `ReviewBead` object,
    with the same texts): a change makes new objects only for the beads it touches, so
    a save encodes those and joins the others. At 5,000 beads encoding them all (one
    `json.dumps`, a C call that keeps the interpreter's lock throughout) held the review
    screen for tens of milliseconds after every key. Safe across threads."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[ReviewBead, tuple[str, str], KeptFindings | None, bytes]]
        self._known = {}
        self._lock = threading.Lock()

    def encoded(
        self,
        beads: tuple[ReviewBead, ...],
        texts: tuple[tuple[str, str], ...],
        findings: tuple[KeptFindings | None, ...],
    ) -> list[bytes]:
        """Each bead's JSON, in UTF-8."""
        with self._lock:
            known, self._known = self._known, {}  # only the beads of this write are kept
            encoded = []
            for bead, pair, found in zip(beads, texts, findings, strict=True):
                entry = known.get(id(bead))
                if entry is None or entry[0] is not bead or entry[1] != pair or entry[2] != found:
                    entry = (bead, pair, found, _json(_bead_json(bead, pair, found)))
                self._known[id(bead)] = entry
                encoded.append(entry[3])
            return encoded


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def read_session(path: Path) -> SavedSession:
    """Read a session file; InputError (one line) when it is missing or not a session
    of this version, naming the first field that is wrong and what it should be. The
    file is only read, never changed."""
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
            f"{path} is a review session of version {data['version']!r}; "
            f"this aligner reads version {SESSION_VERSION}"
        )
    try:
        return _parsed_session(data, path.resolve().parent)
    except _Malformed as error:
        raise InputError(f"{path} is not a review session: {error}") from None


class _Malformed(Exception):
    """One field of a session file that is missing or wrong: "FIELD must be …"."""


# Checked by hand rather than with a schema library (jsonschema, pydantic): the ranges
# depend on other fields (sentence numbers on the documents' sentence counts, the
# cursor on the beads), and the message must say in the reviewer's words what a field
# should be.


def _parsed_session(data: dict[str, object], base: Path) -> SavedSession:
    documents = _object(_field(data, "documents"), "documents", "an object with src and tgt")
    (src, src_count), (tgt, tgt_count) = (_source(documents, side, base) for side in ("src", "tgt"))
    beads_data = _field(data, "beads")
    if not isinstance(beads_data, list):
        raise _Malformed("beads must be a list of beads")
    counts = (src_count, tgt_count)
    beads = [_bead(bead, f"beads[{n}]", counts) for n, bead in enumerate(beads_data)]
    for side, count, name in (("src", src_count, "source"), ("tgt", tgt_count, "target")):
        if [i for bead, _, _ in beads for i in getattr(bead, side)] != list(range(count)):
            raise _Malformed(f"beads must cover the {count} {name} sentences once each, in order")
    last = max(len(beads) - 1, 0)
    cursor = _integer(_field(data, "cursor"), "cursor", last, f"a bead index from 0 to {last}")
    # Not in the sessions written before findings were kept: none kept.
    checks = data.get("checks")
    if checks is not None and not isinstance(checks, str):
        raise _Malformed("checks must be the checks' fingerprint (a text) or null")
    kept = tuple(found for _, _, found in beads)
    return SavedSession(
        sources=(src, tgt),
        segment_counts=counts,
        presegmented=_boolean(_field(data, "presegmented"), "presegmented"),
        encoder=_text(_field(data, "encoder"), "encoder", "an encoder name", empty=False),
        cursor=cursor,
        beads=tuple(bead for bead, _, _ in beads),
        edits=_edits(_field(data, "edits"), tgt_count),
        # Not in the sessions written before source edits: none.
        source_edits=_edits(data.get("source_edits", {}), src_count, "source_edits", "source"),
        texts=tuple(texts for _, texts, _ in beads),
        checks=checks,
        findings=kept if checks is not None and any(kept) else (),
    )


def _source(documents: dict[str, object], side: str, base: Path) -> tuple[DocumentSource, int]:
    """A document's source and its sentence count."""
    name = f"documents.{side}"
    document = _object(_field(documents, side, "documents"), name, "an object")
    path = _text(_field(document, "path", name), f"{name}.path", "a file path", empty=False)
    sha256 = _field(document, "sha256", name)
    if not (isinstance(sha256, str) and len(sha256) == 64 and set(sha256) <= set(_HEX)):
        raise _Malformed(f"{name}.sha256 must be a SHA-256 in hexadecimal (64 digits)")
    lang = _text(_field(document, "lang", name), f"{name}.lang", "a language code", empty=False)
    count = _integer(_field(document, "segments", name), f"{name}.segments", None, "a count")
    return DocumentSource(base / path, sha256, lang), count


_HEX = "0123456789abcdef"


def _bead(
    data: object, name: str, counts: tuple[int, ...]
) -> tuple[ReviewBead, tuple[str, str], KeptFindings | None]:
    bead = _object(data, name, "an object")
    src, tgt = (
        _sentence_numbers(_field(bead, side, name), f"{name}.{side}", count)
        for side, count in zip(("src", "tgt"), counts)
    )
    if not src and not tgt:
        raise _Malformed(f"{name} must have a source or a target sentence")
    score = _field(bead, "score", name)
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
        raise _Malformed(f"{name}.score must be a number from 0 to 1")
    texts = tuple(
        _bead_text(_field(bead, f"{side}_text", name), f"{name}.{side}_text", ids)
        for side, ids in (("src", src), ("tgt", tgt))
    )
    reviewer_made = _boolean(bead.get("reviewer_made", False), f"{name}.reviewer_made")
    review_bead = ReviewBead(
        src=src,
        tgt=tgt,
        score=float(score),
        accepted=_boolean(_field(bead, "accepted", name), f"{name}.accepted"),
        dismissed=_dismissed(_field(bead, "dismissed", name), f"{name}.dismissed"),
        comment=_text(_field(bead, "comment", name), f"{name}.comment", "a text"),
        # Not in the sessions written before it: the aligner's then.
        reviewer_made=reviewer_made,
        # Not in the sessions written before pins: a bead the reviewer made is pinned as
        # it is made, so it was one.
        pinned=_boolean(bead.get("pinned", reviewer_made), f"{name}.pinned"),
    )
    found = bead.get("findings")  # not in the sessions written before findings were kept
    kept = None if found is None else _kept_findings(found, f"{name}.findings")
    return review_bead, texts, kept  # type: ignore[return-value]


def _kept_findings(value: object, name: str) -> KeptFindings:
    kept = _object(value, name, "an object {pair, found}")
    pair = _text(_field(kept, "pair", name), f"{name}.pair", "a fingerprint", empty=False)
    found = _field(kept, "found", name)
    if not isinstance(found, list):
        raise _Malformed(f"{name}.found must be a list of findings")
    return KeptFindings(pair, tuple(_finding(f, f"{name}.found[{n}]") for n, f in enumerate(found)))


_SEVERITIES = {severity.value: severity for severity in Severity}


def _finding(value: object, name: str) -> Finding:
    what = "a finding {check, code, severity, message, src_span, tgt_span}"
    finding = _object(value, name, what)
    check, code, message, severity = (
        finding.get(key) for key in ("check", "code", "message", "severity")
    )
    if not (
        isinstance(check, str)
        and isinstance(code, str)
        and isinstance(message, str)
        and isinstance(severity, str)
        and severity in _SEVERITIES
    ):
        raise _Malformed(f"{name} must be {what}")
    src_span, tgt_span = (_span(finding.get(key), name, what) for key in ("src_span", "tgt_span"))
    return Finding(check, code, _SEVERITIES[severity], message, src_span, tgt_span)


def _span(value: object, name: str, what: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(type(i) is int for i in value)
        and 0 <= value[0] <= value[1]
    ):
        raise _Malformed(f"{name} must be {what}, a span [start, end] or null")
    return value[0], value[1]


def _sentence_numbers(value: object, name: str, count: int) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(type(i) is int and 0 <= i < count for i in value):
        raise _Malformed(f"{name} must be a list of sentence numbers from 0 to {count - 1}")
    return tuple(value)


def _bead_text(value: object, name: str, ids: tuple[int, ...]) -> str:
    """A bead's original text: its sentences, one a line (a sentence has no line break)."""
    text = _text(value, name, "a text")
    lines = text.count("\n") + 1 if ids else int(bool(text))
    if lines != len(ids):
        raise _Malformed(f"{name} must hold its {len(ids)} sentences, one a line")
    return text


def _dismissed(value: object, name: str) -> tuple[DismissedFinding, ...]:
    what = "a list of dismissed findings {code, message, note}"
    if not isinstance(value, list):
        raise _Malformed(f"{name} must be {what}")
    dismissed = []
    for n, item in enumerate(value):
        fields = ("code", "message", "note")
        if not isinstance(item, dict) or not all(isinstance(item.get(f), str) for f in fields):
            raise _Malformed(f"{name}[{n}] must be a dismissed finding {{code, message, note}}")
        dismissed.append(DismissedFinding(item["code"], item["message"], item["note"]))
    return tuple(dismissed)


def _edits(value: object, count: int, name: str = "edits", side: str = "target") -> dict[int, str]:
    what = f"an object of {side} sentence numbers (0 to {count - 1}) and one-line texts"
    if not isinstance(value, dict):
        raise _Malformed(f"{name} must be {what}")
    edits = {}
    for key, text in value.items():
        index = int(key) if isinstance(key, str) and key.isdigit() else -1
        if not 0 <= index < count or not isinstance(text, str) or "\n" in text:
            raise _Malformed(f"{name}[{key!r}] is wrong: {name} must be {what}")
        edits[index] = text
    return edits


def _field(data: dict[str, object], key: str, parent: str = "") -> object:
    if key not in data:
        raise _Malformed(f"{parent + '.' if parent else ''}{key} is missing")
    return data[key]


def _object(value: object, name: str, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise _Malformed(f"{name} must be {what}")
    return value


def _integer(value: object, name: str, high: int | None, what: str) -> int:
    """An integer from 0 to `high` (None: no limit)."""
    if type(value) is not int or value < 0 or (high is not None and value > high):
        raise _Malformed(f"{name} must be {what}")
    return value


def _boolean(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise _Malformed(f"{name} must be true or false")
    return value


def _text(value: object, name: str, what: str, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value):
        raise _Malformed(f"{name} must be {what}")
    return value


def load_documents(session: SavedSession) -> tuple[Document, Document]:
    """The session's two documents, read and segmented as they are now; for a review of
    a bilingual file (both sides one XLIFF, PO or TMX file), its units as they are now."""
    src_source, tgt_source = session.sources
    if src_source.path == tgt_source.path and is_bilingual(src_source.path):
        memory = load_memory(src_source.path, src_source.lang, tgt_source.lang)
        alignment = memory_alignment(memory, session.encoder)
        return alignment.src, alignment.tgt
    src, tgt = (
        load_document(source.path, source.lang, session.presegmented) for source in session.sources
    )
    return src, tgt


def _bead_json(
    bead: ReviewBead, texts: tuple[str, str], found: KeptFindings | None
) -> dict[str, object]:
    fields: dict[str, object] = {
        "src": list(bead.src),
        "tgt": list(bead.tgt),
        # The texts as the documents had them, to keep decisions when they change.
        "src_text": texts[0],
        "tgt_text": texts[1],
        "score": bead.score,
        "accepted": bead.accepted,
        "dismissed": [asdict(d) for d in bead.dismissed],
        "comment": bead.comment,
        "reviewer_made": bead.reviewer_made,
        "pinned": bead.pinned,
    }
    if found is not None:
        fields["findings"] = {
            "pair": found.pair,
            "found": [
                {
                    "check": f.check,
                    "code": f.code,
                    "severity": f.severity.value,
                    "message": f.message,
                    "src_span": None if f.src_span is None else list(f.src_span),
                    "tgt_span": None if f.tgt_span is None else list(f.tgt_span),
                }
                for f in found.findings
            ],
        }
    return fields


def _edits_json(edits: dict[int, str]) -> dict[str, str]:
    return {str(index): text for index, text in sorted(edits.items())}
