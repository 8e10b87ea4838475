"""The roadmap grid's actions: edit cells, copy forward, set tier targets, undo, drafts."""

from __future__ import annotations

from workshop_tui.domain import roadmap
from workshop_tui.domain.history import Change
from workshop_tui.domain.plan import Plan
from workshop_tui.domain.state import (
    WORKSHOP_SHARD,
    Draft,
    Entity,
    RoadmapCell,
    Shard,
    TierTarget,
)
from workshop_tui.session import Session
from workshop_tui.workflows.changes import UndoableEdits


def draft_key(coop: str, area: str, year: int) -> str:
    return f"roadmap:{coop}:{area}:{year}"


class RoadmapBoard:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.edits = UndoableEdits(session.store)

    @property
    def plan(self) -> Plan:
        return self.session.plan

    def shard(self, coop: str) -> Shard:
        return self.session.state.cooperative(coop)

    def text(self, coop: str, area: str, year: int) -> str:
        return roadmap.cell_text(self.shard(coop), area, year)

    def tier(self, coop: str, year: int) -> str | None:
        return roadmap.tier_of(self.shard(coop), year)

    def current_tier(self, coop: str) -> str | None:
        """The cooperative's tier today, as the plan gives it."""
        found = self.plan.cooperative(coop)
        return found.current_tier if found else None

    def drops(self, coop: str) -> list[int]:
        return roadmap.tier_drops(self.plan, self.shard(coop), self.current_tier(coop))

    def starting_tier(self, coop: str, year: int) -> str | None:
        """The tier a year with no target starts from (see `roadmap.starting_tier`)."""
        return roadmap.starting_tier(self.plan, self.shard(coop), year, self.current_tier(coop))

    # -- cells ----------------------------------------------------------------------------

    def _cell_change(
        self, coop: str, area: str, year: int, text: str
    ) -> tuple[Entity | None, Entity] | None:
        key = roadmap.cell_key(area, year)
        before = self.shard(coop).get(RoadmapCell, key)
        if (before.text if before else "") == text:
            return None
        return before, RoadmapCell(id=key, area=area, year=year, text=text)

    def _commit(self, coop: str, pairs: list[tuple[Entity | None, Entity]]) -> Change | None:
        return self.edits.commit(coop, [b for b, _ in pairs], [a for _, a in pairs])

    def set_cell(self, coop: str, area: str, year: int, text: str) -> bool:
        pair = self._cell_change(coop, area, year, text.strip("\n"))
        if pair is not None:
            self._commit(coop, [pair])
        self.set_draft(coop, area, year, None)
        return pair is not None

    def copy_cell_forward(self, coop: str, area: str, year: int) -> int | None:
        """Copy a cell to the same area's next year; returns that year (None at the end)."""
        target = roadmap.next_year(self.plan, year)
        if target is None:
            return None
        pair = self._cell_change(coop, area, target, self.text(coop, area, year))
        if pair is not None:
            self._commit(coop, [pair])
        return target

    def copy_year_forward(self, coop: str, year: int) -> int | None:
        """Copy a whole year (every area and the tier target) to the next year, as one change."""
        target = roadmap.next_year(self.plan, year)
        if target is None:
            return None
        pairs = []
        for area in self.plan.roadmap.areas:
            pair = self._cell_change(coop, area.id, target, self.text(coop, area.id, year))
            if pair is not None:
                pairs.append(pair)
        tier = self.tier(coop, year)
        if tier is not None and tier != self.tier(coop, target):
            pairs.append(self._tier_pair(coop, target, tier))
        if pairs:
            self._commit(coop, pairs)
        return target

    # -- tiers ----------------------------------------------------------------------------

    def _tier_pair(self, coop: str, year: int, tier: str) -> tuple[Entity | None, Entity]:
        before = self.shard(coop).get(TierTarget, str(year))
        return before, TierTarget(id=str(year), year=year, tier=tier)

    def set_tier(self, coop: str, year: int, tier: str) -> None:
        if tier != self.tier(coop, year):
            self._commit(coop, [self._tier_pair(coop, year, tier)])

    def step_tier(self, coop: str, year: int, step: int) -> None:
        """One tier up or down; `+` on a year with no target sets the tier it starts from
        (the year before's, else the cooperative's today), `-` there does nothing."""
        current = self.tier(coop, year)
        if roadmap.tier_rank(self.plan, current) is None and step > 0:
            tier = self.starting_tier(coop, year)
        else:
            tier = roadmap.stepped_tier(self.plan, current, step)
        if tier is not None:
            self.set_tier(coop, year, tier)

    # -- undo and drafts ------------------------------------------------------------------

    def undo(self, coop: str) -> Change | None:
        return self.edits.undo(coop, self.session.clock())

    def redo(self, coop: str) -> Change | None:
        return self.edits.redo(coop)

    def draft(self, coop: str, area: str, year: int) -> str | None:
        draft = self.session.state.workshop.get(Draft, draft_key(coop, area, year))
        return draft.text if draft is not None and draft.open else None

    def set_draft(self, coop: str, area: str, year: int, text: str | None) -> None:
        """Text typed in a cell's editor, saved per keystroke; None closes the draft."""
        key = draft_key(coop, area, year)
        current = self.session.state.workshop.get(Draft, key)
        new = Draft(id=key, text=text or "", open=text is not None)
        if current is None and text is None:
            return
        if current is not None and current.text == new.text and current.open == new.open:
            return
        self.session.store.put(WORKSHOP_SHARD, new)
