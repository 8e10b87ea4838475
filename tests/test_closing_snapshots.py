"""What the projector shows of the closing screen (F6) at 80×24 and 120×40: the pact with
signatures, RTL part A and B, the Renstra team with its violations, the follow-up, the
action form.

Regenerate after an intended change with
`pytest tests/test_closing_snapshots.py --snapshot-update` and look at every changed SVG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BLORA, WIB, FakeClock
from textual.pilot import Pilot
from textual.widgets import Input

from workshop_tui.tui.launch import create_app

SIZES = [(80, 24), (120, 40)]
Snap = Callable[..., bool]


def sizes() -> pytest.MarkDecorator:
    return pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


async def _settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause(0.3)


async def _signed(pilot: Pilot[int]) -> None:
    clock = pilot.app.clock  # type: ignore[attr-defined]
    clock.now = dt.datetime(2018, 2, 22, 11, 40, tzinfo=WIB)
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("space")
    clock.advance(minutes=2)
    await pilot.press("down", "space", "down")
    await _settle(pilot)


@sizes()
def test_pact(snap_compare: Snap, tmp_path: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = create_app(tmp_path, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=_signed)


async def _rtl_a(pilot: Pilot[int]) -> None:
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("2")
    await _settle(pilot)


@sizes()
def test_rtl_a(snap_compare: Snap, tmp_path: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = create_app(tmp_path, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=_rtl_a)


async def _rtl_b(pilot: Pilot[int]) -> None:
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("3", "down", "x")
    await _settle(pilot)


def test_rtl_b_projector_english(snap_compare: Snap, tmp_path: Path, clock: FakeClock) -> None:
    app = create_app(tmp_path, BLORA, clock=clock, lang="en", theme="projector")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_rtl_b)


async def _team(pilot: Pilot[int]) -> None:
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("4", "f")
    await _settle(pilot)


@sizes()
def test_team(snap_compare: Snap, tmp_path: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app = create_app(tmp_path, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=_team)


async def _followup(pilot: Pilot[int]) -> None:
    clock = pilot.app.clock  # type: ignore[attr-defined]
    clock.now = dt.datetime(2018, 5, 10, 9, 0, tzinfo=WIB)
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("5", "x")
    await _settle(pilot)


@sizes()
def test_followup(
    snap_compare: Snap, tmp_path: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = create_app(tmp_path, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=_followup)


async def _action_form(pilot: Pilot[int]) -> None:
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("3", "e")  # the monthly meetup: its whole series under the field
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor would make the picture random
    await _settle(pilot)


@sizes()
def test_action_form(
    snap_compare: Snap, tmp_path: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = create_app(tmp_path, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=_action_form)
