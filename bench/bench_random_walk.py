"""The whole app under random use, longer: the walk of tests/test_random_walk.py.

Run from the project root:

    .venv/bin/python bench/bench_random_walk.py                    # 10 seeds × 5,000 keys
    .venv/bin/python bench/bench_random_walk.py --seeds 2 --keys 500     # quick look
    .venv/bin/python bench/bench_random_walk.py --seed 31337 --keys 20000  # one seed, long

Each seed: a fresh temporary data folder holding the Blora workshop with some work done
(tests/random_walk.py: `seed_workshop`), the real app (`create_app`, headless `run_test`
at 80×24), a seeded walk of KEYS keys over every screen (the alphabets of
tests/random_walk.py; the folder compared with the app's state every CHECK_EVERY keys),
then Ctrl+Q, the workshop reopened from disk and compared with what the app held, and a
fresh app started on the same folder, which must stand where the first one quit.

Prints one line per seed (keys, seconds, ms per key, result) and a total; a failure prints
the exception, the seed and the last steps, and the run goes on with the next seed. The
exit code is the number of failed seeds (0: all passed).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import BLORA, WIB, FakeClock  # noqa: E402
from random_walk import walk_and_quit  # noqa: E402

from workshop_tui.storage.paths import DATA_DIR_ENV  # noqa: E402

START = (80, 24)


async def one_walk(seed: int, keys: int, check_every: int, scratch: Path) -> str:
    """One seed from a fresh folder; returns a summary, raises on any failure."""
    root = scratch / f"seed-{seed}"
    os.environ[DATA_DIR_ENV] = str(root)
    # The tests' clock: 08:25 WIB on the first day of the workshop.
    clock = FakeClock(dt.datetime(2018, 2, 19, 8, 25, tzinfo=WIB).astimezone(dt.UTC))
    report = await walk_and_quit(
        BLORA, root, clock, seed, keys, check_every=check_every, size=START
    )
    summary: str = report.summary()
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=10, help="how many seeds (1, 2, 3...)")
    parser.add_argument("--seed", type=int, action="append", help="these seeds instead")
    parser.add_argument("--keys", type=int, default=5000, help="keys per walk")
    parser.add_argument("--check-every", type=int, default=500, help="compare with the folder")
    parser.add_argument("--verbose", action="store_true", help="where the keys went")
    args = parser.parse_args()
    seeds = args.seed or list(range(1, args.seeds + 1))
    os.environ["TZ"] = "Asia/Jakarta"  # local times as Blora's, as in the tests
    time.tzset()

    scratch = Path(tempfile.mkdtemp(prefix=".bench-walk-", dir=ROOT / "bench"))
    failed = 0
    total_keys, total_seconds = 0, 0.0
    print(f"{len(seeds)} seeds × {args.keys} keys, headless {START[0]}×{START[1]} at start")
    print(f"{'seed':>8} {'keys':>7} {'seconds':>8} {'ms/key':>7}  result")
    try:
        for seed in seeds:
            start = time.perf_counter()
            try:
                summary = asyncio.run(one_walk(seed, args.keys, args.check_every, scratch))
                result = "ok"
            except Exception as exc:
                failed += 1
                summary = ""
                result = f"FAILED: {exc}"
                traceback.print_exc()
            seconds = time.perf_counter() - start
            total_keys += args.keys
            total_seconds += seconds
            print(
                f"{seed:>8} {args.keys:>7} {seconds:>8.1f} {1000 * seconds / args.keys:>7.1f}"
                f"  {result}",
                flush=True,
            )
            if args.verbose and summary:
                print(f"         {summary}")
            shutil.rmtree(scratch / f"seed-{seed}", ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"{'total':>8} {total_keys:>7} {total_seconds:>8.1f} "
        f"{1000 * total_seconds / max(1, total_keys):>7.1f}  "
        f"{len(seeds) - failed} passed, {failed} failed"
    )
    return failed


if __name__ == "__main__":
    sys.exit(main())
