"""Unit tests of the state store: commits, shards, file modes, the lock, damage and disk-full."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from workshop_tui.domain.state import (
    WORKSHOP_SHARD,
    Note,
    Quadrant,
    Signature,
    TimerAction,
    TimerEvent,
)
from workshop_tui.storage import atomic
from workshop_tui.storage.atomic import SaveError, StateFileError
from workshop_tui.storage.lock import LOCK_FILE, WorkshopLock, WorkshopLocked
from workshop_tui.storage.store import WORKSHOP_FILE, WorkshopStore, shard_file

SUBPROCESS_TIMEOUT = 30


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data" / "workshops" / "blora"


def note(text: str, number: int = 0, quadrant: Quadrant = Quadrant.STRENGTH) -> Note:
    return Note(quadrant=quadrant, text=text, number=number, position=float(number))


def raw(path: Path) -> dict[str, Any]:
    return json.loads(path.read_bytes())


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


def file_identity(path: Path) -> tuple[int, int, bytes]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, path.read_bytes()


@pytest.fixture
def write_log(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every atomic commit made, by target path."""
    written: list[Path] = []
    real = atomic.atomic_write_bytes

    def counting(path: Path, payload: bytes, *, durable: bool = True) -> None:
        written.append(path)
        real(path, payload, durable=durable)

    monkeypatch.setattr(atomic, "atomic_write_bytes", counting)
    return written


# -- commits ------------------------------------------------------------------------------


def test_put_replace_remove_round_trip_across_reopen(folder: Path) -> None:
    s1, s2, s3 = note("kas lemah", 1), note("SDM kurang", 2), note("pasar luas", 3)
    event = TimerEvent(item_id="d1-swot", action=TimerAction.START, seconds=0)
    signed = Signature(id="p-sutrisno")
    with WorkshopStore.open(folder) as store:
        store.put("kop-1", s1)
        store.put("kop-1", s2)
        store.put("kop-2", s3)
        store.put(WORKSHOP_SHARD, event)
        store.put(WORKSHOP_SHARD, signed)
        edited = s1.model_copy(update={"text": "kas lemah sekali"})
        store.put("kop-1", edited)  # replace
        store.remove("kop-1", Note, s2.id)

    with WorkshopStore.open(folder) as store:
        kop1 = store.state.cooperative("kop-1")
        assert kop1.table(Note) == {s1.id: edited}
        assert store.state.cooperative("kop-2").table(Note) == {s3.id: s3}
        assert store.state.workshop.table(TimerEvent) == {event.id: event}
        assert store.state.workshop.table(Signature) == {signed.id: signed}
        # Replace and remove entities that were loaded from disk (doc ids from the load).
        again = edited.model_copy(update={"text": "kas cukup", "votes": 2})
        store.put("kop-1", again)
        store.remove("kop-2", Note, s3.id)
        store.remove("kop-2", Note, "no-such-id")  # removing what is not there is harmless

    with WorkshopStore.open(folder) as store:
        assert store.state.cooperative("kop-1").table(Note) == {s1.id: again}
        assert store.state.cooperative("kop-2").table(Note) == {}
    # A replace rewrites the document in place: one document, not two.
    docs = raw(shard_file(folder, "kop-1"))["notes"]
    assert [d["id"] for d in docs.values()] == [s1.id]
    assert raw(shard_file(folder, "kop-2"))["notes"] == {}


def test_put_many_and_batch_commit_once(folder: Path, write_log: list[Path]) -> None:
    notes = [note(f"n{i}", i) for i in range(5)]
    with WorkshopStore.open(folder) as store:
        store.put_many("kop-1", notes)
        assert write_log == [shard_file(folder, "kop-1")]
        with store.batch("kop-1"):
            store.put("kop-1", note("n5", 5))
            store.remove("kop-1", Note, notes[0].id)
            assert len(write_log) == 1  # nothing written inside the batch
        assert len(write_log) == 2
        with pytest.raises(ValueError, match="belongs in a"):
            store.put(WORKSHOP_SHARD, note("a note is no workshop entity"))
    with WorkshopStore.open(folder) as store:
        texts = sorted(n.text for n in store.state.cooperative("kop-1").table(Note).values())
    assert texts == ["n1", "n2", "n3", "n4", "n5"]


def test_a_put_rewrites_only_the_touched_shard(folder: Path, write_log: list[Path]) -> None:
    with WorkshopStore.open(folder) as store:
        for shard in ("kop-1", "kop-2", "kop-3"):
            store.put(shard, note(f"first in {shard}"))
        store.put(WORKSHOP_SHARD, Signature(id="p-1"))
        paths = [shard_file(folder, s) for s in ("kop-1", "kop-2", "kop-3", WORKSHOP_SHARD)]
        before = {p: file_identity(p) for p in paths}
        write_log.clear()

        store.put("kop-2", note("second in kop-2"))

        assert write_log == [shard_file(folder, "kop-2")]
        after = {p: file_identity(p) for p in paths}
    touched = shard_file(folder, "kop-2")
    assert after[touched][0] != before[touched][0], "the touched shard was not replaced"
    assert b"second in kop-2" in after[touched][2]
    for path in paths:
        if path != touched:
            assert after[path] == before[path], f"{path.name} was rewritten"


def test_stock_tinydb_reads_the_files_and_they_read_back(folder: Path) -> None:
    notes = [note(f"catatan {i}", i, q) for i, q in enumerate(Quadrant)]
    event = TimerEvent(item_id="d1-open", action=TimerAction.FINISH, seconds=-30)
    with WorkshopStore.open(folder) as store:
        store.put_many("kop-1", notes)
        store.put(WORKSHOP_SHARD, event)

    db = TinyDB(shard_file(folder, "kop-1"))
    try:
        assert db.tables() == {"notes"}
        assert db.table("notes").all() == [n.model_dump(mode="json") for n in notes]
        # The other way round: a document inserted by stock TinyDB loads in the store.
        extra = note("written by stock TinyDB", 99)
        db.table("notes").insert(extra.model_dump(mode="json"))
    finally:
        db.close()
    db = TinyDB(folder / WORKSHOP_FILE)
    try:
        assert db.table("timer_events").all() == [event.model_dump(mode="json")]
    finally:
        db.close()

    with WorkshopStore.open(folder) as store:
        loaded = store.state.cooperative("kop-1").table(Note)
        assert loaded == {n.id: n for n in [*notes, extra]}
        assert store.state.workshop.table(TimerEvent) == {event.id: event}


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_files_are_private_and_folders_too(tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "data" / "workshops" / "blora"
    old = os.umask(umask)
    try:
        with WorkshopStore.open(folder) as store:
            store.put("kop-1", note("nama orang"))
            store.put(WORKSHOP_SHARD, Signature(id="p-1"))
            store.touch_alive()
            store.put("kop-1", note("again"))  # a replaced file keeps the mode
    finally:
        os.umask(old)
    for path in (tmp_path / "data", tmp_path / "data" / "workshops", folder):
        assert path.stat().st_mode & 0o777 == 0o700, path
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([WORKSHOP_FILE, "coop-kop-1.json", LOCK_FILE, "alive"])
    for name in names:
        assert (folder / name).stat().st_mode & 0o777 == 0o600, name


def test_shard_names_cannot_leave_the_folder(folder: Path) -> None:
    with WorkshopStore.open(folder) as store:
        for bad in ("../x", "a/b", "", "Kop-1", ".hidden"):
            with pytest.raises(ValueError, match="not a valid cooperative id"):
                store.put(bad, note("x"))


# -- the lock -----------------------------------------------------------------------------

HOLDER_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workshop_tui.domain.state import Note, Quadrant
    from workshop_tui.storage.store import WorkshopStore

    store = WorkshopStore.open(Path(sys.argv[1]))
    store.put("kop-1", Note(quadrant=Quadrant.WEAKNESS, text="from the child"))
    print("ready", flush=True)
    sys.stdin.read()  # hold the workshop until the parent closes our stdin
    store.close()
    """
)

RACER_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from workshop_tui.storage.lock import WorkshopLocked
    from workshop_tui.storage.store import WorkshopStore

    folder, go = Path(sys.argv[1]), Path(sys.argv[2])
    print("ready", flush=True)
    deadline = time.monotonic() + 30
    while not go.exists() and time.monotonic() < deadline:
        pass  # spin: both copies leave this loop within microseconds of each other
    try:
        store = WorkshopStore.open(folder)
    except WorkshopLocked as exc:
        print(exc, file=sys.stderr, flush=True)
        sys.exit(3)
    previous = store.lock.previous
    print(f"locked {previous.pid if previous else None}", flush=True)
    sys.stdin.read()
    store.close()
    """
)


def spawn(script: str, *args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=SUBPROCESS_TIMEOUT)


def wait_ready(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line != "ready\n":
        proc.kill()
        _, err = proc.communicate(timeout=SUBPROCESS_TIMEOUT)
        raise AssertionError(f"child {proc.pid} did not get ready: {line!r}\n{err}")


def test_second_open_in_the_same_process_is_refused(folder: Path) -> None:
    first = WorkshopStore.open(folder)
    try:
        first.put("kop-1", note("kept"))
        with pytest.raises(WorkshopLocked) as caught:
            WorkshopStore.open(folder)
        assert f"process {os.getpid()} " in str(caught.value)
        assert caught.value.holder is not None and caught.value.holder.pid == os.getpid()
        assert str(folder) in str(caught.value)
        first.put("kop-1", note("the first copy still works"))  # refusal changed nothing
    finally:
        first.close()
    with WorkshopStore.open(folder) as store:
        assert store.lock.previous is None  # closed cleanly
        assert len(store.state.cooperative("kop-1").table(Note)) == 2


def test_open_held_by_another_process_is_refused_naming_it(
    folder: Path, children: list[subprocess.Popen[str]]
) -> None:
    child = spawn(HOLDER_SCRIPT, folder)
    children.append(child)
    wait_ready(child)

    with pytest.raises(WorkshopLocked) as caught:
        WorkshopStore.open(folder)
    assert f"process {child.pid} " in str(caught.value)
    assert caught.value.holder is not None and caught.value.holder.pid == child.pid

    _, err = child.communicate("", timeout=SUBPROCESS_TIMEOUT)  # let it close cleanly
    assert child.returncode == 0, err
    with WorkshopStore.open(folder) as store:
        assert store.lock.previous is None
        texts = [n.text for n in store.state.cooperative("kop-1").table(Note).values()]
        assert texts == ["from the child"]


def test_lock_of_a_killed_process_is_taken_over(
    folder: Path, children: list[subprocess.Popen[str]]
) -> None:
    child = spawn(HOLDER_SCRIPT, folder)
    children.append(child)
    wait_ready(child)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=SUBPROCESS_TIMEOUT)
    assert child.returncode == -signal.SIGKILL

    with WorkshopStore.open(folder) as store:
        assert store.lock.previous is not None
        assert store.lock.previous.pid == child.pid
        texts = [n.text for n in store.state.cooperative("kop-1").table(Note).values()]
        assert texts == ["from the child"]
    with WorkshopStore.open(folder) as store:
        assert store.lock.previous is None  # that take-over closed cleanly in turn


@pytest.fixture
def dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(timeout=SUBPROCESS_TIMEOUT)
    return proc.pid


def write_stale_holder(folder: Path, pid: int) -> None:
    """The details a SIGKILLed copy on this machine leaves in the lock file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / LOCK_FILE).write_text(
        json.dumps({"pid": pid, "host": socket.gethostname(), "started": "2018-02-19T08:00:00"})
    )


@pytest.mark.parametrize("stale_holder", [False, True], ids=["fresh", "after-a-crash"])
def test_two_copies_started_at_the_same_instant(
    folder: Path,
    tmp_path: Path,
    children: list[subprocess.Popen[str]],
    stale_holder: bool,
    dead_pid: int,
) -> None:
    if stale_holder:
        write_stale_holder(folder, dead_pid)
    go = tmp_path / "go"
    racers = [spawn(RACER_SCRIPT, folder, go) for _ in range(2)]
    children.extend(racers)
    for racer in racers:
        wait_ready(racer)
    go.touch()

    first_lines = []
    for racer in racers:
        assert racer.stdout is not None
        first_lines.append(racer.stdout.readline())  # "locked ..." (winner) or EOF (loser)
    assert sorted(bool(line) for line in first_lines) == [False, True], first_lines
    winner, loser = racers if first_lines[0] else racers[::-1]
    won = first_lines[racers.index(winner)]
    assert won == f"locked {dead_pid if stale_holder else None}\n"

    _, loser_err = loser.communicate(timeout=SUBPROCESS_TIMEOUT)
    assert loser.returncode == 3, loser_err
    assert loser_err.startswith("This workshop is already open in process "), loser_err
    if not stale_holder:
        assert f"process {winner.pid} " in loser_err, loser_err
    # After a crash the loser may name the dead copy instead of the winner: see
    # test_refused_copy_never_names_the_dead_previous_holder (a known bug in lock.py).

    _, winner_err = winner.communicate("", timeout=SUBPROCESS_TIMEOUT)
    assert winner.returncode == 0, winner_err
    with WorkshopStore.open(folder) as store:
        assert store.lock.previous is None


def test_refused_copy_never_names_the_dead_previous_holder(folder: Path, dead_pid: int) -> None:
    # Deterministic version of the race above: a winner that holds the flock but has not
    # yet written its details (lock.py acquire(): between flock() and pwrite()).
    write_stale_holder(folder, dead_pid)
    fd = os.open(folder / LOCK_FILE, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        me = json.dumps({"pid": os.getpid(), "host": "here", "started": "now"}).encode()

        def winner_writes_its_details() -> None:
            os.ftruncate(fd, 0)
            os.pwrite(fd, me, 0)

        timer = threading.Timer(0.05, winner_writes_its_details)
        timer.start()
        try:
            with pytest.raises(WorkshopLocked) as caught:
                WorkshopStore.open(folder)
        finally:
            timer.join()
    finally:
        os.close(fd)
    assert f"process {dead_pid} " not in str(caught.value)
    assert caught.value.holder is not None and caught.value.holder.pid == os.getpid()


# -- leftovers and damage -----------------------------------------------------------------


def test_orphan_temp_files_are_removed_at_open_and_only_by_the_holder(folder: Path) -> None:
    with WorkshopStore.open(folder) as store:
        store.put("kop-1", note("safe"))
        store.put(WORKSHOP_SHARD, Signature(id="p-1"))
    orphans = [folder / ".workshop.json.4242.tmp", folder / ".coop-kop-1.json.4243.tmp"]
    for orphan in orphans:
        orphan.write_bytes(b'{"notes": {"1": {"id": "half-writ')

    holder = WorkshopStore.open(folder)
    try:
        assert sorted(holder.removed_temp_files) == sorted(orphans)
        assert temp_files(folder) == []
        assert [n.text for n in holder.state.cooperative("kop-1").table(Note).values()] == ["safe"]
        # A temp file of the live holder is not touched by a copy that is refused.
        in_flight = folder / f".coop-kop-1.json.{os.getpid()}.tmp"
        in_flight.write_bytes(b"{}")
        with pytest.raises(WorkshopLocked):
            WorkshopStore.open(folder)
        assert in_flight.exists()
        in_flight.unlink()
    finally:
        holder.close()


TRUNCATED = b'{"meta":{"1":{"id":"meta","schema_version":1,"title":"Blo'

DAMAGE = {
    "empty": (b"", "empty"),
    "blank": (b"  \n", "empty"),
    "truncated": (TRUNCATED, "not valid JSON"),
    "list": (b"[1, 2, 3]", "expected a JSON object of tables, found list"),
    "garbage": (bytes(range(255, -1, -1)) * 8, "not text"),
    "nul-bytes": (b"\x00" * 512, "not valid JSON"),
    "table-not-object": (b'{"notes": []}', "table 'notes' is not an object"),
    "bad-doc-id": (b'{"meta": {"x": {}}}', "malformed document"),
    "no-tables": (b"{}", "holds no tables"),  # emptied outside the app: opened blank
    "tinydb-fresh": (b'{"_default": {}}', "holds no tables"),
}


@pytest.mark.parametrize("content,reason", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_workshop_file_is_reported_and_left_alone(
    folder: Path, content: bytes, reason: str
) -> None:
    with WorkshopStore.open(folder) as store:
        store.put(WORKSHOP_SHARD, Signature(id="p-1"))
        store.put("kop-1", note("untouched"))
    path = folder / WORKSHOP_FILE
    path.write_bytes(content)
    before = {p: file_identity(p) for p in folder.iterdir() if p.is_file() and p.name != "lock"}

    for _ in range(2):  # the failed open released the lock: a second try fails the same way
        with pytest.raises(StateFileError) as caught:
            WorkshopStore.open(folder)
        assert caught.value.path == path
        assert str(path) in str(caught.value)
        assert reason in caught.value.reason

    after = {p: file_identity(p) for p in folder.iterdir() if p.is_file() and p.name != "lock"}
    assert after == before  # byte for byte, same inode, same mtime; nothing else written


def test_damaged_cooperative_file_is_found_at_open_and_left_alone(folder: Path) -> None:
    with WorkshopStore.open(folder) as store:
        store.put("kop-1", note("fine"))
        store.put("kop-2", note("fine too"))
    path = shard_file(folder, "kop-2")
    content = path.read_bytes()[:-7]
    path.write_bytes(content)
    # Cooperative shards become entities on first use, but every file is checked at open:
    # damage shows there (where a repair is offered), never in the middle of a workshop.
    with pytest.raises(StateFileError) as caught:
        WorkshopStore.open(folder)
    assert caught.value.path == path
    assert "coop-kop-2.json" in str(caught.value)
    assert path.read_bytes() == content
    lock = WorkshopLock(folder)
    lock.acquire()  # the failed open let go of the lock
    lock.release()


def test_document_failing_its_model_is_kept_and_survives_puts(folder: Path) -> None:
    good = note("good", 1)
    with WorkshopStore.open(folder) as store:
        store.put("kop-1", good)
    path = shard_file(folder, "kop-1")
    data = raw(path)
    bad = {"id": "bad-1", "quadrant": "X", "text": "keep me", "votes": -3}
    data["notes"]["7"] = bad
    path.write_text(json.dumps(data))

    with WorkshopStore.open(folder) as store:
        shard = store.state.cooperative("kop-1")
        assert shard.table(Note) == {good.id: good}
        assert len(shard.unreadable) == 1
        table, doc_id, doc, problem = shard.unreadable[0]
        assert (table, doc_id, doc) == ("notes", "7", bad)
        assert "quadrant" in problem
        later = note("later", 2)
        store.put("kop-1", later)
        store.put("kop-1", good.model_copy(update={"text": "good, edited"}))

    on_disk = raw(path)["notes"]
    assert on_disk["7"] == bad  # verbatim
    assert sorted(d["id"] for d in on_disk.values()) == sorted(["bad-1", good.id, later.id])
    with WorkshopStore.open(folder) as store:
        shard = store.state.cooperative("kop-1")
        assert [entry[:3] for entry in shard.unreadable] == [("notes", "7", bad)]
        assert {n.text for n in shard.table(Note).values()} == {"good, edited", "later"}


def test_table_unknown_to_this_version_survives_puts(folder: Path) -> None:
    with WorkshopStore.open(folder) as store:
        store.put("kop-1", note("before"))
        store.put(WORKSHOP_SHARD, Signature(id="p-1"))
    future = {"1": {"id": "h1", "kind": "hologram", "payload": [1, {"x": None}]}}
    for path in (shard_file(folder, "kop-1"), folder / WORKSHOP_FILE):
        data = raw(path)
        data["from_the_future"] = future
        path.write_text(json.dumps(data))

    with WorkshopStore.open(folder) as store:
        store.put("kop-1", note("after"))
        store.put(WORKSHOP_SHARD, Signature(id="p-2"))
        assert "from_the_future" not in store.state.cooperative("kop-1").tables

    for path in (shard_file(folder, "kop-1"), folder / WORKSHOP_FILE):
        assert raw(path)["from_the_future"] == future, path.name


# -- disk full ----------------------------------------------------------------------------


def enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("call", ["replace", "fsync", "write"])
def test_save_error_keeps_the_old_file_and_the_change_in_memory(
    folder: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    store = WorkshopStore.open(folder)
    try:
        store.put("kop-1", note("saved", 1))
        store.put("kop-2", note("other shard", 1))
        path = shard_file(folder, "kop-1")
        before = path.read_bytes()

        monkeypatch.setattr(f"workshop_tui.storage.atomic.os.{call}", enospc)
        unsaved_note = note("not yet saved", 2)
        with pytest.raises(SaveError) as caught:
            store.put("kop-1", unsaved_note)
        assert caught.value.errno == errno.ENOSPC
        assert caught.value.path == path
        assert str(path) in str(caught.value)
        assert path.read_bytes() == before
        assert temp_files(folder) == []
        assert store.state.cooperative("kop-1").get(Note, unsaved_note.id) == unsaved_note
        assert store.unsaved == [path]
        # Still failing: a retry reports the same, and nothing is lost.
        with pytest.raises(SaveError):
            store.flush()
        assert store.unsaved == [path]
        assert temp_files(folder) == []

        monkeypatch.undo()
        store.flush()
        assert store.unsaved == []
        assert b"not yet saved" in path.read_bytes()
    finally:
        store.close()
    with WorkshopStore.open(folder) as store:
        texts = {n.text for n in store.state.cooperative("kop-1").table(Note).values()}
    assert texts == {"saved", "not yet saved"}


def test_save_error_on_a_new_shard_and_the_next_commit_retries(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with WorkshopStore.open(folder) as store:
        path = shard_file(folder, "kop-9")
        monkeypatch.setattr("workshop_tui.storage.atomic.os.replace", enospc)
        first = note("first", 1)
        with pytest.raises(SaveError):
            store.put("kop-9", first)
        assert not path.exists()
        assert temp_files(folder) == []
        assert store.unsaved == [path]
        monkeypatch.undo()
        second = note("second", 2)
        store.put("kop-9", second)  # the next commit carries the pending change too
        assert store.unsaved == []
    with WorkshopStore.open(folder) as store:
        assert store.state.cooperative("kop-9").table(Note) == {first.id: first, second.id: second}


def test_close_releases_the_lock_even_when_the_last_save_fails(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = WorkshopStore.open(folder)
    store.put("kop-1", note("saved"))
    monkeypatch.setattr("workshop_tui.storage.atomic.os.fsync", enospc)
    with pytest.raises(SaveError):
        store.put("kop-1", note("lost with the disk full"))
    with pytest.raises(SaveError):
        store.close()
    monkeypatch.undo()
    assert not store.lock.held
    with WorkshopStore.open(folder) as again:
        texts = [n.text for n in again.state.cooperative("kop-1").table(Note).values()]
    assert texts == ["saved"]
