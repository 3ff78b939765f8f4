"""Every action of the review screen in the command palette (Ctrl+P), beside Textual's
own commands.

Each key binding of the screen is an entry: its description and its keys as they are
now (the user's keymap applied), its tooltip as help, and the same action as the key,
so that the palette, the key bar and the help never disagree. A few actions have no key
and are offered here only (PALETTE_ONLY).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from aligner.tui.keys import keys_by_action

#: Actions of the review screen without a key: (title, help, action).
PALETTE_ONLY = (
    (
        "Re-align every stretch between pins",
        "Align everything that is not pinned again, the pins kept",
        "realign_all",
    ),
    ("Pin every accepted bead", "So that re-aligning keeps them", "pin_accepted"),
)


def palette_entries(screen: Screen) -> Iterator[tuple[str, str, str]]:
    """(title, help, action) of every action of `screen`: its bindings, then
    PALETTE_ONLY."""
    keys = keys_by_action(screen)
    for binding in getattr(screen, "BINDINGS", ()):
        if not isinstance(binding, Binding) or binding.id is None:
            continue
        shown = ", ".join(keys.get(binding.id, [])) or "no key"
        yield f"{binding.description} ({shown})", binding.tooltip, binding.action
    yield from PALETTE_ONLY


class ReviewCommands(Provider):
    """The review screen's actions, as palette commands."""

    def _run(self, action: str):
        return partial(self.screen.run_action, action)

    async def discover(self) -> Hits:
        for title, help_text, action in palette_entries(self.screen):
            yield DiscoveryHit(title, self._run(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in palette_entries(self.screen):
            score = max(matcher.match(title), matcher.match(help_text))
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._run(action), help=help_text)
