"""A TinyDB storage that commits atomically and durably.

Stock `JSONStorage` rewrites its file in place (seek, write, truncate): a crash mid-write
can leave a file that is neither the old nor the new one, and it re-reads the whole file
on every query. This storage keeps the parsed data in memory and commits by writing a
temp file beside the target, fsyncing it, `os.replace`-ing it over the target and
fsyncing the folder. A reader (or a crash) sees either the old file or the new one.

The files stay plain TinyDB JSON: `TinyDB(path)` with the stock storage opens them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

PRIVATE_FILE_MODE = 0o600

TEMP_SUFFIX = ".tmp"


class StateFileError(Exception):
    """A state file cannot be read as TinyDB JSON."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class SaveError(OSError):
    """A commit failed; the data is still in memory and the next commit retries it."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(cause.errno, f"could not save {path}: {cause.strerror or cause}")
        self.path = path
        self.cause = cause


def temp_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def remove_stale_temps(paths: list[Path]) -> list[Path]:
    """Remove the temp files a killed writer left beside `paths` (`temp_path_for` of a
    process that no longer runs); a live writer's are left alone. Returns those removed."""
    removed: list[Path] = []
    for path in paths:
        prefix, suffix = f".{path.name}.", TEMP_SUFFIX
        for tmp in path.parent.glob(f"{prefix}*{suffix}"):
            pid = tmp.name[len(prefix) : -len(suffix)]
            if not pid.isdigit() or _process_runs(int(pid)):
                continue
            with suppress(OSError):
                tmp.unlink()
                removed.append(tmp)
    return removed


def _process_runs(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it runs
        return True
    return True


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, payload: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `payload` so that a crash leaves the old or the new content.

    The file is created readable by the user only. On failure the temp file is removed
    and the original is untouched.
    """
    tmp = write_temp(path, payload, durable=durable)
    try:
        os.replace(tmp, path)
    except OSError:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


def write_temp(path: Path, payload: bytes, *, durable: bool = True) -> Path:
    """`payload` in a hidden temp file beside `path`, for `os.replace` onto it later (all
    files of a set written before any is replaced). On failure nothing is left."""
    tmp = temp_path_for(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, PRIVATE_FILE_MODE)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    return tmp


def parse_tinydb_json(path: Path, raw: bytes) -> dict[str, dict[str, Any]]:
    """Parse and shape-check a TinyDB file: {table: {doc_id: {field: value}}}."""
    if not raw.strip():
        raise StateFileError(path, "the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise StateFileError(path, f"not text (bad byte at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise StateFileError(
            path, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise StateFileError(path, f"not valid JSON ({exc})") from None
    except RecursionError:
        raise StateFileError(path, "not valid JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise StateFileError(path, f"expected a JSON object of tables, found {type(data).__name__}")
    if not data or data == {"_default": {}}:
        # The store writes a file only to hold an entity, keeps a table once made and never
        # uses TinyDB's default table: a state file with no table of ours was emptied (or
        # made afresh by TinyDB) outside the app.
        raise StateFileError(path, "holds no tables (emptied)")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise StateFileError(path, f"table {table_name!r} is not an object")
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                raise StateFileError(
                    path, f"table {table_name!r} has a malformed document {doc_id!r}"
                )
    return data


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


class AtomicJSONStorage(Storage):
    """TinyDB storage: in-memory cache, atomic durable commits, batching of several writes.

    Encoding the whole file is most of a commit's CPU cost, so each document's JSON is
    kept between commits and only documents that changed are encoded again. The store
    calls `forget` before it changes a document in place; a new document is a new object,
    which the cache tells apart by identity.
    """

    def __init__(self, path: str | Path, *, durable: bool = True) -> None:
        self.path = Path(path)
        self.durable = durable
        self._data: dict[str, dict[str, Any]] | None = None
        self._batch_depth = 0
        self._encoded: dict[tuple[str, str], tuple[int, str]] = {}
        self.dirty = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            except OSError as exc:
                raise StateFileError(self.path, f"cannot be read ({exc.strerror})") from None
            self._data = parse_tinydb_json(self.path, raw)
        # TinyDB updates the returned mapping in place and hands it back to write().
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        self.dirty = True
        if self._batch_depth == 0:
            self.flush()

    def mark_dirty(self) -> None:
        """Write the whole file again at the next flush (its copy on disk is gone)."""
        if self._data is not None:
            self.dirty = True

    def forget(self, table: str, doc_id: str) -> None:
        """A document is about to change in place: encode it afresh at the next commit."""
        self._encoded.pop((table, doc_id), None)

    def encode(self) -> bytes:
        """The whole file, byte for byte what `json.dumps` of the data would give."""
        assert self._data is not None
        encoded = self._encoded
        fresh: dict[tuple[str, str], tuple[int, str]] = {}
        tables = []
        for table_name, table in self._data.items():
            docs = []
            for doc_id, doc in table.items():
                key = (table_name, doc_id)
                cached = encoded.get(key)
                if cached is None or cached[0] != id(doc):
                    # Document ids are digit strings (TinyDB's, checked on read): no escaping.
                    cached = (id(doc), f'"{doc_id}":{_dumps(doc)}')
                fresh[key] = cached
                docs.append(cached[1])
            tables.append(f"{_dumps(table_name)}:{{{','.join(docs)}}}")
        self._encoded = fresh  # drops documents that are gone
        return f"{{{','.join(tables)}}}".encode("ascii")

    def flush(self) -> None:
        """Commit pending changes. Raises `SaveError`; the changes stay pending for a retry."""
        if not self.dirty or self._data is None:
            return
        try:
            atomic_write_bytes(self.path, self.encode(), durable=self.durable)
        except OSError as exc:
            raise SaveError(self.path, exc) from exc
        self.dirty = False

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB writes into one commit, made when the outermost batch ends."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
        if self._batch_depth == 0:
            self.flush()

    def close(self) -> None:
        pass
