"""Opening a workshop: its plan, its locked state folder, and what changed since last time."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop_tui.domain.plan import Plan
from workshop_tui.domain.reconcile import Drift, plan_drift
from workshop_tui.domain.state import WORKSHOP_SHARD, E, Location, StateMeta, now
from workshop_tui.storage.atomic import StateFileError, atomic_write_bytes, parse_tinydb_json
from workshop_tui.storage.backup import list_backups
from workshop_tui.storage.lock import Holder, read_holder
from workshop_tui.storage.paths import workshop_dir, workshops_dir
from workshop_tui.storage.plan_file import LoadedPlan, load_plan
from workshop_tui.storage.store import (
    PLAN_SNAPSHOT,
    WORKSHOP_FILE,
    WorkshopStore,
    missing_state_files,
    shard_names_on_disk,
)


@dataclass
class OpenWorkshop:
    plan: Plan
    plan_path: Path
    store: WorkshopStore
    drift: list[Drift] = field(default_factory=list)
    plan_changed: bool = False
    """The plan file differs from the one this state was last opened with."""
    resumed: bool = False
    crashed_holder: Holder | None = None
    """Details of a previous copy that ended without closing (crash, kill, power cut)."""

    def close(self, *, keep_crash_notice: bool = False) -> None:
        self.store.close(keep_crash_notice=keep_crash_notice)


def open_workshop(
    plan_path: Path,
    root: Path,
    *,
    durable: bool = True,
    check_later: bool = False,
    back_up: bool = True,
    mark_opened: bool = True,
) -> OpenWorkshop:
    """Start or resume the workshop that `plan_path` describes. Raises `PlanError`,
    `WorkshopLocked`, `StateFileError` or `OSError` — each with a message for the user.
    `check_later`, `back_up`: see `WorkshopStore.open`. `mark_opened=False` (a command
    that reads or marks one action) leaves the launcher's "last opened" as it was."""
    loaded = load_plan(plan_path)
    folder = workshop_dir(root, loaded.plan.key)
    if not folder.is_dir() and loaded.plan.workshop.id is None:
        # Without an id a workshop is named by its title and first day: if either was
        # edited between days, the workshop of this file is the one saved from it.
        folder = _saved_from(root, loaded.path) or folder
    return _open(
        loaded,
        folder,
        durable=durable,
        check_later=check_later,
        back_up=back_up,
        mark_opened=mark_opened,
    )


def _saved_from(root: Path, plan_path: Path) -> Path | None:
    wanted = str(plan_path.resolve())
    found = [s for s in list_saved(root) if s.meta.plan_path == wanted]
    return found[0].folder if found else None  # newest first


def resume_saved(
    folder: Path, *, durable: bool = True, back_up: bool = True, mark_opened: bool = True
) -> OpenWorkshop:
    """Resume a saved workshop from its folder: with its plan file if that still exists
    (it may have been edited between days), else with the copy kept in the folder."""
    # Without its workshop file (set aside by a recovery), the folder's plan copy says
    # which workshop this is.
    meta = read_summary(folder).meta if (folder / WORKSHOP_FILE).exists() else StateMeta()
    plan_path = Path(meta.plan_path) if meta.plan_path else None
    if plan_path is not None and plan_path.is_file():
        loaded = load_plan(plan_path)
    else:
        snapshot = folder / PLAN_SNAPSHOT
        loaded = load_plan(snapshot)
    return _open(loaded, folder, durable=durable, back_up=back_up, mark_opened=mark_opened)


def _open(
    loaded: LoadedPlan,
    folder: Path,
    *,
    durable: bool,
    check_later: bool = False,
    back_up: bool = True,
    mark_opened: bool = True,
) -> OpenWorkshop:
    store = WorkshopStore.open(folder, durable=durable, check_later=check_later, back_up=back_up)
    try:
        meta = store.state.meta
        resumed = bool(meta.workshop_key)
        changed = resumed and meta.plan_sha256 != loaded.sha256
        if not resumed or changed or not (folder / PLAN_SNAPSHOT).exists():
            atomic_write_bytes(folder / PLAN_SNAPSHOT, loaded.text.encode("utf-8"), durable=durable)
        plan = loaded.plan
        if changed:
            # Only an edited plan can leave captured work without a place: check it all.
            store.load_all()
        store.stamp_meta(
            workshop_key=plan.key,
            title=plan.workshop.title,
            plan_path=str(loaded.path.resolve()),
            plan_sha256=loaded.sha256,
            first_day=plan.first_day,
            last_day=plan.last_day,
            last_opened_at=now() if mark_opened else meta.last_opened_at,
        )
        return OpenWorkshop(
            plan=plan,
            plan_path=loaded.path,
            store=store,
            drift=plan_drift(plan, store.state, shard_names_on_disk(folder)),
            plan_changed=changed,
            resumed=resumed,
            crashed_holder=store.lock.previous,
        )
    except BaseException:
        store.close(keep_crash_notice=True)  # not opened: nobody was told
        raise


@dataclass(frozen=True)
class SavedWorkshop:
    """What the launcher shows of a saved workshop, read without taking its lock."""

    folder: Path
    meta: StateMeta
    location: Location
    held_by: Holder | None = None
    problem: str | None = None

    @property
    def key(self) -> str:
        return self.folder.name


def read_summary(folder: Path) -> SavedWorkshop:
    """Read a workshop's meta and location. Raises `StateFileError`."""
    path = folder / WORKSHOP_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StateFileError(path, "is missing") from None
    except OSError as exc:
        raise StateFileError(path, f"cannot be read ({exc.strerror})") from None
    data = parse_tinydb_json(path, raw)
    meta = _singleton(data, StateMeta) or StateMeta()
    location = _singleton(data, Location) or Location()
    return SavedWorkshop(folder, meta, location, read_holder(folder))


def _singleton(data: dict[str, dict[str, Any]], kind: type[E]) -> E | None:
    """The last document of a singleton table that fits its model (the store's rule)."""
    found: E | None = None
    for doc in data.get(kind.TABLE, {}).values():
        try:
            found = kind.model_validate(doc)
        except ValueError:
            continue
    return found


def list_saved(root: Path) -> list[SavedWorkshop]:
    """Every saved workshop under `root`, newest first; damaged ones carry a `problem`."""
    base = workshops_dir(root)
    if not base.is_dir():
        return []
    found: list[SavedWorkshop] = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        if not is_saved_workshop(folder):
            continue
        try:
            found.append(read_summary(folder))
        except StateFileError as exc:
            found.append(SavedWorkshop(folder, StateMeta(), Location(), None, exc.reason))
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    found.sort(key=lambda s: s.meta.last_opened_at or epoch, reverse=True)
    return found


def is_saved_workshop(folder: Path) -> bool:
    """A workshop's folder: its workshop file, or backups of it, or its plan copy with
    cooperative files (the workshop file gone is damage to repair, not a workshop never
    started)."""
    return (
        (folder / WORKSHOP_FILE).is_file()
        or bool(list_backups(folder))
        or bool(missing_state_files(folder))
    )


class NoSavedWorkshop(Exception):
    """The command line named no saved workshop, or one that does not exist."""


_WORKSHOP_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def find_saved(root: Path, name: str | None, command: str) -> tuple[Path, LoadedPlan | None]:
    """The saved workshop a command names: by id, by plan file, or the only one saved.
    Returns its folder and the plan file given (None: use the copy in the folder).
    Raises `NoSavedWorkshop` (with what to type instead), `PlanError`."""
    if name is None:
        saved = list_saved(root)
        if not saved:
            raise NoSavedWorkshop(
                f"No saved workshops in {workshops_dir(root)}. "
                "Start one with `workshop-tui PLAN.toml`, or give --data-dir."
            )
        if len(saved) > 1:
            lines = [f"{len(saved)} saved workshops; name the one to use:"]
            for item in saved:
                title = item.meta.title or item.problem or ""
                lines.append(f"  workshop-tui {command} {item.key}    {title}")
            raise NoSavedWorkshop("\n".join(lines))
        return saved[0].folder, None
    if name.endswith(".toml") or Path(name).is_file():
        loaded = load_plan(Path(name))
        folder = workshop_dir(root, loaded.plan.key)
        if not folder.is_dir():
            raise NoSavedWorkshop(
                f"The workshop of {name} has not been started yet: no saved state in {folder}."
            )
        return folder, loaded
    folder = workshop_dir(root, name)
    if not _WORKSHOP_ID.match(name) or not folder.is_dir():
        known = ", ".join(s.key for s in list_saved(root)) or "none"
        raise NoSavedWorkshop(
            f"No saved workshop {name!r} in {workshops_dir(root)} (saved workshops: {known})."
        )
    return folder, None


def plan_of_saved(folder: Path) -> Plan:
    """The plan copy kept with a saved workshop (for exports and follow-up months later)."""
    return load_plan(folder / PLAN_SNAPSHOT).plan


__all__ = [
    "WORKSHOP_SHARD",
    "NoSavedWorkshop",
    "OpenWorkshop",
    "SavedWorkshop",
    "find_saved",
    "is_saved_workshop",
    "list_saved",
    "open_workshop",
    "plan_of_saved",
    "read_summary",
    "resume_saved",
]
