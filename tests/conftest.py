"""Shared fixtures: a private data folder, a controllable clock, the bundled plans."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_tui.session import Session, start_session
from workshop_tui.storage.paths import DATA_DIR_ENV
from workshop_tui.storage.workshop import open_workshop

ROOT = Path(__file__).resolve().parents[1]
SESSIONS = ROOT / "sessions"
BLORA = SESSIONS / "blora-2018.toml"
EXAMPLE_EN = SESSIONS / "example-en.toml"
WIB = dt.timezone(dt.timedelta(hours=7), "WIB")  # Blora's time zone


class FakeClock:
    """A wall clock the test moves by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    # 08:25 WIB on the first day of the Blora workshop.
    return FakeClock(dt.datetime(2018, 2, 19, 8, 25, tzinfo=WIB).astimezone(dt.UTC))


@pytest.fixture
def data_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(root))
    return root


@pytest.fixture(autouse=True)
def blora_time_zone() -> Iterator[None]:
    """Show local times as Blora's (WIB), whatever the machine's zone: snapshots stay stable."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Jakarta"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


class Sessions:
    """Opens the Blora workshop; `open` again closes it and opens it from disk."""

    def __init__(self, root: Path, clock: FakeClock) -> None:
        self.root = root
        self.clock = clock
        self.current: Session | None = None

    def open(self) -> Session:
        self.close()
        self.current = start_session(open_workshop(BLORA, self.root), self.clock)
        return self.current

    def close(self) -> None:
        if self.current is not None:
            self.current.close()
            self.current = None


@pytest.fixture
def sessions(data_root: Path, clock: FakeClock) -> Iterator[Sessions]:
    opened = Sessions(data_root, clock)
    yield opened
    opened.close()


@pytest.fixture
def session(sessions: Sessions) -> Session:
    """The Blora workshop, open (closed at the end of the test)."""
    return sessions.open()
