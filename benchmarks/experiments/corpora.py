"""The evaluation documents, their segments and their sentence vectors, cached on disk.

    python benchmarks/experiments/corpora.py [--eval-dir DIR]   # embed what is not cached

Every document is embedded once with USE multilingual v3 (the project's default
encoder) and its vectors kept as .npy under cache/ (git-ignored), so that the
experiments re-run only the alignment. Segments come from the pipeline's own reader
(pre-segmented: one line, one segment), blank lines left out as the pipeline does.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

EVAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval"
if not EVAL_DIR.is_dir():
    EVAL_DIR = Path("/work/shared/eval")
CACHE = Path(__file__).resolve().parent / "cache"


@dataclass(frozen=True)
class Pair:
    """One document pair with its gold beads."""

    corpus: str  # seeds, ntrex, textberg, croco_dev, croco_val
    name: str
    src: Path
    tgt: Path
    gold: Path
    src_lang: str
    tgt_lang: str


def pairs(eval_dir: Path = EVAL_DIR) -> list[Pair]:
    out = [
        Pair("seeds", "seeds", eval_dir / "seeds/000.it.txt", eval_dir / "seeds/001.en.txt",
             eval_dir / "seeds/000-001.align", "it", "en"),
        Pair("textberg", "textberg_dev", eval_dir / "textberg_de_fr_dev/dev.de",
             eval_dir / "textberg_de_fr_dev/dev.fr",
             eval_dir / "textberg_de_fr_dev/dev.de-fr.align", "de", "fr"),
        Pair("croco_dev", "three_men", eval_dir / "croco_en_it_dev/three_men.en",
             eval_dir / "croco_en_it_dev/three_men.it",
             eval_dir / "croco_en_it_dev/three_men.en-it.align", "en", "it"),
    ]  # fmt: skip
    for gold in sorted((eval_dir / "ntrex_it_en_dev").glob("*.gold")):
        out.append(Pair("ntrex", gold.stem, gold.with_suffix(".en"), gold.with_suffix(".it"),
                        gold, "en", "it"))  # fmt: skip
    for gold in sorted((eval_dir / "croco_val").glob("*.align")):
        pair, _ = gold.name.split(".", 1)
        first, second = pair.lower().split("-")
        stem = gold.name.removesuffix(".align")
        out.append(Pair("croco_val", stem, gold.parent / f"{stem}.{first}",
                        gold.parent / f"{stem}.{second}", gold, first, second))  # fmt: skip
    return out


def read_scorer(eval_dir: Path = EVAL_DIR):
    spec = importlib.util.spec_from_file_location("eval_score", eval_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Loaded:
    """A pair as the aligner sees it: non-blank segments, their vectors, and how to map
    their positions back to line numbers."""

    pair: Pair
    src_segments: list
    tgt_segments: list
    src_vectors: np.ndarray
    tgt_vectors: np.ndarray
    src_lines: list[int]
    tgt_lines: list[int]
    gold: list


def _cache_path(path: Path) -> Path:
    return CACHE / f"{path.parent.name}__{path.name}.npy"


def load(pair: Pair, encoder=None) -> Loaded:
    from aligner import load_document

    sides = []
    for path, lang in ((pair.src, pair.src_lang), (pair.tgt, pair.tgt_lang)):
        document = load_document(path, lang, presegmented=True)
        segments = [s for s in document.segments if s.text]
        cached = _cache_path(path)
        if cached.is_file():
            vectors = np.load(cached)
        else:
            if encoder is None:
                raise FileNotFoundError(f"{cached}: not embedded yet (run corpora.py)")
            vectors = np.asarray(encoder.encode([s.text for s in segments]), dtype=np.float32)
            CACHE.mkdir(exist_ok=True)
            np.save(cached, vectors)
        assert len(vectors) == len(segments), path
        sides.append((segments, vectors, [s.index for s in segments]))
    (ss, sv, sl), (ts, tv, tl) = sides
    return Loaded(pair, ss, ts, sv, tv, sl, tl, read_scorer().read_beads(pair.gold))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    args = parser.parse_args()
    from aligner import load_encoder

    encoder = load_encoder()
    for pair in pairs(args.eval_dir):
        loaded = load(pair, encoder)
        print(pair.corpus, pair.name, len(loaded.src_segments), len(loaded.tgt_segments),
              flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
