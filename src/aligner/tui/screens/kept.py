"""The review screen's dialogs, each made once and kept: refilled for the bead at each
key rather than composed again.

Composing a dialog (its widgets, their CSS, its layout) cost a key 40–200 ms of the
screen's thread at 5,000 beads, and closing a dialog the app made for the key removed
it, which lays the screen under it out again. A kept dialog is installed in the app
(`App.install_screen`): closing it only takes it off the stack, and opening it again
shows the widgets it has, filled for this use by its `fill`.
"""

from __future__ import annotations

from itertools import count
from typing import Any, TypeVar

from textual.screen import Screen

Dialog = TypeVar("Dialog", bound=Screen[Any])

#: Numbers the dialogs installed, for their names.
_INSTALLED = count()


class KeptDialogs:
    """One dialog of each kind for one screen, made when first asked for."""

    def __init__(self, owner: Screen[Any]) -> None:
        self._owner = owner
        self._made: dict[type[Screen[Any]], Screen[Any]] = {}

    def __call__(self, kind: type[Dialog]) -> Dialog:
        """The dialog of this kind, empty until its `fill`."""
        made = self._made.get(kind)
        if made is None:
            made = self._made[kind] = kind()
            # Named uniquely: another review screen has its own dialogs (an id may be
            # used again once its screen is gone, and a name cannot be installed twice).
            name = f"{kind.__name__}-{next(_INSTALLED)}"
            self._owner.app.install_screen(made, name=name)
        return made  # type: ignore[return-value]
