"""`workshop-tui export`: which workshop, where the files go, and clean failures."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BLORA, EXAMPLE_EN

from workshop_tui.cli import main
from workshop_tui.storage.backup import list_backups
from workshop_tui.storage.lock import WorkshopLock
from workshop_tui.storage.paths import DATA_DIR_ENV
from workshop_tui.storage.workshop import open_workshop


def saved(*plans: Path, root: Path) -> None:
    for plan in plans:
        open_workshop(plan, root).close()


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_exports_the_only_saved_workshop_to_the_default_folder(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved(BLORA, root=data_root)
    assert main(["export", "--format", "md", "-f", "csv"]) == 0
    out = lines(capsys.readouterr().out)
    assert "locked while reading" in out[0]
    written = [Path(line) for line in out[1:-1]]
    assert len(written) == 9 + 3
    folder = written[0].parent
    assert folder.parent == data_root / "exports"
    assert re.fullmatch(r"blora-2018-\d{8}-\d{4}", folder.name)
    assert all(path.is_file() and path.parent == folder for path in written)
    assert out[-1] == f"12 files written to {folder}"
    # Again within the same minute: a new folder, nothing overwritten.
    assert main(["export", "-f", "md"]) == 0
    second = lines(capsys.readouterr().out)
    assert Path(second[1]).parent != folder


def test_by_id_or_plan_file_into_a_chosen_folder(
    data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved(BLORA, EXAMPLE_EN, root=data_root)
    out = tmp_path / "out"
    assert main(["export", "blora-2018", "--out", str(out), "--format", "html,json"]) == 0
    printed = capsys.readouterr().out
    assert str(out / "laporan-kegiatan.html") in printed
    assert str(out / "workshop-state.json") in printed
    assert main(["export", str(EXAMPLE_EN), "--out", str(tmp_path / "en"), "-f", "md"]) == 0
    assert (tmp_path / "en" / "workshop-report.md").is_file()
    capsys.readouterr()
    assert main(["export", "blora-2018", "--out", str(out), "-f", "html"]) == 1
    err = capsys.readouterr().err
    assert "exist already" in err and "--force" in err
    assert main(["export", "blora-2018", "--out", str(out), "-f", "html", "--force"]) == 0


def test_exports_take_no_backup(
    data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The rotation keeps the newest backups: an export that backed up would push out the
    # ones that protect the work after ten or so exports.
    saved(BLORA, BLORA, root=data_root)  # the second open has files to back up
    folder = data_root / "workshops" / "blora-2018"
    before = list_backups(folder)
    assert [b.reason for b in before] == ["open"]
    for round in range(12):
        assert main(["export", "--out", str(tmp_path / f"o{round}"), "-f", "md"]) == 0
    assert list_backups(folder) == before


def test_one_cooperative(
    data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved(BLORA, root=data_root)
    out = tmp_path / "coop"
    args = ["export", "blora-2018", "--cooperative", "pkpri-blora", "--out", str(out), "-f", "md"]
    assert main(args) == 0
    assert [p.name for p in out.iterdir()] == ["renstra-pkpri-kabupaten-blora.md"]
    assert main(["export", "--cooperative", "Koperasi Tidak Ada", "-f", "md"]) == 1
    err = capsys.readouterr().err
    assert "No cooperative 'Koperasi Tidak Ada'" in err and "pkpri-blora" in err


def test_which_workshop_problems_are_plain_messages(
    data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export"]) == 1
    assert "No saved workshops" in capsys.readouterr().err
    assert main(["export", "blora-2018"]) == 1
    assert "No saved workshop 'blora-2018'" in capsys.readouterr().err
    assert main(["export", str(BLORA)]) == 1
    assert "has not been started yet" in capsys.readouterr().err
    saved(BLORA, EXAMPLE_EN, root=data_root)
    assert main(["export"]) == 1
    err = capsys.readouterr().err
    assert "2 saved workshops" in err
    assert "workshop-tui export blora-2018" in err and "workshop-tui export example-en" in err
    assert main(["export", "../workshops/blora-2018"]) == 1
    assert "No saved workshop" in capsys.readouterr().err
    assert main(["export", "blora-2018", "--format", "pdf"]) == 1
    assert "Unknown format 'pdf'" in capsys.readouterr().err
    missing_plan = tmp_path / "missing.toml"
    assert main(["export", str(missing_plan)]) == 1
    assert "file not found" in capsys.readouterr().err


def test_damaged_state_is_a_message(data_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved(BLORA, root=data_root)
    (data_root / "workshops" / "blora-2018" / "coop-pkpri-blora.json").write_text("{oops")
    assert main(["export", "blora-2018", "-f", "md"]) == 1
    err = capsys.readouterr().err
    assert "coop-pkpri-blora.json" in err and "not valid JSON" in err


def test_exports_while_the_app_holds_the_workshop(
    data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opened = open_workshop(BLORA, data_root)
    try:
        assert main(["export", "blora-2018", "--out", str(tmp_path / "o"), "-f", "csv"]) == 0
        out = capsys.readouterr().out
        assert "read-only" in out and f"process {os.getpid()}" in out
    finally:
        opened.close()


def test_in_a_fresh_process_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, DATA_DIR_ENV: str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "export", "nothing-here"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert "No saved workshop 'nothing-here'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_folder_that_cannot_be_written_is_exported_from_as_it_is(
    data_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A read-only disk (or another user's folder): the lock cannot be taken.
    saved(BLORA, root=data_root)
    folder = data_root / "workshops" / "blora-2018"
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    def read_only(self: WorkshopLock) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(WorkshopLock, "acquire", read_only)
    out = tmp_path / "out"
    assert main(["export", "--format", "md", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "cannot be written to" in printed and (out / "laporan-kegiatan.md").is_file()
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_an_export_killed_while_writing_leaves_no_temp_file_after_the_next(
    data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A kill between writing the hidden temp files and renaming them left them for good.
    saved(BLORA, root=data_root)
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)
    left = out / f".laporan-kegiatan.md.{dead_pid}.tmp"
    left.write_text("half an export")
    live = out / f".laporan-kegiatan.md.{os.getppid()}.tmp"  # a writer still running
    live.write_text("being written")
    assert main(["export", "--out", str(out), "-f", "md", "--force"]) == 0
    capsys.readouterr()
    assert not left.exists()
    assert live.exists()
    assert (out / "laporan-kegiatan.md").is_file()
