"""Where an export reads from: a workshop open in the app, or a saved workshop's folder.

A saved folder is opened with its lock (`WorkshopStore.open`), so nothing changes while
it is read. If another copy of the app holds it, the files are read as they are, without
the lock and without writing anything: every commit replaces a file atomically, so each
file read is whole (the files of different cooperatives may be a commit apart).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from workshop_tui.domain.plan import Plan
from workshop_tui.domain.state import (
    STATE_SCHEMA_VERSION,
    WORKSHOP_SHARD,
    Shard,
    WorkshopState,
    entity_kind,
)
from workshop_tui.storage.atomic import StateFileError, parse_tinydb_json
from workshop_tui.storage.lock import CANNOT_WRITE, Holder, WorkshopLocked
from workshop_tui.storage.store import (
    WORKSHOP_FILE,
    NewerStateError,
    WorkshopStore,
    shard_file,
    shard_names_on_disk,
)
from workshop_tui.storage.workshop import OpenWorkshop, is_saved_workshop, plan_of_saved

Mode = Literal["open", "locked", "read-only", "unwritable", "memory"]


@dataclass
class ExportSource:
    """A plan and its whole state, ready to export.

    `mode`: "open" (a workshop open in this process, e.g. the app), "locked" (a saved
    folder, opened with its lock), "read-only" (a saved folder another copy holds: read
    without the lock; `holder` names it), "unwritable" (a saved folder this user cannot
    write, read without the lock), "memory" (built in memory, e.g. re-imported)."""

    plan: Plan
    state: WorkshopState
    mode: Mode = "memory"
    folder: Path | None = None
    holder: Holder | None = None


def from_open(opened: OpenWorkshop) -> ExportSource:
    """A workshop this process has open (the app). Loads every cooperative's shard; call
    it on the thread that owns the store."""
    opened.store.load_all()
    return ExportSource(opened.plan, opened.store.state, "open", opened.store.folder)


def read_state(folder: Path) -> WorkshopState:
    """Every shard of a saved workshop, read without the lock and without writing.
    Raises `StateFileError` (a missing or damaged workshop file) or `NewerStateError`."""
    state = WorkshopState()
    _read_shard(folder, state.workshop, required=True)
    meta = state.meta
    if meta.schema_version > STATE_SCHEMA_VERSION:
        raise NewerStateError(
            shard_file(folder, WORKSHOP_SHARD),
            f"written by a newer version of workshop-tui (state schema "
            f"{meta.schema_version}, this version reads up to {STATE_SCHEMA_VERSION})",
        )
    for name in shard_names_on_disk(folder):
        _read_shard(folder, state.cooperative(name), required=False)
    return state


def _read_shard(folder: Path, shard: Shard, *, required: bool) -> None:
    path = shard_file(folder, shard.name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise StateFileError(path, "is missing") from None
        return
    except OSError as exc:
        raise StateFileError(path, f"cannot be read ({exc.strerror})") from None
    for table_name, docs in parse_tinydb_json(path, raw).items():
        kind = entity_kind(shard.kind, table_name)
        if kind is None:
            continue  # a table of a newer version
        table = shard.tables.setdefault(table_name, {})
        for doc_id, doc in docs.items():
            try:
                entity = kind.model_validate(doc)
            except ValidationError as exc:
                error = exc.errors(include_url=False)[0]
                where = ".".join(str(p) for p in error["loc"])
                shard.unreadable.append((table_name, doc_id, doc, f"{where}: {error['msg']}"))
                continue
            table[entity.id] = entity


@contextmanager
def open_saved(folder: Path, plan: Plan | None = None) -> Iterator[ExportSource]:
    """A saved workshop's plan (`plan`, else the copy kept in its folder) and whole state,
    with its lock if free, else read-only. Raises `PlanError`, `StateFileError`, `OSError`."""
    if not is_saved_workshop(folder):
        raise StateFileError(folder / WORKSHOP_FILE, "is missing: no saved workshop here")
    if plan is None:
        plan = plan_of_saved(folder)
    try:
        store = WorkshopStore.open(folder, back_up=False)  # reading changes nothing
    except WorkshopLocked as exc:
        yield ExportSource(plan, read_state(folder), "read-only", folder, exc.holder)
        return
    except OSError as exc:
        if exc.errno not in CANNOT_WRITE:
            raise
        # A folder this user cannot write (a read-only disk, a copy on a CD, another
        # user's files): its lock cannot be taken, and nothing is changed anyway.
        yield ExportSource(plan, read_state(folder), "unwritable", folder)
        return
    try:
        store.load_all()
        yield ExportSource(plan, store.state, "locked", folder)
    finally:
        store.close()
