"""Placeholders and inline codes: the target must keep the source's.

A missing or extra inline code (`<g1>`, `<x2/>`, `<pc1>` … of an XLIFF file, see
`aligner.memory.inline`) breaks the document it goes back into; a missing or extra
printf, ICU, .NET or template placeholder (`%s`, `%1$s`, `%(name)s`, `{name}`,
`{count, plural, …}`, `{0}`, `{{name}}`) shows the wrong text or makes the program
fail, and an HTML entity (`&amp;`, `&#160;`) left out breaks the markup it goes back
into. printf placeholders without a position (`%s`, `%d`) are filled in order, so
theirs must stay the same, and a paired tag must open before it closes.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from aligner.memory.inline import CodeKind, Placeholder, placeholders
from aligner.model import Finding, Severity, TextPair

#: printf conversions that take their argument in order (no `%1$s`, no `%(name)s`).
_ORDERED_PREFIX = "%"
#: A named or numeric HTML entity: "&amp;", "&#160;", "&#xA0;".
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def check_placeholders(pair: TextPair) -> tuple[Finding, ...]:
    """Each placeholder of the source the target lacks, each one the target adds, and
    printf placeholders filled in order whose order changed."""
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt or not tgt.strip():
        return ()  # an omission or an empty target: other checks say so
    src_codes, tgt_codes = _codes(src), _codes(tgt)
    findings = [
        _missing(code, tgt) for code in _unmatched(src_codes, tgt_codes)
    ] + [
        Finding(
            "placeholders", "placeholder-extra", Severity.ERROR,
            f"{code.text} is in the target but not in the source", tgt_span=code.span,
        )
        for code in _unmatched(tgt_codes, src_codes)
        if not (_is_entity(code) and code.pair_key in src)  # "&" escaped as "&amp;"
    ]  # fmt: skip
    if not findings:
        findings += _order_findings(src_codes, tgt_codes) + _tag_order_findings(tgt_codes)
    return tuple(findings)


def _codes(text: str) -> tuple[Placeholder, ...]:
    """The text's inline codes and placeholders (`aligner.memory.inline`), a `{name}`
    within double braces taken as the template placeholder `{{name}}`, and its HTML
    entities, in text order."""
    found = []
    for code in placeholders(text):
        start, end = code.span
        if (
            code.text.startswith("{")
            and text[start - 1 : start] == "{"
            and text[end : end + 1] == "}"
        ):
            written = text[start - 1 : end + 1]
            code = Placeholder(written, (start - 1, end + 1), code.kind, written)
        found.append(code)
    found += [
        Placeholder(m.group(), m.span(), CodeKind.STANDALONE, html.unescape(m.group()))
        for m in _ENTITY.finditer(text)
        if html.unescape(m.group()) != m.group()  # not an entity HTML knows
    ]
    return tuple(sorted(found, key=lambda code: code.span))


def _missing(code: Placeholder, tgt: str) -> Finding:
    """A missing code is an error; an entity whose character the target has instead is
    a warning (it reads the same, but may break the markup: "&amp;" written "&")."""
    if _is_entity(code) and code.pair_key in tgt:
        return Finding(
            "placeholders", "placeholder-missing", Severity.WARNING,
            f"{code.text} of the source is written as the character itself in the target",
            src_span=code.span,
        )  # fmt: skip
    return Finding(
        "placeholders", "placeholder-missing", Severity.ERROR,
        f"{code.text} of the source is missing in the target", src_span=code.span,
    )  # fmt: skip


def _is_entity(code: Placeholder) -> bool:
    return code.text.startswith("&") and code.text.endswith(";")


def _compared(code: Placeholder) -> str:
    """What two codes must share to be the same: an entity's character ("&#38;" is
    "&amp;"), any other code's text."""
    return "&" + code.pair_key if _is_entity(code) else code.text


def _tag_order_findings(tgt_codes: tuple[Placeholder, ...]) -> list[Finding]:
    """A paired tag of the target that closes before it opens (`</g1>…<g1>`)."""
    opened: set[str] = set()
    for code in tgt_codes:
        if code.kind is CodeKind.OPENING:
            opened.add(code.pair_key)
        elif code.kind is CodeKind.CLOSING and code.pair_key not in opened:
            return [
                Finding(
                    "placeholders", "placeholder-order", Severity.ERROR,
                    f"{code.text} closes a tag before it opens", tgt_span=code.span,
                )
            ]  # fmt: skip
    return []


def _unmatched(
    codes: tuple[Placeholder, ...], others: tuple[Placeholder, ...]
) -> list[Placeholder]:
    """The codes that `others` does not have as often: the last ones of each kind."""
    available = Counter(_compared(code) for code in others)
    unmatched = []
    for code in codes:
        if available[_compared(code)]:
            available[_compared(code)] -= 1
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
