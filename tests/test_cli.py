"""The command line: where data lives, and clean failures instead of tracebacks."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BLORA

from workshop_tui.cli import main
from workshop_tui.storage.paths import DATA_DIR_ENV, data_dir
from workshop_tui.storage.workshop import open_workshop


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workshop_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_where_follows_flag_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert main(["where"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "env")
    assert main(["where", "--data-dir", str(tmp_path / "flag")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "flag")
    monkeypatch.delenv(DATA_DIR_ENV)
    assert "workshop-tui" in str(data_dir())


def test_general_options_may_come_before_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path / "flag"), "where"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "flag")
    open_workshop(BLORA, tmp_path / "flag").close()
    assert main(["--lang", "en", "--data-dir", str(tmp_path / "flag"), "followup"]) == 0
    assert "Follow-up as of" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:  # a command without --lang says so plainly
        main(["--lang", "en", "where"])
    assert usage.value.code == 2
    assert "unrecognized arguments: --lang" in capsys.readouterr().err


def test_where_names_a_workshop_folder(data_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["where", "blora-2018"]) == 1  # not started yet
    assert "No saved workshop" in capsys.readouterr().err
    assert main(["where", str(BLORA)]) == 1
    assert capsys.readouterr().err.startswith(
        f"The workshop of {BLORA} has not been started yet: no saved state in "
    )
    open_workshop(BLORA, data_root).close()
    assert main(["where", str(BLORA)]) == 0
    assert capsys.readouterr().out.strip() == str(data_root / "workshops" / "blora-2018")


def test_state_folder_is_private(data_root: Path) -> None:
    open_workshop(BLORA, data_root).close()
    folder = data_root / "workshops" / "blora-2018"
    for path in [data_root, folder, *folder.iterdir()]:
        mode = path.stat().st_mode & 0o777
        assert mode & 0o077 == 0, (path, oct(mode))


def test_broken_plan_on_start_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[workshop]\ntitle = "x"\n', encoding="utf-8")
    out = run_cli(str(bad), env={DATA_DIR_ENV: str(tmp_path / "data")})
    assert out.returncode == 1
    assert "required but missing" in out.stderr and "Traceback" not in out.stderr


def test_workshop_open_in_another_copy_is_refused_by_name(tmp_path: Path) -> None:
    root = tmp_path / "data"
    holder = open_workshop(BLORA, root)
    try:
        out = run_cli(str(BLORA), env={DATA_DIR_ENV: str(root)})
    finally:
        holder.close()
    assert out.returncode == 1
    assert f"process {os.getpid()}" in out.stderr and "Traceback" not in out.stderr


def test_damaged_state_file_is_named_and_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "data"
    open_workshop(BLORA, root).close()
    state = root / "workshops" / "blora-2018" / "workshop.json"
    state.write_bytes(b'{"meta": {"1": {"id": "meta", "sche')
    out = run_cli(str(BLORA), env={DATA_DIR_ENV: str(root)})
    assert out.returncode == 1
    assert str(state) in out.stderr and "not valid JSON" in out.stderr
    assert "Traceback" not in out.stderr
    assert state.read_bytes() == b'{"meta": {"1": {"id": "meta", "sche'


def test_unwritable_data_folder_is_a_message(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root ignores permissions: a regular file in the way of the folder fails for anyone.
        blocker = tmp_path / "data"
        blocker.write_text("not a folder", encoding="utf-8")
        out = run_cli(str(BLORA), env={DATA_DIR_ENV: str(blocker)})
    else:
        locked = tmp_path / "ro"
        locked.mkdir(mode=0o500)
        out = run_cli(str(BLORA), env={DATA_DIR_ENV: str(locked / "data")})
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and "data folder" in out.stderr


def test_an_internal_error_shows_a_message_and_keeps_the_details(tmp_path: Path) -> None:
    """A bug must not put a traceback on the projector; its details go to a log file."""
    root = tmp_path / "data"
    script = f"""
import sys
from pathlib import Path
from workshop_tui.session import Session
from workshop_tui.tui.launch import create_app

def broken(self):
    raise RuntimeError("simulated bug")

Session.toggle_timer = broken
app = create_app(Path({str(root)!r}), Path({str(BLORA)!r}))
app.friendly_errors = True

async def auto(pilot):
    await pilot.press("space")

app.run(headless=True, size=(80, 24), auto_pilot=auto)
app.close_session()
sys.exit(app.return_code or 0)
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert "galat internal" in out.stdout + out.stderr  # the plan's language: Indonesian
    [log] = (root / "crash-logs").iterdir()
    assert "simulated bug" in log.read_text("utf-8")
    # The workshop was released: it opens again at once.
    open_workshop(BLORA, root).close()


def test_an_unknown_theme_is_a_message_and_a_bad_settings_file_is_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workshop_tui.cli import main
    from workshop_tui.storage.settings import SETTINGS_FILE
    from workshop_tui.tui.launch import create_app

    root = tmp_path / "data"
    code = main([str(BLORA), "--data-dir", str(root), "--theme", "bogus"])
    err = capsys.readouterr().err
    assert code == 1 and "Unknown theme 'bogus'" in err and "projector" in err
    assert gc.isenabled()  # paused for the start, back on when the app did not start
    # A settings file naming a theme this version lacks, or nested too deep to read,
    # falls back to the default theme instead of stopping the app.
    for content in ('{"theme": "from-a-newer-version"}', "[" * 100_000):
        (root / SETTINGS_FILE).write_text(content, encoding="utf-8")
        app = create_app(root, None)
        assert app.theme == "textual-dark"


# Output that the terminal's encoding cannot show (Indonesian titles, "—", "·", a path with
# "é") must print with those characters replaced, not end in a UnicodeEncodeError traceback.
ASCII_ONLY = {"PYTHONIOENCODING": "ascii"}


def test_validate_prints_on_an_ascii_only_output(tmp_path: Path) -> None:
    out = run_cli("validate", str(BLORA), env={**ASCII_ONLY, DATA_DIR_ENV: str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "UnicodeEncodeError" not in out.stderr
    assert f"{BLORA}: OK ? 'Lokakarya Koperasi Perubahan Menggebrak KPRI Se-Blora'" in out.stdout


def test_where_prints_a_non_ascii_path_on_an_ascii_only_output(tmp_path: Path) -> None:
    root = tmp_path / "café"
    out = run_cli("where", env={**ASCII_ONLY, DATA_DIR_ENV: str(root)})
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout.strip() == str(root).replace("é", "?")


def test_followup_prints_on_an_ascii_only_output(tmp_path: Path) -> None:
    open_workshop(BLORA, tmp_path).close()
    out = run_cli(
        "followup", "blora-2018", "--as-of", "2018-03-01",
        env={**ASCII_ONLY, DATA_DIR_ENV: str(tmp_path)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert "Lokakarya Koperasi Perubahan Menggebrak KPRI Se-Blora" in out.stdout


@pytest.mark.parametrize(
    "args",
    [["where", "--data-dir", ""], ["--data-dir", " ", "where"], ["export", "--data-dir", ""]],
)
def test_an_empty_data_folder_is_refused_not_taken_for_the_default(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # `--data-dir "$DIR"` with DIR unset once pointed at the real data folder.
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    assert "--data-dir: empty" in capsys.readouterr().err
