"""Rules of the SWOT board: numbering, order, votes. Pure functions that return the notes
a change touches, in their new versions; the caller commits them."""

from __future__ import annotations

import datetime as dt

from workshop_tui.domain.state import Note, Quadrant, Shard, SwotNumbers

QUADRANTS = (Quadrant.STRENGTH, Quadrant.WEAKNESS, Quadrant.OPPORTUNITY, Quadrant.THREAT)
INTERNAL = (Quadrant.STRENGTH, Quadrant.WEAKNESS)

# The 2×2 board: S W on top (internal), O T below (external).
NEIGHBOUR = {
    (Quadrant.STRENGTH, "right"): Quadrant.WEAKNESS,
    (Quadrant.STRENGTH, "down"): Quadrant.OPPORTUNITY,
    (Quadrant.WEAKNESS, "left"): Quadrant.STRENGTH,
    (Quadrant.WEAKNESS, "down"): Quadrant.THREAT,
    (Quadrant.OPPORTUNITY, "up"): Quadrant.STRENGTH,
    (Quadrant.OPPORTUNITY, "right"): Quadrant.THREAT,
    (Quadrant.THREAT, "up"): Quadrant.WEAKNESS,
    (Quadrant.THREAT, "left"): Quadrant.OPPORTUNITY,
}


def notes_in(shard: Shard, quadrant: Quadrant) -> list[Note]:
    """The live notes of one quadrant, in board order."""
    return [n for n in shard.live(Note) if n.quadrant is quadrant]


def label(note: Note) -> str:
    """How a note is cited: its quadrant letter and stable number, e.g. 'S3'."""
    return f"{note.quadrant.value}{note.number}"


def _next_number(shard: Shard, quadrant: Quadrant) -> int:
    # Numbers are never reused, not even those of deleted or moved notes: citations stay
    # unambiguous. The record of numbers issued covers notes that left the quadrant.
    used = [n.number for n in shard.table(Note).values() if n.quadrant is quadrant]
    issued = shard.singleton(SwotNumbers).issued.get(quadrant.value, 0)
    return max(max(used, default=0), issued) + 1


def numbers_issued(shard: Shard, note: Note) -> SwotNumbers:
    """The record of numbers issued, counting `note`'s."""
    record = shard.singleton(SwotNumbers)
    issued = dict(record.issued)
    issued[note.quadrant.value] = max(issued.get(note.quadrant.value, 0), note.number)
    return record.model_copy(update={"issued": issued})


def _end_position(shard: Shard, quadrant: Quadrant) -> float:
    notes = notes_in(shard, quadrant)
    return (notes[-1].position + 1.0) if notes else 1.0


def new_note(shard: Shard, quadrant: Quadrant, text: str, at: dt.datetime) -> Note:
    return Note(
        quadrant=quadrant,
        text=text,
        position=_end_position(shard, quadrant),
        number=_next_number(shard, quadrant),
        created_at=at,
        updated_at=at,
    )


def edited(note: Note, text: str, at: dt.datetime) -> Note:
    return note.model_copy(update={"text": text, "updated_at": at})


def deleted(note: Note, at: dt.datetime) -> Note:
    return note.model_copy(update={"deleted_at": at, "updated_at": at})


def restored(shard: Shard, note: Note, at: dt.datetime) -> Note:
    """Back from the trash, in the place it left (its number never changed)."""
    return note.model_copy(
        update={
            "deleted_at": None,
            "updated_at": at,
            "position": _free_position(shard, note),
        }
    )


def _free_position(shard: Shard, note: Note) -> float:
    """`note`'s own position, unless a live note of its quadrant took it meanwhile (a new
    note, a sort): then just after that one, so no two notes ever share a place."""
    others = [n for n in notes_in(shard, note.quadrant) if n.id != note.id]
    taken = next((i for i, n in enumerate(others) if n.position == note.position), None)
    if taken is None:
        return note.position
    if taken + 1 < len(others):
        return (note.position + others[taken + 1].position) / 2
    return note.position + 1.0


def moved(shard: Shard, note: Note, quadrant: Quadrant, at: dt.datetime) -> Note:
    """To the end of another quadrant, with a number of that quadrant."""
    if quadrant is note.quadrant:
        return note
    return note.model_copy(
        update={
            "quadrant": quadrant,
            "number": _next_number(shard, quadrant),
            "position": _end_position(shard, quadrant),
            "updated_at": at,
        }
    )


def reordered(shard: Shard, note: Note, step: int) -> list[Note]:
    """Swap a note with its neighbour above (step -1) or below (+1); [] at an edge."""
    notes = notes_in(shard, note.quadrant)
    # A trashed or unknown note is not in `notes`: nothing to swap, so no change ([]).
    index = next((i for i, n in enumerate(notes) if n.id == note.id), None)
    if index is None:
        return []
    other = index + step
    if not 0 <= other < len(notes):
        return []
    a, b = notes[index], notes[other]
    return [
        a.model_copy(update={"position": b.position}),
        b.model_copy(update={"position": a.position}),
    ]


def parse_tally(text: str) -> int | None:
    """A typed tally: a whole number of votes, 0 or more (digits only); else None."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def voted(note: Note, votes: int, at: dt.datetime) -> Note:
    return note.model_copy(update={"votes": max(0, votes), "updated_at": at})


def sorted_by_votes(shard: Shard, quadrant: Quadrant) -> list[Note]:
    """Most votes first; ties keep their order. Returns only notes whose place changed."""
    notes = notes_in(shard, quadrant)
    ranked = sorted(notes, key=lambda n: -n.votes)  # stable
    changes = []
    for position, note in enumerate(ranked, start=1):
        if note.position != float(position):
            changes.append(note.model_copy(update={"position": float(position)}))
    return changes


def trash(shard: Shard) -> list[Note]:
    """Deleted notes, most recently deleted first."""
    gone = [n for n in shard.table(Note).values() if n.deleted_at is not None]
    return sorted(gone, key=lambda n: n.deleted_at or n.updated_at, reverse=True)
