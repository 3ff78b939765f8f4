"""A Markdown document (CommonMark with tables) as blocks: headings, paragraphs, list
items, table cells, block quotes (as asides) and image captions; code left out."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from aligner.formats import Block, Extracted, extracted, one_line
from aligner.model import BlockKind
from aligner.read import read_text

#: YAML front matter (`---` … `---` on the first lines): metadata, not text.
_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.DOTALL)
#: The innermost container says what a paragraph in it is.
_CONTAINERS = {
    "list_item_open": BlockKind.LIST_ITEM,
    "blockquote_open": BlockKind.ASIDE,
    "th_open": BlockKind.TABLE_CELL,
    "td_open": BlockKind.TABLE_CELL,
    "heading_open": BlockKind.HEADING,
}
#: Inline tokens whose text is text; the rest (links, emphasis, images, raw HTML) is
#: markup. Line breaks within a paragraph are spaces.
_TEXT_TOKENS = frozenset({"text", "code_inline"})
_BREAK_TOKENS = frozenset({"softbreak", "hardbreak"})


def read_markdown(path: Path) -> Extracted:
    """The blocks in reading order. Code blocks, raw HTML blocks and front matter are
    left out; a paragraph that starts with an image has the rest as its caption."""
    text = read_text(path)
    # Blank lines in place of the front matter keep the line numbers of the file.
    text = _FRONT_MATTER.sub(lambda found: "\n" * found.group().count("\n"), text)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return extracted(path, "markdown", list(_blocks(tokens)), "in the Markdown document")


def _blocks(tokens: Sequence[Token]) -> Iterator[Block]:
    containers: list[tuple[BlockKind, int]] = []
    line = 0  # of the last token that says (a table's cells do not: their row does)
    for token in tokens:
        line = token.map[0] if token.map else line
        if token.type in _CONTAINERS:
            containers.append((_CONTAINERS[token.type], line))
        elif token.type.removesuffix("_close") + "_open" in _CONTAINERS:
            containers.pop()
        elif token.type == "paragraph_open":
            containers.append((BlockKind.PARAGRAPH, line))
        elif token.type == "paragraph_close":
            containers.pop()
        elif token.type == "inline" and containers:
            kind = _kind(containers)
            children = token.children or []
            if children and children[0].type == "image":
                kind = BlockKind.CAPTION
            text = one_line("".join(_inline_text(children)))
            if text:
                yield Block(text, kind, f"line {containers[-1][1] + 1}")


def _kind(containers: list[tuple[BlockKind, int]]) -> BlockKind:
    """A paragraph takes its container's kind: the innermost that is not a paragraph."""
    for kind, _ in reversed(containers):
        if kind is not BlockKind.PARAGRAPH:
            return kind
    return BlockKind.PARAGRAPH


def _inline_text(children: Sequence[Token]) -> Iterator[str]:
    for child in children:
        if child.type in _TEXT_TOKENS:
            yield child.content
        elif child.type in _BREAK_TOKENS:
            yield " "
