"""The whole app under random use: a seeded random walk of keys across every screen.

Each walk drives the real app (`create_app` on the Blora plan, `app.run_test`) with keys
drawn from a weighted alphabet that depends on where the app stands (tests/random_walk.py):
every main screen (F2–F6), help (F1), the language (F8) and the theme (F9), exports (F10,
into the temporary data folder), the command palette, each screen's own keys, typing
(non-ASCII characters, emoji and pastes included), deleting, undo/redo, switching groups and
cooperatives, modals and forms, and the terminal resized between 40×12 and 160×50.

Afterwards: nothing raised (Textual's run_test re-raises the app's exception when its
context closes; the walk stops at the first one), the folder held what the app held all
along (checked every few hundred keys), and after Ctrl+Q the workshop reopened from disk
holds exactly what the app held, and a fresh app starts where the first one stood. A failure
names its seed and the last steps: rerun one walk with `pytest tests/test_random_walk.py -k
seed<N>`; the longer walks are bench/bench_random_walk.py.

The tests after the walks are the bugs the walks found, each reduced to a few keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BLORA, FakeClock
from random_walk import (
    Walk,
    burst,
    differences,
    disk_snapshot,
    press,
    seed_workshop,
    snapshot,
)
from textual.widgets import TabbedContent

from workshop_tui.tui.launch import create_app

SEEDS = [7, 2018, 31337, 424242]
KEYS_PER_WALK = 800  # 4 walks × 800 keys: 3,200 keys in the suite
CHECK_EVERY = 250
START = (80, 24)


async def walk_and_quit(root: Path, clock: FakeClock, seed: int, keys: int) -> None:
    """Walk, quit with Ctrl+Q, then check the folder and a fresh start against the app."""
    seed_workshop(BLORA, root, clock)
    app = create_app(root, BLORA, clock=clock)
    walk: Walk | None = None
    try:
        async with app.run_test(size=START) as pilot:
            await pilot.pause()
            walk = Walk(pilot, seed, clock, check_every=CHECK_EVERY)
            await walk.run(keys)
            await app.workers.wait_for_complete()  # an export (F10) still writing
            await pilot.pause()
            assert app.session is not None
            session = app.session
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
    assert walk is not None and walk.report.keys >= keys
    print(walk.report.summary())

    again = create_app(root, BLORA, clock=clock)
    async with again.run_test(size=START) as pilot:
        await pilot.pause()
        assert again.session is not None
        started = (again.current_mode, again.session.current_cooperative[1].id, again.language)
        assert started == stood, f"seed {seed}: started at {started}, quit at {stood}"
        assert again.theme == theme
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed{s}")
async def test_random_walk_over_every_screen(data_root: Path, clock: FakeClock, seed: int) -> None:
    await walk_and_quit(data_root, clock, seed, KEYS_PER_WALK)


# -- bugs the walks found -----------------------------------------------------------------


async def keys(pilot: object, *pressed: str) -> None:
    for key in pressed:
        await press(pilot, key)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "pressed",
    [
        ("f6", "pageup"),  # the pact's roster: no room left for it at 40×12
        ("f6", "3", "pageup"),  # RTL B
        ("f6", "5", "pagedown"),  # the follow-up
    ],
    ids=lambda keys: "-".join(keys),
)
async def test_paging_a_list_with_no_room(
    data_root: Path, clock: FakeClock, pressed: tuple[str, ...]
) -> None:
    """Found by a long walk (bench/bench_random_walk.py): at 40×12, F6 then PgUp raised
    KeyError in OptionList's `_move_page` (Textual 8.2.8 pages through a line map that is
    empty while the list has 0 rows: the pact's roster, RTL B, the follow-up, a picker not
    laid out yet). Now PgUp/PgDn do nothing in a list that shows no row
    (widgets/paging.py)."""
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await keys(pilot, *pressed)
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+q")


@pytest.mark.parametrize(
    ("screen", "pressed", "expected"),
    [
        ("f6", ("3", "1"), "pact"),
        ("f6", ("5", "4", "3", "2", "1", "2"), "rtl-a"),
        ("f4", ("f4", "f4"), "vision"),
    ],
    ids=lambda v: "-".join(v) if isinstance(v, tuple) else v,
)
async def test_quick_tab_keys_end_on_the_last_tab(
    data_root: Path, clock: FakeClock, screen: str, pressed: tuple[str, ...], expected: str
) -> None:
    """Found by a long walk (bench): on the closing screen `3` then `1` in quick succession
    made the RTL B and pact tabs hand over to each other for ever (100 % CPU, the cursor
    rewritten to disk a hundred times a second, keys no longer answered); F4 F4 on the
    strategy screen did the same. A tab shown by a key announces itself (TabActivated)
    after the next key has shown another one, and the focus asked for the first tab's list
    brought that tab back (TabPane.Focused). Now a stale TabActivated is ignored and a
    pane no longer makes itself active when focused (screens/base.py: PinnedTabPane): one
    tab shown per key, the last key's tab stays."""
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await keys(pilot, screen)
        await pilot.pause()
        shown: list[str] = []
        current = app.screen
        switch = "show_tab" if screen == "f6" else "_focus_tab"
        original = getattr(current, switch)

        def counted(*args: object) -> None:
            shown.append(getattr(current, "tab", ""))
            original(*args)

        setattr(current, switch, counted)
        await burst(pilot, *pressed)
        await pilot.pause()
        await pilot.pause(0.3)
        assert len(shown) == len(pressed), f"{len(shown)} tabs shown for {len(pressed)} keys"
        tab = getattr(current, "tab", None)
        assert tab == expected
        active = current.query_one(TabbedContent).active
        assert active.removeprefix("tab-") == expected
        await pilot.press("ctrl+q")
