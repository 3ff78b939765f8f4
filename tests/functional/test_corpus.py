"""aligner corpus: folders of documents paired, aligned on a Dask cluster the test
starts itself, and written as one TMX and one table of beads; resumed after a stop."""

import _thread
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import cloudpickle
import dask
import pandas as pd
import pytest
from distributed import Client, LocalCluster, WorkerPlugin

from aligner import align_documents, judge_alignment, load_document
from aligner import corpus as corpus_module
from aligner.checks import check_alignment
from aligner.cli import main
from aligner.cli.commands import EXIT_INTERRUPTED
from aligner.corpus import BEADS_NAME, MEMORY_NAME, NO_PARTNER, SUMMARY_NAME, align_corpus, tasks
from aligner.corpus import manifest as manifest_module
from aligner.corpus.manifest import MANIFEST_NAME
from aligner.corpus.outputs import PAIR_PROP, SRC_DOCUMENT_PROP, TGT_DOCUMENT_PROP
from aligner.memory.tmx import read_tmx

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
ITALIAN, ENGLISH = next(SEEDS.glob("000_*.txt")).name, next(SEEDS.glob("001_*.txt")).name
OTHERS = sorted(path.name for path in SEEDS.glob("00[234]_*.txt"))


@pytest.fixture(scope="module")
def scheduler():
    """A small Dask cluster in this process (threads, not processes: quick to start),
    reached by its address as a real cluster is with --scheduler."""
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def seeds_run(scheduler, tmp_path_factory):
    return align_corpus(SEEDS, output=tmp_path_factory.mktemp("seeds-corpus"), scheduler=scheduler)


def test_the_seeds_pair_000_with_001_and_leave_the_other_articles_unpaired(seeds_run):
    pairs = seeds_run.pairs
    assert list(zip(pairs["src_document"], pairs["tgt_document"])) == [(ITALIAN, ENGLISH)]
    unpaired = seeds_run.unpaired
    assert sorted(unpaired["document"]) == OTHERS
    assert set(unpaired["reason"]) == {NO_PARTNER}
    summary = json.loads((seeds_run.output / SUMMARY_NAME).read_text(encoding="utf-8"))
    assert summary["counts"]["pairs"] == 1
    assert sorted(row["document"] for row in summary["unpaired"]) == OTHERS
    assert summary["findings"] == dict(seeds_run.summary["findings"])


def test_a_pair_is_aligned_and_checked_as_the_single_pair_path_does(seeds_run, encoder):
    alignment = align_documents(
        load_document(SEEDS / ITALIAN), load_document(SEEDS / ENGLISH), encoder
    )
    beads = seeds_run.beads
    assert [(list(s), list(t)) for s, t in zip(beads["src_ids"], beads["tgt_ids"])] == [
        (list(b.src), list(b.tgt)) for b in alignment.beads
    ]
    assert beads["score"].tolist() == pytest.approx([b.score for b in alignment.beads], abs=1e-4)
    codes = [sorted(f["code"] for f in findings) for findings in beads["findings"]]
    assert codes == [sorted(f.code for f in pair.findings) for pair in check_alignment(alignment)]
    assert set(beads["pair_id"]) == set(seeds_run.pairs["pair_id"])
    assert set(beads["src_document"]) == {ITALIAN}
    # The documents' verdict as `align` gives it.
    verdict = judge_alignment(alignment)
    assert seeds_run.pairs["translation"].tolist() == [True] == [verdict.is_translation]
    assert seeds_run.pairs["coverage"].tolist() == pytest.approx([verdict.coverage], abs=1e-4)


def test_the_memory_holds_each_text_pair_once_with_its_document_pair(seeds_run):
    memory = read_tmx(seeds_run.output / MEMORY_NAME)
    assert (memory.src_lang, memory.tgt_lang) == ("it", "en")
    texts = [(unit.src_text, unit.tgt_text) for unit in memory.units]
    assert len(texts) == len(set(texts)) == seeds_run.summary["counts"]["units"]
    beads = seeds_run.beads
    two_sided = beads[
        beads["src_ids"].map(len).astype(bool) & beads["tgt_ids"].map(len).astype(bool)
    ]
    assert set(texts) == set(zip(two_sided["src_text"], two_sided["tgt_text"]))
    assert len(two_sided) - len(texts) == seeds_run.summary["counts"]["duplicates"] > 0
    pair_id = seeds_run.pairs["pair_id"][0]
    for unit in memory.units:
        props = dict(unit.props)
        assert props[PAIR_PROP] == pair_id
        assert (props[SRC_DOCUMENT_PROP], props[TGT_DOCUMENT_PROP]) == (ITALIAN, ENGLISH)


def test_two_folders_with_an_unreadable_file_report_it_and_go_on(scheduler, tmp_path, capsys):
    source, target = tmp_path / "it", tmp_path / "en"
    (target / "old").mkdir(parents=True)
    source.mkdir()
    shutil.copy(FORMATS / "seed.it.html", source / "seed.html")
    shutil.copy(SEEDS / OTHERS[0], source)
    shutil.copy(FORMATS / "seed.en.html", target / "seed.html")
    (target / "old" / "broken.txt").write_bytes(b"\x00\x01binary")
    output = tmp_path / "out"
    code = main(["corpus", str(source), str(target), "-o", str(output), "--scheduler", scheduler])
    assert code == 0
    err = capsys.readouterr().err
    assert "skipped old/broken.txt: looks like a binary file" in err
    summary = json.loads((output / SUMMARY_NAME).read_text(encoding="utf-8"))
    assert [(p["src_document"], p["tgt_document"], p["name_hint"]) for p in summary["pairs"]] == [
        ("seed.html", "seed.html", True)
    ]
    unpaired = {row["document"]: row for row in summary["unpaired"]}
    assert unpaired[OTHERS[0]]["reason"] == NO_PARTNER
    assert unpaired["old/broken.txt"]["side"] == "target"
    assert unpaired["old/broken.txt"]["reason"].startswith("looks like a binary file")
    beads = pd.read_parquet(output / BEADS_NAME)
    # The HTML documents' blocks say where each bead is in the page.
    assert beads["src_locator"].notna().any()


def _two_pair_corpus(folder: Path) -> Path:
    folder.mkdir()
    for name in (ITALIAN, ENGLISH, *OTHERS):
        shutil.copy(SEEDS / name, folder)
    shutil.copy(FORMATS / "seed.it.md", folder / "article.it.md")
    shutil.copy(FORMATS / "seed.en.md", folder / "article.en.md")
    return folder


class _Stop(KeyboardInterrupt):
    """Ctrl-C, as the progress callback sees the first pair finished."""


def test_a_run_stopped_after_one_pair_resumes_without_redoing_it(scheduler, tmp_path, monkeypatch):
    corpus = _two_pair_corpus(tmp_path / "corpus")
    output = tmp_path / "out"
    stopped = threading.Event()
    real = tasks.align_documents
    begun = []

    def second_pair_never_finished(src, tgt, **kwargs):
        # The worker's next pair, if it began it before the run stopped, is stopped
        # with the run (as the local cluster's workers are), its file not written.
        if begun:
            stopped.wait(timeout=60)
            raise RuntimeError("stopped with the run")
        begun.append(src)
        return real(src, tgt, **kwargs)

    def stop_after_first_pair(stage: str, done: int, total: int) -> None:
        if stage == "pairs" and done == 1:
            stopped.set()
            raise _Stop

    monkeypatch.setattr(tasks, "align_documents", second_pair_never_finished)
    with pytest.raises(_Stop):
        align_corpus(corpus, output=output, scheduler=scheduler, progress=stop_after_first_pair)
    assert not (output / MEMORY_NAME).exists()
    finished = [json.loads(line) for line in (output / MANIFEST_NAME).read_text().splitlines()]
    assert len(finished) == 1
    first = output / "pairs" / f"{finished[0]['pair_id']}.parquet"
    written = first.stat().st_mtime_ns
    # A crash while the journal was being appended leaves half a line: it is ignored.
    with open(output / MANIFEST_NAME, "a") as manifest:
        manifest.write('{"pair_id": "cut sh')

    vectors = {path: path.stat().st_mtime_ns for path in (output / "vectors").glob("*.npy")}

    aligned = []
    monkeypatch.setattr(tasks, "align_documents", real)
    monkeypatch.setattr(tasks, "align_documents", _recording(aligned))
    result = align_corpus(corpus, output=output, scheduler=scheduler)
    assert len(result.pairs) == 2
    # The documents were read again, not embedded again: their vectors were kept.
    assert {path: path.stat().st_mtime_ns for path in vectors} == vectors
    assert dict(zip(result.pairs["pair_id"], result.pairs["resumed"])) == {
        pair_id: pair_id == finished[0]["pair_id"] for pair_id in result.pairs["pair_id"]
    }
    resumed = result.pairs[result.pairs["resumed"]]
    unfinished = result.pairs[~result.pairs["resumed"]]
    aligned_names = {(src.name, tgt.name) for src, tgt in aligned}
    assert set(zip(unfinished["src_document"], unfinished["tgt_document"])) <= aligned_names
    assert not set(zip(resumed["src_document"], resumed["tgt_document"])) & aligned_names
    assert first.stat().st_mtime_ns == written
    assert set(result.beads["pair_id"]) == set(result.pairs["pair_id"])
    pairs = set(zip(result.pairs["src_document"], result.pairs["tgt_document"]))
    assert pairs == {(ITALIAN, ENGLISH), ("article.it.md", "article.en.md")}
    # The line written after the torn one is a line of its own.
    journal = (output / MANIFEST_NAME).read_text().splitlines()
    assert json.loads(journal[-1])["pair_id"] == unfinished["pair_id"].item()


def _recording(calls: list):
    real = tasks.align_documents

    def align(src, tgt, **kwargs):
        calls.append((src.path, tgt.path))
        return real(src, tgt, **kwargs)

    return align


def test_a_run_stopped_while_a_task_is_on_its_second_pair_keeps_the_first(
    scheduler, tmp_path, monkeypatch
):
    corpus = _two_pair_corpus(tmp_path / "corpus")
    output = tmp_path / "out"
    monkeypatch.setattr(corpus_module, "BATCHES_PER_THREAD", 1)  # both pairs in one task
    stopped = threading.Event()
    real = tasks.align_documents
    begun = []

    def ctrl_c_at_the_second_pair(src, tgt, **kwargs):
        if begun:
            _thread.interrupt_main()  # Ctrl-C, in the client's thread
            stopped.wait(timeout=60)
            raise RuntimeError("stopped with the run")  # as the local cluster's workers are
        begun.append((src.path, tgt.path))
        return real(src, tgt, **kwargs)

    monkeypatch.setattr(tasks, "align_documents", ctrl_c_at_the_second_pair)
    try:
        with pytest.raises(KeyboardInterrupt):
            align_corpus(corpus, output=output, scheduler=scheduler)
    finally:
        stopped.set()
    # The task never came back, so the journal was not told; the pair's file says it.
    assert not (output / MANIFEST_NAME).exists()
    (first,) = list((output / "pairs").glob("*.parquet"))
    written = first.stat().st_mtime_ns

    aligned = []
    monkeypatch.setattr(tasks, "align_documents", real)
    monkeypatch.setattr(tasks, "align_documents", _recording(aligned))
    result = align_corpus(corpus, output=output, scheduler=scheduler)
    assert result.pairs["error"].isna().all()
    assert dict(zip(result.pairs["pair_id"], result.pairs["resumed"])) == {
        pair_id: pair_id == first.stem for pair_id in result.pairs["pair_id"]
    }
    assert len(aligned) == 1 and aligned != begun
    assert first.stat().st_mtime_ns == written
    assert set(result.beads["pair_id"]) == set(result.pairs["pair_id"])
    journal = [json.loads(line) for line in (output / MANIFEST_NAME).read_text().splitlines()]
    assert sorted(line["pair_id"] for line in journal) == sorted(result.pairs["pair_id"])


def test_the_journal_names_a_pair_only_once_its_file_is_on_the_disk(
    scheduler, tmp_path, monkeypatch
):
    # A worker writes a pair's file without waiting for the disk; the client puts it
    # there before the journal says the pair is finished, so that a line read after
    # the machine crashed never names a file cut short.
    output = tmp_path / "out"
    journal = output / MANIFEST_NAME
    synced = []

    def sync_file(path: Path) -> None:
        named = journal.read_text().splitlines() if journal.exists() else []
        synced.append((path.stem, {json.loads(line)["pair_id"] for line in named}))

    monkeypatch.setattr(manifest_module, "sync_file", sync_file)
    result = align_corpus(_two_pair_corpus(tmp_path / "corpus"), output=output, scheduler=scheduler)
    named = [json.loads(line)["pair_id"] for line in journal.read_text().splitlines()]
    assert sorted(stem for stem, _ in synced) == sorted(named) == sorted(result.pairs["pair_id"])
    assert all(stem not in named_before for stem, named_before in synced)


def test_vectors_left_empty_or_cut_short_by_a_crash_are_made_again(seeds_run, scheduler, tmp_path):
    # Kept vectors are not synced (a cache): after a machine crash one can be empty or
    # cut short, and its document is embedded again instead of being unreadable.
    output = tmp_path / "out"
    shutil.copytree(seeds_run.output, output)
    kept = sorted((output / "vectors").glob("*.npy"))
    whole = {path: path.read_bytes() for path in kept[:2]}
    kept[0].write_bytes(b"")
    kept[1].write_bytes(whole[kept[1]][: len(whole[kept[1]]) // 2])
    result = align_corpus(SEEDS, output=output, scheduler=scheduler)
    assert list(zip(result.pairs["src_document"], result.pairs["tgt_document"])) == [
        (ITALIAN, ENGLISH)
    ]
    assert sorted(result.unpaired["document"]) == OTHERS
    assert set(result.unpaired["reason"]) == {NO_PARTNER}
    assert {path: path.read_bytes() for path in whole} == whole


class _DieOnceAtTheSecondPair(WorkerPlugin):
    """Makes the first worker process die as it begins its second pair; every pair begun
    is a line of `log` (the workers are other processes)."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def setup(self, worker):
        from aligner.corpus import tasks

        real = tasks.align_documents
        log, died = self.log, self.log.with_suffix(".died")

        def dying(src, tgt, **kwargs):
            with open(log, "a", encoding="utf-8") as file:
                file.write(f"{src.path.name}\n")
            if len(log.read_text(encoding="utf-8").splitlines()) == 2 and not died.exists():
                died.touch()
                os._exit(1)
            return real(src, tgt, **kwargs)

        tasks.align_documents = dying


def test_a_task_whose_worker_died_is_run_again_without_the_pairs_it_finished(tmp_path, monkeypatch):
    corpus = _two_pair_corpus(tmp_path / "corpus")
    log = tmp_path / "begun.txt"
    monkeypatch.setattr(corpus_module, "BATCHES_PER_THREAD", 1)  # both pairs in one task
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the plugin, to the workers
    try:
        with (
            LocalCluster(
                n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            client.register_plugin(_DieOnceAtTheSecondPair(log))
            result = align_corpus(
                corpus, output=tmp_path / "out", scheduler=cluster.scheduler_address
            )
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert result.pairs["error"].isna().all() and len(result.pairs) == 2
    # Dask ran the task again on the new worker: the first pair was read from its file,
    # the second (which the first worker died on) aligned.
    first, second, again = log.read_text(encoding="utf-8").splitlines()
    assert again == second != first
    assert set(result.beads["pair_id"]) == set(result.pairs["pair_id"])


def test_the_encoder_is_loaded_once_per_worker(scheduler, tmp_path, monkeypatch):
    corpus = _two_pair_corpus(tmp_path / "corpus")
    loads = []

    class CountingEncoder(tasks.UniversalSentenceEncoder):
        def __init__(self, threads=None):
            loads.append(threads)
            super().__init__(threads)

    monkeypatch.setattr(tasks, "_ENCODERS", {})
    monkeypatch.setattr(tasks, "UniversalSentenceEncoder", CountingEncoder)
    result = align_corpus(corpus, output=tmp_path / "out", scheduler=scheduler)
    assert len(result.pairs) == 2
    # Seven documents described and two pairs aligned by the one worker, which runs
    # one task at a time: one encoder, with one BLAS thread.
    assert loads == [1]


def test_the_command_on_its_own_local_cluster_of_processes(tmp_path):
    output = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "aligner",
            "corpus",
            str(SEEDS),
            "-o",
            str(output),
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "1 pairs aligned" in " ".join(run.stdout.split())
    summary = json.loads((output / SUMMARY_NAME).read_text(encoding="utf-8"))
    assert [(p["src_document"], p["tgt_document"]) for p in summary["pairs"]] == [
        (ITALIAN, ENGLISH)
    ]


def _worker_settings() -> tuple[bool, str | None]:
    return dask.config.get("distributed.worker.profile.enabled"), os.environ.get(
        "MALLOC_TRIM_THRESHOLD_"
    )


def test_the_local_clusters_workers_run_without_profiler_or_memory_trimming(monkeypatch):
    # Both cost CPU time a pair would use: Dask's profiler samples every thread every
    # 10 ms; trimming at every free of 64 KB made USE fault its arrays in anew, page
    # by page (+20% of the single-pair path's time).
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with corpus_module.dask_client(workers=1) as client:
        assert list(client.run(_worker_settings).values()) == [(False, None)]


def _loaded_before_any_task() -> tuple[bool, str | None]:
    return None in tasks._ENCODERS, os.environ.get("OPENBLAS_NUM_THREADS")


def test_the_local_clusters_workers_start_with_the_model_loaded_and_one_blas_thread():
    # Forked from a process that loaded it once for all of them, instead of each loading
    # it on its first task (seconds a worker, before any document is read).
    with corpus_module.dask_client(workers=2) as client:
        assert list(client.run(_loaded_before_any_task).values()) == [(True, "1")] * 2


def test_ctrl_c_is_one_line_and_exit_130(monkeypatch, tmp_path, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("aligner.corpus.align_corpus", interrupted)
    assert main(["corpus", str(SEEDS), "-o", str(tmp_path / "out")]) == EXIT_INTERRUPTED
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "run the same command again" in err[0]


def test_a_missing_folder_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["corpus", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 2
    assert (
        capsys.readouterr().err.strip() == f"aligner: error: {tmp_path / 'nowhere'}: no such folder"
    )


def test_an_output_folder_inside_the_corpus_is_not_read_as_documents(
    scheduler, tmp_path, monkeypatch
):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # the second run finds the first one's outputs in the folder
        result = align_corpus(Path("corpus"), output=corpus / "tm", scheduler=scheduler)
        assert sorted(result.unpaired["document"]) == OTHERS
    assert result.pairs["resumed"].tolist() == [True]


def test_a_worker_killed_mid_run_is_replaced_and_the_run_completes(tmp_path):
    import signal
    import time

    from distributed import Client

    output = tmp_path / "out"
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        (pid,) = client.run(os.getpid).values()
        killed = threading.Event()

        def kill_after_the_first_document() -> None:
            while not list((output / "vectors").glob("*.npy")):
                time.sleep(0.05)
            os.kill(pid, signal.SIGKILL)
            killed.set()

        killer = threading.Thread(target=kill_after_the_first_document, daemon=True)
        killer.start()
        result = align_corpus(SEEDS, output=output, scheduler=cluster.scheduler_address)
        assert killed.is_set()
        assert list(client.run(os.getpid).values()) != [pid]  # the nanny started another
    assert list(zip(result.pairs["src_document"], result.pairs["tgt_document"])) == [
        (ITALIAN, ENGLISH)
    ]
    assert sorted(result.unpaired["document"]) == OTHERS


def test_an_unreachable_scheduler_is_one_line_and_leaves_no_folder_behind(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(corpus_module, "CONNECT_SECONDS", 1)  # nothing listens on port 1
    output = tmp_path / "new" / "out"
    code = main(["corpus", str(SEEDS), "-o", str(output), "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("aligner: error: cannot reach the Dask scheduler at tcp://127.0.0.1:1")
    assert not (tmp_path / "new").exists()


def test_a_pair_that_fails_is_reported_recorded_and_tried_again(scheduler, tmp_path, monkeypatch):
    corpus = _two_pair_corpus(tmp_path / "corpus")
    output = tmp_path / "out"
    real = tasks.align_documents

    def failing_on_the_articles(src, tgt, **kwargs):
        if src.path.name.startswith("article"):
            raise RuntimeError("a bug in a library\nover two lines")
        return real(src, tgt, **kwargs)

    monkeypatch.setattr(tasks, "align_documents", failing_on_the_articles)
    first = align_corpus(corpus, output=output, scheduler=scheduler)
    failed = first.pairs[first.pairs["error"].notna()]
    errors = dict(zip(failed["src_document"], failed["error"]))
    assert errors == {"article.it.md": "RuntimeError: a bug in a library over two lines"}
    assert set(first.beads["src_document"]) == {ITALIAN}
    journal = [json.loads(line) for line in (output / MANIFEST_NAME).read_text().splitlines()]
    assert sorted(line["error"] or "" for line in journal) == ["", errors["article.it.md"]]

    monkeypatch.setattr(tasks, "align_documents", real)
    second = align_corpus(corpus, output=output, scheduler=scheduler)
    resumed = dict(zip(second.pairs["src_document"], second.pairs["resumed"]))
    assert resumed == {ITALIAN: True, "article.it.md": False}
    assert second.pairs["error"].isna().all()
    assert set(second.beads["src_document"]) == {ITALIAN, "article.it.md"}


class _CrashOnTheArticles(WorkerPlugin):
    """Makes every worker process die as it starts aligning the articles' pair."""

    def setup(self, worker):
        from aligner.corpus import tasks

        real = tasks.align_documents

        def crashing(src, tgt, **kwargs):
            if src.path.name.startswith("article"):
                os._exit(1)
            return real(src, tgt, **kwargs)

        tasks.align_documents = crashing


def test_a_pair_whose_worker_keeps_dying_is_one_line_and_the_others_go_on(
    tmp_path, capsys, monkeypatch
):
    corpus = _two_pair_corpus(tmp_path / "corpus")
    output = tmp_path / "out"
    # Both pairs in one task: when it is given up, each pair gets a task of its own.
    monkeypatch.setattr(corpus_module, "BATCHES_PER_THREAD", 1)
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the plugin, to the workers
    settings = {"distributed.scheduler.allowed-failures": 1, corpus_module.WORKER_SATURATION: 1.0}
    try:
        with (
            dask.config.set(settings),
            LocalCluster(
                n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            client.register_plugin(_CrashOnTheArticles())
            code = main(
                ["corpus", str(corpus), "-o", str(output), "--scheduler", cluster.scheduler_address]
            )
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (
        "aligner: could not align article.it.md with article.en.md: its worker died 2 times "
        "while on it (out of memory, or a crash in a library)"
    ) in err
    summary = json.loads((output / SUMMARY_NAME).read_text(encoding="utf-8"))
    assert summary["counts"]["aligned"] == summary["counts"]["failed"] == 1
    beads = pd.read_parquet(output / BEADS_NAME)
    assert set(beads["src_document"]) == {ITALIAN}
    journal = [json.loads(line) for line in (output / MANIFEST_NAME).read_text().splitlines()]
    assert sum(1 for line in journal if line["error"] and "died 2 times" in line["error"]) == 1
