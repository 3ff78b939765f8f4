"""The review's keys beyond the screen: the keys each action has now (for the help and
the command palette), and the user's keymap (`aligner.settings`) checked against the
actions there are."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.screen import Screen

from aligner.errors import InputError


def keys_by_action(screen: Screen) -> dict[str, list[str]]:
    """The keys of each binding id of `screen` as they are now (the keymap applied),
    as the screen shows keys ("↓", "^s"); each once (a binding whose `key_display`
    names all its keys, "g :", shows it for each of them)."""
    keys: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id is not None:
            shown = keys.setdefault(binding.id, [])
            display = screen.app.get_key_display(binding)
            if display not in shown:
                shown.append(display)
    return keys


def check_keymap(keymap: dict[str, str], screens: list[type[Screen]], source: Path) -> None:
    """InputError when the keymap (read from `source`) names an action none of `screens`
    has: a typo would otherwise change nothing, silently."""
    actions = sorted(
        binding.id
        for screen in screens
        for binding in screen.BINDINGS
        if isinstance(binding, Binding) and binding.id is not None
    )
    unknown = [action for action in keymap if action not in actions]
    if unknown:
        raise InputError(
            f"{source}: [keymap] names {', '.join(repr(a) for a in unknown)}, which the "
            f"review has not; its actions: {', '.join(actions)}"
        )
