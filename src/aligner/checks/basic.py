"""The lighter checks every QA tool runs: untranslated, empty, omitted or added text,
and pairs the aligner is unsure of."""

from __future__ import annotations

import re

from aligner.model import DOUBTFUL_SCORE, Finding, Severity, TextPair

#: Letters of a word: a text without any has nothing to translate ("2-1", "@user").
_WORD = re.compile(r"[^\W\d_]{2,}")


def check_untranslated(pair: TextPair) -> tuple[Finding, ...]:
    """The target is the source, unchanged. Names, titles and scores stay the same in
    translation ("Elite League: Dundee Stars 5-3 Belfast Giants"), so a text whose
    every word is capitalised is only noted."""
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt or " ".join(src.split()) != " ".join(tgt.split()):
        return ()
    words = _WORD.findall(src)
    if not words:
        return ()
    whole = (0, len(src)), (0, len(tgt))
    if all(word[0].isupper() for word in words):
        return (
            Finding(
                "untranslated", "same-as-source", Severity.INFO,
                "the target is the same as the source (names or a title, most likely)", *whole,
            ),
        )  # fmt: skip
    return (
        Finding(
            "untranslated", "untranslated", Severity.WARNING,
            "the target is the same as the source: not translated?", *whole,
        ),
    )  # fmt: skip


def check_empty(pair: TextPair) -> tuple[Finding, ...]:
    """A target that is there but has no text (a translation-memory unit left empty)."""
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not src.strip() or tgt is None or tgt.strip():
        return ()
    return (Finding("empty", "empty-target", Severity.ERROR, "the target is empty", (0, len(src))),)


def check_omissions(pair: TextPair) -> tuple[Finding, ...]:
    """Source text with no counterpart (a 1-0 bead), and target text with no source
    (0-1). Body text left out or added is a warning; a heading, caption or list item
    only in one version is common in web copy (tables of contents, "see also" boxes),
    so it is only noted."""
    if pair.tgt_text is None and pair.src_text and pair.src_text.strip():
        what = "heading or caption" if pair.src_heading else "text"
        return (
            Finding(
                "omissions",
                "omitted-heading" if pair.src_heading else "omission",
                Severity.INFO if pair.src_heading else Severity.WARNING,
                f"this source {what} has no translation in the target",
                (0, len(pair.src_text)),
                None,
            ),
        )
    if pair.src_text is None and pair.tgt_text and pair.tgt_text.strip():
        what = "heading or caption" if pair.tgt_heading else "text"
        return (
            Finding(
                "omissions",
                "added-heading" if pair.tgt_heading else "addition",
                Severity.INFO if pair.tgt_heading else Severity.WARNING,
                f"this target {what} has no counterpart in the source",
                None,
                (0, len(pair.tgt_text)),
            ),
        )
    return ()


def check_confidence(pair: TextPair) -> tuple[Finding, ...]:
    """A pair the aligner itself doubts: more likely wrong than right."""
    if pair.score is None or not pair.src_text or not pair.tgt_text:
        return ()
    if pair.score >= DOUBTFUL_SCORE:
        return ()
    return (
        Finding(
            "confidence",
            "low-confidence",
            Severity.WARNING,
            f"the aligner is unsure these texts are translations of each other "
            f"(confidence {pair.score:.2f})",
            (0, len(pair.src_text)),
            (0, len(pair.tgt_text)),
        ),
    )
