"""The child side of the crash test (tests/test_crash.py): a running workshop that makes
every kind of change through the real session and workflow layer, and reports each one.

`run_child` runs in a process forked from pytest and never returns: it opens the workshop
folder with `open_workshop` and `start_session` (resuming whatever a killed predecessor
left), then loops over random changes — SWOT notes, roadmap cells, tier targets,
strategies and factor scores, the vision and mission, signatures and walk-ins, RTL actions
(joint and per cooperative), Renstra teams, timer events, agenda moves, and raw
`put_many` / `batch` commits — until the parent SIGKILLs it.

What it says on the pipe, one line per `os.write`, payloads in JSON:

    O {pid, crashed_holder, removed}  the session is open: the holder it took the lock
                                      over from, the temp files its open removed
    B {kind}                          a workflow call of that kind starts
    C {shard, changes}                a commit of `shard` starts: [[table, id, doc|null]]
    K                                 that commit returned: it is acknowledged
    A {kind, op, touched}             the workflow call returned; `touched` lists every
                                      entity it wrote as [shard, table, id, digest|null] of
                                      what the session holds in memory now
    E text                            the child failed (a traceback)

Commits are seen by wrapping, in this process only, `WorkshopStore.put_many` / `remove`
(which entities a commit carries) and `AtomicJSONStorage.flush` (the commit itself: its
C line is written before the file is replaced, its K line after `flush` returned).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workshop_tui.domain import swot
from workshop_tui.domain.deadlines import Every, OnDate, Times, Within
from workshop_tui.domain.plan import Role
from workshop_tui.domain.scoring import Side
from workshop_tui.domain.state import (
    WORKSHOP_SHARD,
    ActionStatus,
    Draft,
    Entity,
    FactorScore,
    MissionItem,
    Note,
    Quadrant,
    RoadmapCell,
    Strategy,
    TierTarget,
    TowsCell,
    WalkIn,
    new_id,
)
from workshop_tui.session import Session, start_session
from workshop_tui.storage.atomic import AtomicJSONStorage
from workshop_tui.storage.store import COOP_PREFIX, WORKSHOP_FILE, WorkshopStore
from workshop_tui.storage.workshop import open_workshop
from workshop_tui.workflows.closing import JOINT, ActionDraft
from workshop_tui.workflows.strategy import MISSION_FIELD

KINDS = (
    "swot",  # SWOT notes: add (typed as drafts), edit, move, trash, restore, vote, order, undo
    "roadmap",  # roadmap grid cells: typed drafts, set, clear, copy forward, undo
    "tier",  # tier targets per roadmap year
    "strategy",  # TOWS strategies, IFAS/EFAS factor scores, the vision as typed
    "mission",  # mission statements
    "pact",  # signatures (sign, take back), walk-ins
    "actions",  # RTL actions, joint (part B) and per cooperative (part A)
    "team",  # Renstra team seats
    "timer",  # timer start / pause / extend / shorten / finish
    "agenda",  # current-item moves, cooperative and cursor moves (the Location)
    "batch",  # raw put_many / batch commits, several tables and shards at once
)

# Four of the plan's eight cooperatives, over all four groups: several cooperative shards
# that each grow over the run.
COOPS = (
    "pkpri-blora",
    "kpri-guru-randublatung",
    "kpri-karya-bhakti-ngawen",
    "kopkar-patra-mandiri-cepu",
)

FLAVOURS = ("", " — “kutip” ✓", ' "quoted" \\ slash', " ñ é 5 tahun", "\ttab")


def digest(doc: dict[str, Any] | None) -> str | None:
    """A short fingerprint of a stored document (None: the entity is not there)."""
    if doc is None:
        return None
    raw = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def shard_of_path(path: Path) -> str:
    if path.name == WORKSHOP_FILE:
        return WORKSHOP_SHARD
    return path.stem.removeprefix(COOP_PREFIX)


class Channel:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def send(self, tag: str, payload: Any = None) -> None:
        line = tag if payload is None else f"{tag} {json.dumps(payload, separators=(',', ':'))}"
        # A line longer than PIPE_BUF may be cut by the kill: the parent drops an
        # unterminated last line, and nothing is committed before its C line is whole.
        view = memoryview((line + "\n").encode())
        while view:
            view = view[os.write(self.fd, view) :]


class CommitLog:
    """Reports every commit of this process on the channel (see the module docstring)."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.pending: dict[str, dict[tuple[str, str], dict[str, Any] | None]] = {}
        self.touched: dict[tuple[str, str, str], None] = {}

    def install(self) -> None:
        log = self
        real_put_many = WorkshopStore.put_many
        real_remove = WorkshopStore.remove
        real_flush = AtomicJSONStorage.flush

        def put_many(store: WorkshopStore, shard: str, entities: Any) -> None:
            entities = list(entities)
            changes = log.pending.setdefault(shard, {})
            for entity in entities:
                changes[(entity.TABLE, entity.id)] = entity.model_dump(mode="json")
                log.touched[(shard, entity.TABLE, entity.id)] = None
            real_put_many(store, shard, entities)

        def remove(store: WorkshopStore, shard: str, kind: type[Entity], entity_id: str) -> None:
            log.pending.setdefault(shard, {})[(kind.TABLE, entity_id)] = None
            log.touched[(shard, kind.TABLE, entity_id)] = None
            real_remove(store, shard, kind, entity_id)

        def flush(storage: AtomicJSONStorage) -> None:
            if not storage.dirty or storage._data is None:
                real_flush(storage)
                return
            shard = shard_of_path(storage.path)
            changes = log.pending.pop(shard, {})
            rows = [[table, entity_id, doc] for (table, entity_id), doc in changes.items()]
            log.channel.send("C", {"shard": shard, "changes": rows})
            real_flush(storage)
            log.channel.send("K")

        WorkshopStore.put_many = put_many  # type: ignore[method-assign]
        WorkshopStore.remove = remove  # type: ignore[method-assign]
        AtomicJSONStorage.flush = flush  # type: ignore[method-assign]


def run_child(
    plan_path: Path, root: Path, fd: int, seed: int, round_no: int, focus: str, share: float
) -> None:
    """Open the workshop and change it, `focus` changes `share` of the time, until killed."""
    rng = random.Random(seed)
    channel = Channel(fd)
    log = CommitLog(channel)
    log.install()
    opened = open_workshop(plan_path, root)
    session = start_session(opened)
    holder = opened.crashed_holder
    channel.send(
        "O",
        {
            "pid": os.getpid(),
            "crashed_holder": holder.pid if holder is not None else None,
            "removed": sorted(p.name for p in opened.store.removed_temp_files),
        },
    )
    changes = Changes(session, rng, f"r{round_no}")
    while True:
        kind = focus if rng.random() < share else rng.choice(KINDS)
        channel.send("B", {"kind": kind})
        log.touched.clear()
        op = changes.make(kind)
        touched = []
        for shard, table, entity_id in log.touched:
            entity = session.state.shard(shard).tables.get(table, {}).get(entity_id)
            doc = entity.model_dump(mode="json") if entity is not None else None
            touched.append([shard, table, entity_id, digest(doc)])
        channel.send("A", {"kind": kind, "op": op, "touched": touched})


class Changes:
    """One random change of a given kind, made the way the screens make it."""

    def __init__(self, session: Session, rng: random.Random, tag: str) -> None:
        self.session = session
        self.store = session.store
        self.plan = session.plan
        self.rng = rng
        self.tag = tag
        self.count = 0
        self.makers: dict[str, Callable[[], str]] = {
            kind: getattr(self, f"_{kind}") for kind in KINDS
        }

    def make(self, kind: str) -> str:
        return self.makers[kind]()

    # -- helpers ----------------------------------------------------------------------------

    def text(self, what: str) -> str:
        self.count += 1
        return f"{what} {self.tag}.{self.count}{self.rng.choice(FLAVOURS)}"

    def coop(self) -> str:
        return self.rng.choice(COOPS)

    def pick(self, items: list[Any]) -> Any:
        return self.rng.choice(items) if items else None

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def live_notes(self, coop: str) -> list[Note]:
        return self.session.state.cooperative(coop).live(Note)

    def year(self) -> int:
        return self.rng.choice(self.plan.roadmap.years)

    def area(self) -> str:
        return self.rng.choice(self.plan.roadmap.areas).id

    # -- the kinds --------------------------------------------------------------------------

    def _swot(self) -> str:
        board = self.session.swot
        coop = self.coop()
        notes = self.live_notes(coop)
        note = self.pick(notes)
        roll = self.rng.random()
        if roll < 0.35 or note is None:
            quadrant = self.rng.choice(list(Quadrant))
            text = self.text(f"note {quadrant.value}")
            for end in sorted(self.rng.sample(range(1, len(text)), 2)):  # keystrokes
                board.set_draft(coop, quadrant, text[:end])
            board.add(coop, quadrant, text)
            return "add"
        if roll < 0.45:
            text = f"{note.text} / {self.text('edited')}"
            board.set_draft(coop, note.quadrant, text[:-3], note_id=note.id)
            board.edit(coop, note.id, text)
            return "edit"
        if roll < 0.55:
            others = [q for q in Quadrant if q is not note.quadrant]
            board.move(coop, note.id, self.rng.choice(others))
            return "move"
        if roll < 0.63:
            board.delete(coop, note.id)
            return "trash"
        if roll < 0.70:
            trashed = self.pick(board.trash(coop))
            if trashed is not None:
                board.restore(coop, trashed.id)
                return "restore"
            board.delete(coop, note.id)
            return "trash"
        if roll < 0.80:
            board.vote(coop, note.id, self.rng.choice([1, 1, 2, -1]))
            return "vote"
        if roll < 0.86:
            board.reorder(coop, note.id, self.rng.choice([-1, 1]))
            return "reorder"
        if roll < 0.90:
            board.sort_by_votes(coop, note.quadrant)
            return "sort"
        if roll < 0.96:
            board.undo(coop)
            return "undo"
        board.redo(coop)
        return "redo"

    def _roadmap(self) -> str:
        board = self.session.roadmap
        coop, area, year = self.coop(), self.area(), self.year()
        roll = self.rng.random()
        if roll < 0.55:
            text = self.text(f"{area} {year}")
            if self.chance(0.3):
                text += "\n" + self.text("second line")
            board.set_draft(coop, area, year, text[: len(text) // 2])
            board.set_draft(coop, area, year, text)
            board.set_cell(coop, area, year, text)
            return "set"
        if roll < 0.62:
            board.set_cell(coop, area, year, "")
            return "clear"
        if roll < 0.75:
            board.copy_cell_forward(coop, area, year)
            return "copy-cell"
        if roll < 0.85:
            board.copy_year_forward(coop, year)
            return "copy-year"
        if roll < 0.95:
            board.undo(coop)
            return "undo"
        board.redo(coop)
        return "redo"

    def _tier(self) -> str:
        board = self.session.roadmap
        coop, year = self.coop(), self.year()
        roll = self.rng.random()
        if roll < 0.5:
            board.set_tier(coop, year, self.rng.choice(self.plan.tiers).id)
            return "set"
        if roll < 0.85:
            board.step_tier(coop, year, self.rng.choice([-1, 1]))
            return "step"
        board.undo(coop)
        return "undo"

    def _strategy(self) -> str:
        board = self.session.strategy
        coop = self.coop()
        shard = self.session.state.cooperative(coop)
        strategy = self.pick(shard.live(Strategy))
        notes = self.live_notes(coop)
        roll = self.rng.random()
        if roll < 0.25 or strategy is None:
            cell = self.rng.choice(list(TowsCell))
            cites = " ".join(swot.label(n) for n in self.rng.sample(notes, min(2, len(notes))))
            board.set_draft(coop, cell.value, "draft")
            board.add(coop, cell, f"{cites} {self.text('strategy')}")
            return "add"
        if roll < 0.35:
            board.edit(coop, strategy.id, f"{strategy.text} / {self.text('edited')}")
            return "edit"
        if roll < 0.42:
            board.move(
                coop, strategy.id, self.rng.choice([c for c in TowsCell if c is not strategy.cell])
            )
            return "move"
        if roll < 0.48:
            board.delete(coop, strategy.id)
            return "trash"
        if roll < 0.52:
            trashed = self.pick(board.trash(coop))
            if trashed is not None:
                board.restore(coop, trashed.id)
            return "restore"
        if roll < 0.57:
            board.reorder(coop, strategy.id, self.rng.choice([-1, 1]))
            return "reorder"
        if roll < 0.67 and notes:
            board.set_weight(coop, self.rng.choice(notes).id, round(self.rng.random(), 2))
            return "weight"
        if roll < 0.74 and notes:
            board.set_rating(coop, self.rng.choice(notes).id, self.rng.randint(1, 4))
            return "rating"
        if roll < 0.79:
            board.balance(coop, self.rng.choice(list(Side)))
            return "balance"
        if roll < 0.92:
            vision = self.text("vision")
            for end in range(len(vision) - 3, len(vision) + 1):  # typed, committed per key
                board.set_vision(coop, vision[:end])
            if self.chance(0.5):
                board.end_vision_edit(coop)
            return "vision"
        if roll < 0.97:
            board.undo(coop)
            return "undo"
        board.redo(coop)
        return "redo"

    def _mission(self) -> str:
        board = self.session.strategy
        coop = self.coop()
        item = self.pick(board.mission(coop))
        roll = self.rng.random()
        if roll < 0.35 or item is None:
            text = self.text("mission")
            board.set_draft(coop, MISSION_FIELD, text[:5])
            board.add_mission(coop, text)
            return "add"
        if roll < 0.55:
            board.set_draft(coop, MISSION_FIELD, "x", target=item.id)
            board.edit_mission(coop, item.id, f"{item.text} / {self.text('edited')}")
            return "edit"
        if roll < 0.67:
            board.delete_mission(coop, item.id)
            return "trash"
        if roll < 0.75:
            trashed = self.pick(board.mission_trash(coop))
            if trashed is not None:
                board.restore_mission(coop, trashed.id)
            return "restore"
        if roll < 0.88:
            board.reorder_mission(coop, item.id, self.rng.choice([-1, 1]))
            return "reorder"
        board.undo(coop)
        return "undo"

    def _pact(self) -> str:
        closing = self.session.closing
        roll = self.rng.random()
        if roll < 0.6:
            person = self.rng.choice(closing.roster())
            closing.toggle_signed(person.key)
            return "sign" if closing.is_signed(person.key) else "unsign"
        if roll < 0.8:
            role = self.rng.choice(list(Role))
            person = closing.add_walk_in(self.text("Walk In"), self.coop(), role)
            if person is not None and self.chance(0.7):
                closing.set_signed(person.key, True)
            return "walk-in"
        if roll < 0.93:
            closing.undo(closing.pact_edits, WORKSHOP_SHARD)
            return "undo"
        closing.redo(closing.pact_edits, WORKSHOP_SHARD)
        return "redo"

    def _deadline(self) -> Any:
        return self.rng.choice(
            [
                None,
                Within(within_months=self.rng.randint(1, 12)),
                Within(within_days=self.rng.randint(1, 90)),
                OnDate(on=dt.date(2018, self.rng.randint(3, 12), self.rng.randint(1, 28))),
                dt.date(2019, self.rng.randint(1, 12), 1),
                Every(every_months=self.rng.randint(1, 3), for_months=12),
                Times(times=self.rng.randint(1, 4), by_year_end=self.chance(0.5)),
            ]
        )

    def _draft(self, shard: str) -> ActionDraft:
        closing = self.session.closing
        people = closing.roster() if shard == JOINT else closing.roster_of(shard)
        owner = self.pick(people) if self.chance(0.5) else None
        return ActionDraft(
            activity=self.text("action"),
            owner="" if owner else self.text("owner"),
            owner_participant=owner.key if owner else None,
            deadline=self._deadline(),
            indicator=self.text("indicator") if self.chance(0.6) else "",
            status=self.rng.choice([ActionStatus.OPEN, ActionStatus.OPEN, ActionStatus.DONE]),
        )

    def _actions(self) -> str:
        closing = self.session.closing
        shard = self.rng.choice([JOINT, JOINT, *COOPS])
        if closing.ensure_from_templates(shard):
            return "templates"
        action = self.pick(closing.actions(shard))
        roll = self.rng.random()
        if roll < 0.25 or action is None:
            closing.add_action(shard, self._draft(shard))
            return "add"
        if roll < 0.40:
            closing.update_action(shard, action.id, self._draft(shard))
            return "update"
        if roll < 0.55:
            closing.toggle_done(shard, action.id, dt.date(2018, 3, self.rng.randint(1, 31)))
            return "done"
        if roll < 0.60:
            closing.set_status(shard, action.id, ActionStatus.DROPPED)
            return "drop"
        if roll < 0.68:
            closing.delete_action(shard, action.id)
            return "trash"
        if roll < 0.75:
            trashed = self.pick(closing.trash(shard))
            if trashed is not None:
                closing.restore_action(shard, trashed.id)
            return "restore"
        if roll < 0.87:
            closing.reorder_action(shard, action.id, self.rng.choice([-1, 1]))
            return "reorder"
        if roll < 0.96:
            closing.undo(closing.action_edits, shard)
            return "undo"
        closing.redo(closing.action_edits, shard)
        return "redo"

    def _team(self) -> str:
        closing = self.session.closing
        coop = self.coop()
        seat = self.pick(closing.seats(coop))
        roll = self.rng.random()
        if roll < 0.3 or seat is None:
            person = self.pick(closing.roster_of(coop)) if self.chance(0.5) else None
            role = person.role if person else self.rng.choice(list(Role))
            closing.add_seat(coop, role, self.text("Seat"), person.key if person else None)
            return "add"
        if roll < 0.4:
            closing.seat_attendees(coop)
            return "seat-attendees"
        if roll < 0.6:
            closing.update_seat(coop, seat.id, self.rng.choice(list(Role)), self.text("Renamed"))
            return "update"
        if roll < 0.8:
            closing.remove_seat(coop, seat.id)
            return "remove"
        if roll < 0.93:
            closing.undo(closing.team_edits, coop)
            return "undo"
        closing.redo(closing.team_edits, coop)
        return "redo"

    def _timer(self) -> str:
        session = self.session
        roll = self.rng.random()
        if roll < 0.55:
            return f"toggle-{session.toggle_timer().value}"
        if roll < 0.9:
            session.adjust_timer(self.rng.choice([-2, -1, 1, 2, 5, 10]))
            return "adjust"
        session.finish_item()
        return "finish"

    def _agenda(self) -> str:
        session = self.session
        roll = self.rng.random()
        if roll < 0.3:
            if not session.next_item():
                session.go_to(self.plan.items()[0][1].key)
            return "next"
        if roll < 0.45:
            session.previous_item()
            return "previous"
        if roll < 0.6:
            session.go_to(self.rng.choice(self.plan.items())[1].key)
            return "go-to"
        if roll < 0.72:
            session.select_cooperative(self.coop())
            return "cooperative"
        if roll < 0.8:
            session.step_group(self.rng.choice([-1, 1]))
            return "group"
        if roll < 0.92:
            screen = self.rng.choice(["swot", "roadmap", "strategy", "closing"])
            session.set_location(screen=screen)
            session.set_cursor(screen, row=self.rng.randrange(20), col=self.rng.randrange(5))
            return "cursor"
        session.heartbeat()  # touches the alive file: no commit
        return "heartbeat"

    def _batch(self) -> str:
        store = self.store
        coop = self.coop()
        shard = self.session.state.cooperative(coop)
        roll = self.rng.random()
        if roll < 0.25:
            # Several new notes and their numbers, one put_many (the numbering stays sound).
            quadrant = self.rng.choice(list(Quadrant))
            first = swot.new_note(shard, quadrant, self.text("batch note"), self.session.clock())
            notes = [
                first.model_copy(
                    update={
                        "id": new_id(),
                        "number": first.number + i,
                        "position": first.position + i,
                        "text": self.text(f"batch note {i}"),
                    }
                )
                for i in range(self.rng.randint(2, 8))
            ]
            store.put_many(coop, [*notes, swot.numbers_issued(shard, notes[-1])])
            return "notes"
        if roll < 0.45:
            # One commit over several tables of a cooperative shard.
            notes = self.live_notes(coop)
            entities: list[Entity] = [
                Strategy(cell=self.rng.choice(list(TowsCell)), text=self.text("batch strategy")),
                MissionItem(text=self.text("batch mission"), position=1000.0 + self.count),
                RoadmapCell(
                    id=RoadmapCell.key(area := self.area(), year := self.year()),
                    area=area,
                    year=year,
                    text=self.text("batch cell"),
                ),
                TierTarget(id=str(year), year=year, tier=self.rng.choice(self.plan.tiers).id),
            ]
            if notes:
                note = self.rng.choice(notes)
                entities.append(FactorScore(id=note.id, weight=0.1, rating=2))
            store.put_many(coop, entities)
            return "mixed"
        if roll < 0.6:
            # A batch that replaces and removes for good (hard removes are rare in the app).
            cells = list(shard.table(RoadmapCell).values())
            scores = list(shard.table(FactorScore).values())
            with store.batch(coop):
                for cell in self.rng.sample(cells, min(2, len(cells))):
                    store.remove(coop, RoadmapCell, cell.id)
                if scores:
                    store.remove(coop, FactorScore, self.rng.choice(scores).id)
                year = self.year()
                store.put(coop, TierTarget(id=str(year), year=year, tier=self.plan.tiers[0].id))
            return "batch-remove"
        if roll < 0.8:
            # Many documents of the workshop shard at once, replacing earlier ones.
            drafts = [
                Draft(id=f"crash:{i}", text=self.text("draft"), open=self.chance(0.5))
                for i in self.rng.sample(range(60), self.rng.randint(5, 30))
            ]
            with store.batch(WORKSHOP_SHARD):
                store.put_many(WORKSHOP_SHARD, drafts)
                gone = self.pick(list(self.session.state.workshop.table(Draft)))
                if gone is not None:
                    store.remove(WORKSHOP_SHARD, Draft, gone)
                if self.chance(0.3):
                    store.put(
                        WORKSHOP_SHARD,
                        WalkIn(
                            name=self.text("Batch Walk In"), cooperative=coop, role=Role.ANGGOTA
                        ),
                    )
            return "drafts"
        if roll < 0.9:
            # Nested batches of two shards: two commits, the inner shard's first.
            other = self.rng.choice([c for c in COOPS if c != coop])
            with store.batch(coop), store.batch(other):
                store.put(coop, MissionItem(text=self.text("nested"), position=2000.0 + self.count))
                store.put(
                    other, MissionItem(text=self.text("nested"), position=2000.0 + self.count)
                )
            return "two-shards"
        self.session.closing.prepare_followup()  # one put_many per board never opened
        return "followup"


__all__ = ["COOPS", "KINDS", "digest", "run_child", "shard_of_path"]
