"""Inline codes as the text of a pair carries them: placeholders a translator must keep.

A bilingual file's inline elements (XLIFF's `<g>`, `<x/>`, `<ph>`, `<pc>`, `<bpt>/<ept>`)
are written into the text as short tags — `<g1>` … `</g1>` for a paired code, `<x2/>`
for a standalone one: the element's name followed by its id (`<ph_b1/>` for an id that
does not start with a digit), as OmegaT shows them — and software strings keep their
printf (`%s`, `%d`, `%1$s`, `%(name)s`) and ICU (`{name}`, `{count, plural, …}`)
placeholders as they are. `placeholders(text)` finds all of them again, for the
placeholder check and for the TMX export, which writes them as TMX inline elements. A
reviewer who edits a target sees and types the same tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class CodeKind(StrEnum):
    """What an inline code is, which decides how TMX writes it."""

    #: `<g1>`: the start of a paired code (TMX <bpt>).
    OPENING = "opening"
    #: `</g1>`: its end (TMX <ept>).
    CLOSING = "closing"
    #: `<x1/>`, `%s`, `{name}`: a code on its own (TMX <ph>).
    STANDALONE = "standalone"


@dataclass(frozen=True)
class Placeholder:
    """One inline code or placeholder found in a text."""

    #: As it is written: "<g1>", "%1$s", "{name}".
    text: str
    #: [start, end) in the text.
    span: tuple[int, int]
    kind: CodeKind
    #: What a paired code's opening and closing share ("g1"); the text otherwise.
    pair_key: str


#: The XLIFF inline elements a tag can name (1.2's <ept> and 2.x's <sc>/<ec> are written
#: as the <bpt> and <pc> they close or open).
CODE_NAMES = ("g", "x", "bx", "ex", "ph", "it", "bpt", "pc")
#: Our tags (`<g1>`, `</g1>`, `<x2/>`, `<ph_b1/>`): one of those names followed by its
#: id, which starts with a digit or else after a "_", so that text in angle brackets
#: ("<più>", "<phone>") is not taken for a code.
_TAG = (
    r"<(?P<close>/)?(?P<name>(?:" + "|".join(CODE_NAMES) + r")(?:\d[\w.:-]*|_[\w.:-]*))"
    r"(?P<empty>/)?>"
)
#: printf conversions (C, Python's %-format with a mapping key, positional `%1$s`), not
#: after a digit — "20%d'aumento" is a percentage — and without the space flag, which
#: makes "10% di" read as one. `%%` is a literal percent sign, consumed so that its
#: second `%` does not start a conversion.
_PRINTF = (
    r"(?P<percent>%%)|(?<![\d%])%(?:\d+\$|\([\w.]+\))?[-+0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsp@]"
)
#: An ICU or Python-brace argument: `{name}`, `{0}`, `{count, plural, …}` (the
#: argument's name and what follows up to the first comma or the closing brace).
_ICU = r"\{(?P<argument>[A-Za-z_]\w*|\d+)(?:\}|\s*,[^{}]*)"
_PLACEHOLDER = re.compile(f"{_TAG}|{_PRINTF}|{_ICU}")


def code_tag(name: str, code_id: str, kind: CodeKind) -> str:
    """The tag an inline element is written as: ("g", "1", OPENING) → "<g1>"."""
    assert name in CODE_NAMES, name
    code_id = re.sub(r"[^\w.:-]", "_", code_id)
    key = name + (code_id if code_id[:1].isdigit() else "_" + code_id)
    if kind is CodeKind.OPENING:
        return f"<{key}>"
    if kind is CodeKind.CLOSING:
        return f"</{key}>"
    return f"<{key}/>"


def placeholders(text: str) -> tuple[Placeholder, ...]:
    """Every inline code and placeholder of `text`, in text order."""
    found = []
    for match in _PLACEHOLDER.finditer(text):
        if match.group("percent"):
            continue
        if match.group("name"):
            kind = (
                CodeKind.CLOSING
                if match.group("close")
                else CodeKind.STANDALONE
                if match.group("empty")
                else CodeKind.OPENING
            )
            key = match.group("name")
        else:
            kind = CodeKind.STANDALONE
            key = match.group()
        found.append(Placeholder(_written(match), match.span(), kind, key))
    return tuple(found)


def _written(match: re.Match[str]) -> str:
    """How a placeholder is compared: an ICU argument by its name and type ("{count,
    plural"), since the translated plural messages after it differ by design."""
    if match.group("argument") is not None:
        head = match.group().split(",")
        if len(head) == 1:
            return match.group()
        kind = head[1].strip()
        return "{" + match.group("argument") + (f", {kind}}}" if kind else "}")
    return match.group()
