"""The work a Dask worker does for a corpus: describe one document (read it, detect its
language, embed its sentences) and align one pair of documents, writing each result to
the output folder itself, so that only small summaries travel back to the client. A
task does several of them one after the other (`each_of`): what a Dask task costs the
client, the scheduler and the worker is paid once for them all.

The workers read the inputs and write the results by path: on a real cluster both
folders must be on a file system the workers share, as for any Dask job on files.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from aligner.corpus.outputs import beads_table, write_pair_file
from aligner.embed import CachedEncoder, Encoder, UniversalSentenceEncoder, load_encoder
from aligner.errors import AlignerError
from aligner.files import write_atomically
from aligner.model import Document
from aligner.pairing import DocumentProfile, document_vector
from aligner.pipeline import align_documents, load_document
from aligner.verdict import judge_alignment, verdict_finding

#: A worker's encoder, by model, loaded by its first task and kept for the others: a
#: model loads in seconds, a pair aligns in less.
_ENCODERS: dict[str | None, Encoder] = {}
_ENCODERS_LOCK = threading.Lock()

T = TypeVar("T")
Item = TypeVar("Item")


def each_of(
    function: Callable[[Item], T], failed: Callable[[Item, str], T], items: Sequence[Item]
) -> list[T]:
    """`function` of every item, one after the other: one Dask task of several items.
    An item whose function raised gives `failed(item, reason)`, and the next goes on."""
    results = []
    for item in items:
        try:
            results.append(function(item))
        except Exception as error:  # a bug in a library, say: that item's alone
            results.append(failed(item, one_line(error)))
    return results


def one_line(error: Exception) -> str:
    """Why a task failed, in one line."""
    return f"{type(error).__name__}: {' '.join(str(error).split())}"


def worker_encoder(model: str | None) -> Encoder:
    """The encoder of this worker process for `model` (None: USE multilingual v3),
    loaded once. With USE, as many BLAS threads as the worker runs tasks at once."""
    with _ENCODERS_LOCK:
        if model not in _ENCODERS:
            _ENCODERS[model] = (
                UniversalSentenceEncoder(threads=_worker_threads())
                if model is None
                else load_encoder(model)
            )
        return _ENCODERS[model]


#: Task threads of a local cluster's worker: one a core, each worker one process.
LOCAL_WORKER_THREADS = 1


def load_for_local_workers() -> None:
    """Load what every task of a local cluster's workers needs, whatever the corpus's
    languages, into this process, which they are forked from (`corpus.preload`): the
    tasks' modules and their libraries, USE with the BLAS threads such a worker has,
    the language identifier, and the checks' tables that every language shares. The
    tables of each language are left to the first pair that needs them."""
    from importlib import import_module

    from aligner.checks.conversions import load_unit_registry
    from aligner.checks.lexicon import load_world_currency_symbols
    from aligner.language import load_identifier

    import_module("aligner.checks")  # what `align_pair` imports
    # pyarrow imports pandas at the first table it builds, a pair's beads (0.5 s).
    import_module("pandas")
    encoder = UniversalSentenceEncoder(threads=LOCAL_WORKER_THREADS)
    encoder.encode(["The weights and the tokenizer load with the first sentence."])
    with _ENCODERS_LOCK:
        _ENCODERS[None] = encoder
    load_identifier()
    load_world_currency_symbols()
    load_unit_registry()


def _worker_threads() -> int | None:
    from distributed import get_worker

    try:
        return int(get_worker().state.nthreads)
    except ValueError:  # not in a worker: a notebook calling the task itself
        return None


@dataclass(frozen=True)
class Reading:
    """How every document of a corpus is read."""

    presegmented: bool = False
    model: str | None = None


@dataclass(frozen=True)
class DocumentTask:
    path: Path
    #: The path relative to its folder (`DocumentProfile.name`).
    name: str
    #: The language given, or None to detect it.
    lang: str | None
    reading: Reading
    #: Where the sentence vectors are kept, for the alignment to start from.
    vectors_dir: Path
    #: "source" or "target" when the corpus is two folders; None for one.
    side: str | None = None


@dataclass(frozen=True)
class Unreadable:
    """A document that could not be used, and why, in one line."""

    name: str
    reason: str


def describe_document(task: DocumentTask) -> DocumentProfile | Unreadable:
    """Read, segment and embed one document; keep its sentence vectors on disk (or
    take those kept by an earlier run, or an earlier try of this task)."""
    try:
        document = load_document(task.path, task.lang, task.reading.presegmented)
        texts = _texts(document)
        if not texts:
            raise AlignerError(f"{task.path}: no sentence to align")
        digest = _digest(task.path.read_bytes(), document.lang, task.reading)
        kept = vectors_file(task.vectors_dir, digest)
        vectors = _saved_vectors(kept, len(texts))
        if vectors is None:
            vectors = CachedEncoder(worker_encoder(task.reading.model)).encode(texts)
            buffer = io.BytesIO()
            np.save(buffer, vectors)
            # Not synced: a cache, and a file cut short by a machine crash does not
            # load (`_saved_vectors`), so its document is embedded again.
            write_atomically(kept, buffer.getvalue(), durable=False)
    except AlignerError as error:
        return Unreadable(task.name, _without_path(error, task.path))
    return DocumentProfile(
        task.name,
        document.lang,
        document_vector(vectors, [len(text) for text in texts]),
        len(texts),
        digest,
    )


def _without_path(error: AlignerError, path: Path) -> str:
    """The error in one line, without the path it starts with (outputs name the file)."""
    return " ".join(str(error).splitlines()).removeprefix(f"{path}: ")


def vectors_file(vectors_dir: Path, digest: str) -> Path:
    return vectors_dir / f"{digest}.npy"


def _digest(content: bytes, lang: str, reading: Reading) -> str:
    """Names a document's vectors: its bytes and how they were read."""
    settings = f"{lang}\0{reading.presegmented}\0{reading.model}".encode()
    return hashlib.sha256(content + b"\0" + settings).hexdigest()[:20]


def _texts(document: Document) -> list[str]:
    return [segment.text for segment in document.segments if segment.text]


@dataclass(frozen=True)
class PairedDocument:
    """What aligning needs of a paired document: where it is, how to read it and where
    its vectors are; not its document vector, which only pairing needs."""

    path: Path
    #: `DocumentProfile.name`: the path relative to its folder.
    name: str
    lang: str
    #: `DocumentProfile.digest`: names its sentence vectors.
    digest: str


@dataclass(frozen=True)
class PairTask:
    pair_id: str
    src: PairedDocument
    tgt: PairedDocument
    reading: Reading
    vectors_dir: Path
    #: The pair's result file (`outputs.BEADS_SCHEMA`), written atomically.
    result: Path


@dataclass(frozen=True)
class PairResult:
    pair_id: str
    beads: int
    #: Segments of both documents: what "sentences aligned" counts.
    sentences: int
    #: Findings of the pair's beads, by code.
    findings: dict[str, int] = field(default_factory=dict)
    #: Why the pair could not be aligned (one line); None when it was.
    error: str | None = None
    #: Whether the documents read as translations of each other (`aligner.verdict`),
    #: and the share of both documents' text with a counterpart; None when not aligned.
    translation: bool | None = None
    coverage: float | None = None


def align_pair(task: PairTask) -> PairResult:
    """Align and check one pair, from the vectors its documents were paired with, and
    write its beads to `task.result`, with the pair's result in its metadata."""
    from aligner.checks import check_alignment

    finished = finished_pair(task.result)
    if finished is not None:  # a task of several pairs run again after its worker died
        return finished
    try:
        src = load_document(task.src.path, task.src.lang, task.reading.presegmented)
        tgt = load_document(task.tgt.path, task.tgt.lang, task.reading.presegmented)
        encoder = CachedEncoder(worker_encoder(task.reading.model))
        for document, paired in ((src, task.src), (tgt, task.tgt)):
            _remember_vectors(encoder, document, vectors_file(task.vectors_dir, paired.digest))
        alignment = align_documents(src, tgt, encoder=encoder)
    except AlignerError as error:
        return PairResult(task.pair_id, 0, 0, error=" ".join(str(error).splitlines()))
    checked = check_alignment(alignment)
    codes = Counter(finding.code for pair in checked for finding in pair.findings)
    verdict = judge_alignment(alignment)
    finding = verdict_finding(verdict)  # a warning when they do not read as translations
    if finding is not None:
        codes[finding.code] += 1
    result = PairResult(
        task.pair_id,
        len(alignment.beads),
        len(src.segments) + len(tgt.segments),
        dict(codes),
        translation=verdict.is_translation,
        coverage=round(verdict.coverage, 4),
    )
    beads = beads_table(task.pair_id, task.src.name, task.tgt.name, alignment, checked)
    write_pair_file(task.result, beads.replace_schema_metadata({RESULT_KEY: result_json(result)}))
    return result


#: The key of a pair's result (`PairResult`, as JSON) in its file's metadata: the
#: file says by itself that its pair is finished, when the run that wrote it stopped
#: before the manifest was told (a task of several pairs returns at its end).
RESULT_KEY = b"aligner.pair_result"


def finished_pair(path: Path) -> PairResult | None:
    """The result of the pair whose beads `path` holds, if it was written (a pair's file
    is written whole, by an atomic rename); None when it was not."""
    try:
        metadata = pq.read_schema(path).metadata or {}
        return result_from_json(metadata[RESULT_KEY])
    except (OSError, pa.ArrowException, KeyError, ValueError, TypeError):
        return None


def result_json(result: PairResult) -> str:
    return json.dumps(asdict(result), ensure_ascii=False)


def result_from_json(text: str | bytes) -> PairResult:
    """The result `result_json` wrote; ValueError or TypeError when it is not one."""
    return PairResult(**json.loads(text))


def _remember_vectors(encoder: CachedEncoder, document: Document, path: Path) -> None:
    """Give `encoder` the sentence vectors pairing made, when they are still there and
    still the document's (else its sentences are embedded again)."""
    texts = _texts(document)
    vectors = _saved_vectors(path, len(texts))
    if vectors is not None:
        encoder.remember(texts, vectors)


def _saved_vectors(path: Path, sentences: int) -> np.ndarray | None:
    """The sentence vectors kept in `path`, if they are there and one a sentence."""
    try:
        vectors = np.load(path)
    # EOFError for an empty file, ValueError for one cut short.
    except (OSError, ValueError, EOFError):
        return None
    return vectors if len(vectors) == sentences else None
