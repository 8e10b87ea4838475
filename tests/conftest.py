"""Shared fixtures: a private data folder, a controllable clock, the bundled plans."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_tui.storage.paths import DATA_DIR_ENV

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
