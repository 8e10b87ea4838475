"""The strategy screen's actions (F4): TOWS strategies with citations, IFAS/EFAS factor
scores, the vision and the mission list; undo, redo and drafts.

Every method commits before it returns (the screen shows a change only once it is on
disk) and is recorded in the cooperative's undo history of this screen. The vision is
committed on every change while it is typed; a burst of typing is one undo step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workshop_tui.domain import scoring as rules
from workshop_tui.domain import swot, tows
from workshop_tui.domain.history import Change
from workshop_tui.domain.scoring import Scoring, Side
from workshop_tui.domain.state import (
    WORKSHOP_SHARD,
    Draft,
    Entity,
    FactorScore,
    MissionItem,
    Note,
    Profile,
    Shard,
    Strategy,
    TowsCell,
)
from workshop_tui.session import Session
from workshop_tui.workflows.changes import UndoableEdits, apply_change

MISSION_FIELD = "mission"
VISION_PAUSE = dt.timedelta(seconds=2)
"""Typing the vision after a pause this long starts a new undo step."""


def draft_key(coop: str, field: str) -> str:
    """Draft id of a cell's input (field = "SO"...) or the mission input ("mission")."""
    return f"strategy:{coop}:{field}"


@dataclass(frozen=True)
class Saved:
    """A strategy as saved; or, when its text has labels that name no note (`unknown`),
    as it was (None for a new one): such a text is refused, nothing is committed."""

    strategy: Strategy | None
    unknown: list[str]


@dataclass
class _OpenVision:
    change: Change
    at: dt.datetime


class StrategyBoard:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.edits = UndoableEdits(session.store)
        self._vision: dict[str, _OpenVision] = {}

    def shard(self, coop: str) -> Shard:
        return self.session.state.cooperative(coop)

    def _commit(self, coop: str, before: list[Entity | None], after: list[Entity]) -> Change | None:
        return self.edits.commit(coop, before, after)

    # -- strategies -----------------------------------------------------------------------

    def strategies(self, coop: str, cell: TowsCell) -> list[Strategy]:
        return tows.strategies_in(self.shard(coop), cell)

    def strategy(self, coop: str, strategy_id: str) -> Strategy | None:
        return self.shard(coop).get(Strategy, strategy_id)

    def add(self, coop: str, cell: TowsCell, text: str) -> Saved:
        """A new strategy at the end of the cell; blank text, or text with a label that
        names no note, adds nothing (the draft keeps it)."""
        if not text.strip():
            return Saved(None, [])
        strategy, citations = tows.new_strategy(self.shard(coop), cell, text.strip())
        if citations.unknown:
            return Saved(None, citations.unknown)
        self._commit(coop, [None], [strategy])
        self.set_draft(coop, cell.value, "")
        return Saved(strategy, citations.unknown)

    def edit(self, coop: str, strategy_id: str, text: str) -> Saved:
        strategy = self.strategy(coop, strategy_id)
        if strategy is None or not text.strip():
            return Saved(strategy, [])
        new, citations = tows.edited(self.shard(coop), strategy, text.strip())
        if citations.unknown:
            return Saved(strategy, citations.unknown)
        if new != strategy:
            self._commit(coop, [strategy], [new])
        self.set_draft(coop, strategy.cell.value, "")
        return Saved(new, citations.unknown)

    def delete(self, coop: str, strategy_id: str) -> None:
        """To the trash, restorable."""
        strategy = self.strategy(coop, strategy_id)
        if strategy is not None and strategy.deleted_at is None:
            self._commit(coop, [strategy], [tows.deleted(strategy, self.session.clock())])

    def restore(self, coop: str, strategy_id: str) -> None:
        strategy = self.strategy(coop, strategy_id)
        if strategy is not None and strategy.deleted_at is not None:
            self._commit(coop, [strategy], [tows.restored(self.shard(coop), strategy)])

    def move(self, coop: str, strategy_id: str, cell: TowsCell) -> Strategy | None:
        strategy = self.strategy(coop, strategy_id)
        if strategy is None or strategy.cell is cell:
            return strategy
        new = tows.moved(self.shard(coop), strategy, cell)
        self._commit(coop, [strategy], [new])
        return new

    def reorder(self, coop: str, strategy_id: str, step: int) -> bool:
        strategy = self.strategy(coop, strategy_id)
        if strategy is None:
            return False
        changed = tows.reordered(self.shard(coop), strategy, step)
        before: list[Entity | None] = [self.strategy(coop, s.id) for s in changed]
        return self._commit(coop, before, list(changed)) is not None

    def trash(self, coop: str) -> list[Strategy]:
        return tows.trash(self.shard(coop))

    def cited(self, coop: str, strategy: Strategy) -> list[Note]:
        return tows.cited_notes(self.shard(coop), strategy)

    def uncited(self, coop: str, strategy: Strategy) -> list[str]:
        """Labels in its text (as shown) that cite nothing: to be flagged."""
        notes = self.shard(coop).table(Note).values()
        return tows.uncited_labels(strategy.text, strategy.cites, notes)

    def text_of(self, coop: str, strategy: Strategy) -> str:
        """The strategy's text with the labels of moved notes brought up to date."""
        return tows.relabelled(strategy.text, strategy.cites, self.shard(coop).table(Note).values())

    def reference(self, coop: str, cell: TowsCell) -> list[Note]:
        """The live SWOT notes a cell draws on (e.g. S then O for SO)."""
        shard = self.shard(coop)
        return [n for q in tows.CELL_QUADRANTS[cell] for n in swot.notes_in(shard, q)]

    # -- factor scoring -------------------------------------------------------------------

    def factor_notes(self, coop: str) -> list[Note]:
        shard = self.shard(coop)
        return [n for q in swot.QUADRANTS for n in swot.notes_in(shard, q)]

    def scoring(self, coop: str) -> Scoring:
        return rules.score(self.factor_notes(coop), self.shard(coop).table(FactorScore))

    def factor_score(self, coop: str, note_id: str) -> FactorScore | None:
        return self.shard(coop).get(FactorScore, note_id)

    def set_weight(self, coop: str, note_id: str, weight: float) -> None:
        current = self.factor_score(coop, note_id)
        base = current or FactorScore(id=note_id)
        if current is None or current.weight != weight:
            self._commit(coop, [current], [base.model_copy(update={"weight": weight})])

    def set_rating(self, coop: str, note_id: str, rating: int) -> None:
        current = self.factor_score(coop, note_id)
        base = current or FactorScore(id=note_id)
        if current is None or current.rating != rating:
            self._commit(coop, [current], [base.model_copy(update={"rating": rating})])

    def balance(self, coop: str, side: Side) -> bool:
        """Scale one side's weights to sum to 1, keeping their proportions (one step)."""
        factors = self.scoring(coop).side(side).factors
        weights = rules.balance(factors)
        before: list[Entity | None] = []
        after: list[Entity] = []
        for note_id, weight in weights.items():
            current = self.factor_score(coop, note_id)
            if current is not None and current.weight == weight:
                continue
            before.append(current)
            after.append((current or FactorScore(id=note_id)).model_copy(update={"weight": weight}))
        return self._commit(coop, before, after) is not None

    # -- vision ---------------------------------------------------------------------------

    def vision(self, coop: str) -> str:
        profile = self.shard(coop).get(Profile, "profile")
        return profile.vision if profile else ""

    def set_vision(self, coop: str, text: str) -> None:
        """Commit the vision as typed (call it on every change). Changes that follow one
        another without a pause, and without another change between, are one undo step."""
        current = self.shard(coop).get(Profile, "profile")
        if (current.vision if current else "") == text:
            return
        new = (current or Profile()).model_copy(update={"vision": text})
        at = self.session.clock()
        history = self.edits.history(coop)
        open_ = self._vision.get(coop)
        if (
            open_ is not None
            and history.undo_stack
            and history.undo_stack[-1] is open_.change
            and at - open_.at < VISION_PAUSE
        ):
            change = Change.of(coop, [open_.change.pairs[0][0]], [new])
            apply_change(self.session.store, change)
            history.undo_stack[-1] = change
        else:
            committed = self._commit(coop, [current], [new])
            assert committed is not None
            change = committed
        self._vision[coop] = _OpenVision(change, at)

    def end_vision_edit(self, coop: str) -> None:
        """The editor was left: the next typing is a new undo step."""
        self._vision.pop(coop, None)

    # -- mission --------------------------------------------------------------------------

    def mission(self, coop: str) -> list[MissionItem]:
        return tows.mission(self.shard(coop))

    def mission_item(self, coop: str, item_id: str) -> MissionItem | None:
        return self.shard(coop).get(MissionItem, item_id)

    def add_mission(self, coop: str, text: str) -> MissionItem | None:
        if not text.strip():
            return None
        item = tows.new_mission_item(self.shard(coop), text.strip())
        self._commit(coop, [None], [item])
        self.set_draft(coop, MISSION_FIELD, "")
        return item

    def edit_mission(self, coop: str, item_id: str, text: str) -> MissionItem | None:
        item = self.mission_item(coop, item_id)
        if item is None or not text.strip():
            return item
        new = item.model_copy(update={"text": text.strip()})
        if new != item:
            self._commit(coop, [item], [new])
        self.set_draft(coop, MISSION_FIELD, "")
        return new

    def delete_mission(self, coop: str, item_id: str) -> None:
        item = self.mission_item(coop, item_id)
        if item is not None and item.deleted_at is None:
            new = item.model_copy(update={"deleted_at": self.session.clock()})
            self._commit(coop, [item], [new])

    def restore_mission(self, coop: str, item_id: str) -> None:
        item = self.mission_item(coop, item_id)
        if item is not None and item.deleted_at is not None:
            self._commit(coop, [item], [tows.mission_restored(self.shard(coop), item)])

    def reorder_mission(self, coop: str, item_id: str, step: int) -> bool:
        item = self.mission_item(coop, item_id)
        if item is None:
            return False
        changed = tows.mission_reordered(self.shard(coop), item, step)
        before: list[Entity | None] = [self.mission_item(coop, m.id) for m in changed]
        return self._commit(coop, before, list(changed)) is not None

    def mission_trash(self, coop: str) -> list[MissionItem]:
        return tows.mission_trash(self.shard(coop))

    # -- undo -----------------------------------------------------------------------------

    def undo(self, coop: str) -> Change | None:
        self.end_vision_edit(coop)
        return self.edits.undo(coop, self.session.clock())

    def redo(self, coop: str) -> Change | None:
        self.end_vision_edit(coop)
        return self.edits.redo(coop)

    # -- drafts: text typed but not yet submitted ------------------------------------------

    def draft(self, coop: str, field: str) -> Draft | None:
        return self.session.state.workshop.get(Draft, draft_key(coop, field))

    def set_draft(self, coop: str, field: str, text: str, target: str | None = None) -> None:
        """Save what is typed so far (every keystroke), so a crash loses none of it;
        `target` is the strategy or mission statement being edited, if any."""
        key = draft_key(coop, field)
        current = self.session.state.workshop.get(Draft, key)
        if current is None and not text:
            return
        if current is not None and current.text == text and current.note_id == target:
            return
        self.session.store.put(WORKSHOP_SHARD, Draft(id=key, text=text, note_id=target))
