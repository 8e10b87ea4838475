"""Repairing a workshop whose state files are damaged, from its rotated backups.

Nothing is ever deleted: a damaged file is moved to `damaged/<UTC time>/` in the workshop
folder, and the newest backup that holds a good copy of it takes its place. A file that no
backup holds in good shape is only moved aside (a missing one stays missing), so the
workshop opens without it (the moved file stays there for a specialist, beside a
`<file>.not-restored` note that tells the open not to ask for it again).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from workshop_tui.storage.atomic import (
    StateFileError,
    atomic_write_bytes,
    fsync_dir,
    parse_tinydb_json,
)
from workshop_tui.storage.backup import Backup, list_backups
from workshop_tui.storage.lock import WorkshopLock
from workshop_tui.storage.paths import ensure_private_dir
from workshop_tui.storage.store import (
    DAMAGED_DIR,
    DAMAGED_STAMP,
    NOT_RESTORED_SUFFIX,
    WORKSHOP_FILE,
    check_schema,
    missing_state_files,
    state_files,
)


def check_state_file(path: Path) -> None:
    """Raise `StateFileError` if `path` cannot be opened as this version's state."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StateFileError(path, f"cannot be read ({exc.strerror})") from None
    data = parse_tinydb_json(path, raw)
    if path.name == WORKSHOP_FILE:
        check_schema(path, data)


def find_damage(folder: Path) -> list[StateFileError]:
    """Every state file in `folder` that cannot be opened, or that is gone while the newest
    backup holds it, with what is wrong with it."""
    damage = missing_state_files(folder)
    for path in state_files(folder):
        try:
            check_state_file(path)
        except StateFileError as exc:
            damage.append(exc)
    return damage


@dataclass(frozen=True)
class Repair:
    """What recovery does with one damaged file."""

    damage: StateFileError
    source: Backup | None
    """The newest backup with a good copy; None: the file is only set aside."""

    @property
    def path(self) -> Path:
        return self.damage.path


def plan_repairs(folder: Path) -> list[Repair]:
    """For each damaged file, the newest backup holding a copy of it that opens."""
    backups = list_backups(folder)
    repairs = []
    for damage in find_damage(folder):
        source = next((b for b in backups if _good(b.file(damage.path.name))), None)
        repairs.append(Repair(damage, source))
    return repairs


def _good(path: Path) -> bool:
    try:
        check_state_file(path)
    except StateFileError:
        return False
    return True


def repair(folder: Path, repairs: list[Repair], *, at: dt.datetime | None = None) -> Path:
    """Carry out `repairs` under the workshop's lock; returns where damaged files went.

    Raises `WorkshopLocked` (another copy has it open) or `OSError` (nothing half-done:
    each file is moved aside and restored in turn, each step atomic)."""
    stamp = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime(DAMAGED_STAMP)
    aside = folder / DAMAGED_DIR / stamp
    lock = WorkshopLock(folder)
    lock.acquire()
    try:
        ensure_private_dir(aside)
        for item in repairs:
            good = item.source.file(item.path.name).read_bytes() if item.source else None
            if item.path.exists() or item.path.is_symlink():  # a missing file: restored only
                os.replace(item.path, aside / item.path.name)
            if good is not None:
                atomic_write_bytes(item.path, good)
            else:
                # Gone on purpose from now on: the workshop opens without it, and is not
                # refused again for a file nothing can bring back.
                note = f"{item.path.name}: {item.damage.reason}; no backup held a good copy.\n"
                atomic_write_bytes(aside / f"{item.path.name}{NOT_RESTORED_SUFFIX}", note.encode())
        fsync_dir(aside)
        fsync_dir(folder)
    finally:
        lock.release(keep_crash_notice=True)  # the copy that opens it next tells of a crash
    return aside


__all__ = ["DAMAGED_DIR", "Repair", "check_state_file", "find_damage", "plan_repairs", "repair"]
