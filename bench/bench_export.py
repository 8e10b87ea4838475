"""Export: every format for a large workshop, against the issue's 2-second target.

Run from the project root:

    .venv/bin/python bench/bench_export.py [--runs 3] [--coops 40] [--notes 10000]

1. Builds a synthetic workshop in a temporary folder under bench/: a plan TOML with COOPS
   cooperatives in 10 groups, 3 participants each, a 3-day agenda, 5 roadmap areas and
   5 years, RTL templates A and B; then its state, written through `WorkshopStore`
   (one `put_many` per shard): NOTES SWOT notes spread evenly over the cooperatives
   (Indonesian texts of 20–120 characters, a few with `<`, `&`, `=` and emoji; votes;
   each its own created/updated times; 2 % in the trash), 8 strategies per cooperative citing 3 notes each, a vision and
   4 mission items, every roadmap cell and tier target, a 5-seat team, 3 RTL A actions,
   2 joint actions, signatures for 90 % of the roster, and the first day's agenda run
   with timers (one overrun).
2. Times `export_workshop(folder, all formats, fresh out dir)` — the command line's path:
   open the saved folder with its lock, load every shard, build the documents once,
   write Markdown, HTML, DOCX, CSV and JSON (COOPS + 1 documents per document format) —
   RUNS times in this process; prints each run (wall and CPU time of this process: the
   CPU time shows the export's own work when other programs load the machine), the
   median wall time, and PASS/FAIL against 2 s (informational; the exit code is 0). The first run includes building the trimmed DOCX
   template (once per process).
3. Then one run per single format (to show where the time goes), and RUNS runs of the
   real command line, each in a fresh process (`python -m workshop_tui export ...`:
   interpreter start and imports included).

Scratch files are removed at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workshop_tui.domain.plan import Role
from workshop_tui.domain.state import (
    CoopAction,
    Entity,
    ItemProgress,
    JointAction,
    MissionItem,
    Note,
    Profile,
    Quadrant,
    RoadmapCell,
    Signature,
    Strategy,
    TeamSeat,
    TierTarget,
    TowsCell,
)
from workshop_tui.report.export import FORMATS, export_workshop
from workshop_tui.storage.paths import DATA_DIR_ENV, workshop_dir
from workshop_tui.storage.workshop import open_workshop

TARGET_SECONDS = 2.0
GROUPS = 10
AREAS = ("kelembagaan", "usaha", "keuangan", "sdm", "anggota")
YEARS = (2018, 2019, 2020, 2021, 2022)
TIERS = ("mikro", "kecil", "menengah", "besar")
WORDS = [
    "anggota",
    "pengurus",
    "pengawas",
    "karyawan",
    "simpanan",
    "pinjaman",
    "toko",
    "ritel",
    "modal",
    "usaha",
    "laporan",
    "rapat",
    "koperasi",
    "pelayanan",
    "disiplin",
    "angsuran",
    "kas",
    "dana",
    "pasar",
    "pesaing",
    "teknologi",
    "aplikasi",
    "pelatihan",
    "sdm",
    "gaji",
    "sisa",
    "hasil",
    "transparansi",
    "regulasi",
    "dinas",
    "bunga",
    "kredit",
    "macet",
]
ODD = ("<b>", "&", "=1+1", "🚀", "Ma'ruf", "“kutip”")


def plan_toml(coops: int) -> str:
    lines = [
        "schema_version = 1",
        "[workshop]",
        'id = "bench-export"',
        'title = "Lokakarya Renstra Bench"',
        'organiser = "Dinas Koperasi"',
        'place = "Blora"',
        'theme = "Uji kecepatan ekspor"',
        'language = "id"',
    ]
    for day in range(3):
        lines += ["[[days]]", f"date = 2018-02-{19 + day:02d}", f'title = "Hari {day + 1}"']
        for index, (start, kind, screen) in enumerate(
            [("08:30:00", "talk", "none"), ("10:00:00", "group_work", "swot"),
             ("12:00:00", "break", "none"), ("13:00:00", "group_work", "roadmap"),
             ("15:00:00", "closing", "rtl")]
        ):  # fmt: skip
            lines += [
                "[[days.items]]",
                f'id = "d{day}-i{index}"',
                f'title = "Sesi {day + 1}.{index + 1}"',
                f'kind = "{kind}"',
                f"start = {start}",
                "duration = 60",
                f'screen = "{screen}"',
                'speakers = ["Narasumber Satu"]',
                'facilitators = ["Fasilitator Dua"]',
            ]
    for group in range(GROUPS):
        lines += [
            "[[groups]]",
            f'id = "g{group}"',
            f'name = "Kelompok {group + 1}"',
            f'facilitator = "Fasilitator {group + 1}"',
        ]
        for coop in range(group, coops, GROUPS):
            lines += [
                "[[groups.cooperatives]]",
                f'id = "c{coop:02d}"',
                f'name = "KPRI Sejahtera {coop + 1}"',
                f'current_tier = "{TIERS[coop % 2]}"',
            ]
    roles = ("pengurus", "pengawas", "anggota")
    for coop in range(coops):
        for seat in range(3):
            lines += [
                "[[participants]]",
                f'id = "p{coop:02d}{seat}"',
                f'name = "Peserta {coop + 1}-{seat + 1}"',
                f'cooperative = "c{coop:02d}"',
                f'role = "{roles[seat]}"',
            ]
    lines += [
        "[pact]",
        'title = "Pakta Perubahan"',
        'preamble = "Kami berikrar:"',
        'clauses = ["Satu;", "Dua;", "Tiga;", "Empat;", "Lima."]',
    ]
    for part, count in (("a", 3), ("b", 3)):
        for n in range(count):
            lines += [
                f"[[rtl.{part}]]",
                f'id = "{part}{n + 1}"',
                f'activity = "Kegiatan {part.upper()}{n + 1}"',
                'owner = "Pengurus"',
                f"deadline = {{ within_months = {n + 1} }}",
            ]
    lines += [
        "[team_rule]",
        "seats = { pengurus = 1, pengawas = 1, karyawan = 1, anggota = 2 }",
        "[roadmap]",
        f"years = [{', '.join(map(str, YEARS))}]",
    ]
    for area in AREAS:
        lines += ["[[roadmap.areas]]", f'id = "{area}"', f'name = "{area.title()}"']
    for tier in TIERS:
        lines += ["[[tiers]]", f'id = "{tier}"', f'name = "{tier.title()}"']
    lines += ["[features]", "factor_scoring = true"]
    return "\n".join(lines) + "\n"


def text(rng: random.Random, low: int = 20, high: int = 120) -> str:
    words: list[str] = []
    target = rng.randint(low, high)
    while len(" ".join(words)) < target:
        words.append(rng.choice(WORDS))
    if rng.random() < 0.05:
        words.insert(rng.randrange(len(words)), rng.choice(ODD))
    return " ".join(words).capitalize()


def build(work: Path, coops: int, notes: int, seed: int = 7) -> Path:
    """The plan and a saved state; returns the workshop's folder."""
    rng = random.Random(seed)
    plan_path = work / "bench-export.toml"
    plan_path.write_text(plan_toml(coops), encoding="utf-8")
    root = work / "data"
    opened = open_workshop(plan_path, root, durable=False)
    store = opened.store
    at = dt.datetime(2018, 2, 20, 2, 0, tzinfo=dt.UTC)
    per_coop = notes // coops
    for c in range(coops):
        coop = f"c{c:02d}"
        entities: list[Entity] = []
        numbers = dict.fromkeys(Quadrant, 0)
        coop_notes: list[Note] = []
        for n in range(per_coop + (1 if c < notes % coops else 0)):
            quadrant = list(Quadrant)[n % 4]
            numbers[quadrant] += 1
            created = at + dt.timedelta(seconds=n * 40 + c)  # every note its own times
            updated = created + dt.timedelta(seconds=rng.randint(0, 3600))
            note = Note(
                quadrant=quadrant,
                text=text(rng),
                position=float(n),
                votes=rng.choice((0, 0, 1, 2, 5)),
                number=numbers[quadrant],
                created_at=created,
                updated_at=updated,
                deleted_at=updated if rng.random() < 0.02 else None,
            )
            coop_notes.append(note)
        entities += coop_notes
        for s in range(8):
            cites = [n.id for n in rng.sample(coop_notes, min(3, len(coop_notes)))]
            entities.append(
                Strategy(cell=list(TowsCell)[s % 4], text=text(rng), cites=cites, position=s)
            )
        entities.append(Profile(vision=text(rng, 60, 160)))
        entities += [MissionItem(text=text(rng), position=m) for m in range(4)]
        entities += [
            RoadmapCell(id=RoadmapCell.key(a, y), area=a, year=y, text=text(rng, 10, 60))
            for a in AREAS
            for y in YEARS
        ]
        entities += [
            TierTarget(id=str(y), year=y, tier=TIERS[min(3, i // 2 + c % 2)])
            for i, y in enumerate(YEARS)
        ]
        entities += [
            TeamSeat(role=role, name=f"Anggota Tim {c}-{i}", position=i)
            for i, role in enumerate(
                (Role.PENGURUS, Role.PENGAWAS, Role.KARYAWAN, Role.ANGGOTA, Role.ANGGOTA)
            )
        ]
        entities += [
            CoopAction(
                activity=text(rng, 20, 60),
                owner="Pengurus",
                deadline={"within_months": a + 1},
                template_id=f"a{a + 1}",
                position=a,
            )
            for a in range(3)
        ]
        store.put_many(coop, entities)
    workshop: list[Entity] = [
        Signature(id=f"p{c:02d}{s}", signed_at=at) for c in range(coops) for s in range(3)
    ][: int(coops * 3 * 0.9)]
    workshop += [
        JointAction(activity=text(rng, 20, 60), deadline={"every_months": 1, "for_months": 12})
        for _ in range(2)
    ]
    start = dt.datetime(2018, 2, 19, 1, 30, tzinfo=dt.UTC)
    for i in range(5):
        begin = start + dt.timedelta(minutes=62 * i)
        workshop.append(
            ItemProgress(
                id=f"d0-i{i}",
                actual_start=begin,
                actual_end=begin + dt.timedelta(minutes=75 if i == 1 else 58),
                elapsed_seconds=(75 if i == 1 else 58) * 60.0,
            )
        )
    store.put_many("workshop", workshop)
    opened.close()
    return workshop_dir(root, "bench-export")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--coops", type=int, default=40)
    parser.add_argument("--notes", type=int, default=10_000)
    args = parser.parse_args()
    bench_dir = Path(__file__).resolve().parent
    work = Path(tempfile.mkdtemp(prefix=".bench-export-", dir=bench_dir))
    try:
        t0 = time.perf_counter()
        folder = build(work, args.coops, args.notes)
        print(
            f"workshop: {args.coops} cooperatives, {args.notes:,} notes "
            f"(built in {time.perf_counter() - t0:.1f} s)"
        )
        times: list[float] = []
        cpu: list[float] = []
        files: list[Path] = []
        for run in range(args.runs):
            out = work / f"out-{run}"
            t, c = time.perf_counter(), time.process_time()
            files = export_workshop(folder, FORMATS, out)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            print(f"  run {run + 1}: {times[-1]:.2f} s wall, {cpu[-1]:.2f} s CPU")
        size = sum(f.stat().st_size for f in files)
        median = statistics.median(times)
        verdict = "PASS" if median <= TARGET_SECONDS else "FAIL"
        print(
            f"\nexport, all formats ({len(files)} files, {size / 1e6:.1f} MB): "
            f"median {median:.2f} s wall ({statistics.median(cpu):.2f} s CPU) of {args.runs} "
            f"— target ≤ {TARGET_SECONDS:.0f} s: {verdict}"
        )
        print("\nby format (one run each, same process):")
        for fmt in FORMATS:
            out = work / f"out-{fmt}"
            t = time.perf_counter()
            written = export_workshop(folder, [fmt], out)
            seconds = time.perf_counter() - t
            mb = sum(f.stat().st_size for f in written) / 1e6
            print(f"  {fmt:5} {seconds:5.2f} s  {len(written):3} files  {mb:5.1f} MB")
        env = {**os.environ, DATA_DIR_ENV: str(folder.parent.parent)}
        cli: list[float] = []
        for run in range(args.runs):
            out = work / f"out-cli-{run}"
            t = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "workshop_tui", "export", "bench-export", "--out", str(out)],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            cli.append(time.perf_counter() - t)
            if done.returncode != 0:
                print(f"command line failed (exit {done.returncode}): {done.stderr.strip()}")
                break
        print(
            f"\ncommand line, fresh process each (`workshop-tui export`, interpreter start and "
            f"imports included): median {statistics.median(cli):.2f} s of {len(cli)} "
            f"({', '.join(f'{t:.2f}' for t in cli)})"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
