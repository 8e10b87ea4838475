"""The key bar at the bottom of every screen: this screen's keys, then the global ones.

Textual's `Footer` is one line that scrolls sideways, so at 80 columns the global keys
fall off the edge. This bar wraps instead, and below 100 columns folds F2–F6 into one
entry (they are all listed on the help screen).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.widgets import Static

if TYPE_CHECKING:
    from workshop_tui.tui.app import WorkshopApp

NBSP = "\u00a0"
SCREEN_KEYS = ("app.timeline", "app.swot", "app.strategy", "app.roadmap", "app.closing")
NARROW_WIDTH = 100
SHORT_HEIGHT = 30
ALWAYS_SHOWN = ("app.help", "app.quit")


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: auto; max-height: 4; background: $footer-background; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.watch(self.app, "language", self._language_changed, init=False)
        self.call_after_refresh(self.redraw)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Any) -> None:
        self.redraw()

    def _language_changed(self) -> None:
        self.call_after_refresh(self.redraw)

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        screen_part: list[tuple[str, str]] = []
        global_part: list[tuple[str, str]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding: Binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            label = (app.get_key_display(binding), binding.description)
            (global_part if isinstance(active.node, App) else screen_part).append(
                (binding.id or "", label[0] + NBSP + label[1])
            )
        narrow = self.size.width and self.size.width < NARROW_WIDTH
        if narrow and self.app.size.height < SHORT_HEIGHT and len(screen_part) > 8:
            # A small screen with many keys of its own: of the global keys keep help (which
            # lists them all) and quit.
            global_part = [entry for entry in global_part if entry[0] in ALWAYS_SHOWN]
        elif narrow:
            folded = [entry for entry in global_part if entry[0] not in SCREEN_KEYS]
            if len(folded) != len(global_part):
                folded.insert(1, ("", f"F2‥F6{NBSP}{app.t('keybar.screens')}"))
            global_part = folded
        text = Text()
        for index, (_, entry) in enumerate([*screen_part, *global_part]):
            if index:
                text.append("  ")
            key_text, _, desc = entry.partition(NBSP)
            text.append(f"{NBSP}{key_text}{NBSP}", style="bold reverse")
            text.append(NBSP + desc)
        self.update(text)
