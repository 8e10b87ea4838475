"""Rotated backups: when they are taken, what they hold, how many are kept."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import BLORA

from workshop_tui.domain.state import Note, Quadrant
from workshop_tui.storage import backup as backup_module
from workshop_tui.storage import store as store_module
from workshop_tui.storage.backup import (
    KEEP_DAYS,
    KEEP_RECENT,
    Backup,
    backups_dir,
    backups_to_keep,
    list_backups,
    take_backup,
)
from workshop_tui.storage.store import WORKSHOP_FILE, WorkshopStore, shard_file
from workshop_tui.storage.workshop import open_workshop

COOP = "pkpri-blora"


def note(text: str) -> Note:
    return Note(quadrant=Quadrant.STRENGTH, text=text, number=1, position=1.0)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2018, 2, day, hour, minute, tzinfo=dt.UTC)


def fake(when: dt.datetime) -> Backup:
    return Backup(Path(when.isoformat()), when, "auto")


def test_rotation_keeps_the_newest_and_the_first_of_each_recent_day() -> None:
    # Four backups a day over 12 days, newest first (days are local days: UTC+7 in tests).
    backups = [fake(at(day, hour)) for day in range(28, 16, -1) for hour in (16, 10, 5, 1)]
    kept = backups_to_keep(backups)
    assert kept[:KEEP_RECENT] == backups[:KEEP_RECENT]
    older = kept[KEEP_RECENT:]
    assert len(older) == KEEP_DAYS
    # One per day, the earliest of that day, for the most recent days not already covered.
    assert [b.taken_at for b in older] == [at(day, 1) for day in range(26, 19, -1)]
    assert backups_to_keep(backups[:3]) == backups[:3]
    assert backups_to_keep([]) == []


def test_opening_backs_up_the_state_as_it_was(data_root: Path) -> None:
    opened = open_workshop(BLORA, data_root)
    folder = opened.store.folder
    assert list_backups(folder) == []  # a brand-new workshop has nothing to keep yet
    opened.store.put(COOP, note("before the night"))
    opened.close()
    before = {p.name: p.read_bytes() for p in folder.glob("*.json")}

    opened = open_workshop(BLORA, data_root)
    opened.store.put(COOP, note("next morning"))
    opened.close()
    [taken] = list_backups(folder)
    assert taken.reason == "open"
    assert set(taken.files) == {WORKSHOP_FILE, f"coop-{COOP}.json", "plan.toml"}
    for name, content in before.items():
        assert taken.file(name).read_bytes() == content
    # Private, like the state itself.
    assert stat.S_IMODE(backups_dir(folder).stat().st_mode) == 0o700
    assert stat.S_IMODE(taken.folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in taken.folder.iterdir())


def test_every_n_commits_and_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "COMMITS_PER_BACKUP", 5)
    folder = tmp_path / "w"
    with WorkshopStore.open(folder, durable=False) as store:
        for i in range(200):
            store.put(COOP, note(f"note {i}"))
    backups = list_backups(folder)
    # 40 were taken today (every 5 commits; a new folder has nothing to keep at its
    # open): the newest 10 and the first of the day remain.
    assert len(backups) == KEEP_RECENT + 1
    assert all(b.reason == "auto" for b in backups)
    first = backups[-1].file(f"coop-{COOP}.json").read_bytes()
    assert b"note 4" in first and b"note 5" not in first
    newest = backups[0].file(f"coop-{COOP}.json").read_bytes()
    assert b"note 199" in newest  # taken right after the 200th commit


def test_a_backup_that_cannot_be_written_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "w"
    with WorkshopStore.open(folder, durable=False) as store:
        store.put(COOP, note("kept"))

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backup_module.shutil, "copyfile", disk_full)
    with WorkshopStore.open(folder, durable=False) as store:  # the open goes on regardless
        store.put(COOP, note("also kept"))
    assert list_backups(folder) == []
    assert list(backups_dir(folder).iterdir()) == []  # no partial copy left behind
    assert b"also kept" in shard_file(folder, COOP).read_bytes()


def test_partial_copies_left_by_a_crash_are_cleared(tmp_path: Path) -> None:
    folder = tmp_path / "w"
    with WorkshopStore.open(folder, durable=False) as store:
        store.put(COOP, note("x"))
    partial = backups_dir(folder) / ".partial-20180219T010000000000Z-open"
    partial.mkdir(parents=True)
    (partial / WORKSHOP_FILE).write_bytes(b"{")
    assert list_backups(folder) == []  # never offered as a backup
    take_backup(folder, [shard_file(folder, COOP)], "auto")
    assert not partial.exists()


def test_old_days_are_thinned_out(tmp_path: Path) -> None:
    folder = tmp_path / "w"
    with WorkshopStore.open(folder, durable=False) as store:
        store.put(COOP, note("x"))
    shutil.rmtree(backups_dir(folder), ignore_errors=True)
    files = [shard_file(folder, COOP)]
    for day in range(1, 21):
        for hour in (1, 5, 9):
            take_backup(folder, files, "auto", at=at(day, hour))
    kept = list_backups(folder)
    assert len(kept) == KEEP_RECENT + KEEP_DAYS
    assert kept[0].taken_at == at(20, 9)
