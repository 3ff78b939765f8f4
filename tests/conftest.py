"""Shared test helpers."""

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner import (
    Alignment,
    Bead,
    Document,
    Segment,
    align_documents,
    load_document,
    load_encoder,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _table_rows(listing: str) -> list[list[str]]:
    """The cells of each body row of a plain-text rich table, wrapped lines joined."""
    rows: list[list[str]] = []
    fragments: list[list[str]] | None = None
    for line in listing.splitlines():
        if line.startswith("│"):
            cells = line.split("│")[1:-1]
            fragments = fragments or [[] for _ in cells]
            for column, cell in zip(fragments, cells):
                column.append(cell.strip())
        elif fragments is not None:
            rows.append([re.sub(r"\s+", " ", " ".join(column)).strip() for column in fragments])
            fragments = None
    return rows


@pytest.fixture(autouse=True)
def own_config_dir(tmp_path_factory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config directory of the test's own (platformdirs honours XDG_CONFIG_HOME): the
    review reads the user's keymap there and remembers the theme, and a test must
    neither read nor write the real one."""
    home = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home / "aligner"


@pytest.fixture(autouse=True)
def unhurried_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's clock stands still: a progress line is written once a stage has run
    for a few seconds, which on a loaded machine a test's quick work can take, and a
    test that compares stderr would then see it. Tests of progress set their own clock."""
    import aligner.cli.progress

    monkeypatch.setattr(aligner.cli.progress, "monotonic", lambda: 0.0)


@pytest.fixture
def table_rows():
    """Reads a side-by-side listing back into rows of cells."""
    return _table_rows


def _make_document(sentences: list[str], lang: str, path: Path | None = None) -> Document:
    """A document of one sentence a line."""
    text = "\n".join(sentences)
    segments = []
    start = 0
    for index, sentence in enumerate(sentences):
        end = start + len(sentence)
        segments.append(Segment(index, start, end, sentence, line=text.count("\n", 0, start)))
        start = end + 1
    return Document(path, text, lang, tuple(segments))


@pytest.fixture
def make_document() -> Callable[..., Document]:
    """Builds a document of one sentence a line, without reading or segmenting."""
    return _make_document


@pytest.fixture(scope="session")
def encoder():
    """The default encoder (USE multilingual v3), loaded once."""
    return load_encoder()


@pytest.fixture(scope="session")
def seed_alignment(encoder) -> Alignment:
    """The Italian seed article aligned with its English version, once per session."""
    src = load_document(next(SEEDS.glob("000_*.txt")))
    tgt = load_document(next(SEEDS.glob("001_*.txt")))
    return align_documents(src, tgt, encoder)


@pytest.fixture(scope="session")
def mismatched_alignment(encoder) -> Alignment:
    """Two seed articles on the same topic that do not translate each other: the Italian
    002 aligned with the English 003, once per session."""
    src = load_document(next(SEEDS.glob("002_*.txt")), "it")
    tgt = load_document(next(SEEDS.glob("003_*.txt")), "en")
    return align_documents(src, tgt, encoder)


@pytest.fixture(scope="session")
def corrupted_seed_paths(tmp_path_factory) -> tuple[Path, Path]:
    """The seed pair with one currency changed in the Italian: "120.000 rubli" where the
    English has "$120,000", as files named it.txt and en.txt (views show the names)."""
    directory = tmp_path_factory.mktemp("corrupted-seed")
    italian = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    assert italian.count("120.000 dollari") == 1
    src = directory / "it.txt"
    src.write_text(italian.replace("120.000 dollari", "120.000 rubli"), encoding="utf-8")
    tgt = directory / "en.txt"
    tgt.write_bytes(next(SEEDS.glob("001_*.txt")).read_bytes())
    return src, tgt


@pytest.fixture(scope="session")
def rubli_alignment(encoder, corrupted_seed_paths) -> Alignment:
    """The alignment of the corrupted seed pair."""
    src, tgt = corrupted_seed_paths
    return align_documents(load_document(src, "it"), load_document(tgt, "en"), encoder)


def _shifted(beads: tuple[Bead, ...], start: int, end: int) -> tuple[Bead, ...]:
    """Beads [start, end) with each source sentence paired with the target sentence of
    the bead before, as a bad alignment would pair them: the first source alone, the
    targets left over alone."""
    src = [i for bead in beads[start:end] for i in bead.src]
    tgt = [j for bead in beads[start:end] for j in bead.tgt]
    wrong = [Bead((src[0],), (), 0.5)]
    wrong += [Bead((i,), (j,), 0.5) for i, j in zip(src[1:], tgt)]
    wrong += [Bead((), (j,), 0.5) for j in tgt[len(src) - 1 :]]
    return (*beads[:start], *wrong, *beads[end:])


@pytest.fixture
def shifted() -> Callable[[tuple[Bead, ...], int, int], tuple[Bead, ...]]:
    """Shifts a stretch of beads by one target sentence (see `_shifted`)."""
    return _shifted


@pytest.fixture
def without_write_permission() -> list[str]:
    """A command prefix that runs a program as a user who gets permission bits applied:
    nothing as a user; as root (CI), setpriv without the capability that lets root write
    anywhere."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv (util-linux) is not there to drop the right")
    return ["setpriv", "--bounding-set", "-dac_override"]
