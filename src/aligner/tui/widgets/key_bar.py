"""The keys of the screen at the bottom, on as many lines as they take.

Textual's `Footer` keeps to one line and cuts what does not fit (at 80 columns the
review lost `u e t ? q`); this bar wraps instead. It lists what the footer would — the
screen's bindings marked `show`, under the keys the keymap gives them — and a click on
a key presses it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

SEPARATOR = "  "


class KeyBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    #: The entries (`_entries`) the bar was last told of.
    _listed: list[tuple[str, str, str]] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # Told at every change of focus (a dialog opening or closing): a layout of the
        # whole screen only when the keys listed did change.
        entries = self._entries()
        if entries != self._listed:
            self._listed = entries
            self.refresh(layout=True)

    def keys(self) -> list[tuple[str, str]]:
        """(key as shown, description) of every key the bar lists, in order."""
        return [(display, description) for _, display, description in self._entries()]

    def _entries(self) -> list[tuple[str, str, str]]:
        """(key to press, key as shown, description), one per action."""
        entries: dict[str, tuple[str, str, str]] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.show and binding.action not in entries:
                display = self.app.get_key_display(binding)
                entries[binding.action] = (binding.key, display, binding.description)
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if self.app.ENABLE_COMMAND_PALETTE and palette is not None:
            binding = palette.binding
            entries[binding.action] = (binding.key, self.app.get_key_display(binding), "palette")
        return list(entries.values())

    def render(self) -> Text:
        width = max(self.content_region.width, 10)
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        lines = [Text()]
        for key, display, description in self._entries():
            click = Style.from_meta({"@click": f"app.simulate_key({key!r})"})
            item = Text.assemble(
                (display, key_style + click), " ", (description, description_style + click)
            )
            line = lines[-1]
            if line.cell_len and line.cell_len + len(SEPARATOR) + item.cell_len > width:
                lines.append(Text())
                line = lines[-1]
            if line.cell_len:
                line.append(SEPARATOR)
            line.append_text(item)
        return Text("\n").join(lines)
