"""Undo and redo: each change is the entities it touched, before and after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from workshop_tui.domain.state import Entity

DEPTH = 200
"""How many changes each history keeps (several steps deep, bounded in memory)."""

Pair = tuple[Entity | None, Entity | None]
"""(before, after): None before = created by the change; None after = removed by it."""


@dataclass(frozen=True)
class Change:
    shard: str
    pairs: tuple[Pair, ...]

    @staticmethod
    def of(shard: str, before: list[Entity | None], after: list[Entity]) -> Change:
        return Change(shard, tuple(zip(before, after, strict=True)))

    def reverse(self, at: dt.datetime) -> Change:
        """The change that undoes this one. What this change created is not erased when
        it can go to a trash (it has `deleted_at`): undo never destroys typed text."""
        pairs: list[Pair] = []
        for before, after in self.pairs:
            if before is None and after is not None and "deleted_at" in type(after).model_fields:
                pairs.append((after, after.model_copy(update={"deleted_at": at})))
            else:
                pairs.append((after, before))
        return Change(self.shard, tuple(pairs))

    @property
    def touched(self) -> list[Entity]:
        return [e for pair in self.pairs for e in pair if e is not None]


@dataclass
class History:
    """Undo and redo stacks of one board (a cooperative's shard)."""

    undo_stack: list[Change] = field(default_factory=list)
    redo_stack: list[Change] = field(default_factory=list)

    def record(self, change: Change) -> None:
        self.undo_stack.append(change)
        del self.undo_stack[:-DEPTH]
        self.redo_stack.clear()

    def pop_undo(self, at: dt.datetime) -> Change | None:
        """The change that undoes the latest one (None when there is nothing to undo)."""
        if not self.undo_stack:
            return None
        change = self.undo_stack.pop()
        self.redo_stack.append(change)
        return change.reverse(at)

    def pop_redo(self) -> Change | None:
        if not self.redo_stack:
            return None
        change = self.redo_stack.pop()
        self.undo_stack.append(change)
        return change
