"""Seeded random walks of keys over the real app, and the checks that go with them.

Used by tests/test_random_walk.py (every screen), tests/test_swot_random.py (the SWOT board)
and bench/bench_random_walk.py (the long walks). A walk draws its next step from a weighted
alphabet that depends on where the app stands (a main screen, help, a picker, a form, the
cell editor, the command palette...): keys, short phrases, and a few pseudo-steps that are
not keys — a resize of the terminal, a paste, the wall clock moving on.

Keys are sent the way the terminal driver sends them (a character arrives as its own key
event, `é` or `👍` included), one at a time, each handled to the end — and the screen laid
out — before the next (`settle`), without Pilot.press's idle sleeps (`Pilot.press` waits
≥ 40 ms a key in `wait_for_idle`, chunked or not: thousands of keys would take minutes).
The walk is then the same on every run of a seed, whatever the machine's load.
"""

from __future__ import annotations

import asyncio
import random
import time
import unicodedata
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from textual import events
from textual.command import CommandPalette
from textual.keys import (
    KEY_NAME_REPLACEMENTS,
    REPLACED_KEYS,
    _character_to_key,
    _get_unicode_name_from_key,
)
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from workshop_tui.domain.state import Quadrant, TowsCell, WorkshopState
from workshop_tui.report.source import read_state
from workshop_tui.session import start_session
from workshop_tui.storage.store import WorkshopStore
from workshop_tui.storage.workshop import open_workshop

# -- a workshop to walk over --------------------------------------------------------------


def seed_workshop(plan: Path, root: Path, clock: Any) -> None:
    """Some work already done: notes on two boards, a strategy citing them, a vision,
    so the strategy screen's reference and scoring have something to show."""
    session = start_session(open_workshop(plan, root), clock)
    try:
        cooperatives = [coop.id for _, coop in session.plan.cooperatives()]
        for coop in cooperatives[:3:2]:  # the first cooperatives of two groups
            for quadrant, texts in [
                (Quadrant.STRENGTH, ["Anggota loyal", "Modal sendiri kuat"]),
                (Quadrant.WEAKNESS, ["Pengurus belum menerapkan SOP"]),
                (Quadrant.OPPORTUNITY, ["Dana idle bisa disalurkan ke usaha ritel"]),
                (Quadrant.THREAT, ["Persaingan KUR dari bank", "Fintech pinjaman online"]),
            ]:
                for text in texts:
                    session.swot.add(coop, quadrant, text)
            session.strategy.add(coop, TowsCell.SO, "S1 O1 salurkan dana idle ke ritel")
            session.strategy.set_vision(coop, "Koperasi guru yang mandiri")
    finally:
        session.close()


# -- keys ---------------------------------------------------------------------------------


def key_event(key: str) -> events.Key:
    """The key event for `key`: a single character as the terminal driver sends it
    (`é` -> Key("é", "é"), `👍` -> Key("thumbs_up_sign", "👍")), else a key name as Pilot
    sends it ("enter", "ctrl+z", "plus")."""
    if len(key) == 1:
        name = key if key.isalnum() else _character_to_key(key)
        return events.Key(KEY_NAME_REPLACEMENTS.get(name, name), key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = None
    return events.Key(key, char)


class AppCrashed(Exception):
    """The app raised while handling a step (stops the walk where it happened; run_test
    then re-raises the app's own exception when its context closes)."""


class AppGone(Exception):
    """The app stopped running in the middle of a walk (something quit it)."""


class AppStuck(Exception):
    """One step kept the app busy for longer than any key should (a loop of messages)."""


LIST_CHECK_EVERY = 10
"""Keys between two checks that the lists on screen show their rows."""

STUCK_SECONDS = 10.0
"""A step that takes longer than this is a hang, even on a loaded machine (a key takes
~20 ms here)."""


SETTLE_TURNS = 2000
"""Turns of the event loop `settle` waits at most for the app to go quiet (a key takes a
few dozen); then it falls back on Pilot's own wait."""
QUIET_TURNS = 3
"""Turns with every queue empty that count as quiet (a handler that awaits something
leaves its queue empty meanwhile: it is given a few turns to post what it posts)."""

LAYOUTS = 4
"""Layouts `settle` runs at most for one step (one may call for another: a list drawn
at its new size)."""


def _busy(app: Any) -> bool:
    """Is a message still waiting in the queue of the app or of a widget of its screen?"""
    try:
        nodes = [app, *app.screen.walk_children(with_self=True)]
    except Exception:  # no screen: the app is closing
        return False
    return any(node.message_queue_size for node in nodes)


async def settle(pilot: Pilot[Any], layout: bool = True) -> None:
    """Wait until the app and every widget of the screen on top have handled what was
    sent to them, and what their handlers posted in turn (a key forwarded to the focused
    widget, the message it posts, the screen that message pushes...), and with `layout`
    until the screen is laid out: the walk then chooses its next step from where the app
    really stands, whatever the machine's load (a walk is the same walk on every run).

    Cheaper than Pilot's `_wait_for_screen` (a message to every widget, waited for) by a
    third of a walk's time, and the same walks step for step."""
    app = pilot.app
    quiet = 0
    layouts = LAYOUTS if layout else 0
    for _ in range(SETTLE_TURNS):
        await asyncio.sleep(0)
        if _busy(app):
            quiet = 0
            continue
        quiet += 1
        if quiet < QUIET_TURNS:
            continue
        screen = app.screen
        if not layouts or not screen._layout_required:
            return
        # Lay the screen out now, as its next frame would (what Pilot.pause does): a list
        # shown by the key gets its size, and draws its rows, before the next key.
        screen._on_timer_update()
        layouts -= 1
        quiet = 0
    await pilot._wait_for_screen()


def check_alive(pilot: Pilot[Any], step: str) -> None:
    app = pilot.app
    if app._exception is not None:
        raise AppCrashed(step)
    if not app.is_running:
        raise AppGone(step)


async def press(pilot: Pilot[Any], key: str) -> None:
    """One key, handled to the end, without Pilot.press's idle sleeps."""
    app = pilot.app
    check_alive(pilot, key)
    event = key_event(key)
    event.set_sender(app)
    # A character typed into a text field changes no layout a later key depends on: the
    # next frame lays it out (laying out after every key would cost a frame per key).
    typing = event.is_printable and isinstance(app.focused, Input | TextArea)
    app.post_message(event)
    await settle(pilot, layout=not typing)
    check_alive(pilot, key)


async def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Keys sent all at once, as a fast typist or a held key sends them: each is handled
    before the next, but what a key's handlers posted may still be waiting when the next
    key arrives."""
    app = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
    await settle(pilot)
    check_alive(pilot, " ".join(keys))


async def paste(pilot: Pilot[Any], text: str) -> None:
    """What a terminal sends when text is pasted (bracketed paste): one Paste event."""
    app = pilot.app
    check_alive(pilot, "<paste>")
    app.post_message(events.Paste(text))
    await settle(pilot)
    check_alive(pilot, "<paste>")


# -- the state, in memory and on disk -----------------------------------------------------

Snapshot = dict[str, dict[str, dict[str, Any]]]
"""shard name -> table name -> entity id -> the entity as JSON (what is saved of it)."""


def snapshot(state: WorkshopState) -> Snapshot:
    """Every entity of every loaded shard (empty tables left out)."""
    shards: Snapshot = {}
    for shard in state.shards():
        tables = {
            name: {entity_id: e.model_dump(mode="json") for entity_id, e in table.items()}
            for name, table in shard.tables.items()
            if table
        }
        shards[shard.name] = tables
    return shards


def unreadable(state: WorkshopState) -> list[str]:
    return [f"{s.name}/{t}/{d}: {why}" for s in state.shards() for t, d, _, why in s.unreadable]


def disk_snapshot(folder: Path) -> Snapshot:
    """The workshop reopened from its folder (with its lock: the app must be closed),
    every shard loaded."""
    store = WorkshopStore.open(folder)
    try:
        store.load_all()
        assert not unreadable(store.state), unreadable(store.state)
        return snapshot(store.state)
    finally:
        store.close()


def peek_disk(folder: Path) -> Snapshot:
    """What the folder holds now, read without the lock and without writing (the app may
    be running)."""
    state = read_state(folder)
    assert not unreadable(state), unreadable(state)
    return snapshot(state)


def differences(held: Snapshot, saved: Snapshot, limit: int = 12) -> list[str]:
    """Where the app's state and the saved one differ, shard by shard. Only the shards the
    app has loaded are compared (a shard the app never loaded is the file itself)."""
    found: list[str] = []
    for shard in sorted(held):
        mine, theirs = held[shard], saved.get(shard, {})
        for table in sorted(mine.keys() | theirs.keys()):
            ours, disk = mine.get(table, {}), theirs.get(table, {})
            for entity_id in sorted(ours.keys() | disk.keys()):
                if ours.get(entity_id) != disk.get(entity_id):
                    found.append(
                        f"{shard}/{table}/{entity_id}: app {ours.get(entity_id)!r}"
                        f" != disk {disk.get(entity_id)!r}"
                    )
    return found[:limit]


# -- alphabets ----------------------------------------------------------------------------

Step = tuple[str, ...]
"""Keys pressed in a row, or one pseudo-step: <resize>, <paste>, <clock>, <pause>."""


class Alphabet:
    """Steps with weights; `a + b` joins two alphabets, `a * 0.2` scales one."""

    def __init__(self, entries: Iterable[tuple[float, Step]]) -> None:
        self.entries = [(w, s) for w, s in entries if w > 0]
        self.steps = [s for _, s in self.entries]
        self.weights = [w for w, _ in self.entries]

    def __add__(self, other: Alphabet) -> Alphabet:
        return Alphabet(self.entries + other.entries)

    def __mul__(self, factor: float) -> Alphabet:
        return Alphabet((w * factor, s) for w, s in self.entries)

    def without(self, *keys: str) -> Alphabet:
        """Leave out every step that presses one of `keys`."""
        return Alphabet((w, s) for w, s in self.entries if not set(s) & set(keys))

    def draw(self, rng: random.Random) -> Step:
        return rng.choices(self.steps, self.weights)[0]

    def pressed(self) -> set[str]:
        return {k for s in self.steps for k in s}


def one(weight: float, *keys: str) -> list[tuple[float, Step]]:
    """Each of `keys` on its own, with `weight` each."""
    return [(weight, (k,)) for k in keys]


def typed(text: str, *after: str) -> Step:
    """A phrase typed key by key (each character a key), then `after`."""
    return (*text, *after)


RESIZE, PASTE, CLOCK, PAUSE = "<resize>", "<paste>", "<clock>", "<pause>"
PSEUDO = {RESIZE, PASTE, CLOCK, PAUSE}

PASTES = [
    "Anggota loyal, Ma'ruf 👍 — café",
    "Simpanan «wajib» ✓ naik 10%",
    "中文 ñ ü ß",
    "Rapat Anggota Tahunan (RAT) tepat waktu\nlaporan keuangan diaudit",
    "S1 O2 T1",
    "  spasi   di depan dan belakang  ",
]

# Everywhere: every main screen, help, the language and the theme; group and cooperative
# switching; undo and redo; the keys of lists and inputs; the terminal resized; the clock.
# F10 exports in the background into the data folder (a temporary one in the tests).
GLOBAL = Alphabet(
    [
        *one(0.6, "f2", "f3", "f4", "f5", "f6"),
        (0.3, ("f1",)),
        (0.12, ("f8",)),
        (0.12, ("f9",)),
        (0.05, ("f10",)),
        (0.12, ("ctrl+p",)),
        (3.0, ("escape",)),
        (1.5, ("tab",)),
        (0.8, ("shift+tab",)),
        (2.5, ("up",)),
        (2.5, ("down",)),
        (0.8, ("left",)),
        (0.8, ("right",)),
        (0.6, ("pagedown",)),
        (0.5, ("pageup",)),
        *one(0.25, "home", "end"),
        (2.5, ("enter",)),
        (1.2, ("backspace",)),
        (0.5, ("delete",)),
        (1.0, ("ctrl+z",)),
        (0.7, ("ctrl+y",)),
        (0.5, ("ctrl+n",)),
        (0.3, ("f7",)),
        (0.6, (RESIZE,)),
        (0.2, (CLOCK,)),
        (0.3, (PAUSE,)),
    ]
)

# Typing: letters, digits, punctuation, non-ASCII characters, phrases, editing keys, paste.
TEXT = Alphabet(
    [
        *one(0.45, *"abcdefghijklmnopqrstuvwxyz"),
        *one(0.08, *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        *one(0.1, *"0123456789"),
        (3.0, ("space",)),
        *one(0.12, *".,'-/:;()%&?!\"#@"),
        *one(0.15, *"éüñçßäöÅ"),
        *one(0.1, "中", "文", "👍", "🎉", "✓", "«", "»", "—", "€"),
        (1.0, typed("kas ")),
        (1.0, typed("Anggota ")),
        (0.6, typed("Simpanan wajib naik ")),
        (0.5, typed("Koperasi «Guru» café ")),
        (0.4, typed("pinjaman 👍 ")),
        (0.3, typed("S1 O1 ")),
        (0.6, ("ctrl+left",)),
        (0.4, ("ctrl+right",)),
        *one(0.2, "ctrl+w", "ctrl+u", "ctrl+k", "ctrl+a", "ctrl+e"),
        *one(0.25, "shift+left", "shift+right", "shift+home", "shift+end"),
        *one(0.15, "ctrl+x", "ctrl+c", "ctrl+v"),
        (0.5, (PASTE,)),
    ]
)

TIMELINE = (
    GLOBAL
    + TEXT * 0.1
    + Alphabet(
        [
            (3, ("space",)),
            (2, ("n",)),
            (1.5, ("p",)),
            (0.6, ("o",)),
            (1, ("plus",)),
            (0.3, ("equals_sign",)),
            (1, ("minus",)),
            (0.4, ("greater_than_sign",)),
            (0.4, ("less_than_sign",)),
            (0.6, ("f",)),
            (0.5, ("c",)),
            (1.0, (CLOCK,)),
        ]
    )
)

SWOT = (
    GLOBAL
    + TEXT
    + Alphabet(
        [
            *one(1.2, "e", "d", "t", "s", "m"),
            (1.5, ("plus",)),
            (0.4, ("equals_sign",)),
            (1, ("minus",)),
            *one(0.6, "shift+up", "shift+down", "shift+left", "shift+right"),
            *one(0.7, "ctrl+up", "ctrl+down"),
            *one(0.3, "K", "J"),
            (0.3, ("ctrl+g",)),
            (0.3, ("ctrl+o",)),
            (0.3, ("ctrl+t",)),
            (2.5, ("up", "e", "space", "b", "a", "r", "u", "enter")),
            (1.5, ("up", "t", "3", "enter")),
            (2.0, typed("Modal usaha", "enter")),
            (1.0, typed("Pengurus ✓ é", "enter")),
        ]
    )
)

STRATEGY = (
    GLOBAL
    + TEXT
    + Alphabet(
        [
            (0.5, ("f4",)),  # the strategy screen's next tab
            (0.2, ("shift+f4",)),
            (0.3, ("ctrl+t",)),
            (0.3, ("ctrl+r",)),
            *one(0.8, "e", "d", "m", "w", "r", "b"),
            *one(0.5, "1", "2", "3", "4"),
            *one(0.5, "ctrl+up", "ctrl+down"),
            *one(0.2, "K", "J"),
            (2.0, typed("S1 O1 tingkatkan simpanan", "enter")),
            (1.5, typed("W1 T2 perbaiki SOP ✓", "enter")),
            (1.0, typed("Menjadi koperasi «unggul»", "enter")),
            (1.0, typed("0,25", "enter")),
            (0.5, typed("3", "enter")),
            (1.0, ("up", "e", "space", "x", "enter")),
        ]
    )
)

ROADMAP = (
    GLOBAL
    + TEXT * 0.15
    + Alphabet(
        [
            (4, ("enter",)),
            (0.8, ("c",)),
            (0.5, ("C",)),
            (0.8, ("delete",)),
            (1.2, ("plus",)),
            (0.3, ("equals_sign",)),
            (1.0, ("minus",)),
            (0.3, ("ctrl+g",)),
            *one(1.5, "left", "right"),
        ]
    )
)

CLOSING = (
    GLOBAL
    + TEXT * 0.15
    + Alphabet(
        [
            *one(0.5, "1", "2", "3", "4", "5"),
            (1.5, ("space",)),
            *one(0.6, "w", "u", "a", "e", "x", "s", "d", "f", "c"),
            (0.3, ("insert",)),
            (0.3, ("ctrl+o",)),
            *one(0.4, "ctrl+up", "ctrl+down", "K", "J"),
            (0.3, ("ctrl+t",)),
            *one(0.4, "greater_than_sign", "less_than_sign"),
        ]
    )
)

# Modals and views on top of a screen. The global keys stay in (a user may press F3 with a
# picker open), fewer of them.
HELP = GLOBAL * 0.2 + Alphabet(
    [(3, ("escape",)), (1, ("q",)), (0.8, ("f1",)), *one(1, "up", "down", "pagedown", "end")]
)
PICKER = GLOBAL * 0.2 + Alphabet(
    [
        *one(3, "up", "down"),
        (2, ("enter",)),
        (1.5, ("escape",)),
        *one(0.5, "pageup", "pagedown", "home", "end"),
    ]
)
PLENARY = GLOBAL * 0.2 + Alphabet(
    [
        *one(1.5, "q", "a"),
        (2, ("escape",)),
        (0.5, ("ctrl+g",)),
        *one(0.8, "up", "down", "left", "right", "pagedown"),
    ]
)
CELL_EDITOR = (
    GLOBAL * 0.2
    + TEXT
    + Alphabet(
        [
            (2, ("enter",)),  # a new line
            (3.0, ("ctrl+s",)),
            (2.5, ("escape",)),
            *one(0.6, "up", "down", "left", "right"),
            (1.0, typed("Aset naik 10% ✓", "enter", "Laba bersih > 100 jt")),
            (0.3, ("ctrl+a",)),
        ]
    )
)
FORM = (
    GLOBAL * 0.15
    + TEXT
    + Alphabet(
        [
            (3, ("tab",)),
            (1, ("shift+tab",)),
            (2, ("enter",)),
            (1.5, ("ctrl+s",)),
            (2.5, ("escape",)),
            *one(1.5, "up", "down"),
            (0.5, ("space",)),
            (1.5, typed("Rapat pengurus bulanan")),
            (0.8, typed("setiap bulan")),
            (0.8, typed("31 Maret 2018")),
            (0.6, typed("2018-06-30")),
            (0.5, typed("3 bulan")),
            (0.6, typed("Pak Budi")),
        ]
    )
)
# The command palette: search, move, leave with Escape. Never Enter: a random command
# could be Quit (the end of the walk quits on purpose, with Ctrl+Q).
PALETTE = Alphabet(
    [
        *one(0.5, *"aeiourtsnl"),
        (1, ("backspace",)),
        *one(1, "up", "down"),
        (3, ("escape",)),
        (0.2, (RESIZE,)),
    ]
)

ALPHABETS: dict[str, Alphabet] = {
    "timeline": TIMELINE,
    "swot": SWOT,
    "strategy": STRATEGY,
    "roadmap": ROADMAP,
    "closing": CLOSING,
    "help": HELP,
    "picker": PICKER,
    "plenary": PLENARY,
    "cell-editor": CELL_EDITOR,
    "form": FORM,
    "palette": PALETTE,
}
for _name, _alphabet in ALPHABETS.items():
    assert "ctrl+q" not in _alphabet.pressed(), _name  # the walk quits at its end, by itself
assert "enter" not in PALETTE.pressed()

SIZES = [(40, 12), (160, 50), (80, 24), (120, 40), (40, 50), (160, 12), (60, 16), (100, 30)]
"""Sizes a resize picks half of the time (the corners and common ones); else any size
from 40×12 to 160×50."""


def where(app: Any) -> str:
    """The alphabet's name for what is on screen."""
    from workshop_tui.tui.screens.board_pickers import PlenaryScreen, _Modal
    from workshop_tui.tui.screens.help import HelpScreen
    from workshop_tui.tui.screens.roadmap import CellEditor, RoadmapPlenary
    from workshop_tui.tui.widgets.closing_forms import _Form

    screen = app.screen
    if isinstance(screen, CommandPalette):
        return "palette"
    if isinstance(screen, HelpScreen):
        return "help"
    if isinstance(screen, CellEditor):
        return "cell-editor"
    if isinstance(screen, _Form):
        return "form"
    if isinstance(screen, _Modal):
        return "picker"
    if isinstance(screen, PlenaryScreen | RoadmapPlenary):
        return "plenary"
    mode = str(app.current_mode)
    return mode if mode in ALPHABETS else "timeline"


# -- the walk -----------------------------------------------------------------------------


class Clock(Protocol):
    def advance(self, **delta: float) -> None: ...


@dataclass
class WalkReport:
    seed: int
    keys: int = 0
    seconds: float = 0.0
    steps: Counter[str] = field(default_factory=Counter)
    """How many keys were pressed where (by alphabet name)."""
    pressed: Counter[str] = field(default_factory=Counter)
    """How many times each key was pressed."""
    resizes: int = 0
    pastes: int = 0
    disk_checks: int = 0

    def summary(self) -> str:
        places = ", ".join(f"{k} {v}" for k, v in self.steps.most_common())
        function_keys = " ".join(
            f"{k}×{self.pressed[k]}" for k in sorted(self.pressed, key=_f_order) if _f_order(k)
        )
        return (
            f"seed {self.seed}: {self.keys} keys in {self.seconds:.1f} s "
            f"({1000 * self.seconds / max(1, self.keys):.1f} ms/key), {self.resizes} resizes, "
            f"{self.pastes} pastes, {self.disk_checks} disk checks; keys by place: {places}; "
            f"{function_keys}"
        )


def _f_order(key: str) -> int:
    """F1...F10 in order (0 for any other key)."""
    return int(key[1:]) if key[:1] == "f" and key[1:].isdigit() else 0


def stale_lists(app: Any) -> list[str]:
    """The lists on screen that show other rows than the ones they were last given (notes
    of the SWOT board, strategies and mission, the closing screen's rows): a list drawn at
    its width must show exactly its rows, in order."""
    from workshop_tui.tui.widgets.closing_lists import RowList
    from workshop_tui.tui.widgets.notes import NoteList
    from workshop_tui.tui.widgets.tows import ItemList

    found = []
    for widget in app.screen.query("NoteList, ItemList, RowList"):
        drawn = widget._wrapped_at
        if not drawn or not widget.scrollable_content_region.width or widget._width() != drawn:
            continue  # not drawn yet, hidden, or about to be drawn again at its new width
        rows: list[str | None]
        if isinstance(widget, NoteList):
            rows = [note.id for note in widget._notes]
        elif isinstance(widget, ItemList):
            rows = [item_id for item_id, _ in widget._rows]
        elif isinstance(widget, RowList):
            rows = [option.id for option in widget._rows(drawn)] if widget._rows else []
        else:  # pragma: no cover
            continue
        shown = [widget.get_option_at_index(i).id for i in range(widget.option_count)]
        if shown != rows:
            found.append(f"#{widget.id}: shows {shown}, its rows are {rows}")
    return found


class Walk:
    """One seeded walk over a running app. `trail` keeps the last steps, for the report
    of a failure; `check_every` compares the app's state with the folder every so many keys
    (0: never during the walk); every LIST_CHECK_EVERY keys, the lists on screen must show
    their rows (`stale_lists`)."""

    def __init__(
        self,
        pilot: Pilot[Any],
        seed: int,
        clock: Clock | None = None,
        *,
        check_every: int = 0,
        trail: int = 60,
    ) -> None:
        self.pilot = pilot
        self.app: Any = pilot.app  # a WorkshopApp
        self.seed = seed
        self.rng = random.Random(seed)
        self.clock = clock
        self.check_every = check_every
        self.trail: deque[str] = deque(maxlen=trail)
        self.report = WalkReport(seed)

    async def run(self, keys: int) -> WalkReport:
        start = time.perf_counter()
        next_check = self.check_every or keys + 1
        next_lists = LIST_CHECK_EVERY
        try:
            while self.report.keys < keys:
                place = where(self.app)
                for key in ALPHABETS[place].draw(self.rng):
                    await self.step(key, place)
                    if where(self.app) != place and key not in PSEUDO:
                        break  # the rest of a phrase was meant for the screen just left
                if self.report.keys >= next_check:
                    next_check += self.check_every
                    self.check_disk(f"after {self.report.keys} keys")
                if self.report.keys >= next_lists:
                    next_lists += LIST_CHECK_EVERY
                    stale = stale_lists(self.app)
                    assert not stale, f"seed {self.seed}: stale lists: {stale}"
        finally:
            self.report.seconds = time.perf_counter() - start
        return self.report

    async def step(self, key: str, place: str) -> None:
        pilot, rng = self.pilot, self.rng
        if key == RESIZE:
            if rng.random() < 0.5:
                width, height = rng.choice(SIZES)
            else:
                width, height = rng.randint(40, 160), rng.randint(12, 50)
            self.trail.append(f"<resize {width}x{height}>")
            self.report.resizes += 1
            await pilot.resize_terminal(width, height)
            check_alive(pilot, self.trail[-1])
        elif key == PASTE:
            text = rng.choice(PASTES)
            self.trail.append(f"<paste {text!r}>")
            self.report.pastes += 1
            await paste(pilot, text)
        elif key == CLOCK:
            minutes = rng.choice([0.25, 1, 3, 10, 45])
            self.trail.append(f"<clock +{minutes} min>")
            if self.clock is not None:
                self.clock.advance(minutes=minutes)
            await pilot.pause()
            check_alive(pilot, self.trail[-1])
        elif key == PAUSE:
            self.trail.append("<pause>")
            await pilot.pause()
            check_alive(pilot, "<pause>")
        else:
            self.trail.append(key)
            self.report.keys += 1
            self.report.steps[place] += 1
            self.report.pressed[key] += 1
            start = time.perf_counter()
            await press(pilot, key)
            if time.perf_counter() - start > STUCK_SECONDS:
                raise AppStuck(f"{key!r} kept the app busy for over {STUCK_SECONDS:.0f} s")

    def check_disk(self, when: str) -> None:
        """The folder holds what the app holds, at any moment (every change is committed
        when it returns)."""
        session = self.app.session
        if session is None:
            return
        self.report.disk_checks += 1
        diff = differences(snapshot(session.state), peek_disk(session.store.folder))
        assert not diff, f"seed {self.seed} {when}: the folder differs from the app:\n" + "\n".join(
            diff
        )

    def where_it_stopped(self) -> str:
        return f"seed {self.seed} after {self.report.keys} keys; last steps: {' '.join(self.trail)}"


async def walk_and_quit(
    plan: Path,
    root: Path,
    clock: Any,
    seed: int,
    keys: int,
    *,
    check_every: int = 250,
    size: tuple[int, int] = (80, 24),
) -> WalkReport:
    """The whole check, from a fresh data folder: some work done (`seed_workshop`), the
    real app, a walk of `keys` keys, Ctrl+Q; then the workshop reopened from disk must hold
    what the app held, and a fresh app must start where the first one stood. Raises
    AssertionError naming the seed and the last steps (the app's own exception chained)."""
    from workshop_tui.tui.launch import create_app

    seed_workshop(plan, root, clock)
    app = create_app(root, plan, clock=clock)
    walk: Walk | None = None
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            walk = Walk(pilot, seed, clock, check_every=check_every)
            await walk.run(keys)
            await app.workers.wait_for_complete()  # an export (F10) still writing
            await pilot.pause()
            session = app.session
            assert session is not None
            state, folder = session.state, session.store.folder
            stood = (app.current_mode, session.current_cooperative[1].id, app.language)
            theme = app.theme
            walk.check_disk("at the end")
            await pilot.press("ctrl+q")
            assert not app.is_running, "Ctrl+Q did not quit"
    except Exception as exc:
        where = walk.where_it_stopped() if walk else f"seed {seed} at start"
        raise AssertionError(where) from exc
    assert app.return_code == 0
    # What the app held when it closed (closing commits too: running timers are suspended).
    diff = differences(snapshot(state), disk_snapshot(folder))
    assert not diff, f"seed {seed}: reopened from disk, the workshop differs:\n" + "\n".join(diff)

    again = create_app(root, plan, clock=clock)
    async with again.run_test(size=size) as pilot:
        await pilot.pause()
        assert again.session is not None
        started = (again.current_mode, again.session.current_cooperative[1].id, again.language)
        assert started == stood, f"seed {seed}: started at {started}, quit at {stood}"
        assert again.theme == theme, f"seed {seed}: theme {again.theme}, quit with {theme}"
        await pilot.press("ctrl+q")
    return walk.report
