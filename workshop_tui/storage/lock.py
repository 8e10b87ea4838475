"""One writer per workshop: an advisory lock on a separate lock file.

The lock is `flock` on `<workshop>/lock`, never on a data file (commits `os.replace` the
data files, which would swap the file under a lock). The kernel releases a flock when its
holder dies, so a crashed or killed copy never blocks the next one; the holder's details
that it wrote into the file tell the next copy that the previous one did not close cleanly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from workshop_tui.storage.atomic import PRIVATE_FILE_MODE

LOCK_FILE = "lock"


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, started {self.started}"

    @staticmethod
    def parse(raw: str) -> Holder | None:
        try:
            data = json.loads(raw)
            return Holder(int(data["pid"]), str(data["host"]), str(data["started"]))
        except (ValueError, KeyError, TypeError):
            return None


CANNOT_WRITE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
"""The errors of a folder this user cannot write: its lock cannot be taken (a reader may
then read a copy, changing nothing)."""


class WorkshopLocked(Exception):
    """Another live process holds the workshop."""

    def __init__(self, folder: Path, holder: Holder | None) -> None:
        who = holder.describe() if holder else "another process"
        super().__init__(
            f"This workshop is already open in {who}. Close that copy first "
            f"(or wait for it to exit); nothing was changed. Folder: {folder}"
        )
        self.folder = folder
        self.holder = holder


class WorkshopLock:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_FILE
        self._fd: int | None = None
        self.previous: Holder | None = None
        """Set when the last holder died without releasing: its details, for a notice."""
        self._leftover = ""

    def acquire(self) -> None:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, PRIVATE_FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise WorkshopLocked(self.folder, self._read_holder_of_live_lock()) from None
        except BaseException:
            os.close(fd)
            raise
        leftover = _read_fd(fd)
        self._leftover = leftover
        if leftover.strip():
            # A holder that never cleared the file died without closing; even unreadable
            # details (killed mid-write) say that much.
            self.previous = Holder.parse(leftover) or Holder(0, "?", "?")
        me = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        details = json.dumps(me).encode()
        # Write first, then cut to length: a kill in between never leaves an empty file
        # (which would read as a clean close).
        os.pwrite(fd, details, 0)
        os.ftruncate(fd, len(details))
        self._fd = fd

    def _read_holder_of_live_lock(self) -> Holder | None:
        # Two copies started at the same instant: the winner may not have written its
        # details yet, and the file may still name a copy that died. Wait a moment for
        # details that name a live process, so the message never points at a dead one.
        for _ in range(30):
            try:
                holder = Holder.parse(self.path.read_text())
            except OSError:
                holder = None
            if holder is not None and _may_be_alive(holder):
                return holder
            time.sleep(0.01)
        return None

    def release(self, *, keep_crash_notice: bool = False) -> None:
        """Let go. `keep_crash_notice`: this copy found that the previous one did not
        close (`previous`) but gives the workshop up before telling the facilitator (its
        state is damaged; a repair): the details stay for the next copy, which says so."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # An empty lock file tells the next copy that this one closed cleanly.
        details = self._leftover.encode() if keep_crash_notice and self.previous else b""
        with contextlib.suppress(OSError):
            os.pwrite(fd, details, 0)
            os.ftruncate(fd, len(details))
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None


def _may_be_alive(holder: Holder) -> bool:
    if holder.host != socket.gethostname():
        return True  # another machine (a shared folder): cannot tell, assume alive
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_fd(fd: int) -> str:
    chunks = []
    offset = 0
    while True:
        chunk = os.pread(fd, 4096, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def read_holder(folder: Path) -> Holder | None:
    """Who holds the workshop right now, without taking the lock (None when nobody)."""
    path = folder / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return Holder.parse(_read_fd(fd)) or Holder(0, "?", "?")
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
