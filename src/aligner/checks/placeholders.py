"""Placeholders and inline codes: the target must keep the source's.

A missing or extra inline code (`<g1>`, `<x2/>`, `<pc1>` … of an XLIFF file, see
`aligner.memory.inline`) breaks the document it goes back into; a missing or extra
printf or ICU placeholder (`%s`, `%1$s`, `%(name)s`, `{name}`) shows the wrong text or
makes the program fail. printf placeholders without a position (`%s`, `%d`) are filled
in order, so theirs must stay the same.
"""

from __future__ import annotations

from collections import Counter

from aligner.memory.inline import Placeholder, placeholders
from aligner.model import Finding, Severity, TextPair

#: printf conversions that take their argument in order (no `%1$s`, no `%(name)s`).
_ORDERED_PREFIX = "%"


def check_placeholders(pair: TextPair) -> tuple[Finding, ...]:
    """Each placeholder of the source the target lacks, each one the target adds, and
    printf placeholders filled in order whose order changed."""
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt or not tgt.strip():
        return ()  # an omission or an empty target: other checks say so
    src_codes, tgt_codes = placeholders(src), placeholders(tgt)
    findings = [
        Finding(
            "placeholders", "placeholder-missing", Severity.ERROR,
            f"{code.text} of the source is missing in the target", src_span=code.span,
        )
        for code in _unmatched(src_codes, tgt_codes)
    ] + [
        Finding(
            "placeholders", "placeholder-extra", Severity.ERROR,
            f"{code.text} is in the target but not in the source", tgt_span=code.span,
        )
        for code in _unmatched(tgt_codes, src_codes)
    ]  # fmt: skip
    if not findings:
        findings += _order_findings(src_codes, tgt_codes)
    return tuple(findings)


def _unmatched(
    codes: tuple[Placeholder, ...], others: tuple[Placeholder, ...]
) -> list[Placeholder]:
    """The codes that `others` does not have as often: the last ones of each kind."""
    available = Counter(code.text for code in others)
    unmatched = []
    for code in codes:
        if available[code.text]:
            available[code.text] -= 1
        else:
            unmatched.append(code)
    return unmatched


def _order_findings(
    src_codes: tuple[Placeholder, ...], tgt_codes: tuple[Placeholder, ...]
) -> list[Finding]:
    src_ordered, tgt_ordered = _ordered(src_codes), _ordered(tgt_codes)
    if [code.text for code in src_ordered] == [code.text for code in tgt_ordered]:
        return []
    first = next(
        index for index, (a, b) in enumerate(zip(src_ordered, tgt_ordered)) if a.text != b.text
    )
    return [
        Finding(
            "placeholders", "placeholder-order", Severity.ERROR,
            f"{tgt_ordered[first].text} takes the argument of {src_ordered[first].text}: "
            "placeholders without a position are filled in order (write %1$s, %2$d to reorder)",
            src_span=src_ordered[first].span, tgt_span=tgt_ordered[first].span,
        )
    ]  # fmt: skip


def _ordered(codes: tuple[Placeholder, ...]) -> list[Placeholder]:
    """The printf placeholders filled in order: `%s`, `%d`, not `%1$s` or `%(name)s`."""
    return [
        code
        for code in codes
        if code.text.startswith(_ORDERED_PREFIX) and "$" not in code.text and "(" not in code.text
    ]
