"""Rotated backups of a workshop's state files, kept inside its folder.

Commits are atomic, so our own crashes never damage a file; backups are for everything
else (a disk that returns garbage, an editor or a sync tool that mangles a file, a user
who deletes one). A backup is a folder `backups/<UTC time>-<reason>/` holding copies of
the state files as they were on disk. It is taken when a workshop is opened (so each
morning's state is kept) and every `COMMITS_PER_BACKUP` commits while it runs.

Rotation keeps the newest `KEEP_RECENT` backups and, older than those, the first backup
of each of the last `KEEP_DAYS` days that have one: at most KEEP_RECENT + KEEP_DAYS.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from workshop_tui.storage.atomic import PRIVATE_FILE_MODE
from workshop_tui.storage.paths import ensure_private_dir

BACKUPS_DIR = "backups"
MANIFEST = "backup.json"
KEEP_RECENT = 10
KEEP_DAYS = 7
COMMITS_PER_BACKUP = 250
_STAMP = "%Y%m%dT%H%M%S%fZ"
_PARTIAL = ".partial-"


@dataclass(frozen=True)
class Backup:
    folder: Path
    taken_at: dt.datetime
    reason: str

    def file(self, name: str) -> Path:
        return self.folder / name

    @property
    def files(self) -> list[str]:
        return sorted(p.name for p in self.folder.iterdir() if p.name != MANIFEST)


def backups_dir(state_folder: Path) -> Path:
    return state_folder / BACKUPS_DIR


def take_backup(
    state_folder: Path,
    files: Iterable[Path],
    reason: str,
    *,
    at: dt.datetime | None = None,
) -> Backup | None:
    """Copy `files` into a new backup and rotate. Best effort: a backup that cannot be
    written (disk full, say) is left out and None returned; saving the state matters more.

    The copy is built under a temporary name and renamed into place, so a backup folder
    with a proper name is always complete (its files may still be unreadable after a
    power cut, which is why recovery checks every file before using it)."""
    taken_at = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    base = backups_dir(state_folder)
    name = f"{taken_at.strftime(_STAMP)}-{reason}"
    partial = base / f"{_PARTIAL}{name}"
    try:
        ensure_private_dir(base)
        partial.mkdir(mode=0o700)
        for source in files:
            target = partial / source.name
            shutil.copyfile(source, target)
            os.chmod(target, PRIVATE_FILE_MODE)
        manifest = {"taken_at": taken_at.isoformat(), "reason": reason}
        (partial / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        os.chmod(partial / MANIFEST, PRIVATE_FILE_MODE)
        final = base / name
        partial.rename(final)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        return None
    prune(state_folder)
    return Backup(final, taken_at, reason)


def list_backups(state_folder: Path) -> list[Backup]:
    """Every complete backup, newest first."""
    base = backups_dir(state_folder)
    try:
        entries = list(base.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        stamp, _, reason = entry.name.partition("-")
        try:
            taken_at = dt.datetime.strptime(stamp, _STAMP).replace(tzinfo=dt.UTC)
        except ValueError:
            continue  # a partial copy, or something that is not ours
        if entry.is_dir():
            found.append(Backup(entry, taken_at, reason))
    found.sort(key=lambda b: b.taken_at, reverse=True)
    return found


def backups_to_keep(
    backups: list[Backup], *, keep_recent: int = KEEP_RECENT, keep_days: int = KEEP_DAYS
) -> list[Backup]:
    """The rotation rule, on a newest-first list: the newest `keep_recent`, then the first
    backup of each of the `keep_days` most recent days (local time) among the older ones."""
    kept = backups[:keep_recent]
    first_of_day: dict[dt.date, Backup] = {}
    for backup in backups[keep_recent:]:
        first_of_day[backup.taken_at.astimezone().date()] = backup  # oldest of the day wins
    days = sorted(first_of_day, reverse=True)[:keep_days]
    return kept + [first_of_day[day] for day in days]


def prune(state_folder: Path) -> None:
    """Drop backups the rotation does not keep, and partial copies left by a crash."""
    backups = list_backups(state_folder)
    keep = {b.folder for b in backups_to_keep(backups)}
    for backup in backups:
        if backup.folder not in keep:
            shutil.rmtree(backup.folder, ignore_errors=True)
    with suppress(OSError):
        for entry in backups_dir(state_folder).glob(f"{_PARTIAL}*"):
            shutil.rmtree(entry, ignore_errors=True)


__all__ = [
    "COMMITS_PER_BACKUP",
    "Backup",
    "backups_dir",
    "backups_to_keep",
    "list_backups",
    "prune",
    "take_backup",
]
