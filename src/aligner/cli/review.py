"""`aligner review`: what the review opens on (a session, two documents, a bilingual
file's units), then the UI."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aligner.cli.inputs import (
    check_config,
    check_output,
    memory_argument,
    named_inputs,
    require_session,
)
from aligner.cli.output import report, report_memory
from aligner.errors import AlignerError, InputError

if TYPE_CHECKING:
    from aligner.checks import CheckConfig
    from aligner.review import Review
    from aligner.tui.app import ChangedSession, NewReview


def run_review(args: argparse.Namespace) -> int:
    """Open a saved session (given, or found beside the target), two documents to
    align, or a bilingual file's units; file and session errors are reported before the
    UI opens."""
    # Imported here so that no other command loads Textual.
    from aligner.tui.app import make_app

    config = check_config(args)
    start = (
        memory_review(args, config)
        if memory_argument(args) is not None
        else documents_review(args, config)
    )
    app = make_app(start, check_config=config)
    app.run()
    if app.error:
        raise AlignerError(app.error)
    return 0


def documents_review(
    args: argparse.Namespace, config: CheckConfig | None = None
) -> Review | NewReview | ChangedSession:
    """What a review of two documents opens on: the saved session (given alone, or
    found beside the target), else the documents to align; checked as `config` says
    (default: as the arguments say, `check_config`)."""
    config = config or check_config(args)
    from aligner.review import resume_review
    from aligner.session import DocumentsChanged, default_session_path
    from aligner.session_lock import SessionLock
    from aligner.tui.app import ChangedSession, NewReview

    if args.tgt is None:
        require_session(args.src, "review")
        session = args.src
    else:
        session = args.session or default_session_path(args.tgt)
    # Every change is saved at once: a session that cannot be written is said now, not
    # after the alignment.
    check_output(session, named_inputs(args) if args.tgt else [], "--session")
    if args.tgt is None or session.exists():
        if args.tgt is not None:
            report(f"resuming the review saved in {session}")
        try:
            start: Review | NewReview | ChangedSession = resume_review(session, check_config=config)
        except DocumentsChanged as changed:
            start = ChangedSession(session, changed.documents)
        # Open in another window: say so before the UI opens (the UI takes the lock).
        SessionLock.acquire(session).release()
        return start
    from aligner.language import normalize_language
    from aligner.read import read_text

    # Bad files and languages are said now; detecting a language and splitting the
    # sentences happen in the background, while the review shows the documents.
    for path in (args.src, args.tgt):
        read_text(path)
    for lang in (args.src_lang, args.tgt_lang):
        if lang is not None:
            normalize_language(lang)
    return NewReview(
        args.src, args.tgt, session, args.presegmented, args.model, args.src_lang, args.tgt_lang
    )


def memory_review(args: argparse.Namespace, config: CheckConfig | None = None) -> Review:
    """The review of a bilingual file's units, one bead each: resumed from its session
    (beside the file, or --session) when there is one, else started; checked as
    `config` says (default: as the arguments say, `check_config`)."""
    config = config or check_config(args)
    from aligner.embed import UniversalSentenceEncoder
    from aligner.memory import load_memory
    from aligner.memory.beads import memory_alignment
    from aligner.review import Review, resume_review
    from aligner.session import DocumentsChanged, default_session_path
    from aligner.session_lock import SessionLock

    session = args.session or default_session_path(args.src)
    check_output(session, named_inputs(args), "--session")
    if session.exists():
        report(f"resuming the review saved in {session}")
        try:
            review = resume_review(session, check_config=config)
        except DocumentsChanged:
            raise InputError(
                f"{args.src} changed since the review saved in {session}; "
                "give another --session to review it afresh"
            ) from None
        # Open in another window: say so before the UI opens (the UI takes the lock).
        SessionLock.acquire(session).release()
        return review
    memory = load_memory(args.src, args.src_lang, args.tgt_lang)
    report_memory(memory)
    if not memory.units:
        raise InputError(f"{args.src}: no unit has a translation to review")
    alignment = memory_alignment(memory, args.model or UniversalSentenceEncoder.name)
    return Review.start(alignment, session_path=session, check_config=config)
