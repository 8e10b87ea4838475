"""The strategy screen's actions without a screen (workflows/strategy.py): strategies with
citations, factor scores, vision and mission, undo/redo, drafts — each on disk as in memory."""

from __future__ import annotations

import pytest
from conftest import FakeClock, Sessions
from tinydb import TinyDB

from workshop_tui.domain import swot
from workshop_tui.domain.scoring import Side
from workshop_tui.domain.state import (
    Draft,
    FactorScore,
    MissionItem,
    Note,
    Profile,
    Strategy,
    TowsCell,
)
from workshop_tui.session import Session
from workshop_tui.storage.store import shard_file
from workshop_tui.workflows.strategy import MISSION_FIELD, StrategyBoard, draft_key

S, W, O, T = swot.QUADRANTS  # noqa: E741
SO, WO, ST, WT = TowsCell.SO, TowsCell.WO, TowsCell.ST, TowsCell.WT
COOP = "pkpri-blora"
OTHER = "kpri-guru-randublatung"


@pytest.fixture
def board(session: Session) -> StrategyBoard:
    return session.strategy


@pytest.fixture
def notes(session: Session) -> dict[str, Note]:
    """A SWOT board for PKPRI Blora, by label."""
    added: dict[str, Note] = {}
    for quadrant, texts in (
        (S, ["Anggota loyal dan rutin menabung", "Modal sendiri kuat, SHU stabil"]),
        (W, ["Pengurus belum menerapkan SOP", "Pencatatan keuangan masih manual"]),
        (O, ["Program Blora Kota Koperasi", "Kerja sama ritel antar-KPRI"]),
        (T, ["Persaingan dengan bank dan KUR", "Anggota pensiun tiap tahun"]),
    ):
        for text in texts:
            note = session.swot.add(COOP, quadrant, text)
            assert note is not None
            added[swot.label(note)] = note
    return added


def on_disk(session: Session, table: str, coop: str = COOP) -> dict[str, dict[str, object]]:
    path = shard_file(session.store.folder, coop)
    with TinyDB(path, access_mode="r") as db:
        return {doc["id"]: dict(doc) for doc in db.table(table).all()}


def texts(board: StrategyBoard, cell: TowsCell, coop: str = COOP) -> list[str]:
    return [s.text for s in board.strategies(coop, cell)]


# -- strategies and citations -----------------------------------------------------------


def test_a_strategy_cites_notes_by_their_numbers(
    session: Session, board: StrategyBoard, notes: dict[str, Note]
) -> None:
    saved = board.add(COOP, SO, "  Manfaatkan anggota loyal (S1) untuk toko ritel bersama (o2)  ")
    assert saved.strategy is not None and saved.unknown == []
    assert saved.strategy.text == "Manfaatkan anggota loyal (S1) untuk toko ritel bersama (o2)"
    assert saved.strategy.cites == [notes["S1"].id, notes["O2"].id]
    assert [swot.label(n) for n in board.cited(COOP, saved.strategy)] == ["S1", "O2"]
    stored = on_disk(session, "strategies")[saved.strategy.id]
    assert stored["cites"] == [notes["S1"].id, notes["O2"].id]


def test_labels_that_name_no_note_are_refused(board: StrategyBoard, notes: dict[str, Note]) -> None:
    # Saved as plain text, "T7" would come to cite whichever note is numbered T7 later.
    board.set_draft(COOP, WT.value, "Kurangi W1 dan hindari T7, juga S9")
    saved = board.add(COOP, WT, "Kurangi W1 dan hindari T7, juga S9")
    assert saved.strategy is None and saved.unknown == ["T7", "S9"]
    assert board.strategies(COOP, WT) == []
    draft = board.draft(COOP, WT.value)  # the text is kept, to be put right
    assert draft is not None and draft.text == "Kurangi W1 dan hindari T7, juga S9"
    assert board.add(COOP, WT, "Kurangi W1 dan hindari T1").unknown == []


def test_an_edit_that_names_no_note_is_refused(
    board: StrategyBoard, notes: dict[str, Note]
) -> None:
    first = board.add(COOP, ST, "Tawarkan bunga bersaing (T1) dari modal sendiri (S2)").strategy
    assert first is not None
    saved = board.edit(COOP, first.id, "Tawarkan bunga bersaing (T1, T4) dari modal (S2)")
    assert saved.unknown == ["T4"] and saved.strategy == first
    assert board.strategy(COOP, first.id) == first  # unchanged
    board.undo(COOP)  # nothing was recorded for the refused edit: this undoes the add
    assert board.strategies(COOP, ST) == []


def test_blank_strategies_are_not_added(board: StrategyBoard) -> None:
    assert board.add(COOP, SO, "   ").strategy is None
    assert board.strategies(COOP, SO) == []


def test_a_deleted_note_stays_cited_and_is_flagged(
    session: Session, board: StrategyBoard, notes: dict[str, Note]
) -> None:
    saved = board.add(COOP, WO, "Perbaiki SOP (W1) lewat pelatihan PKPRI (O1)")
    assert saved.strategy is not None
    session.swot.delete(COOP, notes["W1"].id)
    cited = board.cited(COOP, saved.strategy)
    assert [swot.label(n) for n in cited] == ["W1", "O1"]
    assert cited[0].deleted_at is not None and cited[1].deleted_at is None
    # Editing the text keeps citing the deleted note (its label still names it).
    edited = board.edit(COOP, saved.strategy.id, "Perbaiki SOP (W1) bersama PKPRI (O1)")
    assert edited.strategy is not None and edited.strategy.cites == saved.strategy.cites


def test_a_moved_note_is_still_cited_under_its_new_number(
    session: Session, board: StrategyBoard, notes: dict[str, Note]
) -> None:
    saved = board.add(COOP, SO, "Gunakan S2 untuk O1")
    assert saved.strategy is not None
    moved = session.swot.move(COOP, notes["S2"].id, O)
    assert moved is not None and swot.label(moved) == "O3"
    strategy = board.strategy(COOP, saved.strategy.id)
    assert strategy is not None
    assert [swot.label(n) for n in board.cited(COOP, strategy)] == ["O3", "O1"]
    assert board.text_of(COOP, strategy) == "Gunakan O3 untuk O1"
    # Saving the shown text keeps both citations.
    again = board.edit(COOP, strategy.id, board.text_of(COOP, strategy))
    assert again.strategy is not None and again.strategy.cites == strategy.cites


def test_strategies_are_ordered_moved_and_trashed(
    board: StrategyBoard, notes: dict[str, Note]
) -> None:
    first = board.add(COOP, SO, "Satu S1").strategy
    second = board.add(COOP, SO, "Dua S2").strategy
    assert first is not None and second is not None
    assert board.reorder(COOP, second.id, -1)
    assert texts(board, SO) == ["Dua S2", "Satu S1"]
    assert not board.reorder(COOP, second.id, -1)  # already first
    board.move(COOP, first.id, ST)
    assert texts(board, SO) == ["Dua S2"] and texts(board, ST) == ["Satu S1"]
    board.delete(COOP, second.id)
    assert texts(board, SO) == []
    assert [s.id for s in board.trash(COOP)] == [second.id]
    board.restore(COOP, second.id)
    assert texts(board, SO) == ["Dua S2"]


def test_reference_notes_are_the_cells_two_quadrants(
    board: StrategyBoard, notes: dict[str, Note]
) -> None:
    assert [swot.label(n) for n in board.reference(COOP, WT)] == ["W1", "W2", "T1", "T2"]
    assert [swot.label(n) for n in board.reference(COOP, SO)] == ["S1", "S2", "O1", "O2"]


# -- factor scores ------------------------------------------------------------------------


def test_weights_and_ratings_are_committed_and_scored(
    session: Session, board: StrategyBoard, notes: dict[str, Note]
) -> None:
    board.set_weight(COOP, notes["S1"].id, 0.6)
    board.set_rating(COOP, notes["S1"].id, 4)
    board.set_weight(COOP, notes["T1"].id, 1.0)
    board.set_rating(COOP, notes["T1"].id, 4)  # a grave threat: counts as 1
    result = board.scoring(COOP)
    assert result.internal.total == pytest.approx(2.4)
    assert result.external.total == pytest.approx(1.0)
    assert not result.internal.balanced and result.external.balanced
    stored = on_disk(session, "factor_scores")
    assert stored[notes["S1"].id] == {"id": notes["S1"].id, "weight": 0.6, "rating": 4}


def test_a_weight_leaves_the_factor_unrated(
    session: Session, board: StrategyBoard, notes: dict[str, Note]
) -> None:
    board.set_weight(COOP, notes["T1"].id, 0.2)
    [t1] = [f for f in board.scoring(COOP).external.factors if f.note.id == notes["T1"].id]
    assert t1.weight == 0.2 and t1.rating is None and t1.score is None
    assert board.scoring(COOP).external.total == 0  # not rated 1, reversed to 4
    assert on_disk(session, "factor_scores")[notes["T1"].id].get("rating") is None


def test_balancing_weights_leaves_unrated_factors_unrated(
    board: StrategyBoard, notes: dict[str, Note]
) -> None:
    board.set_rating(COOP, notes["O1"].id, 3)
    assert board.balance(COOP, Side.EXTERNAL)
    external = board.scoring(COOP).external
    assert external.balanced
    assert [swot.label(f.note) for f in external.unrated] == ["O2", "T1", "T2"]
    assert external.total == pytest.approx(0.25 * 3)


def test_deleted_notes_are_not_factors(
    session: Session, board: StrategyBoard, notes: dict[str, Note]
) -> None:
    board.set_weight(COOP, notes["W2"].id, 0.3)
    session.swot.delete(COOP, notes["W2"].id)
    assert notes["W2"].id not in {f.note.id for f in board.scoring(COOP).internal.factors}
    assert board.factor_score(COOP, notes["W2"].id) is not None  # kept for a restore


def test_balance_scales_one_side_in_one_undo_step(
    board: StrategyBoard, notes: dict[str, Note]
) -> None:
    board.set_weight(COOP, notes["S1"].id, 0.2)
    board.set_weight(COOP, notes["S2"].id, 0.2)
    board.set_weight(COOP, notes["W1"].id, 0.4)
    assert board.balance(COOP, Side.INTERNAL)
    internal = board.scoring(COOP).internal
    assert internal.balanced
    weights = {f.note.id: f.weight for f in internal.factors}
    assert weights[notes["W1"].id] == pytest.approx(0.4 / 0.8 * 1.0, abs=0.001)
    assert not board.balance(COOP, Side.INTERNAL)  # already balanced: nothing to do
    board.undo(COOP)
    assert board.scoring(COOP).internal.weight_sum == pytest.approx(0.8)


# -- vision and mission -------------------------------------------------------------------


def test_the_vision_is_committed_on_every_change(
    sessions: Sessions, session: Session, board: StrategyBoard
) -> None:
    for text in ("Menjadi", "Menjadi koperasi", "Menjadi koperasi terpercaya"):
        board.set_vision(COOP, text)
        assert on_disk(session, "profile")["profile"]["vision"] == text
    again = sessions.open()
    assert again.strategy.vision(COOP) == "Menjadi koperasi terpercaya"


def test_a_burst_of_typing_is_one_undo_step(
    board: StrategyBoard, clock: FakeClock, session: Session
) -> None:
    board.set_vision(COOP, "Menjadi")
    board.set_vision(COOP, "Menjadi koperasi")
    clock.advance(seconds=5)  # a pause: what follows is a new step
    board.set_vision(COOP, "Menjadi koperasi terpercaya")
    board.undo(COOP)
    assert board.vision(COOP) == "Menjadi koperasi"
    board.undo(COOP)
    assert board.vision(COOP) == ""
    assert session.state.cooperative(COOP).get(Profile, "profile") is None
    board.redo(COOP)
    board.redo(COOP)
    assert board.vision(COOP) == "Menjadi koperasi terpercaya"
    # Leaving the editor also ends the step.
    board.set_vision(COOP, "Menjadi koperasi terpercaya di Blora")
    board.end_vision_edit(COOP)
    board.set_vision(COOP, "Menjadi koperasi terpercaya di Blora!")
    board.undo(COOP)
    assert board.vision(COOP) == "Menjadi koperasi terpercaya di Blora"


def test_the_mission_is_a_numbered_list(session: Session, board: StrategyBoard) -> None:
    one = board.add_mission(COOP, "Meningkatkan kesejahteraan anggota")
    two = board.add_mission(COOP, "Mengembangkan usaha ritel bersama")
    assert one is not None and two is not None
    assert board.add_mission(COOP, "  ") is None
    assert [m.text for m in board.mission(COOP)] == [one.text, two.text]
    assert board.reorder_mission(COOP, two.id, -1)
    assert [m.id for m in board.mission(COOP)] == [two.id, one.id]
    board.edit_mission(COOP, one.id, "Meningkatkan kesejahteraan anggota dan karyawan")
    board.delete_mission(COOP, two.id)
    assert [m.text for m in board.mission(COOP)] == [
        "Meningkatkan kesejahteraan anggota dan karyawan"
    ]
    assert [m.id for m in board.mission_trash(COOP)] == [two.id]
    board.restore_mission(COOP, two.id)
    assert [m.id for m in board.mission(COOP)] == [one.id, two.id]
    assert set(on_disk(session, "mission")) == {one.id, two.id}


# -- undo, drafts, cooperatives -------------------------------------------------------------


def test_undo_and_redo_cover_every_kind_of_change(
    board: StrategyBoard, notes: dict[str, Note], session: Session
) -> None:
    strategy = board.add(COOP, SO, "S1 untuk O1").strategy
    assert strategy is not None
    board.set_rating(COOP, notes["S1"].id, 3)
    item = board.add_mission(COOP, "Melayani anggota")
    assert item is not None
    shard = session.state.cooperative(COOP)
    board.undo(COOP)  # the mission statement goes to the trash, never erased
    trashed = shard.get(MissionItem, item.id)
    assert trashed is not None and trashed.deleted_at is not None
    board.undo(COOP)  # the rating, which was new, is removed
    assert shard.get(FactorScore, notes["S1"].id) is None
    board.undo(COOP)
    gone = shard.get(Strategy, strategy.id)
    assert gone is not None and gone.deleted_at is not None
    assert board.undo(COOP) is None
    board.redo(COOP)
    board.redo(COOP)
    board.redo(COOP)
    assert texts(board, SO) == ["S1 untuk O1"]
    assert [m.text for m in board.mission(COOP)] == ["Melayani anggota"]
    score = shard.get(FactorScore, notes["S1"].id)
    assert score is not None and score.rating == 3


def test_histories_are_per_cooperative_and_apart_from_the_swot_board(
    board: StrategyBoard, session: Session, notes: dict[str, Note]
) -> None:
    board.add(COOP, SO, "Strategi PKPRI")
    board.add(OTHER, SO, "Strategi KPRI Guru")
    session.swot.add(COOP, S, "Kantor milik sendiri")
    board.undo(COOP)
    assert texts(board, SO) == []
    assert texts(board, SO, OTHER) == ["Strategi KPRI Guru"]
    # The SWOT board's own undo is untouched by the strategy screen's.
    assert [n.text for n in session.swot.notes(COOP, S)][-1] == "Kantor milik sendiri"


def test_drafts_are_saved_per_keystroke_and_cleared_on_save(
    sessions: Sessions, session: Session, board: StrategyBoard
) -> None:
    board.set_draft(COOP, "WO", "Perbaiki SO")
    board.set_draft(COOP, MISSION_FIELD, "Melayani")
    again = sessions.open()
    draft = again.state.workshop.get(Draft, draft_key(COOP, "WO"))
    assert draft is not None and draft.text == "Perbaiki SO"
    again.strategy.add(COOP, WO, "Perbaiki SOP")
    again.strategy.add_mission(COOP, "Melayani anggota")
    assert again.strategy.draft(COOP, "WO") is not None
    assert again.strategy.draft(COOP, "WO").text == ""  # type: ignore[union-attr]
    assert again.strategy.draft(COOP, MISSION_FIELD).text == ""  # type: ignore[union-attr]


def test_everything_reloads_identically(
    sessions: Sessions, session: Session, board: StrategyBoard, notes: dict[str, Note]
) -> None:
    board.add(COOP, SO, "Gunakan S1 untuk O2")
    board.set_weight(COOP, notes["O2"].id, 0.35)
    board.set_vision(COOP, "Koperasi terpercaya 👍 — “mandiri”")
    board.add_mission(COOP, "Melayani anggota")
    shard = session.state.cooperative(COOP)
    before = {
        kind.TABLE: dict(shard.table(kind))
        for kind in (Strategy, FactorScore, Profile, MissionItem)
    }
    again = sessions.open().state.cooperative(COOP)
    after = {
        kind.TABLE: dict(again.table(kind))
        for kind in (Strategy, FactorScore, Profile, MissionItem)
    }
    assert after == before
