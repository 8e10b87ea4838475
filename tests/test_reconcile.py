"""A plan edited between days keeps every captured record; mismatches are reported."""

from __future__ import annotations

from pathlib import Path

from conftest import BLORA, FakeClock

from workshop_tui.domain.state import Note, Quadrant, RoadmapCell, Signature
from workshop_tui.session import start_session
from workshop_tui.storage.workshop import open_workshop


def test_edited_plan_keeps_and_reports_what_no_longer_matches(
    tmp_path: Path, data_root: Path, clock: FakeClock
) -> None:
    plan = tmp_path / "blora.toml"
    plan.write_text(BLORA.read_text("utf-8"), encoding="utf-8")
    session = start_session(open_workshop(plan, data_root), clock)
    session.toggle_timer()  # progress on the opening item
    opening = session.current_item.key
    session.store.put("kpri-husada-mandiri", Note(quadrant=Quadrant.STRENGTH, text="Anggota loyal"))
    session.store.put(
        "kpri-husada-mandiri", RoadmapCell(id="sdm:2018", area="sdm", year=2018, text="x")
    )
    session.store.put("workshop", Signature(id="p01"))
    session.set_location(group_id="kelompok-2")
    session.close()

    text = plan.read_text("utf-8")
    # Between days: the opening item is re-keyed (so its records no longer match), a
    # group renamed (same id), a roadmap area removed.
    text = text.replace('id = "pembukaan"', 'id = "pembukaan-baru"', 1)
    text = text.replace('name = "Kelompok 2"', 'name = "Kelompok Dua"', 1)
    text = text.replace('[[roadmap.areas]]\nid = "sdm"\nname = "SDM"\n', "", 1)
    plan.write_text(text, encoding="utf-8")

    again = open_workshop(plan, data_root)
    assert again.plan_changed
    drift = [str(d) for d in again.drift]
    assert any(opening in d for d in drift), drift
    assert any("sdm 2018" in d for d in drift), drift
    # Nothing was dropped: the note, the cell and the timer records are all still there.
    shard = again.store.state.cooperative("kpri-husada-mandiri")
    assert [n.text for n in shard.table(Note).values()] == ["Anggota loyal"]
    assert "sdm:2018" in shard.table(RoadmapCell)
    # A renamed group keeps its id, so nothing about it drifts.
    assert not any("kelompok-2" in d for d in drift)
    again.close()


def test_work_of_a_cooperative_removed_from_the_plan_is_kept_and_reported(
    data_root: Path, clock: FakeClock
) -> None:
    from workshop_tui.domain.reconcile import plan_drift

    opened = open_workshop(BLORA, data_root)
    opened.store.put("kpri-gone", Note(quadrant=Quadrant.THREAT, text="Dana idle"))
    drift = [str(d) for d in plan_drift(opened.plan, opened.store.state)]
    assert any("kpri-gone" in d and "kept" in d for d in drift)
    opened.close()
    again = open_workshop(BLORA, data_root)
    assert [n.text for n in again.store.state.cooperative("kpri-gone").table(Note).values()] == [
        "Dana idle"
    ]
    assert any("kpri-gone" in str(d) for d in again.drift)
    again.close()


async def test_the_app_tells_what_no_longer_matches_in_the_ui_language(
    data_root: Path, clock: FakeClock
) -> None:
    # The notice's frame was Indonesian, its bullets English ("cooperative gone: ...").
    from workshop_tui.tui.launch import create_app

    opened = open_workshop(BLORA, data_root)
    opened.store.put("kpri-gone", Note(quadrant=Quadrant.THREAT, text="Dana idle"))
    opened.close()
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        [notice] = [
            str(n.message) for n in app._notifications if "Rencana berubah" in str(n.message)
        ]
        assert (
            "• koperasi sudah tidak ada di rencana: hasil kerjanya tetap disimpan (kpri-gone)"
            in notice
        )
        assert "cooperative gone" not in notice
        await pilot.press("ctrl+q")
