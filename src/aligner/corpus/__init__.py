"""A whole corpus aligned: the documents of one folder (or a source folder and a target
folder) read, paired with their translations, every pair aligned and checked, and one
translation memory and one table of beads written — on Dask, a local cluster by default
(one worker process a core) or the cluster a scheduler address names.

    >>> result = align_corpus(Path("site"), output=Path("site-tm"))
    >>> result.pairs            # one row a document pair: similarity, beads, findings
    >>> result.unpaired         # the documents with no partner, and why
    >>> result.beads            # every bead of every pair (read from beads.parquet)

The client only schedules: the workers read the documents, embed them, align the
pairs and write each pair's result, so the client holds one vector a document and
small summaries. Every pair finished is recorded in the output folder's manifest, and
a run started again on the same folders aligns only the pairs not finished.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from aligner.corpus.manifest import MANIFEST_NAME, Manifest
from aligner.corpus.outputs import CorpusWriter, corpus_writer, write_summary
from aligner.corpus.tasks import (
    LOCAL_WORKER_THREADS,
    DocumentTask,
    PairedDocument,
    PairResult,
    PairTask,
    Reading,
    Unreadable,
    align_pair,
    describe_document,
    each_of,
    one_line,
)
from aligner.embed import UniversalSentenceEncoder
from aligner.errors import InputError
from aligner.language import language_tag, normalize_language
from aligner.memory import is_bilingual
from aligner.model import ProgressCallback
from aligner.pairing import MIN_SIMILARITY, DocumentPair, DocumentProfile, pair_documents

if TYPE_CHECKING:
    import pandas as pd
    from dask.typing import Key
    from distributed import Client

#: The files a run writes in its output folder.
MEMORY_NAME = "corpus.tmx"
BEADS_NAME = "beads.parquet"
SUMMARY_NAME = "summary.json"
PAIRS_DIR = "pairs"
VECTORS_DIR = "vectors"

T = TypeVar("T")
Item = TypeVar("Item")


@dataclass(frozen=True)
class CorpusResult:
    output: Path
    #: One row a document pair, in pair order.
    pairs: pd.DataFrame
    #: One row a document left without a partner, with the reason.
    unpaired: pd.DataFrame
    #: What `summary.json` holds.
    summary: dict[str, Any]

    @property
    def beads(self) -> pd.DataFrame:
        """Every bead of every pair, with its scores, findings and documents."""
        import pandas as pd

        return pd.read_parquet(self.output / BEADS_NAME)


def align_corpus(
    source: Path,
    target: Path | None = None,
    *,
    output: Path,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    presegmented: bool = False,
    model: str | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    min_similarity: float = MIN_SIMILARITY,
    progress: ProgressCallback | None = None,
) -> CorpusResult:
    """Pair the documents of `source` (and `target`, when the translations are in a
    folder of their own) and align every pair, writing to `output` (see the module).

    `src_lang`/`tgt_lang` choose the languages paired (default: the language most
    documents are in, then the next); `scheduler` is a Dask scheduler's address
    (default: a local cluster of `workers` processes, one a core). Raises InputError
    for a missing folder, an output that cannot be written, or a corpus with nothing
    to pair."""
    folders = [Path(source), *([Path(target)] if target is not None else [])]
    output = Path(output)
    _check_folders(output, folders)
    reading = Reading(presegmented, model)
    langs = (_language(src_lang), _language(tgt_lang))
    # Connected first: an unreachable scheduler leaves no empty output folder behind.
    with dask_client(scheduler, workers) as client:
        _create_output(output)
        manifest = Manifest(output)
        tasks, skipped = _document_tasks(folders, output, reading, langs)
        # Only the pairs come back: the documents' vectors are dropped once paired.
        pairs, unpaired, found = _paired(
            client, tasks, reading, output, langs, target is not None, min_similarity, progress
        )
        tags = (language_tag(src_lang or found[0]), language_tag(tgt_lang or found[1]))
        encoder = model or UniversalSentenceEncoder.name
        with corpus_writer(output / MEMORY_NAME, output / BEADS_NAME, *tags, encoder) as writer:
            in_order = _InPairOrder(pairs, writer)
            results: dict[str, PairResult] = {}
            to_do = []
            for row in pairs:
                finished = manifest.finished(row.task.pair_id, row.task.result)
                if finished is None:
                    to_do.append(row.task)
                else:
                    results[row.task.pair_id] = finished
                    in_order.finished(finished)
            done = len(results)
            for i, result in _completed(
                client, align_pair, to_do, "pairs", progress, done, failed=_not_aligned
            ):
                results[to_do[i].pair_id] = result
                manifest.record(result, to_do[i].result if result.error is None else None)
                in_order.finished(result)
    unpaired += [(task.name, task.side, None, reason) for task, reason in skipped]
    return _summarised(
        output,
        folders,
        pairs,
        results,
        {task.pair_id for task in to_do},
        unpaired,
        tags,
        writer,
    )


class _InPairOrder:
    """Gives `writer` each aligned pair's file in pair order, as soon as the pair and
    every pair before it are finished (tasks finish in about the order submitted)."""

    def __init__(self, pairs: Sequence[_PairRow], writer: CorpusWriter) -> None:
        self._tasks = [row.task for row in pairs]
        self._writer = writer
        self._next = 0
        #: Whether each pair finished out of order was aligned, by id.
        self._waiting: dict[str, bool] = {}

    def finished(self, result: PairResult) -> None:
        self._waiting[result.pair_id] = result.error is None
        while self._next < len(self._tasks) and self._tasks[self._next].pair_id in self._waiting:
            task = self._tasks[self._next]
            if self._waiting.pop(task.pair_id):
                self._writer.add(task.result)
            self._next += 1


def _paired(
    client: Client,
    tasks: Sequence[DocumentTask],
    reading: Reading,
    output: Path,
    langs: tuple[str | None, str | None],
    two_folders: bool,
    min_similarity: float,
    progress: ProgressCallback | None,
) -> tuple[list[_PairRow], list[tuple[str, str | None, str | None, str]], tuple[str, str]]:
    """Every document read and embedded on the workers, then paired: the pairs, the
    unpaired rows (documents with no partner, in another language, or unreadable)
    and the two languages paired."""
    profiles: dict[int, DocumentProfile] = {}
    unreadable: dict[int, str] = {}
    described_all = _completed(
        client, describe_document, tasks, "read", progress, failed=_unreadable
    )
    _import_what_comes_later()
    for i, described in described_all:
        if isinstance(described, Unreadable):
            unreadable[i] = described.reason
        else:
            profiles[i] = described
    sides = _sides(tasks, profiles, langs, two_folders)
    pairing = pair_documents(sides.sources, sides.targets, min_similarity)
    paths = {id(profiles[i]): task.path for i, task in enumerate(tasks) if i in profiles}
    pairs = [
        _PairRow(_pair_task(pair, paths, reading, output), pair.similarity, pair.name_hint)
        for pair in pairing.pairs
    ]
    unpaired = [
        *((d.name, sides.side(d), d.lang, NO_PARTNER) for d in pairing.unpaired),
        *sides.off_language,
        *((tasks[i].name, tasks[i].side, None, reason) for i, reason in sorted(unreadable.items())),
    ]
    return pairs, unpaired, (sides.src_lang, sides.tgt_lang)


#: What the client needs only once the workers have read every document: scipy's
#: assignment solver for pairing, pandas for the result's tables (0.4 s of imports
#: each).
LATER_IMPORTS = ("scipy.optimize", "scipy.sparse.csgraph", "pandas")


def _import_what_comes_later() -> None:
    """`LATER_IMPORTS`, while the workers read the documents: imported after, when
    pairing needs them, both the client and the workers would wait for them."""
    for module in LATER_IMPORTS:
        import_module(module)


#: Why a document that was read has no pair.
NO_PARTNER = "no document of the other language translates it"


def _language(code: str | None) -> str | None:
    return normalize_language(code) if code else None


def _check_folders(output: Path, folders: Sequence[Path]) -> None:
    """Refuse a missing input folder, or an output that cannot be created or written,
    before anything is started or written."""
    for folder in folders:
        if not folder.is_dir():
            raise InputError(f"{folder}: no such folder")
    existing = next(parent for parent in (output, *output.parents) if parent.exists())
    if not existing.is_dir():
        raise InputError(f"cannot create {output}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(f"cannot create {output}: {existing} is not writable")


def _create_output(output: Path) -> None:
    for folder in (output, output / PAIRS_DIR, output / VECTORS_DIR):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"cannot create {folder}: {error.strerror or error}") from None


#: The Dask setting of how many tasks a worker is sent per thread it runs (default 1.1).
WORKER_SATURATION = "distributed.scheduler.worker-saturation"
#: The settings of a local cluster. Its workers are forked from a process that has
#: loaded what they all need (`_start_forkserver`). A worker is sent one task at a
#: time: when it dies, Dask counts a death against every task it held, and a pair
#: queued behind one that kills its worker would be given up with it. Dask's
#: statistical profiler, which samples every thread's stack every 10 ms for a dashboard
#: the local cluster does not start, is off, and its event loops' health check (every
#: 20 ms) and the dashboard's samples of each process (every 500 ms) are made less
#: often: idle, they took 4% of a core in the client and 2% in each worker, 1.5% and
#: 0.6% so, on the cores the workers align on. And the workers keep glibc's own
#: threshold for giving freed memory back to the system: Dask starts them with
#: MALLOC_TRIM_THRESHOLD_=65536, and USE frees and allocates arrays of megabytes at
#: every batch, each one then faulted in anew, page by page (+20% of the single-pair
#: path's CPU time, a third of it in the kernel, when run so).
LOCAL_CLUSTER_SETTINGS = {
    "distributed.worker.multiprocessing-method": "forkserver",
    WORKER_SATURATION: 1.0,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    # None unsets a variable of Dask's list.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
#: How long a scheduler given by address has to answer.
CONNECT_SECONDS = 30


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A Dask client of the scheduler at `scheduler`, or of a local cluster of `workers`
    processes (default: one a core), each running one task at a time."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        # OSError or TimeoutError for no scheduler there, ValueError for no address.
        except (OSError, TimeoutError, ValueError) as error:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        with client:
            yield client
        return
    # Set while the cluster lives: a nanny that starts a worker again after it died
    # reads them then, and forks it from the same forkserver.
    with dask.config.set(LOCAL_CLUSTER_SETTINGS):
        with _workers_ignore_interrupts():
            _start_forkserver()
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=LOCAL_WORKER_THREADS,
                processes=True,
                dashboard_address=None,
                # A worker's heartbeat that meets the scheduler closing at the end logs
                # an ERROR with a traceback; a task's failure reaches the client anyway.
                silence_logs=logging.CRITICAL,
            )
        with cluster, Client(cluster) as client:
            yield client


#: What the forkserver imports before it forks a worker.
PRELOAD_MODULE = "aligner.corpus.preload"


def _start_forkserver() -> None:
    """Start the process the local cluster's workers are forked from, which loads what
    they all need (`preload`) on a core of its own while this process starts the
    cluster. It is given the environment a nanny gives its worker before starting it
    (one BLAS thread), and keeps Ctrl-C ignored for the workers if it is."""
    import multiprocessing
    from multiprocessing import forkserver

    import dask

    before_start = dask.config.get("distributed.nanny.pre-spawn-environ")
    # As each nanny does itself before it starts its worker.
    os.environ.update(
        {name: str(value) for name, value in before_start.items() if value is not None}
    )
    multiprocessing.get_context("forkserver").set_forkserver_preload([PRELOAD_MODULE])
    forkserver.ensure_running()


@contextmanager
def _workers_ignore_interrupts() -> Iterator[None]:
    """Worker processes started meanwhile ignore Ctrl-C, which the terminal sends to
    every process of the job: the client stops them as it stops, instead of each
    printing its KeyboardInterrupt. (A process started with SIGINT ignored keeps it
    ignored, and neither Python nor asyncio installs its handler then.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


#: Tasks a run keeps submitted at once, per worker thread (at least MIN_IN_FLIGHT):
#: enough that no worker waits for the next, few enough that the scheduler (in the
#: client's process, on a local cluster) never holds the whole corpus's tasks.
IN_FLIGHT_PER_THREAD = 4
MIN_IN_FLIGHT = 16
#: Documents or pairs a task takes at most. A Dask task costs milliseconds of CPU in
#: the client, the scheduler and the worker, on the cores the workers use; a pair costs
#: about 0.15 s, a document less. Few enough that the work left at the end is spread.
MAX_BATCH = 8
#: A task takes the items not yet submitted over this many tasks a worker thread, so
#: that the tasks shrink to one item as the work runs out and the workers end together.
BATCHES_PER_THREAD = 4


def _completed(
    client: Client,
    function: Callable[[Item], T],
    items: Sequence[Item],
    stage: str,
    progress: ProgressCallback | None,
    done: int = 0,
    *,
    failed: Callable[[Item, str], T],
) -> Iterator[tuple[int, T]]:
    """(position in `items`, result) of `function` run on every item on Dask, a few
    items a task (`tasks.each_of`, `MAX_BATCH`), as each task finishes, a few tasks
    submitted at a time (`IN_FLIGHT_PER_THREAD`), the first ones at once, before the
    caller asks for a result. An item that raised, or whose workers kept dying, gives
    `failed(item, reason)` and the others go on; what is still running is cancelled if
    the caller stops (Ctrl-C)."""
    from distributed import as_completed

    total = done + len(items)
    if progress is not None:
        progress(stage, done, total)
    threads = max(sum(client.nthreads().values()), 1)
    submitted = 0
    positions: dict[Key, range] = {}
    running = as_completed()

    def submit(batch: range) -> None:
        chunk = [items[i] for i in batch]
        future = client.submit(each_of, function, failed, chunk, pure=False)
        positions[future.key] = batch
        running.add(future)

    def submit_next() -> None:
        nonlocal submitted
        left = len(items) - submitted
        if left:
            size = max(1, min(MAX_BATCH, left // (threads * BATCHES_PER_THREAD)))
            submit(range(submitted, submitted + size))
            submitted += size

    def finished() -> Iterator[tuple[int, T]]:
        nonlocal done
        try:
            for future in running:
                batch = positions.pop(future.key)
                results: list[T] | None
                try:
                    results = future.result()
                except CancelledError:
                    raise InputError(
                        f"the Dask scheduler cancelled the work ({stage}): was it stopped?"
                    ) from None
                except Exception as error:  # the task's workers kept dying (KilledWorker)
                    results = (
                        [failed(items[batch[0]], _failure(error))] if len(batch) == 1 else None
                    )
                # Released as soon as read: the scheduler forgets the task and its result.
                future.release()
                if results is None:
                    # Each item again, in a task of its own: only the one that kills its
                    # worker fails (a pair finished before it is read from its file).
                    for i in batch:
                        submit(range(i, i + 1))
                    continue
                submit_next()
                for i, result in zip(batch, results, strict=True):
                    yield i, result
                    done += 1
                    if progress is not None:
                        progress(stage, done, total)
        finally:
            client.cancel(list(running.futures))

    try:
        for _ in range(max(MIN_IN_FLIGHT, IN_FLIGHT_PER_THREAD * threads)):
            submit_next()
    except BaseException:
        client.cancel(list(running.futures))
        raise
    return finished()


def _failure(error: Exception) -> str:
    """Why a task failed, in one line."""
    from distributed import KilledWorker

    if isinstance(error, KilledWorker):
        return (
            f"its worker died {error.allowed_failures + 1} times while on it (out of memory, "
            "or a crash in a library)"
        )
    return one_line(error)


def _unreadable(task: DocumentTask, reason: str) -> Unreadable:
    return Unreadable(task.name, reason)


def _not_aligned(task: PairTask, reason: str) -> PairResult:
    return PairResult(task.pair_id, 0, 0, error=reason)


def _document_tasks(
    folders: Sequence[Path], output: Path, reading: Reading, langs: tuple[str | None, str | None]
) -> tuple[list[DocumentTask], list[tuple[DocumentTask, str]]]:
    """A task for every file of the folders, searched recursively: hidden files and the
    output folder left out; bilingual files (XLIFF, PO, TMX) set aside with a reason."""
    tasks, skipped = [], []
    written = output.resolve()
    for index, folder in enumerate(folders):
        side = SIDES[index] if len(folders) == 2 else None
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if not path.is_file() or _hidden(relative) or path.resolve().is_relative_to(written):
                continue
            lang = langs[index] if len(folders) == 2 else None
            task = DocumentTask(
                path, relative.as_posix(), lang, reading, output / VECTORS_DIR, side
            )
            if is_bilingual(path):
                skipped.append(
                    (task, "a bilingual file (XLIFF, PO, TMX): it has its pairs already")
                )
            else:
                tasks.append(task)
    if not tasks and not skipped:
        raise InputError(f"{', '.join(map(str, folders))}: no document to pair")
    return tasks, skipped


#: The sides of a corpus, as outputs name them.
SIDES = ("source", "target")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


@dataclass
class _Sides:
    """The documents paired as sources and as targets, their languages, and the
    documents in neither (unpaired rows)."""

    sources: list[DocumentProfile]
    targets: list[DocumentProfile]
    src_lang: str
    tgt_lang: str
    off_language: list[tuple[str, str | None, str, str]]

    def side(self, document: DocumentProfile) -> str:
        return SIDES[0] if document in self.source_set else SIDES[1]

    @cached_property
    def source_set(self) -> set[DocumentProfile]:
        return set(self.sources)  # profiles hash by identity


def _sides(
    tasks: Sequence[DocumentTask],
    profiles: dict[int, DocumentProfile],
    langs: tuple[str | None, str | None],
    two_folders: bool,
) -> _Sides:
    """Which documents are sources and which targets: by folder when there are two, by
    language when there is one; the languages are those given, else the most common."""
    if two_folders:
        groups = [[p for i, p in sorted(profiles.items()) if tasks[i].side == s] for s in SIDES]
        src_lang = langs[0] or _most_common(groups[0])
        tgt_lang = langs[1] or _most_common(groups[1])
    else:
        everything = [p for _, p in sorted(profiles.items())]
        groups = [everything, everything]
        src_lang = langs[0] or _most_common(everything, but=langs[1])
        tgt_lang = langs[1] or _most_common(everything, but=src_lang)
    if src_lang is None or tgt_lang is None:
        found = ", ".join(sorted({p.lang for p in profiles.values()})) or "none"
        raise InputError(
            f"no two languages to pair (documents read in: {found}); give the translations' "
            "folder as TARGET, or --src-lang and --tgt-lang"
        )
    sources = [p for p in groups[0] if p.lang == src_lang]
    targets = [p for p in groups[1] if p.lang == tgt_lang]
    paired_sides = {id(p) for p in (*sources, *targets)}
    reason = f"in neither {src_lang} nor {tgt_lang}"
    off_language = [
        (p.name, tasks[i].side, p.lang, f"{reason}: in {p.lang}")
        for i, p in sorted(profiles.items())
        if id(p) not in paired_sides
    ]
    return _Sides(sources, targets, src_lang, tgt_lang, off_language)


def _most_common(profiles: Sequence[DocumentProfile], but: str | None = None) -> str | None:
    """The language most of `profiles` are in, other than `but`; the first found on a tie."""
    counts = Counter(p.lang for p in profiles if p.lang != but)
    return counts.most_common(1)[0][0] if counts else None


@dataclass(frozen=True)
class _PairRow:
    """A pair as the client keeps it while its task runs: the task, and what pairing
    said of it."""

    task: PairTask
    similarity: float
    name_hint: bool


def _pair_task(
    pair: DocumentPair, paths: dict[int, Path], reading: Reading, output: Path
) -> PairTask:
    # Both contents, how they were read, and both names: a changed or renamed document
    # makes a new pair.
    key = "\0".join((pair.src.digest, pair.tgt.digest, pair.src.name, pair.tgt.name))
    pair_id = hashlib.sha256(key.encode()).hexdigest()[:16]
    src, tgt = (
        PairedDocument(paths[id(profile)], profile.name, profile.lang, profile.digest)
        for profile in (pair.src, pair.tgt)
    )
    return PairTask(
        pair_id,
        src,
        tgt,
        reading,
        output / VECTORS_DIR,
        output / PAIRS_DIR / f"{pair_id}.parquet",
    )


def _summarised(
    output: Path,
    folders: Sequence[Path],
    pairs: Sequence[_PairRow],
    results: dict[str, PairResult],
    aligned_now: set[str],
    unpaired_rows: list[tuple[str, str | None, str | None, str]],
    tags: tuple[str, str],
    written: CorpusWriter,
) -> CorpusResult:
    """Write the summary from the pairs' results (the memory and the beads table are
    written)."""
    # Imported here: a worker imports this package for its tasks, and never needs it.
    import pandas as pd

    unpaired = pd.DataFrame(unpaired_rows, columns=["document", "side", "language", "reason"])
    aligned = [row.task for row in pairs if results[row.task.pair_id].error is None]
    rows = []
    for row in pairs:
        task = row.task
        result = results[task.pair_id]
        rows.append(
            {
                "pair_id": task.pair_id,
                "src_document": task.src.name,
                "tgt_document": task.tgt.name,
                "similarity": round(row.similarity, 4),
                "name_hint": row.name_hint,
                "beads": result.beads,
                "sentences": result.sentences,
                "findings": sum(result.findings.values()),
                "translation": result.translation,
                "coverage": result.coverage,
                "resumed": task.pair_id not in aligned_now,
                "error": result.error,
            }
        )
    columns = ["pair_id", "src_document", "tgt_document", "similarity", "name_hint", "beads",
               "sentences", "findings", "translation", "coverage", "resumed", "error"]  # fmt: skip
    pairs_frame = pd.DataFrame(rows, columns=columns)
    findings: Counter[str] = Counter()
    for result in results.values():
        findings.update(result.findings)
    summary = {
        "folders": [str(folder) for folder in folders],
        "languages": list(tags),
        "counts": {
            "pairs": len(rows),
            "aligned": len(aligned),
            "failed": len(rows) - len(aligned),
            "resumed": int(pairs_frame["resumed"].sum()) if rows else 0,
            "unpaired": len(unpaired),
            "beads": int(pairs_frame["beads"].sum()) if rows else 0,
            "sentences": int(pairs_frame["sentences"].sum()) if rows else 0,
            "units": written.units,
            "duplicates": written.duplicates,
        },
        "findings": dict(findings.most_common()),
        "pairs": _records(pairs_frame.drop(columns="resumed")),
        "unpaired": _records(unpaired),
        "outputs": {"memory": MEMORY_NAME, "beads": BEADS_NAME, "manifest": MANIFEST_NAME},
    }
    write_summary(output / SUMMARY_NAME, summary)
    return CorpusResult(output, pairs_frame, unpaired, summary)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts, a missing value as None (pandas holds a missing string as NaN,
    which JSON has no word for)."""
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    return [{str(key): value for key, value in row.items()} for row in records]
