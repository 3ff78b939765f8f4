"""Shared test helpers."""

import re

import pytest


def _table_rows(listing: str) -> list[list[str]]:
    """The cells of each body row of a plain-text rich table, wrapped lines joined."""
    rows: list[list[str]] = []
    fragments: list[list[str]] | None = None
    for line in listing.splitlines():
        if line.startswith("│"):
            cells = line.split("│")[1:-1]
            fragments = fragments or [[] for _ in cells]
            for column, cell in zip(fragments, cells):
                column.append(cell.strip())
        elif fragments is not None:
            rows.append([re.sub(r"\s+", " ", " ".join(column)).strip() for column in fragments])
            fragments = None
    return rows


@pytest.fixture
def table_rows():
    """Reads a side-by-side listing back into rows of cells."""
    return _table_rows
