"""The disk fails while the app runs: full, read-only, the folder removed, a write cut in
the middle. The failure is shown, the work stays on screen and in memory, saving retries,
and nothing half-written is left behind. OS errors are injected (root ignores permissions,
and filling a real disk in a test would be unkind)."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BLORA, FakeClock
from test_swot_ui import live_on_disk, open_board, shown, type_note

from workshop_tui.domain.state import Note, Quadrant
from workshop_tui.storage import atomic
from workshop_tui.storage.atomic import SaveError
from workshop_tui.storage.lock import read_holder
from workshop_tui.storage.paths import workshop_dir
from workshop_tui.storage.store import WORKSHOP_FILE, WorkshopStore, shard_file
from workshop_tui.tui.launch import create_app

SIZE = (120, 40)
S = Quadrant.STRENGTH
COOP = "pkpri-blora"


def fail_with(code: int) -> Callable[..., Any]:
    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return failing


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(f"*{atomic.TEMP_SUFFIX}")]


def banner(app: Any) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO, errno.EDQUOT])
async def test_a_failing_disk_keeps_typed_notes_and_saves_them_when_it_returns(
    data_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await type_note(pilot, "saved before")
        monkeypatch.setattr(atomic.os, "open", fail_with(code))
        await type_note(pilot, "typed while failing")
        await type_note(pilot, "and another")
        assert app.saving_failed
        assert "SAVING FAILED" in banner(app) and os.strerror(code) in banner(app)
        # On screen and in memory, not on disk yet.
        assert shown(app, S) == ["saved before", "typed while failing", "and another"]
        assert live_on_disk(data_root, S) == ["saved before"]
        monkeypatch.undo()
        await pilot.pause(3.5)  # the retry runs every 3 s
        assert not app.saving_failed and "Saved again" in banner(app)
        assert live_on_disk(data_root, S) == shown(app, S)
        await pilot.press("ctrl+q")
    assert temp_files(data_root) == []


async def test_the_folder_removed_under_the_app_is_written_again(
    data_root: Path, clock: FakeClock
) -> None:
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    folder = workshop_dir(data_root, "blora-2018")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await type_note(pilot, "before the folder went")
        shutil.rmtree(folder)
        await type_note(pilot, "after the folder went")
        assert app.saving_failed and os.strerror(errno.ENOENT) in banner(app)
        assert shown(app, S) == ["before the folder went", "after the folder went"]
        await pilot.pause(3.5)
        assert not app.saving_failed
        # Everything this copy holds is back on disk, and the folder is held again.
        assert live_on_disk(data_root, S) == shown(app, S)
        assert (folder / WORKSHOP_FILE).is_file()
        holder = read_holder(folder)
        assert holder is not None and holder.pid == os.getpid()
        session = app.session
        assert session is not None
        held = {
            shard.name: {k: dict(t) for k, t in shard.tables.items()}
            for shard in session.state.shards()
        }
        await pilot.press("ctrl+q")
    with WorkshopStore.open(folder, durable=False) as store:
        store.load_all()
        for name, tables in held.items():
            shard = store.state.shard(name)
            for table, entities in tables.items():
                assert shard.tables.get(table, {}) == entities, (name, table)


# -- a commit cut at each step: the old file stays whole, no temp file stays behind ---------


def cut_after_half_a_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.write
    calls = {"n": 0}

    def half_then_full(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real(fd, bytes(data[: max(1, len(data) // 2)]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "write", half_then_full)


STEPS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "create-temp": lambda mp: mp.setattr(atomic.os, "open", fail_with(errno.EROFS)),
    "write-half": cut_after_half_a_write,
    "fsync": lambda mp: mp.setattr(atomic.os, "fsync", fail_with(errno.EIO)),
    "rename": lambda mp: mp.setattr(atomic.os, "replace", fail_with(errno.EACCES)),
}


@pytest.mark.parametrize("step", STEPS.values(), ids=STEPS.keys())
def test_a_commit_cut_at_any_step_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: Callable[[pytest.MonkeyPatch], None]
) -> None:
    folder = tmp_path / "w"
    store = WorkshopStore.open(folder)
    first = Note(quadrant=S, text="first", number=1, position=1.0)
    store.put(COOP, first)
    path = shard_file(folder, COOP)
    before = path.read_bytes()
    step(monkeypatch)
    second = Note(quadrant=S, text="second", number=2, position=2.0)
    with pytest.raises(SaveError):
        store.put(COOP, second)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert temp_files(folder) == []
    assert store.unsaved == [path]
    store.close()  # the retry at close saves it
    with WorkshopStore.open(folder) as again:
        texts = sorted(n.text for n in again.state.cooperative(COOP).table(Note).values())
    assert texts == ["first", "second"]


async def test_a_cooperative_never_shown_comes_back_with_the_removed_folder(
    data_root: Path, clock: FakeClock
) -> None:
    """Every cooperative file is parsed when the workshop opens (the damage check), and
    that parse is what a removed folder is written again from: a cooperative nobody
    looked at this session loses nothing either."""
    other = "kopkar-sumber-rejeki"
    from workshop_tui.storage.workshop import open_workshop

    opened = open_workshop(BLORA, data_root)
    opened.store.put(other, Note(quadrant=Quadrant.THREAT, text="from yesterday", number=1))
    opened.close()
    folder = workshop_dir(data_root, "blora-2018")
    yesterday = shard_file(folder, other).read_bytes()
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert app.session is not None and other not in app.session.state.cooperatives
        shutil.rmtree(folder)
        await type_note(pilot, "after the folder went")
        await pilot.pause(3.5)
        assert not app.saving_failed
        await pilot.press("ctrl+q")
    assert shard_file(folder, other).read_bytes() == yesterday
