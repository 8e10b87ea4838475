"""The state store: a workshop's folder of TinyDB files, loaded into a `WorkshopState`.

Layout of a workshop folder:

    workshop.json           the workshop shard (progress, timers, signatures, joint actions...)
    coop-<id>.json          one shard per cooperative (notes, strategies, roadmap, team...)
    plan.toml               copy of the plan last opened with this state
    lock                    single-writer lock (see lock.py)

Every mutation goes through `put` / `remove` (or several inside `batch`) and is on disk,
fsynced, when the call returns; the in-memory state is updated in the same call. Only the
touched shard's file is rewritten.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.table import Table

from workshop_tui.domain.state import (
    STATE_SCHEMA_VERSION,
    WORKSHOP_SHARD,
    Entity,
    Shard,
    ShardKind,
    StateMeta,
    WorkshopState,
    entity_kind,
)
from workshop_tui.storage.atomic import TEMP_SUFFIX, AtomicJSONStorage, SaveError, StateFileError
from workshop_tui.storage.backup import COMMITS_PER_BACKUP, list_backups, take_backup
from workshop_tui.storage.lock import WorkshopLock, WorkshopLocked
from workshop_tui.storage.paths import ensure_private_dir

WORKSHOP_FILE = "workshop.json"
DAMAGED_DIR = "damaged"
"""Where a repair sets damaged state files aside, in a folder per repair (its UTC time)."""
DAMAGED_STAMP = "%Y%m%dT%H%M%SZ"
NOT_RESTORED_SUFFIX = ".not-restored"
"""A repair that finds no good copy of a file leaves `damaged/<time>/<file>.not-restored`:
the file is gone on purpose from then on (`missing_state_files` no longer asks for it)."""
PLAN_SNAPSHOT = "plan.toml"
"""Copy of the plan last opened with this state (written by workshop.py)."""
ALIVE_FILE = "alive"
"""Touched every few seconds while the app runs: its mtime says when a crashed run died."""
COOP_PREFIX = "coop-"
_SHARD_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class NewerStateError(StateFileError):
    """The state was written by a newer version of the app."""


def shard_file(folder: Path, shard: str) -> Path:
    if shard == WORKSHOP_SHARD:
        return folder / WORKSHOP_FILE
    if not _SHARD_NAME.match(shard):
        # Cooperative ids are slugs; anything else could name a path outside the folder.
        raise ValueError(f"not a valid cooperative id: {shard!r}")
    return folder / f"{COOP_PREFIX}{shard}.json"


def state_files(folder: Path) -> list[Path]:
    """The files that hold a workshop's state (what backups copy and recovery checks)."""
    files = [folder / WORKSHOP_FILE]
    files += [shard_file(folder, name) for name in shard_names_on_disk(folder)]
    return [path for path in files if path.exists()]


def missing_state_files(folder: Path) -> list[StateFileError]:
    """State files gone from `folder` that it should have. The app never deletes one (a
    cooperative dropped from the plan keeps its file), so a file gone is damage: opening
    without it would start that cooperative (or the whole workshop) afresh, and the backups
    that followed would rotate the good copy away. Gone are: a file the newest backup
    holds, and the workshop file of a folder that still has its plan copy and cooperative
    files (the app writes the workshop file before any cooperative's, so its absence is
    damage even with no backup to say so). A file a repair could not restore (see
    `NOT_RESTORED_SUFFIX`) is gone on purpose. Cheap: lists the newest backup only."""
    backups = list_backups(folder)
    newest = backups[0] if backups else None
    not_restored = _not_restored_since(folder, newest.taken_at if newest else None)
    missing: list[StateFileError] = []
    if newest is not None:
        missing = [
            StateFileError(
                folder / name,
                f"is missing (the backup of {newest.taken_at:%Y-%m-%d %H:%M} UTC holds it)",
            )
            for name in newest.files
            if _is_state_file_name(name)
            and not (folder / name).exists()
            and name not in not_restored
        ]
    workshop = folder / WORKSHOP_FILE
    if (
        not workshop.exists()
        and all(error.path != workshop for error in missing)
        and WORKSHOP_FILE not in not_restored
        and (folder / PLAN_SNAPSHOT).is_file()
        and shard_names_on_disk(folder)
    ):
        missing.append(
            StateFileError(workshop, "is missing (the cooperatives' files are still there)")
        )
    return missing


def _not_restored_since(folder: Path, since: dt.datetime | None) -> set[str]:
    """Files a repair found no good copy of (after `since`, if given): set aside, or left
    gone, on purpose: the workshop goes on without them."""
    names: set[str] = set()
    for entry in (folder / DAMAGED_DIR).glob("*"):
        try:
            stamp = dt.datetime.strptime(entry.name, DAMAGED_STAMP).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        if since is None or stamp >= since.replace(microsecond=0):
            names.update(
                p.name.removesuffix(NOT_RESTORED_SUFFIX)
                for p in entry.glob(f"*{NOT_RESTORED_SUFFIX}")
            )
    return names


def _is_state_file_name(name: str) -> bool:
    if name == WORKSHOP_FILE:
        return True
    stem = name.removesuffix(".json")
    return (
        name.endswith(".json")
        and stem.startswith(COOP_PREFIX)
        and bool(_SHARD_NAME.match(stem.removeprefix(COOP_PREFIX)))
    )


def check_schema(path: Path, data: dict[str, dict[str, Any]]) -> None:
    """Refuse a workshop file written by a newer version (its format may have changed)."""
    for doc in data.get(StateMeta.TABLE, {}).values():
        version = doc.get("schema_version")
        if isinstance(version, int) and version > STATE_SCHEMA_VERSION:
            raise NewerStateError(
                path,
                f"written by a newer version of workshop-tui (state schema "
                f"{version}, this version reads up to {STATE_SCHEMA_VERSION}); "
                f"upgrade workshop-tui to open it",
            )


def shard_names_on_disk(folder: Path) -> list[str]:
    names = []
    for path in sorted(folder.glob(f"{COOP_PREFIX}*.json")):
        name = path.stem.removeprefix(COOP_PREFIX)
        if _SHARD_NAME.match(name):
            names.append(name)
    return names


class _ShardFile:
    """One shard's TinyDB database, with the map from entity ids to TinyDB doc ids."""

    def __init__(self, path: Path, *, durable: bool) -> None:
        self.storage = AtomicJSONStorage(path, durable=durable)
        self.db = TinyDB(storage=_Prebuilt(self.storage))
        self.doc_ids: dict[str, dict[str, int]] = {}

    def table(self, name: str) -> Table:
        return self.db.table(name, cache_size=0)


class _Prebuilt:
    """TinyDB wants a storage class; hand it the instance we already built."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage

    def __call__(self) -> AtomicJSONStorage:
        return self.storage


class WorkshopStore:
    """A workshop's state on disk, held by this process alone while it is open."""

    def __init__(self, folder: Path, *, durable: bool = True) -> None:
        self.folder = folder
        self.durable = durable
        self.lock = WorkshopLock(folder)
        self.state = WorkshopState(loader=self._load_shard)
        self._files: dict[str, _ShardFile] = {}
        self.removed_temp_files: list[Path] = []
        self.last_alive: dt.datetime | None = None
        self.commits_since_backup = 0
        self._lock_lost = False
        self.defer_save_errors = False
        """The app's choice: a failed save must not abort a change half-way through a
        workflow; it keeps the change in memory, shows the failure and retries."""
        self.save_error: SaveError | None = None
        self.open_check_pending = False
        """The cooperative files are not checked yet (`open(check_later=True)`)."""
        self.back_up_at_open = True
        self.on_unreadable: Callable[[Shard], None] | None = None
        """Told of each shard loaded with documents that fit no model (the app names them:
        they are kept on disk but hidden, and a hidden record must not go unnoticed)."""

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        durable: bool = True,
        check_later: bool = False,
        back_up: bool = True,
    ) -> WorkshopStore:
        """Lock the folder, check every shard in it and load the workshop shard. Raises
        `WorkshopLocked`, `StateFileError` (naming the file and what is wrong) or `OSError`.
        A good state is backed up (see backup.py) before anything changes it.

        `check_later`: the cooperative files are checked (and the state backed up) by
        `finish_open_check`, which the caller runs soon, or the first time a cooperative
        is loaded; the app does it right after its first paint (~40 ms of a start).

        `back_up=False`: no backup at this open, for a caller that only reads (an export,
        a look at the follow-up): the rotation keeps the newest backups, so each look
        would push out one that protects real work."""
        ensure_private_dir(folder)
        store = cls(folder, durable=durable)
        store.back_up_at_open = back_up
        store.lock.acquire()
        try:
            # Without the heartbeat (deleted, or a copy that left it out), the workshop
            # file's last commit is the latest moment known alive: a timer found running
            # keeps the time up to it instead of falling back to its last start.
            store.last_alive = _mtime(folder / ALIVE_FILE) or _mtime(folder / WORKSHOP_FILE)
            store._remove_orphan_temp_files()
            if missing := missing_state_files(folder):
                raise missing[0]  # before any write or backup: the repair restores it
            store._load_workshop()
            store.open_check_pending = True
            if not check_later:
                store.finish_open_check()
        except BaseException:
            store.lock.release(keep_crash_notice=True)  # not opened: nobody was told
            raise
        return store

    def close(self, *, keep_crash_notice: bool = False) -> None:
        try:
            self.flush()
        finally:
            self.lock.release(keep_crash_notice=keep_crash_notice)

    def __enter__(self) -> WorkshopStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _remove_orphan_temp_files(self) -> None:
        # A crash between writing a temp file and renaming it leaves one behind; the
        # real file is intact (old content), so the temp file is garbage.
        for tmp in self.folder.glob(f".*{TEMP_SUFFIX}"):
            tmp.unlink(missing_ok=True)
            self.removed_temp_files.append(tmp)

    def _load_workshop(self) -> None:
        workshop = self._file(WORKSHOP_SHARD).storage
        check_schema(workshop.path, workshop.read() or {})
        self._load_shard(self.state.workshop)

    def finish_open_check(self) -> None:
        """Parse every cooperative file on disk, then back the state up. Cooperative
        shards become entities when first used (WorkshopState.cooperative), but every file
        is parsed at open: damage is found then, where it can be recovered from a backup,
        not in the middle of the workshop. The parse is kept for later. Raises
        `StateFileError` (nothing is backed up then)."""
        for name in shard_names_on_disk(self.folder):
            self._file(name).storage.read()
        self.open_check_pending = False
        if self.back_up_at_open:
            self.backup("open")

    def backup(self, reason: str) -> None:
        """Copy the state files as they are on disk now into a rotated backup. A file gone
        since the open's check (deleted while the app runs) is carried forward from the
        newest backup: its good copy is never rotated away, and the next open still finds
        it gone and offers to restore it."""
        self.commits_since_backup = 0
        files = state_files(self.folder)
        if gone := {error.path.name for error in missing_state_files(self.folder)}:
            backups = list_backups(self.folder)
            carried = [backups[0].file(name) for name in sorted(gone)] if backups else []
            files += [path for path in carried if path.is_file()]
        plan = self.folder / PLAN_SNAPSHOT
        if files:
            take_backup(self.folder, [*files, plan] if plan.is_file() else files, reason)

    def _committed(self) -> None:
        self.commits_since_backup += 1
        if self.commits_since_backup >= COMMITS_PER_BACKUP:
            self.backup("auto")

    def _load_shard(self, shard: Shard) -> None:
        if self.open_check_pending and shard.name != WORKSHOP_SHARD:
            self.finish_open_check()  # a cooperative is wanted before the deferred check
        file = self._file(shard.name)
        data = file.storage.read() or {}
        for table_name, docs in data.items():
            kind = entity_kind(shard.kind, table_name)
            if kind is None:
                continue  # a table of a newer version: left on disk untouched
            ids = file.doc_ids.setdefault(table_name, {})
            table = shard.tables.setdefault(table_name, {})
            for doc_id, doc in docs.items():
                try:
                    entity = kind.model_validate(doc)
                except ValidationError as exc:
                    # Kept on disk as it is; reported, never silently dropped.
                    shard.unreadable.append((table_name, doc_id, doc, _first_error(exc)))
                    continue
                table[entity.id] = entity
                ids[entity.id] = int(doc_id)
        if shard.unreadable and self.on_unreadable is not None:
            self.on_unreadable(shard)

    def load_all(self) -> None:
        """Load every cooperative shard on disk (for checks and exports of everything)."""
        for name in shard_names_on_disk(self.folder):
            self.state.cooperative(name)

    def _file(self, shard: str) -> _ShardFile:
        file = self._files.get(shard)
        if file is None:
            file = self._files[shard] = _ShardFile(
                shard_file(self.folder, shard), durable=self.durable
            )
        return file

    # -- changes ------------------------------------------------------------------------

    def put(self, shard: str, entity: Entity) -> None:
        """Insert or replace one entity; on disk when this returns."""
        self.put_many(shard, [entity])

    def put_many(self, shard: str, entities: Iterable[Entity]) -> None:
        """Insert or replace several entities of one shard in one commit (all or nothing)."""
        target = self.state.shard(shard)
        entities = list(entities)
        _check_kind(target.kind, entities)
        # Encode every document before touching anything, so a bad one changes nothing.
        docs = [entity.model_dump(mode="json") for entity in entities]
        file = self._file(shard)
        with self._commit(file):
            for entity, doc in zip(entities, docs, strict=True):
                self._write_doc(file, entity, doc)
                target.table(type(entity))[entity.id] = entity

    def remove(self, shard: str, kind: type[Entity], entity_id: str) -> None:
        """Delete an entity for good. Screens move user content to a trash instead."""
        file = self._file(shard)
        doc_id = file.doc_ids.get(kind.TABLE, {}).pop(entity_id, None)
        self.state.shard(shard).table(kind).pop(entity_id, None)
        if doc_id is not None:
            with self._commit(file):
                file.table(kind.TABLE).remove(doc_ids=[doc_id])

    @contextmanager
    def batch(self, shard: str) -> Iterator[None]:
        """Several `put`/`remove` calls on one shard, committed once at the end."""
        with self._commit(self._file(shard)):
            yield

    @contextmanager
    def _commit(self, file: _ShardFile) -> Iterator[None]:
        """One commit of a shard's file (the outermost of nested ones writes). A failed
        save raises `SaveError`, or, with `defer_save_errors`, is kept in `save_error`:
        the change is made in memory either way and the next `flush` retries it."""
        try:
            with file.storage.batch():
                yield
        except SaveError as exc:
            if not self.defer_save_errors:
                raise
            self.save_error = exc
            return
        self._committed()

    def take_save_error(self) -> SaveError | None:
        """The last deferred save failure, once."""
        error, self.save_error = self.save_error, None
        return error

    def _write_doc(self, file: _ShardFile, entity: Entity, doc: dict[str, Any]) -> None:
        ids = file.doc_ids.setdefault(entity.TABLE, {})
        table = file.table(entity.TABLE)
        doc_id = ids.get(entity.id)
        if doc_id is None:
            ids[entity.id] = table.insert(doc)
        else:
            file.storage.forget(entity.TABLE, str(doc_id))
            table.update(_replace_with(doc), doc_ids=[doc_id])

    def flush(self) -> None:
        """Retry every commit that failed (e.g. disk full). Raises `SaveError` if one fails."""
        if self._lock_lost or not self.folder.is_dir():
            self._recreate_folder()
        for file in self._files.values():
            file.storage.flush()

    def _recreate_folder(self) -> None:
        """The folder was removed under us: write back everything this process holds.

        Every file parsed by the open's check (all of them, once `finish_open_check` has
        run) or loaded since is rewritten from memory, cooperatives never shown included;
        the lock is taken again on the new folder. (The plan's copy is not rewritten: the
        next open writes it.)"""
        try:
            ensure_private_dir(self.folder)
            self.lock.release()
            self.lock.acquire()
        except OSError as exc:
            raise SaveError(self.folder, exc) from exc
        except WorkshopLocked as exc:
            # Another copy started on the new, empty folder: writing now would mix two
            # workshops. Keep everything in memory, say why, and try again next time.
            self._lock_lost = True
            raise SaveError(self.folder, OSError(errno.EBUSY, str(exc))) from exc
        self._lock_lost = False
        for file in self._files.values():
            file.storage.mark_dirty()

    def touch_alive(self) -> None:
        """Mark this run as alive now (cheap: no fsync; a few seconds' loss is harmless)."""
        path = self.folder / ALIVE_FILE
        try:
            path.touch(mode=0o600)
            os.utime(path)
        except OSError:
            pass  # a missing heartbeat only makes a later resume count less time

    @property
    def unsaved(self) -> list[Path]:
        return [file.storage.path for file in self._files.values() if file.storage.dirty]

    def stamp_meta(self, **fields: Any) -> StateMeta:
        meta = self.state.meta.model_copy(update=fields)
        self.put(WORKSHOP_SHARD, meta)
        return meta


def _mtime(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:
        return None


def _replace_with(doc: dict[str, Any]) -> Any:
    def replace(stored: dict[str, Any]) -> None:
        stored.clear()
        stored.update(doc)

    return replace


def _check_kind(kind: ShardKind, entities: list[Entity]) -> None:
    for entity in entities:
        if kind != entity.SHARD:
            raise ValueError(f"{type(entity).__name__} belongs in a {entity.SHARD} shard")


def _first_error(exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    return f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"


__all__ = ["NewerStateError", "SaveError", "StateFileError", "WorkshopStore", "shard_file"]
