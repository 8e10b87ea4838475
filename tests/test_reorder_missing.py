"""Reordering an item that is not on the board (in the trash, or unknown) changes nothing and
raises nothing — in the pure rules (domain/swot.py, domain/tows.py) and in the boards'
actions that call them. A normal reorder still swaps neighbours."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BLORA, FakeClock

from workshop_tui.domain import swot, tows
from workshop_tui.domain.state import MissionItem, Note, Quadrant, Shard, Strategy, TowsCell
from workshop_tui.session import Session, start_session
from workshop_tui.storage.workshop import open_workshop

COOP = "pkpri-blora"
S = Quadrant.STRENGTH
SO = TowsCell.SO


# -- the pure rules on a bare shard ------------------------------------------------------


@pytest.fixture
def shard() -> Shard:
    return Shard(COOP, "cooperative")


def put_note(shard: Shard, text: str, clock: FakeClock) -> Note:
    note = swot.new_note(shard, S, text, clock())
    shard.table(Note)[note.id] = note
    return note


def put_strategy(shard: Shard, text: str) -> Strategy:
    strategy, _ = tows.new_strategy(shard, SO, text)
    shard.table(Strategy)[strategy.id] = strategy
    return strategy


def put_mission(shard: Shard, text: str) -> MissionItem:
    item = tows.new_mission_item(shard, text)
    shard.table(MissionItem)[item.id] = item
    return item


def test_reordering_a_trashed_note_changes_nothing(shard: Shard, clock: FakeClock) -> None:
    first = put_note(shard, "Anggota loyal", clock)
    second = put_note(shard, "Modal kuat", clock)
    gone = swot.deleted(put_note(shard, "SHU stabil", clock), clock())
    shard.table(Note)[gone.id] = gone
    for step in (-1, +1):
        assert swot.reordered(shard, gone, step) == []
    assert [n.id for n in swot.notes_in(shard, S)] == [first.id, second.id]


def test_reordering_an_unknown_note_changes_nothing(shard: Shard, clock: FakeClock) -> None:
    put_note(shard, "Anggota loyal", clock)
    stranger = swot.new_note(shard, S, "Not on the board", clock())  # never stored
    assert swot.reordered(shard, stranger, -1) == []
    assert swot.reordered(shard, stranger, +1) == []


def test_reordering_a_note_still_swaps_neighbours(shard: Shard, clock: FakeClock) -> None:
    first = put_note(shard, "Anggota loyal", clock)
    second = put_note(shard, "Modal kuat", clock)
    swapped = {n.id: n.position for n in swot.reordered(shard, second, -1)}
    assert swapped == {first.id: second.position, second.id: first.position}


def test_reordering_a_trashed_strategy_changes_nothing(shard: Shard, clock: FakeClock) -> None:
    first = put_strategy(shard, "Satu")
    second = put_strategy(shard, "Dua")
    gone = tows.deleted(put_strategy(shard, "Tiga"), clock())
    shard.table(Strategy)[gone.id] = gone
    for step in (-1, +1):
        assert tows.reordered(shard, gone, step) == []
    assert [s.id for s in tows.strategies_in(shard, SO)] == [first.id, second.id]


def test_reordering_an_unknown_strategy_changes_nothing(shard: Shard) -> None:
    put_strategy(shard, "Satu")
    stranger, _ = tows.new_strategy(shard, SO, "Not on the board")  # never stored
    assert tows.reordered(shard, stranger, -1) == []
    assert tows.reordered(shard, stranger, +1) == []


def test_reordering_a_strategy_still_swaps_neighbours(shard: Shard) -> None:
    first = put_strategy(shard, "Satu")
    second = put_strategy(shard, "Dua")
    swapped = {s.id: s.position for s in tows.reordered(shard, first, +1)}
    assert swapped == {first.id: second.position, second.id: first.position}


def test_reordering_a_trashed_mission_item_changes_nothing(shard: Shard, clock: FakeClock) -> None:
    first = put_mission(shard, "Satu")
    second = put_mission(shard, "Dua")
    gone = put_mission(shard, "Tiga").model_copy(update={"deleted_at": clock()})
    shard.table(MissionItem)[gone.id] = gone
    for step in (-1, +1):
        assert tows.mission_reordered(shard, gone, step) == []
    assert [m.id for m in tows.mission(shard)] == [first.id, second.id]


def test_reordering_an_unknown_mission_item_changes_nothing(shard: Shard) -> None:
    put_mission(shard, "Satu")
    stranger = tows.new_mission_item(shard, "Not on the list")  # never stored
    assert tows.mission_reordered(shard, stranger, -1) == []
    assert tows.mission_reordered(shard, stranger, +1) == []


def test_reordering_a_mission_item_still_swaps_neighbours(shard: Shard) -> None:
    first = put_mission(shard, "Satu")
    second = put_mission(shard, "Dua")
    swapped = {m.id: m.position for m in tows.mission_reordered(shard, second, -1)}
    assert swapped == {first.id: second.position, second.id: first.position}


# -- the boards' actions, which look items up by id, trashed ones included ----------------


@pytest.fixture
def session(data_root: Path, clock: FakeClock) -> Iterator[Session]:
    opened = start_session(open_workshop(BLORA, data_root), clock)
    yield opened
    opened.close()


def test_the_swot_board_does_not_reorder_a_trashed_note(session: Session) -> None:
    board = session.swot
    a, b, c = (board.add(COOP, S, text) for text in ("A", "B", "C"))
    assert a is not None and b is not None and c is not None
    board.delete(COOP, c.id)
    assert not board.reorder(COOP, c.id, -1)
    assert not board.reorder(COOP, c.id, +1)
    assert [n.id for n in board.notes(COOP, S)] == [a.id, b.id]
    assert board.reorder(COOP, b.id, -1)  # a live note still moves
    assert [n.id for n in board.notes(COOP, S)] == [b.id, a.id]


def test_the_strategy_board_does_not_reorder_a_trashed_strategy(session: Session) -> None:
    board = session.strategy
    first = board.add(COOP, SO, "Satu").strategy
    second = board.add(COOP, SO, "Dua").strategy
    third = board.add(COOP, SO, "Tiga").strategy
    assert first is not None and second is not None and third is not None
    board.delete(COOP, third.id)
    assert not board.reorder(COOP, third.id, -1)
    assert not board.reorder(COOP, third.id, +1)
    assert [s.id for s in board.strategies(COOP, SO)] == [first.id, second.id]
    assert board.reorder(COOP, second.id, -1)  # a live strategy still moves
    assert [s.id for s in board.strategies(COOP, SO)] == [second.id, first.id]


def test_the_strategy_board_does_not_reorder_a_trashed_mission_item(session: Session) -> None:
    board = session.strategy
    one, two, three = (board.add_mission(COOP, text) for text in ("Satu", "Dua", "Tiga"))
    assert one is not None and two is not None and three is not None
    board.delete_mission(COOP, three.id)
    assert not board.reorder_mission(COOP, three.id, -1)
    assert not board.reorder_mission(COOP, three.id, +1)
    assert [m.id for m in board.mission(COOP)] == [one.id, two.id]
    assert board.reorder_mission(COOP, two.id, -1)  # a live item still moves
    assert [m.id for m in board.mission(COOP)] == [two.id, one.id]
