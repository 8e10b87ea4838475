"""`workshop-tui followup`: which follow-up (RTL) actions are due, overdue or done as of a
day, for every cooperative and the joint plan; `--done` marks one. Plain messages and exit
codes for every problem, never a traceback."""

from __future__ import annotations

import datetime as dt
import errno
import shutil
from pathlib import Path

import pytest
from conftest import BLORA, EXAMPLE_EN, FakeClock

from workshop_tui.cli import main
from workshop_tui.domain.state import ActionStatus, ItemProgress
from workshop_tui.i18n import Translator
from workshop_tui.session import Session, start_session
from workshop_tui.storage.backup import list_backups
from workshop_tui.storage.lock import WorkshopLock
from workshop_tui.storage.paths import workshop_dir
from workshop_tui.storage.workshop import open_workshop
from workshop_tui.workflows.closing import JOINT, Closing

COOP = "pkpri-blora"
GURU = "kpri-guru-randublatung"
AS_OF = "2018-05-10"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["followup", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def saved(data_root: Path, clock: FakeClock) -> dict[str, str]:
    """The Blora workshop with its RTL: one action done, one dropped, the rest open.
    Returns the ids of a few actions by name."""
    session = start_session(open_workshop(BLORA, data_root), clock)
    closing = session.closing
    closing.prepare_followup()
    a1, a2, _ = closing.actions(COOP)
    closing.set_status(COOP, a1.id, ActionStatus.DONE, on=dt.date(2018, 3, 10))
    guru_a3 = closing.actions(GURU)[2]
    closing.set_status(GURU, guru_a3.id, ActionStatus.DROPPED)
    guru_a1 = closing.actions(GURU)[0]
    b1 = closing.actions(JOINT)[0]
    ids = {
        "pkpri_a1": a1.id,
        "pkpri_a2": a2.id,
        "guru_a1": guru_a1.id,
        "guru_a3": guru_a3.id,
        "b1": b1.id,
    }
    session.close()
    return ids


def reopen(root: Path, clock: FakeClock) -> Session:
    return Session(open_workshop(BLORA, root), clock)


def test_due_overdue_and_done_as_of_a_day(
    capsys: pytest.CaptureFixture[str], data_root: Path, saved: dict[str, str]
) -> None:
    code, out, err = run(capsys, "--as-of", AS_OF)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Lokakarya Koperasi Perubahan Menggebrak KPRI Se-Blora"
    assert lines[1] == "Tindak lanjut per 10 Mei 2018 · pelatihan berakhir 22 Februari 2018"
    assert lines[2] == "Terlambat 7 · segera 9 · terjadwal 9 · selesai 1 · batal 1"
    pkpri = out.split("PKPRI Kabupaten Blora · Kelompok 1\n")[1].split("\n\n")[0]
    assert f"[{saved['pkpri_a1'][:6]}] SELESAI 10 Maret 2018" in pkpri
    assert f"[{saved['pkpri_a2'][:6]}] SEGERA: 22 Mei 2018 (12 hari lagi)" in pkpri
    assert "terjadwal 27 Juli 2018 (78 hari lagi)" in pkpri
    assert "PJ: Pengurus · maksimal 3 bulan setelah pelatihan (22 Mei 2018)" in pkpri
    guru = out.split("KPRI Guru Randublatung · Kelompok 2\n")[1].split("\n\n")[0]
    assert f"[{saved['guru_a1'][:6]}] TERLAMBAT sejak 22 Maret 2018 (49 hari)" in guru
    assert "BATAL" in guru
    joint = out.split("RTL bersama (bagian B)\n")[1]
    assert f"[{saved['b1'][:6]}] SEGERA: 22 Mei 2018 (12 hari lagi)" in joint
    series = "setiap 1 bulan selama 12 bulan (22 Maret 2018 – 22 Februari 2019, 12×)"
    assert series in " ".join(joint.split())  # wrapped to the terminal's width
    assert "Traceback" not in out


def test_a_day_before_an_action_was_done_shows_it_open(
    capsys: pytest.CaptureFixture[str], data_root: Path, saved: dict[str, str]
) -> None:
    # PKPRI's a1 was done on 10 March; on 1 March it was still open, due 22 March.
    code, out, _ = run(capsys, "--as-of", "2018-03-01")
    assert code == 0
    pkpri = out.split("PKPRI Kabupaten Blora · Kelompok 1\n")[1].split("\n\n")[0]
    assert f"[{saved['pkpri_a1'][:6]}] terjadwal 22 Maret 2018 (21 hari lagi)" in pkpri
    assert "SELESAI" not in pkpri and "selesai 0" in out.splitlines()[2]


def test_a_look_takes_no_backup_marking_done_does(
    capsys: pytest.CaptureFixture[str], data_root: Path, saved: dict[str, str]
) -> None:
    folder = data_root / "workshops" / "blora-2018"
    before = list_backups(folder)
    for _ in range(12):
        assert run(capsys, "--as-of", AS_OF)[0] == 0
    assert list_backups(folder) == before
    assert run(capsys, "--done", saved["pkpri_a2"])[0] == 0
    after = list_backups(folder)
    assert len(after) == len(before) + 1 and after[1:] == before


def test_in_english_with_the_workshop_named(
    capsys: pytest.CaptureFixture[str], data_root: Path, saved: dict[str, str]
) -> None:
    code, out, _ = run(capsys, "blora-2018", "--as-of", "2019-01-15", "--lang", "en")
    assert code == 0
    assert "Follow-up as of 15 January 2019 · the workshop ended 22 February 2018" in out
    assert "OVERDUE since 31 December 2018 (15 days)" in out  # twice by the year's end
    assert "DONE 10 March 2018" in out
    assert "DROPPED" in out
    assert "Joint plan (RTL part B)" in out
    assert "DUE SOON: 22 January 2019 (in 7 days)" in out  # the monthly meetup


def test_the_plan_file_names_the_workshop_too(
    capsys: pytest.CaptureFixture[str], data_root: Path, saved: dict[str, str]
) -> None:
    code, out, _ = run(capsys, str(BLORA), "--as-of", AS_OF, "--data-dir", str(data_root))
    assert code == 0 and "PKPRI Kabupaten Blora" in out


def test_done_marks_an_action_on_the_as_of_day(
    capsys: pytest.CaptureFixture[str], data_root: Path, clock: FakeClock, saved: dict[str, str]
) -> None:
    short = saved["guru_a1"][:6]
    code, out, err = run(capsys, "--as-of", AS_OF, "--done", short)
    assert code == 0, err
    first = out.splitlines()[0]
    assert first.startswith(f"Ditandai selesai pada 10 Mei 2018: [{short}] Semua pelopor")
    assert f"[{short}] SELESAI 10 Mei 2018" in out
    session = reopen(data_root, clock)
    try:
        action = session.closing.action(GURU, saved["guru_a1"])
        assert action is not None
        assert action.status is ActionStatus.DONE and action.done_at == dt.date(2018, 5, 10)
    finally:
        session.opened.close()
    code, out, _ = run(capsys, "--as-of", "2018-06-01", "--done", saved["guru_a1"])
    assert code == 0
    assert out.splitlines()[0].startswith(f"[{short}] sudah selesai")


def test_an_unknown_action_id_is_a_plain_error(
    capsys: pytest.CaptureFixture[str], data_root: Path, saved: dict[str, str]
) -> None:
    code, out, err = run(capsys, "--done", "zzzzzz", "--lang", "en")
    assert code == 1 and out == ""
    assert "No action has the id 'zzzzzz'" in err and "Traceback" not in err


def test_a_workshop_open_in_the_app_is_reported(
    capsys: pytest.CaptureFixture[str], data_root: Path, saved: dict[str, str]
) -> None:
    holder = open_workshop(BLORA, data_root)
    try:
        code, out, err = run(capsys, "--done", saved["b1"])
    finally:
        holder.close()
    assert code == 1 and out == ""
    assert "already open in process" in err and "nothing was changed" in err
    assert "x on the action" in err  # where to mark it meanwhile
    session = Session(open_workshop(BLORA, data_root))
    try:
        b1 = session.closing.action(JOINT, saved["b1"])
        assert b1 is not None and b1.status is ActionStatus.OPEN
    finally:
        session.opened.close()


def test_a_look_while_the_app_holds_the_workshop_reads_a_copy(
    capsys: pytest.CaptureFixture[str], data_root: Path, saved: dict[str, str]
) -> None:
    code, alone, _ = run(capsys, "--as-of", AS_OF)
    assert code == 0
    folder = workshop_dir(data_root, "blora-2018")
    holder = open_workshop(BLORA, data_root)  # the app, with the workshop open
    try:
        before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        for args in [("--as-of", AS_OF), ("blora-2018", "--as-of", AS_OF)]:
            code, out, err = run(capsys, *args)
            assert code == 0, err
            assert out == alone  # the same report as when nobody holds it
            assert "sedang dibuka di aplikasi" in err and "process" in err
        code, out, err = run(capsys, str(BLORA), "--as-of", AS_OF, "--lang", "en")
        assert code == 0 and "The workshop is open in the app" in err
        assert "Follow-up as of 10 May 2018" in out
        after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        assert after == before  # not a byte written, no backup taken
    finally:
        holder.close()


def test_a_folder_that_cannot_be_written_is_read_from_a_copy(
    capsys: pytest.CaptureFixture[str],
    data_root: Path,
    saved: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, alone, _ = run(capsys, "--as-of", AS_OF)
    real_acquire = WorkshopLock.acquire

    def read_only(self: WorkshopLock) -> None:
        if self.folder.is_relative_to(data_root):
            raise OSError(errno.EROFS, "Read-only file system")
        real_acquire(self)  # the copy, in a temporary folder

    monkeypatch.setattr(WorkshopLock, "acquire", read_only)
    code, out, err = run(capsys, "--as-of", AS_OF)
    assert code == 0 and out == alone and "tidak dapat ditulis" in err
    code, out, err = run(capsys, "--done", saved["b1"])
    assert code == 1 and "Read-only file system" in err


def test_which_workshop(capsys: pytest.CaptureFixture[str], data_root: Path) -> None:
    code, _, err = run(capsys)
    assert code == 1 and "No saved workshops" in err
    code, _, err = run(capsys, "no-such-workshop")
    assert code == 1 and "No saved workshop 'no-such-workshop'" in err
    code, _, err = run(capsys, str(BLORA))  # a plan never run has no follow-up
    assert code == 1 and "has not been started yet" in err
    open_workshop(BLORA, data_root).close()
    code, out, _ = run(capsys, "--as-of", AS_OF)  # the only one saved
    assert code == 0 and "Terlambat 8" in out  # never opened RTL: the plan's templates
    open_workshop(EXAMPLE_EN, data_root).close()
    code, _, err = run(capsys)
    assert code == 1 and "2 saved" in err and "blora-2018" in err


def test_a_broken_plan_or_date_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_root: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[workshop]\ntitle = 1\n")
    code, _, err = run(capsys, str(broken))
    assert code == 1 and "Traceback" not in err and err
    with pytest.raises(SystemExit) as exit_info:
        main(["followup", "--as-of", "10/05/2018"])
    assert exit_info.value.code == 2
    assert "expected YYYY-MM-DD" in capsys.readouterr().err


def test_today_by_default(capsys: pytest.CaptureFixture[str], saved: dict[str, str]) -> None:
    code, out, _ = run(capsys, "--lang", "en")
    assert code == 0
    today = dt.datetime.now().astimezone().date()
    assert f"Follow-up as of {Translator('en').date(today)}" in out


def test_a_look_at_the_follow_up_does_not_touch_timers(
    capsys: pytest.CaptureFixture[str], data_root: Path, clock: FakeClock
) -> None:
    session = start_session(open_workshop(BLORA, data_root), clock)
    session.toggle_timer()
    clock.advance(minutes=5)
    key = session.current_item.key
    session.close()  # suspends the running timer, to run on at the next start
    before = reopen(data_root, clock)
    progress = before.progress(key)
    before.opened.close()
    assert progress is not None and progress.suspended
    assert run(capsys, "--as-of", AS_OF)[0] == 0
    after = reopen(data_root, clock)
    try:
        assert after.progress(key) == progress
        assert isinstance(after.progress(key), ItemProgress)
    finally:
        after.opened.close()


def test_a_copied_state_folder_reads_the_same(
    capsys: pytest.CaptureFixture[str], data_root: Path, tmp_path: Path, saved: dict[str, str]
) -> None:
    """The follow-up months later, on another machine: only the data folder is needed."""
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(data_root, elsewhere)
    code, out, _ = run(capsys, "--data-dir", str(elsewhere), "--as-of", AS_OF)
    assert code == 0 and "Terlambat 7" in out


def test_marking_a_dropped_action_done_says_so(
    capsys: pytest.CaptureFixture[str], saved: dict[str, str]
) -> None:
    code, out, _ = run(capsys, "--done", saved["guru_a3"], "--lang", "en")
    assert code == 0
    assert f"[{saved['guru_a3'][:6]}] had been dropped; it is marked done now." in out


def test_ambiguous_ids_ask_for_more(
    data_root: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    session = start_session(open_workshop(BLORA, data_root), clock)
    try:
        closing: Closing = session.closing
        closing.ensure_from_templates(COOP)
        first, second, _ = closing.actions(COOP)
        store = session.store
        store.put(COOP, first.model_copy(update={"id": "abcdef111111", "deleted_at": None}))
        store.put(COOP, second.model_copy(update={"id": "abcdef222222"}))
        assert closing.short_ids()["abcdef111111"] == "abcdef1"
        with pytest.raises(LookupError):
            closing.find_action("abcdef")
        assert closing.find_action("abcdef2")[1].id == "abcdef222222"
    finally:
        session.close()
    code, _, err = run(capsys, "--done", "abcdef", "--lang", "en")
    assert code == 1
    assert "fits 2 actions; type more of it: abcdef111111, abcdef222222." in err


def test_the_follow_up_leaves_the_launchers_last_opened_as_it_was(
    capsys: pytest.CaptureFixture[str], saved: dict[str, str], data_root: Path
) -> None:
    # A look, or marking one action done weeks later, is not an opening of the workshop:
    # the launcher said "last opened" at the time of the follow-up command.
    from workshop_tui.storage.workshop import list_saved

    [before] = list_saved(data_root)
    assert before.meta.last_opened_at is not None
    assert run(capsys, "--as-of", AS_OF)[0] == 0
    assert run(capsys, "--done", saved["pkpri_a2"])[0] == 0
    [after] = list_saved(data_root)
    assert after.meta.last_opened_at == before.meta.last_opened_at
    assert after.meta.title == before.meta.title
