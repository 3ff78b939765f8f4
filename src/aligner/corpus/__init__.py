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
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from aligner.corpus.manifest import MANIFEST_NAME, Manifest
from aligner.corpus.outputs import write_beads, write_memory, write_summary
from aligner.corpus.tasks import (
    DocumentTask,
    PairResult,
    PairTask,
    Reading,
    Unreadable,
    align_pair,
    describe_document,
)
from aligner.embed import UniversalSentenceEncoder
from aligner.errors import InputError
from aligner.language import language_tag, normalize_language
from aligner.memory import is_bilingual
from aligner.model import ProgressCallback
from aligner.pairing import MIN_SIMILARITY, DocumentPair, DocumentProfile, pair_documents

if TYPE_CHECKING:
    from distributed import Client, Future

#: The files a run writes in its output folder.
MEMORY_NAME = "corpus.tmx"
BEADS_NAME = "beads.parquet"
SUMMARY_NAME = "summary.json"
PAIRS_DIR = "pairs"
VECTORS_DIR = "vectors"

T = TypeVar("T")


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
    output = _output_folder(Path(output), folders)
    reading = Reading(presegmented, model)
    langs = (_language(src_lang), _language(tgt_lang))
    manifest = Manifest(output)
    with dask_client(scheduler, workers) as client:
        tasks, skipped = _document_tasks(folders, output, reading, langs)
        described = dict(_completed(client, describe_document, tasks, "read", progress))
        profiles = {i: d for i, d in described.items() if isinstance(d, DocumentProfile)}
        skipped += [
            (tasks[i], d.reason) for i, d in sorted(described.items()) if isinstance(d, Unreadable)
        ]
        sides = _sides(tasks, profiles, langs, two_folders=target is not None)
        pairing = pair_documents(sides.sources, sides.targets, min_similarity)
        paths = {id(profiles[i]): task.path for i, task in enumerate(tasks) if i in profiles}
        pair_tasks = [_pair_task(pair, paths, reading, output) for pair in pairing.pairs]
        to_do = [t for t in pair_tasks if not manifest.is_done(t.pair_id, t.result)]
        aligned_now = {t.pair_id for t in to_do}
        results = {
            t.pair_id: manifest.done[t.pair_id] for t in pair_tasks if t.pair_id not in aligned_now
        }
        done = len(results)
        for i, result in _completed(client, align_pair, to_do, "pairs", progress, done):
            results[to_do[i].pair_id] = result
            if result.error is None:
                manifest.record(result)
    unpaired = [
        *((d.name, sides.side(d), d.lang, NO_PARTNER) for d in pairing.unpaired),
        *sides.off_language,
        *((task.name, task.side, None, reason) for task, reason in skipped),
    ]
    return _written(
        output,
        folders,
        list(zip(pairing.pairs, pair_tasks)),
        results,
        aligned_now,
        pd.DataFrame(unpaired, columns=["document", "side", "language", "reason"]),
        (language_tag(src_lang or sides.src_lang), language_tag(tgt_lang or sides.tgt_lang)),
        model or UniversalSentenceEncoder.name,
    )


#: Why a document that was read has no pair.
NO_PARTNER = "no document of the other language translates it"


def _language(code: str | None) -> str | None:
    return normalize_language(code) if code else None


def _output_folder(output: Path, folders: Sequence[Path]) -> Path:
    for folder in folders:
        if not folder.is_dir():
            raise InputError(f"{folder}: no such folder")
    for folder in (output, output / PAIRS_DIR, output / VECTORS_DIR):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"cannot create {folder}: {error.strerror or error}") from None
    return output


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A Dask client of the scheduler at `scheduler`, or of a local cluster of `workers`
    processes (default: one a core), each running one task at a time."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as error:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        with client:
            yield client
        return
    with _workers_ignore_interrupts():
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # A worker's heartbeat that meets the scheduler closing at the end logs an
            # ERROR with a traceback; a task's failure reaches the client anyway.
            silence_logs=logging.CRITICAL,
        )
    with cluster, Client(cluster) as client:
        yield client


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


def _completed(
    client: Client,
    function: Callable[[Any], T],
    items: Sequence[Any],
    stage: str,
    progress: ProgressCallback | None,
    done: int = 0,
) -> Iterator[tuple[int, T]]:
    """(position in `items`, result) of `function` run on every item as a Dask task,
    as each finishes; what is still running is cancelled if the caller stops (Ctrl-C)."""
    from distributed import as_completed

    total = done + len(items)
    if progress is not None:
        progress(stage, done, total)
    futures: list[Future] = client.map(function, items, pure=False)
    positions = {future.key: i for i, future in enumerate(futures)}
    # The futures not yet finished: one finished is dropped, so that the scheduler
    # forgets its task and result instead of holding the whole run's until the end.
    pending = {future.key: future for future in futures}
    del futures
    try:
        for future in as_completed(list(pending.values())):
            result = future.result()
            del pending[future.key]
            future.release()
            yield positions[future.key], result
            done += 1
            if progress is not None:
                progress(stage, done, total)
    finally:
        client.cancel(list(pending.values()))


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


def _pair_task(
    pair: DocumentPair, paths: dict[int, Path], reading: Reading, output: Path
) -> PairTask:
    # Both contents, how they were read, and both names: a changed or renamed document
    # makes a new pair.
    key = "\0".join((pair.src.digest, pair.tgt.digest, pair.src.name, pair.tgt.name))
    pair_id = hashlib.sha256(key.encode()).hexdigest()[:16]
    return PairTask(
        pair_id,
        paths[id(pair.src)],
        paths[id(pair.tgt)],
        pair.src,
        pair.tgt,
        reading,
        output / VECTORS_DIR,
        output / PAIRS_DIR / f"{pair_id}.parquet",
    )


def _written(
    output: Path,
    folders: Sequence[Path],
    pairs: Sequence[tuple[DocumentPair, PairTask]],
    results: dict[str, PairResult],
    aligned_now: set[str],
    unpaired: pd.DataFrame,
    tags: tuple[str, str],
    encoder: str,
) -> CorpusResult:
    """Write the memory, the beads table and the summary from the pairs' results."""
    aligned = [task for _, task in pairs if results[task.pair_id].error is None]
    units, duplicates = write_memory(
        output / MEMORY_NAME, [task.result for task in aligned], *tags, encoder
    )
    write_beads(output / BEADS_NAME, [task.result for task in aligned])
    rows = []
    for pair, task in pairs:
        result = results[task.pair_id]
        rows.append(
            {
                "pair_id": task.pair_id,
                "src_document": pair.src.name,
                "tgt_document": pair.tgt.name,
                "similarity": round(pair.similarity, 4),
                "name_hint": pair.name_hint,
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
            "units": units,
            "duplicates": duplicates,
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
