"""A clear placeholder for a main screen that a later release builds."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Header, Static

from workshop_tui.tui.screens.base import WorkshopScreen
from workshop_tui.tui.widgets.keybar import KeyBar


class PlaceholderScreen(WorkshopScreen):
    def __init__(self, name: str) -> None:
        super().__init__(name=name, id=f"screen-{name}")
        self.screen_name = name

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield Static(id="placeholder", classes="placeholder")
        yield KeyBar()

    def refresh_words(self) -> None:
        t = self.t
        title = t(f"screen.{self.screen_name}")
        self.sub_title = title
        self.query_one("#placeholder", Static).update(
            f"[b]{title}[/b]\n\n{t('placeholder.body')}\n\n{t('placeholder.back')}"
        )
