"""The main content of a web page as blocks: headings, paragraphs, list items, table
cells, captions and asides, without the site's chrome.

Written by hand over lxml.html: the main-content extractors (readability-lxml,
trafilatura) return a rewritten tree or plain text, and the element path of each block
into the original file would be lost. What is chrome is decided by the page's own
landmarks (`main`, `article`, `nav`, ARIA roles) and a few class and id words that
sites use for banners (cookie, consent, related …).
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from aligner.errors import InputError
from aligner.formats import Block, BlockText, Extracted, extracted
from aligner.model import BlockKind
from aligner.read import open_error, read_text

#: Never content, wherever they are.
_LEFT_OUT_TAGS = frozenset(
    {
        "nav", "script", "style", "noscript", "template", "form", "button", "select",
        "textarea", "svg", "iframe", "object", "canvas", "dialog", "head", "pre",
    }
)  # fmt: skip
#: Elements whose header and footer belong to the content (a title, a byline).
_SECTIONING = frozenset({"main", "article", "section", "aside"})
#: ARIA landmarks of a site's chrome.
_LEFT_OUT_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "dialog", "alertdialog", "search"}
)
#: Words of a class or an id that mark chrome inside the content area: cookie and
#: consent notices, related links, sharing buttons, newsletters, ads.
_CHROME_WORDS = re.compile(
    r"(?:^|[-_ ])(?:cookies?|consent|gdpr|related|share|sharing|social|newsletter|"
    r"advert|ads|promo|breadcrumbs?|skip-link|sidebar|comments)(?:$|[-_ ])",
    re.IGNORECASE,
)
#: Elements whose text is one block, with its kind.
_BLOCK_KINDS = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), BlockKind.HEADING),
    **dict.fromkeys(("p", "div", "section", "blockquote", "address"), BlockKind.PARAGRAPH),
    **dict.fromkeys(("li", "dt", "dd"), BlockKind.LIST_ITEM),
    **dict.fromkeys(("td", "th"), BlockKind.TABLE_CELL),
    **dict.fromkeys(("figcaption", "caption"), BlockKind.CAPTION),
    "aside": BlockKind.ASIDE,
}
#: Containers whose paragraphs take their kind: a paragraph of an aside is an aside.
_INHERITED = frozenset({BlockKind.ASIDE, BlockKind.CAPTION, BlockKind.LIST_ITEM,
                        BlockKind.TABLE_CELL})  # fmt: skip
#: Elements that break a block without being one of their own.
_BREAKS = frozenset({"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "figure",
                     "article", "main", "header", "footer", "hr"})  # fmt: skip
#: What a page must have to be read as one (a .html file of plain text is a mistake).
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…">, in
#: the first bytes of the page, where browsers look for it (HTML's encoding prescan).
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([-\w:.]+)", re.IGNORECASE)
_CHARSET_PRESCAN = 1024


def read_html(path: Path) -> Extracted:
    """The blocks of the page's main content: `main` (or `role="main"`), else its first
    `article`, else `body`, without the chrome named above."""
    text = _page_text(path)
    if not _HTML_TAG.search(text):
        raise InputError(
            f"{path}: not an HTML page (no <html>, <head> or <body> tag); "
            "rename a plain-text file to .txt"
        )
    try:
        # lxml refuses a str that declares its encoding: the text is decoded already.
        page = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"{path}: cannot read the page as HTML ({error})") from None
    body = page.find("body")
    if body is None:
        raise InputError(f"{path}: the page has no <body>")
    tree = page.getroottree()
    blocks = list(_blocks(tree, _main_content(body), BlockKind.PARAGRAPH))
    return extracted(path, "html", blocks, "in the page's main content")


def _page_text(path: Path) -> str:
    """The page decoded by the charset its <meta> declares (older sites write
    ISO-8859-1 or windows-1252), else as every document is (`read_text`)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise open_error(path, error) from None
    declared = _META_CHARSET.search(data[:_CHARSET_PRESCAN])
    if declared is None or data.startswith(
        (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        return read_text(path)
    name = declared.group(1).decode("ascii")
    try:
        text = data.decode(name)
    except LookupError:
        raise InputError(f"{path}: the page declares an unknown charset {name!r}") from None
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: cannot decode byte 0x{data[error.start]:02x} at offset {error.start} "
            f"as {name}, the charset the page declares"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _main_content(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for query in ("//main", "//*[@role='main']", "//article"):
        # Not an article card of a "related" box or of the navigation.
        found = [e for e in body.xpath(query) if not any(map(_left_out, [e, *e.iterancestors()]))]
        if found:
            return found[0]
    return body


def _left_out(element: lxml.html.HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return True  # a comment or a processing instruction
    if element.tag in _LEFT_OUT_TAGS or element.get("role") in _LEFT_OUT_ROLES:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if element.tag in ("header", "footer") and not any(
        ancestor.tag in _SECTIONING for ancestor in element.iterancestors()
    ):
        return True  # the page's own header and footer; an article's are content
    words = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(_CHROME_WORDS.search(words))


def _blocks(
    tree: etree._ElementTree, container: lxml.html.HtmlElement, kind: BlockKind
) -> Iterator[Block]:
    """The blocks of `container`: its own text (up to each nested block) as blocks of
    `kind`, and the blocks of the elements inside it."""
    text = BlockText()
    text.add(container.text or "")
    for child in container:
        if _left_out(child):
            pass  # its tail is still the container's text
        elif child.tag in _BLOCK_KINDS or child.tag in _BREAKS or _holds_blocks(child):
            if block := text.block(kind, tree.getpath(container)):
                yield block
            text = BlockText()
            yield from _blocks(tree, child, _kind(child, kind))
        else:
            _add_inline(text, child)
        text.add(child.tail or "")
    if block := text.block(kind, tree.getpath(container)):
        yield block


def _kind(element: lxml.html.HtmlElement, outer: BlockKind) -> BlockKind:
    own = _BLOCK_KINDS.get(element.tag)
    if outer in _INHERITED and own in (None, BlockKind.PARAGRAPH):
        return outer
    return own or BlockKind.PARAGRAPH


def _holds_blocks(element: lxml.html.HtmlElement) -> bool:
    """An inline element wrapping blocks (a link around a card) is a container."""
    return any(
        isinstance(e.tag, str) and (e.tag in _BLOCK_KINDS or e.tag in _BREAKS)
        for e in element.iterdescendants()
    )


def _add_inline(text: BlockText, element: lxml.html.HtmlElement) -> None:
    """The words of an inline element (bold, a link) added to `text`, the element kept
    as markup around them."""
    if _left_out(element):
        return
    if element.tag == "br":
        text.add(" ")
        return
    start = text.position
    text.add(element.text or "")
    for child in element:
        _add_inline(text, child)
        text.add(child.tail or "")
    text.mark(start, _opening_tag(element), f"</{element.tag}>")


def _opening_tag(element: lxml.html.HtmlElement) -> str:
    attributes = "".join(
        f' {name}="{html.escape(value)}"' for name, value in element.attrib.items()
    )
    return f"<{element.tag}{attributes}>"
