"""Damaged state files: a generated corpus of mangled files, the repair from backups, and
the same from the app and the command line. Nothing is ever destroyed."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import BLORA, FakeClock
from textual.pilot import Pilot
from textual.widgets import OptionList

from workshop_tui.cli import main
from workshop_tui.domain.state import Note, Quadrant
from workshop_tui.storage.atomic import StateFileError
from workshop_tui.storage.backup import list_backups
from workshop_tui.storage.recovery import DAMAGED_DIR, find_damage, plan_repairs, repair
from workshop_tui.storage.store import WORKSHOP_FILE, NewerStateError, WorkshopStore, shard_file
from workshop_tui.storage.workshop import list_saved, open_workshop
from workshop_tui.tui.launch import create_app
from workshop_tui.tui.screens.recovery import RecoveryScreen
from workshop_tui.tui.screens.timeline import TimelineScreen

COOP = "pkpri-blora"
SIZE = (100, 30)


def note(text: str, number: int) -> Note:
    return Note(quadrant=Quadrant.STRENGTH, text=text, number=number, position=float(number))


def saved_workshop(root: Path) -> Path:
    """Blora with notes written on three days, then opened a fourth morning (each opening
    takes a backup); returns its folder."""
    for day in range(3):
        opened = open_workshop(BLORA, root)
        opened.store.put(COOP, note(f"day {day}", day + 1))
        opened.store.put("kopkar-sumber-rejeki", note(f"other {day}", day + 1))
        opened.close()
    opened = open_workshop(BLORA, root)
    opened.close()
    return opened.store.folder


def notes_of(folder: Path, shard: str) -> list[str]:
    with WorkshopStore.open(folder, durable=False) as store:
        return sorted(n.text for n in store.state.cooperative(shard).table(Note).values())


# -- the corpus ---------------------------------------------------------------------------


def mangled(good: bytes, rng: random.Random) -> dict[str, bytes]:
    """Ways a state file gets damaged outside our commits (≥ 50 per file)."""
    text = good.decode()
    data = json.loads(good)
    cases: dict[str, bytes] = {
        "empty": b"",
        "blank": b" \n\t\n",
        "nul-filled": b"\x00" * len(good),
        "zero-page": b"\x00" * 4096,
        "json-list": b"[]",
        "json-string": b'"workshop"',
        "json-number": b"42",
        "json-null": b"null",
        "json-true": b"true",
        "table-is-list": json.dumps({"meta": []}).encode(),
        "table-is-string": json.dumps({"notes": "many"}).encode(),
        "doc-id-not-digits": json.dumps({"notes": {"abc": {}}}).encode(),
        "doc-is-list": json.dumps({"notes": {"1": []}}).encode(),
        "doc-is-number": json.dumps({"notes": {"1": 7}}).encode(),
        "bom": b"\xef\xbb\xbf" + good,
        "utf16": text.encode("utf-16"),
        "latin1-garbage": good[: len(good) // 2] + b"\xff\xfe\xfa" + good[len(good) // 2 :],
        "doubled": good + good,
        "trailing-garbage": good + b"\x00\x00junk",
        "leading-garbage": b"junk" + good,
        "deep-nesting": b"[" * 200_000 + b"]" * 200_000,
        "huge-integer": b'{"notes": {"1": {"number": ' + b"9" * 5000 + b"}}}",
        "html-error-page": b"<html><body>502 Bad Gateway</body></html>",
        "git-conflict": b"<<<<<<< HEAD\n" + good + b"\n=======\n" + good + b"\n>>>>>>> sync\n",
        "cut-mid-escape": good[: good.find(b":") + 2] + b'"\\u12',
        "only-brace": b"{",
        "newer-version": json.dumps(
            {**data, "meta": {"1": {"id": "meta", "schema_version": 99}}}
        ).encode(),
    }
    for i, fraction in enumerate((0.01, 0.1, 0.25, 0.33, 0.5, 0.66, 0.75, 0.9, 0.99)):
        cases[f"truncated-{i}"] = good[: max(1, int(len(good) * fraction))]
    cases["truncated-last-byte"] = good[:-1]
    for i in range(8):
        cases[f"random-bytes-{i}"] = rng.randbytes(rng.choice((1, 7, 100, 4096, len(good))))
    for i in range(6):  # a block of the file overwritten, as by a bad sector
        start = rng.randrange(len(good))
        block = rng.randbytes(min(512, len(good) - start))
        cases[f"bad-sector-{i}"] = good[:start] + block + good[start + len(block) :]
    for i in range(6):  # one brace lost (braces appear only as structure in our files)
        spots = [j for j, c in enumerate(good) if c in b"{}"]
        spot = rng.choice(spots)
        cases[f"lost-char-{i}"] = good[:spot] + good[spot + 1 :]
    return cases


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return saved_workshop(tmp_path_factory.mktemp("template") / "data")


def corpus() -> list[tuple[str, str, str]]:
    rng = random.Random(8)
    sample = b'{"meta":{"1":{"id":"meta","title":"Blora"}},"notes":{"1":{"text":"x"}}}'
    names = sorted(mangled(sample, rng))
    # Only the workshop file carries the schema version.
    return [
        (target, name, f"{target}:{name}")
        for target in ("workshop", COOP)
        for name in names
        if target == "workshop" or name != "newer-version"
    ]


CORPUS = corpus()


def test_the_corpus_is_big_enough() -> None:
    for target in ("workshop", COOP):
        assert sum(1 for t, _, _ in CORPUS if t == target) >= 50


@pytest.mark.parametrize("target,case,_id", CORPUS, ids=[c[2] for c in CORPUS])
def test_every_mangled_file_is_named_kept_and_repaired(
    template: Path, tmp_path: Path, target: str, case: str, _id: str
) -> None:
    folder = tmp_path / "blora"
    shutil.copytree(template, folder)
    path = shard_file(folder, target)
    good = path.read_bytes()
    bad = mangled(good, random.Random(f"{target}:{case}"))[case]
    path.write_bytes(bad)

    # Opening refuses, naming the file and what is wrong; it changes nothing.
    with pytest.raises(StateFileError) as caught:
        WorkshopStore.open(folder, durable=False)
    assert caught.value.path == path
    assert caught.value.reason and "Traceback" not in caught.value.reason
    if case == "newer-version":
        assert isinstance(caught.value, NewerStateError)
    assert path.read_bytes() == bad
    assert [d.path for d in find_damage(folder)] == [path]

    # The repair puts back the newest backup's copy and keeps the damaged file.
    [item] = plan_repairs(folder)
    newest = list_backups(folder)[0]
    assert item.source == newest
    aside = repair(folder, [item])
    assert (aside / path.name).read_bytes() == bad
    assert aside.parent == folder / DAMAGED_DIR
    assert path.read_bytes() == newest.file(path.name).read_bytes()
    if target == COOP:  # unchanged since that morning's backup (the workshop file is stamped)
        assert path.read_bytes() == good
    assert find_damage(folder) == []
    assert notes_of(folder, COOP) == ["day 0", "day 1", "day 2"]


def test_repair_takes_the_newest_backup_that_is_good(template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "blora"
    shutil.copytree(template, folder)
    path = shard_file(folder, COOP)
    path.write_bytes(b"{")
    newest, older, *_ = list_backups(folder)
    newest.file(path.name).write_bytes(b"")  # a backup damaged too (a power cut, say)
    [item] = plan_repairs(folder)
    assert item.source == older
    repair(folder, [item])
    assert notes_of(folder, COOP) == ["day 0", "day 1"]  # as it stood when that was taken


def test_without_a_good_backup_the_file_is_set_aside_and_the_rest_opens(
    template: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "blora"
    shutil.copytree(template, folder)
    shutil.rmtree(folder / "backups")
    path = shard_file(folder, COOP)
    path.write_bytes(b"\x00\x01")
    [item] = plan_repairs(folder)
    assert item.source is None
    aside = repair(folder, [item])
    assert (aside / path.name).read_bytes() == b"\x00\x01" and not path.exists()
    assert notes_of(folder, "kopkar-sumber-rejeki") == ["other 0", "other 1", "other 2"]


def test_a_directory_in_place_of_a_state_file(template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "blora"
    shutil.copytree(template, folder)
    path = shard_file(folder, COOP)
    path.unlink()
    path.mkdir()
    with pytest.raises(StateFileError, match="cannot be read"):
        WorkshopStore.open(folder, durable=False)
    [item] = plan_repairs(folder)
    repair(folder, [item])
    assert notes_of(folder, COOP) == ["day 0", "day 1", "day 2"]


def test_repair_waits_for_a_copy_that_holds_the_workshop(template: Path, tmp_path: Path) -> None:
    from workshop_tui.storage.lock import WorkshopLock, WorkshopLocked

    folder = tmp_path / "blora"
    shutil.copytree(template, folder)
    shard_file(folder, COOP).write_bytes(b"")
    repairs = plan_repairs(folder)
    holder = WorkshopLock(folder)
    holder.acquire()
    try:
        with pytest.raises(WorkshopLocked):
            repair(folder, repairs)
    finally:
        holder.release()
    assert shard_file(folder, COOP).read_bytes() == b""
    assert not (folder / DAMAGED_DIR).exists()


# -- the app and the command line -----------------------------------------------------------


def damage(root: Path, shard: str = COOP, content: bytes = b'{"notes": {"1": {"te') -> Path:
    folder = saved_workshop(root)
    path = shard_file(folder, shard)
    path.write_bytes(content)
    return path


async def text_of(pilot: Pilot[object]) -> str:
    """The repair offer's text, once the screen has filled it in (on its mount, which a
    busy machine may run a moment after the screen became the app's)."""
    for _ in range(100):
        screen = pilot.app.screen
        if isinstance(screen, RecoveryScreen):
            text = str(screen.query_one("#recovery-text").render())
            if text:
                return text
        await pilot.pause(0.02)
    raise AssertionError("no repair offer shown")


async def test_the_app_offers_the_repair_and_then_opens_the_workshop(
    data_root: Path, clock: FakeClock
) -> None:
    path = damage(data_root)
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        shown = await text_of(pilot)
        assert path.name in shown and "not valid JSON" in shown
        assert "restored from the backup of" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert app.session is not None
        notes = app.session.state.cooperative(COOP).table(Note).values()
        assert sorted(n.text for n in notes) == ["day 0", "day 1", "day 2"]
        assert any("Repaired" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+q")
    assert (path.parent / DAMAGED_DIR).is_dir()


async def test_escape_changes_nothing_and_the_launcher_offers_it_again(
    data_root: Path, clock: FakeClock
) -> None:
    path = damage(data_root, WORKSHOP_FILE.removesuffix(".json"), b"")
    app = create_app(data_root, BLORA, clock=clock, lang="id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        shown = await text_of(pilot)
        assert "workshop.json" in shown and "dipulihkan dari cadangan" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.session is None and app.screen.name == "launcher"
        assert path.read_bytes() == b""
        # The saved workshop is listed as damaged; Enter on it offers the repair again.
        await repair_from_the_launcher(pilot)
        assert app.session is not None and app.session.plan.key == "blora-2018"
        await pilot.press("ctrl+q")
    assert path.read_bytes() != b""


async def repair_from_the_launcher(pilot: Any) -> None:
    """Enter on the saved workshop offers its repair; Enter repairs and opens it."""
    app = pilot.app
    app.screen.query_one("#saved").focus()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, RecoveryScreen)
    await pilot.press("enter")
    await pilot.pause()


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_shows_then_repairs(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damage(data_root)
    code, out, err = run_cli(capsys, "recover", "blora-2018")
    assert code == 1 and "DAMAGED" in out and path.name in out and "--yes" in out
    assert path.read_bytes() == b'{"notes": {"1": {"te'
    code, out, err = run_cli(capsys, "recover", str(BLORA), "--yes")
    assert code == 0 and "Repaired" in out, err
    assert notes_of(path.parent, COOP) == ["day 0", "day 1", "day 2"]
    code, out, _ = run_cli(capsys, "recover")
    assert code == 0 and "Nothing is damaged" in out


def test_commands_that_meet_damage_point_to_recover(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(data_root)
    for command in (["followup", "blora-2018"], ["export", "blora-2018", "-f", "json"]):
        code, _, err = run_cli(capsys, *command)
        assert code == 1 and "Traceback" not in err
        assert "damaged" in err and "workshop-tui recover blora-2018" in err


def test_piped_run_prints_the_repair_command(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(data_root)
    code, _, err = run_cli(capsys, str(BLORA))  # stdin is not a terminal under pytest
    assert code == 1 and "workshop-tui recover blora-2018" in err


APP_SAMPLE = ["empty", "truncated-4", "random-bytes-3", "json-list", "deep-nesting", "utf16"]


@pytest.mark.parametrize("target", ["workshop", COOP])
@pytest.mark.parametrize("case", APP_SAMPLE)
async def test_the_app_meets_mangled_files_with_the_repair_offer(
    template: Path, data_root: Path, clock: FakeClock, target: str, case: str
) -> None:
    folder = data_root / "workshops" / "blora-2018"
    shutil.copytree(template, folder)
    path = shard_file(folder, target)
    bad = mangled(path.read_bytes(), random.Random(case))[case]
    path.write_bytes(bad)
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        assert path.name in await text_of(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session is None
        await pilot.press("ctrl+q")
    assert path.read_bytes() == bad  # nothing changed without the facilitator's yes


# -- the check left for after the first paint (create_app) -----------------------------------


def test_a_later_check_parses_no_cooperative_file_until_asked(data_root: Path) -> None:
    folder = saved_workshop(data_root)
    before = len(list_backups(folder))
    path = shard_file(folder, COOP)
    path.write_bytes(b"{broken")
    opened = open_workshop(BLORA, data_root, check_later=True)  # the damage is not seen yet
    try:
        assert opened.store.open_check_pending and len(list_backups(folder)) == before
        with pytest.raises(StateFileError) as raised:
            opened.store.finish_open_check()
        assert raised.value.path == path
        assert len(list_backups(folder)) == before  # damaged state is never backed up
    finally:
        opened.close()
    assert path.read_bytes() == b"{broken"


def test_a_cooperative_wanted_before_the_later_check_runs_it_first(data_root: Path) -> None:
    folder = saved_workshop(data_root)
    before = len(list_backups(folder))
    opened = open_workshop(BLORA, data_root, check_later=True)
    try:
        notes = opened.store.state.cooperative(COOP).table(Note).values()
        assert sorted(n.text for n in notes) == ["day 0", "day 1", "day 2"]
        assert not opened.store.open_check_pending
        assert len(list_backups(folder)) == before + 1
    finally:
        opened.close()
    shard_file(folder, "kopkar-sumber-rejeki").write_bytes(b"")
    opened = open_workshop(BLORA, data_root, check_later=True)
    try:
        with pytest.raises(StateFileError):
            opened.store.state.cooperative(COOP)  # a good file, but another one is damaged
    finally:
        opened.close()


async def test_the_app_checks_after_its_first_paint_and_backs_up(
    data_root: Path, clock: FakeClock
) -> None:
    folder = saved_workshop(data_root)
    before = len(list_backups(folder))
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    assert app.session is not None and app.session.store.open_check_pending
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert not app.session.store.open_check_pending
        assert len(list_backups(folder)) == before + 1
        await pilot.press("ctrl+q")


async def test_damage_found_after_the_first_paint_closes_the_workshop_for_its_repair(
    data_root: Path, clock: FakeClock
) -> None:
    path = damage(data_root)
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    painted: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        painted.append(type(app.screen).__name__)  # the timeline is up before the check
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen) and app.session is None
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.name == "launcher"
        await pilot.press("f2")  # the closed workshop's screens are gone with it
        await pilot.pause()
        assert app.screen.name == "launcher"
        # Opened again from the launcher: the check is made at once; Enter repairs.
        await repair_from_the_launcher(pilot)
        assert isinstance(app.screen, TimelineScreen) and app.session is not None
        notes = app.session.state.cooperative(COOP).table(Note).values()
        assert sorted(n.text for n in notes) == ["day 0", "day 1", "day 2"]
        await pilot.press("ctrl+q")
    assert painted == ["TimelineScreen"]
    assert (path.parent / DAMAGED_DIR).is_dir()


async def test_a_key_pressed_before_the_check_waits_for_it_and_is_dropped_on_damage(
    data_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = damage(data_root)
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    # As if the key came before the first paint: only the key can start the check.
    monkeypatch.setattr(app, "call_after_refresh", lambda *args, **kwargs: True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session is not None and app.session.store.open_check_pending
        await pilot.press("f3")  # would load a cooperative on the SWOT board
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen) and app.session is None
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert path.read_bytes() == b'{"notes": {"1": {"te'


@pytest.mark.parametrize("screen", ["swot", "strategy", "roadmap", "closing"])
async def test_a_workshop_that_stood_on_a_cooperative_screen_is_checked_before_drawing(
    data_root: Path, clock: FakeClock, screen: str
) -> None:
    saved_workshop(data_root)
    opened = open_workshop(BLORA, data_root)
    from workshop_tui.session import start_session

    session = start_session(opened, clock)
    session.set_location(screen=screen)
    session.close()
    path = damage(data_root)
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    assert app.session is None  # found while opening: the repair is offered at once
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.name == screen and app.session is not None
        await pilot.pause(0.2)  # its key bar drawn, after the screen it replaced went
        assert app.return_code is None, "the app stopped"
        await pilot.press("ctrl+q")
    assert (path.parent / DAMAGED_DIR).is_dir()


@pytest.mark.parametrize("damaged", [False, True])
async def test_the_resume_notices_wait_for_the_check(
    data_root: Path, clock: FakeClock, damaged: bool
) -> None:
    from workshop_tui.session import start_session

    saved_workshop(data_root)
    session = start_session(open_workshop(BLORA, data_root), clock)
    session.toggle_timer()  # running at the close: the next start resumes it, and says so
    session.close()
    if damaged:
        damage(data_root)
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        resumed = [n for n in app._notifications if "runs on from where it stood" in n.message]
        # A workshop closed for its repair does not announce what it would have resumed.
        assert len(resumed) == (0 if damaged else 1)
        await pilot.press("ctrl+q")


# -- a crash before the damage: still told after the repair ----------------------------------

DEAD_PID = 2_000_000_000  # above any pid_max: never alive


def crash_left_behind(folder: Path) -> None:
    """The details a SIGKILLed copy on this machine leaves in the lock file."""
    import socket

    from workshop_tui.storage.lock import LOCK_FILE

    holder = {"pid": DEAD_PID, "host": socket.gethostname(), "started": "2018-02-19T08:00:00"}
    (folder / LOCK_FILE).write_text(json.dumps(holder))


@pytest.mark.parametrize("target", ["workshop", COOP])
def test_a_crash_found_with_damage_is_told_by_the_copy_that_opens_after_the_repair(
    data_root: Path, target: str
) -> None:
    path = damage(data_root, target, b"")
    crash_left_behind(path.parent)
    with pytest.raises(StateFileError):
        open_workshop(BLORA, data_root)  # refused: nobody was told of the crash yet
    repair(path.parent, plan_repairs(path.parent))
    opened = open_workshop(BLORA, data_root)
    try:
        assert opened.crashed_holder is not None and opened.crashed_holder.pid == DEAD_PID
    finally:
        opened.close()
    opened = open_workshop(BLORA, data_root)  # told once: the next open is a clean one
    try:
        assert opened.crashed_holder is None
    finally:
        opened.close()


async def test_the_app_tells_of_the_crash_after_repairing_damage_found_after_its_paint(
    data_root: Path, clock: FakeClock
) -> None:
    path = damage(data_root)
    crash_left_behind(path.parent)
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        told = [n for n in app._notifications if "did not close cleanly" in n.message]
        assert len(told) == 1 and str(DEAD_PID) in told[0].message
        await pilot.press("ctrl+q")


async def test_the_repair_dialog_speaks_the_ui_language_in_whole_sentences(
    data_root: Path, clock: FakeClock
) -> None:
    path = damage(data_root)
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = await text_of(pilot)
        assert f"✗ {path.name}: bukan JSON yang sah di baris 1, kolom" in shown
        assert "tidak pernah ditutup" in shown  # not cut off after "starting at"
        assert "not valid JSON" not in shown and "starting at" not in shown


# -- a state file gone ------------------------------------------------------------------------


@pytest.mark.parametrize("gone", [COOP, WORKSHOP_FILE.removesuffix(".json")])
def test_a_state_file_gone_is_damage_and_no_backup_rotates_it_away(
    data_root: Path, gone: str
) -> None:
    # It opened blank, and each opening's backup (10 kept) pushed the good copy out.
    folder = saved_workshop(data_root)
    path = shard_file(folder, gone)
    path.unlink()
    backups_before = [b.folder for b in list_backups(folder)]
    for _ in range(12):
        with pytest.raises(StateFileError, match="is missing"):
            open_workshop(BLORA, data_root)
    assert [b.folder for b in list_backups(folder)] == backups_before
    [damage] = find_damage(folder)
    assert damage.path == path
    [planned] = plan_repairs(folder)
    assert planned.source is not None
    repair(folder, [planned])
    assert notes_of(folder, COOP) == ["day 0", "day 1", "day 2"]
    opened = open_workshop(BLORA, data_root)  # and it opens again, as it stood
    opened.close()


def test_a_file_set_aside_with_no_good_copy_is_not_asked_for_again(data_root: Path) -> None:
    folder = saved_workshop(data_root)
    for backup in list_backups(folder):  # every copy of it is bad too
        backup.file(shard_file(folder, COOP).name).write_bytes(b"{")
    shard_file(folder, COOP).write_bytes(b"{")
    [planned] = plan_repairs(folder)
    assert planned.source is None
    repair(folder, [planned])  # set aside: the board starts empty, on purpose
    opened = open_workshop(BLORA, data_root)
    opened.close()
    assert find_damage(folder) == []


async def test_the_app_offers_to_restore_a_cooperative_file_that_is_gone(
    data_root: Path, clock: FakeClock
) -> None:
    folder = saved_workshop(data_root)
    shard_file(folder, COOP).unlink()
    app = create_app(data_root, BLORA, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = await text_of(pilot)
        assert shard_file(folder, COOP).name in shown and "is missing" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        notes = app.session.state.cooperative(COOP).table(Note).values()
        assert sorted(n.text for n in notes) == ["day 0", "day 1", "day 2"]
        await pilot.press("ctrl+q")


def test_a_folder_whose_workshop_file_is_gone_is_listed_for_its_repair(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = saved_workshop(data_root)
    (folder / WORKSHOP_FILE).unlink()
    [listed] = list_saved(data_root)
    assert listed.folder == folder and listed.problem  # a damaged row, not "no workshops"
    assert main(["recover", "--data-dir", str(data_root)]) == 1
    assert "workshop.json: is missing" in capsys.readouterr().out


def test_a_file_gone_with_no_good_copy_anywhere_opens_after_the_repair(data_root: Path) -> None:
    # Repaired with nothing to restore it from, it was asked for at every open, for ever.
    folder = saved_workshop(data_root)
    path = shard_file(folder, COOP)
    for backup in list_backups(folder):
        backup.file(path.name).write_bytes(b"{")
    path.unlink()
    [planned] = plan_repairs(folder)
    assert planned.source is None
    aside = repair(folder, [planned])
    assert find_damage(folder) == []
    opened = open_workshop(BLORA, data_root)  # the board starts empty, on purpose
    opened.close()
    assert notes_of(folder, "kopkar-sumber-rejeki") == ["other 0", "other 1", "other 2"]
    assert not path.exists() and (aside / f"{path.name}.not-restored").is_file()


def test_a_file_restored_then_deleted_again_is_still_missing(data_root: Path) -> None:
    # Only a file the repair could not bring back is gone on purpose, not one it restored.
    folder = saved_workshop(data_root)
    path = shard_file(folder, COOP)
    path.write_bytes(b"{")
    repair(folder, plan_repairs(folder))
    assert notes_of(folder, COOP) == ["day 0", "day 1", "day 2"]
    path.unlink()  # before the next open takes a backup
    with pytest.raises(StateFileError, match="is missing"):
        open_workshop(BLORA, data_root)
    repair(folder, plan_repairs(folder))
    assert notes_of(folder, COOP) == ["day 0", "day 1", "day 2"]


def test_a_workshop_file_gone_with_no_backup_is_damage_not_a_new_workshop(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The cooperatives' files and the plan copy say a workshop ran here: it opened as a
    # new one (day 1, first item, no signatures), and the launcher listed nothing.
    folder = saved_workshop(data_root)
    shutil.rmtree(folder / "backups")
    (folder / WORKSHOP_FILE).unlink()
    [listed] = list_saved(data_root)
    assert listed.folder == folder and listed.problem == "is missing"
    with pytest.raises(StateFileError, match="is missing") as caught:
        open_workshop(BLORA, data_root)
    assert caught.value.path == folder / WORKSHOP_FILE
    assert not (folder / WORKSHOP_FILE).exists() and list_backups(folder) == []
    assert main(["recover", "--data-dir", str(data_root)]) == 1
    assert "workshop.json: is missing" in capsys.readouterr().out
    [planned] = plan_repairs(folder)
    assert planned.source is None  # nothing to restore it from: the workshop goes on
    repair(folder, [planned])
    opened = open_workshop(BLORA, data_root)
    opened.close()
    assert notes_of(folder, COOP) == ["day 0", "day 1", "day 2"]
    assert find_damage(folder) == []


def test_a_file_deleted_while_the_app_runs_is_never_rotated_out_of_the_backups(
    data_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each backup of the run was taken without it: 10 of them pushed the good copy out,
    # and the next open found nothing missing.
    import workshop_tui.storage.store as store_module

    monkeypatch.setattr(store_module, "COMMITS_PER_BACKUP", 2)
    folder = saved_workshop(data_root)
    path = shard_file(folder, COOP)
    opened = open_workshop(BLORA, data_root)
    path.unlink()
    for number in range(10, 40):  # 15 backups while it runs
        opened.store.put("kopkar-sumber-rejeki", note(f"more {number}", number))
    opened.close()
    assert all(path.name in b.files for b in list_backups(folder))
    with pytest.raises(StateFileError, match="is missing"):
        open_workshop(BLORA, data_root)
    repair(folder, plan_repairs(folder))
    assert notes_of(folder, COOP) == ["day 0", "day 1", "day 2"]


async def test_a_missing_or_emptied_file_is_told_in_the_ui_language(
    data_root: Path, clock: FakeClock
) -> None:
    # The dialog showed the storage layer's English ("is missing (the backup of ...")
    # inside Indonesian sentences, and said a missing file would be "moved aside".
    folder = saved_workshop(data_root)
    gone = shard_file(folder, COOP)
    for backup in list_backups(folder):
        backup.file(gone.name).write_bytes(b"{")  # no good copy anywhere
    gone.unlink()
    emptied = shard_file(folder, "kopkar-sumber-rejeki")
    emptied.write_text("{}")
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = await text_of(pilot)
        assert f"✗ {gone.name}: hilang (cadangan " in shown and "UTC masih menyimpannya)" in shown
        assert "lokakarya dibuka tanpanya" in shown and "dipindahkan" not in shown.split("\n")[2]
        assert f"✗ {emptied.name}: tidak berisi tabel apa pun (berkas dikosongkan)" in shown
        assert "is missing" not in shown and "holds no tables" not in shown
        await pilot.press("ctrl+q")


async def test_the_launcher_tells_a_damaged_workshop_in_the_ui_language(
    data_root: Path, clock: FakeClock
) -> None:
    folder = saved_workshop(data_root)
    (folder / WORKSHOP_FILE).write_text("{}")
    app = create_app(data_root, None, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        saved = app.screen.query_one("#saved", OptionList)
        row = str(saved.get_option_at_index(0).prompt)
        assert "rusak: tidak berisi tabel apa pun (berkas dikosongkan)" in row
        assert "holds no tables" not in row
        await pilot.press("ctrl+q")


def test_recover_says_a_missing_file_with_no_copy_stays_gone(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = saved_workshop(data_root)
    gone = shard_file(folder, COOP)
    for backup in list_backups(folder):
        backup.file(gone.name).write_bytes(b"{")
    gone.unlink()
    assert main(["recover", "--data-dir", str(data_root)]) == 1
    out = capsys.readouterr().out
    assert f"DAMAGED  {gone.name}: is missing" in out
    assert "no backup holds a copy: the workshop will open without it" in out
    assert "moved aside" not in out


async def test_a_lock_file_cut_mid_write_tells_of_the_crash_without_a_process_number(
    data_root: Path, clock: FakeClock
) -> None:
    # "proses 0": a holder killed while writing its details leaves garbage in the lock.
    folder = saved_workshop(data_root)
    from workshop_tui.storage.lock import LOCK_FILE

    (folder / LOCK_FILE).write_text('{"pid": 12')
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        told = [str(n.message) for n in app._notifications if "tidak ditutup" in n.message]
        assert told == [
            "Sesi terakhir tidak ditutup dengan benar; semua yang tersimpan ada di sini."
        ]
        await pilot.press("ctrl+q")
