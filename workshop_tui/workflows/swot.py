"""The SWOT board's actions: capture, edit, trash, move, order, votes, undo, drafts.

Every method commits before it returns (the screen shows a change only once it is on
disk) and is recorded in the board's undo history. Boards are per cooperative.
"""

from __future__ import annotations

from workshop_tui.domain import swot
from workshop_tui.domain.history import Change
from workshop_tui.domain.state import WORKSHOP_SHARD, Draft, Note, Quadrant, Shard
from workshop_tui.session import Session
from workshop_tui.workflows.changes import UndoableEdits


def draft_key(coop: str, quadrant: Quadrant, editing: bool = False) -> str:
    """Where typed text waits: a new note's and an edit's are kept apart, so editing a
    note never costs the half-typed new one."""
    return f"swot:{coop}:{quadrant.value}" + (":edit" if editing else "")


class SwotBoard:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.edits = UndoableEdits(session.store)

    def shard(self, coop: str) -> Shard:
        return self.session.state.cooperative(coop)

    def note(self, coop: str, note_id: str) -> Note | None:
        return self.shard(coop).get(Note, note_id)

    def notes(self, coop: str, quadrant: Quadrant) -> list[Note]:
        return swot.notes_in(self.shard(coop), quadrant)

    def _commit(self, coop: str, before: list[Note | None], after: list[Note]) -> Change | None:
        return self.edits.commit(coop, list(before), list(after))

    # -- capture and edit -----------------------------------------------------------------

    def add(self, coop: str, quadrant: Quadrant, text: str) -> Note | None:
        """A new note at the end of the quadrant; blank text adds nothing."""
        if not text.strip():
            return None
        shard = self.shard(coop)
        note = swot.new_note(shard, quadrant, text.strip(), self.session.clock())
        with self.session.store.batch(coop):  # one commit: the note and its number
            self._commit(coop, [None], [note])
            self.session.store.put(coop, swot.numbers_issued(shard, note))
        self.set_draft(coop, quadrant, "")
        return note

    def edit(self, coop: str, note_id: str, text: str) -> Note | None:
        note = self.note(coop, note_id)
        if note is None or not text.strip() or text.strip() == note.text:
            return note
        new = swot.edited(note, text.strip(), self.session.clock())
        self._commit(coop, [note], [new])
        self.set_draft(coop, note.quadrant, "", note_id=note_id)
        return new

    def delete(self, coop: str, note_id: str) -> None:
        """To the trash, restorable."""
        note = self.note(coop, note_id)
        if note is not None and note.deleted_at is None:
            self._commit(coop, [note], [swot.deleted(note, self.session.clock())])

    def restore(self, coop: str, note_id: str) -> None:
        note = self.note(coop, note_id)
        if note is not None and note.deleted_at is not None:
            self._commit(
                coop, [note], [swot.restored(self.shard(coop), note, self.session.clock())]
            )

    def trash(self, coop: str) -> list[Note]:
        return swot.trash(self.shard(coop))

    # -- arranging ------------------------------------------------------------------------

    def move(self, coop: str, note_id: str, quadrant: Quadrant) -> Note | None:
        note = self.note(coop, note_id)
        if note is None or note.quadrant is quadrant:
            return note
        shard = self.shard(coop)
        new = swot.moved(shard, note, quadrant, self.session.clock())
        with self.session.store.batch(coop):
            self._commit(coop, [note], [new])
            self.session.store.put(coop, swot.numbers_issued(shard, new))
        return new

    def reorder(self, coop: str, note_id: str, step: int) -> bool:
        note = self.note(coop, note_id)
        if note is None:
            return False
        changed = swot.reordered(self.shard(coop), note, step)
        before: list[Note | None] = [self.note(coop, n.id) for n in changed]
        return self._commit(coop, before, changed) is not None

    def vote(self, coop: str, note_id: str, delta: int) -> None:
        note = self.note(coop, note_id)
        if note is not None:
            self.set_votes(coop, note_id, note.votes + delta)

    def set_votes(self, coop: str, note_id: str, votes: int) -> None:
        note = self.note(coop, note_id)
        if note is not None and max(0, votes) != note.votes:
            self._commit(coop, [note], [swot.voted(note, votes, self.session.clock())])

    def sort_by_votes(self, coop: str, quadrant: Quadrant) -> None:
        changed = swot.sorted_by_votes(self.shard(coop), quadrant)
        before: list[Note | None] = [self.note(coop, n.id) for n in changed]
        self._commit(coop, before, changed)

    # -- undo -----------------------------------------------------------------------------

    def undo(self, coop: str) -> Change | None:
        return self.edits.undo(coop, self.session.clock())

    def redo(self, coop: str) -> Change | None:
        return self.edits.redo(coop)

    # -- drafts: text typed but not yet submitted ------------------------------------------

    def draft(self, coop: str, quadrant: Quadrant) -> Draft | None:
        """The new note being typed in a quadrant."""
        return self.session.state.workshop.get(Draft, draft_key(coop, quadrant))

    def edit_draft(self, coop: str, quadrant: Quadrant) -> Draft | None:
        """An edit in progress in a quadrant (its `note_id` names the note), if any."""
        draft = self.session.state.workshop.get(Draft, draft_key(coop, quadrant, editing=True))
        return draft if draft is not None and draft.note_id else None

    def set_draft(
        self, coop: str, quadrant: Quadrant, text: str, note_id: str | None = None
    ) -> None:
        """Save what is typed so far (every keystroke), so a crash loses none of it. With
        `note_id` it is the text of an edit of that note; "" ends the edit's draft."""
        key = draft_key(coop, quadrant, editing=note_id is not None)
        if note_id is not None and not text:
            note_id = None  # an ended edit
        current = self.session.state.workshop.get(Draft, key)
        if current is None and not text:
            return
        if current is not None and current.text == text and current.note_id == note_id:
            return
        self.session.store.put(WORKSHOP_SHARD, Draft(id=key, text=text, note_id=note_id))
