"""Committing a recorded change, and the per-board undo history that goes with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from workshop_tui.domain.history import Change, History
from workshop_tui.domain.state import Entity
from workshop_tui.storage.store import WorkshopStore


def apply_change(store: WorkshopStore, change: Change) -> None:
    """Commit every entity of a change at once (one atomic write of its shard)."""
    with store.batch(change.shard):
        for before, after in change.pairs:
            if after is not None:
                store.put(change.shard, after)
            elif before is not None:
                store.remove(change.shard, type(before), before.id)


class UndoableEdits:
    """Commits changes to boards and keeps one undo history per board (shard), so undo
    still works after switching to another group and back."""

    def __init__(self, store: WorkshopStore) -> None:
        self.store = store
        self.histories: dict[str, History] = {}

    def history(self, shard: str) -> History:
        return self.histories.setdefault(shard, History())

    def commit(
        self, shard: str, before: Sequence[Entity | None], after: Sequence[Entity]
    ) -> Change | None:
        """Commit `after` (replacing `before`) and record it for undo. Nothing to do: None."""
        if not after:
            return None
        change = Change.of(shard, list(before), list(after))
        apply_change(self.store, change)
        self.history(shard).record(change)
        return change

    def undo(self, shard: str, at: dt.datetime) -> Change | None:
        change = self.history(shard).pop_undo(at)
        if change is not None:
            apply_change(self.store, change)
        return change

    def redo(self, shard: str) -> Change | None:
        change = self.history(shard).pop_redo()
        if change is not None:
            apply_change(self.store, change)
        return change
