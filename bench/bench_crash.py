"""The crash test, longer: many more SIGKILLs than the suite's 220, over several seeds.

    .venv/bin/python bench/bench_crash.py [--seeds 3] [--rounds 60]

Runs tests/test_crash.py once per seed with WORKSHOP_TUI_CRASH_SEED and
WORKSHOP_TUI_CRASH_ROUNDS (kills per change kind; 11 kinds), and prints each run's totals
line and the sum. Any unreadable file or lost acknowledged change fails that run.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=60, help="kills per change kind")
    parser.add_argument("--first-seed", type=int, default=1)
    args = parser.parse_args()
    total_kills = 0
    failed = 0
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        env = {
            **os.environ,
            "WORKSHOP_TUI_CRASH_SEED": str(seed),
            "WORKSHOP_TUI_CRASH_ROUNDS": str(args.rounds),
        }
        started = time.monotonic()
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-s",
                "-p",
                "no:cacheprovider",
                "tests/test_crash.py",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - started
        totals = re.search(r"crash test: (\d+) SIGKILLs.*", run.stdout)
        kills = int(totals.group(1)) if totals else 0
        total_kills += kills
        status = "PASS" if run.returncode == 0 else "FAIL"
        failed += run.returncode != 0
        print(f"seed {seed}: {status} {kills} SIGKILLs in {seconds:.0f} s")
        if totals:
            print(f"  {totals.group(0)}")
        if run.returncode != 0:
            print(run.stdout[-4000:])
    print(f"{total_kills} SIGKILLs over {args.seeds} seeds; {failed} run(s) failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
