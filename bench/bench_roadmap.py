"""Is the roadmap grid responsive with 40 cooperatives × 5 areas × 5 years of multi-line
cells? Key latency on the real app against a bare `Input` app measured in the same run.

    .venv/bin/python bench/bench_roadmap.py

Times `await pilot.press(key)` (headless, 120×40) for: arrow keys in the grid, PgDn (the
next group: the grid is redrawn for another cooperative), and the plenary (Ctrl+G opens
all 40 cooperatives' tiers, `a` redraws one area across all 40, Esc closes). Pilot has a
floor of ~60 ms per key on a bare app, so compare the ratios, not the milliseconds.
"""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from workshop_tui.session import start_session  # noqa: E402
from workshop_tui.storage.workshop import open_workshop  # noqa: E402
from workshop_tui.tui.launch import create_app  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_export", HERE / "bench_export.py")
assert _spec and _spec.loader
bench_export = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_export)

COOPS = 40
CELL = "Target {area} {year}:\nOmzet naik {n} %\nRAT tepat waktu, SOP berjalan"


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


async def time_keys(app: App[object], keys: list[str], before: list[str]) -> list[float]:
    out: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*before)
        await pilot.pause()
        for key in keys:
            start = time.perf_counter()
            await pilot.press(key)
            out.append((time.perf_counter() - start) * 1000)
        if not isinstance(app, Bare):
            await pilot.press("ctrl+q")  # release the workshop for the next run
    return out


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix=".bench-roadmap-", dir=HERE))
    try:
        folder = bench_export.build(work, coops=COOPS, notes=400)
        plan_path = work / "bench-export.toml"
        root = folder.parent.parent
        session = start_session(open_workshop(plan_path, root, durable=False))
        plan = session.plan
        tiers = [t.id for t in plan.tiers]
        for index, (_, coop) in enumerate(plan.cooperatives()):
            for a, area in enumerate(plan.roadmap.areas):
                for y, year in enumerate(plan.roadmap.years):
                    text = CELL.format(area=area.name, year=year, n=5 * (a + y + index % 7))
                    session.roadmap.set_cell(coop.id, area.id, year, text)
            for y, year in enumerate(plan.roadmap.years):
                session.roadmap.set_tier(coop.id, year, tiers[min(len(tiers) - 1, y // 2)])
        session.set_location(screen="roadmap")
        session.close()
        cells = COOPS * len(plan.roadmap.areas) * len(plan.roadmap.years)

        arrows = ["right", "right", "down", "down", "left", "left", "up", "up"] * 10
        bare = asyncio.run(time_keys(Bare(), ["a"] * 80, []))
        grid = asyncio.run(time_keys(create_app(root, plan_path), arrows, []))
        groups = asyncio.run(time_keys(create_app(root, plan_path), ["pagedown"] * 30, []))
        plenary: list[float] = []
        for _ in range(5):
            plenary += asyncio.run(
                time_keys(create_app(root, plan_path), ["ctrl+g", "a", "a", "escape"], [])
            )
        base = stats(bare)[0]
        print(f"Roadmap grid: {COOPS} cooperatives × 5 areas × 5 years = {cells} multi-line cells.")
        print()
        print("| keys | p50 | p95 | ratio p50 vs bare Input |")
        print("|---|--:|--:|--:|")
        for label, samples in [
            ("bare `Input`, a letter", bare),
            ("grid, arrow keys", grid),
            ("grid, PgDn (next group: redraw)", groups),
            ("plenary: Ctrl+G, a, a, Esc (40 rows)", plenary),
        ]:
            p50, p95 = stats(samples)
            print(f"| {label} | {p50:.1f} ms | {p95:.1f} ms | {p50 / base:.2f}× |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
