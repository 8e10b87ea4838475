"""The SWOT board without a screen: domain rules (domain/swot.py) and the board's actions
(workflows/swot.py) — numbering, order, votes, trash, undo/redo, drafts, and that every
change is on disk exactly as it is in memory."""

from __future__ import annotations

import pytest
from conftest import FakeClock, Sessions
from tinydb import TinyDB

from workshop_tui.domain import swot
from workshop_tui.domain.history import DEPTH
from workshop_tui.domain.state import Draft, Note, Quadrant, Shard
from workshop_tui.session import Session
from workshop_tui.storage.store import shard_file
from workshop_tui.workflows.swot import SwotBoard, draft_key

S, W, O, T = swot.QUADRANTS  # noqa: E741 (the quadrant letters)
COOP = "pkpri-blora"
OTHER = "kpri-guru-randublatung"


@pytest.fixture
def board(session: Session) -> SwotBoard:
    return session.swot


def texts(board: SwotBoard, quadrant: Quadrant, coop: str = COOP) -> list[str]:
    return [n.text for n in board.notes(coop, quadrant)]


def labels(board: SwotBoard, quadrant: Quadrant, coop: str = COOP) -> list[str]:
    return [swot.label(n) for n in board.notes(coop, quadrant)]


def all_notes(session: Session, coop: str = COOP) -> dict[str, Note]:
    return dict(session.state.cooperative(coop).table(Note))


def add(board: SwotBoard, quadrant: Quadrant, *notes: str, coop: str = COOP) -> list[Note]:
    added = [board.add(coop, quadrant, text) for text in notes]
    assert all(n is not None for n in added)
    return added  # type: ignore[return-value]


def assert_reloads_identically(sessions: Sessions, *coops: str) -> Session:
    """Close, open again from disk: every note of every given board is the same."""
    assert sessions.current is not None
    before = {coop: all_notes(sessions.current, coop) for coop in coops or (COOP,)}
    again = sessions.open()
    after = {coop: all_notes(again, coop) for coop in coops or (COOP,)}
    assert after == before
    return again


def notes_on_disk(session: Session, coop: str = COOP) -> dict[str, dict[str, object]]:
    """The notes as the file holds them, read with plain TinyDB (not through the store)."""
    path = shard_file(session.store.folder, coop)
    with TinyDB(path, access_mode="r") as db:
        return {doc["id"]: dict(doc) for doc in db.table("notes").all()}


def assert_same_or_trashed(now: dict[str, Note], expected: dict[str, Note]) -> None:
    """Every expected note as it was; notes beyond those (an undone add) are in the trash."""
    for note_id, note in expected.items():
        assert now[note_id] == note
    for note_id in now.keys() - expected.keys():
        assert now[note_id].deleted_at is not None


# -- domain rules ------------------------------------------------------------------------


def test_pure_rules_on_a_bare_shard(clock: FakeClock) -> None:
    shard = Shard(COOP, "cooperative")

    def put(note: Note) -> Note:
        shard.table(Note)[note.id] = note
        return note

    first = put(swot.new_note(shard, S, "Anggota loyal", clock()))
    second = put(swot.new_note(shard, S, "Modal kuat", clock()))
    threat = put(swot.new_note(shard, T, "Persaingan KUR", clock()))
    assert (first.number, first.position) == (1, 1.0)
    assert (second.number, second.position) == (2, 2.0)
    assert swot.label(threat) == "T1" and threat.position == 1.0
    assert [n.id for n in swot.notes_in(shard, S)] == [first.id, second.id]
    assert swot.moved(shard, first, S, clock()) is first  # same quadrant: unchanged
    assert swot.reordered(shard, first, -1) == []  # already at the top
    assert swot.reordered(shard, second, +1) == []  # already at the bottom
    swapped = {n.id: n.position for n in swot.reordered(shard, first, +1)}
    assert swapped == {first.id: 2.0, second.id: 1.0}
    assert swot.voted(first, -3, clock()).votes == 0
    assert swot.sorted_by_votes(shard, S) == []  # no votes: nothing moves


def test_the_board_is_two_by_two() -> None:
    assert swot.INTERNAL == (S, W)
    assert swot.NEIGHBOUR[(S, "right")] is W and swot.NEIGHBOUR[(S, "down")] is O
    assert swot.NEIGHBOUR[(T, "up")] is W and swot.NEIGHBOUR[(T, "left")] is O
    assert (S, "up") not in swot.NEIGHBOUR and (T, "right") not in swot.NEIGHBOUR
    for (start, _), target in swot.NEIGHBOUR.items():
        assert start is not target


# -- capture and numbering ---------------------------------------------------------------


def test_notes_are_numbered_per_quadrant_at_the_end(board: SwotBoard) -> None:
    add(board, S, "Anggota loyal dan rutin menabung", "Modal sendiri kuat")
    add(board, W, "Pengurus belum menerapkan SOP")
    add(board, S, "Kantor milik sendiri")
    assert labels(board, S) == ["S1", "S2", "S3"]
    assert labels(board, W) == ["W1"]
    assert texts(board, S)[-1] == "Kantor milik sendiri"
    positions = [n.position for n in board.notes(COOP, S)]
    assert positions == sorted(positions) and len(set(positions)) == 3


def test_blank_notes_are_not_added_and_text_is_trimmed(board: SwotBoard) -> None:
    assert board.add(COOP, S, "") is None
    assert board.add(COOP, S, "   \t ") is None
    note = board.add(COOP, S, "  Anggota loyal  ")
    assert note is not None and note.text == "Anggota loyal"
    assert texts(board, S) == ["Anggota loyal"]


def test_unicode_is_kept_exactly(sessions: Sessions, board: SwotBoard) -> None:
    text = "Anggota loyal, Ma'ruf 👍 — café “kuat” ñ 中文 \u200d"
    note = board.add(COOP, O, text)
    assert note is not None
    again = sessions.open()
    stored = again.swot.note(COOP, note.id)
    assert stored is not None and stored.text == text.strip()
    assert notes_on_disk(again)[note.id]["text"] == text.strip()


def test_numbers_are_never_reused_after_a_delete(board: SwotBoard) -> None:
    _s1, s2, s3 = add(board, S, "satu", "dua", "tiga")
    board.delete(COOP, s3.id)
    board.delete(COOP, s2.id)
    (s4,) = add(board, S, "empat")
    assert s4.number == 4
    assert labels(board, S) == ["S1", "S4"]
    board.restore(COOP, s2.id)
    assert labels(board, S) == ["S1", "S4", "S2"]  # back at the end, with its own number


def test_a_moved_note_takes_the_next_number_of_its_new_quadrant(board: SwotBoard) -> None:
    _s1, s2 = add(board, S, "Anggota loyal", "Dana idle")
    add(board, O, "Usaha ritel", "Kemitraan dengan BUMDes")
    moved = board.move(COOP, s2.id, O)
    assert moved is not None and swot.label(moved) == "O3"
    assert texts(board, O) == ["Usaha ritel", "Kemitraan dengan BUMDes", "Dana idle"]
    assert labels(board, S) == ["S1"]
    back = board.move(COOP, moved.id, S)
    assert back is not None and back.quadrant is S and back.number >= 2
    assert labels(board, S) == ["S1", swot.label(back)]  # distinct, at the end
    assert board.move(COOP, back.id, S) == back  # same quadrant: no change
    assert board.move(COOP, "no-such-note", W) is None


def test_the_number_a_moved_note_leaves_behind_is_not_reused(board: SwotBoard) -> None:
    _, s2 = add(board, S, "Anggota loyal", "Dana idle")
    board.move(COOP, s2.id, O)
    (s3,) = add(board, S, "Kantor milik sendiri")
    assert swot.label(s3) == "S3"  # "S2" was already cited for "Dana idle"


def test_reorder_swaps_neighbours_and_stops_at_the_edges(board: SwotBoard) -> None:
    a, _b, c = add(board, W, "A", "B", "C")
    assert not board.reorder(COOP, a.id, -1)  # top edge
    assert not board.reorder(COOP, c.id, +1)  # bottom edge
    undo_depth = len(board.edits.history(COOP).undo_stack)
    assert board.reorder(COOP, c.id, -1)
    assert texts(board, W) == ["A", "C", "B"]
    assert board.reorder(COOP, c.id, -1)
    assert texts(board, W) == ["C", "A", "B"]
    assert not board.reorder(COOP, c.id, -1)
    assert board.reorder(COOP, a.id, +1)
    assert texts(board, W) == ["C", "B", "A"]
    assert len(board.edits.history(COOP).undo_stack) == undo_depth + 3  # edges record nothing
    assert labels(board, W) == ["W3", "W2", "W1"]  # numbers follow the notes
    assert not board.reorder(COOP, "no-such-note", 1)


def test_votes_are_never_negative(board: SwotBoard) -> None:
    (note,) = add(board, T, "Fintech pinjaman online")
    board.vote(COOP, note.id, -1)
    assert board.note(COOP, note.id).votes == 0  # type: ignore[union-attr]
    depth = len(board.edits.history(COOP).undo_stack)
    assert depth == 1  # a vote that changes nothing is not recorded
    board.vote(COOP, note.id, +1)
    board.vote(COOP, note.id, +1)
    board.vote(COOP, note.id, -1)
    assert board.note(COOP, note.id).votes == 1  # type: ignore[union-attr]
    board.set_votes(COOP, note.id, 12)
    assert board.note(COOP, note.id).votes == 12  # type: ignore[union-attr]
    board.set_votes(COOP, note.id, -5)
    assert board.note(COOP, note.id).votes == 0  # type: ignore[union-attr]


def test_sort_by_votes_is_stable(board: SwotBoard) -> None:
    a, b, c, d, e = add(board, O, "A", "B", "C", "D", "E")
    for note, votes in [(a, 1), (b, 3), (c, 1), (d, 3), (e, 0)]:
        board.set_votes(COOP, note.id, votes)
    board.sort_by_votes(COOP, O)
    assert texts(board, O) == ["B", "D", "A", "C", "E"]  # ties keep their order
    assert [n.position for n in board.notes(COOP, O)] == [1.0, 2.0, 3.0, 4.0, 5.0]
    depth = len(board.edits.history(COOP).undo_stack)
    board.sort_by_votes(COOP, O)  # already sorted: nothing to record
    assert len(board.edits.history(COOP).undo_stack) == depth
    board.undo(COOP)
    assert texts(board, O) == ["A", "B", "C", "D", "E"]  # a sort is one undo step
    (f,) = add(board, O, "F")
    assert f.position > max(n.position for n in board.notes(COOP, O) if n.id != f.id)


def test_trash_and_restore(board: SwotBoard) -> None:
    a, b, c = add(board, S, "A", "B", "C")
    board.delete(COOP, b.id)
    board.delete(COOP, b.id)  # twice: no change, no second undo step
    board.delete(COOP, "no-such-note")
    assert texts(board, S) == ["A", "C"]
    assert len(board.edits.history(COOP).undo_stack) == 4
    board.delete(COOP, a.id)
    trash = board.trash(COOP)
    assert {n.id for n in trash} == {a.id, b.id}
    assert all(n.deleted_at is not None for n in trash)
    board.restore(COOP, b.id)
    board.restore(COOP, c.id)  # not in the trash: nothing happens
    assert texts(board, S) == ["B", "C"]  # back in its place
    assert [n.id for n in board.trash(COOP)] == [a.id]
    assert board.note(COOP, b.id).deleted_at is None  # type: ignore[union-attr]


def test_a_restored_note_goes_back_to_its_place(board: SwotBoard) -> None:
    a, b, c = add(board, S, "A", "B", "C")
    board.delete(COOP, b.id)
    board.restore(COOP, b.id)
    assert texts(board, S) == ["A", "B", "C"] and labels(board, S) == ["S1", "S2", "S3"]
    board.delete(COOP, c.id)
    (d,) = add(board, S, "D")  # takes the place C left
    board.restore(COOP, c.id)
    assert texts(board, S) == ["A", "B", "D", "C"]  # just after the note now in its place
    board.undo(COOP)
    assert texts(board, S) == ["A", "B", "D"]
    board.redo(COOP)
    assert texts(board, S) == ["A", "B", "D", "C"]
    board.delete(COOP, a.id)
    board.set_votes(COOP, d.id, 2)
    board.sort_by_votes(COOP, S)  # D 1.0, B 2.0, C 3.0: A's old place (1.0) is D's
    board.restore(COOP, a.id)
    assert texts(board, S) == ["D", "A", "B", "C"]
    positions = [n.position for n in board.notes(COOP, S)]
    assert len(set(positions)) == len(positions)  # never two notes in one place


def test_a_tally_is_a_whole_number_of_votes() -> None:
    assert swot.parse_tally(" 7 ") == 7 and swot.parse_tally("0") == 0
    for text in ("-4", "abc", "", " ", "2.5", "1e3", "7 suara"):
        assert swot.parse_tally(text) is None, text


def test_trash_lists_the_latest_deleted_first(board: SwotBoard, clock: FakeClock) -> None:
    a, b, c = add(board, S, "A", "B", "C")
    board.delete(COOP, b.id)
    clock.advance(minutes=1)
    board.delete(COOP, a.id)
    clock.advance(minutes=1)
    board.delete(COOP, c.id)
    assert [n.text for n in board.trash(COOP)] == ["C", "A", "B"]


def test_edit_keeps_number_place_and_votes(board: SwotBoard, clock: FakeClock) -> None:
    a, _b = add(board, W, "Pengurus belum SOP", "RAT terlambat")
    board.set_votes(COOP, a.id, 4)
    clock.advance(minutes=5)
    edited = board.edit(COOP, a.id, "  Pengurus belum menerapkan SOP ")
    assert edited is not None and edited.text == "Pengurus belum menerapkan SOP"
    assert (edited.number, edited.position, edited.votes) == (1, a.position, 4)
    assert edited.updated_at == clock.now and edited.created_at == a.created_at
    depth = len(board.edits.history(COOP).undo_stack)
    assert board.edit(COOP, a.id, "   ") == edited  # blank: the note stays as it was
    assert board.edit(COOP, a.id, edited.text) == edited  # unchanged: not recorded
    assert len(board.edits.history(COOP).undo_stack) == depth
    assert board.edit(COOP, "no-such-note", "x") is None


# -- undo and redo -----------------------------------------------------------------------


def test_undo_of_an_add_puts_the_note_in_the_trash(sessions: Sessions, board: SwotBoard) -> None:
    (note,) = add(board, S, "Anggota loyal dan rutin menabung")
    assert board.undo(COOP) is not None
    assert texts(board, S) == []
    [gone] = board.trash(COOP)
    assert gone.id == note.id and gone.text == note.text  # never erased
    again = sessions.open()
    assert [n.id for n in again.swot.trash(COOP)] == [note.id]
    assert notes_on_disk(again)[note.id]["deleted_at"] is not None


def test_redo_brings_back_what_undo_took(board: SwotBoard) -> None:
    (note,) = add(board, S, "Anggota loyal")
    board.edit(COOP, note.id, "Anggota sangat loyal")
    board.move(COOP, note.id, W)
    board.undo(COOP)
    board.undo(COOP)
    board.undo(COOP)
    assert texts(board, S) == [] and texts(board, W) == []
    assert board.undo(COOP) is None  # nothing left to undo
    board.redo(COOP)
    assert texts(board, S) == ["Anggota loyal"]
    board.redo(COOP)
    assert texts(board, S) == ["Anggota sangat loyal"]
    board.redo(COOP)
    assert texts(board, W) == ["Anggota sangat loyal"] and labels(board, W) == ["W1"]
    assert board.redo(COOP) is None
    assert board.trash(COOP) == []


def test_a_new_change_clears_redo(board: SwotBoard) -> None:
    add(board, S, "A", "B")
    board.undo(COOP)
    add(board, S, "C")
    assert board.redo(COOP) is None
    assert texts(board, S) == ["A", "C"]


def test_undo_is_at_least_ten_steps_deep(board: SwotBoard) -> None:
    assert DEPTH >= 10
    a, b = add(board, T, "Persaingan KUR dari bank", "Fintech pinjaman online")
    first_order = [a.id, b.id]
    steps = [
        lambda: board.vote(COOP, a.id, 1),
        lambda: board.vote(COOP, b.id, 1),
        lambda: board.vote(COOP, b.id, 1),
        lambda: board.edit(COOP, a.id, "Persaingan KUR dan kredit bank"),
        lambda: board.sort_by_votes(COOP, T),
        lambda: board.reorder(COOP, b.id, +1),
        lambda: board.move(COOP, a.id, O),
        lambda: board.move(COOP, a.id, T),
        lambda: board.delete(COOP, b.id),
        lambda: board.restore(COOP, b.id),
        lambda: board.set_votes(COOP, a.id, 9),
        lambda: board.add(COOP, T, "Aturan pajak berubah"),
    ]
    states = [dict(all_notes(board.session))]
    history = board.edits.history(COOP)
    for step in steps:
        depth = len(history.undo_stack)
        step()
        assert len(history.undo_stack) == depth + 1  # every step is one undo step
        states.append(dict(all_notes(board.session)))
    for expected in reversed(states[:-1]):
        assert board.undo(COOP) is not None
        assert_same_or_trashed(all_notes(board.session), expected)
    assert [n.id for n in board.notes(COOP, T)] == first_order
    assert board.undo(COOP) is not None and board.undo(COOP) is not None  # the two adds
    assert board.notes(COOP, T) == [] and len(board.trash(COOP)) == 3
    assert board.undo(COOP) is None
    board.redo(COOP)
    board.redo(COOP)
    for expected in states[1:]:
        assert board.redo(COOP) is not None
        assert_same_or_trashed(all_notes(board.session), expected)
    assert all_notes(board.session) == states[-1]


def test_undo_itself_is_committed(sessions: Sessions, board: SwotBoard) -> None:
    a, b = add(board, S, "A", "B")
    board.move(COOP, a.id, T)
    board.delete(COOP, b.id)
    board.undo(COOP)
    board.undo(COOP)
    board.redo(COOP)
    assert_reloads_identically(sessions)


def test_histories_are_per_cooperative_and_survive_switching(session: Session) -> None:
    board = session.swot
    add(board, S, "Anggota loyal")
    session.step_group(1)
    _, coop = session.current_cooperative
    assert coop.id == OTHER
    add(board, S, "Guru anggota tetap", coop=OTHER)
    add(board, W, "Piutang macet", coop=OTHER)
    session.step_group(-1)
    assert session.current_cooperative[1].id == COOP
    board.undo(COOP)  # undoes this board's own last change, not the other board's
    assert texts(board, S) == []
    assert texts(board, W, OTHER) == ["Piutang macet"]
    assert board.undo(COOP) is None
    session.select_cooperative(OTHER)
    board.undo(OTHER)
    assert texts(board, W, OTHER) == [] and texts(board, S, OTHER) == ["Guru anggota tetap"]
    board.redo(COOP)
    assert texts(board, S) == ["Anggota loyal"]


def test_group_and_cooperative_steps_wrap(session: Session) -> None:
    group, coop = session.current_cooperative
    assert (group.id, coop.id) == ("kelompok-1", COOP)
    session.step_cooperative(1)
    assert session.current_cooperative[1].id == "kpri-bina-sejahtera-cepu"
    session.step_group(1)
    session.step_group(-1)
    assert session.current_cooperative[1].id == "kpri-bina-sejahtera-cepu"  # remembered
    session.step_cooperative(1)
    assert session.current_cooperative[1].id == COOP  # wraps within the group
    session.step_group(-1)
    assert session.current_cooperative[0].id == "kelompok-4"  # wraps round the groups
    for _ in range(4):
        session.step_group(1)
    assert session.current_cooperative[0].id == "kelompok-4"


# -- drafts and persistence ---------------------------------------------------------------


def test_drafts_are_saved_per_keystroke_and_survive_a_restart(
    sessions: Sessions, board: SwotBoard
) -> None:
    typed = "Dana idle bisa disalurkan"
    path = board.session.store.folder / "workshop.json"
    for end in range(1, len(typed) + 1):
        board.set_draft(COOP, O, typed[:end])
        with TinyDB(path, access_mode="r") as db:
            [doc] = db.table("drafts").search(lambda d: d["id"] == draft_key(COOP, O))
            assert doc["text"] == typed[:end]  # on disk at once
    (note,) = add(board, T, "Fintech")
    board.set_draft(COOP, T, "Fintech pinjaman online", note_id=note.id)
    board.set_draft(OTHER, O, "Pasar online")
    again = sessions.open().swot
    draft = again.draft(COOP, O)
    assert draft is not None and draft.text == typed and draft.note_id is None
    editing = again.edit_draft(COOP, T)  # an edit waits apart from a new note
    assert editing is not None and editing.note_id == note.id
    assert (again.draft(OTHER, O) or Draft()).text == "Pasar online"
    assert again.draft(COOP, S) is None
    again.add(COOP, O, typed)
    assert (again.draft(COOP, O) or Draft(text="?")).text == ""  # a saved note clears its draft


def test_every_change_reloads_from_disk_identically(sessions: Sessions, clock: FakeClock) -> None:
    board = sessions.open().swot
    notes = add(board, S, "Anggota loyal dan rutin menabung", "Modal sendiri kuat")
    add(board, W, "Pengurus belum menerapkan SOP", coop=OTHER)
    steps = [
        lambda b: b.edit(COOP, notes[0].id, "Anggota loyal, rutin menabung 👍"),
        lambda b: b.vote(COOP, notes[1].id, 1),
        lambda b: b.set_votes(COOP, notes[0].id, 7),
        lambda b: b.sort_by_votes(COOP, S),
        lambda b: b.reorder(COOP, notes[1].id, -1),
        lambda b: b.move(COOP, notes[1].id, O),
        lambda b: b.delete(COOP, notes[0].id),
        lambda b: b.restore(COOP, notes[0].id),
        lambda b: b.add(COOP, T, "Persaingan KUR dari bank"),
    ]
    for step in steps:
        clock.advance(seconds=30)
        step(board)
        board = assert_reloads_identically(sessions, COOP, OTHER).swot
    on_disk = notes_on_disk(sessions.current)  # type: ignore[arg-type]
    in_memory = all_notes(sessions.current)  # type: ignore[arg-type]
    assert {k: Note.model_validate(v) for k, v in on_disk.items()} == in_memory
