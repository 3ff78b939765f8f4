"""An encoder loaded and run in a Python process of its own, for the review screen.

Loading USE holds the interpreter for over a second (its tokenizer is pure Python),
and embedding a bead's texts for a tenth of a second: in the screen's process either
one stops the screen answering keys, and the checks' thread waits too. In a child
process it runs on the other core; the review's thread only waits on a pipe, which
lets the interpreter go. The child starts loading at once, so the review starts it
as early as it can and asks for vectors when it has texts to embed.

Not `multiprocessing`: it hands its helper process this process's stderr, which a
running Textual app has replaced ("bad value(s) in fds_to_keep"). A plain `python -c`
child reads pickled requests on its stdin and answers on its stdout; it ends when its
stdin closes (this process ended) or when it is killed (`close`).
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import weakref
from collections.abc import Sequence
from typing import IO

import numpy as np

from aligner.embed import USE_LANGUAGES, UniversalSentenceEncoder, load_encoder
from aligner.errors import EncoderError


class EncoderProcess:
    """An `Encoder` (`load_encoder(spec, threads)`) whose model loads and runs in a
    child process. The child starts loading when this is made; `encode` (from any
    thread) waits until it has loaded, and raises EncoderError if it could not be."""

    def __init__(self, spec: str | None = None, threads: int | None = None) -> None:
        default = spec is None
        self.name = UniversalSentenceEncoder.name if default else str(spec)
        self.languages: frozenset[str] | None = USE_LANGUAGES if default else None
        # What the child says on stderr (a crash's traceback), for the error: a file,
        # not a pipe nobody reads, which would fill and stop the child.
        self._errors = tempfile.TemporaryFile()
        self._child = subprocess.Popen(
            [sys.executable, "-c", "from aligner.encoder_process import serve; serve()"]
            + [json.dumps([spec, threads])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        #: One request at a time on the pipe: the review embeds from several threads.
        self._talking = threading.Lock()
        #: None until the child said whether the model loaded; then why not, or "".
        self._failure: str | None = None
        weakref.finalize(self, _end, self._child, self._errors)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._talking:
            self._loaded()
            assert self._child.stdin is not None
            try:
                pickle.dump(list(texts), self._child.stdin)
                self._child.stdin.flush()
            except OSError:
                pass  # the child ended: its reply (none) says why
            vectors = self._reply()
        assert isinstance(vectors, np.ndarray)
        return vectors

    def close(self) -> None:
        """End the child (at once: it keeps nothing)."""
        _end(self._child, self._errors)

    def _loaded(self) -> None:
        """(The lock held.) The child's first reply: whether the model loaded."""
        if self._failure is None:
            try:
                self._reply()
            except EncoderError as error:
                self._failure = str(error)
            else:
                self._failure = ""
        if self._failure:
            raise EncoderError(self._failure)

    def _reply(self) -> object:
        """(The lock held.) The child's next reply's value; EncoderError for its error.
        The child answers ("ok", value) or ("error", the EncoderError's message)."""
        assert self._child.stdout is not None
        try:
            status, value = pickle.load(self._child.stdout)
        except (EOFError, pickle.UnpicklingError):
            raise RuntimeError(self._ended()) from None
        if status == "error":
            raise EncoderError(str(value))
        return value

    def _ended(self) -> str:
        """Why the child answers no more: its exit status and what it said on stderr."""
        code = self._child.wait()
        self._errors.seek(0)
        said = self._errors.read().decode(errors="replace").strip()
        return f"the encoder's process ended (exit status {code})" + (f":\n{said}" if said else "")


def _end(child: subprocess.Popen[bytes], errors: IO[bytes]) -> None:
    if child.poll() is None:
        child.kill()
        child.wait()
    for pipe in (child.stdin, child.stdout):
        if pipe is not None:
            pipe.close()
    errors.close()


def serve() -> None:
    """The child: load the encoder its argument names, say whether it loaded, then
    embed each list of texts read from stdin until stdin closes."""
    spec, threads = json.loads(sys.argv[1])
    requests = sys.stdin.buffer
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    # What a library prints must not land among the replies.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

    def reply(status: str, value: object) -> None:
        pickle.dump((status, value), replies)
        replies.flush()

    try:
        encoder = load_encoder(spec, threads)
        encoder.encode(["."])  # USE loads its model at its first call
    except EncoderError as error:
        reply("error", str(error))
        return
    reply("ok", None)
    while True:
        try:
            texts = pickle.load(requests)
        except EOFError:
            return
        try:
            reply("ok", encoder.encode(texts))
        except EncoderError as error:
            reply("error", str(error))
