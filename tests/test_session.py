"""A running workshop: agenda steps, timers, and resuming after a clean quit or a crash."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from conftest import BLORA, FakeClock

from workshop_tui.domain.state import TimerAction, TimerEvent
from workshop_tui.domain.timeline import Phase, elapsed, phase
from workshop_tui.session import Session, start_session
from workshop_tui.storage.store import ALIVE_FILE, WORKSHOP_FILE
from workshop_tui.storage.workshop import open_workshop


def open_session(root: Path, clock: FakeClock) -> Session:
    return start_session(open_workshop(BLORA, root), clock)


def crash(session: Session) -> None:
    """Leave as a killed process would: no suspend, no clean release of the lock."""
    lock = session.store.lock
    assert lock._fd is not None
    os.close(lock._fd)  # the kernel drops the flock; the holder's details stay in the file
    lock._fd = None


def test_a_new_workshop_starts_on_its_first_item(data_root: Path, clock: FakeClock) -> None:
    session = open_session(data_root, clock)
    assert session.current_item.title.startswith("Pembukaan")
    assert phase(session.progress(session.current_item.key)) is Phase.READY
    session.close()


def test_next_finishes_the_item_and_previous_pauses(data_root: Path, clock: FakeClock) -> None:
    session = open_session(data_root, clock)
    first = session.current_item
    session.toggle_timer()
    clock.advance(minutes=40)
    assert session.next_item()
    done = session.progress(first.key)
    assert done is not None and phase(done) is Phase.DONE and done.actual_end == clock.now
    second = session.current_item
    session.toggle_timer()
    clock.advance(minutes=3)
    assert session.previous_item()
    assert phase(session.progress(second.key)) is Phase.PAUSED
    assert session.current_item == first
    assert not session.previous_item()  # nothing before the first item
    session.close()


def test_every_timer_change_is_logged(data_root: Path, clock: FakeClock) -> None:
    session = open_session(data_root, clock)
    session.toggle_timer()
    session.adjust_timer(5)
    session.adjust_timer(-2)
    session.toggle_timer()
    actions = [e.action for e in session.state.workshop.table(TimerEvent).values()]
    assert actions == [TimerAction.START, TimerAction.ADJUST, TimerAction.ADJUST, TimerAction.PAUSE]
    progress = session.progress(session.current_item.key)
    assert progress is not None and progress.adjust_seconds == 180
    session.close()


def test_resume_next_morning_after_a_clean_quit(data_root: Path, clock: FakeClock) -> None:
    session = open_session(data_root, clock)
    session.next_item()
    session.next_item()
    key = session.current_item.key
    session.toggle_timer()
    clock.advance(minutes=25)
    session.set_location(screen="swot", group_id="kelompok-2")
    session.close()

    clock.advance(hours=15)  # the night
    session = open_session(data_root, clock)
    assert session.current_item.key == key
    assert session.location.screen == "swot" and session.location.group_id == "kelompok-2"
    progress = session.progress(key)
    assert phase(progress) is Phase.RUNNING  # as it stood: running
    assert elapsed(progress, clock.now) == 25 * 60  # the night is not counted
    assert session.resumed_timers and session.resumed_timers[0].closed_for == dt.timedelta(hours=15)
    session.close()


def test_resume_after_a_crash_counts_up_to_the_last_heartbeat(
    data_root: Path, clock: FakeClock
) -> None:
    session = open_session(data_root, clock)
    key = session.current_item.key
    session.toggle_timer()
    started = clock.now
    session.heartbeat()
    alive = session.store.folder / ALIVE_FILE
    last_beat = started + dt.timedelta(minutes=12)
    os.utime(alive, (last_beat.timestamp(), last_beat.timestamp()))
    crash(session)

    clock.advance(hours=2)
    again = open_session(data_root, clock)
    assert again.opened.crashed_holder is not None
    assert again.opened.crashed_holder.pid == os.getpid()
    progress = again.progress(key)
    assert phase(progress) is Phase.RUNNING
    assert abs(elapsed(progress, clock.now) - 12 * 60) < 1
    again.close()


def test_resume_after_a_crash_without_a_heartbeat_counts_up_to_the_last_commit(
    data_root: Path, clock: FakeClock
) -> None:
    # The heartbeat file gone: the timer fell back to its start, losing all it had run.
    session = open_session(data_root, clock)
    key = session.current_item.key
    session.toggle_timer()
    started = clock.now
    clock.advance(minutes=30)
    session.set_location(screen="swot")  # a commit half an hour into the item
    folder = session.store.folder
    last_commit = started + dt.timedelta(minutes=30)
    os.utime(folder / WORKSHOP_FILE, (last_commit.timestamp(), last_commit.timestamp()))
    crash(session)
    (folder / ALIVE_FILE).unlink(missing_ok=True)

    clock.advance(hours=2)
    again = open_session(data_root, clock)
    progress = again.progress(key)
    assert phase(progress) is Phase.RUNNING
    assert abs(elapsed(progress, clock.now) - 30 * 60) < 1
    again.close()


def test_a_clean_quit_leaves_no_crash_notice(data_root: Path, clock: FakeClock) -> None:
    open_session(data_root, clock).close()
    session = open_session(data_root, clock)
    assert session.opened.crashed_holder is None
    session.close()


def test_cursor_positions_survive_a_restart(data_root: Path, clock: FakeClock) -> None:
    session = open_session(data_root, clock)
    session.set_cursor("swot", quadrant="O", selected="abc")
    session.set_cursor("swot", selected="def")
    session.close()
    session = open_session(data_root, clock)
    assert session.cursor("swot") == {"quadrant": "O", "selected": "def"}
    session.close()


def test_next_on_the_last_item_finishes_it_and_stays(data_root: Path, clock: FakeClock) -> None:
    session = open_session(data_root, clock)
    last = session.plan.items()[-1][1]
    session.go_to(last.key)
    session.toggle_timer()
    clock.advance(minutes=30)
    assert not session.next_item()  # there is no next item...
    done = session.progress(last.key)
    assert done is not None and phase(done) is Phase.DONE and done.actual_end == clock.now
    assert session.current_item == last  # ...so it stays current
    actions = [e.action for e in session.state.workshop.table(TimerEvent).values()]
    assert actions[-1] is TimerAction.FINISH
    session.close()
