"""Start-up time and peak memory: resuming a 10,000-note workshop against a minimal Textual app.

Run from the project root:

    .venv/bin/python bench/bench_startup.py [--runs 7] [--notes 10000]

A temporary data folder is filled with the Blora workshop (sessions/blora-2018.toml) holding
NOTES notes spread over its 8 cooperatives, and with timer progress (one item finished, the
next one's timer running when the app was closed), so the resume is a real one.

Each start-up runs in a FRESH process, `python bench/_startup_probe.py VARIANT ...`, timed
from the parent from `subprocess.Popen` to the process's exit: interpreter start, imports,
building the app, first headless paint (120×40), shutdown. Variants:

- minimal: a Textual app with Header, Static("hello"), Footer (the floor);
- minimal-pydantic: the same app whose text goes through one small pydantic model (the floor
  of any app built on pydantic: its import, one model built and validated);
- resume: `create_app(root, BLORA)`, resuming the 10,000-note workshop;
- launcher: `create_app(root, None)`, the launcher listing that saved workshop.

One untimed warm-up start of each variant, then RUNS rounds, the variants interleaved (the
order rotating every round) so machine noise hits all alike. The probe reports its own peak
RSS (`VmHWM` of /proc/self/status; not `ru_maxrss`, which Linux carries over from this big
parent into a child it spawns) and `time.monotonic()` stamps (the same clock here), for the
breakdown by phase. Finally `open_workshop` alone is timed in this process (warm imports),
split into JSON parsing and pydantic validation of the notes, to see what resuming costs.

Targets (issue): resume ≤ 1.5× the minimal app's time from process start to first paint, peak
memory ≤ 2×. PASS/FAIL is printed for information; the exit code is 0 either way. The time to
the process's exit is shown too: ours does work after its first paint (the cooperative files'
check and the backup, see `create_app`) that the first-paint figure leaves out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from workshop_tui.domain.state import Note, Quadrant
from workshop_tui.session import start_session
from workshop_tui.storage.plan_file import load_plan
from workshop_tui.storage.workshop import open_workshop

PROJECT = Path(__file__).resolve().parent.parent
PROBE = PROJECT / "bench" / "_startup_probe.py"
BLORA = PROJECT / "sessions" / "blora-2018.toml"
VARIANTS = ("minimal", "minimal-pydantic", "resume", "launcher")
TIME_TARGET = 1.5
MEMORY_TARGET = 2.0
PROBE_TIMEOUT = 60.0
OPEN_REPEATS = 5

# -- realistic notes ------------------------------------------------------------------------

PHRASES: dict[Quadrant, list[str]] = {
    Quadrant.STRENGTH: [
        "Anggota rutin membayar simpanan wajib tiap bulan",
        "Pengurus berpengalaman lebih dari sepuluh tahun",
        "Unit simpan pinjam sudah memakai aplikasi",
        "Kantor milik sendiri, dekat pasar Blora",
        "Kepercayaan anggota tinggi 👍",
        "RAT selalu diadakan tepat waktu",
        "SHU dibagi adil dan transparan tiap tahun",
        "Potong gaji langsung lewat bendahara sekolah",
        "Toko koperasi laris menjelang Lebaran",
        "Ada kader muda yang mau belajar pembukuan",
        "Pengajian Jum'at jadi ajang sosialisasi koperasi",
        "Modal sendiri terus tumbuh sejak 2015 💪",
        "Jaringan guru se-Kabupaten Blora kuat",
        "Pengawas aktif memeriksa kas tiap triwulan",
    ],
    Quadrant.WEAKNESS: [
        "Kredit macet di unit toko masih tinggi",
        "Pengurus belum paham akuntansi koperasi",
        "Regenerasi anggota muda lambat",
        "Pencatatan masih manual di buku besar",
        "Modal kecil, bergantung pada pinjaman bank",
        "Rapat anggota jarang dihadiri 😕",
        "Pemasaran produk belum online",
        "Gudang sempit dan atapnya bocor",
        "Belum punya SOP pemberian pinjaman",
        "Laporan keuangan sering terlambat",
        "Karyawan cuma dua orang, kewalahan",
        "Anggota pensiun menarik simpanan sekaligus",
        "Komputer kantor sudah tua, sering 'hang'",
    ],
    Quadrant.OPPORTUNITY: [
        "Program KUR dan dana bergulir dari Pemda",
        "Permintaan jagung dan beras terus naik 🌾",
        "Kerja sama dengan BUMDes di tiap desa",
        "Jualan lewat marketplace dan WhatsApp 📱",
        "Dinas Koperasi Blora membuka pelatihan gratis",
        "Guru PPPK baru bisa jadi calon anggota",
        "Wisata Cepu dan Samin menarik pengunjung",
        "Bank BPD menawarkan kemitraan channeling",
        "Pembayaran listrik dan pulsa lewat koperasi",
        "Program digitalisasi koperasi dari Kemenkop",
        "Pasar hewan Ngawen ramai tiap Pon",
        "Anak muda desa mencari kerja di dekat rumah",
    ],
    Quadrant.THREAT: [
        "Pinjol ilegal menarik anggota 😡",
        "Bank menawarkan bunga lebih rendah",
        "Harga pupuk naik terus",
        "Minimarket waralaba buka di kecamatan",
        "Aturan baru OJK untuk simpan pinjam",
        "Kemarau panjang, panen bisa gagal ⚠️",
        "Bank keliling ('bank titil') di pasar",
        "Citra koperasi rusak karena kasus koperasi lain",
        "Anggota pindah tugas ke luar kabupaten",
        "Harga jagung anjlok saat panen raya",
        "Inflasi menggerus daya beli anggota",
    ],
}
TAILS = [
    "di Kecamatan Cepu",
    "— kata Pak Darmo",
    "(usulan Bu Ma'rifah)",
    "sejak 2016",
    "perlu dibahas lagi di RAT",
    "terutama unit toko",
    "menurut data pengurus 2017",
    "💰",
    "khususnya anggota guru SD",
    "di wilayah Randublatung dan Jepon",
    "dan ini sudah lama dikeluhkan",
    "(catatan kelompok 2)",
    "— setuju semua 👍",
    "kata Mas Yusuf, bendahara",
]
MIN_TEXT, MAX_TEXT = 20, 120


def note_text(quadrant: Quadrant, rng: random.Random) -> str:
    text = rng.choice(PHRASES[quadrant])
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        text = f"{text} {rng.choice(TAILS)}"
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT].rsplit(" ", 1)[0]
    return text if len(text) >= MIN_TEXT else f"{text} {rng.choice(TAILS)}"


def make_notes(count: int, rng: random.Random, when: dt.datetime) -> list[Note]:
    numbers = dict.fromkeys(Quadrant, 0)
    notes = []
    for _ in range(count):
        quadrant = rng.choice(list(Quadrant))
        numbers[quadrant] += 1
        created = when + dt.timedelta(seconds=rng.randint(0, 4 * 3600))
        notes.append(
            Note(
                quadrant=quadrant,
                text=note_text(quadrant, rng),
                position=float(numbers[quadrant]),
                number=numbers[quadrant],
                votes=rng.choice((0, 0, 0, 1, 2, 5)),
                created_at=created,
                updated_at=created,
                deleted_at=created + dt.timedelta(minutes=5) if rng.random() < 0.02 else None,
            )
        )
    return notes


def prepare(root: Path, notes: int, seed: int) -> dict[str, object]:
    """The Blora workshop with `notes` notes and timer progress, saved and closed."""
    rng = random.Random(seed)
    coops = [coop.id for _, coop in load_plan(BLORA).plan.cooperatives()]
    start = dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)
    opened = open_workshop(BLORA, root)
    try:
        for index, coop in enumerate(coops):
            share = notes // len(coops) + (1 if index < notes % len(coops) else 0)
            opened.store.put_many(coop, make_notes(share, rng, start))
    except BaseException:
        opened.close()
        raise
    # Timer progress with a clock that walks forward: the first item ran 50 minutes and
    # was finished, the second has run 20 minutes when the app is closed (suspended).
    clock_at = [start]

    def clock() -> dt.datetime:
        return clock_at[0]

    session = start_session(opened, clock)
    session.toggle_timer()
    clock_at[0] += dt.timedelta(minutes=50)
    session.next_item()
    session.toggle_timer()
    clock_at[0] += dt.timedelta(minutes=20)
    session.close()
    folder = opened.store.folder
    size = sum(p.stat().st_size for p in folder.glob("*.json"))
    return {"coops": len(coops), "folder": folder, "json_bytes": size}


# -- one start-up in a fresh process --------------------------------------------------------


def probe_args(variant: str, root: Path) -> list[str]:
    if variant.startswith("minimal"):
        return [variant]
    if variant == "resume":
        return ["workshop", "--root", str(root), "--plan", str(BLORA)]
    return ["launcher", "--root", str(root)]


def run_probe(variant: str, root: Path, env: dict[str, str]) -> dict[str, float]:
    cmd = [sys.executable, str(PROBE), *probe_args(variant, root)]
    t0 = time.monotonic()
    proc = subprocess.Popen(
        cmd, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out, err = proc.communicate(timeout=PROBE_TIMEOUT)
    t1 = time.monotonic()
    line = next((ln for ln in reversed(out.splitlines()) if ln.startswith("PROBE ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"probe {variant} failed ({proc.returncode}):\n{out}\n{err}")
    report = json.loads(line.removeprefix("PROBE "))
    s = report["stamps"]
    return {
        "wall": t1 - t0,
        "interpreter": s["start"] - t0,
        "imports": s["imports"] - s["start"],
        "create": s["created"] - s["imports"],
        "paint": s["paint"] - s["created"],
        "to_paint": s["paint"] - t0,
        "stop": s["run_returned"] - s["paint"],
        "exit": t1 - s["run_returned"],
        "rss_mib": report["peak_rss_kib"] / 1024,
        "screen": report["screen"],
        # CPU seconds the probe had used by its first paint (process_time: user + system):
        # what the host's other guests do to wall time barely moves it.
        "cpu_to_paint": report["cpu_at_paint"],
        "hook": report["paint_hook"],
    }


def count_instructions(root: Path, env: dict[str, str], work: Path) -> dict[str, int]:
    """Instructions each probe runs up to its first paint (`PROBE_STOP_AT_PAINT` ends the
    process there), counted by valgrind's callgrind. Empty if valgrind is missing."""
    if shutil.which("valgrind") is None:
        print("(valgrind not found: no instruction counts)")
        return {}
    counted: dict[str, int] = {}
    for variant in ("minimal", "minimal-pydantic", "resume"):
        out = work / f"callgrind.{variant}"
        cmd = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            str(PROBE),
            *probe_args(variant, root),
        ]
        proc = subprocess.run(
            cmd,
            cwd=PROJECT,
            env={**env, "PROBE_STOP_AT_PAINT": "1"},
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT * 20,
        )
        collected = [ln for ln in proc.stderr.splitlines() if "Collected :" in ln]
        if proc.returncode != 0 or not collected:
            raise RuntimeError(f"callgrind {variant} failed ({proc.returncode}):\n{proc.stderr}")
        counted[variant] = int(collected[-1].split(":")[-1].strip().replace(",", ""))
    return counted


# -- open_workshop alone, in this process ----------------------------------------------------


def time_open(root: Path) -> dict[str, float]:
    """`open_workshop` (lock, read, parse, validate, stamp meta, close), then its parts."""
    from workshop_tui.storage.atomic import parse_tinydb_json

    def timed(fn: Callable[[], object]) -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    def open_close() -> None:
        open_workshop(BLORA, root).close()

    open_close()  # warm
    opens = [timed(open_close) for _ in range(OPEN_REPEATS)]
    opened = open_workshop(BLORA, root)
    folder = opened.store.folder
    opened.close()
    files = sorted(folder.glob("coop-*.json"))
    parsed: list[dict[str, Any]] = []

    def read_parse() -> None:
        parsed[:] = [parse_tinydb_json(path, path.read_bytes()) for path in files]

    parse = statistics.median(timed(read_parse) for _ in range(OPEN_REPEATS))
    docs = [doc for data in parsed for doc in data.get(Note.TABLE, {}).values()]
    validate = statistics.median(
        timed(lambda: [Note.model_validate(doc) for doc in docs]) for _ in range(OPEN_REPEATS)
    )
    return {
        "open": statistics.median(opens),
        "open_min": min(opens),
        "read_parse": parse,
        "validate": validate,
        "docs": float(len(docs)),
    }


# -- report ---------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed start-ups per variant")
    parser.add_argument("--notes", type=int, default=10_000, help="notes in the workshop")
    parser.add_argument("--seed", type=int, default=20180219)
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions to the first paint under valgrind (~2 min, no noise)",
    )
    args = parser.parse_args()

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="workshop-tui-bench-startup-"))
    try:
        root = work / "data"
        # Children get the bench's data folder, and private XDG folders, so nothing they do
        # can touch the user's real data or settings.
        env = dict(os.environ)
        env["WORKSHOP_TUI_DATA_DIR"] = str(root)
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = str(work / "xdg" / name.lower())
        env.pop("TEXTUAL", None)  # no devtools / debug features in the probes
        # As on a user's machine, the first start writes the bytecode cache and later starts
        # read it (the installed libraries' caches were written by pip). A shell that sets
        # PYTHONDONTWRITEBYTECODE would otherwise make every probe of ours recompile the
        # project's sources (~80 ms) while the minimal app's are all cached.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        prepared = prepare(root, args.notes, args.seed)

        for variant in VARIANTS:  # warm-up: page cache, bytecode cache
            run_probe(variant, root, env)
        results: dict[str, list[dict[str, float]]] = {v: [] for v in VARIANTS}
        for round_ in range(args.runs):
            shift = round_ % len(VARIANTS)
            for variant in VARIANTS[shift:] + VARIANTS[:shift]:
                results[variant].append(run_probe(variant, root, env))
        opening = time_open(root)
        counted = count_instructions(root, env, work) if args.instructions else {}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.monotonic() - started

    def med(variant: str, key: str) -> float:
        return statistics.median(r[key] for r in results[variant])

    print(
        f"Start-up, process start → first headless paint (120×40) → exit, {args.runs} runs per "
        f"variant (interleaved, after one warm-up each), each in a fresh process.\n"
        f"Workshop: {BLORA.name}, {args.notes:,} notes over {prepared['coops']} cooperatives "
        f"({int(prepared['json_bytes']) / 1e6:.1f} MB of JSON), timers resumed.\n"
        f"Python {platform.python_version()}, textual {version('textual')}, "
        f"pydantic {version('pydantic')}, tinydb {version('tinydb')}, "
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs.\n"
    )
    base_paint = med("minimal", "to_paint")
    base_wall = med("minimal", "wall")
    base_rss = med("minimal", "rss_mib")
    labels = {
        "minimal": "minimal (Header, Static, Footer)",
        "minimal-pydantic": "minimal + one pydantic model",
        "resume": f"resume Blora, {args.notes:,} notes",
        "launcher": "launcher `create_app(root, None)`",
    }
    print(
        "| variant | spawn → first paint, median ms | min ms | ratio vs minimal | "
        "spawn → exit, median ms | ratio vs minimal | peak RSS MiB | ratio vs minimal |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for v in VARIANTS:
        paint = [r["to_paint"] for r in results[v]]
        print(
            f"| {labels[v]} | {ms(statistics.median(paint))} | {ms(min(paint))} | "
            f"{med(v, 'to_paint') / base_paint:.2f}× | {ms(med(v, 'wall'))} | "
            f"{med(v, 'wall') / base_wall:.2f}× | {med(v, 'rss_mib'):.1f} | "
            f"{med(v, 'rss_mib') / base_rss:.2f}× |"
        )

    time_ratio = med("resume", "to_paint") / base_paint
    mem_ratio = med("resume", "rss_mib") / base_rss
    print()
    verdict = "PASS" if time_ratio <= TIME_TARGET else "FAIL"
    print(
        f"{verdict}  start-up (spawn → first paint): resume {time_ratio:.2f}× minimal "
        f"(target ≤ {TIME_TARGET}×)"
    )
    verdict = "PASS" if mem_ratio <= MEMORY_TARGET else "FAIL"
    print(f"{verdict}  peak memory: resume {mem_ratio:.2f}× minimal (target ≤ {MEMORY_TARGET}×)")
    floor = med("minimal-pydantic", "to_paint") / base_paint
    print(
        f"(the pydantic floor: minimal + one model {floor:.2f}× minimal; resume "
        f"{med('resume', 'to_paint') / med('minimal-pydantic', 'to_paint'):.2f}× that floor)"
    )
    cpu_ratio = med("resume", "cpu_to_paint") / med("minimal", "cpu_to_paint")
    cpu_floor = med("resume", "cpu_to_paint") / med("minimal-pydantic", "cpu_to_paint")
    print(
        f"(CPU time to first paint: minimal {ms(med('minimal', 'cpu_to_paint'))} ms, "
        f"minimal + one model {ms(med('minimal-pydantic', 'cpu_to_paint'))} ms, resume "
        f"{ms(med('resume', 'cpu_to_paint'))} ms: {cpu_ratio:.2f}× minimal, "
        f"{cpu_floor:.2f}× the pydantic floor)"
    )
    # Each round runs every variant back to back: a ratio within a round sees one machine
    # state, so its median moves less with the host than the ratio of medians does.
    paired = [
        r["to_paint"] / m["to_paint"]
        for r, m in zip(results["resume"], results["minimal"], strict=True)
    ]
    quartiles = statistics.quantiles(paired, n=4) if len(paired) > 1 else paired * 3
    print(
        f"(spawn → first paint, resume / minimal within each round: median "
        f"{statistics.median(paired):.2f}×, quartiles {quartiles[0]:.2f}–{quartiles[2]:.2f}×)"
    )

    print("\nBreakdown, median ms per phase (stamps from the probe, on the parent's clock):\n")
    print(
        "| variant | interpreter start | imports | create app | first paint | stop app | "
        "interpreter exit | = total | spawn → paint |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    phases = ("interpreter", "imports", "create", "paint", "stop", "exit")
    for v in VARIANTS:
        cells = [ms(med(v, k)) for k in phases]
        print(f"| {v} | {' | '.join(cells)} | {ms(med(v, 'wall'))} | {ms(med(v, 'to_paint'))} |")
    screens = {v: results[v][0]["screen"] for v in VARIANTS}
    print(
        f"\ncreate app = building the App (for ours: `create_app`, i.e. `open_workshop` — lock, "
        f"read and validate the workshop file, stamp meta, the cooperative files left for "
        f"after the first paint — and `WorkshopApp.__init__`); first paint = "
        f"`run` until the first frame of the visible screen ({', '.join(f'{v}: {s}' for v, s in screens.items())}; "
        f"hook: {results['minimal'][0]['hook']}); stop app = `run` returning and "
        f"`close_session` (for ours with the cooperative files' check and the backup that "
        f"follow the first paint); interpreter exit = from there to the process's end (printing "
        f"the report, then the interpreter's teardown of its modules and objects)."
    )
    print(
        f"\n`open_workshop` alone, in-process (warm imports), median of {OPEN_REPEATS}: "
        f"{ms(opening['open'])} ms (min {ms(opening['open_min'])}); of which reading + parsing "
        f"the {prepared['coops']} cooperative files {ms(opening['read_parse'])} ms and "
        f"`Note.model_validate` of {int(opening['docs']):,} notes {ms(opening['validate'])} ms."
    )
    if counted:
        base = counted["minimal"]
        print(
            "\nInstructions from process start to the first paint (valgrind callgrind, one "
            "run each: the same count whatever the host does):\n"
        )
        print("| variant | instructions | ratio vs minimal |\n|---|---:|---:|")
        for v, count in counted.items():
            print(f"| {labels[v]} | {count / 1e6:,.0f} M | {count / base:.3f}× |")
    print(f"Total run time: {elapsed:.1f} s.")


if __name__ == "__main__":
    main()
