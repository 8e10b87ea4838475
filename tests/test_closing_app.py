"""The closing screen (F6) driven by Pilot: signing and corrections, walk-ins, RTL editing
(templates, form, deadline text, order, trash, undo), the Renstra team, the follow-up tab,
keys in the footer / help / palette, and resuming on the same tab and row."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from conftest import BLORA, FakeClock
from random_walk import burst
from rich.console import Console
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TabbedContent
from textual.widgets._select import SelectCurrent, SelectOverlay
from tinydb import TinyDB

from workshop_tui.domain.deadlines import Times, Within
from workshop_tui.domain.plan import Role
from workshop_tui.domain.state import ActionStatus, CoopAction, JointAction
from workshop_tui.i18n import catalog
from workshop_tui.storage.paths import workshop_dir
from workshop_tui.storage.store import shard_file
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.launch import create_app
from workshop_tui.tui.screens.closing import ClosingScreen
from workshop_tui.tui.screens.help import HelpScreen
from workshop_tui.tui.widgets.closing_forms import (
    ActionForm,
    ActionTrash,
    SeatForm,
    WalkInForm,
    _Form,
)
from workshop_tui.tui.widgets.keybar import KeyBar
from workshop_tui.workflows.closing import JOINT, ActionDraft

SIZE = (120, 40)
SMALL = (80, 24)
COOP = "pkpri-blora"
CEPU = "kpri-bina-sejahtera-cepu"
GURU = "kpri-guru-randublatung"


def blora_app(root: Path, clock: FakeClock, **kw: Any) -> WorkshopApp:
    return create_app(root, BLORA, clock=clock, **kw)


def closing_screen(app: WorkshopApp) -> ClosingScreen:
    screen = app.screen
    assert isinstance(screen, ClosingScreen), screen
    return screen


async def open_closing(pilot: Pilot[int], tab: str | None = None) -> ClosingScreen:
    await pilot.press("f6")
    await pilot.pause()
    screen = closing_screen(pilot.app)  # type: ignore[arg-type]
    if tab is not None:
        await pilot.press(str(("pact", "rtl-a", "rtl-b", "team", "followup").index(tab) + 1))
        await pilot.pause()
    return screen


def rows(screen: ClosingScreen, tab: str) -> list[str]:
    listing = screen.row_list(tab)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def text_of(screen: ClosingScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def plain(renderable: Any) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def keybar(app: WorkshopApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


def disk(root: Path, shard: str, table: str) -> dict[str, dict[str, Any]]:
    path = shard_file(workshop_dir(root, "blora-2018"), shard)
    if not path.exists():
        return {}
    with TinyDB(path, access_mode="r") as db:
        return {doc["id"]: dict(doc) for doc in db.table(table).all()}


async def type_text(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


# -- the pact ----------------------------------------------------------------------------------


async def test_signing_the_pact_and_correcting_a_mark(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot)
        assert screen.tab == "pact"
        assert "PAKTA PERUBAHAN" in text_of(screen, "#pact-title")
        pact = plain(screen._pact_text())
        assert "Bersungguh-sungguh mengupayakan perubahan" in pact
        assert "5." in pact and "Semoga Tuhan merestui" in pact
        assert "0 / 20" in text_of(screen, "#pact-count")
        assert screen.row_list("pact").selected_id == "p01"
        await pilot.press("space")
        assert "✓ 08:25" in rows(screen, "pact")[1] and "Sutrisno" in rows(screen, "pact")[1]
        assert disk(data_root, "workshop", "signatures")["p01"]["revoked_at"] is None
        clock.advance(minutes=3)
        await pilot.press("down", "enter")  # Enter signs too
        assert screen.closing.is_signed("p02")
        assert "2 / 20" in text_of(screen, "#pact-count")
        assert "PKPRI Kabupaten Blora  2/3" in rows(screen, "pact")[0]
        # A mistaken mark is corrected, not erased: the signature keeps its revoked time.
        clock.advance(minutes=1)
        await pilot.press("space")
        assert not screen.closing.is_signed("p02")
        assert "08:29" in rows(screen, "pact")[2]  # "mark corrected 08:29"
        saved = disk(data_root, "workshop", "signatures")["p02"]
        assert saved["revoked_at"] is not None
        await pilot.press("ctrl+z")  # undo the correction
        assert screen.closing.is_signed("p02")
        await pilot.press("ctrl+y")
        assert not screen.closing.is_signed("p02")
        # Only those who have not signed.
        await pilot.press("u")
        shown = rows(screen, "pact")
        assert not any("Sutrisno" in row for row in shown)
        assert any("Sri Wahyuni" in row for row in shown)
        assert "19" in text_of(screen, "#pact-count")
        await pilot.press("u")
        assert any("Sutrisno" in row for row in rows(screen, "pact"))
        # The pact full screen.
        await pilot.press("ctrl+o")
        assert not screen.query_one("#roster-box").display
        await pilot.press("ctrl+o")
        assert screen.query_one("#roster-box").display


async def test_a_second_space_in_the_unsigned_view_corrects_the_mark(
    data_root: Path, clock: FakeClock
) -> None:
    # The signed person left the list at once: the second Space signed the next one.
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot)
        await pilot.press("u")
        first = screen.row_list("pact").selected_id
        assert first == "p01"
        await pilot.press("space")
        assert screen.closing.is_signed("p01")
        assert screen.row_list("pact").selected_id == "p01"  # still listed, with its ✓
        assert any("Sutrisno" in row and "✓" in row for row in rows(screen, "pact"))
        await pilot.press("space")  # a double press corrects the mark
        assert not screen.closing.is_signed("p01")
        assert screen.closing.signed_count()[0] == 0  # nobody else signed
        await pilot.press("space", "down", "space")  # sign two, one after the other
        assert screen.closing.is_signed("p01") and screen.closing.is_signed("p02")
        await pilot.press("u", "u")  # the filter anew: only who has not signed
        assert not any("Sutrisno" in row for row in rows(screen, "pact"))


def on_screen(app: WorkshopApp) -> str:
    """The text the screen shows now."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_pact_only_view_scrolls_to_the_last_signature(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_closing(pilot)
        await pilot.press("space")  # Sutrisno signs
        await pilot.press("ctrl+o")
        await pilot.pause()
        shown = on_screen(app)
        assert "PAKTA PERUBAHAN" in shown and "Nurul Istiqomah" not in shown
        assert "Scroll" in keybar(app) and "Page down" in keybar(app)
        await pilot.press("end")
        await pilot.pause()
        shown = on_screen(app)
        assert "Nurul Istiqomah" in shown  # the last participant
        await pilot.press("home")
        await pilot.pause()
        assert "PAKTA PERUBAHAN" in on_screen(app)
        for _ in range(6):
            await pilot.press("pagedown")
        await pilot.pause()
        assert "Nurul Istiqomah" in on_screen(app)
        await pilot.press("pageup", "up")
        await pilot.pause()
        assert "Nurul Istiqomah" not in on_screen(app)
        box = screen.query_one("#pact-text-box")
        top = box.scroll_y
        await pilot.press("down")
        await pilot.pause()
        assert box.scroll_y == top + 1
        # The signatures under the pact: who signed, with the time.
        assert "✓ Sutrisno 08:25" in plain(screen.query_one("#pact-signatures", Static).render())
        # The hidden roster is not signed blind; Ctrl+O gives the roster its keys back.
        await pilot.press("space")
        assert screen.closing.signed_count() == (1, 20)
        await pilot.press("ctrl+o")
        assert screen.focused is screen.row_list("pact")
        assert "Scroll" not in keybar(app)
        await pilot.press("down", "space")
        assert screen.closing.is_signed("p02")


async def test_a_walk_in_is_added_and_signs(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot)
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WalkInForm)
        assert form.query_one("#walk-in-coop", Select).value == COOP  # the selected person's
        await pilot.press("ctrl+s")  # no name yet: refused, said plainly
        assert isinstance(app.screen, WalkInForm)
        assert "Ketik namanya" in str(form.query_one(".form-problem", Static).render())
        await type_text(pilot, "Wahyu Ningsih")
        form.query_one("#walk-in-coop", Select).value = GURU
        form.query_one("#walk-in-role", Select).value = Role.KARYAWAN.value
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        person = screen.closing.roster()[-1]
        assert (person.name, person.cooperative, person.role) == (
            "Wahyu Ningsih",
            GURU,
            Role.KARYAWAN,
        )
        assert screen.row_list("pact").selected_id == person.key  # ready to sign
        assert "0 / 21" in text_of(screen, "#pact-count")
        await pilot.press("space")
        assert screen.closing.is_signed(person.key)
        walk_ins = disk(data_root, "workshop", "walk_ins")
        assert [w["name"] for w in walk_ins.values()] == ["Wahyu Ningsih"]
        # Escape leaves the form without adding anyone.
        await pilot.press("w")
        await pilot.pause()
        await type_text(pilot, "Batal")
        await pilot.press("escape")
        await pilot.pause()
        assert len(screen.closing.roster()) == 21


# -- RTL ---------------------------------------------------------------------------------------


async def test_rtl_a_starts_from_the_templates_and_is_edited(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot)
        assert disk(data_root, COOP, "actions") == {}  # nothing before the first visit
        await pilot.press("tab")
        assert screen.tab == "rtl-a"
        shown = rows(screen, "rtl-a")
        assert len(shown) == 3
        assert "Semua pelopor menyampaikan" in shown[0]
        assert "(22 Maret 2018)" in shown[0]  # a relative deadline, resolved
        assert "27 Juli 2018, 31 Desember 2018" in shown[2]  # a series
        assert sorted(a["template_id"] for a in disk(data_root, COOP, "actions").values()) == [
            "a1",
            "a2",
            "a3",
        ]
        assert "PKPRI Kabupaten Blora" in text_of(screen, "#rtl-a-title")

        # Add an action through the form.
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        await type_text(pilot, "Rapat anggota khusus")
        form.query_one("#action-owner-pick", Select).value = "p01"
        await pilot.pause()
        assert form.query_one("#action-owner", Input).value == "Sutrisno"
        form.query_one("#action-deadline", Input).focus()
        await type_text(pilot, "sebentar")
        preview = str(form.query_one("#action-deadline-preview", Static).render())
        assert "Contoh" in preview  # not understood: says so, with examples
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ActionForm)  # not saved
        form.query_one("#action-deadline", Input).value = ""
        form.query_one("#action-deadline", Input).focus()
        await type_text(pilot, "3 bulan")
        preview = str(form.query_one("#action-deadline-preview", Static).render())
        assert "22 Mei 2018" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        actions = screen.closing.actions(COOP)
        added = actions[-1]
        assert (added.activity, added.owner_participant, added.deadline) == (
            "Rapat anggota khusus",
            "p01",
            Within(within_months=3),
        )
        assert disk(data_root, COOP, "actions")[added.id]["owner"] == "Sutrisno"
        assert screen.row_list("rtl-a").selected_id == added.id

        # Edit: a recurring deadline shows its series live; status done.
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.query_one("#action-deadline", Input).value == "3 bulan"
        form.query_one("#action-deadline", Input).value = "2x setahun"
        await pilot.pause()
        preview = str(form.query_one("#action-deadline-preview", Static).render())
        assert "2 tanggal: 22 Agustus 2018, 22 Februari 2019" in preview.replace("\u00a0", " ")
        form.query_one("#action-status", Select).value = ActionStatus.DONE.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = screen.closing.action(COOP, added.id)
        assert edited is not None and edited.deadline == Times(times=2)
        assert edited.status is ActionStatus.DONE and edited.done_at == dt.date(2018, 2, 19)
        assert "✓" in rows(screen, "rtl-a")[3]

        # Reorder, delete, restore, undo.
        await pilot.press("ctrl+up")
        assert [a.id for a in screen.closing.actions(COOP)].index(added.id) == 2
        assert screen.row_list("rtl-a").selected_id == added.id
        await pilot.press("d")
        assert added.id not in [a.id for a in screen.closing.actions(COOP)]
        assert disk(data_root, COOP, "actions")[added.id]["deleted_at"] is not None
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ActionTrash)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.closing.actions(COOP)[-1].id == added.id
        await pilot.press("ctrl+z", "ctrl+z")  # the restore, then the delete
        assert [a.id for a in screen.closing.actions(COOP)].index(added.id) == 2
        await pilot.press("x")  # done -> open again
        assert screen.closing.action(COOP, added.id).status is ActionStatus.OPEN  # type: ignore[union-attr]
        await pilot.press("s")  # next status: done
        await pilot.press("s")  # dropped
        assert screen.closing.action(COOP, added.id).status is ActionStatus.DROPPED  # type: ignore[union-attr]


async def test_rtl_switches_cooperative_and_part_b_is_joint(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "rtl-a")
        await pilot.press("ctrl+n")
        assert app.session is not None and app.session.current_cooperative[1].id == CEPU
        assert "KPRI Bina Sejahtera Cepu" in text_of(screen, "#rtl-a-title")
        assert len(disk(data_root, CEPU, "actions")) == 3
        await pilot.press("pagedown")
        assert app.session.current_cooperative[1].id == GURU
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("tab")
        assert screen.tab == "rtl-b"
        shown = rows(screen, "rtl-b")
        assert "Kopdar" in shown[0] and "12×" in shown[0]  # monthly: its series
        joint = disk(data_root, "workshop", "joint_actions")
        assert sorted(a["template_id"] for a in joint.values()) == ["b1", "b2", "b3"]
        assert "pagedown" not in keybar(app).lower()  # not a per-cooperative tab
        await pilot.press("d")
        assert len(screen.closing.actions(JOINT)) == 2
        await pilot.press("ctrl+z")
        assert len(screen.closing.actions(JOINT)) == 3
        assert all(isinstance(a, JointAction) for a in screen.closing.actions(JOINT))
        assert all(isinstance(a, CoopAction) for a in screen.closing.actions(GURU))


# -- the Renstra team --------------------------------------------------------------------------


async def test_building_a_renstra_team(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "team")
        problems = text_of(screen, "#team-violations")
        assert "Missing 1 pengurus (needs 1, has 0)" in problems
        assert "Attendee Sutrisno is not on the team" in problems
        assert "1 pengurus, 1 pengawas, 1 karyawan, 2 anggota" in text_of(screen, "#team-title")
        assert sum("empty seat" in row for row in rows(screen, "team")) == 5
        await pilot.press("f")  # seat every attendee
        problems = text_of(screen, "#team-violations")
        assert "Attendee" not in problems
        assert "Sri Wahyuni sits as manajer" in problems
        # Sri Wahyuni takes the pengawas seat instead.
        listing = screen.row_list("team")
        listing.select(next(s.id for s in screen.closing.seats(COOP) if s.participant == "p02"))
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SeatForm)
        assert form.query_one("#seat-person", Select).value == "p02"
        form.query_one("#seat-role", Select).value = Role.PENGAWAS.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Enter on an empty seat fills it with that role; a new name is typed.
        listing.select(next(r for r in rows_ids(screen) if r.startswith("empty:anggota")))
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SeatForm)
        assert form.query_one("#seat-role", Select).value == Role.ANGGOTA.value
        form.query_one("#seat-name", Input).focus()
        await type_text(pilot, "Budi Santoso")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SeatForm)
        form.query_one("#seat-name", Input).focus()
        await type_text(pilot, "Rina")
        await pilot.press("enter")
        await pilot.pause()
        assert "The team meets the rule." in text_of(screen, "#team-violations")
        names = [s.name for s in screen.closing.seats(COOP)]
        assert names == ["Sutrisno", "Sri Wahyuni", "Ma'ruf Hidayat", "Budi Santoso", "Rina"]
        assert len(disk(data_root, COOP, "team")) == 5
        # Remove a seat; undo puts it back.
        listing.select(next(s.id for s in screen.closing.seats(COOP) if s.name == "Rina"))
        await pilot.press("d")
        assert "Missing 1 anggota" in text_of(screen, "#team-violations")
        await pilot.press("ctrl+z")
        assert "The team meets the rule." in text_of(screen, "#team-violations")
        # Another cooperative's team is its own.
        await pilot.press("ctrl+n")
        assert "KPRI Bina Sejahtera Cepu" in text_of(screen, "#team-title")
        assert "Attendee Bambang Purnomo" in text_of(screen, "#team-violations")


async def test_many_team_problems_end_in_a_count_on_a_small_screen(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_closing(pilot)
        for name in ("Budi Santoso", "Wahyu Hidayat", "Rina Marlina"):
            assert app.commit(lambda n=name: screen.closing.add_walk_in(n, COOP, Role.ANGGOTA))
        await pilot.press("4")
        await pilot.pause()
        violations = screen.closing.violations(COOP)
        assert len(violations) == 10  # 4 roles missing, 6 attendees left out
        lines = text_of(screen, "#team-violations").splitlines()
        assert len(lines) == 7
        assert lines[-1] == "✗ … and 4 more problems"
        shown = on_screen(app)
        assert "4 more problems" in shown and "Missing 1 pengurus" in shown
        assert "Attendee Sutrisno is not on the team" in shown
        await pilot.press("f")  # every attendee seated: fewer problems, no count
        await pilot.pause()
        assert "more problems" not in text_of(screen, "#team-violations")


def rows_ids(screen: ClosingScreen) -> list[str]:
    listing = screen.row_list("team")
    return [listing.get_option_at_index(i).id or "" for i in range(listing.option_count)]


# -- follow-up ---------------------------------------------------------------------------------


async def test_followup_tab_marks_done_as_of_a_day(data_root: Path, clock: FakeClock) -> None:
    clock.now = dt.datetime(2018, 5, 10, 3, 0, tzinfo=dt.UTC)
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "followup")
        title = text_of(screen, "#followup-title")
        assert "10 Mei 2018 (hari ini)" in title
        assert "Terlambat 8 · segera 9 · terjadwal 10 · selesai 0" in title
        shown = rows(screen, "followup")
        assert shown[0].startswith("PKPRI Kabupaten Blora · Kelompok 1")
        assert "TERLAMBAT sejak 22 Maret 2018 (49 hari)" in shown[1]
        assert "SEGERA: 22 Mei 2018 (12 hari lagi)" in shown[2]
        assert any("RTL bersama (bagian B)" in row for row in shown)
        first = screen.row_list("followup").selected_id
        assert first is not None and first.startswith(f"{COOP}|")
        await pilot.press("x")
        action = screen.closing.action(COOP, first.split("|")[1])
        assert action is not None and action.done_at == dt.date(2018, 5, 10)
        assert "SELESAI 10 Mei 2018" in rows(screen, "followup")[1]
        assert "selesai 1" in text_of(screen, "#followup-title")
        # Another day: one month later, everything the 22 May deadline held is overdue.
        await pilot.press("greater_than_sign")
        title = text_of(screen, "#followup-title")
        assert "10 Juni 2018" in title and "hari ini" not in title
        assert "TERLAMBAT sejak 22 Mei 2018" in rows(screen, "followup")[2]
        await pilot.press("c")
        assert "hari ini" in text_of(screen, "#followup-title")
        # Enter edits the action behind a row.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await pilot.press("escape")


# -- keys --------------------------------------------------------------------------------------


async def test_the_key_bar_follows_the_tab(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock, lang="en")
    # Narrow: the bar wraps and shows every key of the tab (wide, it keeps to one row).
    async with app.run_test(size=SMALL) as pilot:
        await open_closing(pilot)
        bar = keybar(app)
        assert "Sign / unsign" in bar and "Walk-in" in bar and "Add" not in bar
        await pilot.press("tab")
        bar = keybar(app)
        assert "Add" in bar and "Trash" in bar and "Sign" not in bar and "Next group" in bar
        await pilot.press("tab", "tab")
        bar = keybar(app)
        assert "Seat attendees" in bar and "Trash" not in bar
        await pilot.press("tab")
        bar = keybar(app)
        assert "Done / open" in bar and "+1 month" in bar and "Add" not in bar
        await pilot.press("tab")
        assert closing_screen(app).tab == "pact"


async def test_help_and_palette_list_every_closing_key(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        described = {description for _, _, description in help_screen.rows()}
        for binding in ClosingScreen.BINDINGS:
            assert not isinstance(binding, tuple)
            assert catalog("en")[f"keys.{binding.id}"] in described, binding.id
        await pilot.press("escape")
        commands = {c.title for c in app.get_system_commands(screen)}
        assert {"Walk-in", "Seat attendees", "+1 month", "Trash"} <= commands


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_closing_binding_has_a_description(language: str) -> None:
    words = catalog(language)
    for owner in (ClosingScreen, _Form, ActionTrash):
        for binding in owner.BINDINGS:
            assert not isinstance(binding, tuple), "bindings need stable ids"
            assert binding.id and f"keys.{binding.id}" in words, (owner.__name__, binding)


async def test_english_words_and_language_switch(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "rtl-a")
        assert "RTL bagian A" in text_of(screen, "#rtl-a-title")
        assert "maksimal 1 bulan" in rows(screen, "rtl-a")[0]
        await pilot.press("f8")
        await pilot.pause()
        assert "RTL part A" in text_of(screen, "#rtl-a-title")
        assert "within 1 month after the workshop (22 March 2018)" in rows(screen, "rtl-a")[0]
        tabs = screen.query_one(TabbedContent)
        assert str(tabs.get_tab("team").label) == "Renstra team"


# -- resume ------------------------------------------------------------------------------------


async def test_quit_and_resume_on_the_same_tab_and_row(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot)
        await pilot.press("space", "u")  # Sutrisno signs; show only who has not
        await open_closing(pilot, "rtl-a")
        await pilot.press("ctrl+n", "down")
        chosen = screen.row_list("rtl-a").selected_id
        assert chosen == screen.closing.actions(CEPU)[1].id
        await pilot.press("ctrl+q")
    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = closing_screen(again)
        assert screen.tab == "rtl-a"
        assert screen.query_one(TabbedContent).active == "rtl-a"
        assert "KPRI Bina Sejahtera Cepu" in text_of(screen, "#rtl-a-title")
        assert screen.row_list("rtl-a").selected_id == chosen
        assert again.focused is screen.row_list("rtl-a")
        assert screen.closing.is_signed("p01")
        await pilot.press("1")
        assert screen.unsigned_only
        assert not any("Sutrisno" in row for row in rows(screen, "pact"))


async def test_the_agenda_opens_the_matching_tab(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot, "followup")
        assert app.session is not None
        await pilot.press("f2")
        await pilot.pause()
        app.session.go_to("rtl")
        await pilot.press("o")
        await pilot.pause()
        screen = closing_screen(app)
        assert screen.tab == "rtl-a"
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f6")  # the agenda has not moved: the tab stays
        await pilot.pause()
        assert screen.tab == "rtl-a"


async def test_small_screen_shows_every_tab(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_closing(pilot)
        for tab in ("rtl-a", "rtl-b", "team", "followup", "pact"):
            await pilot.press("tab")
            assert screen.tab == tab
            assert screen.row_list(tab).option_count
            assert screen.row_list(tab).size.height >= 3


# -- deleting keeps the place ------------------------------------------------------------------


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x40", "80x24"])
async def test_delete_moves_to_the_next_row_not_the_first(
    data_root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=size) as pilot:
        screen = await open_closing(pilot, "rtl-a")
        for number in range(1, 5):
            screen.closing.add_action(COOP, ActionDraft(f"Kegiatan tambahan {number}"))
        screen.draw("rtl-a")
        ids = [a.id for a in screen.closing.actions(COOP)]
        assert len(ids) == 7
        listing = screen.row_list("rtl-a")
        listing.select(ids[4])
        await pilot.press("d")  # row 5 goes: row 6 takes its place, selected
        assert listing.selected_id == ids[5]
        await pilot.press("d")
        assert listing.selected_id == ids[6]
        await pilot.press("d")  # the last row goes: the one above it
        assert listing.selected_id == ids[3]
        assert [a.id for a in screen.closing.actions(COOP)] == ids[:4]  # the top is intact
        # Undoing an add takes its row away too: the place is kept the same way.
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("enter")  # restore one: at the end, selected
        await pilot.pause()
        assert listing.selected_id == screen.closing.actions(COOP)[-1].id
        await pilot.press("ctrl+z")  # the restore undone: back in the trash
        assert listing.selected_id == ids[3]


async def test_delete_on_the_joint_board_and_the_team_keeps_the_place(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_closing(pilot, "rtl-b")
        ids = [a.id for a in screen.closing.actions(JOINT)]
        await pilot.press("down", "d")
        assert screen.row_list("rtl-b").selected_id == ids[2]
        await pilot.press("4", "f")  # the team: every attendee seated
        await pilot.pause()
        for name in ("Budi", "Rina"):
            screen.closing.add_seat(COOP, Role.ANGGOTA, name)
        screen.draw("team")
        listing = screen.row_list("team")
        order = rows_ids(screen)
        listing.highlighted = 3  # the 4th seat
        await pilot.press("d")
        assert listing.highlighted == 3
        assert listing.selected_id == rows_ids(screen)[3] != order[0]
        assert order[3] not in rows_ids(screen)


# -- the action form: deadlines and problems ---------------------------------------------------


async def open_action_form(pilot: Pilot[int]) -> ActionForm:
    await open_closing(pilot, "rtl-a")
    await pilot.press("a")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ActionForm)
    return form


async def owner_choices(pilot: Pilot[int], form: ActionForm) -> list[str]:
    """The in-charge picker's options as it shows them, opened."""
    pick = form.query_one("#action-owner-pick", Select)
    pick.focus()
    await pilot.press("enter")
    await pilot.pause()
    overlay = form.query_one(SelectOverlay)
    return [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]


async def test_the_in_charge_picker_names_other_cooperatives(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        form = await open_action_form(pilot)  # RTL A of PKPRI Kabupaten Blora
        choices = [c for c in await owner_choices(pilot, form) if "·" in c]
        # PKPRI's own people first, without their cooperative's name.
        assert [c.split(" · ")[0] for c in choices[:3]] == [
            "Sutrisno",
            "Sri Wahyuni",
            "Ma'ruf Hidayat",
        ]
        assert not any("PKPRI" in c for c in choices[:3])
        # Everyone else with their cooperative, grouped in the plan's order.
        others = choices[3:]
        assert others and all(c.count(" · ") == 2 for c in others)
        assert "Bambang Purnomo · Pengurus (board) · KPRI Bina Sejahtera Cepu" in others
        assert others[-1].endswith("Koperasi Karyawan Patra Mandiri Cepu")
        assert "Bina Sejahtera" in on_screen(app)
        await pilot.press("escape", "escape")
        await pilot.pause()
        # The joint plan: everyone with their cooperative.
        await pilot.press("3", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        choices = [c for c in await owner_choices(pilot, form) if "·" in c]
        assert choices[0] == "Sutrisno · Pengurus (board) · PKPRI Kabupaten Blora"
        assert all(c.count(" · ") == 2 for c in choices)


def preview_of(form: ActionForm) -> str:
    return str(form.query_one("#action-deadline-preview", Static).render()).replace("\u00a0", " ")


def problem_of(form: _Form[Any]) -> str:
    return str(form.query_one(".form-problem", Static).render())


@pytest.mark.parametrize(
    ("language", "text", "said"),
    [
        ("id", "31 Februari 2018", "Februari 2018 tidak punya tanggal 31 (tanggal terakhirnya 28)"),
        ("id", "2018-02-31", "Februari 2018 tidak punya tanggal 31"),
        ("id", "29 Februari 2018", "Februari 2018 tidak punya tanggal 29 (tanggal terakhirnya 28)"),
        ("id", "30/2/2018", "Februari 2018 tidak punya tanggal 30"),
        ("id", "2018-13-01", "Tidak ada bulan 13"),
        ("en", "31 February 2018", "February 2018 has no day 31 (its last day is 28)"),
        ("en", "2018-13-01", "There is no month 13"),
    ],
)
async def test_an_impossible_date_says_what_is_wrong(
    data_root: Path, clock: FakeClock, language: str, text: str, said: str
) -> None:
    app = blora_app(data_root, clock, lang=language)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_action_form(pilot)
        await type_text(pilot, "Rapat pengurus")
        form.query_one("#action-deadline", Input).focus()
        await type_text(pilot, text)
        assert said in preview_of(form)
        assert "Contoh" not in preview_of(form) and "Examples" not in preview_of(form)
        await pilot.press("ctrl+s")
        assert app.screen is form  # not saved
        assert said in problem_of(form)


async def test_a_problem_goes_once_its_field_is_fixed(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_action_form(pilot)
        await pilot.press("ctrl+s")  # no activity
        assert "Ketik kegiatannya" in problem_of(form)
        await type_text(pilot, "Rapat")
        assert problem_of(form) == ""
        form.query_one("#action-deadline", Input).focus()
        await type_text(pilot, "besok")
        await pilot.press("ctrl+s")
        assert "Tidak dimengerti" in problem_of(form)
        await pilot.press(*["backspace"] * 5)
        await type_text(pilot, "bulanan selama 6 bulan")
        assert "6 tanggal" in preview_of(form)
        assert problem_of(form) == ""
        await pilot.press("escape")
        await pilot.pause()
        # The walk-in form: "type the name" goes with the first letter.
        await pilot.press("1", "w")
        await pilot.pause()
        walk_in = app.screen
        assert isinstance(walk_in, WalkInForm)
        await pilot.press("ctrl+s")
        assert "Ketik namanya" in problem_of(walk_in)
        await type_text(pilot, "W")
        assert problem_of(walk_in) == ""
        await pilot.press("escape")
        await pilot.pause()
        # The seat form: a name typed answers "pick someone or type a name".
        await pilot.press("4", "a")
        await pilot.pause()
        seat = app.screen
        assert isinstance(seat, SeatForm)
        await pilot.press("ctrl+s")
        assert "ketik nama" in problem_of(seat)
        seat.query_one("#seat-name", Input).focus()
        await type_text(pilot, "Rina")
        assert problem_of(seat) == ""


@pytest.mark.parametrize(
    ("language", "warning"),
    [
        ("id", "Sebelum hari terakhir pelatihan (22 Februari 2018)"),
        ("en", "Before the workshop's last day (22 February 2018)"),
    ],
)
async def test_a_deadline_before_the_workshop_is_warned_but_saved(
    data_root: Path, clock: FakeClock, language: str, warning: str
) -> None:
    app = blora_app(data_root, clock, lang=language)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_action_form(pilot)
        await type_text(pilot, "Rapat pengurus")
        deadline = form.query_one("#action-deadline", Input)
        deadline.focus()
        await type_text(pilot, "2018-01-15")
        assert warning in preview_of(form)
        deadline.value = "2018-02-22"  # the last day itself: a real deadline
        await pilot.pause()
        assert warning not in preview_of(form)
        deadline.value = "2018-02-20"  # during the workshop: still before its last day
        await pilot.pause()
        assert warning in preview_of(form)
        deadline.value = "2018-01-15"
        await pilot.pause()
        await pilot.press("ctrl+s")  # a warning, not a refusal
        await pilot.pause()
        assert app.screen is not form
        assert screen_actions(app)[-1].deadline == dt.date(2018, 1, 15)


def screen_actions(app: WorkshopApp) -> list[Any]:
    return closing_screen(app).closing.actions(COOP)


# Activity, Tab Tab (past the roster pick) to the owner, Tab to the deadline, Tab to the
# indicator, Ctrl+S: the exploratory tester's sequence.
FAST_FORM = [
    *"Rapat",
    "tab",
    "tab",
    *"Ani",
    "tab",
    *"3",
    "space",
    *"bulan",
    "tab",
    *"Notulen",
    "ctrl+s",
]


def check_fast_form(app: WorkshopApp) -> None:
    added = screen_actions(app)[-1]
    assert (added.activity, added.owner, added.deadline, added.indicator) == (
        "Rapat",
        "Ani",
        Within(within_months=3),
        "Notulen",
    )


async def test_fast_typing_fills_every_field(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot, "rtl-a")
        await pilot.press("a", *FAST_FORM)  # one key after the other, no pause
        await pilot.pause()
        check_fast_form(app)


async def test_keys_that_arrive_together_go_to_the_field_tab_moved_to(
    data_root: Path, clock: FakeClock
) -> None:
    """A terminal hands over fast typing in one read: every key is queued before the app
    handles the first. A key after Tab must still reach the next field."""
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_action_form(pilot)
        for name in FAST_FORM:
            char = {"space": " ", "tab": "\t"}.get(name, name if len(name) == 1 else None)
            app.post_message(events.Key(name, char))
        await pilot.pause()
        await pilot.pause()
        check_fast_form(app)


# -- keys in a burst (a fast typist, a paste, tmux send-keys) -----------------------------------
# Textual 8.2.8 inserts a letter into an Input at once but runs Enter, Backspace, the arrows
# and the form's Ctrl+S / Escape only once the key has bubbled up to the app: by then the
# letters after them are in ("Santosx⌫o" kept the x and lost the o, the letters typed after
# Enter were saved with the record).


def draft_keys(root: Path) -> list[str]:
    return [key for key in disk(root, "workshop", "drafts") if key.startswith("closing:")]


async def test_a_walk_in_typed_in_a_burst_is_saved_as_typed(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "pact")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WalkInForm)
        keys = [*"udi", "space", *"Santosx", "home", "B", "end", "backspace", "o"]
        await burst(pilot, *keys, "enter", *"zz")
        await pilot.pause()
        assert app.screen is screen
        assert [p.name for p in screen.closing.roster()][-1] == "Budi Santoso"
        assert draft_keys(data_root) == []


async def test_an_action_typed_in_a_burst_fills_every_field_as_typed(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_action_form(pilot)
        keys = [*"Rapax", "backspace", "t", "tab", "tab", *"Ani", "tab", "3", "space"]
        keys += [*"bulax", "backspace", "n", "tab", *"Notulen"]
        await burst(pilot, *keys, "ctrl+s", *"zz")
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)
        check_fast_form(app)
        assert draft_keys(data_root) == []


async def test_a_seat_typed_in_a_burst_is_saved_as_typed(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "team")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SeatForm)
        assert app.focused is form.query_one("#seat-person", Select)
        keys = ["tab", *"Budi", "space", *"Santosx", "left", "backspace", "right", "o"]
        await burst(pilot, *keys, "enter", *"zz")
        await pilot.pause()
        assert app.screen is screen
        assert [s.name for s in screen.closing.seats(COOP)] == ["Budi Santoxo"]
        assert draft_keys(data_root) == []


# -- the language switched while a form is open -------------------------------------------------


async def switch_language_from_the_palette(pilot: Pilot[int], command: str = "Bahasa") -> None:
    """F8 is not a form's key; the command palette (Ctrl+P) is open over a form too."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


def title_of(form: _Form[Any]) -> str:
    return str(form.query_one(".form-title", Static).render())


def shown_choice(form: _Form[Any], widget_id: str) -> str:
    label = form.query_one(f"#{widget_id}", Select).query_one(SelectCurrent).query_one("#label")
    return str(label.render())


def labels_of(form: _Form[Any]) -> list[str]:
    return [str(label.render()) for label in form.query(".form-label")]


async def test_an_open_action_form_follows_a_language_switch(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_action_form(pilot)
        await pilot.press("tab", "tab", "tab", *"3", "space", *"bulan")
        form.query_one("#action-status", Select).value = ActionStatus.DONE.value
        await pilot.press("ctrl+s")  # no activity: refused, the problem shown
        await pilot.pause()
        assert app.screen is form
        assert "Kegiatan tindak lanjut baru" in title_of(form)
        assert "Kegiatan" in labels_of(form)
        assert problem_of(form) != ""
        drafts = disk(data_root, "workshop", "drafts")
        await switch_language_from_the_palette(pilot)
        assert app.language == "en" and app.screen is form
        assert "New follow-up action" in title_of(form)
        assert labels_of(form)[:2] == ["Activity", "In charge"]
        assert "Deadline" in labels_of(form) and "Status" in labels_of(form)
        assert shown_choice(form, "action-status") == "Done"  # the choice kept, in English
        assert shown_choice(form, "action-owner-pick") == "Choose from the roster…"
        deadline = form.query_one("#action-deadline", Input)
        assert deadline.value == "3 bulan"  # what is typed stays
        assert form.query_one("#action-owner", Input).placeholder.startswith("…or type")
        assert "within 3 months" in preview_of(form)
        assert problem_of(form) == "Type the activity."
        await pilot.pause()
        assert "Save" in keybar(app) and "Simpan" not in keybar(app)
        assert disk(data_root, "workshop", "drafts") == drafts  # nothing new to keep


async def test_open_walk_in_and_seat_forms_follow_a_language_switch(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot, "pact")
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WalkInForm)
        await pilot.press(*"Rina")
        await switch_language_from_the_palette(pilot)
        assert "Walk-in participant" in title_of(form)
        assert labels_of(form) == ["Name", "Cooperative", "Role"]
        assert shown_choice(form, "walk-in-role") == "Anggota (member)"
        assert form.query_one("#walk-in-name", Input).value == "Rina"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("4", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SeatForm)
        await switch_language_from_the_palette(pilot, "Language")
        assert app.language == "id"
        assert "Kursi baru di tim" in title_of(form)
        assert labels_of(form) == ["Peran", "Orang", "Nama"]
        assert shown_choice(form, "seat-person") == "Pilih dari daftar peserta…"
