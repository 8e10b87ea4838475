"""Exporting from inside the app: a key, a folder named on screen, the work goes on."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from conftest import BLORA, FakeClock

from workshop_tui.domain.state import Quadrant
from workshop_tui.report import export as export_module
from workshop_tui.tui.launch import create_app


async def test_f10_exports_every_document_into_the_named_folder(
    data_root: Path, clock: FakeClock
) -> None:
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.session is not None
        app.session.swot.add("pkpri-blora", Quadrant.STRENGTH, "Anggota loyal <script>")
        await pilot.press("f10")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        folder = data_root / "exports"
        [out] = list(folder.iterdir())
        assert any(str(out) in m and "Mengekspor" in m for m in messages)
        assert any("berkas diekspor" in m for m in messages)
        names = {p.name for p in out.iterdir()}
        assert "laporan-kegiatan.docx" in names and "notes.csv" in names
        html = (out / "laporan-kegiatan.html").read_text("utf-8")
        assert "&lt;script&gt;" in html and "<script>" not in html
        # The app is still usable and its state untouched.
        await pilot.press("n")
        assert app.session.current_item.title == "Istirahat"


async def test_a_full_disk_is_told_in_the_ui_language_with_what_to_do(
    data_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = export_module.write_temp
    calls: list[Path] = []

    def disk_fills_up(path: Path, payload: bytes, *, durable: bool = True) -> Path:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, payload, durable=durable)

    monkeypatch.setattr(export_module, "write_temp", disk_fills_up)
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f10")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [failed] = [n for n in app._notifications if n.severity == "error"]
        message = str(failed.message)
        assert f"{calls[2]} tidak dapat ditulis (No space left on device)" in message
        assert "Tidak ada yang diekspor" in message and "tekan f10 lagi" in message.lower()
        assert "Nothing" not in message and "Cannot" not in message
        assert not any((data_root / "exports").iterdir())  # the half export was removed
