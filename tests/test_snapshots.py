"""What the projector shows: launcher, timeline and help at 80×24 and 120×40.

Regenerate after an intended change with `pytest tests/test_snapshots.py --snapshot-update`
and look at every changed SVG before committing it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BLORA, SESSIONS, FakeClock
from textual.pilot import Pilot

from workshop_tui.storage.workshop import open_workshop
from workshop_tui.tui.launch import create_app

# The launcher prints the data folder, so snapshots need the same path on every run.
SNAPSHOT_ROOT = Path("/tmp/workshop-tui-snapshots/data")
SIZES = [(80, 24), (120, 40)]
Snap = Callable[..., bool]


@pytest.fixture
def root() -> Path:
    shutil.rmtree(SNAPSHOT_ROOT.parent, ignore_errors=True)
    return SNAPSHOT_ROOT


def saved_workshop(root: Path) -> None:
    opened = open_workshop(BLORA, root)
    store = opened.store
    store.put("workshop", store.state.location.model_copy(update={"item_id": "renstra-swot"}))
    opened_at = dt.datetime(2018, 2, 20, 7, 55, tzinfo=dt.UTC)
    store.stamp_meta(last_opened_at=opened_at)
    opened.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_launcher(snap_compare: Snap, root: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    saved_workshop(root)
    app = create_app(root, clock=clock, sessions_dirs=[SESSIONS])
    assert snap_compare(app, terminal_size=size)


async def _run_the_opening(pilot: Pilot[int]) -> None:
    clock = pilot.app.clock  # type: ignore[attr-defined]
    await pilot.press("n", "n")  # to part 1, 150 minutes
    await pilot.press("space")
    clock.advance(minutes=38, seconds=20)
    await pilot.pause(0.6)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline(snap_compare: Snap, root: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = create_app(root, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=_run_the_opening)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline_projector_english(
    snap_compare: Snap, root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = create_app(root, BLORA, clock=clock, lang="en", theme="projector")
    assert snap_compare(app, terminal_size=size, run_before=_run_the_opening)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare: Snap, root: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = create_app(root, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, press=["f1"])
