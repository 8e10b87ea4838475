"""Closing the workshop: the pact and its signatures, walk-in participants, the follow-up
plan (RTL part A per cooperative, part B joint), each cooperative's Renstra team, and the
follow-up after the workshop (which actions are due, overdue or done on a given day).

Every method commits before it returns (a screen shows a change only once it is on disk);
changes a facilitator makes by hand are recorded for undo: the pact (signatures and
walk-ins), each board of actions and each team keep their own history. Nothing here knows
Textual, so the command line (`workshop-tui followup`) uses it too.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from workshop_tui.domain.deadlines import Deadline, DueState, describe, due_state
from workshop_tui.domain.history import Change
from workshop_tui.domain.plan import ActionTemplate, Plan, Role
from workshop_tui.domain.state import (
    WORKSHOP_SHARD,
    ActionFields,
    ActionStatus,
    CoopAction,
    Draft,
    Entity,
    JointAction,
    Shard,
    Signature,
    TeamSeat,
    WalkIn,
    new_id,
)
from workshop_tui.domain.team import TeamViolation, check_team, normalise_name
from workshop_tui.i18n import Translator
from workshop_tui.session import Session
from workshop_tui.workflows.changes import UndoableEdits, apply_change

JOINT = WORKSHOP_SHARD
"""The shard of the joint plan (RTL part B); part A lives in each cooperative's shard."""

SHORT_ID = 6
"""Characters of an action's id printed by `followup` (longer if needed to be unique)."""

WALK_IN_FORM = "walk-in"
ACTION_FORM = "action"
SEAT_FORM = "seat"
FORM_DRAFT_PREFIX = "closing:"


def form_draft_key(shard: str, form: str) -> str:
    """Draft id of a closing form: "closing:<shard>:<form>" (shard: the cooperative, or
    JOINT for a walk-in and RTL B; form: walk-in, action, seat). One Draft per form, not per
    field: its `text` is the JSON of every field ({field: value}), `note_id` the action or
    seat edited (or, as a new one is saved, the one it creates: see `form_done`), `open` set
    while the form is on screen. A keystroke is one small write of
    the whole form, and a form comes back whole (never some fields of one moment and some of
    another). No other screen's draft starts with "closing:"."""
    return f"{FORM_DRAFT_PREFIX}{shard}:{form}"


@dataclass(frozen=True)
class FormDraft:
    """What a closing form held, saved as it was typed; it reopens the form after a crash."""

    form: str
    shard: str
    fields: dict[str, str]
    target: str | None = None
    """The action or seat being edited (None: a new one)."""


@dataclass(frozen=True)
class Person:
    """Someone on the roster: a participant of the plan or a walk-in added on the spot."""

    key: str
    name: str
    cooperative: str
    role: Role
    walk_in: bool = False


@dataclass(frozen=True)
class ActionDraft:
    """What the action form edits."""

    activity: str
    owner: str = ""
    owner_participant: str | None = None
    deadline: Deadline | None = None
    indicator: str = ""
    status: ActionStatus = ActionStatus.OPEN


@dataclass(frozen=True)
class TeamRow:
    """One line of a team: a seat, or an empty seat the rule asks for (`seat` None)."""

    role: Role
    seat: TeamSeat | None
    in_rule: bool = True


@dataclass(frozen=True)
class FollowUpRow:
    shard: str
    action: ActionFields
    state: DueState
    date: dt.date | None


@dataclass(frozen=True)
class FollowUpSection:
    """The actions of one cooperative (`shard` its id) or of the joint plan (`JOINT`)."""

    shard: str
    name: str
    group: str
    rows: list[FollowUpRow]

    def count(self, state: DueState) -> int:
        return sum(1 for row in self.rows if row.state is state)


class ActionNotFound(LookupError):
    """`find_action` found no action, or several, for an id."""

    def __init__(self, ref: str, matches: int, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(ref)
        self.ref = ref
        self.matches = matches
        self.candidates = candidates
        """The ids of the actions an ambiguous id fits."""


def action_kind(shard: str) -> type[ActionFields]:
    return JointAction if shard == JOINT else CoopAction


def short_id_length(ids: Sequence[str]) -> int:
    """The shortest prefix length (at least SHORT_ID) that tells every id apart."""
    length = SHORT_ID
    longest = max((len(i) for i in ids), default=SHORT_ID)
    while length < longest and len({i[:length] for i in ids}) < len(set(ids)):
        length += 1
    return length


class Closing:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.pact_edits = UndoableEdits(session.store)
        self.action_edits = UndoableEdits(session.store)
        self.team_edits = UndoableEdits(session.store)

    @property
    def plan(self) -> Plan:
        return self.session.plan

    def shard(self, name: str) -> Shard:
        return self.session.state.shard(name)

    def now(self) -> dt.datetime:
        return self.session.clock()

    def today(self) -> dt.date:
        """The local date of the session's clock."""
        return self.now().astimezone(self.session.tz).date()

    # -- the roster ------------------------------------------------------------------------

    def roster(self) -> list[Person]:
        """The plan's participants in plan order, then walk-ins in the order they came."""
        people = [Person(p.key, p.name, p.cooperative, p.role) for p in self.plan.participants]
        walk_ins = sorted(self.shard(WORKSHOP_SHARD).table(WalkIn).values(), key=_added)
        people += [Person(w.id, w.name, w.cooperative, w.role, True) for w in walk_ins]
        return people

    def roster_of(self, coop: str) -> list[Person]:
        return [p for p in self.roster() if p.cooperative == coop]

    def people_for(self, home: str | None) -> list[Person]:
        """The roster for choosing someone: cooperative `home`'s people first (none for the
        joint plan), then everyone else by cooperative in the plan's order (walk-ins with
        their cooperative; people of a cooperative the plan no longer has, last)."""
        order = {coop.id: i for i, (_, coop) in enumerate(self.plan.cooperatives())}
        people = self.roster()
        rank = {p.key: i for i, p in enumerate(people)}
        return sorted(
            people,
            key=lambda p: (
                p.cooperative != home,
                order.get(p.cooperative, len(order)),
                p.cooperative,
                rank[p.key],
            ),
        )

    def cooperative_names(self) -> dict[str, str]:
        """Every cooperative's name by id (a choice of people names the cooperative)."""
        return {coop.id: coop.name for _, coop in self.plan.cooperatives()}

    def person(self, key: str | None) -> Person | None:
        if key is None:
            return None
        return next((p for p in self.roster() if p.key == key), None)

    def add_walk_in(self, name: str, cooperative: str, role: Role) -> Person | None:
        """A participant who is not on the plan's roster; blank names add nobody."""
        name = " ".join(name.split())
        if not name:
            return None
        if self.plan.cooperative(cooperative) is None:
            raise ValueError(f"unknown cooperative {cooperative!r}")
        walk_in = WalkIn(
            id=f"w-{new_id()}", name=name, cooperative=cooperative, role=role, added_at=self.now()
        )
        self.pact_edits.commit(WORKSHOP_SHARD, [None], [walk_in])
        return Person(walk_in.id, name, cooperative, role, True)

    # -- the pact --------------------------------------------------------------------------

    def signature(self, key: str) -> Signature | None:
        return self.shard(WORKSHOP_SHARD).get(Signature, key)

    def is_signed(self, key: str) -> bool:
        signature = self.signature(key)
        return signature is not None and signature.revoked_at is None

    def set_signed(self, key: str, signed: bool) -> bool:
        """Mark someone as signed (now) or correct a mistaken mark (the signature is kept,
        with `revoked_at` set). Returns whether anything changed."""
        current = self.signature(key)
        if signed == self.is_signed(key) or self.person(key) is None:
            return False
        if signed:
            new = Signature(id=key, signed_at=self.now(), revoked_at=None)
        else:
            assert current is not None
            new = current.model_copy(update={"revoked_at": self.now()})
        self.pact_edits.commit(WORKSHOP_SHARD, [current], [new])
        return True

    def toggle_signed(self, key: str) -> bool:
        """Sign, or take back a mistaken signature. Returns the new state."""
        self.set_signed(key, not self.is_signed(key))
        return self.is_signed(key)

    def signed_count(self) -> tuple[int, int]:
        people = self.roster()
        return sum(1 for p in people if self.is_signed(p.key)), len(people)

    def unsigned(self) -> list[Person]:
        return [p for p in self.roster() if not self.is_signed(p.key)]

    # -- actions (RTL) ---------------------------------------------------------------------

    def templates(self, shard: str) -> list[ActionTemplate]:
        return list(self.plan.rtl.b if shard == JOINT else self.plan.rtl.a)

    def actions(self, shard: str) -> list[ActionFields]:
        """The live actions of a cooperative (part A) or of the joint plan, in order."""
        return self.shard(shard).live(action_kind(shard))

    def action(self, shard: str, action_id: str) -> ActionFields | None:
        return self.shard(shard).get(action_kind(shard), action_id)

    def trash(self, shard: str) -> list[ActionFields]:
        deleted = [a for a in self.shard(shard).table(action_kind(shard)).values() if a.deleted_at]
        return sorted(deleted, key=lambda a: a.deleted_at or self.now(), reverse=True)

    def ensure_from_templates(self, shard: str) -> list[ActionFields]:
        """On the first visit of a board that has no actions at all, create them from the
        plan's templates, in one commit (not an undo step: it is where work starts)."""
        kind = action_kind(shard)
        if self.shard(shard).table(kind):
            return []
        created = [
            kind(
                activity=t.activity,
                owner=t.owner,
                deadline=t.deadline,
                indicator=t.indicator,
                template_id=t.id,
                position=float(index),
            )
            for index, t in enumerate(self.templates(shard), 1)
        ]
        if created:
            self.session.store.put_many(shard, created)
        return created

    def _end_position(self, shard: str) -> float:
        actions = self.actions(shard)
        return (actions[-1].position + 1.0) if actions else 1.0

    def add_action(
        self, shard: str, draft: ActionDraft, action_id: str | None = None
    ) -> ActionFields | None:
        """A new action at the end of the board (with id `action_id`, if given: see
        `form_done`); a blank activity adds nothing."""
        if not draft.activity.strip():
            return None
        kind = action_kind(shard)
        action = kind(
            id=action_id or new_id(),
            activity=draft.activity.strip(),
            position=self._end_position(shard),
        )
        action = _drafted(action, draft, self.today())
        self.action_edits.commit(shard, [None], [action])
        return action

    def update_action(self, shard: str, action_id: str, draft: ActionDraft) -> ActionFields | None:
        action = self.action(shard, action_id)
        if action is None or not draft.activity.strip():
            return action
        new = _drafted(action, draft, self.today())
        if new != action:
            self.action_edits.commit(shard, [action], [new])
        return new

    def set_status(
        self, shard: str, action_id: str, status: ActionStatus, on: dt.date | None = None
    ) -> ActionFields | None:
        """Open / done / dropped. Done records the day (`on`, else today)."""
        action = self.action(shard, action_id)
        if action is None or action.status is status:
            return action
        done_at = (on or self.today()) if status is ActionStatus.DONE else None
        new = action.model_copy(update={"status": status, "done_at": done_at})
        self.action_edits.commit(shard, [action], [new])
        return new

    def toggle_done(
        self, shard: str, action_id: str, on: dt.date | None = None
    ) -> ActionFields | None:
        """Done if it was not; open again if it was (a correction)."""
        action = self.action(shard, action_id)
        if action is None:
            return None
        target = ActionStatus.OPEN if action.status is ActionStatus.DONE else ActionStatus.DONE
        return self.set_status(shard, action_id, target, on)

    def delete_action(self, shard: str, action_id: str) -> ActionFields | None:
        """To the trash, restorable."""
        action = self.action(shard, action_id)
        if action is None or action.deleted_at is not None:
            return None
        new = action.model_copy(update={"deleted_at": self.now()})
        self.action_edits.commit(shard, [action], [new])
        return new

    def restore_action(self, shard: str, action_id: str) -> ActionFields | None:
        """Back from the trash, at the end of the board."""
        action = self.action(shard, action_id)
        if action is None or action.deleted_at is None:
            return None
        new = action.model_copy(update={"deleted_at": None, "position": self._end_position(shard)})
        self.action_edits.commit(shard, [action], [new])
        return new

    def reorder_action(self, shard: str, action_id: str, step: int) -> bool:
        """Move an action up (-1) or down (+1). Returns whether it moved."""
        actions = self.actions(shard)
        index = next((i for i, a in enumerate(actions) if a.id == action_id), None)
        if index is None or not 0 <= index + step < len(actions):
            return False
        order = list(actions)
        order[index], order[index + step] = order[index + step], order[index]
        before: list[Entity | None] = []
        after: list[Entity] = []
        for position, action in enumerate(order, 1):
            if action.position != float(position):
                before.append(action)
                after.append(action.model_copy(update={"position": float(position)}))
        return self.action_edits.commit(shard, before, after) is not None

    def owner_label(self, action: ActionFields) -> str:
        """Who is in charge: the roster's current name when chosen from it, else the text."""
        person = self.person(action.owner_participant)
        return person.name if person is not None else action.owner

    # -- the Renstra team ------------------------------------------------------------------

    def seats(self, coop: str) -> list[TeamSeat]:
        return self.shard(coop).live(TeamSeat)

    def seat(self, coop: str, seat_id: str) -> TeamSeat | None:
        return self.shard(coop).get(TeamSeat, seat_id)

    def attendees(self, coop: str) -> list[tuple[str, str, Role]]:
        """Who attended for a cooperative: its people on the roster (plan and walk-ins)."""
        return [(p.key, p.name, p.role) for p in self.roster_of(coop)]

    def violations(self, coop: str) -> list[TeamViolation]:
        return check_team(self.plan.team_rule, self.seats(coop), self.attendees(coop))

    def team_rows(self, coop: str) -> list[TeamRow]:
        """Seats grouped by the rule's roles (in the rule's order), each role padded with
        empty seats up to its count; then seats of roles the rule has no seat for."""
        seats = self.seats(coop)
        rows: list[TeamRow] = []
        rule = self.plan.team_rule.seats
        for role, count in rule.items():
            if count == 0:
                continue
            taken = [s for s in seats if s.role is role]
            rows += [TeamRow(role, seat) for seat in taken]
            rows += [TeamRow(role, None) for _ in range(count - len(taken))]
        rows += [TeamRow(s.role, s, False) for s in seats if rule.get(s.role, 0) == 0]
        return rows

    def add_seat(
        self,
        coop: str,
        role: Role,
        name: str,
        participant: str | None = None,
        seat_id: str | None = None,
    ) -> TeamSeat | None:
        """A seat for a person from the roster (`participant`) or a new name (with id
        `seat_id`, if given: see `form_done`)."""
        person = self.person(participant)
        name = person.name if person is not None else " ".join(name.split())
        if not name:
            return None
        seats = self.seats(coop)
        position = (seats[-1].position + 1.0) if seats else 1.0
        seat = TeamSeat(
            id=seat_id or new_id(),
            role=role,
            name=name,
            participant=person.key if person else None,
            position=position,
        )
        self.team_edits.commit(coop, [None], [seat])
        return seat

    def update_seat(
        self, coop: str, seat_id: str, role: Role, name: str, participant: str | None = None
    ) -> TeamSeat | None:
        seat = self.seat(coop, seat_id)
        person = self.person(participant)
        name = person.name if person is not None else " ".join(name.split())
        if seat is None or not name:
            return seat
        new = seat.model_copy(
            update={"role": role, "name": name, "participant": person.key if person else None}
        )
        if new != seat:
            self.team_edits.commit(coop, [seat], [new])
        return new

    def remove_seat(self, coop: str, seat_id: str) -> TeamSeat | None:
        """Take someone off the team (undo puts them back)."""
        seat = self.seat(coop, seat_id)
        if seat is None:
            return None
        change = Change(coop, ((seat, None),))
        apply_change(self.session.store, change)
        self.team_edits.history(coop).record(change)
        return seat

    def seat_attendees(self, coop: str) -> list[TeamSeat]:
        """Give every attendee not yet on the team a seat with their role, in one step."""
        seats = self.seats(coop)
        keys = {s.participant for s in seats if s.participant}
        names = {normalise_name(s.name) for s in seats if not s.participant}
        position = (seats[-1].position if seats else 0.0) + 1.0
        added: list[TeamSeat] = []
        for key, name, role in self.attendees(coop):
            if key in keys or normalise_name(name) in names:
                continue
            keys.add(key)
            added.append(TeamSeat(role=role, name=name, participant=key, position=position))
            position += 1.0
        self.team_edits.commit(coop, [None] * len(added), added)
        return added

    # -- forms being filled in: saved per keystroke ------------------------------------------

    def form_draft(self, shard: str, form: str) -> FormDraft | None:
        """The fields of a form left open (the app stopped with it on screen), if any."""
        draft = self.shard(WORKSHOP_SHARD).get(Draft, form_draft_key(shard, form))
        return _form_draft(draft) if draft is not None else None

    def open_form_drafts(self) -> list[FormDraft]:
        """Every closing form left open, in id order (one at most, forms being modal)."""
        drafts = self.shard(WORKSHOP_SHARD).table(Draft)
        found = (_form_draft(drafts[key]) for key in sorted(drafts))
        return [draft for draft in found if draft is not None]

    def set_form_draft(
        self, shard: str, form: str, fields: dict[str, str], target: str | None = None
    ) -> None:
        """Save a form's fields as they are now (every keystroke), so a crash loses none."""
        key = form_draft_key(shard, form)
        text = json.dumps(fields, ensure_ascii=False, sort_keys=True)
        current = self.shard(WORKSHOP_SHARD).get(Draft, key)
        if current is not None and (current.text, current.note_id, current.open) == (
            text,
            target,
            True,
        ):
            return
        self.session.store.put(WORKSHOP_SHARD, Draft(id=key, text=text, note_id=target, open=True))

    def close_form_draft(self, shard: str, form: str) -> None:
        """The form was saved or cancelled: its draft goes."""
        key = form_draft_key(shard, form)
        if self.shard(WORKSHOP_SHARD).get(Draft, key) is not None:
            self.session.store.remove(WORKSHOP_SHARD, Draft, key)

    @contextmanager
    def form_done(self, shard: str, form: str, creates: str | None = None) -> Iterator[None]:
        """Commit what a form returned (the body of the `with`), then drop its draft: in one
        commit when the change is in the workshop's shard too. Otherwise (a cooperative's
        action or seat: two files, no commit spans both) the change first, so a crash
        between the two leaves the draft (the form comes back) rather than losing what was
        typed; and a form that creates a record passes its id (`creates`, the id the body
        gives it), which the draft names first: a form that comes back after such a crash
        is then the edit of what was saved, and saving it again changes that record
        instead of adding it twice. A body that fails keeps the draft."""
        if shard == WORKSHOP_SHARD:
            with self.session.store.batch(WORKSHOP_SHARD):
                yield
                self.close_form_draft(shard, form)
            return
        if creates is not None:
            self._draft_creates(shard, form, creates)
        yield
        self.close_form_draft(shard, form)

    def _draft_creates(self, shard: str, form: str, record_id: str) -> None:
        """Name in a form's draft (if it has one) the record its save is about to create."""
        current = self.shard(WORKSHOP_SHARD).get(Draft, form_draft_key(shard, form))
        if current is not None and current.note_id != record_id:
            updated = current.model_copy(update={"note_id": record_id})
            self.session.store.put(WORKSHOP_SHARD, updated)

    # -- undo ------------------------------------------------------------------------------

    def undo(self, edits: UndoableEdits, shard: str) -> Change | None:
        return edits.undo(shard, self.now())

    def redo(self, edits: UndoableEdits, shard: str) -> Change | None:
        return edits.redo(shard)

    # -- follow-up after the workshop ------------------------------------------------------

    def boards(self) -> list[tuple[str, str, str]]:
        """(shard, name, group name) of every cooperative in plan order, then the joint
        plan (name and group empty: the caller names it in its language)."""
        boards = [(c.id, c.name, g.name) for g, c in self.plan.cooperatives()]
        return [*boards, (JOINT, "", "")]

    def prepare_followup(self) -> int:
        """Boards never opened get the plan's templates (as the screen would do on a first
        visit), so every cooperative's follow-up has its actions. Returns how many."""
        return sum(1 for shard, _, _ in self.boards() if self.ensure_from_templates(shard))

    def followup(self, as_of: dt.date, soon_days: int = 14) -> list[FollowUpSection]:
        """Every board's actions with their state on the day `as_of`."""
        last_day = self.plan.last_day
        sections = []
        for shard, name, group in self.boards():
            rows = []
            for action in self.actions(shard):
                state, day = due_state(
                    action.deadline, last_day, as_of, action.status, action.done_at, soon_days
                )
                rows.append(FollowUpRow(shard, action, state, day))
            sections.append(FollowUpSection(shard, name, group, rows))
        return sections

    def all_actions(self) -> list[tuple[str, ActionFields]]:
        return [(shard, a) for shard, _, _ in self.boards() for a in self.actions(shard)]

    def short_ids(self) -> dict[str, str]:
        """Action id -> the short id printed for it (unique among the live actions)."""
        ids = [a.id for _, a in self.all_actions()]
        length = short_id_length(ids)
        return {i: i[:length] for i in ids}

    def find_action(self, ref: str) -> tuple[str, ActionFields]:
        """The live action whose id is or starts with `ref`. Raises `ActionNotFound`."""
        ref = ref.strip()
        exact = [(s, a) for s, a in self.all_actions() if a.id == ref]
        found = exact or [(s, a) for s, a in self.all_actions() if ref and a.id.startswith(ref)]
        if len(found) != 1:
            raise ActionNotFound(ref, len(found), tuple(a.id for _, a in found))
        return found[0]


def _added(walk_in: WalkIn) -> dt.datetime:
    return walk_in.added_at


def _form_draft(draft: Draft) -> FormDraft | None:
    """A closing form's draft read back; None if it is closed or not a closing form's."""
    if not draft.open or not draft.id.startswith(FORM_DRAFT_PREFIX):
        return None
    shard, _, form = draft.id.removeprefix(FORM_DRAFT_PREFIX).rpartition(":")
    try:
        fields = json.loads(draft.text)
    except ValueError:
        return None
    if not shard or not isinstance(fields, dict):
        return None
    values = {str(name): str(value) for name, value in fields.items() if isinstance(value, str)}
    return FormDraft(form, shard, values, draft.note_id)


def _drafted(action: ActionFields, draft: ActionDraft, today: dt.date) -> ActionFields:
    """`action` with the form's fields; done_at follows the status."""
    if draft.status is ActionStatus.DONE:
        done_at = action.done_at if action.status is ActionStatus.DONE else today
    else:
        done_at = None
    return action.model_copy(
        update={
            "activity": draft.activity.strip(),
            "owner": draft.owner.strip(),
            "owner_participant": draft.owner_participant,
            "deadline": draft.deadline,
            "indicator": draft.indicator.strip(),
            "status": draft.status,
            "done_at": done_at,
        }
    )


# -- words for the follow-up (the screen's tab and `workshop-tui followup`) -----------------


def deadline_words(deadline: Deadline | None, last_day: dt.date, t: Translator) -> str:
    """A deadline in words, relative ones followed by their dates."""
    if deadline is None:
        return t("followup.no_deadline")
    return describe(deadline, t.language, last_day=last_day)


def state_words(row: FollowUpRow, as_of: dt.date, t: Translator) -> str:
    """'TERLAMBAT sejak 22 Maret 2018 (49 hari)' / 'DUE SOON: 22 May 2018 (in 12 days)'."""
    day = row.date
    if row.state is DueState.DONE:
        return t("followup.done", date=t.date(day)) if day else t("followup.done_undated")
    if row.state is DueState.DROPPED:
        return t("followup.dropped")
    if day is None:
        return t("followup.no_deadline_due")
    days = abs((day - as_of).days)
    if row.state is DueState.OVERDUE:
        return t("followup.overdue", date=t.date(day), days=days)
    if row.state is DueState.DUE_SOON:
        if days == 0:
            return t("followup.due_today", date=t.date(day))
        return t("followup.due_soon", date=t.date(day), days=days)
    return t("followup.due", date=t.date(day), days=days)


def section_title(section: FollowUpSection, t: Translator) -> str:
    if section.shard == JOINT:
        return t("followup.joint")
    return f"{section.name} · {section.group}"


def followup_report(closing: Closing, as_of: dt.date, t: Translator, width: int = 88) -> str:
    """The follow-up of every cooperative and the joint plan as plain text."""
    plan = closing.plan
    sections = closing.followup(as_of)
    short = closing.short_ids()
    totals = {state: sum(s.count(state) for s in sections) for state in DueState}
    lines = [
        plan.workshop.title,
        t("followup.as_of", date=t.date(as_of), last_day=t.date(plan.last_day)),
        t("followup.totals", **{state.value: count for state, count in totals.items()}),
    ]
    for section in sections:
        lines += ["", section_title(section, t)]
        if not section.rows:
            lines.append("  " + t("followup.no_actions"))
        for row in section.rows:
            action = row.action
            ident = short[action.id]
            lines.append(f"  [{ident}] {state_words(row, as_of, t)}")
            indent = " " * (len(ident) + 5)
            lines += textwrap.wrap(
                action.activity, width, initial_indent=indent, subsequent_indent=indent
            )
            details = []
            owner = closing.owner_label(action)
            if owner:
                details.append(t("followup.owner", owner=owner))
            if action.deadline is not None:
                details.append(deadline_words(action.deadline, plan.last_day, t))
            lines += textwrap.wrap(
                " · ".join(details), width, initial_indent=indent, subsequent_indent=indent
            )
    return "\n".join(lines)
