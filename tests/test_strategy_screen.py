"""The strategy screen (F4) driven by Pilot: TOWS capture with citations, navigation,
factor scoring and its warnings, vision and mission, undo, groups, language and resume."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from conftest import BLORA, FakeClock
from random_walk import burst
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea
from tinydb import TinyDB

from workshop_tui.domain.state import Note, Quadrant, TowsCell
from workshop_tui.session import Session
from workshop_tui.storage.paths import workshop_dir
from workshop_tui.storage.store import shard_file
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.launch import create_app
from workshop_tui.tui.screens.board_pickers import CooperativePicker
from workshop_tui.tui.screens.help import HelpScreen
from workshop_tui.tui.screens.strategy import SCORING, TOWS, VISION, StrategyScreen, StrategyTrash
from workshop_tui.tui.widgets.keybar import KeyBar
from workshop_tui.tui.widgets.tows import ItemInput, ItemList

SIZE = (120, 40)
SMALL = (80, 24)
COOP = "pkpri-blora"
CEPU = "kpri-bina-sejahtera-cepu"
GURU = "kpri-guru-randublatung"
SO, WO, ST, WT = TowsCell.SO, TowsCell.WO, TowsCell.ST, TowsCell.WT

SWOT_NOTES = {
    Quadrant.STRENGTH: ["Anggota loyal dan rutin menabung", "Modal sendiri kuat, SHU stabil"],
    Quadrant.WEAKNESS: ["Pengurus belum menerapkan SOP", "Pencatatan keuangan masih manual"],
    Quadrant.OPPORTUNITY: ["Program Blora Kota Koperasi", "Kerja sama ritel antar-KPRI"],
    Quadrant.THREAT: ["Persaingan dengan bank dan KUR", "Anggota pensiun tiap tahun"],
}


def blora_app(root: Path, clock: FakeClock, plan: Path = BLORA, **kw: Any) -> WorkshopApp:
    return create_app(root, plan, clock=clock, **kw)


def session_of(app: WorkshopApp) -> Session:
    assert app.session is not None
    return app.session


def seed_swot(app: WorkshopApp, coop: str = COOP) -> dict[str, Note]:
    """The cooperative's SWOT board, as the groups wrote it on day 2; by label."""
    session = session_of(app)
    notes = {}
    for quadrant, texts in SWOT_NOTES.items():
        for text in texts:
            note = session.swot.add(coop, quadrant, text)
            assert note is not None
            notes[f"{quadrant.value}{note.number}"] = note
    return notes


def screen(app: WorkshopApp) -> StrategyScreen:
    current = app.screen
    assert isinstance(current, StrategyScreen), current
    return current


async def open_strategy(pilot: Pilot[int]) -> StrategyScreen:
    await pilot.press("f4")
    await pilot.pause()
    return screen(pilot.app)  # type: ignore[arg-type]


async def type_text(pilot: Pilot[int], text: str, enter: bool = True) -> None:
    focused = pilot.app.focused
    assert isinstance(focused, Input | TextArea), focused
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])
    if enter:
        await pilot.press("enter")
    await pilot.pause()


def rows(app: WorkshopApp, field: str) -> list[str]:
    """What a list shows, one string per item (its wrapped lines joined)."""
    items = screen(app).item_list(field)
    return [
        " ".join(str(items.get_option_at_index(i).prompt).split())
        for i in range(items.option_count)
    ]


def disk(root: Path, table: str, coop: str = COOP) -> dict[str, dict[str, Any]]:
    path = shard_file(workshop_dir(root, "blora-2018"), coop)
    if not path.exists():
        return {}
    with TinyDB(path, access_mode="r") as db:
        return {doc["id"]: dict(doc) for doc in db.table(table).all()}


def keybar_text(app: WorkshopApp) -> str:
    return str(app.screen.query_one(KeyBar).render()).replace("\u00a0", " ")


def static_text(app: WorkshopApp, selector: str, width: int = 200) -> str:
    """What a Static shows, as plain text (Rich renderables printed at `width`)."""
    from rich.console import Console

    content = screen(app).query_one(selector, Static).content  # type: ignore[attr-defined]
    if isinstance(content, str):
        return content
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(content)
    return console.export_text()


def reference_text(app: WorkshopApp) -> str:
    return static_text(app, "#reference-text", width=60)


# -- TOWS: capture and citations ----------------------------------------------------------


async def test_capture_strategies_with_citations(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = seed_swot(app)
        strategy = await open_strategy(pilot)
        assert strategy.tab == TOWS and app.focused is strategy.item_input("SO")
        title = static_text(app, "#strategy-title")
        assert "Kelompok 1" in title and "PKPRI Kabupaten Blora" in title
        await type_text(pilot, "Gunakan anggota loyal (S1) untuk toko ritel bersama (o2)")
        [stored] = disk(data_root, "strategies").values()
        assert stored["cell"] == "SO"
        assert stored["cites"] == [notes["S1"].id, notes["O2"].id]
        [row] = rows(app, "SO")
        assert row.startswith("SO1 Gunakan anggota loyal (S1)")
        assert "↳ S1 Anggota loyal" in row and "↳ O2 Kerja sama ritel" in row
        assert app.focused is strategy.item_input("SO") and strategy.item_input("SO").value == ""
        # Tab to the next cell; a label that names no note is reported, nothing saved.
        await pilot.press("tab")
        assert app.focused is strategy.item_input("WO") and strategy.cell is WO
        await type_text(pilot, "Perbaiki SOP (W1) lewat pelatihan PKPRI (O1) dan W9")
        assert any("W9" in str(n.message) for n in app._notifications)
        assert rows(app, "WO") == []
        await pilot.press(*["backspace"] * len(" dan W9"), "enter")
        await pilot.pause()
        assert "↳ W1 Pengurus" in rows(app, "WO")[0]
        # The SWOT notes the cell draws on are listed beside the matrix, cited ones marked.
        await pilot.press("up")
        reference = reference_text(app)
        assert "Catatan SWOT untuk WO" in reference
        assert "▸ W1 Pengurus belum menerapkan SOP" in reference
        assert "  W2 Pencatatan keuangan" in reference
        assert "Anggota loyal" not in reference  # strengths are not WO's


async def test_a_citation_of_a_deleted_note_is_flagged_not_lost(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = seed_swot(app)
        await open_strategy(pilot)
        await pilot.press("tab", "tab", "tab")  # WT
        await type_text(pilot, "Kurangi W2 dengan aplikasi, hindari T1 lewat layanan cepat")
        session_of(app).swot.delete(COOP, notes["W2"].id)
        await pilot.press("f3")
        await pilot.pause()
        await open_strategy(pilot)  # back on F4: redrawn
        [row] = rows(app, "WT")
        deleted, live = row.split("↳")[1:]
        assert deleted.startswith(" W2 Pencatatan") and deleted.strip().endswith("(dihapus)")
        assert live.startswith(" T1 Persaingan") and "(dihapus)" not in live
        await pilot.press("up")
        reference = reference_text(app)
        assert "Juga dikutip" in reference and "(dihapus)" in reference
        # Renumbering never breaks a citation: a moved note is shown under its new label.
        session_of(app).swot.move(COOP, notes["T1"].id, Quadrant.WEAKNESS)
        await pilot.press("f3", "f4")
        await pilot.pause()
        assert "hindari W3 lewat" in rows(app, "WT")[0]


# -- TOWS: working on strategies -----------------------------------------------------------


async def test_edit_delete_move_order_undo(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        seed_swot(app)
        strategy = await open_strategy(pilot)
        await type_text(pilot, "Satu S1")
        await type_text(pilot, "Dua S2")
        assert rows(app, "SO")[0].startswith("SO1 Satu")
        # Up selects the strategies above the input; Ctrl+Up moves one up.
        await pilot.press("up")
        assert isinstance(app.focused, ItemList)
        assert "e  Ubah" in keybar_text(app) and "del  Hapus" in keybar_text(app)
        await pilot.press("ctrl+up")
        assert [r.split(" ", 2)[1] for r in rows(app, "SO")] == ["Dua", "Satu"]
        # e edits in the input below; Enter saves, back on the list.
        await pilot.press("e")
        assert app.focused is strategy.item_input("SO")
        assert strategy.item_input("SO").value == "Dua S2"
        assert strategy.item_input("SO").has_class("-editing")
        await type_text(pilot, " dan O1")
        assert rows(app, "SO")[0].startswith("SO1 Dua S2 dan O1")
        assert isinstance(app.focused, ItemList)
        # m moves it to the next cell.
        await pilot.press("m")
        assert strategy.cell is WO and rows(app, "WO")[0].startswith("WO1 Dua S2 dan O1")
        assert len(rows(app, "SO")) == 1
        # d sends it to the trash; Ctrl+Z brings it back, Ctrl+Y deletes it again.
        await pilot.press("d")
        assert rows(app, "WO") == []
        assert app.focused is strategy.item_input("WO")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(rows(app, "WO")) == 1
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert rows(app, "WO") == []
        # Ctrl+T: the trash; Enter restores.
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, StrategyTrash)
        await pilot.press("enter")
        await pilot.pause()
        assert len(rows(app, "WO")) == 1
        # Escape cancels an edit and keeps the strategy as it was.
        await pilot.press("up", "e")
        await pilot.press(*"xyz")
        await pilot.press("escape")
        assert strategy.item_input("WO").value == "" and "xyz" not in rows(app, "WO")[0]


async def test_tabs_cells_and_groups_are_switched_from_the_keyboard(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        seed_swot(app)
        seed_swot(app, GURU)
        strategy = await open_strategy(pilot)
        await type_text(pilot, "Strategi PKPRI S1")
        for cell in (WO, ST, WT, SO):
            await pilot.press("tab")
            assert strategy.cell is cell and app.focused is strategy.item_input(cell.value)
        await pilot.press("shift+tab")
        assert strategy.cell is WT
        # F4 again: the next tab (and round).
        await pilot.press("f4")
        assert strategy.tab == SCORING and isinstance(app.focused, DataTable)
        await pilot.press("f4")
        assert strategy.tab == VISION and isinstance(app.focused, TextArea)
        await pilot.press("f4")
        assert strategy.tab == TOWS
        await pilot.press("shift+f4")
        assert strategy.tab == VISION
        await pilot.press("f4")
        # PgDn: the next group, on its cooperative; its own strategies.
        await pilot.press("pagedown")
        await pilot.pause()
        assert "Kelompok 2" in static_text(app, "#strategy-title")
        assert strategy.coop_id == GURU and rows(app, "SO") == []
        await type_text(pilot, "Strategi KPRI Guru")
        await pilot.press("pageup")
        await pilot.pause()
        assert strategy.coop_id == COOP and rows(app, "SO")[0].startswith("SO1 Strategi PKPRI")
        # Ctrl+N: the group's next cooperative.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert strategy.coop_id == CEPU
        # F7: choose any cooperative.
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, CooperativePicker)
        picker_list = app.screen.query_one("#modal-list")
        assert picker_list is not None
        await pilot.press("escape")
        await pilot.pause()
        assert screen(app).coop_id == CEPU
        # Undo is per cooperative: here nothing to undo.
        await pilot.press("ctrl+z")
        assert any("Tidak ada yang bisa dibatalkan" in str(n.message) for n in app._notifications)


# -- factor scoring --------------------------------------------------------------------------


def factor_row(app: WorkshopApp, note: Note) -> list[str]:
    table = screen(app).factor_table
    return [str(cell) for cell in table.get_row(note.id)]


async def test_factor_scoring_weights_ratings_warning_and_ie_cell(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = seed_swot(app)
        strategy = await open_strategy(pilot)
        await pilot.press("f4")
        assert strategy.tab == SCORING
        warning = strategy.query_one("#scoring-warning", Static)
        assert warning.display and "IFAS 0,00 · EFAS 0,00" in static_text(app, "#scoring-warning")
        # Nothing rated yet: no total and no verdict ("0,00 · lemah" read as one).
        summary = static_text(app, "#summary-text")
        assert "IFAS total – · belum dinilai" in summary and "total 0,00" not in summary
        assert strategy._selected_factor() == notes["S1"].id  # starts on the first factor
        # w: a weight (decimal comma), then a rating with one key.
        await pilot.press("w")
        assert isinstance(app.focused, Input) and "Bobot S1" in app.focused.placeholder
        await type_text(pilot, "0,3")
        await pilot.press("4")
        await pilot.pause()
        assert factor_row(app, notes["S1"])[2:] == ["0,30", "4", "1,20"]
        assert disk(data_root, "factor_scores")[notes["S1"].id]["weight"] == 0.3
        # Enter on a row asks for the weight too; 25% is a quarter. r asks for a rating.
        await pilot.press("down", "enter")
        await type_text(pilot, "25%")
        await pilot.press("r")
        await type_text(pilot, "3")
        assert factor_row(app, notes["S2"])[2:] == ["0,25", "3", "0,75"]
        # A wrong weight is refused, nothing changes.
        await pilot.press("down", "w")
        await type_text(pilot, "150")
        assert any("Bobot adalah angka" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.focused, DataTable)
        for label_, weight, rating in (("W1", "0,25", "2"), ("W2", "0,2", "3")):
            strategy.factor_table.move_cursor(
                row=strategy.factor_table.get_row_index(notes[label_].id)
            )
            await pilot.press("w")
            await type_text(pilot, weight)
            await pilot.press(rating)
        await pilot.pause()
        # IFAS sums to 1: no warning for it; EFAS is still 0.
        assert "IFAS" not in static_text(app, "#scoring-warning")
        assert "EFAS 0,00" in static_text(app, "#scoring-warning")
        summary = static_text(app, "#summary-text")
        assert "IFAS total 3,05 · kuat" in summary  # 1.2 + 0.75 + 0.5 + 0.6
        assert "Matriks IE: sel –" in summary  # not placed while EFAS carries no weight
        # Threats count reversed: a grave threat (4) counts as 1.
        for label_, weight, rating in (("O1", "0,4", "4"), ("O2", "0,3", "3"), ("T1", "0,3", "4")):
            strategy.factor_table.move_cursor(
                row=strategy.factor_table.get_row_index(notes[label_].id)
            )
            await pilot.press("w")
            await type_text(pilot, weight)
            await pilot.press(rating)
        await pilot.pause()
        assert factor_row(app, notes["T1"])[3] == "4 → 1"
        assert not warning.display
        summary = static_text(app, "#summary-text")
        assert "EFAS total 2,80" in summary  # 1.6 + 0.9 + 0.3
        assert "Matriks IE: sel IV tumbuh dan bina" in summary
        assert "sementara" not in summary
        # b scales a side's weights to 1 (one undo step); Ctrl+Z takes it back.
        strategy.factor_table.move_cursor(row=strategy.factor_table.get_row_index(notes["T2"].id))
        await pilot.press("w")
        await type_text(pilot, "0,5")
        await pilot.press("2")
        await pilot.pause()
        assert "EFAS 1,50" in static_text(app, "#scoring-warning")
        assert "(sementara: jumlah bobot belum 1)" in static_text(app, "#summary-text")
        await pilot.press("b")
        await pilot.pause()
        assert not warning.display
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "EFAS 1,50" in static_text(app, "#scoring-warning")
        assert strategy.tab == SCORING


async def test_scoring_is_absent_when_the_plan_turns_it_off(
    data_root: Path, clock: FakeClock, tmp_path: Path
) -> None:
    plan = tmp_path / "blora-no-scoring.toml"
    plan.write_text(
        BLORA.read_text("utf-8").replace("factor_scoring = true", "factor_scoring = false"),
        encoding="utf-8",
    )
    app = blora_app(data_root, clock, plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        strategy = await open_strategy(pilot)
        assert strategy.tabs == [TOWS, VISION]
        assert not strategy.query("#factors")
        await pilot.press("f4")
        assert strategy.tab == VISION
        assert "Bobot" not in keybar_text(app)


# -- vision and mission -----------------------------------------------------------------------


async def test_vision_is_saved_as_typed_and_mission_is_numbered(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        strategy = await open_strategy(pilot)
        await pilot.press("f4", "f4")
        assert strategy.tab == VISION and app.focused is strategy.vision_area
        for word in ("Menjadi", " koperasi", " terpercaya"):
            await type_text(pilot, word, enter=False)
            # Every keystroke is on disk: a crash loses no word.
            assert disk(data_root, "profile")["profile"]["vision"] == strategy.vision_area.text
        assert strategy.vision_area.text == "Menjadi koperasi terpercaya"
        # Tab: to the mission input. Enter adds a numbered statement.
        await pilot.press("tab")
        assert app.focused is strategy.item_input("mission")
        await type_text(pilot, "Meningkatkan kesejahteraan anggota")
        await type_text(pilot, "Mengembangkan usaha ritel bersama")
        assert rows(app, "mission") == [
            "1. Meningkatkan kesejahteraan anggota",
            "2. Mengembangkan usaha ritel bersama",
        ]
        assert "2 butir" in static_text(app, "#mission-title")
        # Reorder, edit, delete, undo.
        await pilot.press("up")
        assert isinstance(app.focused, ItemList)
        await pilot.press("K")
        assert rows(app, "mission")[0] == "1. Mengembangkan usaha ritel bersama"
        await pilot.press("e")
        await type_text(pilot, " di Blora")
        assert rows(app, "mission")[0] == "1. Mengembangkan usaha ritel bersama di Blora"
        await pilot.press("d")
        assert rows(app, "mission") == ["1. Meningkatkan kesejahteraan anggota"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(rows(app, "mission")) == 2
        # Undo the edit, the reorder, both statements; then the vision typing: one step.
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z")
        await pilot.pause()
        assert rows(app, "mission") == []
        assert strategy.vision_area.text == "Menjadi koperasi terpercaya"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert strategy.vision_area.text == ""
        assert strategy.tab == VISION
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert strategy.vision_area.text == "Menjadi koperasi terpercaya"


async def test_a_crash_mid_sentence_loses_nothing(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        strategy = await open_strategy(pilot)
        await pilot.press("f4", "f4")
        await type_text(pilot, "Koperasi mandiri", enter=False)
        await pilot.press("tab")
        await type_text(pilot, "Melayani ang", enter=False)
        await pilot.press("shift+f4", "shift+f4")  # TOWS
        await type_text(pilot, "Gunakan S1 unt", enter=False)
        assert strategy.tab == TOWS
        # No quit: the app is simply dropped (as by kill -9); what is on disk counts.
        session_of(app).store.lock.release()
        app.session = None
    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        strategy = screen(again)
        assert strategy.item_input("SO").value == "Gunakan S1 unt"
        assert strategy.vision_area.text == "Koperasi mandiri"
        assert strategy.item_input("mission").value == "Melayani ang"


# -- resume, language, keys ----------------------------------------------------------------------


async def test_quit_and_resume_with_the_cursor_where_it_was(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        seed_swot(app)
        seed_swot(app, GURU)
        strategy = await open_strategy(pilot)
        await pilot.press("pagedown")  # Kelompok 2
        await pilot.pause()
        await pilot.press("tab", "tab")  # ST
        await type_text(pilot, "Satu S1")
        await type_text(pilot, "Dua S2")
        await pilot.press("up", "up")
        selected = strategy.item_list("ST").selected_id
        assert selected is not None
        await pilot.press("ctrl+q")
    async with blora_app(data_root, clock).run_test(size=SIZE) as pilot:
        await pilot.pause()
        strategy = screen(pilot.app)  # type: ignore[arg-type]
        assert strategy.coop_id == GURU and strategy.tab == TOWS and strategy.cell is ST
        assert pilot.app.focused is strategy.item_list("ST")
        assert strategy.item_list("ST").selected_id == selected
        # The scoring tab comes back on the same row, the vision tab on the mission list.
        await pilot.press("f4", "down", "down")
        row = strategy._selected_factor()
        await pilot.press("ctrl+q")
    async with blora_app(data_root, clock).run_test(size=SIZE) as pilot:
        await pilot.pause()
        strategy = screen(pilot.app)  # type: ignore[arg-type]
        assert strategy.tab == SCORING and strategy._selected_factor() == row
        await pilot.press("f4", "tab")
        await type_text(pilot, "Melayani anggota")
        await pilot.press("up")
        await pilot.press("ctrl+q")
    async with blora_app(data_root, clock).run_test(size=SIZE) as pilot:
        await pilot.pause()
        strategy = screen(pilot.app)  # type: ignore[arg-type]
        assert strategy.tab == VISION
        assert pilot.app.focused is strategy.item_list("mission")


async def test_english_words_and_every_key_in_footer_help_and_palette(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        seed_swot(app)
        strategy = await open_strategy(pilot)
        assert strategy.query_one("#strategy-tabs").get_tab("tab-tows").label.plain == (  # type: ignore[attr-defined]
            "Strategies (TOWS)"
        )
        bar = keybar_text(app)  # as many keys as fit one row; F1 lists them all (below)
        for words in ("Next part", "Next tab", "Next group", "Help", "Quit"):
            assert words in bar
        await pilot.press("f4")
        assert "Weight" in keybar_text(app) and "Rating 1–4" in keybar_text(app)
        assert "Weights must sum to 1" in static_text(app, "#scoring-warning")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_rows = {(k, d) for _, k, d in app.screen.rows()}
        for row in (
            ("pgdn", "Next group"),
            ("pgup", "Previous group"),
            ("f4", "Next tab"),
            ("tab", "Next part"),
            ("^↑, K", "Order up"),
            ("del, d", "Delete"),
            ("r, 1, 2, 3, 4", "Rating 1–4"),
            ("b", "Weights to 1"),
            ("^r", "SWOT notes"),
            ("^z", "Undo"),
            ("^t", "Trash"),
        ):
            assert row in help_rows, row
        await pilot.press("escape")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Next cooperative", "Choose group", "Redo", "Edit", "Weight", "Weights to 1"):
            assert title in titles
        # Switching the language live redraws the words.
        await pilot.press("f8")
        await pilot.pause()
        assert "Jumlah bobot harus 1" in static_text(app, "#scoring-warning")
        assert "Bobot" in keybar_text(app)


@pytest.mark.parametrize("size", [SMALL, SIZE], ids=["80x24", "120x40"])
async def test_the_layout_fits_small_and_large_screens(
    data_root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=size) as pilot:
        seed_swot(app)
        strategy = await open_strategy(pilot)
        reference = strategy.query_one("#tows-reference")
        assert reference.display is (size == SIZE)
        await pilot.press("ctrl+r")
        assert reference.display is (size != SIZE)
        for cell in ("SO", "WO", "ST", "WT"):
            panel = strategy.query_one(f"#cell-{cell}")
            assert panel.region.bottom <= size[1] and panel.region.height >= 6
        await pilot.press("f4")
        table = strategy.factor_table
        assert table.region.height >= 6 and table.region.bottom <= size[1]
        await pilot.press("f4")
        assert strategy.vision_area.region.height >= 5
        assert strategy.item_input("mission").region.bottom <= size[1]
        assert isinstance(strategy.item_input("mission"), ItemInput)


# -- what the exploratory test found -----------------------------------------------------------


async def test_a_weight_above_one_is_refused_not_read_as_a_percentage(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = seed_swot(app)
        strategy = await open_strategy(pilot)
        await pilot.press("f4")
        strategy.factor_table.move_cursor(row=strategy.factor_table.get_row_index(notes["T1"].id))
        for typed in ("1,5", "1.5", "15"):
            await pilot.press("w")
            await type_text(pilot, typed)
            assert isinstance(app.focused, Input)  # still asking
            await pilot.press("escape")
        messages = [str(n.message) for n in app._notifications]
        assert messages.count("Bobot adalah angka 0 sampai 1 (mis. 0,15 atau 15%).") == 3
        assert disk(data_root, "factor_scores") == {}


async def test_an_unrated_factor_has_no_score(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = seed_swot(app)
        await open_strategy(pilot)
        await pilot.press("f4")
        await pilot.pause()
        assert factor_row(app, notes["T1"])[2:] == ["0,00", "–", "–"]
        await pilot.press("3")  # S1 rated, weight 0: its score is a real 0
        await pilot.pause()
        assert factor_row(app, notes["S1"])[2:] == ["0,00", "3", "0,00"]


async def test_a_weight_typed_first_leaves_the_factor_unrated_and_flagged(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = seed_swot(app)
        strategy = await open_strategy(pilot)
        await pilot.press("f4")
        strategy.factor_table.move_cursor(row=strategy.factor_table.get_row_index(notes["T1"].id))
        await pilot.press("w")
        await type_text(pilot, "0,2")
        assert factor_row(app, notes["T1"])[2:] == ["0,20", "–", "–"]
        assert "1 belum dirating" in static_text(app, "#summary-text")
        assert "EFAS 1" in static_text(app, "#scoring-warning")


async def test_the_weight_sum_in_the_summary_is_labelled(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        seed_swot(app)
        await open_strategy(pilot)
        await pilot.press("f4", "w")
        await type_text(pilot, "0,35")
        await pilot.press("2")
        await pilot.pause()
        summary = static_text(app, "#summary-text")
        assert "IFAS total 0,70 · lemah" in summary
        assert "bobot 0,35 ≠ 1 ⚠" in summary
        await pilot.press("b")
        await pilot.pause()
        assert "bobot 1,00 ✓" in static_text(app, "#summary-text")


async def test_factor_rows_multiply_as_shown(data_root: Path, clock: FakeClock) -> None:
    # A weight kept to four decimals is shown with them: 0,2875 × 4 = 1,15 by hand (not
    # "0,29 × 4 = 1,15"), and the total is the sum of the scores shown.
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = seed_swot(app)
        strategy = await open_strategy(pilot)
        await pilot.press("f4", "w")
        await type_text(pilot, "0,2875")
        await pilot.press("4")
        strategy.factor_table.move_cursor(row=strategy.factor_table.get_row_index(notes["S2"].id))
        await pilot.press("w")
        await type_text(pilot, "0,7125")
        await pilot.press("3")
        await pilot.pause()
        assert factor_row(app, notes["S1"])[2:] == ["0,2875", "4", "1,15"]
        assert factor_row(app, notes["S2"])[2:] == ["0,7125", "3", "2,1375"]
        total = [str(c) for c in strategy.factor_table.get_row("total:IFAS")]
        assert total[2:] == ["1,00 ✓", "", "3,2875"]
        assert "IFAS total 3,2875 · kuat" in static_text(app, "#summary-text")


LONG_NOTES = {
    Quadrant.STRENGTH: [
        "Anggota banyak dan loyal, simpanan wajib rutin dipotong gaji",
        "Unit usaha simpan pinjam sudah berjalan lebih dari dua puluh tahun dengan tingkat "
        "kemacetan rendah karena angsuran dipotong langsung dari gaji anggota",
    ],
    Quadrant.THREAT: ["Persaingan dengan bank & fintech 'pinjol' online ilegal"],
}


@pytest.mark.parametrize("size", [SMALL, SIZE], ids=["80x24", "120x40"])
async def test_weight_rating_and_score_stay_visible_beside_long_factors(
    data_root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=size) as pilot:
        session = session_of(app)
        added = {}
        for quadrant, texts in LONG_NOTES.items():
            for text in texts:
                note = session.swot.add(COOP, quadrant, text)
                assert note is not None
                added[f"{quadrant.value}{note.number}"] = note
        for name, weight, rating in (("S1", 0.55, 4), ("S2", 0.45, 4), ("T1", 1.0, 2)):
            session.strategy.set_weight(COOP, added[name].id, weight)
            session.strategy.set_rating(COOP, added[name].id, rating)
        strategy = await open_strategy(pilot)
        await pilot.press("f4")
        await pilot.pause()
        for width, height in (size, (size[0] + 37, size[1]), size):  # and after a resize
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            table = strategy.factor_table
            columns = sum(c.get_render_width(table) for c in table.ordered_columns)
            assert columns <= table.scrollable_content_region.width, (width, height)
            # Weight, rating and score in full; the long factor text is what is cut.
            cells = factor_row(app, added["S2"])
            assert cells[2:] == ["0,45", "4", "1,80"]
            assert cells[1].endswith("…")
            assert factor_row(app, added["T1"])[2:] == ["1,00", "2 → 3", "3,00"]
            assert str(table.get_row("total:IFAS")[4]) == "4,00"


async def test_a_strategy_naming_no_note_is_not_saved(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        seed_swot(app)  # T1 and T2 only
        strategy = await open_strategy(pilot)
        await pilot.press("tab", "tab")  # ST
        text = "Edukasi anggota soal bahaya pinjol S1 T1 T4"
        await type_text(pilot, text)
        # Refused: once a note is numbered T4, "T4" would read as citing it.
        assert any("T4" in str(n.message) for n in app._notifications)
        assert rows(app, "ST") == [] and disk(data_root, "strategies") == {}
        assert app.focused is strategy.item_input("ST")
        assert strategy.item_input("ST").value == text  # kept, to be put right
        await pilot.press("backspace", "backspace", "backspace", "enter")
        await pilot.pause()
        [row] = rows(app, "ST")
        assert row.startswith("ST1 Edukasi anggota soal bahaya pinjol S1 T1")
        # An edit that names no note is refused too: still editing, the strategy as it was.
        await pilot.press("up", "e")
        await type_text(pilot, " dan W9")
        assert any("W9" in str(n.message) for n in app._notifications)
        assert strategy.item_input("ST").has_class("-editing")
        assert rows(app, "ST") == [row]


async def test_a_label_that_cites_no_note_is_flagged(data_root: Path, clock: FakeClock) -> None:
    from workshop_tui.domain.state import Strategy

    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = seed_swot(app)
        # Saved before such labels were refused, when no note was numbered T3.
        legacy = Strategy(cell=WT, text="Tekan W1, hindari T3", cites=[notes["W1"].id])
        session_of(app).strategy.edits.commit(COOP, [None], [legacy])
        session_of(app).swot.add(COOP, Quadrant.THREAT, "Kenaikan harga BBM")  # now T3
        await open_strategy(pilot)
        [row] = rows(app, "WT")
        assert "↳ W1 Pengurus" in row
        assert "↳ T3 (tidak dikutip)" in row and "Kenaikan" not in row


@pytest.mark.parametrize("size", [SMALL, SIZE], ids=["80x24", "120x40"])
async def test_cell_titles_fit_and_each_hint_cites_its_own_quadrants(
    data_root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    from workshop_tui.i18n import Translator

    app = blora_app(data_root, clock)
    async with app.run_test(size=size) as pilot:
        strategy = await open_strategy(pilot)
        for cell, example in (("SO", "S1/O2"), ("WO", "W1/O2"), ("ST", "S1/T1"), ("WT", "W1/T1")):
            field = strategy.item_input(cell)
            assert example in field.placeholder, (cell, field.placeholder)
            assert len(field.placeholder) <= field.content_region.width
            # Room in the border for the title with a two-digit count, in both languages.
            room = strategy.query_one(f"#cell-{cell}").region.width - 6
            for language in ("id", "en"):
                title = f"{cell} (12) {Translator(language)(f'strategy.cell.{cell}')}"
                assert len(title) <= room, (language, title, room)


async def test_strategies_typed_in_a_burst_are_saved_as_typed(
    data_root: Path, clock: FakeClock
) -> None:
    # Enter ran after the letters that followed it: "(S1)⏎Kedua" saved "(S1)Kedua".
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        seed_swot(app)
        strategy = await open_strategy(pilot)
        await burst(pilot, *"Satu (S1)", "enter", *"Duaa", "backspace", *" (O1)", "enter", "K")
        await pilot.pause()
        assert [s["text"] for s in disk(data_root, "strategies").values()] == [
            "Satu (S1)",
            "Dua (O1)",
        ]
        assert strategy.item_input("SO").value == "K"
        await pilot.pause()
        assert session_of(app).strategy.draft(COOP, "SO") is not None


async def test_tab_in_a_burst_moves_to_the_next_cell_before_the_letters_after_it(
    data_root: Path, clock: FakeClock
) -> None:
    # Tab ran as it arrived, but the focus it moved followed only after the keys already
    # typed: the second strategy, meant for WT, was saved in ST too.
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        seed_swot(app)
        strategy = await open_strategy(pilot)
        await pilot.press("tab", "tab")  # to ST
        await pilot.pause()
        assert app.focused is strategy.item_input("ST")
        await burst(pilot, *"Pakai S1", "enter", "tab", *"Strategi kedua S2", "enter")
        await pilot.pause()
        saved = sorted((s["cell"], s["text"]) for s in disk(data_root, "strategies").values())
        assert saved == [("ST", "Pakai S1"), ("WT", "Strategi kedua S2")]
        assert rows(app, "ST")[0].startswith("ST1 Pakai S1")
        assert rows(app, "WT")[0].startswith("WT1 Strategi kedua S2")
        assert strategy.item_input("ST").value == strategy.item_input("WT").value == ""
        # An edit saved by Enter, then Tab: the cursor stays where Tab took it (not back
        # on the edited strategy, where the next keys would act on the list: `d` deletes).
        await pilot.press("up", "e")
        await burst(pilot, "end", *" lagi", "enter", "tab", *"ok", "d")
        await pilot.pause()
        assert rows(app, "WT")[0].startswith("WT1 Strategi kedua S2 lagi")
        assert app.focused is strategy.item_input("SO")
        assert strategy.item_input("SO").value == "okd"
        strategy.item_input("SO").value = ""
        await pilot.pause()
        # Shift+Tab back, and Tab on the vision tab: the letters follow the key.
        await burst(pilot, "shift+tab", *"zz")
        await pilot.pause()
        assert strategy.item_input("WT").value == "zz" and strategy.item_input("SO").value == ""
        await pilot.press("f4", "f4")  # the vision tab
        await pilot.pause()
        assert app.focused is strategy.vision_area
        await burst(pilot, *"Visi", "tab", *"Misi", "enter", "shift+tab", *" kita")
        await pilot.pause()
        assert strategy.vision_area.text == "Visi kita"
        assert rows(app, "mission") == ["1. Misi"]
        assert strategy.item_input("mission").value == ""
