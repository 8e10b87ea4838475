"""What the projector shows of the SWOT board: real Indonesian notes of a KPRI, at 80×24
and 120×40, in the default and the projector theme.

Regenerate after an intended change with
`pytest tests/test_swot_snapshots.py --snapshot-update` and look at every changed SVG.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BLORA, FakeClock
from textual.pilot import Pilot

from workshop_tui.domain.state import Quadrant
from workshop_tui.session import start_session
from workshop_tui.storage.workshop import open_workshop
from workshop_tui.tui.launch import create_app

# A fixed folder, as in test_snapshots.py, so nothing on screen depends on tmp paths.
SNAPSHOT_ROOT = Path("/tmp/workshop-tui-snapshots-swot/data")
SIZES = [(80, 24), (120, 40)]
Snap = Callable[..., bool]
COOP = "pkpri-blora"

# (text, votes) per quadrant, as a KPRI's members would put them.
NOTES: dict[Quadrant, list[tuple[str, int]]] = {
    Quadrant.STRENGTH: [
        ("Anggota loyal dan rutin menabung", 5),
        ("Modal sendiri kuat (simpanan wajib dan simpanan pokok)", 3),
        (
            "Angsuran dipotong langsung dari gaji lewat bendahara dinas, "
            "sehingga pinjaman anggota hampir selalu lancar tiap bulan",
            2,
        ),
        ("Kantor dan tanah milik sendiri", 0),
    ],
    Quadrant.WEAKNESS: [
        ("Pengurus belum menerapkan SOP", 4),
        ("RAT sering terlambat", 1),
        ("Pembukuan masih manual, belum pakai aplikasi", 2),
        ("Regenerasi pengurus lambat", 0),
    ],
    Quadrant.OPPORTUNITY: [
        ("Dana idle bisa disalurkan ke usaha ritel", 6),
        ("Kerja sama dengan PKPRI untuk pinjaman antarkoperasi", 2),
        ("Layanan simpan pinjam digital bagi anggota muda", 0),
    ],
    Quadrant.THREAT: [
        ("Persaingan KUR dari bank", 7),
        ("Fintech pinjaman online", 3),
        ("Anggota pensiun dan mutasi keluar daerah", 0),
    ],
}


@pytest.fixture
def root(clock: FakeClock) -> Path:
    shutil.rmtree(SNAPSHOT_ROOT.parent, ignore_errors=True)
    session = start_session(open_workshop(BLORA, SNAPSHOT_ROOT), clock)
    board = session.swot
    selected = ""
    for quadrant, notes in NOTES.items():
        for text, votes in notes:
            note = board.add(COOP, quadrant, text)
            assert note is not None
            if votes:
                board.set_votes(COOP, note.id, votes)
            if text == "Pembukuan masih manual, belum pakai aplikasi":
                selected = note.id
    board.set_draft(COOP, Quadrant.THREAT, "Aturan pajak koperasi berubah")
    # Open on the board, the Weaknesses list focused with one note selected.
    session.set_location(screen="swot")
    session.set_cursor("swot", quadrant=Quadrant.WEAKNESS.value, note=selected, focus="notes")
    session.close()
    return SNAPSHOT_ROOT


async def _settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_swot_board(
    snap_compare: Snap, root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = create_app(root, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_swot_board_projector(
    snap_compare: Snap, root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = create_app(root, BLORA, clock=clock, theme="projector")
    assert snap_compare(app, terminal_size=size, run_before=_settle)
