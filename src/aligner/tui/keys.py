"""The review's keys beyond the screen: every action in the command palette, and the
user's keymap (`aligner.settings`) checked against the actions there are."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from aligner.errors import InputError


def keys_by_action(screen: Screen) -> dict[str, list[str]]:
    """The keys of each binding id of `screen` as they are now (the keymap applied),
    as the screen shows keys ("↓", "^s")."""
    keys: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id is not None:
            keys.setdefault(binding.id, []).append(screen.app.get_key_display(binding))
    return keys


def palette_commands(screen: Screen) -> Iterator[SystemCommand]:
    """A command per key of `screen`, named as the help names it, with its keys."""
    keys = keys_by_action(screen)
    for binding in screen.BINDINGS:
        if not isinstance(binding, Binding) or binding.id is None:
            continue
        shown = ", ".join(keys.get(binding.id, [])) or "no key"
        yield SystemCommand(
            f"{binding.description} ({shown})",
            binding.tooltip or binding.description,
            partial(screen.run_action, binding.action),
        )


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
