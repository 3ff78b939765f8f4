"""The review's actions in the command palette (Ctrl+P), beside Textual's own commands.

Each entry is a key binding of the screen, named by its id: the palette shows its
description and key, its tooltip as help, and runs the same action as the key, so the
palette, the footer and the help never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

#: The ids of the bindings the palette offers.
PALETTE_BINDINGS = (
    "search",
    "next-match",
    "previous-match",
    "go-to",
    "source-sentence-up",
    "source-sentence-down",
    "target-sentence-up",
    "target-sentence-down",
    "accept-confident",
    "dismiss-code",
    "edit-source",
    "show-original",
)


class ReviewCommands(Provider):
    """The screen's bindings listed in PALETTE_BINDINGS, as palette commands."""

    def _commands(self) -> Iterator[tuple[str, str, Binding]]:
        bindings = {b.id: b for b in getattr(self.screen, "BINDINGS", ()) if isinstance(b, Binding)}
        for binding_id in PALETTE_BINDINGS:
            binding = bindings.get(binding_id)
            if binding is not None:
                key = binding.key_display or self.app.get_key_display(binding)
                yield f"{binding.description} ({key})", binding.tooltip, binding

    def _run(self, binding: Binding):
        return partial(self.screen.run_action, binding.action)

    async def discover(self) -> Hits:
        for title, help_text, binding in self._commands():
            yield DiscoveryHit(title, self._run(binding), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, binding in self._commands():
            score = max(matcher.match(title), matcher.match(help_text))
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._run(binding), help=help_text)
