"""Offered when a workshop's saved state is damaged: what is wrong, and the repair.

The repair (storage/recovery.py) moves each damaged file aside and puts back the newest
good copy from the rotated backups. Escape changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop_tui.storage.atomic import StateFileError
from workshop_tui.storage.lock import WorkshopLocked
from workshop_tui.storage.recovery import DAMAGED_DIR, Repair, plan_repairs, repair
from workshop_tui.storage.store import NewerStateError
from workshop_tui.tui.app import locked_message
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
            text.append(f": {damage_reason(t, item.damage)}\n")
            if item.source is not None:
                when = item.source.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
                text.append("  → " + t("recovery.restore", when=when) + "\n", style="green")
            else:
                gone = not item.path.exists()  # nothing to move aside: it stays gone
                aside_key = "recovery.stays_gone" if gone else "recovery.set_aside"
                text.append("  → " + t(aside_key) + "\n", style="yellow")
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
                self.notify(locked_message(t, exc), severity="error", timeout=15)
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


# The storage layer words its reasons in English for the command line; the dialog tells
# the same in the UI language. Each pattern: catalog key, fields it fills.
_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the file is empty"), "recovery.reason_empty"),
    (re.compile(r"not text \(bad byte at offset (?P<offset>\d+)\)"), "recovery.reason_not_text"),
    (
        re.compile(
            r"not valid JSON \(line (?P<line>\d+), column (?P<column>\d+): (?P<detail>.*)\)"
        ),
        "recovery.reason_json_at",
    ),
    (re.compile(r"not valid JSON \((?P<detail>.*)\)"), "recovery.reason_json"),
    (re.compile(r"expected a JSON object of tables.*"), "recovery.reason_shape"),
    (
        re.compile(r"table '(?P<table>.*)' (is not an object|has a malformed document.*)"),
        "recovery.reason_table",
    ),
    (re.compile(r"cannot be read \((?P<detail>.*)\)"), "recovery.reason_unreadable"),
    (re.compile(r"written by a newer version.*"), "recovery.reason_newer"),
    (
        re.compile(r"is missing \(the backup of (?P<when>.*) UTC holds it\)"),
        "recovery.reason_missing_backup",
    ),
    (re.compile(r"is missing \(the cooperatives' files .*\)"), "recovery.reason_missing_workshop"),
    (re.compile(r"is missing.*"), "recovery.reason_missing"),
    (re.compile(r"holds no tables.*"), "recovery.reason_emptied"),
]
# Python's JSON messages, some of which end in "at" (it appends a position we show apart).
_JSON_DETAILS = {
    "Unterminated string starting at": "recovery.json_unterminated",
    "Expecting value": "recovery.json_expecting_value",
    "Extra data": "recovery.json_extra_data",
    "Expecting ',' delimiter": "recovery.json_expecting_comma",
    "Expecting ':' delimiter": "recovery.json_expecting_colon",
    "Expecting property name enclosed in double quotes": "recovery.json_property_name",
    "Invalid control character at": "recovery.json_control_character",
}


def damage_reason(t: Translator, damage: StateFileError) -> str:
    """What is wrong with a damaged file, in whole words of the UI language."""
    return reason_text(t, damage.reason)


def reason_text(t: Translator, reason: str) -> str:
    """A storage reason (English, as the command line shows it) in the UI language; as it
    is when no pattern knows it."""
    for pattern, catalog_key in _REASONS:
        found = pattern.fullmatch(reason)
        if found is None:
            continue
        fields = found.groupdict()
        if "detail" in fields and fields["detail"] in _JSON_DETAILS:
            fields["detail"] = t(_JSON_DETAILS[fields["detail"]])
        elif "detail" in fields:
            fields["detail"] = fields["detail"].removesuffix(" at")
        return t(catalog_key, **fields)
    return reason
