"""A saved record that fits no model (edited by hand, written by a future version) is kept
in its file and hidden from the screens: the app names it when it loads it, and `recover`
lists it. It vanished silently before: a note with `quadrant: "X"` was simply not there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BLORA, FakeClock

from workshop_tui.cli import main
from workshop_tui.domain.state import WORKSHOP_SHARD, Note, Quadrant
from workshop_tui.storage.plan_file import load_plan
from workshop_tui.storage.store import shard_file
from workshop_tui.storage.workshop import open_workshop
from workshop_tui.tui.launch import create_app

BAD_NOTE = {"id": "bad-1", "quadrant": "X", "text": "Kas bocor", "votes": "lots"}


def saved_with_bad_records(root: Path) -> Path:
    """Blora with one good note per cooperative, then one bad note planted in every
    cooperative's file and one bad document in the workshop file."""
    opened = open_workshop(BLORA, root)
    coops = [coop.id for _, coop in opened.plan.cooperatives()]
    for coop in coops:
        opened.store.put(coop, Note(quadrant=Quadrant.STRENGTH, text="good", number=1))
    opened.close()
    folder = opened.store.folder
    for shard in [*coops, WORKSHOP_SHARD]:
        path = shard_file(folder, shard)
        data = json.loads(path.read_text("utf-8"))
        table = "notes" if shard != WORKSHOP_SHARD else "meta"
        bad = BAD_NOTE if shard != WORKSHOP_SHARD else {"id": "meta", "schema_version": "new"}
        data.setdefault(table, {})["99"] = bad
        path.write_text(json.dumps(data), "utf-8")
    return folder


def notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_the_app_names_hidden_records_of_each_shard_once_when_it_loads_them(
    data_root: Path, clock: FakeClock
) -> None:
    folder = saved_with_bad_records(data_root)
    before = {p.name: p.read_bytes() for p in folder.glob("*.json")}
    names = {coop.id: coop.name for _, coop in load_plan(BLORA).plan.cooperatives()}
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.session is not None
        [workshop] = [n for n in notices(app) if "cannot be read" in n]
        assert "1 saved record of the workshop cannot be read and is hidden" in workshop
        assert "workshop.json" in workshop and "meta #99" in workshop
        await pilot.press("f3")  # the SWOT board loads the cooperative it shows
        await pilot.pause()
        await pilot.pause()
        loaded = list(app.session.state.cooperatives)
        assert loaded
        told = [n for n in notices(app) if "cannot be read" in n][1:]
        assert len(told) == len(loaded)
        for coop, notice in zip(loaded, told, strict=True):
            assert f"1 saved record of {names[coop]} cannot be read" in notice
            assert shard_file(folder, coop).name in notice and "notes #99: quadrant" in notice
            assert f"workshop-tui recover {folder.name}" in notice
        await pilot.press("f2", "f3")  # once per shard, not at every visit
        await pilot.pause()
        assert len([n for n in notices(app) if "cannot be read" in n]) == 1 + len(loaded)
        await pilot.press("ctrl+q")
    for name, content in before.items():  # kept as they were (the good notes untouched)
        if name != "workshop.json":  # which the open stamps
            assert (folder / name).read_bytes() == content, name
    assert json.loads((folder / "workshop.json").read_text())["meta"]["99"]["id"] == "meta"


def test_recover_lists_hidden_records_and_changes_nothing(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = saved_with_bad_records(data_root)
    before = {p.name: p.read_bytes() for p in folder.glob("*.json")}
    assert main(["recover", "--data-dir", str(data_root)]) == 1
    out = capsys.readouterr().out
    assert "Nothing is damaged" in out
    coops = len(load_plan(BLORA).plan.cooperatives())
    assert f"{coops + 1} saved records cannot be read" in out
    assert "UNREADABLE  workshop.json, table 'meta', document 99: schema_version" in out
    assert f"UNREADABLE  {shard_file(folder, 'pkpri-blora').name}, table 'notes'" in out
    assert '"quadrant": "X"' in out and "correct the field" in out
    assert {p.name: p.read_bytes() for p in folder.glob("*.json")} == before


def test_recover_says_every_record_reads_when_none_is_hidden(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_workshop(BLORA, data_root).close()
    assert main(["recover", "--data-dir", str(data_root)]) == 0
    assert "Every saved record can be read." in capsys.readouterr().out
