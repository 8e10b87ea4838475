"""Crash test (issues 2 and 8): SIGKILL a running workshop at random instants, over and over,
while it makes every kind of change.

A child process, forked from the test process (so no Python start-up is paid per round),
opens the SAME workshop folder each round with `open_workshop` + `start_session`, resuming
from what its SIGKILLed predecessor left on disk, and makes random changes through the
session and workflow layer (tests/crash_child.py): SWOT notes, roadmap cells, tier
targets, strategies and factor scores, vision and mission, signatures and walk-ins, RTL
actions (joint and per cooperative), Renstra teams, timer events, agenda moves, and raw
`put_many` / `batch` commits — over the workshop shard and several cooperative shards.
Every commit is announced on a pipe before it starts (its documents) and acknowledged after
it returned; every workflow call is acknowledged after it returned, with a digest of each
entity it wrote as the session holds it in memory.

The test is parametrised by change kind: in the round of kind X, half of the child's
changes are of kind X and most kills are aimed at them (at an X call's start or inside one
of its commits, after a random delay from 0 through sub-millisecond to a few ms); the rest
of the kills land at random instants (during start-up, or anywhere while it works). The
folder is shared by all kinds, so the state accumulates over every kill of the module.

After each kill the parent checks the folder:

* every file is expected; every shard file parses with stock TinyDB and entity ids are
  unique per table; the plan copy is whole; the lock file is empty or a holder's details;
* the state on disk is exactly the state of all acknowledged commits, or that plus the one
  commit in flight applied whole (so every acknowledged change is there with its last
  acknowledged value, and a batch is all or nothing);
* what the session held in memory after each acknowledged call is what was committed;
* the lock is taken over from the dead child, and temp files are gone after the reopen:
  every other round by the parent's own `WorkshopStore.open` (whose loaded state must equal
  the stock TinyDB reading, with no unreadable document, timer progress equal to the replay
  of the timer log, SWOT numbers never given twice), otherwise by the next child.

WORKSHOP_TUI_CRASH_SEED=<n> replays another sequence of kills. The test fails when a
commit writes its file in place, skips the replace, or splits a batch into several commits
(each tried by patching the storage in a pytest plugin: every kind's test caught it).
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
import random
import select
import signal
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import BLORA
from crash_child import KINDS, digest, run_child
from tinydb import TinyDB

from workshop_tui.domain.state import (
    WORKSHOP_SHARD,
    ItemProgress,
    Location,
    Note,
    StateMeta,
    SwotNumbers,
    TimerEvent,
    entity_kinds,
)
from workshop_tui.domain.timeline import apply
from workshop_tui.storage.atomic import PRIVATE_FILE_MODE, TEMP_SUFFIX
from workshop_tui.storage.backup import BACKUPS_DIR, MANIFEST
from workshop_tui.storage.lock import LOCK_FILE, Holder
from workshop_tui.storage.paths import workshop_dir
from workshop_tui.storage.plan_file import load_plan
from workshop_tui.storage.store import (
    ALIVE_FILE,
    COOP_PREFIX,
    PLAN_SNAPSHOT,
    WORKSHOP_FILE,
    WorkshopStore,
)

SEED = int(os.environ.get("WORKSHOP_TUI_CRASH_SEED", "20180219"))
ROUNDS_PER_KIND = int(os.environ.get("WORKSHOP_TUI_CRASH_ROUNDS", "20"))
"""bench/bench_crash.py raises it for longer runs."""
MIN_KILLS = 200
FOCUS_SHARE = 0.5
"""Share of the child's changes that are of the round's kind."""
MODES = {"early": 0.10, "anywhere": 0.20, "call": 0.30, "commit": 0.40}
"""When to kill: at a random instant of start-up, anywhere once open, after the n-th call
of the round's kind starts, or after the n-th commit inside such a call starts."""
MAX_EARLY = 0.060
MAX_ANYWHERE = 0.080
AIM_AT_MOST = 6
"""Aimed kills follow the n-th call or commit of the kind, n from 1 to this."""
MAX_AIMED_DELAY = 0.005
MIN_AIMED_DELAY = 0.000_010
ACK_TIMEOUT = 30.0
SINGLETONS = {StateMeta.TABLE, Location.TABLE, SwotNumbers.TABLE}
"""Tables whose default entity the loaded state creates in memory only."""

Snapshot = dict[str, dict[str, dict[str, dict[str, Any]]]]
"""shard name -> table name -> entity id -> document, in file order."""


# -- the child ------------------------------------------------------------------------------


def _fork_child(root: Path, seed: int, round_no: int, focus: str) -> tuple[int, int]:
    """Fork a child that changes the workshop until killed; (pid, read end of its pipe)."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns into pytest
        try:
            os.close(rfd)
            run_child(BLORA, root, wfd, seed, round_no, focus, FOCUS_SHARE)
        except BaseException:
            with contextlib.suppress(BaseException):
                error = json.dumps(traceback.format_exc()[-3000:])
                os.write(wfd, f"E {error}\n".encode())
        finally:
            os._exit(1)
    os.close(wfd)
    return pid, rfd


class _Lines:
    """Complete lines read from a child's pipe (an unterminated last line is dropped)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.lines: list[str] = []
        self.eof = False
        self.scanned = 0

    def _read_some(self, timeout: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0.0))
        if not ready:
            return
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            self.eof = True
            return
        self.buffer += chunk
        *complete, self.buffer = self.buffer.split(b"\n")
        self.lines.extend(line.decode() for line in complete)

    def wait_until(self, found: Callable[[str], bool], timeout: float = ACK_TIMEOUT) -> None:
        """Read until `found` is true of a new line; fail on a child error or silence."""
        deadline = time.monotonic() + timeout
        while True:
            while self.scanned < len(self.lines):
                line = self.lines[self.scanned]
                self.scanned += 1
                if line.startswith("E "):
                    raise AssertionError(f"the child failed:\n{_load(line[2:])}")
                if found(line):
                    return
            if self.eof or time.monotonic() > deadline:
                raise AssertionError(f"the child went quiet; last lines: {self.lines[-5:]}")
            self._read_some(deadline - time.monotonic())

    def sleep(self, seconds: float) -> None:
        """Wait, reading what arrives (a full pipe would stall the child)."""
        if seconds < 0.001:
            time.sleep(seconds)
            return
        deadline = time.monotonic() + seconds
        while not self.eof and (left := deadline - time.monotonic()) > 0:
            self._read_some(left)
        time.sleep(max(0.0, deadline - time.monotonic()))

    def read_to_eof(self) -> list[str]:
        while not self.eof:
            self._read_some(ACK_TIMEOUT)
        return self.lines


def _aim(lines: _Lines, focus: str, mode: str, n: int) -> None:
    """Read until the moment the kill is aimed after."""
    seen = 0
    current: str | None = None

    def found(line: str) -> bool:
        nonlocal seen, current
        tag, _, payload = line.partition(" ")
        if mode == "anywhere":
            return tag == "O"
        if tag == "B":
            current = _load(payload)["kind"]
            if mode == "call" and current == focus:
                seen += 1
        elif tag == "A":
            current = None
        elif tag == "C" and mode == "commit" and current == focus:
            seen += 1
        return seen >= n

    lines.wait_until(found)


def _load(payload: str) -> Any:
    return json.loads(payload)


# -- the parent's model of what must be on disk ----------------------------------------------


@dataclass
class KindStats:
    kills: int = 0
    """Kills while a call of this kind was in flight ("open": during start-up)."""
    kills_in_commit: int = 0
    acked_calls: int = 0
    acked_commits: int = 0
    ops: Counter[str] = field(default_factory=Counter)


@dataclass
class Totals:
    kinds_run: list[str] = field(default_factory=list)
    kills: int = 0
    by_mode: Counter[str] = field(default_factory=Counter)
    by_kind: dict[str, KindStats] = field(default_factory=dict)
    in_flight_landed: int = 0
    in_flight_absent: int = 0
    temp_files_left_by_kills: int = 0
    lock_taken_over: int = 0
    seconds: float = 0.0

    def kind(self, name: str) -> KindStats:
        return self.by_kind.setdefault(name, KindStats())


@dataclass
class RoundLog:
    opened: dict[str, Any] | None = None
    pending: dict[str, Any] | None = None
    """The commit started and not acknowledged (C without K)."""
    in_flight: str = "open"
    """Kind of the call the kill interrupted ("open" before the session was open, "idle"
    between calls)."""


def _apply(model: Snapshot, commit: dict[str, Any]) -> None:
    shard = model.setdefault(commit["shard"], {})
    for table_name, entity_id, doc in commit["changes"]:
        if doc is None:
            table = shard.get(table_name, {})
            table.pop(entity_id, None)
            if not table:
                shard.pop(table_name, None)
        else:
            shard.setdefault(table_name, {})[entity_id] = doc
    if not shard:
        model.pop(commit["shard"])


def _replay(
    model: Snapshot,
    lines: list[str],
    totals: Totals,
    last_ack: dict[tuple[str, str, str], str],
    round_no: int,
) -> RoundLog:
    """Apply the acknowledged commits of a round to `model`; check each acknowledged call."""
    log = RoundLog()
    call: str | None = None
    for line in lines:
        tag, _, payload = line.partition(" ")
        if tag == "E":
            raise AssertionError(f"the child failed:\n{_load(payload)}")
        if tag == "O":
            log.opened = _load(payload)
        elif tag == "B":
            assert log.pending is None and call is None, f"a call started inside another: {line}"
            call = _load(payload)["kind"]
        elif tag == "C":
            assert log.pending is None, "two commits started without an ack between them"
            log.pending = _load(payload)
        elif tag == "K":
            assert log.pending is not None, "a commit ack without a commit"
            _apply(model, log.pending)
            log.pending = None
            totals.kind(call or "open").acked_commits += 1
        elif tag == "A":
            done = _load(payload)
            assert done["kind"] == call and log.pending is None, f"unexpected ack {line}"
            stats = totals.kind(call)
            stats.acked_calls += 1
            stats.ops[done["op"]] += 1
            what = f"{call}/{done['op']} (round {round_no})"
            for shard, table, entity_id, want in done["touched"]:
                got = digest(model.get(shard, {}).get(table, {}).get(entity_id))
                assert got == want, (
                    f"{what}: {shard}/{table}/{entity_id} in memory after the call "
                    f"({want}) is not what was committed ({got})"
                )
                last_ack[(shard, table, entity_id)] = what
            call = None
        else:
            raise AssertionError(f"unexpected line from the child: {line!r}")
    if log.opened is not None:
        log.in_flight = call or "idle"
    return log


# -- reading the folder ---------------------------------------------------------------------


def _shard_name(path: Path) -> str | None:
    if path.name == WORKSHOP_FILE:
        return WORKSHOP_SHARD
    if path.name.startswith(COOP_PREFIX) and path.suffix == ".json":
        return path.stem.removeprefix(COOP_PREFIX)
    return None


def _read_folder(
    folder: Path, plan_text: bytes, backups_checked: set[str]
) -> tuple[Snapshot, set[str]]:
    """Check every file of the folder; the shards as stock TinyDB reads them, and the
    names of temp files."""
    snapshot: Snapshot = {}
    temps: set[str] = set()
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith(".") and name.endswith(TEMP_SUFFIX):
            temps.add(name)  # garbage of a killed commit; removed by the next open
            continue
        shard = _shard_name(path)
        if shard is not None:
            assert path.stat().st_mode & 0o777 == PRIVATE_FILE_MODE, f"{name}: not private"
            snapshot_of_shard = _read_shard(path)
            if snapshot_of_shard:
                snapshot[shard] = snapshot_of_shard
        elif name == PLAN_SNAPSHOT:
            assert path.read_bytes() == plan_text, "the plan copy is not the plan"
        elif name == LOCK_FILE:
            raw = path.read_text()
            assert not raw or Holder.parse(raw) is not None, f"lock file holds {raw!r}"
        elif name == ALIVE_FILE:
            assert path.stat().st_size == 0
        elif name == BACKUPS_DIR:
            _check_backups(path, plan_text, backups_checked)
        else:
            raise AssertionError(f"unexpected file in the workshop folder: {name}")
    return snapshot, temps


def _check_backups(base: Path, plan_text: bytes, checked: set[str]) -> None:
    """A backup folder with its final name is whole: every copy in it reads."""
    for backup in base.iterdir():
        if backup.name.startswith(".partial-") or backup.name in checked:
            continue  # a copy cut by a kill (pruned later), or checked before
        for path in backup.iterdir():
            if path.name == PLAN_SNAPSHOT:
                assert path.read_bytes() == plan_text, f"backup {backup.name}: plan copy"
            elif path.name == MANIFEST:
                json.loads(path.read_text())
            else:
                assert _shard_name(path) is not None, f"backup {backup.name}: {path.name}?"
                _read_shard(path)
        checked.add(backup.name)


def _read_shard(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """One shard file read by TinyDB's own JSONStorage; ids checked to be unique."""
    db = TinyDB(path, access_mode="r")
    try:
        try:
            data = db.storage.read()
        except ValueError as exc:  # json.JSONDecodeError
            raise AssertionError(f"{path.name}: unreadable ({exc})") from None
        assert isinstance(data, dict), f"{path.name}: empty or not a TinyDB file"
        tables: dict[str, dict[str, dict[str, Any]]] = {}
        for table_name, docs in data.items():
            assert isinstance(docs, dict), f"{path.name}: table {table_name} is not an object"
            by_id = {doc["id"]: doc for doc in docs.values()}
            assert len(by_id) == len(docs), f"{path.name}: table {table_name} repeats ids"
            if by_id:
                tables[table_name] = by_id
        return tables
    finally:
        db.close()


def _differences(
    expected: Snapshot, actual: Snapshot, last_ack: dict[tuple[str, str, str], str]
) -> list[str]:
    out = []
    for shard in sorted(set(expected) | set(actual)):
        for table in sorted(set(expected.get(shard, {})) | set(actual.get(shard, {}))):
            want = expected.get(shard, {}).get(table, {})
            got = actual.get(shard, {}).get(table, {})
            for entity_id in sorted(set(want) | set(got)):
                if want.get(entity_id) == got.get(entity_id):
                    continue
                by = last_ack.get((shard, table, entity_id), "no acknowledged call")
                where = f"{shard}/{table}/{entity_id} [last acked by {by}]"
                if entity_id not in got:
                    out.append(f"{where}: missing (want {want[entity_id]})")
                elif entity_id not in want:
                    out.append(f"{where}: unexpected {got[entity_id]}")
                else:
                    out.append(f"{where}: {got[entity_id]} != {want[entity_id]}")
    return out


def _check_invariants(snapshot: Snapshot) -> None:
    """Rules that hold only if multi-entity commits are all or nothing."""
    workshop = snapshot.get(WORKSHOP_SHARD, {})
    events: dict[str, list[TimerEvent]] = {}
    for doc in workshop.get(TimerEvent.TABLE, {}).values():  # file order = commit order
        event = TimerEvent.model_validate(doc)
        events.setdefault(event.item_id, []).append(event)
    progress = workshop.get(ItemProgress.TABLE, {})
    assert set(events) == set(progress), "timer log and timer progress name other items"
    for key, item_events in events.items():
        replayed = ItemProgress(id=key)
        for event in item_events:
            replayed = apply(replayed, event)
        assert replayed.model_dump(mode="json") == progress[key], f"timer of {key} != its log"
    for shard_name, shard in snapshot.items():
        if shard_name == WORKSHOP_SHARD:
            continue
        issued = shard.get(SwotNumbers.TABLE, {}).get("numbers", {}).get("issued", {})
        numbers: dict[str, list[int]] = {}
        for doc in shard.get(Note.TABLE, {}).values():
            numbers.setdefault(doc["quadrant"], []).append(doc["number"])
        for quadrant, used in numbers.items():
            assert len(used) == len(set(used)), f"{shard_name}: a {quadrant} number given twice"
            assert max(used) <= issued.get(quadrant, 0), f"{shard_name}: {quadrant} not issued"


def _reopen(folder: Path, disk: Snapshot, temps: set[str], holders: set[int | None]) -> int:
    """Open the folder as the app does; check it against the stock reading. Returns the
    pid of the holder taken over from (0: none)."""
    store = WorkshopStore.open(folder)
    try:
        previous = store.lock.previous
        pid = previous.pid if previous is not None else None
        assert pid in holders, f"lock taken over from {previous}, expected one of {holders}"
        left = {p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)}
        assert not left, f"temp files left after open: {left}"
        assert {p.name for p in store.removed_temp_files} == temps
        store.load_all()
        loaded = 0
        for shard in store.state.shards():
            assert not shard.unreadable, f"{shard.name}: unreadable {shard.unreadable}"
            for table_name, entities in shard.tables.items():
                on_disk = disk.get(shard.name, {}).get(table_name, {})
                for entity_id, entity in entities.items():
                    doc = on_disk.get(entity_id)
                    if doc is None:
                        assert table_name in SINGLETONS, f"{shard.name}/{table_name}/{entity_id}"
                        continue
                    loaded += 1
                    assert entity.model_dump(mode="json") == doc, (
                        f"{shard.name}/{table_name}/{entity_id}: the store and TinyDB disagree"
                    )
        assert loaded == sum(len(t) for s in disk.values() for t in s.values())
        return pid or 0
    finally:
        store.close()


# -- the rounds -----------------------------------------------------------------------------


@dataclass
class Site:
    root: Path
    key: str
    plan_text: bytes
    totals: Totals = field(default_factory=Totals)
    backups_checked: set[str] = field(default_factory=set)
    broken: bool = False
    """A kind's test failed: the next kind starts in a new folder, so each fails alone."""

    @property
    def folder(self) -> Path:
        return workshop_dir(self.root, self.key)


def _delay(rng: random.Random) -> float:
    """0 a quarter of the time, else log-uniform from 10 µs to 5 ms."""
    if rng.random() < 0.25:
        return 0.0
    low, high = math.log(MIN_AIMED_DELAY), math.log(MAX_AIMED_DELAY)
    return math.exp(rng.uniform(low, high))


def run_crash_rounds(site: Site, focus: str, rounds: int, seed: int) -> dict[str, int]:
    """Fork, let change, SIGKILL, verify — `rounds` times on the shared folder."""
    rng = random.Random(seed)
    totals = site.totals
    folder = site.folder
    started = time.monotonic()
    # Start from a clean take-over of whatever is there (the parent never forks while it
    # holds the lock: the child would share the flock and the kill would not release it).
    model, temps = (
        _read_folder(folder, site.plan_text, site.backups_checked)
        if folder.exists()
        else ({}, set())
    )
    if folder.exists():
        _reopen(folder, model, temps, {None, *_any_pid(folder)})
    holders: set[int | None] = {None}
    left_temps: set[str] = set()
    last_ack: dict[tuple[str, str, str], str] = {}
    kills_of_focus = 0
    for round_no in range(rounds):
        mode = rng.choices(list(MODES), weights=list(MODES.values()))[0]
        context = f"{focus} round {round_no} (seed {seed}, kill {mode})"
        try:
            pid, status, raw = _kill_one_child(site.root, rng, round_no, focus, mode)
        except AssertionError as exc:
            raise AssertionError(f"{context}: {exc}") from None
        try:
            log = _replay(model, raw, totals, last_ack, round_no)
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                f"the child ended with status {status}, not by SIGKILL"
            )
            totals.kills += 1
            totals.by_mode[mode] += 1
            stats = totals.kind(log.in_flight)
            stats.kills += 1
            kills_of_focus += log.in_flight == focus
            if log.pending is not None:
                stats.kills_in_commit += 1

            if log.opened is not None:
                # This child opened after the previous kill: it took the lock over.
                crashed = log.opened["crashed_holder"]
                assert crashed in holders, f"child took over from {crashed}, not {holders}"
                assert set(log.opened["removed"]) == left_temps, "temp files not removed"
                totals.lock_taken_over += crashed is not None
                holders = {pid}
            else:
                holders = holders | {pid}

            disk, temps = _read_folder(folder, site.plan_text, site.backups_checked)
            totals.temp_files_left_by_kills += len(temps)
            if disk != model:
                if log.pending is None:
                    raise AssertionError(_report("nothing in flight", model, disk, last_ack))
                _apply(model, log.pending)
                if disk != model:
                    raise AssertionError(
                        _report(f"{log.in_flight} commit in flight", model, disk, last_ack)
                    )
                totals.in_flight_landed += 1
            elif log.pending is not None:
                totals.in_flight_absent += 1
            model = disk

            if round_no % 2 == 0:
                # The parent takes the lock over and reads the folder as the app does.
                totals.lock_taken_over += _reopen(folder, disk, temps, holders) == pid
                _check_invariants(disk)
                holders, left_temps = {None}, set()
            else:
                left_temps = temps  # the next child's open must remove them
        except AssertionError as exc:
            raise AssertionError(f"{context}: {exc}") from None
    totals.seconds += time.monotonic() - started
    return {"kills": rounds, "kills_of_focus": kills_of_focus}


def _kill_one_child(
    root: Path, rng: random.Random, round_no: int, focus: str, mode: str
) -> tuple[int, int, list[str]]:
    """Fork a child, SIGKILL it at an instant chosen by `mode`; (pid, status, its lines)."""
    pid, rfd = _fork_child(root, rng.getrandbits(32), round_no, focus)
    lines = _Lines(rfd)
    try:
        if mode == "early":
            lines.sleep(rng.uniform(0.0, MAX_EARLY))
        elif mode == "anywhere":
            _aim(lines, focus, mode, 1)
            lines.sleep(rng.uniform(0.0, MAX_ANYWHERE))
        else:
            _aim(lines, focus, mode, rng.randint(1, AIM_AT_MOST))
            lines.sleep(_delay(rng))
    finally:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        try:
            raw = lines.read_to_eof()
        finally:
            os.close(rfd)
    return pid, status, raw


def _any_pid(folder: Path) -> set[int | None]:
    """Whoever the lock file names (the start of a run takes over from anyone)."""
    try:
        holder = Holder.parse((folder / LOCK_FILE).read_text())
    except OSError:
        return set()
    return {holder.pid} if holder is not None else set()


def _report(what: str, expected: Snapshot, disk: Snapshot, last_ack: dict[Any, str]) -> str:
    diff = _differences(expected, disk, last_ack)
    return (
        f"the state on disk is neither the acknowledged state nor that plus the commit in "
        f"flight ({what}); differences from the expected state:\n" + "\n".join(diff[:20])
    )


# -- the tests ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("crash")
    loaded = load_plan(BLORA)
    # Build every entity schema now, so the children inherit them instead of building them.
    for kind in [*entity_kinds("workshop"), *entity_kinds("cooperative")]:
        kind.model_rebuild(force=True)
    yield Site(root, loaded.plan.key, loaded.text.encode("utf-8"))


@pytest.mark.parametrize("kind", KINDS)
def test_sigkill_loses_no_acknowledged_change(kind: str, site: Site, tmp_path: Path) -> None:
    if site.broken:
        site.root, site.backups_checked = tmp_path, set()
    seed = SEED + KINDS.index(kind)
    stats = site.totals.kind(kind)
    before = copy.deepcopy(stats)
    site.broken = True
    result = run_crash_rounds(site, kind, ROUNDS_PER_KIND, seed)
    site.broken = False
    site.totals.kinds_run.append(kind)
    acked = stats.acked_calls - before.acked_calls
    print(
        f"\n{kind}: {result['kills']} SIGKILLs, {result['kills_of_focus']} inside a {kind} call "
        f"({stats.kills_in_commit - before.kills_in_commit} inside one of its commits); "
        f"{acked} {kind} calls acknowledged: {dict(stats.ops - before.ops)}"
    )
    assert result["kills"] == ROUNDS_PER_KIND
    # Most kills are aimed at this kind's calls (some land just after the call ended).
    assert result["kills_of_focus"] >= ROUNDS_PER_KIND // 4, result
    assert acked > 0 and stats.acked_commits > before.acked_commits


def test_crash_totals(site: Site) -> None:
    totals = site.totals
    if sorted(totals.kinds_run) != sorted(KINDS):
        pytest.skip("runs after every kind's crash test")
    rows = [f"{'in flight at the kill':<22}{'kills':>6}{'in commit':>10}{'acked calls':>12}"]
    for name in ["open", *KINDS, "idle"]:
        stats = totals.kind(name)
        rows.append(f"{name:<22}{stats.kills:>6}{stats.kills_in_commit:>10}{stats.acked_calls:>12}")
    print(
        f"\ncrash test: {totals.kills} SIGKILLs in {totals.seconds:.1f} s "
        f"(by mode {dict(totals.by_mode)}); commit in flight landed {totals.in_flight_landed}, "
        f"absent {totals.in_flight_absent}; temp files left by kills "
        f"{totals.temp_files_left_by_kills}; lock taken over {totals.lock_taken_over} times\n"
        + "\n".join(rows)
    )
    assert totals.kills >= MIN_KILLS
    assert all(totals.kind(name).kills > 0 for name in KINDS)
    assert totals.in_flight_landed > 0 and totals.in_flight_absent > 0
