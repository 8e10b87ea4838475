"""Offered when a workshop's saved state is damaged: what is wrong, and the repair.

The repair (storage/recovery.py) moves each damaged file aside and puts back the newest
good copy from the rotated backups. Escape changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop_tui.storage.lock import WorkshopLocked
from workshop_tui.storage.recovery import DAMAGED_DIR, Repair, plan_repairs, repair
from workshop_tui.storage.store import NewerStateError
from workshop_tui.tui.keys import key, localize
from workshop_tui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from workshop_tui.i18n import Translator
    from workshop_tui.tui.app import WorkshopApp


class RecoveryScreen(ModalScreen[bool]):
    """Dismissed with True once the files are repaired (the caller opens the workshop)."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        key("enter", "recovery.repair", "repair"),
        key("escape", "recovery.cancel", "cancel"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__(id="recovery")
        self.folder = folder
        self.repairs: list[Repair] = plan_repairs(folder)

    @property
    def t(self) -> Translator:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        return app.t

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body", id="recovery-body"):
            with VerticalScroll(id="recovery-scroll"):
                yield Static(id="recovery-text")
            yield KeyBar()

    def on_mount(self) -> None:
        localize(self, self.t)
        self.query_one("#recovery-text", Static).update(self.describe())

    def describe(self) -> Text:
        t = self.t
        text = Text()
        text.append(t("recovery.title"), style="bold")
        text.append("\n" + t("recovery.folder", path=str(self.folder)) + "\n")
        if not self.repairs:
            text.append("\n" + t("recovery.nothing"))
            return text
        for item in self.repairs:
            text.append(f"\n✗ {item.path.name}", style="bold red")
            text.append(f": {item.damage.reason}\n")
            if item.source is not None:
                when = item.source.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
                text.append("  → " + t("recovery.restore", when=when) + "\n", style="green")
            else:
                text.append("  → " + t("recovery.set_aside") + "\n", style="yellow")
            if isinstance(item.damage, NewerStateError):
                text.append("  " + t("recovery.newer") + "\n", style="italic")
        text.append("\n" + t("recovery.kept", path=str(self.folder / DAMAGED_DIR)) + "\n")
        text.append("\n" + t("recovery.ask"), style="bold")
        return text

    def action_repair(self) -> None:
        t = self.t
        if self.repairs:
            try:
                aside = repair(self.folder, self.repairs)
            except WorkshopLocked as exc:
                self.notify(str(exc), severity="error", timeout=15)
                return
            except OSError as exc:
                self.notify(
                    t("notice.disk", reason=exc.strerror or str(exc)), severity="error", timeout=15
                )
                return
            restored = sum(1 for r in self.repairs if r.source is not None)
            self.notify(
                t("recovery.done", restored=restored, aside=len(self.repairs), path=str(aside)),
                timeout=20,
            )
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
