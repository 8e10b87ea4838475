"""The 5-year roadmap: tier rules, the workflow, and the grid driven by Pilot."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BLORA, FakeClock
from textual.widgets import DataTable, TextArea

from workshop_tui.domain import roadmap
from workshop_tui.domain.state import RoadmapCell, TierTarget
from workshop_tui.session import Session, start_session
from workshop_tui.storage.plan_file import load_plan
from workshop_tui.storage.workshop import open_workshop
from workshop_tui.tui.launch import create_app
from workshop_tui.tui.screens.roadmap import CellEditor

COOP = "pkpri-blora"  # Kelompok 1's first cooperative, current tier "menengah"
PLAN = load_plan(BLORA).plan


def open_session(root: Path, clock: FakeClock) -> Session:
    return start_session(open_workshop(BLORA, root), clock)


# -- domain rules ------------------------------------------------------------------------


def test_tier_drops_compare_each_year_with_the_one_before(
    data_root: Path, clock: FakeClock
) -> None:
    session = open_session(data_root, clock)
    board = session.roadmap
    for year, tier in [(2018, "kecil"), (2019, "menengah"), (2020, "kecil"), (2022, "mikro")]:
        board.set_tier("kpri-husada-mandiri", year, tier)
    shard = session.state.cooperative("kpri-husada-mandiri")
    # 2021 has no target: 2022 compares with 2020.
    assert roadmap.tier_drops(PLAN, shard) == [2020, 2022]
    # The cooperative's tier today counts as the year before the first.
    assert roadmap.tier_drops(PLAN, shard, current_tier="besar") == [2018, 2020, 2022]
    session.close()


def test_stepping_tiers_stays_inside_the_plans_order() -> None:
    assert roadmap.stepped_tier(PLAN, None, 1) == "mikro"
    assert roadmap.stepped_tier(PLAN, None, -1) is None
    assert roadmap.stepped_tier(PLAN, "mikro", 1) == "kecil"
    assert roadmap.stepped_tier(PLAN, "besar", 1) == "besar"
    assert roadmap.stepped_tier(PLAN, "kecil", -5) == "mikro"
    assert roadmap.next_year(PLAN, 2018) == 2019 and roadmap.next_year(PLAN, 2022) is None


def test_a_year_with_no_tier_starts_from_the_year_before_or_today(
    data_root: Path, clock: FakeClock
) -> None:
    session = open_session(data_root, clock)
    board = session.roadmap
    husada = "kpri-husada-mandiri"
    today = board.current_tier(husada)
    assert today is not None and today != "mikro"
    # Nothing earlier: + starts at the cooperative's tier today (not at mikro).
    board.step_tier(husada, 2019, 1)
    assert board.tier(husada, 2019) == today
    # The nearest earlier year with a target, even with an empty year between.
    board.set_tier(husada, 2019, "besar")
    board.step_tier(husada, 2021, 1)
    assert board.tier(husada, 2021) == "besar"
    # - on a year with no target sets nothing; + on a year with one steps up.
    board.step_tier(husada, 2022, -1)
    assert board.tier(husada, 2022) is None
    board.set_tier(husada, 2022, "mikro")
    board.step_tier(husada, 2022, 1)
    assert board.tier(husada, 2022) == "kecil"
    shard = session.state.cooperative(husada)
    # No current tier, or one the plan does not have: the plan's first tier.
    assert roadmap.starting_tier(PLAN, shard, 2018, None) == "mikro"
    assert roadmap.starting_tier(PLAN, shard, 2018, "raksasa") == "mikro"
    assert roadmap.starting_tier(PLAN, shard, 2018, "kecil") == "kecil"
    assert roadmap.starting_tier(PLAN, shard, 2020, None) == "besar"
    session.close()


def test_cells_copy_forward_undo_and_reload(data_root: Path, clock: FakeClock) -> None:
    session = open_session(data_root, clock)
    board = session.roadmap
    board.set_cell(COOP, "usaha", 2018, "Toko ritel bersama\nOmzet Rp 2 M")
    assert board.copy_cell_forward(COOP, "usaha", 2018) == 2019
    board.set_tier(COOP, 2018, "menengah")
    assert board.copy_year_forward(COOP, 2019) == 2020
    assert board.text(COOP, "usaha", 2020) == "Toko ritel bersama\nOmzet Rp 2 M"
    assert board.copy_year_forward(COOP, 2022) is None
    # The year copy was one change: one undo takes it back whole.
    board.undo(COOP)
    assert board.text(COOP, "usaha", 2020) == ""
    board.redo(COOP)
    assert board.text(COOP, "usaha", 2020) == "Toko ritel bersama\nOmzet Rp 2 M"
    session.close()

    again = open_workshop(BLORA, data_root)
    shard = again.store.state.cooperative(COOP)
    assert shard.get(RoadmapCell, "usaha:2019") is not None
    assert shard.get(TierTarget, "2018") == TierTarget(id="2018", year=2018, tier="menengah")
    again.close()


def test_the_cell_editor_draft_survives_a_crash(data_root: Path, clock: FakeClock) -> None:
    session = open_session(data_root, clock)
    session.roadmap.set_draft(COOP, "sdm", 2019, "Pelatihan manajer ")
    session.store.lock.release()  # leave without saving the cell
    again = open_session(data_root, clock)
    assert again.roadmap.draft(COOP, "sdm", 2019) == "Pelatihan manajer "
    again.roadmap.set_cell(COOP, "sdm", 2019, "Pelatihan manajer ritel")
    assert again.roadmap.draft(COOP, "sdm", 2019) is None  # closed once saved
    again.close()


# -- the screen ----------------------------------------------------------------------------


def grid_cell(app: object, row: int, column: int) -> str:
    table = app.screen.query_one(DataTable)  # type: ignore[attr-defined]
    return str(table.get_cell_at((row, column)))


async def test_edit_a_cell_set_tiers_and_resume(data_root: Path, clock: FakeClock) -> None:
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen.name == "roadmap"
        await pilot.press("enter")  # Kelembagaan 2018
        await pilot.pause()
        editor = app.screen.query_one(TextArea)
        editor.insert("RAT tepat waktu\nAD/ART direvisi")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "RAT tepat waktu" in grid_cell(app, 0, 1)
        await pilot.press("c")  # copy to 2019
        await pilot.pause()
        assert "RAT tepat waktu" in grid_cell(app, 0, 2)
        # The tier row: + starts from PKPRI's tier today (menengah), - steps down.
        await pilot.press("down", "down", "down", "down", "down", "plus")
        await pilot.pause()
        assert "Menengah" in grid_cell(app, 5, 1) and "turun" not in grid_cell(app, 5, 1)
        await pilot.press("minus")
        await pilot.pause()
        assert "Kecil" in grid_cell(app, 5, 1)
        # PKPRI is "menengah" today: a 2018 target of "kecil" goes down and is flagged.
        assert "turun" in grid_cell(app, 5, 1)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Menengah" in grid_cell(app, 5, 1)
        await pilot.press("ctrl+q")

    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.name == "roadmap"
        table = app.screen.query_one(DataTable)
        assert table.cursor_coordinate == (5, 1)  # the cursor where it was
        assert "RAT tepat waktu" in grid_cell(app, 0, 2)


async def test_left_from_the_first_year_stays_on_it(data_root: Path, clock: FakeClock) -> None:
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.cursor_coordinate == (0, 1)  # Kelembagaan 2018
        await pilot.press("left")
        await pilot.pause()
        assert table.cursor_coordinate == (0, 1)
        assert "Kelembagaan 2018" in str(app.screen.query_one("#roadmap-status").render())
        await pilot.press("down", "left", "home")
        await pilot.pause()
        assert table.cursor_coordinate == (1, 1)
        # → at the last year stays there too: neither end wraps.
        last = len(PLAN.roadmap.years)
        await pilot.press(*["right"] * (last + 1))
        await pilot.pause()
        assert table.cursor_coordinate == (1, last)
        # A click on an area's name lands on its first year.
        await pilot.click(DataTable, offset=(3, 4))
        await pilot.pause()
        assert table.cursor_coordinate.column == 1


async def test_switch_cooperative_and_plenary(data_root: Path, clock: FakeClock) -> None:
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        title = str(app.screen.query_one("#roadmap-title").render())
        assert "PKPRI" in title
        await pilot.press("pagedown")
        await pilot.pause()
        assert "Kelompok 2" in str(app.screen.query_one("#roadmap-title").render())
        await pilot.press("ctrl+g")
        await pilot.pause()
        plenary = app.screen.query_one(DataTable)
        assert plenary.row_count == len(PLAN.cooperatives())
        await pilot.press("a")  # one area across all cooperatives
        await pilot.pause()
        assert "Kelembagaan" in str(app.screen.query_one("#plenary-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.name == "roadmap"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_plenary_shows_every_cooperative_name_in_full(
    data_root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f5", "ctrl+g")
        await pilot.pause()
        # As opened, then after a resize to the other size (the columns are sized again).
        for width in (size[0], 200 - size[0]):
            await pilot.resize_terminal(width, size[1])
            await pilot.pause()
            for view in ("tiers", "first area"):
                grid = app.screen.query_one(DataTable)
                name_column = grid.ordered_columns[0]
                for row_index, (_, coop) in enumerate(PLAN.cooperatives()):
                    lines = str(grid.get_cell_at((row_index, 0))).split("\n")
                    assert " ".join(" ".join(lines).split()) == coop.name, (width, view)
                    assert all(len(line) <= name_column.width for line in lines), (width, view)
                    assert grid.ordered_rows[row_index].height >= len(lines), (width, view)
                assert sum(c.get_render_width(grid) for c in grid.ordered_columns) <= width
                await pilot.press("a")  # the next view (from the area, back to tiers later)
                await pilot.pause()
            await pilot.press(*["a"] * (len(PLAN.roadmap.areas) - 1))  # back to the tiers
            await pilot.pause()


# -- snapshots -------------------------------------------------------------------------------

SNAPSHOT_ROOT = Path("/tmp/workshop-tui-snapshots-roadmap/data")
ROADMAP = {
    "kelembagaan": ["RAT tepat waktu; AD/ART direvisi", "SOP dan SOM berjalan", "", "", ""],
    "usaha": ["Toko ritel bersama dengan 3 KPRI", "Omzet ritel Rp 2 M", "Omzet Rp 3,5 M", "", ""],
    "keuangan": ["Dana idle disalurkan ke anggota", "", "Modal sendiri 40 %", "", ""],
    "sdm": ["Pelatihan manajer ritel", "", "", "", ""],
    "anggota": ["Anggota aktif 80 %", "", "", "", "Anggota 1.500 orang"],
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_roadmap_snapshot(
    snap_compare: Callable[..., bool], clock: FakeClock, size: tuple[int, int]
) -> None:
    shutil.rmtree(SNAPSHOT_ROOT.parent, ignore_errors=True)
    session = open_session(SNAPSHOT_ROOT, clock)
    for area, texts in ROADMAP.items():
        for year, text in zip(PLAN.roadmap.years, texts, strict=True):
            if text:
                session.roadmap.set_cell(COOP, area, year, text)
    for year, tier in zip(
        PLAN.roadmap.years, ["menengah", "menengah", "besar", "kecil", "besar"], strict=True
    ):
        session.roadmap.set_tier(COOP, year, tier)
    session.set_location(screen="roadmap")
    session.close()
    assert snap_compare(create_app(SNAPSHOT_ROOT, BLORA, clock=clock), terminal_size=size)


async def test_escape_asks_before_throwing_away_text_the_cell_does_not_hold(
    data_root: Path, clock: FakeClock
) -> None:
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("enter")  # Kelembagaan 2018, empty
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert app.screen.name == "roadmap"
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("RAT tepat waktu")
        await pilot.pause()
        await pilot.press("escape")  # typed, not saved: asked first
        await pilot.pause()
        assert isinstance(app.screen, CellEditor)
        assert any("Esc sekali lagi" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.name == "roadmap" and "RAT" not in grid_cell(app, 0, 1)
        assert app.session is not None
        assert app.session.roadmap.draft("pkpri-blora", "kelembagaan", 2018) is None
