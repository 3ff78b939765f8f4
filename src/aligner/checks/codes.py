"""Alphanumeric codes — model and product codes (F125, B-52, iPhone15), collections
(SS19), flights (MH17), standards (ISO 9001), variants (COVID-19, H1N1): the target
must have the source's, written either way ("F125" = "F-125" = "F 125"), never
another.

A code is letters followed by digits (and maybe more letters and digits), with a
capital among its first letters: "km5" or "mp3" are not codes, a figure with a unit
("5km", "3pm") is the numbers check's. A source code without its counterpart is
changed when the target has a code the source lacks (an error, both spans); else,
when its figures are in the target ("SS19" = "primavera-estate 2019"), it was written
out — a note; else it is missing — a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from aligner.model import Finding, Severity, Span, TextPair

# Hand-written: no library we know reads product codes in prose.
#: Up to six letters with a capital among them, a hyphen, a slash or nothing, digits,
#: then any further groups of letters and digits ("COVID-19", "H1N1", "SS19",
#: "A380-800"). Not after a space ("NBC 2,94 milioni" is a figure) nor a point ("No.1"):
#: those forms count only as the counterpart of a code (`_written_in`).
_CODE = re.compile(
    r"(?<![\w@#/.-])(?=[a-z]*[A-Z])[A-Za-z]{1,6}[-‐/]?\d+(?:[-‐/.]?[A-Za-z0-9]+)*(?![\w@-])"
)
_SEPARATORS = "-‐/. \u00a0"
_FIGURE = re.compile(r"\d+")


@dataclass(frozen=True)
class Code:
    text: str
    span: Span

    @property
    def key(self) -> str:
        """How the code is compared: capitals, no separators ("F-125" → "F125")."""
        return "".join(c for c in self.text if c not in _SEPARATORS).upper()


def codes(text: str) -> list[Code]:
    """The alphanumeric codes of `text`, in text order."""
    found = []
    for match in _CODE.finditer(text):
        written = match.group().rstrip(".")
        found.append(Code(written, (match.start(), match.start() + len(written))))
    return found


def check_codes(pair: TextPair) -> tuple[Finding, ...]:
    """Each code of the source the target does not have, and each code of the target
    the source does not have."""
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt or not tgt.strip():
        return ()
    src_codes, tgt_codes = codes(src), codes(tgt)
    missing = [code for code in _unmatched(src_codes, tgt_codes) if not _written_in(code, tgt)]
    extra = [code for code in _unmatched(tgt_codes, src_codes) if not _written_in(code, src)]
    findings = []
    for code in missing:
        if extra:
            other = max(extra, key=lambda e: SequenceMatcher(None, code.key, e.key).ratio())
            extra.remove(other)
            findings.append(
                Finding(
                    "codes", "code-changed", Severity.ERROR,
                    f"the code {code.text} of the source is {other.text} in the target",
                    code.span, other.span,
                )
            )  # fmt: skip
        elif _figures_in(code, tgt, tgt_codes):
            findings.append(
                Finding(
                    "codes", "code-reworded", Severity.INFO,
                    f"the code {code.text} is not in the target; its figures are "
                    "(written out?)",
                    src_span=code.span,
                )
            )  # fmt: skip
        else:
            findings.append(
                Finding(
                    "codes", "code-missing", Severity.WARNING,
                    f"the code {code.text} of the source is missing in the target",
                    src_span=code.span,
                )
            )  # fmt: skip
    findings += [
        Finding(
            "codes", "code-extra", Severity.WARNING,
            f"the code {code.text} is in the target but not in the source", tgt_span=code.span,
        )
        for code in extra
    ]  # fmt: skip
    return tuple(findings)


def _unmatched(found: list[Code], others: list[Code]) -> list[Code]:
    keys = [code.key for code in others]
    unmatched = []
    for code in found:
        if code.key in keys:
            keys.remove(code.key)
        else:
            unmatched.append(code)
    return unmatched


def _written_in(code: Code, text: str) -> bool:
    """Whether `text` has `code` with other separators or none between its letters and
    its digits, in either case ("F125" in "F-125", "F 125", "f125")."""
    groups = re.findall(r"[A-Za-z]+|\d+", code.text)
    separated = r"[-‐/.\s\u00a0]?".join(re.escape(group) for group in groups)
    # Not within a URL, an address or a tag ("example.com/f125").
    return re.search(rf"(?<![\w@#/.-]){separated}(?![\w@-])", text, re.IGNORECASE) is not None


def _figures_in(code: Code, text: str, text_codes: list[Code]) -> bool:
    """Whether every figure of `code` is a figure of `text` outside its codes, as it
    is or as the end of one ("19" of "SS19" in "2019")."""
    taken = [c.span for c in text_codes]
    figures = [
        m.group()
        for m in _FIGURE.finditer(text)
        if not any(start <= m.start() < end for start, end in taken)
    ]
    return all(
        any(figure.endswith(part) for figure in figures) for part in _FIGURE.findall(code.text)
    )
