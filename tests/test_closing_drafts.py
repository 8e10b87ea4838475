"""The closing screen's forms (walk-in, RTL action, team seat) keep what is typed: every
field is saved as a draft as it is typed, the form comes back after a crash (kill -9) on
its tab with every field as typed and says so, and saving or cancelling it removes the
draft. A crash is simulated as in the other draft tests: the app is dropped without a
quit (the lock released, nothing saved on the way out) and a new one opens the same data."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import BLORA, FakeClock
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static
from tinydb import TinyDB

from workshop_tui.domain.deadline_text import deadline_text
from workshop_tui.domain.deadlines import Within
from workshop_tui.domain.plan import Role
from workshop_tui.domain.state import ActionStatus
from workshop_tui.storage import atomic
from workshop_tui.storage.paths import workshop_dir
from workshop_tui.storage.store import shard_file
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.launch import create_app
from workshop_tui.tui.screens.closing import ClosingScreen
from workshop_tui.tui.widgets.closing_forms import ActionForm, SeatForm, WalkInForm, _Form
from workshop_tui.workflows.closing import Closing

SIZE = (120, 40)
COOP = "pkpri-blora"
CEPU = "kpri-bina-sejahtera-cepu"
GURU = "kpri-guru-randublatung"
RECOVERED_ID = "(teks yang belum disimpan dipulihkan)"


def blora_app(root: Path, clock: FakeClock, **kw: Any) -> WorkshopApp:
    return create_app(root, BLORA, clock=clock, **kw)


def closing_screen(app: WorkshopApp) -> ClosingScreen:
    for screen in app.screen_stack:
        if isinstance(screen, ClosingScreen):
            return screen
    raise AssertionError(app.screen_stack)


async def open_closing(pilot: Pilot[int], tab_key: str = "1") -> ClosingScreen:
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press(tab_key)
    await pilot.pause()
    return closing_screen(pilot.app)  # type: ignore[arg-type]


async def type_text(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


def closing_drafts(root: Path) -> dict[str, dict[str, Any]]:
    """The closing forms' drafts as they are on disk (not in memory)."""
    path = shard_file(workshop_dir(root, "blora-2018"), "workshop")
    if not path.exists():
        return {}
    with TinyDB(path, access_mode="r") as db:
        docs = db.table("drafts").all()
    return {doc["id"]: dict(doc) for doc in docs if doc["id"].startswith("closing:")}


def draft_fields(root: Path, key: str) -> dict[str, str]:
    draft = closing_drafts(root)[key]
    assert draft["open"] is True
    fields: dict[str, str] = json.loads(draft["text"])
    return fields


async def crash(pilot: Pilot[int], app: WorkshopApp) -> None:
    """Leave as kill -9 would: no quit, no form saved; only what is on disk counts."""
    await pilot.pause()
    assert app.session is not None
    app.session.store.lock.release()
    app.session = None


def title_of(form: _Form[Any]) -> str:
    return str(form.query_one(".form-title", Static).render())


def value(form: _Form[Any], widget_id: str) -> str:
    widget = form.query_one(f"#{widget_id}")
    if isinstance(widget, Select):
        return "" if widget.value == Select.NULL else str(widget.value)
    assert isinstance(widget, Input)
    return widget.value


# -- the walk-in form --------------------------------------------------------------------------


async def test_a_walk_in_typed_before_a_kill_comes_back(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot)
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WalkInForm)
        await type_text(pilot, "Wahyu Ning")
        form.query_one("#walk-in-coop", Select).value = GURU
        form.query_one("#walk-in-role", Select).value = Role.KARYAWAN.value
        await pilot.press("tab", "tab")
        await crash(pilot, app)
        assert draft_fields(data_root, "closing:workshop:walk-in") == {
            "name": "Wahyu Ning",
            "cooperative": GURU,
            "role": "karyawan",
        }

    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        form = again.screen
        assert isinstance(form, WalkInForm)
        assert closing_screen(again).tab == "pact"
        assert RECOVERED_ID in title_of(form)
        assert value(form, "walk-in-name") == "Wahyu Ning"
        assert value(form, "walk-in-coop") == GURU
        assert value(form, "walk-in-role") == "karyawan"
        assert again.focused is form.query_one("#walk-in-name", Input)
        await type_text(pilot, "sih")  # typing goes on at the end of the name
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = closing_screen(again)
        assert again.screen is screen
        person = screen.closing.roster()[-1]
        assert (person.name, person.cooperative, person.role) == (
            "Wahyu Ningsih",
            GURU,
            Role.KARYAWAN,
        )
        assert closing_drafts(data_root) == {}  # saved: the draft is gone


# -- the action form ---------------------------------------------------------------------------


async def test_a_new_action_typed_before_a_kill_comes_back_on_its_board(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot, "2")
        await pilot.press("ctrl+n")  # another cooperative's board
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        await type_text(pilot, "Rapat anggota khusus")
        form.query_one("#action-owner-pick", Select).value = "p01"
        await pilot.pause()
        assert value(form, "action-owner") == "Sutrisno"
        await pilot.press("tab", "tab", "tab")  # past the pick and the name: the deadline
        await type_text(pilot, "3 bulan")
        await crash(pilot, app)
        fields = draft_fields(data_root, f"closing:{CEPU}:action")
        assert fields["activity"] == "Rapat anggota khusus"
        assert fields["deadline"] == "3 bulan"

    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        form = again.screen
        assert isinstance(form, ActionForm)
        screen = closing_screen(again)
        assert screen.tab == "rtl-a"
        assert again.session is not None and again.session.current_cooperative[1].id == CEPU
        assert "baru" in title_of(form)
        assert RECOVERED_ID in title_of(form)
        assert value(form, "action-activity") == "Rapat anggota khusus"
        assert value(form, "action-owner-pick") == "p01"
        assert value(form, "action-owner") == "Sutrisno"
        assert value(form, "action-deadline") == "3 bulan"
        assert value(form, "action-status") == "open"
        preview = str(form.query_one("#action-deadline-preview", Static).render())
        assert "22 Mei 2018" in preview  # what the deadline stands for, shown again
        before = len(screen.closing.actions(CEPU))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert again.screen is screen
        actions = screen.closing.actions(CEPU)
        assert len(actions) == before + 1
        added = actions[-1]
        assert (added.activity, added.owner_participant, added.deadline) == (
            "Rapat anggota khusus",
            "p01",
            Within(within_months=3),
        )
        assert screen.row_list("rtl-a").selected_id == added.id
        assert closing_drafts(data_root) == {}


async def test_an_edit_typed_before_a_kill_comes_back_and_saves_the_same_action(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "2")
        await pilot.press("down")
        action = screen.closing.actions(COOP)[1]
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        await pilot.press("end")
        await type_text(pilot, " segera")
        await pilot.press("tab", "tab")  # the name in charge: typed over
        form.query_one("#action-owner", Input).value = ""
        await type_text(pilot, "Bu Ani")
        form.query_one("#action-status", Select).value = ActionStatus.DONE.value
        await crash(pilot, app)
        draft = closing_drafts(data_root)[f"closing:{COOP}:action"]
        assert draft["note_id"] == action.id

    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        form = again.screen
        assert isinstance(form, ActionForm)
        assert "Ubah" in title_of(form) and RECOVERED_ID in title_of(form)
        assert value(form, "action-activity") == action.activity + " segera"
        assert value(form, "action-owner") == "Bu Ani"
        assert value(form, "action-owner-pick") == ""
        assert value(form, "action-status") == "done"
        # The deadline was not touched: the action's, as the form shows it.
        assert value(form, "action-deadline") == deadline_text(action.deadline, "id") != ""
        assert again.focused is form.query_one("#action-activity", Input)
        await type_text(pilot, "!")  # goes on after the recovered text, never over it
        screen = closing_screen(again)
        count = len(screen.closing.actions(COOP))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert again.screen is screen
        assert len(screen.closing.actions(COOP)) == count  # the same action, edited
        edited = screen.closing.action(COOP, action.id)
        assert edited is not None
        assert (edited.activity, edited.owner, edited.status) == (
            action.activity + " segera!",
            "Bu Ani",
            ActionStatus.DONE,
        )
        assert closing_drafts(data_root) == {}


async def test_a_recovered_form_is_cancelled_only_by_a_second_escape(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot, "3")  # the joint board
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Kopdar")
        await crash(pilot, app)
        assert draft_fields(data_root, "closing:workshop:action")["activity"] == "Kopdar"

    again = blora_app(data_root, clock, lang="en")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        form = again.screen
        assert isinstance(form, ActionForm)
        assert closing_screen(again).tab == "rtl-b"
        assert "(unsaved text recovered)" in title_of(form)
        assert value(form, "action-activity") == "Kopdar"
        await pilot.press("escape")
        await pilot.pause()
        assert again.screen is form  # one slip loses nothing
        assert "recovered text is not saved" in "\n".join(
            str(n.message) for n in again._notifications
        )
        assert draft_fields(data_root, "closing:workshop:action")["activity"] == "Kopdar"
        await pilot.press("escape")
        await pilot.pause()
        screen = closing_screen(again)
        assert again.screen is screen
        assert not any(a.activity == "Kopdar" for a in screen.closing.actions("workshop"))
        assert closing_drafts(data_root) == {}


# -- saving and cancelling remove the draft ----------------------------------------------------


async def test_saving_or_cancelling_a_form_removes_its_draft(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "2")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Rapat")
        await pilot.pause()
        assert draft_fields(data_root, f"closing:{COOP}:action")["activity"] == "Rapat"
        await pilot.press("escape")  # typed here and now: one Escape cancels
        await pilot.pause()
        assert app.screen is screen
        assert closing_drafts(data_root) == {}
        await pilot.press("1", "w")
        await pilot.pause()
        await type_text(pilot, "Rina")
        await pilot.pause()
        assert draft_fields(data_root, "closing:workshop:walk-in")["name"] == "Rina"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert closing_drafts(data_root) == {}
        await crash(pilot, app)

    # Nothing was left open: the app comes back without a form.
    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(again.screen, ClosingScreen)
        assert [p.name for p in again.screen.closing.roster()].count("Rina") == 1


# -- the team's seat form ----------------------------------------------------------------------


async def test_a_seat_typed_before_a_kill_comes_back(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot, "4")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SeatForm)
        form.query_one("#seat-role", Select).value = Role.ANGGOTA.value
        form.query_one("#seat-name", Input).focus()
        await type_text(pilot, "Budi Sant")
        await crash(pilot, app)

    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        form = again.screen
        assert isinstance(form, SeatForm)
        assert closing_screen(again).tab == "team"
        assert RECOVERED_ID in title_of(form)
        assert value(form, "seat-name") == "Budi Sant"
        assert value(form, "seat-role") == "anggota"
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = closing_screen(again)
        assert [s.name for s in screen.closing.seats(COOP)] == ["Budi Sant"]
        assert closing_drafts(data_root) == {}


# -- a crash between saving a form and removing its draft ----------------------------------------
# A cooperative's action or seat is saved in the cooperative's file, the draft in the
# workshop's: two commits. Killed between them, the draft came back after the restart as a
# new action / seat, and saving it again added the record a second time.


def keep_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app dies right after the record is saved, before the draft goes (as kill -9
    between the two commits would leave the files)."""
    monkeypatch.setattr(Closing, "close_form_draft", lambda self, shard, form: None)


async def test_a_crash_after_an_action_is_saved_never_adds_it_twice(
    data_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "2")
        before = len(screen.closing.actions(COOP))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await type_text(pilot, "Rapat anggota khusus")
        keep_drafts(monkeypatch)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(screen.closing.actions(COOP)) == before + 1
        added = screen.closing.actions(COOP)[-1]
        await crash(pilot, app)
        assert f"closing:{COOP}:action" in closing_drafts(data_root)
    monkeypatch.undo()

    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        form = again.screen
        assert isinstance(form, ActionForm)
        assert value(form, "action-activity") == "Rapat anggota khusus"
        assert form.action is not None and form.action.id == added.id  # what was saved
        await type_text(pilot, "!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = closing_screen(again)
        actions = screen.closing.actions(COOP)
        assert [a.activity for a in actions].count("Rapat anggota khusus!") == 1
        assert not any(a.activity == "Rapat anggota khusus" for a in actions)
        assert len(actions) == before + 1
        assert closing_drafts(data_root) == {}


async def test_a_crash_after_a_seat_is_saved_never_adds_it_twice(
    data_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "4")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SeatForm)
        form.query_one("#seat-name", Input).focus()
        await type_text(pilot, "Budi Santoso")
        keep_drafts(monkeypatch)
        await pilot.press("enter")
        await pilot.pause()
        assert [s.name for s in screen.closing.seats(COOP)] == ["Budi Santoso"]
        await crash(pilot, app)
        assert f"closing:{COOP}:seat" in closing_drafts(data_root)
    monkeypatch.undo()

    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        form = again.screen
        assert isinstance(form, SeatForm)
        assert value(form, "seat-name") == "Budi Santoso"
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = closing_screen(again)
        assert [s.name for s in screen.closing.seats(COOP)] == ["Budi Santoso"]
        assert closing_drafts(data_root) == {}


# -- a failing disk ----------------------------------------------------------------------------


async def test_a_failing_disk_while_typing_in_a_form_is_told_and_saved_later(
    data_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot)
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WalkInForm)

        def failing(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(atomic.os, "open", failing)
        await type_text(pilot, "Sari")
        await pilot.pause()
        assert app.saving_failed  # said on screen, as for every other change
        assert app.screen is form and value(form, "walk-in-name") == "Sari"
        monkeypatch.undo()
        await pilot.pause(3.5)  # the retry runs every 3 s
        assert not app.saving_failed
        assert draft_fields(data_root, "closing:workshop:walk-in")["name"] == "Sari"


async def test_an_edit_from_the_follow_up_comes_back_on_the_follow_up(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot, "5")
        row = screen.row_list("followup").selected_id
        assert row is not None and row.startswith(f"{COOP}|")
        action_id = row.split("|")[1]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await pilot.pause()
        assert closing_drafts(data_root) == {}  # opened, nothing typed: nothing to keep
        await pilot.press("home")
        await type_text(pilot, "Segera: ")
        await crash(pilot, app)

    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        form = again.screen
        assert isinstance(form, ActionForm)
        screen = closing_screen(again)
        assert screen.tab == "followup"
        assert value(form, "action-activity").startswith("Segera: Semua pelopor")
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = screen.closing.action(COOP, action_id)
        assert edited is not None and edited.activity.startswith("Segera: Semua pelopor")
        assert closing_drafts(data_root) == {}


# -- the strategy screen's factor prompt (the same defect, F4) ----------------------------------


def drafts_on_disk(root: Path) -> dict[str, dict[str, Any]]:
    path = shard_file(workshop_dir(root, "blora-2018"), "workshop")
    with TinyDB(path, access_mode="r") as db:
        return {doc["id"]: dict(doc) for doc in db.table("drafts").all()}


async def test_a_weight_typed_before_a_kill_comes_back_in_the_prompt(
    data_root: Path, clock: FakeClock
) -> None:
    from workshop_tui.domain.state import FactorScore, Quadrant
    from workshop_tui.tui.screens.strategy import SCORING, StrategyScreen

    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert app.session is not None
        for text in ("Anggota loyal", "Simpanan rutin"):
            app.session.swot.add(COOP, Quadrant.STRENGTH, text)
        second = app.session.swot.notes(COOP, Quadrant.STRENGTH)[1]
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("f4")  # the factor scores
        await pilot.pause()
        strategy = app.screen
        assert isinstance(strategy, StrategyScreen) and strategy.tab == SCORING
        await pilot.press("down", "w")
        await type_text(pilot, "0,1")
        await crash(pilot, app)
        draft = drafts_on_disk(data_root)[f"strategy:{COOP}:weight"]
        assert (draft["text"], draft["note_id"]) == ("0,1", second.id)

    again = blora_app(data_root, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        strategy = again.screen
        assert isinstance(strategy, StrategyScreen) and strategy.tab == SCORING
        field = strategy.query_one("#score-input", Input)
        assert again.focused is field and field.value == "0,1"
        assert "Bobot S2" in field.placeholder  # asking for the same factor's weight
        assert any(
            str(n.message) == "(teks yang belum disimpan dipulihkan: S2)"
            for n in again._notifications
        )
        await type_text(pilot, "5")
        await pilot.press("enter")
        await pilot.pause()
        assert again.session is not None
        score = again.session.state.cooperative(COOP).get(FactorScore, second.id)
        assert score is not None and score.weight == pytest.approx(0.15)
        assert drafts_on_disk(data_root)[f"strategy:{COOP}:weight"]["text"] == ""  # ended
        # Escape ends a prompt's draft too.
        await pilot.press("w")
        await type_text(pilot, "0,2")
        await pilot.pause()
        assert drafts_on_disk(data_root)[f"strategy:{COOP}:weight"]["text"] == "0,2"
        await pilot.press("escape")
        await pilot.pause()
        assert drafts_on_disk(data_root)[f"strategy:{COOP}:weight"]["text"] == ""
