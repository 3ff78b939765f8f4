"""The research aligners in ../shared/peers (Bertalign, Vecalign, both with our encoder),
run as separate processes through their run.py, in a venv of their own.

They are GPL or carry their own dependencies, so they are never imported here: the venv
is made on first use under benchmarks/results/ with exactly what peers/run.py asks for,
and their beads are kept for good (the peers do not change), per peer and input, in
benchmarks/results/peers/, which git keeps: on two cores a peer takes up to an hour a
book, and a fresh checkout should not pay that again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cache import RESULTS_DIR, Store, digest
from devsets import Pair

PEERS = {"bertalign": "Bertalign+USE", "vecalign": "Vecalign+USE"}
VENV = RESULTS_DIR / "peers-venv"
# The sentences the start-up time is measured on (a peer's time is its run's less this).
STARTUP_LINES = 5


class PeerError(Exception):
    """The peers cannot be run here; the message says why, in one line."""


def requirements(peers_dir: Path) -> dict[str, list[str]]:
    """What run.py's docstring says to pip-install for each peer ("pip install A B   #
    peer"); a local folder stands as its absolute path."""
    text = (peers_dir / "run.py").read_text(encoding="utf-8")
    wanted = {
        peer: [
            str((peers_dir / name).resolve()) if name.startswith(".") else name
            for name in names.split()
        ]
        for names, peer in re.findall(r"pip install (.+?)\s+#\s*(\w+)", text)
    }
    if set(wanted) != set(PEERS):
        raise PeerError(f"{peers_dir / 'run.py'} no longer says what each peer needs")
    return wanted


def peer_python(peers_dir: Path, log: Callable[[str], None]) -> Path:
    """The venv's Python, made on first use (about a minute): pip builds a local package
    inside its folder, and ../shared is read-only, so local folders are copied first."""
    python = VENV / "bin" / "python"
    wanted = sorted({name for names in requirements(peers_dir).values() for name in names})
    stamp = VENV / "installed.txt"
    if stamp.is_file() and stamp.read_text(encoding="utf-8").split("\n") == wanted:
        return python
    log(f"installing the peers' packages in {VENV} (once): {' '.join(wanted)}")
    shutil.rmtree(VENV, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        names = []
        for name in wanted:
            if Path(name).is_dir():
                copy = Path(scratch, Path(name).name)
                shutil.copytree(name, copy)
                for path in [copy, *copy.rglob("*")]:
                    path.chmod(path.stat().st_mode | 0o200)
                name = str(copy)
            names.append(name)
        for command in (
            [sys.executable, "-m", "venv", str(VENV)],
            [str(python), "-m", "pip", "install", "--quiet", *names],
        ):
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode:
                last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
                raise PeerError(f"could not make the peers' venv: {last}")
    stamp.write_text("\n".join(wanted), encoding="utf-8")
    return python


class Peers:
    def __init__(self, peers_dir: Path, fresh: bool, log: Callable[[str], None]) -> None:
        self.run_py = peers_dir / "run.py"
        self.python = peer_python(peers_dir, log)
        self.store = Store("peers", fresh)
        self.log = log

    def align(self, peer: str, pair: Pair, cached_only: bool = False) -> dict | None:
        """The peer's beads on `pair`, its time less its start-up, and the peak memory
        of its largest process; with `cached_only`, None where it has not run yet."""
        key = digest([peer, pair.src, pair.tgt, pair.src_lang, pair.tgt_lang])
        result = self.store.get(key)
        if result is None and cached_only:
            return None
        if result is None:
            self.log(f"{PEERS[peer]}: {pair.src.name} / {pair.tgt.name}")
            result = self.run(peer, pair)
            result["seconds"] = max(0.0, result["seconds"] - self.startup_seconds(peer))
            self.store.put(key, result)
        return result

    def startup_seconds(self, peer: str) -> float:
        """The peer's time on a few sentences, run twice so that numba's cache is warm:
        imports, the encoder's loading, compiling."""
        key = digest([peer, "startup"])
        known = self.store.get(key)
        if known is None:
            with tempfile.TemporaryDirectory() as folder:
                src, tgt = Path(folder, "startup.en"), Path(folder, "startup.it")
                src.write_text("".join(f"Sentence number {n}.\n" for n in range(STARTUP_LINES)))
                tgt.write_text("".join(f"Frase numero {n}.\n" for n in range(STARTUP_LINES)))
                pair = Pair(src, tgt, None, "en", "it")
                self.run(peer, pair)
                known = {"seconds": self.run(peer, pair)["seconds"]}
            self.store.put(key, known)
        return known["seconds"]

    def run(self, peer: str, pair: Pair) -> dict:
        command = [str(self.python), str(self.run_py), peer, str(pair.src), str(pair.tgt),
                   pair.src_lang, pair.tgt_lang]  # fmt: skip
        # numba caches its compiled code beside the source unless told; that is read-only.
        env = {**os.environ, "NUMBA_CACHE_DIR": str(VENV / "numba-cache")}
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=out, stderr=err, text=True, env=env)
            # wait4, not Popen.wait: it also gives the peak memory of the process and of
            # the children it waited for (Vecalign runs its DP in one).
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            if process.returncode:
                last = (err.read().strip().splitlines() or ["(no message)"])[-1]
                raise PeerError(f"{peer} failed on {pair.src.name}: {last}")
            beads = [parse_bead(line) for line in out.read().splitlines() if line.strip()]
        return dict(beads=beads, seconds=seconds, peak_mb=usage.ru_maxrss / 1024)


def parse_bead(line: str) -> list[list[int]]:
    """A bead line, "[0, 1]:[2]", as [[0, 1], [2]]."""
    return [
        [int(n) for n in side.strip(" []").split(",") if n.strip()] for side in line.split(":")[:2]
    ]
