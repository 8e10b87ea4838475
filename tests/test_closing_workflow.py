"""The closing without a screen (workflows/closing.py): signatures and corrections,
walk-ins, RTL actions from templates, editing, order, trash, undo, Renstra teams and the
follow-up rows — each on disk when the call returns, and the same after a reopen."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FakeClock, Sessions
from tinydb import TinyDB

from workshop_tui.domain.deadlines import DueState, Every, Within
from workshop_tui.domain.plan import Role
from workshop_tui.domain.state import ActionStatus, CoopAction, JointAction, Signature, TeamSeat
from workshop_tui.session import Session
from workshop_tui.storage.store import shard_file
from workshop_tui.workflows.closing import (
    JOINT,
    ActionDraft,
    ActionNotFound,
    Closing,
    short_id_length,
)

COOP = "pkpri-blora"
OTHER = "kpri-guru-randublatung"


@pytest.fixture
def closing(sessions: Sessions) -> Closing:
    return sessions.open().closing


def on_disk(session: Session, shard: str, table: str) -> dict[str, dict[str, object]]:
    with TinyDB(shard_file(session.store.folder, shard), access_mode="r") as db:
        return {doc["id"]: dict(doc) for doc in db.table(table).all()}


# -- the pact ------------------------------------------------------------------------------


def test_signing_records_the_time_and_counts(closing: Closing, clock: FakeClock) -> None:
    assert closing.signed_count() == (0, 20)
    assert closing.toggle_signed("p01") is True
    signature = closing.signature("p01")
    assert signature is not None and signature.signed_at == clock.now
    assert signature.revoked_at is None
    clock.advance(minutes=1)
    closing.toggle_signed("p02")
    assert closing.signed_count() == (2, 20)
    assert [p.key for p in closing.unsigned()][:2] == ["p03", "p04"]
    disk = on_disk(closing.session, "workshop", "signatures")
    assert set(disk) == {"p01", "p02"}
    assert closing.set_signed("p01", True) is False  # already signed: nothing changes
    assert closing.set_signed("nobody", True) is False  # not on the roster


def test_a_mistaken_mark_is_corrected_not_erased(closing: Closing, clock: FakeClock) -> None:
    closing.toggle_signed("p05")
    signed_at = clock.now
    clock.advance(minutes=2)
    assert closing.toggle_signed("p05") is False  # the correction
    signature = closing.signature("p05")
    assert signature is not None
    assert signature.signed_at == signed_at and signature.revoked_at == clock.now
    assert closing.signed_count() == (0, 20)
    disk = on_disk(closing.session, "workshop", "signatures")["p05"]
    assert disk["revoked_at"] is not None
    # Undo the correction: signed again, at the original time.
    closing.undo(closing.pact_edits, JOINT)
    assert closing.is_signed("p05")
    assert closing.signature("p05") == Signature(id="p05", signed_at=signed_at)
    closing.redo(closing.pact_edits, JOINT)
    assert not closing.is_signed("p05")
    clock.advance(minutes=5)
    closing.toggle_signed("p05")  # signs again, now
    signature = closing.signature("p05")
    assert signature is not None and signature.signed_at == clock.now


def test_a_walk_in_joins_the_roster_and_signs(sessions: Sessions, closing: Closing) -> None:
    person = closing.add_walk_in("  Wahyu   Ningsih ", OTHER, Role.ANGGOTA)
    assert person is not None and person.walk_in and person.name == "Wahyu Ningsih"
    assert closing.roster()[-1] == person
    assert closing.roster_of(OTHER)[-1] == person
    closing.toggle_signed(person.key)
    assert closing.signed_count() == (1, 21)
    assert closing.add_walk_in("   ", OTHER, Role.ANGGOTA) is None
    with pytest.raises(ValueError):
        closing.add_walk_in("Nobody", "no-such-coop", Role.ANGGOTA)
    again = sessions.open().closing
    assert again.roster()[-1] == person and again.is_signed(person.key)
    # The walk-in counts as an attendee of their cooperative for the team rule.
    assert any(v.person == "Wahyu Ningsih" for v in again.violations(OTHER))


def test_undo_a_walk_in(closing: Closing) -> None:
    closing.add_walk_in("Salah Ketik", COOP, Role.ANGGOTA)
    assert len(closing.roster()) == 21
    closing.undo(closing.pact_edits, JOINT)
    assert len(closing.roster()) == 20


# -- actions ---------------------------------------------------------------------------------


def test_first_visit_creates_the_templates_once(sessions: Sessions, closing: Closing) -> None:
    created = closing.ensure_from_templates(COOP)
    assert [a.template_id for a in created] == ["a1", "a2", "a3"]
    assert all(isinstance(a, CoopAction) for a in created)
    assert created[0].deadline == Within(within_months=1)
    assert created[0].owner == "Semua peserta (pelopor)"
    assert len(on_disk(closing.session, COOP, "actions")) == 3
    assert closing.ensure_from_templates(COOP) == []  # only once
    joint = closing.ensure_from_templates(JOINT)
    assert [a.template_id for a in joint] == ["b1", "b2", "b3"]
    assert all(isinstance(a, JointAction) for a in joint)
    assert joint[0].deadline == Every(every_months=1, for_months=12)
    # Creating them is not an undo step.
    assert closing.undo(closing.action_edits, COOP) is None
    # A board whose actions were all deleted is not refilled.
    for action in closing.actions(OTHER) or closing.ensure_from_templates(OTHER):
        closing.delete_action(OTHER, action.id)
    assert closing.ensure_from_templates(OTHER) == []
    again = sessions.open().closing
    assert [a.template_id for a in again.actions(COOP)] == ["a1", "a2", "a3"]


def test_add_edit_status_and_done_date(closing: Closing, clock: FakeClock) -> None:
    closing.ensure_from_templates(COOP)
    draft = ActionDraft(
        activity=" Rapat anggota khusus ",
        owner="Sutrisno",
        owner_participant="p01",
        deadline=dt.date(2018, 6, 30),
        indicator="Notulen rapat",
    )
    added = closing.add_action(COOP, draft)
    assert added is not None and added.activity == "Rapat anggota khusus"
    assert [a.id for a in closing.actions(COOP)][-1] == added.id
    assert closing.owner_label(added) == "Sutrisno"
    assert closing.add_action(COOP, ActionDraft(activity="  ")) is None
    done = closing.update_action(
        COOP, added.id, ActionDraft(**{**draft.__dict__, "status": ActionStatus.DONE})
    )
    assert done is not None and done.done_at == dt.date(2018, 2, 19)
    clock.advance(days=3)
    kept = closing.update_action(
        COOP, added.id, ActionDraft(**{**draft.__dict__, "status": ActionStatus.DONE})
    )
    assert kept is not None and kept.done_at == dt.date(2018, 2, 19)  # still done that day
    reopened = closing.toggle_done(COOP, added.id)
    assert reopened is not None and reopened.status is ActionStatus.OPEN
    assert reopened.done_at is None
    marked = closing.set_status(COOP, added.id, ActionStatus.DONE, on=dt.date(2018, 5, 2))
    assert marked is not None and marked.done_at == dt.date(2018, 5, 2)
    dropped = closing.set_status(COOP, added.id, ActionStatus.DROPPED)
    assert dropped is not None and dropped.done_at is None
    disk = on_disk(closing.session, COOP, "actions")[added.id]
    assert disk["status"] == "dropped" and disk["owner_participant"] == "p01"


def test_reorder_delete_restore_and_undo(sessions: Sessions, closing: Closing) -> None:
    a1, _a2, a3 = closing.ensure_from_templates(COOP)
    assert closing.reorder_action(COOP, a3.id, -1)
    assert [a.template_id for a in closing.actions(COOP)] == ["a1", "a3", "a2"]
    assert not closing.reorder_action(COOP, a1.id, -1)  # already first
    closing.delete_action(COOP, a1.id)
    assert [a.template_id for a in closing.actions(COOP)] == ["a3", "a2"]
    assert [a.id for a in closing.trash(COOP)] == [a1.id]
    closing.restore_action(COOP, a1.id)
    assert [a.template_id for a in closing.actions(COOP)] == ["a3", "a2", "a1"]
    closing.undo(closing.action_edits, COOP)  # the restore
    closing.undo(closing.action_edits, COOP)  # the delete
    closing.undo(closing.action_edits, COOP)  # the move
    assert [a.template_id for a in closing.actions(COOP)] == ["a1", "a2", "a3"]
    assert closing.undo(closing.action_edits, COOP) is None
    closing.redo(closing.action_edits, COOP)
    assert [a.template_id for a in closing.actions(COOP)] == ["a1", "a3", "a2"]
    # Undo of a new action sends it to the trash: typed text is never erased.
    added = closing.add_action(COOP, ActionDraft(activity="Baru"))
    assert added is not None
    closing.undo(closing.action_edits, COOP)
    assert added.id in {a.id for a in closing.trash(COOP)}
    again = sessions.open().closing
    assert [a.template_id for a in again.actions(COOP)] == ["a1", "a3", "a2"]


def test_boards_keep_separate_histories(closing: Closing) -> None:
    closing.ensure_from_templates(COOP)
    closing.ensure_from_templates(JOINT)
    (b1, *_) = closing.actions(JOINT)
    closing.toggle_signed("p01")
    closing.delete_action(JOINT, b1.id)
    # Undoing on the joint board does not touch the pact, and vice versa.
    closing.undo(closing.action_edits, JOINT)
    assert closing.is_signed("p01")
    closing.undo(closing.pact_edits, JOINT)
    assert not closing.is_signed("p01")
    assert len(closing.actions(JOINT)) == 3


# -- the Renstra team ------------------------------------------------------------------------


def test_team_rows_follow_the_rule(closing: Closing) -> None:
    rows = closing.team_rows(COOP)
    assert [r.role for r in rows] == [
        Role.PENGURUS,
        Role.PENGAWAS,
        Role.KARYAWAN,
        Role.ANGGOTA,
        Role.ANGGOTA,
    ]
    assert all(r.seat is None for r in rows)
    kinds = [v.kind for v in closing.violations(COOP)]
    assert kinds.count("missing_role") == 4
    assert kinds.count("attendee_missing") == 3  # p01, p02, p03 attended


def test_building_a_team_until_the_rule_holds(sessions: Sessions, closing: Closing) -> None:
    seated = closing.seat_attendees(COOP)
    assert [(s.name, s.role) for s in seated] == [
        ("Sutrisno", Role.PENGURUS),
        ("Sri Wahyuni", Role.MANAJER),
        ("Ma'ruf Hidayat", Role.KARYAWAN),
    ]
    assert closing.seat_attendees(COOP) == []  # everyone already seated
    messages = [v.message("en") for v in closing.violations(COOP)]
    assert "Missing 1 pengawas (needs 1, has 0)" in messages
    assert "Missing 2 anggota (needs 2, has 0)" in messages
    assert "Sri Wahyuni sits as manajer, a role with no seat on the team" in messages
    manager = next(s for s in seated if s.participant == "p02")
    # Sri Wahyuni attends, so she must stay on the team: she takes a pengawas seat.
    closing.update_seat(COOP, manager.id, Role.PENGAWAS, "", "p02")
    closing.add_seat(COOP, Role.ANGGOTA, "  Budi   Santoso ")
    extra = closing.add_seat(COOP, Role.ANGGOTA, "Rina")
    closing.add_seat(COOP, Role.ANGGOTA, "Tono")
    messages = [v.message("id") for v in closing.violations(COOP)]
    assert messages == ["Kelebihan 1 anggota (perlu 2, ada 3)"]
    assert extra is not None
    closing.remove_seat(COOP, extra.id)
    assert closing.violations(COOP) == []
    assert [r.seat.name for r in closing.team_rows(COOP) if r.seat] == [
        "Sutrisno",
        "Sri Wahyuni",
        "Ma'ruf Hidayat",
        "Budi Santoso",
        "Tono",
    ]
    closing.undo(closing.team_edits, COOP)  # the removal comes back
    assert len(closing.seats(COOP)) == 6
    closing.redo(closing.team_edits, COOP)
    assert len(on_disk(closing.session, COOP, "team")) == 5
    again = sessions.open().closing
    assert again.violations(COOP) == []
    assert closing.add_seat(COOP, Role.ANGGOTA, "   ") is None


def test_leaving_an_attendee_out_is_reported(closing: Closing) -> None:
    closing.add_seat(OTHER, Role.PENGURUS, "", "p06")
    closing.add_seat(OTHER, Role.PENGAWAS, "Agus Setiawan")  # typed, matched by name
    seats = closing.seats(OTHER)
    assert seats[0].participant == "p06" and seats[0].name == "Suparman"
    missing = [v for v in closing.violations(OTHER) if v.kind == "attendee_missing"]
    assert [v.person for v in missing] == ["Siti Nur'aini"]
    assert missing[0].message("en") == "Attendee Siti Nur'aini is not on the team"


# -- follow-up -------------------------------------------------------------------------------


def test_followup_rows_as_of_a_date(closing: Closing) -> None:
    assert closing.prepare_followup() == 9  # eight cooperatives and the joint plan
    assert closing.prepare_followup() == 0
    a1, *_ = closing.actions(COOP)
    closing.set_status(COOP, a1.id, ActionStatus.DONE, on=dt.date(2018, 3, 10))
    sections = closing.followup(dt.date(2018, 5, 10))
    assert [s.shard for s in sections][-1] == JOINT
    pkpri = sections[0]
    assert pkpri.name == "PKPRI Kabupaten Blora" and pkpri.group == "Kelompok 1"
    states = [(r.action.template_id, r.state, r.date) for r in pkpri.rows]
    assert states == [
        ("a1", DueState.DONE, dt.date(2018, 3, 10)),
        ("a2", DueState.DUE_SOON, dt.date(2018, 5, 22)),
        ("a3", DueState.DUE, dt.date(2018, 7, 27)),
    ]
    other = sections[2]
    assert other.rows[0].state is DueState.OVERDUE  # a1: within 1 month, not done
    assert other.count(DueState.OVERDUE) == 1
    joint = sections[-1]
    assert [r.action.template_id for r in joint.rows] == ["b1", "b2", "b3"]
    assert joint.rows[0].state is DueState.DUE_SOON  # monthly: the 22nd is near


def test_find_action_by_short_id(closing: Closing) -> None:
    closing.prepare_followup()
    shard, action = closing.all_actions()[4]
    short = closing.short_ids()[action.id]
    assert len(short) >= 6
    assert closing.find_action(short) == (shard, action)
    assert closing.find_action(action.id) == (shard, action)
    with pytest.raises(ActionNotFound) as missing:
        closing.find_action("zzzzzz")
    assert missing.value.matches == 0
    with pytest.raises(ActionNotFound) as ambiguous:
        closing.find_action("")
    assert ambiguous.value.matches == 0


def test_short_ids_grow_until_unique() -> None:
    assert short_id_length(["abcdef111", "abcdef222"]) == 7
    assert short_id_length(["abcdef", "123456"]) == 6
    assert short_id_length([]) == 6


def test_team_seats_are_entities_of_the_cooperative(closing: Closing) -> None:
    seat = closing.add_seat(COOP, Role.PENGURUS, "", "p01")
    assert isinstance(seat, TeamSeat)
    assert set(on_disk(closing.session, COOP, "team")) == {seat.id}
