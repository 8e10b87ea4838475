"""The key bar at the bottom of every screen: this screen's keys, then the global ones.

Textual's `Footer` is one line that scrolls sideways, so keys fall off the edge unseen.
This bar lays the keys out itself, never splitting a key from its label. From 100
columns it is one row: help and quit always, then as many of the screen's keys and the
other global keys as fit (F2–F6 folded into one entry when needed); the help screen
lists everything. Narrower, F2–F6 fold into one entry and the keys wrap onto more rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.widgets import Static
from textual.widgets._toast import ToastRack

if TYPE_CHECKING:
    from workshop_tui.tui.app import WorkshopApp

NBSP = "\u00a0"
SCREEN_KEYS = ("app.timeline", "app.swot", "app.strategy", "app.roadmap", "app.closing")
NARROW_WIDTH = 100
SHORT_HEIGHT = 30
ALWAYS_SHOWN = ("app.help", "app.quit")
SEPARATOR = "  "
MAX_ROWS = 4

Entry = tuple[str, str, str]
"""(binding id, key as shown, label)"""


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
        if not self.is_attached:
            return  # removed (its screen replaced) before a redraw it had asked for ran
        app: WorkshopApp = self.app  # type: ignore[assignment]
        screen_part: list[Entry] = []
        global_part: list[Entry] = []
        seen: set[str] = set()
        for active in _in_declared_order(list(self.screen.active_bindings.values())):
            binding: Binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            entry = (binding.id or "", app.get_key_display(binding), binding.description)
            (global_part if isinstance(active.node, App) else screen_part).append(entry)
        # Quit last, where footers usually have it (Textual lists priority keys first).
        global_part.sort(key=lambda entry: entry[0] == "app.quit")
        width = self.size.width
        folded = _fold_screen_keys(global_part, app.t("keybar.screens"))
        if not width:
            rows = [[*screen_part, *global_part]]
        elif width >= NARROW_WIDTH:
            rows = [_one_row(screen_part, global_part, folded, width)]
        else:
            if self.app.size.height < SHORT_HEIGHT and len(screen_part) > 8:
                # A small screen with many keys of its own: of the global keys keep help
                # (which lists them all) and quit.
                folded = [entry for entry in global_part if entry[0] in ALWAYS_SHOWN]
            rows = _wrap([*screen_part, *folded], width)[:MAX_ROWS]
        text = Text(no_wrap=True, overflow="crop")
        for number, row in enumerate(rows):
            if number:
                text.append("\n")
            for index, (_, key_text, label) in enumerate(row):
                if index:
                    text.append(SEPARATOR)
                text.append(f" {key_text} ", style="bold reverse")
                text.append(" " + label)
        self.update(text)
        self._keep_toasts_above(len(rows))

    def _keep_toasts_above(self, rows: int) -> None:
        # Textual lifts its toasts one row, for its one-row footer.
        for rack in self.screen.query(ToastRack):
            rack.styles.margin = (0, 0, max(rows, 1), 0)


def _in_declared_order(active: list[Any]) -> list[Any]:
    """Each node's keys in the order its `BINDINGS` declares them (Textual puts remapped
    keys last, and the bar keeps the first that fit)."""
    nodes = list(dict.fromkeys(a.node for a in active))

    def rank(entry: Any) -> tuple[int, int]:
        declared = [
            b.id for bindings in entry.node._bindings.key_to_bindings.values() for b in bindings
        ]
        ident = entry.binding.id
        return nodes.index(entry.node), declared.index(ident) if ident in declared else len(
            declared
        )

    return sorted(active, key=rank)


def _width(entry: Entry) -> int:
    return cell_len(f" {entry[1]}  {entry[2]}")


def _fold_screen_keys(global_part: list[Entry], label: str) -> list[Entry]:
    """F2–F6 as one entry, in the place of the first."""
    keys = [entry for entry in global_part if entry[0] in SCREEN_KEYS]
    if not keys:
        return global_part
    folded = [entry for entry in global_part if entry[0] not in SCREEN_KEYS]
    folded.insert(global_part.index(keys[0]), ("app.screens", "f2‥f6", label))
    return folded


def _one_row(
    screen_part: list[Entry], global_part: list[Entry], folded: list[Entry], width: int
) -> list[Entry]:
    """What fits one row, in the bar's order. Chosen first help, quit and F2‥F6 (the way
    to every other screen), then the screen's keys in their order up to the first that
    does not fit (a screen declares its keys most needed first: a later, shorter one
    never takes the place of an earlier), then the other global keys likewise; all of F2–F6
    apart only if everything fits."""
    full = _fits([*screen_part, *global_part], width)
    if full:
        return [*screen_part, *global_part]
    everything = [*screen_part, *folded]
    first = (*ALWAYS_SHOWN, "app.screens")
    chosen = [e for e in folded if e[0] in first]
    for part in (screen_part, [e for e in folded if e[0] not in first]):
        for entry in part:
            if not _fits([*chosen, entry], width):
                break
            chosen.append(entry)
    return [entry for entry in everything if entry in chosen]


def _fits(entries: list[Entry], width: int) -> bool:
    used = sum(_width(e) for e in entries) + len(SEPARATOR) * max(len(entries) - 1, 0)
    return used <= width


def _wrap(entries: list[Entry], width: int) -> list[list[Entry]]:
    """Rows of whole entries: a key never ends a row without its label."""
    rows: list[list[Entry]] = [[]]
    for entry in entries:
        if rows[-1] and not _fits([*rows[-1], entry], width):
            rows.append([])
        rows[-1].append(entry)
    return rows
