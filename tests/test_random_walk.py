"""The whole app under random use: a seeded random walk of keys across every screen.

Each walk drives the real app (`create_app` on the Blora plan, `app.run_test`) with keys
drawn from a weighted alphabet that depends on where the app stands (tests/random_walk.py):
every main screen (F2–F6), help (F1), the language (F8) and the theme (F9), exports (F10,
into the temporary data folder), the command palette, each screen's own keys, typing
(non-ASCII characters, emoji and pastes included), deleting, undo/redo, switching groups and
cooperatives, modals and forms, and the terminal resized between 40×12 and 160×50.

Checked: nothing raises (Textual's run_test re-raises the app's exception when its
context closes; the walk stops at the first one) and no key keeps the app busy for seconds;
the lists on screen show the rows they were given (every 10 keys); the folder holds what the
app holds (every 250 keys, read without the lock); after Ctrl+Q the workshop reopened from
disk (every shard, every table) holds exactly what the app held, and a fresh app starts
where the first one stood (screen, cooperative, language, theme). A walk is the same walk
on every run, whatever the machine's load: a failure names its seed and the last steps;
rerun it with `pytest tests/test_random_walk.py -k seed<N>`. The longer walks are
bench/bench_random_walk.py.

The tests after the walks are the bugs the walks found, each reduced to a few keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BLORA, FakeClock
from random_walk import burst, press, walk_and_quit
from textual.widgets import OptionList, TabbedContent

from workshop_tui.tui.launch import create_app

SEEDS = [7, 2018, 31337, 424242]
KEYS_PER_WALK = 800  # 4 walks × 800 keys: 3,200 keys in the suite
START = (80, 24)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed{s}")
async def test_random_walk_over_every_screen(data_root: Path, clock: FakeClock, seed: int) -> None:
    report = await walk_and_quit(BLORA, data_root, clock, seed, KEYS_PER_WALK, size=START)
    assert report.keys >= KEYS_PER_WALK
    print(report.summary())  # with -s: where the keys went


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
    pane no longer makes itself active when focused (widgets/pinned_tabs.py: PinnedTabPane): one
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


@pytest.mark.parametrize("size", [(60, 16), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_undo_on_a_hidden_tab_leaves_no_stale_row(
    data_root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    """Found by a long walk (bench, seed 1, key 3,788): Ctrl+Z on the TOWS tab undid the
    mission statement just added on the vision tab; the undo shows the vision tab and
    redraws the mission list, but the list was hidden then, kept its old rows, and was not
    drawn again when shown at the same width: the trashed statement stayed selectable, and
    Ctrl+↑ on it raised StopIteration (tows.mission_reordered). A list redrawn while hidden
    now offers no row until it is drawn again (widgets/tows.py, closing_lists.py)."""
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await keys(pilot, "f4")
        screen = app.screen
        while getattr(screen, "tab", None) != "vision":
            await keys(pilot, "f4")
        await keys(pilot, "tab", *"Misi satu", "enter", *"Misi dua", "enter")
        assert app.session is not None
        coop = app.session.current_cooperative[1].id
        assert [m.text for m in app.session.strategy.mission(coop)] == ["Misi satu", "Misi dua"]
        await keys(pilot, "f4", "ctrl+z")  # to the TOWS tab; undo: "Misi dua" to the trash
        assert getattr(screen, "tab", None) == "vision"
        assert [m.text for m in app.session.strategy.mission(coop)] == ["Misi satu"]
        await keys(pilot, "ctrl+up", "ctrl+down", "e")
        listing = screen.query_one("#mission", OptionList)
        shown = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert shown == [m.id for m in app.session.strategy.mission(coop)]
        await pilot.press("ctrl+q")


async def test_rtl_a_shows_the_current_cooperative_after_switching_on_the_team_tab(
    data_root: Path, clock: FakeClock
) -> None:
    """The same stale list on the closing screen (found while fixing the one above): PgDn
    on the team tab, then back to RTL A at the same width, showed the previous
    cooperative's actions (the list was redrawn while its tab was hidden, and not again
    when shown)."""
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await keys(pilot, "f6", "2", "4", "pagedown", "2")
        await pilot.pause()
        assert app.session is not None
        coop = app.session.current_cooperative[1].id
        listing = app.screen.query_one("#actions-a", OptionList)
        shown = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert shown == [a.id for a in app.session.closing.actions(coop)]
        await pilot.press("ctrl+q")
