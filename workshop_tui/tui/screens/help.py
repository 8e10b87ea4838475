"""F1: every key of the current screen and the global ones, in the UI language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from workshop_tui.tui.keys import key, localize

if TYPE_CHECKING:
    from workshop_tui.tui.app import WorkshopApp


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("escape,f1,q", "help.close", "dismiss"),
    ]

    def __init__(self, beneath: Screen[Any]) -> None:
        super().__init__(id="help")
        self.beneath = beneath

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(id="help-text")

    def on_mount(self) -> None:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        localize(self, app.t)
        self.query_one("#help-text", Static).update(self._render_help())

    def rows(self) -> list[tuple[str, str, str]]:
        """(section, keys, what they do) for this screen's keys, then the global ones."""
        from workshop_tui.tui.app import all_bindings, keys_display, screen_key_owners

        app: WorkshopApp = self.app  # type: ignore[assignment]
        t = app.t
        title = t(f"screen.{self.beneath.name}") if self.beneath.name else ""
        rows: list[tuple[str, str, str]] = []
        owners = [(title, node) for node in screen_key_owners(self.beneath)]
        seen: set[str] = set()
        for heading, node in (*owners, (t("help.global"), app)):
            for binding in all_bindings(node):
                if binding.id and binding.id not in seen:
                    seen.add(binding.id)
                    rows.append((heading, keys_display(app, binding), binding.description))
        palette = app.get_key_display(Binding("ctrl+p", ""))
        rows.append((t("help.global"), palette, t("help.palette")))
        rows.append(("", "esc", t("keys.help.close")))
        return rows

    def _render_help(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="bold")
        table.add_column()
        section = None
        for heading, keys, description in self.rows():
            if heading != section:
                if section is not None:
                    table.add_row("", "")
                if heading:
                    table.add_row(Text(heading, style="bold underline"), "")
                section = heading
            table.add_row(keys, description)
        return table
