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
import os
import re
from collections.abc import Iterable, Iterator
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
from workshop_tui.storage.lock import WorkshopLock
from workshop_tui.storage.paths import ensure_private_dir

WORKSHOP_FILE = "workshop.json"
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

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path, *, durable: bool = True) -> WorkshopStore:
        """Lock the folder and load every shard in it. Raises `WorkshopLocked`,
        `StateFileError` (naming the file and what is wrong) or `OSError`."""
        ensure_private_dir(folder)
        store = cls(folder, durable=durable)
        store.lock.acquire()
        try:
            store.last_alive = _mtime(folder / ALIVE_FILE)
            store._remove_orphan_temp_files()
            store._load()
        except BaseException:
            store.lock.release()
            raise
        return store

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.lock.release()

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

    def _load(self) -> None:
        # Cooperative shards load when first used (WorkshopState.cooperative).
        self._load_shard(self.state.workshop)
        meta = self.state.meta
        if meta.schema_version > STATE_SCHEMA_VERSION:
            raise NewerStateError(
                shard_file(self.folder, WORKSHOP_SHARD),
                f"written by a newer version of workshop-tui (state schema "
                f"{meta.schema_version}, this version reads up to {STATE_SCHEMA_VERSION}); "
                f"upgrade workshop-tui to open it",
            )

    def _load_shard(self, shard: Shard) -> None:
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
        with file.storage.batch():
            for entity, doc in zip(entities, docs, strict=True):
                self._write_doc(file, entity, doc)
                target.table(type(entity))[entity.id] = entity

    def remove(self, shard: str, kind: type[Entity], entity_id: str) -> None:
        """Delete an entity for good. Screens move user content to a trash instead."""
        file = self._file(shard)
        doc_id = file.doc_ids.get(kind.TABLE, {}).pop(entity_id, None)
        self.state.shard(shard).table(kind).pop(entity_id, None)
        if doc_id is not None:
            file.table(kind.TABLE).remove(doc_ids=[doc_id])

    @contextmanager
    def batch(self, shard: str) -> Iterator[None]:
        """Several `put`/`remove` calls on one shard, committed once at the end."""
        with self._file(shard).storage.batch():
            yield

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
        for file in self._files.values():
            file.storage.flush()

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
