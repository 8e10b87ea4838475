"""Commit latency of one note: the sharded atomic store against stock TinyDB.

Run from the project root:

    .venv/bin/python bench/bench_commit.py [--commits 200] [--sizes 100,1000,10000]

For each workshop size N the notes are spread over 10 cooperative shards (preloaded with one
`put_many` per shard), then `WorkshopStore.put` of ONE new note is timed, COMMITS times, into
a shard picked at random. In the same run, interleaved commit by commit, the same notes sit
in one stock TinyDB file (`TinyDB(path)`, default `JSONStorage`) and one
`db.table("notes").insert(doc)` is timed. Both make the commit durable (fsync) before they
return; ours also fsyncs the folder after its `os.replace`.

The floor is the median cost of `atomic_write_bytes` of a 9 KB payload (temp file, fsync,
rename, fsync of the folder): no commit can be cheaper than that on this disk.

Scratch files go to a temporary folder under bench/ (same disk as the project) that is
removed at the end.
"""

from __future__ import annotations

import argparse
import math
import platform
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from tinydb import TinyDB

from workshop_tui.domain.state import Note, Quadrant
from workshop_tui.storage.atomic import atomic_write_bytes
from workshop_tui.storage.store import WorkshopStore

SHARDS = [f"kop-{i}" for i in range(1, 11)]
WARMUP = 5
FLOOR_PAYLOAD = 9 * 1024
WORDS = [
    *("kas", "simpan", "pinjam", "anggota", "modal", "usaha", "pasar", "pupuk", "benih"),
    *("gudang", "panen", "harga", "pelatihan", "pengurus", "rapat", "laporan", "kredit"),
    *("macet", "bunga", "tabungan", "jaringan", "mitra", "desa", "koperasi"),
]


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def make_note(number: int, rng: random.Random) -> Note:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
    return Note(
        quadrant=rng.choice(list(Quadrant)),
        text=f"{number}: {words}",
        position=float(number),
        number=number,
    )


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_size(work: Path, n: int, commits: int, seed: int) -> dict[str, list[float]]:
    rng = random.Random(seed)
    notes = [make_note(i, rng) for i in range(n)]

    folder = work / f"ours-{n}"
    store = WorkshopStore.open(folder)
    for index, shard in enumerate(SHARDS):
        store.put_many(shard, notes[index :: len(SHARDS)])

    db = TinyDB(work / f"stock-{n}.json")
    table = db.table("notes")
    table.insert_multiple(note.model_dump(mode="json") for note in notes)

    ours: list[float] = []
    stock: list[float] = []
    try:
        for k in range(WARMUP + commits):
            new = make_note(n + k, rng)
            shard = rng.choice(SHARDS)
            doc = new.model_dump(mode="json")
            t_ours = timed(lambda new=new, shard=shard: store.put(shard, new))
            t_stock = timed(lambda doc=doc: table.insert(doc))
            if k >= WARMUP:
                ours.append(t_ours)
                stock.append(t_stock)
    finally:
        store.close()
        db.close()
    return {"ours": ours, "stock": stock}


def bench_floor(work: Path, commits: int) -> list[float]:
    path = work / "floor.json"
    payload = b"x" * FLOOR_PAYLOAD
    samples = [timed(lambda: atomic_write_bytes(path, payload)) for _ in range(WARMUP + commits)]
    return samples[WARMUP:]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=200, help="timed commits per size")
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated note counts")
    parser.add_argument("--seed", type=int, default=20180219)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    bench_dir = Path(__file__).resolve().parent
    work = Path(tempfile.mkdtemp(prefix=".bench-commit-", dir=bench_dir))
    started = time.perf_counter()
    try:
        # The floor first, before the big stock files leave dirty pages to write back.
        floor = bench_floor(work, args.commits)
        rows = []
        for n in sizes:
            result = bench_size(work, n, args.commits, args.seed + n)
            rows.append((n, result["ours"], result["stock"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started

    print(
        f"Commit latency of one note, {args.commits} commits per size, notes spread over "
        f"{len(SHARDS)} cooperative shards (ours) vs one stock TinyDB JSONStorage file.\n"
        f"Python {platform.python_version()}, tinydb {version('tinydb')}, "
        f"pydantic {version('pydantic')}, {platform.system()} {platform.release()}.\n"
    )
    print("| notes | ours p50 | ours p95 | stock p50 | stock p95 | ratio p95 (stock/ours) |")
    print("|------:|---------:|---------:|----------:|----------:|-----------------------:|")
    for n, ours, stock in rows:
        o50, o95 = percentile(ours, 50), percentile(ours, 95)
        s50, s95 = percentile(stock, 50), percentile(stock, 95)
        print(f"| {n:,} | {ms(o50)} | {ms(o95)} | {ms(s50)} | {ms(s95)} | {s95 / o95:.1f}× |")
    print(
        f"\nFloor: atomic_write_bytes of a {FLOOR_PAYLOAD // 1024} KB payload "
        f"(temp file, fsync, rename, fsync folder): p50 {ms(percentile(floor, 50))}, "
        f"p95 {ms(percentile(floor, 95))}."
    )
    print(f"Total run time: {elapsed:.1f} s.")


if __name__ == "__main__":
    main()
