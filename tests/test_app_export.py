"""Exporting from inside the app: a key, a folder named on screen, the work goes on."""

from __future__ import annotations

from pathlib import Path

from conftest import BLORA, FakeClock

from workshop_tui.domain.state import Quadrant
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
