"""Punctuation and spacing of the target: brackets and quotes left open, double spaces,
spaces at the start or end that the source does not have (or lacks), final punctuation
that differs from the source's, and French spacing before `; : ! ?`.

Hand-written: babel's CLDR data has no quotation marks or punctuation spacing (CLDR's
"delimiters" are not in it), so the brackets and the French rule are here, and how
quotation marks are read is in `quotation_marks`.
"""

from __future__ import annotations

import re

from aligner.checks.quotation_marks import (
    ALL_QUOTES,
    QUOTE_CLASSES,
    SINGLE_QUOTE,
    begun_before,
    closes_nested,
    odd,
    reopens,
)
from aligner.language import normalize_language
from aligner.model import Finding, Severity, Span, TextPair

#: Brackets open and close with their own marks.
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
#: What ends a sentence; a closing quote or bracket after it is not the end.
_FINAL = ".!?…:;"
_CLOSERS = "\"'»›”’“‘)]} \u00a0\u202f"
#: Languages whose typography puts a (no-break) space before ; : ! ? — French.
_SPACED_BEFORE = frozenset({"fr"})
#: A high mark right after a word in French: the space before it is missing. Not a
#: colon within a time, a URL or a figure ("15:30", "http://", "1:0").
_UNSPACED = re.compile(r"(?<=[^\W\d_]|[»)\]])[;:!?](?=\s|$|[»\"”])")


def check_punctuation(pair: TextPair) -> tuple[Finding, ...]:
    """The target's punctuation and spacing slips, each a warning (a note for a full
    stop in one text and not the other)."""
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt or not tgt.strip():
        return ()
    return (
        *_unpaired(src, tgt),
        *_double_spaces(src, tgt),
        *_outer_spaces(src, tgt),
        *_final_punctuation(src, tgt),
        *_french_spacing(tgt, pair.tgt_lang),
    )


def _unpaired(src: str, tgt: str) -> list[Finding]:
    """A bracket or quotation mark of the target with no partner, where the source's
    marks of that kind are all paired (a source that leaves one open — a quote going
    on in the next paragraph — may be followed)."""
    findings = []
    for opening, closing in _BRACKETS.items():
        span = _unclosed(tgt, opening, closing)
        if span and not _unclosed(src, opening, closing):
            findings.append(_mark_finding("unpaired-bracket", "bracket", tgt, span))
    # A source quoting with single marks ('…') may leave one open as well, and a
    # translation often quotes it with double ones.
    src_singles_odd = len(SINGLE_QUOTE.findall(src)) % 2 == 1
    for what, marks in QUOTE_CLASSES.items():
        if odd(tgt, marks) and not odd(src, marks) and not src_singles_odd:
            if begun_before(tgt, marks) and reopens(src):
                findings.append(_spanning_note(what, tgt, marks))
                continue
            index = max(tgt.rfind(mark) for mark in marks)
            findings.append(_mark_finding("unpaired-quote", what, tgt, (index, index + 1)))
        elif (
            odd(src, marks)
            and not any(mark in tgt for mark in marks)
            and not SINGLE_QUOTE.search(tgt)
        ):
            # A quote that goes on past the source (or began before it), gone from the
            # target; a target that closes it instead is a choice of style, and so is
            # one that quotes it with single marks.
            index = max(src.rfind(mark) for mark in marks)
            findings.append(
                Finding(
                    "punctuation", "unpaired-quote", Severity.WARNING,
                    f"the {what} {src[index]} of the source (a quote going on) is not in the "
                    "target",
                    src_span=(index, index + 1),
                )
            )  # fmt: skip
    return findings


def _unclosed(text: str, opening: str, closing: str) -> Span | None:
    """The first mark without a partner: a closing one too many, or an opening one never
    closed."""
    stack: list[int] = []
    for index, character in enumerate(text):
        if character == opening:
            stack.append(index)
        elif character == closing:
            if not stack:
                return (index, index + 1)
            stack.pop()
    return (stack[0], stack[0] + 1) if stack else None


def _spanning_note(what: str, tgt: str, marks: str) -> Finding:
    index = min(i for i, char in enumerate(tgt) if char in marks)
    return Finding(
        "punctuation", "unpaired-quote", Severity.INFO,
        f"the {what} {tgt[index]} closes a quote begun before the target, which the "
        "source reopens (a quote spanning sentences?)",
        tgt_span=(index, index + 1),
    )  # fmt: skip


def _mark_finding(code: str, what: str, tgt: str, span: Span) -> Finding:
    mark = tgt[slice(*span)]
    return Finding(
        "punctuation", code, Severity.WARNING,
        f"the {what} {mark} has no partner in the target", tgt_span=span,
    )  # fmt: skip


def _double_spaces(src: str, tgt: str) -> list[Finding]:
    """Two or more spaces within the target's text, where the source has none (a
    source laid out with spaces is followed)."""
    if re.search(r"\S {2,}\S", src):
        return []
    return [
        Finding(
            "punctuation", "double-space", Severity.WARNING,
            "two spaces in a row in the target", tgt_span=(m.start(), m.end()),
        )
        for m in re.finditer(r"(?<=\S) {2,}(?=\S)", tgt)
    ]  # fmt: skip


def _outer_spaces(src: str, tgt: str) -> list[Finding]:
    """Spaces at the start or the end of one text and not of the other: in a memory or
    a software string they are part of the text (a string concatenated with another)."""
    findings = []
    for code, where, strip in (
        ("leading-space", "start", str.lstrip),
        ("trailing-space", "end", str.rstrip),
    ):
        src_spaces = len(src) - len(strip(src))
        tgt_spaces = len(tgt) - len(strip(tgt))
        if bool(src_spaces) == bool(tgt_spaces):
            continue
        span = (
            (0, max(tgt_spaces, 1))
            if where == "start"
            else (len(tgt) - max(tgt_spaces, 1), len(tgt))
        )
        has = "has" if tgt_spaces else "lacks"
        findings.append(
            Finding(
                "punctuation", code, Severity.WARNING,
                f"the target {has} the space{'s' if max(src_spaces, tgt_spaces) > 1 else ''} "
                f"at the {where} that the source {'lacks' if tgt_spaces else 'has'}",
                tgt_span=span,
            )
        )  # fmt: skip
    return findings


def _final_punctuation(src: str, tgt: str) -> list[Finding]:
    """A question in the source that the target does not end as one, an exclamation
    likewise (a warning), or a sentence end in one and not the other (a note: a
    headline or a caption may go either way). A colon or a semicolon for a full stop
    is a matter of style, and "…" for "..." the same mark: not flagged."""
    src_mark, tgt_mark = _final_mark(src), _final_mark(tgt)
    if _mark_class(src_mark) == _mark_class(tgt_mark):
        return []
    end = len(tgt.rstrip(_CLOSERS))
    span = (end - len(tgt_mark), end) if tgt_mark else (max(end - 1, 0), end)
    said = {"": "no final punctuation"}
    # A question or exclamation that ends a quotation within a quotation ("He said:
    # “I asked 'can we win?'") is the inner speaker's, which a translation may report
    # as a statement: a note, as for a sentence end in one text only.
    inner = [
        f" (the {side}'s {mark} ends a quotation within a quotation)"
        for side, text, mark in (("source", src, src_mark), ("target", tgt, tgt_mark))
        if _ends_nested(text, mark)
    ]
    why = inner[0] if inner else ""
    return [
        Finding(
            "punctuation", "final-punctuation",
            Severity.INFO if "" in (src_mark, tgt_mark) or inner else Severity.WARNING,
            f"the source ends with {said.get(src_mark, src_mark)}, the target with "
            f"{said.get(tgt_mark, tgt_mark)}{why}",
            tgt_span=span,
        )
    ]  # fmt: skip


def _ends_nested(text: str, mark: str) -> bool:
    """Whether the text's final question or exclamation mark ends a quotation opened
    within another one: the closing mark after it has its opening one after an
    opening mark of the other kind (single within double, or double within single)
    still open."""
    if _mark_class(mark) not in ("?", "!"):
        return False
    body = text.rstrip(_CLOSERS)
    inner = next((char for char in text[len(body) :] if char in ALL_QUOTES), None)
    if inner is None:
        return False
    return closes_nested(body, inner)


def _final_mark(text: str) -> str:
    """The marks that end the text, before closing quotes and brackets: "?", "...", "."."""
    body = text.rstrip(_CLOSERS)
    end = len(body)
    while end and body[end - 1] in _FINAL:
        end -= 1
    return body[end:]


def _mark_class(mark: str) -> str:
    """What a final mark says: "?" (a question, "?!" too), "!", "." (a statement,
    also "…", ":" and ";"), "" (none)."""
    if "?" in mark:
        return "?"
    if "!" in mark:
        return "!"
    return "." if mark else ""


def _french_spacing(tgt: str, tgt_lang: str) -> list[Finding]:
    """In French a (narrow no-break) space goes before ; : ! and ?."""
    if normalize_language(tgt_lang) not in _SPACED_BEFORE:
        return []
    return [
        Finding(
            "punctuation", "french-spacing", Severity.WARNING,
            f"French puts a no-break space before {m.group()}", tgt_span=(m.start(), m.end()),
        )
        for m in _UNSPACED.finditer(tgt)
    ]  # fmt: skip
