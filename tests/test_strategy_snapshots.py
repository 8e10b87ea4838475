"""What the projector shows on F4 — TOWS strategies, factor scores, vision & mission — at
80×24 and 120×40, with a Blora cooperative's real Indonesian content.

Regenerate after an intended change with
`pytest tests/test_strategy_snapshots.py --snapshot-update` and look at every changed SVG.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BLORA, FakeClock
from textual.pilot import Pilot

from workshop_tui.domain.state import Quadrant, TowsCell
from workshop_tui.session import Session
from workshop_tui.tui.launch import create_app

SNAPSHOT_ROOT = Path("/tmp/workshop-tui-strategy-snapshots/data")
SIZES = [(80, 24), (120, 40)]
COOP = "pkpri-blora"
Snap = Callable[..., bool]

SWOT = {
    Quadrant.STRENGTH: [
        "Anggota loyal dan rutin menabung",
        "Modal sendiri kuat, SHU stabil tiap tahun",
        "Angsuran lewat potong gaji bendahara dinas",
    ],
    Quadrant.WEAKNESS: [
        "Pengurus belum menerapkan SOP",
        "Pencatatan keuangan masih manual",
        "Regenerasi pengurus lambat",
        "Rapat anggota sering tidak kuorum",
    ],
    Quadrant.OPPORTUNITY: [
        "Program Blora Kota Koperasi dari Pemkab",
        "Kerja sama ritel antar-KPRI se-Blora",
        "Digitalisasi layanan simpan pinjam",
    ],
    Quadrant.THREAT: [
        "Persaingan bunga dengan bank dan KUR",
        "Anggota pensiun tiap tahun",
        "Pinjaman online ilegal menjerat anggota",
    ],
}

STRATEGIES = {
    TowsCell.SO: [
        "Gunakan anggota loyal (S1) dan modal sendiri (S2) untuk toko ritel bersama (O2)",
        "Manfaatkan potong gaji (S3) untuk layanan pinjaman digital (O3)",
    ],
    TowsCell.WO: [
        "Terapkan SOP (W1) dengan pendampingan Dinas lewat Blora Kota Koperasi (O1)",
        "Ganti pembukuan manual (W2) dengan aplikasi akuntansi (O3)",
    ],
    TowsCell.ST: ["Tawarkan bunga bersaing dengan bank (T1) dari modal sendiri (S2)"],
    TowsCell.WT: [
        "Kader pengurus muda (W3) dari anggota baru sebelum pensiun (T2)",
        "Perbaiki kehadiran RAT (W4) dan edukasi bahaya pinjol (T3)",
    ],
}

# IFAS sums to 1; EFAS to 0.95, so its warning shows (a live moment of the workshop).
SCORES = {
    "S1": (0.20, 4),
    "S2": (0.20, 4),
    "S3": (0.15, 3),
    "W1": (0.15, 2),
    "W2": (0.15, 2),
    "W3": (0.15, 1),
    "O1": (0.20, 3),
    "O2": (0.20, 4),
    "O3": (0.15, 3),
    "T1": (0.20, 3),
    "T2": (0.10, 2),
    "T3": (0.10, 4),
}

VISION = (
    "Menjadi koperasi pegawai negeri yang terpercaya, mandiri dan menyejahterakan "
    "anggota di Kabupaten Blora pada tahun 2023."
)
MISSION = [
    "Meningkatkan kesejahteraan anggota melalui simpan pinjam yang sehat",
    "Mengembangkan usaha ritel bersama antar-KPRI se-Blora",
    "Menerapkan tata kelola yang baik sesuai SOP dan SOM",
    "Menyiapkan kader pengurus dari anggota muda",
]


@pytest.fixture
def root() -> Path:
    shutil.rmtree(SNAPSHOT_ROOT.parent, ignore_errors=True)
    return SNAPSHOT_ROOT


def seed(session: Session) -> None:
    labels = {}
    for quadrant, texts in SWOT.items():
        for text in texts:
            note = session.swot.add(COOP, quadrant, text)
            assert note is not None
            labels[f"{quadrant.value}{note.number}"] = note.id
    board = session.strategy
    for cell, texts in STRATEGIES.items():
        for text in texts:
            board.add(COOP, cell, text)
    session.swot.delete(COOP, labels["W4"])  # cited by a strategy: flagged, not lost
    for name, (weight, rating) in SCORES.items():
        board.set_weight(COOP, labels[name], weight)
        board.set_rating(COOP, labels[name], rating)
    board.set_vision(COOP, VISION)
    for text in MISSION:
        board.add_mission(COOP, text)


def opened_on(tab: int, *keys: str) -> Callable[[Pilot[int]], object]:
    async def run_before(pilot: Pilot[int]) -> None:
        session = pilot.app.session  # type: ignore[attr-defined]
        seed(session)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*["f4"] * tab, *keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_tows(snap_compare: Snap, root: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    # The WT cell, its last strategy selected: a citation of a deleted note is flagged.
    app = create_app(root, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=opened_on(0, "shift+tab", "up"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_factor_scores(
    snap_compare: Snap, root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = create_app(root, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=opened_on(1, "down", "down"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_vision_and_mission(
    snap_compare: Snap, root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = create_app(root, BLORA, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=opened_on(2, "tab", "up"))


def test_tows_projector_english(snap_compare: Snap, root: Path, clock: FakeClock) -> None:
    app = create_app(root, BLORA, clock=clock, lang="en", theme="projector")
    assert snap_compare(app, terminal_size=(120, 40), run_before=opened_on(0, "up"))
