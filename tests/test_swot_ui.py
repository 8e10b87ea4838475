"""The SWOT board driven by Pilot: capture, edit, move, trash, votes, sort, undo/redo,
groups, picker, plenary, focus mode, language and resuming after a quit."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from conftest import BLORA, FakeClock
from random_walk import burst
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from tinydb import TinyDB

from workshop_tui.domain.state import Note, Quadrant
from workshop_tui.domain.swot import QUADRANTS, label
from workshop_tui.storage.paths import workshop_dir
from workshop_tui.storage.store import shard_file
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.launch import create_app
from workshop_tui.tui.screens.board_pickers import CooperativePicker, PlenaryScreen, TrashScreen
from workshop_tui.tui.screens.swot import SwotScreen
from workshop_tui.tui.widgets.keybar import KeyBar
from workshop_tui.tui.widgets.notes import NoteInput

S, W, O, T = QUADRANTS  # noqa: E741 (the quadrant letters)
SIZE = (120, 40)
SMALL = (80, 24)
COOP = "pkpri-blora"
CEPU = "kpri-bina-sejahtera-cepu"
GURU = "kpri-guru-randublatung"


def blora_app(root: Path, clock: FakeClock, **kw: Any) -> WorkshopApp:
    return create_app(root, BLORA, clock=clock, **kw)


def board(app: WorkshopApp) -> SwotScreen:
    screen = app.screen
    assert isinstance(screen, SwotScreen), screen
    return screen


async def open_board(pilot: Pilot[int]) -> SwotScreen:
    await pilot.press("f3")
    await pilot.pause()
    return board(pilot.app)  # type: ignore[arg-type]


def shown(app: WorkshopApp, quadrant: Quadrant) -> list[str]:
    """The texts a quadrant's list shows, top to bottom (checked against its options)."""
    notes = board(app).note_list(quadrant)
    ids = [notes.get_option_at_index(i).id for i in range(notes.option_count)]
    assert ids == [n.id for n in notes._notes]
    return [n.text for n in notes._notes]


def shown_labels(app: WorkshopApp, quadrant: Quadrant) -> list[str]:
    return [label(n) for n in board(app).note_list(quadrant)._notes]


def selected(app: WorkshopApp) -> Note | None:
    return board(app).selected_note()


def title(app: WorkshopApp) -> str:
    return str(board(app).query_one("#board-title", Static).render())


def quadrant_title(app: WorkshopApp, quadrant: Quadrant) -> str:
    return str(board(app).query_one(f"#title-{quadrant.value}", Static).render())


def disk_notes(root: Path, coop: str = COOP) -> dict[str, dict[str, Any]]:
    """The notes in the cooperative's file, read with plain TinyDB."""
    path = shard_file(workshop_dir(root, "blora-2018"), coop)
    if not path.exists():
        return {}
    with TinyDB(path, access_mode="r") as db:
        return {doc["id"]: dict(doc) for doc in db.table("notes").all()}


def live_on_disk(root: Path, quadrant: Quadrant, coop: str = COOP) -> list[str]:
    docs = [
        d
        for d in disk_notes(root, coop).values()
        if d["quadrant"] == quadrant.value and not d["deleted_at"]
    ]
    return [d["text"] for d in sorted(docs, key=lambda d: d["position"])]


async def type_note(pilot: Pilot[int], text: str) -> None:
    """Type into the focused input and press Enter (non-ASCII text is set directly)."""
    focused = pilot.app.focused
    assert isinstance(focused, NoteInput), focused
    if text.isascii():
        await pilot.press(*text)
    else:
        focused.value = text
        await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def board_with(pilot: Pilot[int], quadrant: Quadrant, *texts: str) -> SwotScreen:
    screen = await open_board(pilot)
    if quadrant is not S:
        await pilot.press(*["tab"] * QUADRANTS.index(quadrant))
    for text in texts:
        await type_note(pilot, text)
    return screen


# -- capture -----------------------------------------------------------------------------


async def test_capture_is_on_disk_at_the_end_and_the_input_stays_ready(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        assert app.focused is screen.input(S)  # the board starts on the Strengths input
        assert "Kelompok 1" in title(app) and "PKPRI Kabupaten Blora" in title(app)
        assert "Kekuatan" in quadrant_title(app, S) and "0 catatan" in quadrant_title(app, S)
        await type_note(pilot, "Anggota loyal dan rutin menabung")
        assert live_on_disk(data_root, S) == ["Anggota loyal dan rutin menabung"]
        assert shown(app, S) == ["Anggota loyal dan rutin menabung"]
        assert app.focused is screen.input(S) and screen.input(S).value == ""
        await type_note(pilot, "Modal sendiri kuat")
        assert shown(app, S) == live_on_disk(data_root, S)
        assert shown(app, S)[-1] == "Modal sendiri kuat"
        assert shown_labels(app, S) == ["S1", "S2"]
        assert "2 catatan" in quadrant_title(app, S) and "internal" in quadrant_title(app, S)
        await pilot.press("tab")
        assert app.focused is screen.input(W)
        await type_note(pilot, "Pengurus belum menerapkan SOP")
        await pilot.press("tab", "tab")
        await type_note(pilot, "Persaingan KUR dari bank")
        assert "eksternal" in quadrant_title(app, T) and "1 catatan" in quadrant_title(app, T)
        assert live_on_disk(data_root, W) == ["Pengurus belum menerapkan SOP"]
        assert live_on_disk(data_root, T) == ["Persaingan KUR dari bank"]
        await pilot.press("shift+tab")
        assert app.focused is screen.input(O)
        await pilot.press("enter", "space", "enter")  # blank: nothing is added
        assert shown(app, O) == [] and live_on_disk(data_root, O) == []


async def test_unicode_is_kept_exactly(data_root: Path, clock: FakeClock) -> None:
    text = "Anggota loyal, Ma'ruf 👍 — café"
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        await type_note(pilot, text)
        assert shown(app, S) == [text]
        assert live_on_disk(data_root, S) == [text]
        prompt = screen.note_list(S).get_option_at_index(0).prompt
        assert isinstance(prompt, Text) and text in prompt.plain
        await pilot.press("shift+tab")
        await type_note(pilot, "Kop'rasi «naik kelas» ✓")
        assert live_on_disk(data_root, T) == ["Kop'rasi «naik kelas» ✓"]


async def test_typed_text_is_a_draft_until_enter(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press(*"Dana idle")
        await pilot.pause()
        assert app.session is not None
        draft = app.session.swot.draft(COOP, S)
        assert draft is not None and draft.text == "Dana idle"
        with TinyDB(workshop_dir(data_root, "blora-2018") / "workshop.json", access_mode="r") as db:
            assert [d["text"] for d in db.table("drafts").all()] == ["Dana idle"]
        await pilot.press("enter")
        await pilot.pause()
        draft = app.session.swot.draft(COOP, S)
        assert draft is not None and draft.text == ""


async def test_a_long_note_wraps_under_its_label(data_root: Path, clock: FakeClock) -> None:
    long = (
        "Dana idle anggota cukup besar dan bisa disalurkan ke usaha ritel "
        "serta simpan pinjam produktif bagi guru dan pegawai di Blora"
    )
    app = blora_app(data_root, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_board(pilot)
        await type_note(pilot, long)
        notes = screen.note_list(S)
        prompt = notes.get_option_at_index(0).prompt
        assert isinstance(prompt, Text)
        lines = prompt.plain.split("\n")
        assert len(lines) >= 3
        assert all(len(line) <= notes.scrollable_content_region.width for line in lines)
        assert all(line.startswith("     ") for line in lines[1:])  # under the text
        assert " ".join(part.strip() for part in lines).endswith(long)
        assert live_on_disk(data_root, S) == [long]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        wider = notes.get_option_at_index(0).prompt
        assert isinstance(wider, Text) and len(wider.plain.split("\n")) < len(lines)


# -- edit, delete, move, order ---------------------------------------------------------------


async def test_select_with_arrows_and_edit_in_place(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, W, "Pengurus belum SOP", "RAT terlambat")
        await pilot.press("up")  # to the notes: the last one is selected
        assert app.focused is screen.note_list(W)
        assert selected(app) is not None and selected(app).text == "RAT terlambat"  # type: ignore[union-attr]
        await pilot.press("up")
        first = selected(app)
        assert first is not None and first.text == "Pengurus belum SOP"
        await pilot.press("e")
        await pilot.pause()
        editor = screen.input(W)
        assert app.focused is editor and editor.value == "Pengurus belum SOP"
        assert "W1" in editor.placeholder
        await pilot.press(*" menerapkan")
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app, W) == ["Pengurus belum SOP menerapkan", "RAT terlambat"]
        assert live_on_disk(data_root, W) == shown(app, W)
        edited = disk_notes(data_root)[first.id]
        assert (edited["number"], edited["position"]) == (first.number, first.position)
        assert app.focused is screen.note_list(W) and selected(app).id == first.id  # type: ignore[union-attr]
        # Escape leaves an edit without saving it.
        await pilot.press("e", "backspace", "backspace", "escape")
        await pilot.pause()
        assert editor.value == "" and screen.modes[W].kind == "add"
        assert shown(app, W)[0] == "Pengurus belum SOP menerapkan"
        assert app.session is not None
        draft = app.session.swot.draft(COOP, W)
        assert draft is None or (draft.text, draft.note_id) == ("", None)


async def test_editing_a_note_keeps_a_half_typed_one(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "Anggota loyal")
        await pilot.press(*"Modal sendiri", "up", "e", "escape")
        await pilot.pause()
        assert screen.input(S).value == "Modal sendiri"


async def test_delete_to_the_trash_and_restore(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "A satu", "B dua", "C tiga")
        await pilot.press("up", "up", "d")
        await pilot.pause()
        assert shown(app, S) == ["A satu", "C tiga"]
        gone = [d for d in disk_notes(data_root).values() if d["deleted_at"]]
        assert [d["text"] for d in gone] == ["B dua"]  # kept, in the trash
        assert app.focused is screen.note_list(S) and selected(app) is not None
        await pilot.press("delete")
        await pilot.pause()
        assert len(shown(app, S)) == 1
        await pilot.press("ctrl+t")
        await pilot.pause()
        trash = app.screen
        assert isinstance(trash, TrashScreen)
        listing = trash.query_one("#modal-list", OptionList)
        assert listing.option_count == 2
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(2)]
        assert any("B dua" in p for p in prompts)
        listing.highlighted = next(i for i, p in enumerate(prompts) if "B dua" in p)
        await pilot.press("enter")
        await pilot.pause()
        assert board(app) is screen
        assert shown(app, S) == ["A satu", "B dua"]  # back in its place (C went too)
        assert not disk_notes(data_root)[screen.note_list(S)._notes[-1].id]["deleted_at"]
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        await pilot.press("escape")  # nothing restored
        await pilot.pause()
        assert board(app) is screen and len(shown(app, S)) == 2


async def test_move_to_another_quadrant(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "Dana idle bisa disalurkan", "Anggota loyal")
        await pilot.press("up", "up")
        note = selected(app)
        assert note is not None and note.text == "Dana idle bisa disalurkan"
        await pilot.press("shift+right")  # S -> W
        await pilot.pause()
        assert shown(app, W) == ["Dana idle bisa disalurkan"] and shown_labels(app, W) == ["W1"]
        assert app.focused is screen.note_list(W) and screen.quadrant is W
        assert selected(app) is not None and selected(app).id == note.id  # type: ignore[union-attr]
        await pilot.press("shift+down")  # W -> T
        await pilot.pause()
        assert shown(app, T) == ["Dana idle bisa disalurkan"] and shown(app, W) == []
        await pilot.press("shift+left")  # T -> O
        await pilot.pause()
        assert shown_labels(app, O) == ["O1"] and screen.quadrant is O
        await pilot.press("shift+down")  # nothing below O: stays
        await pilot.press("shift+left")  # nothing left of O: stays
        await pilot.pause()
        assert shown(app, O) == ["Dana idle bisa disalurkan"]
        await pilot.press("m")  # next quadrant: O -> T
        await pilot.pause()
        assert shown(app, T) == ["Dana idle bisa disalurkan"] and shown_labels(app, T)[0][0] == "T"
        await pilot.press("m")  # T -> S (wraps)
        await pilot.pause()
        assert shown(app, S) == ["Anggota loyal", "Dana idle bisa disalurkan"]
        assert live_on_disk(data_root, S) == shown(app, S)
        assert all(live_on_disk(data_root, q) == [] for q in (W, O, T))


async def test_reorder_within_a_quadrant(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await board_with(pilot, O, "A", "B", "C")
        await pilot.press("up")  # C
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert shown(app, O) == ["A", "C", "B"] and selected(app).text == "C"  # type: ignore[union-attr]
        await pilot.press("K")
        await pilot.pause()
        assert shown(app, O) == ["C", "A", "B"]
        await pilot.press("ctrl+up")  # at the top: nothing happens
        await pilot.pause()
        assert shown(app, O) == ["C", "A", "B"]
        await pilot.press("ctrl+down", "J")
        await pilot.pause()
        assert shown(app, O) == ["A", "B", "C"] and selected(app).text == "C"  # type: ignore[union-attr]
        await pilot.press("ctrl+down")  # at the bottom: nothing happens
        await pilot.pause()
        assert shown(app, O) == live_on_disk(data_root, O) == ["A", "B", "C"]


# -- votes and sort ------------------------------------------------------------------------


async def test_dot_votes_and_a_tally(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, T, "Persaingan KUR dari bank")
        await pilot.press("up", "minus")  # never below zero
        await pilot.pause()
        assert selected(app).votes == 0  # type: ignore[union-attr]
        await pilot.press("plus", "plus", "equals_sign", "minus")
        await pilot.pause()
        note = selected(app)
        assert note is not None and note.votes == 2
        assert next(iter(disk_notes(data_root).values()))["votes"] == 2
        prompt = screen.note_list(T).get_option_at_index(0).prompt
        assert isinstance(prompt, Text) and "●2" in prompt.plain
        await pilot.press("t")
        await pilot.pause()
        assert app.focused is screen.input(T) and screen.modes[T].kind == "tally"
        assert "T1" in screen.input(T).placeholder
        await pilot.press("x", "enter")  # not a number: asked again
        await pilot.pause()
        assert screen.modes[T].kind == "tally" and selected(app).votes == 2  # type: ignore[union-attr]
        screen.input(T).value = ""
        await pilot.press("1", "2", "enter")
        await pilot.pause()
        assert next(iter(disk_notes(data_root).values()))["votes"] == 12
        assert app.focused is screen.note_list(T) and selected(app).votes == 12  # type: ignore[union-attr]
        assert screen.modes[T].kind == "add" and screen.input(T).value == ""
        await pilot.press("escape")
        await type_note(pilot, "Fintech pinjaman online")  # the input adds notes again
        assert shown(app, T) == ["Persaingan KUR dari bank", "Fintech pinjaman online"]


async def test_sort_a_quadrant_by_votes(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await board_with(pilot, S, "A", "B", "C", "D")
        await pilot.press("up", "plus")  # D: 1
        await pilot.press("up", "up", "plus", "plus")  # B: 2
        await pilot.press("up", "plus")  # A: 1
        await pilot.press("s")
        await pilot.pause()
        assert shown(app, S) == ["B", "A", "D", "C"]  # ties keep their order
        assert live_on_disk(data_root, S) == shown(app, S)
        await pilot.press("ctrl+z")  # a sort is one undo step
        await pilot.pause()
        assert shown(app, S) == ["A", "B", "C", "D"]


# -- undo and redo -------------------------------------------------------------------------


async def test_undo_and_redo_several_steps(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "A", "B", "C")
        await pilot.press("up", "d")  # C to the trash
        screen.note_list(S).select(screen.note_list(S)._notes[0].id)
        await pilot.press("shift+down")  # A to O (B is left)
        await pilot.press("plus")  # A: 1 vote
        await pilot.pause()
        assert shown(app, S) == ["B"] and shown(app, O) == ["A"]
        await pilot.press("ctrl+z")  # the vote
        await pilot.pause()
        assert screen.note_list(O)._notes[0].votes == 0
        await pilot.press("ctrl+z")  # the move
        await pilot.pause()
        assert shown(app, S) == ["A", "B"] and shown(app, O) == []
        await pilot.press("ctrl+z")  # the delete
        await pilot.pause()
        assert shown(app, S) == ["A", "B", "C"]
        await pilot.press("ctrl+z", "ctrl+z")  # two adds: to the trash, never erased
        await pilot.pause()
        assert shown(app, S) == ["A"] == live_on_disk(data_root, S)
        assert {d["text"] for d in disk_notes(data_root).values() if d["deleted_at"]} == {"B", "C"}
        await pilot.press("ctrl+z", "ctrl+z")  # the first add, then nothing to undo
        await pilot.pause()
        assert shown(app, S) == []
        assert any("dibatalkan" in str(n.message) for n in app._notifications)
        for _ in range(5):
            await pilot.press("ctrl+y")
        await pilot.pause()
        assert shown(app, S) == ["B"] and shown(app, O) == ["A"]
        assert live_on_disk(data_root, O) == ["A"]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen.note_list(O)._notes[0].votes == 1
        assert next(d for d in disk_notes(data_root).values() if d["text"] == "A")["votes"] == 1


async def test_undo_works_per_board_after_switching_groups(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await board_with(pilot, S, "Anggota loyal", "Modal kuat")
        await pilot.press("pagedown")
        await pilot.pause()
        assert "KPRI Guru Randublatung" in title(app)
        await type_note(pilot, "Guru anggota tetap")
        await pilot.press("pageup")
        await pilot.pause()
        assert "PKPRI Kabupaten Blora" in title(app)
        await pilot.press("ctrl+z")  # this board's last change, not the other's
        await pilot.pause()
        assert shown(app, S) == ["Anggota loyal"] == live_on_disk(data_root, S)
        assert live_on_disk(data_root, S, GURU) == ["Guru anggota tetap"]
        await pilot.press("pagedown", "ctrl+z")
        await pilot.pause()
        assert shown(app, S) == [] == live_on_disk(data_root, S, GURU)
        await pilot.press("pageup", "ctrl+y")
        await pilot.pause()
        assert shown(app, S) == ["Anggota loyal", "Modal kuat"]


# -- groups ---------------------------------------------------------------------------------


async def test_switch_group_and_cooperative_with_one_key(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "Catatan PKPRI")
        await pilot.press(*"setengah")  # a draft, not submitted
        assert "Kelompok 1" in title(app) and "(1/2)" in title(app)
        assert "Vledy Afif" in title(app)
        await pilot.press("pagedown")
        await pilot.pause()
        assert "Kelompok 2" in title(app) and "KPRI Guru Randublatung" in title(app)
        assert "Anjar Muti" in title(app)
        assert shown(app, S) == [] and screen.input(S).value == ""
        await type_note(pilot, "Catatan Guru")
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert "Kelompok 4" in title(app) and "Herliana" in title(app)
        await pilot.press("pagedown")  # wraps round to the first group
        await pilot.pause()
        assert "Kelompok 1" in title(app) and shown(app, S) == ["Catatan PKPRI"]
        assert screen.input(S).value == "setengah"  # its draft is back
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "KPRI Bina Sejahtera Cepu" in title(app) and "(2/2)" in title(app)
        assert shown(app, S) == []
        await pilot.press("pageup", "pageup", "pageup")
        await pilot.pause()
        assert "Kelompok 2" in title(app) and shown(app, S) == ["Catatan Guru"]
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert "KPRI Bina Sejahtera Cepu" in title(app)  # the group remembers its cooperative
        assert app.session is not None
        assert app.session.location.cooperative_id == CEPU  # committed


async def test_f7_picks_any_cooperative(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        await pilot.press("f7")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CooperativePicker)
        listing = picker.query_one("#modal-list", OptionList)
        assert listing.get_option_at_index(listing.highlighted or 0).id == COOP
        await pilot.press("down", "down", "down", "down", "enter")  # group headings are skipped
        await pilot.pause()
        assert board(app) is screen
        assert "Kelompok 3" in title(app) and "KPRI Karya Bhakti Ngawen" in title(app)
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("up", "escape")
        await pilot.pause()
        assert board(app) is screen and "KPRI Karya Bhakti Ngawen" in title(app)
        assert app.focused is not None and app.focused.screen is screen


# -- views ----------------------------------------------------------------------------------


async def test_plenary_shows_every_cooperative(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "Anggota loyal")
        await pilot.press("pagedown")
        await pilot.pause()
        await type_note(pilot, "Guru anggota tetap")
        await pilot.press("ctrl+g")
        await pilot.pause()
        plenary = app.screen
        assert isinstance(plenary, PlenaryScreen)
        texts = {
            w.id: str(w.render())
            for w in plenary.query(Static)
            if (w.id or "").startswith("plenary-")
        }
        assert "Anggota loyal" in texts[f"plenary-{COOP}"]
        assert "Guru anggota tetap" in texts[f"plenary-{GURU}"]
        assert len([k for k in texts if k != "plenary-title"]) == 8
        await pilot.press("q")  # one quadrant across all boards
        await pilot.pause()
        assert "Kekuatan" in str(plenary.query_one("#plenary-title", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert board(app) is screen and "KPRI Guru Randublatung" in title(app)


async def test_focus_mode_shows_one_quadrant(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "Anggota loyal")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.has_class("-focus-mode")
        panels = {p.id: p for p in screen.query(".quadrant")}
        assert panels["quadrant-S"].region.width == SIZE[0]
        assert all(panels[f"quadrant-{q.value}"].region.width == 0 for q in (W, O, T))
        await type_note(pilot, "Modal kuat")  # capture goes on in focus mode
        assert shown(app, S) == ["Anggota loyal", "Modal kuat"]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not screen.has_class("-focus-mode")
        assert all(p.region.width > 0 for p in panels.values())


async def test_escape_leaves_focus_mode_after_its_other_meanings(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        screen = await board_with(pilot, S, "Anggota loyal")
        await pilot.press("ctrl+o")
        await pilot.pause()
        # An edit under way: the first Esc cancels it and stays in focus mode.
        await pilot.press("up", "e", "x")
        await pilot.pause()
        assert screen.modes[S].kind == "edit"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.modes[S].kind == "add" and screen.has_class("-focus-mode")
        assert shown(app, S) == ["Anggota loyal"]
        # A note selected: Esc goes back to typing first.
        await pilot.press("up", "escape")
        await pilot.pause()
        assert app.focused is screen.input(S) and screen.has_class("-focus-mode")
        # Nothing else to do: Esc leaves focus mode; a new note being typed stays.
        await pilot.press("n", "e", "w")
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.has_class("-focus-mode")
        assert screen.input(S).value == "new" and app.focused is screen.input(S)
        # Out of focus mode, Esc changes nothing.
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.has_class("-focus-mode") and screen.input(S).value == "new"


async def test_tab_moves_the_current_quadrant_and_focus_mode_follows(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        await pilot.press("tab")
        await pilot.pause()
        assert screen.query_one("#quadrant-W").has_class("-current")
        assert not screen.query_one("#quadrant-S").has_class("-current")
        await pilot.press("ctrl+o", "tab")
        await pilot.pause()
        assert app.focused is screen.input(O)
        assert screen.query_one("#quadrant-O").region.width > 0  # typing where one can see


async def test_after_a_delete_the_selection_stays_in_place(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await board_with(pilot, S, "A", "B", "C", "D")
        await pilot.press("up", "up", "d")  # C
        await pilot.pause()
        assert shown(app, S) == ["A", "B", "D"]
        assert selected(app) is not None and selected(app).text in ("B", "D")  # type: ignore[union-attr]


async def test_the_current_quadrant_follows_a_moved_note(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "Anggota loyal")
        await pilot.press("up", "shift+right")
        await pilot.pause()
        assert screen.quadrant is W and app.focused is screen.note_list(W)
        assert screen.query_one("#quadrant-W").has_class("-current")
        assert not screen.query_one("#quadrant-S").has_class("-current")


async def test_a_note_moved_in_focus_mode_is_seen_where_it_went(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "Anggota loyal", "Dana idle")
        await pilot.press("ctrl+o", "up", "shift+down")  # S -> O while O is hidden
        await pilot.pause()
        target = screen.note_list(O)
        assert app.focused is target and target.region.width > 0  # focus mode follows
        assert target.option_count == 1 and selected(app).text == "Dana idle"  # type: ignore[union-attr]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert target.option_count == 1 and shown(app, O) == ["Dana idle"]
        assert screen.note_list(S).option_count == 1


async def test_language_switch_renames_the_quadrants(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        assert "Kekuatan" in quadrant_title(app, S) and "Ancaman" in quadrant_title(app, T)
        assert "Kekuatan" in screen.input(S).placeholder
        await pilot.press("f8")
        await pilot.pause()
        assert "Strengths" in quadrant_title(app, S) and "Threats" in quadrant_title(app, T)
        assert "Kekuatan" not in quadrant_title(app, S)
        assert "Facilitator" in title(app) and "0 notes" in quadrant_title(app, W)
        assert "Strength" in screen.input(S).placeholder


# -- quit and resume ------------------------------------------------------------------------


async def test_resume_on_the_same_board_quadrant_and_notes(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await board_with(pilot, S, "Anggota loyal", "Modal kuat")
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.press("tab", "tab")
        await type_note(pilot, "Dana idle bisa disalurkan ke usaha ritel")
        await type_note(pilot, "Kemitraan dengan BUMDes")
        await pilot.press("tab")
        await pilot.press(*"setengah diketik")  # quit mid-sentence
        await pilot.pause()
        assert app.session is not None
        before = {
            coop: {n.id: n for n in app.session.state.cooperative(coop).table(Note).values()}
            for coop in (COOP, GURU)
        }
        await pilot.press("ctrl+q")

    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = board(app)  # no F3: it stood on the board
        assert "Kelompok 2" in title(app) and "KPRI Guru Randublatung" in title(app)
        assert screen.quadrant is T and app.focused is screen.input(T)
        assert screen.input(T).value == "setengah diketik"
        assert shown(app, O) == [
            "Dana idle bisa disalurkan ke usaha ritel",
            "Kemitraan dengan BUMDes",
        ]
        assert app.session is not None
        for coop, notes in before.items():
            assert dict(app.session.state.cooperative(coop).table(Note)) == notes
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app, T) == ["setengah diketik"]


async def test_resume_in_the_middle_of_an_edit(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await board_with(pilot, W, "Pengurus belum SOP")
        await pilot.press("up", "e", *" tertulis")
        await pilot.pause()
        await pilot.press("ctrl+q")

    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = board(app)
        assert screen.modes[W].kind == "edit"
        assert screen.input(W).value == "Pengurus belum SOP tertulis"
        screen.input(W).focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app, W) == ["Pengurus belum SOP tertulis"]  # the same note, edited
        assert len(disk_notes(data_root)) == 1


async def test_resume_with_the_same_note_selected(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await board_with(pilot, O, "A", "B", "C", "D")
        # B; then back to typing and up to B again (Up starts at D, the last note).
        await pilot.press("up", "up", "up", "escape", "up", "up", "up")
        await pilot.pause()
        chosen = selected(app)
        assert chosen is not None and chosen.text == "B"
        await pilot.press("ctrl+q")

    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = board(app)
        assert screen.quadrant is O
        assert app.focused is screen.note_list(O)
        assert selected(app) is not None and selected(app).id == chosen.id  # type: ignore[union-attr]
        assert shown(app, O) == ["A", "B", "C", "D"]


async def test_resume_with_the_note_last_reached_by_arrows(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await board_with(pilot, O, "A", "B", "C", "D")
        await pilot.press("up", "up", "up")  # D (saved on focus), then C, then B
        await pilot.pause()
        chosen = selected(app)
        assert chosen is not None and chosen.text == "B"
        await pilot.press("ctrl+q")

    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert selected(app) is not None and selected(app).id == chosen.id  # type: ignore[union-attr]


async def test_the_board_fits_a_small_terminal(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await board_with(pilot, S, "Anggota loyal", "Modal kuat")
        await pilot.press("tab")
        await type_note(pilot, "Pengurus belum menerapkan SOP")
        regions = [screen.query_one(f"#quadrant-{q.value}").region for q in QUADRANTS]
        assert all(r.width >= 30 and r.height >= 6 for r in regions)
        assert regions[0].y == regions[1].y < regions[2].y == regions[3].y  # 2x2
        assert regions[0].x == regions[2].x < regions[1].x == regions[3].x
        assert all(r.right <= SMALL[0] and r.bottom <= SMALL[1] for r in regions)
        assert screen.input(S).region.height >= 1
        assert regions[0].contains_region(screen.input(S).region)
        assert shown(app, S) == ["Anggota loyal", "Modal kuat"]


# -- found driving the app by hand ---------------------------------------------------------


async def test_up_from_the_input_selects_the_note_just_above_it(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "A", "B", "C")
        await pilot.press("up", "up", "escape")  # B selected earlier, back to typing
        await type_note(pilot, "D")  # S4, directly above the input
        await pilot.press("up")
        assert app.focused is screen.note_list(S)
        assert selected(app) is not None and selected(app).text == "D"  # type: ignore[union-attr]
        await pilot.press("shift+down")
        await pilot.pause()
        assert shown(app, S) == ["A", "B", "C"] and shown(app, O) == ["D"]
        await pilot.press("escape", "shift+tab", "shift+tab", "up")  # O's input, S's input
        assert selected(app) is not None and selected(app).text == "C"  # type: ignore[union-attr]


async def test_switching_cooperative_starts_on_the_strengths_input(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, O, "Dana idle")

        async def leave_on_opportunities() -> None:
            """Stand on O: its notes if it has some, else its input."""
            notes = screen.note_list(O)
            (notes if notes.option_count else screen.input(O)).focus()
            await pilot.pause()
            assert screen.quadrant is O

        async def assert_on_strengths(coop_name: str) -> None:
            assert coop_name in title(app)
            assert screen.quadrant is S and app.focused is screen.input(S)
            assert screen.query_one("#quadrant-S").has_class("-current")
            assert not screen.query_one("#quadrant-O").has_class("-current")

        await leave_on_opportunities()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await assert_on_strengths("KPRI Bina Sejahtera Cepu")
        await type_note(pilot, "Anggota banyak")
        assert live_on_disk(data_root, S, CEPU) == ["Anggota banyak"]
        assert live_on_disk(data_root, O, CEPU) == []

        await pilot.press("tab", "tab")
        await leave_on_opportunities()
        await pilot.press("pagedown")
        await pilot.pause()
        await assert_on_strengths("KPRI Guru Randublatung")

        await pilot.press("tab", "tab")
        await leave_on_opportunities()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("up", "up", "enter")  # back to PKPRI (group headings skipped)
        await pilot.pause()
        await assert_on_strengths("PKPRI Kabupaten Blora")

        # Switched on another working screen (F4, F5 share the cooperative): the board
        # opens on Strengths too.
        await pilot.press("tab", "tab")
        await leave_on_opportunities()
        await pilot.press("f2")
        await pilot.pause()
        assert app.session is not None
        app.session.step_group(1)
        await pilot.press("f3")
        await pilot.pause()
        assert board(app) is screen
        await assert_on_strengths("KPRI Guru Randublatung")


async def test_plenary_pages_by_whole_boards(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "Anggota loyal")
        await pilot.press("ctrl+g")
        await pilot.pause()
        plenary = app.screen
        assert isinstance(plenary, PlenaryScreen)
        view = plenary.query_one("#plenary-columns").region
        columns = list(plenary.query(".plenary-column"))
        assert len(columns) == 8

        def shown_boards() -> list[int]:
            """The boards on screen; every one whole (none cut at an edge)."""
            on_screen = [i for i, c in enumerate(columns) if view.overlaps(c.region)]
            assert all(view.contains_region(columns[i].region) for i in on_screen)
            return on_screen

        def plenary_title() -> str:
            return str(plenary.query_one("#plenary-title", Static).render())

        def current() -> int:
            (index,) = [i for i, c in enumerate(columns) if c.has_class("-current")]
            assert index in shown_boards()
            assert f"{index + 1}/8" in plenary_title()
            return index

        page = len(shown_boards())
        assert page == 3 and sum(c.region.width for c in columns[:page]) >= view.width - page
        assert current() == 0  # the board's cooperative
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert current() == 3 and shown_boards() == [1, 2, 3]
        await pilot.press("end")
        await pilot.pause()
        assert current() == 7 and shown_boards() == [5, 6, 7]
        await pilot.press("left")
        await pilot.pause()
        assert current() == 6 and shown_boards() == [5, 6, 7]
        await pilot.press("home")
        await pilot.pause()
        assert current() == 0 and shown_boards() == [0, 1, 2]
        await pilot.press("pagedown")
        await pilot.pause()
        assert current() == 3 and shown_boards() == [3, 4, 5]
        await pilot.press("pagedown", "pagedown")  # stops at the last
        await pilot.pause()
        assert current() == 7
        await pilot.press("pageup")
        await pilot.pause()
        assert current() == 4
        await pilot.press("q")  # one quadrant: the same board stays current
        await pilot.pause()
        assert current() == 4 and "Kekuatan" in plenary_title()
        bar = str(plenary.query_one(KeyBar).render())
        assert "→" in bar or "right" in bar.lower()
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        view = plenary.query_one("#plenary-columns").region
        assert current() == 4 and len(shown_boards()) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert board(app) is screen


async def test_plenary_keys_are_in_the_help(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("ctrl+g", "f1")
        await pilot.pause()
        rows = {(keys, what) for _, keys, what in app.screen.rows()}  # type: ignore[attr-defined]
        assert ("→", "Koperasi berikut") in rows or ("right", "Koperasi berikut") in rows, rows


async def test_a_negative_tally_is_asked_again(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, T, "Persaingan KUR dari bank")
        await pilot.press("up", "plus", "plus", "t", "minus", "4", "enter")
        await pilot.pause()
        assert screen.modes[T].kind == "tally" and app.focused is screen.input(T)
        assert screen.input(T).value == "-4"
        assert selected(app) is not None and selected(app).votes == 2  # type: ignore[union-attr]
        assert any("suara" in str(n.message) for n in app._notifications)


async def test_undo_and_redo_select_the_note_they_bring_back(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "A", "B", "C")
        await pilot.press("tab", "tab")
        await type_note(pilot, "X")
        await type_note(pilot, "Y")
        screen.note_list(S).focus()
        screen.note_list(S).select(screen.note_list(S)._notes[1].id)  # B
        await pilot.pause()
        await pilot.press("shift+down")  # B to O (O3)
        await pilot.pause()
        assert shown(app, O) == ["X", "Y", "B"] and app.focused is screen.note_list(O)
        await pilot.press("up")  # Y selected in O
        await pilot.press("ctrl+z")  # B back in S: the cursor follows it
        await pilot.pause()
        assert shown(app, S) == ["A", "B", "C"]
        assert screen.quadrant is S and app.focused is screen.note_list(S)
        assert selected(app) is not None and selected(app).text == "B"  # type: ignore[union-attr]
        await pilot.press("ctrl+y")  # and to O again
        await pilot.pause()
        assert screen.quadrant is O and app.focused is screen.note_list(O)
        assert selected(app) is not None and selected(app).text == "B"  # type: ignore[union-attr]
        await pilot.press("up", "up", "d")  # X to the trash
        await pilot.pause()
        screen.note_list(S).focus()
        await pilot.pause()
        await pilot.press("ctrl+z")  # X reappears in O, selected
        await pilot.pause()
        assert screen.quadrant is O and app.focused is screen.note_list(O)
        assert selected(app) is not None and selected(app).text == "X"  # type: ignore[union-attr]
        # Undoing an order change selects the note that was moved, not its neighbour.
        await pilot.press("down", "down", "ctrl+up")  # B above Y
        await pilot.pause()
        assert shown(app, O) == ["X", "B", "Y"]
        await pilot.press("up")  # X
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert shown(app, O) == ["X", "Y", "B"] and selected(app).text == "B"  # type: ignore[union-attr]
        # While typing, undo does not take the input away.
        await pilot.press("escape")
        assert app.focused is screen.input(O)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.focused is screen.input(O) and shown(app, O) == ["X", "B", "Y"]


async def test_a_restored_note_is_selected_where_it_came_back(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, S, "A", "B", "C")
        await pilot.press("up", "up", "d", "escape", "tab")  # B to the trash; W's input
        await pilot.pause()
        await type_note(pilot, "Pengurus belum SOP")
        await pilot.press("up", "ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert board(app) is screen and shown(app, S) == ["A", "B", "C"]  # in its old place
        assert screen.quadrant is S and app.focused is screen.note_list(S)
        assert selected(app) is not None and selected(app).text == "B"  # type: ignore[union-attr]


async def test_input_hints_fit_a_small_terminal(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_board(pilot)
        for language in ("id", "en"):
            for quadrant in QUADRANTS:
                widget = screen.input(quadrant)
                room = widget.content_region.width
                hints = [
                    widget.placeholder,
                    app.t("swot.editing", label=f"{quadrant.value}12"),
                    app.t("swot.tally_prompt", label=f"{quadrant.value}12", votes=12),
                ]
                for hint in hints:
                    assert len(hint) <= room, (language, hint, room)
            await pilot.press("f8")
            await pilot.pause()


async def test_an_edit_saved_after_its_note_moved_shows_where_the_note_is(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await board_with(pilot, W, "Pengurus belum SOP")
        await pilot.press("up", "e", *" tertulis", "up", "shift+down")  # W1 to T mid-edit
        await pilot.pause()
        assert shown(app, T) == ["Pengurus belum SOP"] and screen.modes[W].kind == "edit"
        screen.input(W).focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app, T) == ["Pengurus belum SOP tertulis"] == live_on_disk(data_root, T)


async def test_quadrant_counts_stay_in_view_on_a_small_terminal(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_board(pilot)
        await pilot.press("f8")  # English names are the longest
        await pilot.pause()
        for quadrant in QUADRANTS:
            heading = screen.query_one(f"#title-{quadrant.value}", Static)
            line = str(heading.render())
            counted = line.index("0 notes") + len("0 notes")
            assert counted <= heading.content_region.width, (line, heading.content_region.width)


async def plenary_of_boards(pilot: Pilot[int]) -> PlenaryScreen:
    """Ctrl+G from a board holding a note."""
    await board_with(pilot, S, "Anggota loyal")
    await pilot.press("ctrl+g")
    await pilot.pause()
    plenary = pilot.app.screen
    assert isinstance(plenary, PlenaryScreen)
    return plenary


async def test_plenary_keys_in_a_burst_settle_on_the_last_board_asked(
    data_root: Path, clock: FakeClock
) -> None:
    # Each step moves the focus to the current board later (Textual focuses on its next
    # turn); a board's focus arriving after the next step once made the two boards take
    # the focus back from each other for ever.
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        plenary = await plenary_of_boards(pilot)
        await burst(pilot, "right", "right", "pagedown", "left")
        await asyncio.wait_for(pilot.pause(), timeout=10)
        columns = list(plenary.query(".plenary-column"))
        assert [i for i, c in enumerate(columns) if c.has_class("-current")] == [4]
        assert app.focused is columns[4]
        assert "5/8" in str(plenary.query_one("#plenary-title", Static).render())


async def test_plenary_board_clicked_becomes_current(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        plenary = await plenary_of_boards(pilot)
        columns = list(plenary.query(".plenary-column"))
        await pilot.click(columns[2], offset=(2, 2))
        await pilot.pause()
        assert [i for i, c in enumerate(columns) if c.has_class("-current")] == [2]
        assert "3/8" in str(plenary.query_one("#plenary-title", Static).render())


async def test_keys_in_a_burst_make_the_notes_typed_in_order(
    data_root: Path, clock: FakeClock
) -> None:
    # Textual ran Enter and Backspace after the letters that followed them had gone in:
    # "one⏎two⏎three⏎" made three notes "onetwothree", and Backspace ate a later letter.
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        await burst(pilot, *"one", "enter", *"twx", "backspace", "o", "enter", *"three")
        await pilot.pause()
        assert app.session is not None
        notes = app.session.swot.notes("pkpri-blora", S)
        assert [n.text for n in notes] == ["one", "two"]
        assert screen.input(S).value == "three"
        draft = app.session.swot.draft("pkpri-blora", S)
        assert draft is not None and draft.text == "three"
        # An edit: Enter saves the text as it stood; the letters after it start a new note.
        await pilot.press("up")
        await pilot.press("e")
        await pilot.pause()
        await burst(pilot, "end", *" kas", "enter", *"baru")
        await pilot.pause()
        assert [n.text for n in app.session.swot.notes("pkpri-blora", S)] == ["one", "two kas"]
        assert screen.input(S).value == "threebaru"  # the new note's draft, then the burst
        await pilot.pause()
        draft = app.session.swot.draft("pkpri-blora", S)
        assert draft is not None and draft.text == "threebaru"


async def test_tab_in_a_burst_moves_to_the_next_quadrant_before_the_letters_after_it(
    data_root: Path, clock: FakeClock
) -> None:
    # Tab (a priority key) ran as it arrived, but the focus it moved followed only after
    # the keys already typed: `k1⏎ Tab w1⏎ Tab o1⏎ Tab t1⏎` saved all four as Strengths.
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        keys = [*"k1", "enter", "tab", *"w1", "enter", "tab", *"o1", "enter", "tab", *"t1"]
        await burst(pilot, *keys, "enter")
        await pilot.pause()
        assert [(q.value, shown_labels(app, q), shown(app, q)) for q in QUADRANTS] == [
            ("S", ["S1"], ["k1"]),
            ("W", ["W1"], ["w1"]),
            ("O", ["O1"], ["o1"]),
            ("T", ["T1"], ["t1"]),
        ]
        assert [screen.input(q).value for q in QUADRANTS] == ["", "", "", ""]
        assert app.focused is screen.input(T) and screen.quadrant is T
        assert live_on_disk(data_root, W) == ["w1"] and live_on_disk(data_root, T) == ["t1"]
        # The smallest case, and Shift+Tab back: each key's letters land where it went.
        await burst(pilot, "tab", *"zz", "shift+tab", "shift+tab", *"yy")
        await pilot.pause()
        assert screen.input(S).value == "zz" and screen.input(O).value == "yy"
        assert screen.input(T).value == "" and app.focused is screen.input(O)
        await pilot.pause()
        assert app.session is not None
        drafts = {q: app.session.swot.draft(COOP, q) for q in (S, O)}
        assert {q: d.text if d else None for q, d in drafts.items()} == {S: "zz", O: "yy"}
        # An edit saved by Enter, then Tab: the cursor stays where Tab took it (it went
        # back to the edited note, and the next keys acted on the notes: `d` deleted one).
        await pilot.press("tab", "up", "e")
        await burst(pilot, "end", *" x", "enter", "tab", *"ok", "d")
        await pilot.pause()
        assert shown(app, T) == ["t1 x"] and screen.input(T).value == ""
        assert app.focused is screen.input(S) and screen.input(S).value == "zzokd"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_quadrant_headings_are_never_cut(
    data_root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    # English at 80 columns: "Opportunities (O) · 4 notes ·" — the side cut mid-way.
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=size) as pilot:
        await open_board(pilot)
        await pilot.pause()
        for quadrant in "SWOT":
            heading = app.screen.query_one(f"#title-{quadrant}", Static)
            text = str(heading.render())
            assert len(text) <= heading.content_region.width, text
            assert text.endswith(("notes", "note", "internal", "external")), text
        wide = size[0] >= 120
        assert str(app.screen.query_one("#title-O", Static).render()).endswith(
            "external" if wide else "notes"
        )
