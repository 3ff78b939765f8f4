"""A bilingual XML file (XLIFF) parsed whole, safely: no entity expanded, no DTD loaded,
nothing fetched, and every way it can be wrong said in one line with its line number.

XLIFF files are parsed whole, not streamed as TMX is: a file is one project's strings,
and a unit's notes and states come before or after its texts.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from aligner.errors import InputError
from aligner.read import open_error

#: The ", line 3, column 7" libxml2 appends to its messages; the error says it first.
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")
#: An entity reference ("&lol9;"), but for XML's five predefined ones and character
#: references, which are characters, not entities.
_ENTITY_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z_:][\w.:-]*);")
#: libxml2's errors about an entity: one that expands too far (billion laughs, in an
#: attribute) and one that no DTD declares (`&nbsp;` in XML).
_ENTITY_ERRORS = ("ERR_RESOURCE_LIMIT", "ERR_UNDECLARED_ENTITY")


def parse_xml(path: Path) -> etree._ElementTree:
    """The tree of an XML file; InputError when it cannot be read, is empty, is not
    well-formed (an undeclared namespace prefix, a truncated file) or uses an entity."""
    parser = etree.XMLParser(
        # No entity is expanded (billion laughs), no DTD loaded, nothing fetched (XXE).
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        # Keep libxml2's limits on the size of a text node and the nesting depth.
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise open_error(path, error) from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as error:
        raise _syntax_error(path, data, error) from None
    # An entity the file's own DTD declares is left unexpanded in the tree.
    for entity in tree.getroot().iter(etree.Entity):
        line: int = entity.sourceline or 0  # type: ignore[assignment]
        raise entity_refused(path, line, (entity.text or "").strip("&;"))
    return tree


def _syntax_error(path: Path, data: bytes, error: etree.XMLSyntaxError) -> InputError:
    # lxml-stubs 0.5 lack XMLSyntaxError.code: the ignore is theirs.
    code = error.code  # type: ignore[attr-defined]
    line = error.lineno or 0
    if any(code == getattr(etree.ErrorTypes, name) for name in _ENTITY_ERRORS):
        name = _entity_on_line(data, line)
        if name is not None:
            return entity_refused(path, line, name)
    message = _POSITION_SUFFIX.sub("", error.msg or str(error))
    return InputError(f"{path}: line {line}: malformed XML: {message}")


def _entity_on_line(data: bytes, line: int) -> str | None:
    """The first entity reference on a line of the file (libxml2 names the line, not
    always the entity)."""
    lines = data.decode("utf-8", errors="replace").splitlines()
    if not 0 < line <= len(lines):
        return None
    reference = _ENTITY_REFERENCE.search(lines[line - 1])
    return reference.group(1) if reference else None


def entity_refused(path: Path, line: int, name: str) -> InputError:
    return InputError(
        f"{path}: line {line}: entity reference &{name}; refused "
        "(entities are not expanded, for safety)"
    )
