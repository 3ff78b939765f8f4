"""A Markdown document (CommonMark with tables) as blocks: headings, paragraphs, list
items, table cells, block quotes (as asides) and image captions; code left out. Emphasis,
links and code spans are markup around their words, written as the file writes them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from aligner.formats import Block, BlockText, Extracted, extracted
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
#: Line breaks within a paragraph are spaces. Inline images and raw HTML are left out.
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
            if block := _inline_text(children).block(kind, f"line {containers[-1][1] + 1}"):
                yield block


def _kind(containers: list[tuple[BlockKind, int]]) -> BlockKind:
    """A paragraph takes its container's kind: the innermost that is not a paragraph."""
    for kind, _ in reversed(containers):
        if kind is not BlockKind.PARAGRAPH:
            return kind
    return BlockKind.PARAGRAPH


def _inline_text(children: Sequence[Token]) -> BlockText:
    """A paragraph's words, its emphasis, links and code spans kept as markup."""
    text = BlockText()
    opened: list[tuple[int, Token]] = []  # the emphasis and links around the words met
    for child in children:
        if child.type == "text":
            text.add(child.content)
        elif child.type in _BREAK_TOKENS:
            text.add(" ")
        elif child.type == "code_inline":
            start = text.position
            text.add(child.content)
            text.mark(start, child.markup, child.markup)
        elif child.type.endswith("_open"):
            opened.append((text.position, child))
        elif child.type.endswith("_close") and opened:
            start, opening = opened.pop()
            text.mark(start, *_delimiters(opening))
    return text


def _delimiters(opening: Token) -> tuple[str, str]:
    """How the file writes the markup that `opening` opens: "**" and "**" around bold
    words, "[" and "](https://…)" around a link's."""
    if opening.type != "link_open":
        return opening.markup, opening.markup
    if opening.markup == "autolink":
        return "<", ">"
    href = opening.attrs.get("href", "")
    title = opening.attrs.get("title")
    return "[", f"]({href})" if title is None else f']({href} "{title}")'
