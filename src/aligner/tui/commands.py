"""The command palette's entries for pins and re-aligning (Ctrl+P on the review screen)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

#: (title, help, action of the review screen).
PIN_COMMANDS = (
    ("Pin or unpin the bead", "Re-aligning keeps a pinned bead as it is (p)", "pin"),
    (
        "Re-align between the pins around the bead",
        "Align the stretch the bead is in again, the pins kept (r)",
        "realign",
    ),
    (
        "Re-align every stretch between pins",
        "Align everything that is not pinned again, the pins kept",
        "realign_all",
    ),
    ("Pin every accepted bead", "So that re-aligning keeps them", "pin_accepted"),
)


class PinCommands(Provider):
    async def discover(self) -> Hits:
        for title, help_text, action in PIN_COMMANDS:
            yield DiscoveryHit(title, self._runner(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in PIN_COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._runner(action), help=help_text)

    def _runner(self, action: str):
        return partial(self.screen.run_action, action)
