"""The inputs a command names: which files they are, what is refused before any work,
and the documents, memory or session they are read into."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.cli.output import report, report_detected_language, report_memory
from aligner.errors import EncoderError, InputError
from aligner.files import check_writable, same_file
from aligner.memory import is_bilingual
from aligner.model import (
    Alignment,
    CheckedPair,
    ProgressCallback,
    TranslationMemory,
)

if TYPE_CHECKING:
    from aligner.checks import CheckConfig
    from aligner.embed import Encoder


#: What a single SRC given to a command that also reads sessions should have been.
SESSION_USES = {
    "check": ("align and check them", "check a saved review"),
    "report": ("report on them", "report on a saved review"),
    "review": ("start a review", "resume one"),
}


def check_output(
    output: Path | None, inputs: Sequence[tuple[str, Path]], option: str = "-o"
) -> None:
    """Before any work: refuse an output that is one of the files the command reads (it
    would be destroyed), or that cannot be written (it would be said only once the
    work is done)."""
    if output is None:
        return
    for role, path in inputs:
        if same_file(output, path):
            alias = "" if output == path else f" {path}"
            raise InputError(f"{option} {output} is {role}{alias}: refusing to overwrite it")
    check_writable(output)


def named_inputs(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """Every file the command reads, with what it is to the user: the documents, the
    memory, or a session and the documents it points at."""
    if args.command == "import":
        return [("the memory", args.memory)]
    memory = memory_argument(args)
    if memory is not None:
        return [("the memory", memory)]
    if args.tgt is None:
        from aligner.session import read_session

        require_session(args.src, args.command)
        src, tgt = (source.path for source in read_session(args.src).sources)
        return [
            ("the session", args.src),
            ("the source document of the session", src),
            ("the target document of the session", tgt),
        ]
    return [("the source document", args.src), ("the target document", args.tgt)]


def memory_argument(args: argparse.Namespace) -> Path | None:
    """The memory the command reads instead of two documents: --tmx or --tsv FILE, or
    a bilingual file (XLIFF, PO, TMX) given alone as SRC."""
    memory = getattr(args, "tmx", None) or getattr(args, "tsv", None)
    if memory is None and args.tgt is None and args.src is not None and is_bilingual(args.src):
        return Path(args.src)
    return memory


def require_session(path: Path, command: str) -> None:
    """Refuse at once a lone file that is not a session (a forgotten TGT), instead of
    the JSON error reading it as one would give. Told by content: a session is a JSON
    object (with a version: `read_session` says what else is wrong with one)."""
    try:
        with open(path, "rb") as file:
            start = file.read(64)
    except OSError:
        return  # read_session says why it cannot be read
    if start.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        return
    from aligner.session import SESSION_SUFFIX

    documents_use, session_use = SESSION_USES[command]
    raise InputError(
        f"{path} is not a review session: give SRC and TGT to {documents_use}, "
        f"or a session file (…{SESSION_SUFFIX}) to {session_use}"
    )


def check_inputs(args: argparse.Namespace) -> None:
    """What `check` and `report` refuse before any work: a lone SRC that is not a
    session, an output that is an input or cannot be written."""
    if args.tgt is None and args.src is not None and memory_argument(args) is None:
        require_session(args.src, args.command)
    if args.output is not None:
        check_output(args.output, named_inputs(args))


def inputs_usage_error(args: argparse.Namespace) -> str | None:
    """What is wrong with the inputs of `check` or `report`, if anything: they take two
    documents, a saved review, or one memory."""
    memory = args.tmx or args.tsv
    if memory is None and args.tgt is not None and is_bilingual(args.src):
        return f"{args.src} is a bilingual file: give it alone, without TGT"
    documents = [path for path in (args.src, args.tgt) if path is not None]
    if memory is None and not documents:
        return (
            f"{args.command} needs SRC and TGT, a review SESSION, a bilingual file (XLIFF, PO, "
            "TMX), or --tmx FILE, or --tsv FILE"
        )
    if memory is not None and documents:
        return "give SRC and TGT, or a memory (--tmx, --tsv), not both"
    if len(documents) == 1 and memory_argument(args) is None and args.spelling:
        return "--spelling applies to SRC TGT and to memories, not to a saved review"
    if (memory is not None or len(documents) == 1) and (args.presegmented or args.model):
        return "--presegmented and --model apply to SRC and TGT, not to a memory or a session"
    return None


def check_config(args: argparse.Namespace) -> CheckConfig:
    """The checks' configuration: --config FILE, else the aligner.toml beside the first
    input that has one, else the default; with --glossary's terms. Read before any
    work, so that a corrupt file is said at once."""
    from dataclasses import replace

    from aligner.checks import DEFAULT_CONFIG, find_config, load_config, read_glossary

    path = args.config or find_config(path for _, path in named_inputs(args))
    config = load_config(path) if path is not None else DEFAULT_CONFIG
    if args.glossary is not None:
        config = replace(config, glossary=read_glossary(args.glossary))
    if getattr(args, "spelling", False):
        config = replace(config, switched={**config.switched, "spelling": True})
    return config


def align_arguments(
    args: argparse.Namespace, progress: ProgressCallback | None
) -> tuple[Alignment, Encoder]:
    """Load both documents the arguments name and align them; the encoder, for the
    meaning check to embed with."""
    from aligner import embed
    from aligner.pipeline import align_documents, load_document

    src = load_document(args.src, args.src_lang, args.presegmented)
    tgt = load_document(args.tgt, args.tgt_lang, args.presegmented)
    report_detected_language("source", src)
    report_detected_language("target", tgt)
    encoder = embed.CachedEncoder(embed.load_encoder(args.model))
    return align_documents(src, tgt, encoder=encoder, progress=progress), encoder


def checked_pairs(
    args: argparse.Namespace, progress: ProgressCallback | None, config: CheckConfig
) -> tuple[tuple[CheckedPair, ...], Alignment | TranslationMemory]:
    """The checked pairs `check` and `report` work on, and where they come from: the
    alignment of SRC and TGT, a saved review (SESSION alone), or the memory of --tmx /
    --tsv."""
    from aligner.checks import check_alignment, check_memory, runs_meaning

    memory_path = memory_argument(args)
    if memory_path is None and args.tgt is None and args.src is not None:
        from aligner.review import resume_review

        review = resume_review(args.src, check_config=config)
        if runs_meaning(config):
            try:
                review.prepare_scoring()  # the meaning check embeds with it
            except EncoderError as error:
                report(f"warning: the meaning check is left out: {error}")
        return review.checked_pairs(), review.edited_alignment()
    if memory_path is None:
        alignment, encoder = align_arguments(args, progress)
        checked = check_alignment(alignment, progress=progress, config=config, encoder=encoder)
        return checked, alignment
    from aligner.memory import load_memory
    from aligner.memory.table import read_table
    from aligner.memory.tmx import read_tmx

    if args.tmx or args.tsv:
        read = read_tmx if args.tmx else read_table
        memory = read(memory_path, args.src_lang, args.tgt_lang)
    else:
        memory = load_memory(memory_path, args.src_lang, args.tgt_lang)
    report_memory(memory)
    from aligner.embed import load_encoder

    # The meaning check embeds the pairs: with the default encoder, which reads the
    # memory's languages without a model hub.
    meaning_encoder = load_encoder() if runs_meaning(config) else None
    checked = check_memory(memory, progress=progress, config=config, encoder=meaning_encoder)
    return checked, memory
