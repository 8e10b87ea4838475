"""SWOT board: key latency while typing a note, and commit latency as other groups grow.

Run from the project root:

    .venv/bin/python bench/bench_swot.py [--rounds 3] [--keys 100] [--commits 200]
    .venv/bin/python bench/bench_swot.py --profile      # + cProfile of the real app's keys

1. Key latency (headless, `app.run_test(size=(120, 40))`, `await pilot.press(ch)` timed one
   key at a time with `perf_counter`), in the same process, interleaved in ROUNDS rounds of
   KEYS keys per variant (the order rotating each round) so machine noise hits all alike:

   - (a) bare: a Textual app holding one focused `Input` (Enter clears it);
   - (b) swot: `create_app(root, sessions/blora-2018.toml)` resumed on the SWOT board (F3)
     of a cooperative holding 500 notes over the four quadrants, focus in `#input-S`. Each
     keystroke saves a Draft to the workshop shard (durable): part of the cost, on purpose;
   - (b') swot, no draft: the same with `SwotBoard.set_draft` patched to a no-op, to show
     the draft's share (informational only: the real app must save drafts).

   Each round starts a fresh app (the real one on a fresh copy of the prepared data
   folder, so the board holds exactly 500 notes), types a few untimed warm-up keys and
   Enter, then KEYS timed letters (lower-case Indonesian words, spaces included), with an
   Enter after every NOTE_KEYS letters. The Enters are timed apart: (b)'s Enter is the
   commit path (note added to the store, fsynced, appended to the quadrant's list).

   Headless `pilot.press` waits for the process to go idle in 20 ms sleeps, so wall times
   are quantised and have a floor of ~60 ms even for the bare app: judge the ratio (b)/(a),
   never the absolute. The CPU time of this process per key (`process_time`) is printed too:
   it is not quantised, and shows the app's own work per key.

2. Commit latency flatness: `session.swot.add(coop, Quadrant.STRENGTH, text)` (the real,
   durable path) of one note into a cooperative holding 200 notes, while the OTHER seven
   cooperatives hold 0, 1,000 and 10,000 notes in total. A fresh data folder per size,
   prepared, closed and re-opened with every shard loaded (as after visiting every group),
   then 5 untimed and COMMITS timed commits. The sizes run one after the other (not
   interleaved): the loaded notes of one size must not weigh on another's garbage collector.

Targets (issue #4): key latency ratio (b)/(a) ≤ 1.2×; commit latency flat as other groups
grow (p95 ratio ≈ 1.0×). PASS/FAIL is informational; the exit code is 0 either way.

Scratch files go to a temporary folder under bench/ (same disk as the project) that is
removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import math
import os
import platform
import pstats
import random
import shutil
import string
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any
from unittest import mock

from textual.app import App, ComposeResult
from textual.widgets import Input

from workshop_tui.domain.state import Draft, Note, Quadrant
from workshop_tui.session import start_session
from workshop_tui.storage.paths import DATA_DIR_ENV
from workshop_tui.storage.plan_file import load_plan
from workshop_tui.storage.workshop import open_workshop
from workshop_tui.tui.launch import create_app
from workshop_tui.workflows.swot import SwotBoard, draft_key

PROJECT = Path(__file__).resolve().parent.parent
BLORA = PROJECT / "sessions" / "blora-2018.toml"
SIZE = (120, 40)
KEY_TARGET = 1.2
BOARD_NOTES = 500
NOTE_KEYS = 20  # letters typed per note before Enter
WARMUP_KEYS = "musim"
COMMIT_WARMUP = 5
COMMIT_COOP_NOTES = 200
OTHER_SIZES = (0, 1_000, 10_000)
DRAFT_WRITES = 200

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
        "Pengajian Jum'at jadi ajang sosialisasi koperasi",
    ],
    Quadrant.WEAKNESS: [
        "Kredit macet di unit toko masih tinggi",
        "Pengurus belum paham akuntansi koperasi",
        "Pencatatan masih manual di buku besar",
        "Rapat anggota jarang dihadiri 😕",
        "Gudang sempit dan atapnya bocor",
        "Komputer kantor sudah tua, sering 'hang'",
    ],
    Quadrant.OPPORTUNITY: [
        "Program KUR dan dana bergulir dari Pemda",
        "Permintaan jagung dan beras terus naik 🌾",
        "Kerja sama dengan BUMDes di tiap desa",
        "Jualan lewat marketplace dan WhatsApp 📱",
        "Dinas Koperasi Blora membuka pelatihan gratis",
        "Pasar hewan Ngawen ramai tiap Pon",
    ],
    Quadrant.THREAT: [
        "Pinjol ilegal menarik anggota 😡",
        "Bank menawarkan bunga lebih rendah",
        "Harga pupuk naik terus",
        "Minimarket waralaba buka di kecamatan",
        "Kemarau panjang, panen bisa gagal ⚠️",
        "Bank keliling ('bank titil') di pasar",
    ],
}
TAILS = [
    "di Kecamatan Cepu",
    "— kata Pak Darmo",
    "(usulan Bu Ma'rifah)",
    "sejak 2016",
    "perlu dibahas lagi di RAT",
    "terutama unit toko",
    "khususnya anggota guru SD",
    "di wilayah Randublatung dan Jepon",
    "(catatan kelompok 2)",
    "— setuju semua 👍",
]
MIN_TEXT, MAX_TEXT = 20, 120


def note_text(quadrant: Quadrant, rng: random.Random) -> str:
    text = rng.choice(PHRASES[quadrant])
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        text = f"{text} {rng.choice(TAILS)}"
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT].rsplit(" ", 1)[0]
    return text if len(text) >= MIN_TEXT else f"{text} {rng.choice(TAILS)}"


def make_notes(count: int, rng: random.Random) -> list[Note]:
    """`count` live notes spread over the four quadrants, numbered per quadrant."""
    numbers = dict.fromkeys(Quadrant, 0)
    notes = []
    for _ in range(count):
        quadrant = rng.choice(list(Quadrant))
        numbers[quadrant] += 1
        notes.append(
            Note(
                quadrant=quadrant,
                text=note_text(quadrant, rng),
                position=float(numbers[quadrant]),
                number=numbers[quadrant],
                votes=rng.choice((0, 0, 0, 1, 2)),
            )
        )
    return notes


def typed_keys(count: int, rng: random.Random) -> list[str]:
    """`count` keys to type: lower-case letters and spaces of Indonesian phrases."""
    allowed = set(string.ascii_lowercase + " ")
    stream: list[str] = []
    while len(stream) < count:
        text = note_text(rng.choice(list(Quadrant)), rng).lower()
        words = "".join(c for c in text if c in allowed).split()
        stream.extend(" ".join(words) + " ")
    return stream[:count]


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def ms(seconds: float, digits: int = 1) -> str:
    return f"{seconds * 1000:.{digits}f} ms"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def coop_ids() -> list[str]:
    return [coop.id for _, coop in load_plan(BLORA).plan.cooperatives()]


# -- 1. key latency -------------------------------------------------------------------------


class BareApp(App[None]):
    """The floor: one focused Input, nothing else."""

    def compose(self) -> ComposeResult:
        yield Input(id="bare")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.value = ""


@dataclass
class Samples:
    keys: list[float] = field(default_factory=list)
    keys_cpu: list[float] = field(default_factory=list)
    enters: list[float] = field(default_factory=list)


def prepare_board(root: Path, rng: random.Random) -> str:
    """The Blora workshop, standing on the SWOT board of its first cooperative, which holds
    BOARD_NOTES notes; saved and closed. Returns the cooperative's id."""
    opened = open_workshop(BLORA, root)
    session = start_session(opened)
    try:
        coop = coop_ids()[0]
        opened.store.put_many(coop, make_notes(BOARD_NOTES, rng))
        session.select_cooperative(coop)
        session.set_location(screen="swot")
    finally:
        session.close()
    return coop


class Variant:
    name = ""

    def make_app(self, round_: int) -> App[Any]:
        raise NotImplementedError

    @contextmanager
    def patched(self) -> Iterator[None]:
        yield

    def check_ready(self, app: App[Any]) -> None:
        """Before timing: the app stands where the bench thinks it does."""

    def check_typed(self, app: App[Any], text: str) -> None:
        """After the warm-up letters, before their Enter."""

    def check_committed(self, app: App[Any], before: int) -> None:
        """After the warm-up Enter."""

    def count(self, app: App[Any]) -> int:
        return 0


class Bare(Variant):
    name = "bare"

    def make_app(self, round_: int) -> App[Any]:
        return BareApp()

    def check_ready(self, app: App[Any]) -> None:
        assert app.focused is not None and app.focused.id == "bare", app.focused


class Swot(Variant):
    name = "swot"

    def __init__(self, prepared: Path, work: Path, coop: str, *, drafts: bool = True) -> None:
        self.prepared = prepared
        self.work = work
        self.coop = coop
        self.drafts = drafts
        if not drafts:
            self.name = "swot-nodraft"

    def make_app(self, round_: int) -> App[Any]:
        root = self.work / f"{self.name}-{round_}"
        shutil.copytree(self.prepared, root)
        return create_app(root, BLORA)

    @contextmanager
    def patched(self) -> Iterator[None]:
        if self.drafts:
            yield
            return

        def no_draft(*args: object, **kwargs: object) -> None:
            return None

        with mock.patch.object(SwotBoard, "set_draft", no_draft):
            yield

    def _screen(self, app: App[Any]) -> Any:
        screen = app.screen
        assert screen.name == "swot", f"not on the SWOT board: {screen!r}"
        return screen

    def check_ready(self, app: App[Any]) -> None:
        screen = self._screen(app)
        assert screen.coop_id == self.coop, screen.coop_id
        assert app.focused is not None and app.focused.id == "input-S", app.focused
        shown = sum(screen.note_list(q).option_count for q in Quadrant)
        assert shown == BOARD_NOTES, f"board shows {shown} notes, not {BOARD_NOTES}"
        notices = getattr(app, "_notifications", [])
        assert not len(notices), "a notification is up (it would be drawn on every frame)"

    def check_typed(self, app: App[Any], text: str) -> None:
        draft = app.session.store.state.workshop.get(  # type: ignore[attr-defined]
            Draft, draft_key(self.coop, Quadrant.STRENGTH)
        )
        if self.drafts:
            assert draft is not None and draft.text == text, f"no draft per key: {draft!r}"
        else:
            assert draft is None, draft

    def count(self, app: App[Any]) -> int:
        return len(self._screen(app).note_list(Quadrant.STRENGTH)._notes)

    def check_committed(self, app: App[Any], before: int) -> None:
        assert self.count(app) == before + 1, "Enter did not add the note to the list"
        assert app.focused is not None and app.focused.id == "input-S", app.focused


async def type_round(variant: Variant, round_: int, keys: list[str], into: Samples) -> None:
    app = variant.make_app(round_)
    # As `run_app` does once the app is built: what is loaded lives as long as the app.
    gc.collect()
    gc.freeze()
    try:
        with variant.patched():
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                variant.check_ready(app)
                for ch in WARMUP_KEYS:
                    await pilot.press(ch)
                variant.check_typed(app, WARMUP_KEYS)
                before = variant.count(app)
                await pilot.press("enter")
                variant.check_committed(app, before)
                for index, ch in enumerate(keys, 1):
                    t0, c0 = time.perf_counter(), time.process_time()
                    await pilot.press(ch)
                    t1, c1 = time.perf_counter(), time.process_time()
                    into.keys.append(t1 - t0)
                    into.keys_cpu.append(c1 - c0)
                    if index % NOTE_KEYS == 0:
                        t0 = time.perf_counter()
                        await pilot.press("enter")
                        into.enters.append(time.perf_counter() - t0)
    finally:
        gc.unfreeze()


async def key_latency(
    variants: list[Variant], rounds: int, keys: int, seed: int
) -> dict[str, Samples]:
    rng = random.Random(seed)
    results = {v.name: Samples() for v in variants}
    for round_ in range(rounds):
        text = typed_keys(keys, rng)  # the same keys for every variant in a round
        shift = round_ % len(variants)
        for variant in variants[shift:] + variants[:shift]:
            await type_round(variant, round_, text, results[variant.name])
    return results


def draft_writes(prepared: Path, work: Path, coop: str, seed: int) -> list[float]:
    """`SwotBoard.set_draft` alone (no UI): one durable write of the workshop shard."""
    root = work / "drafts"
    shutil.copytree(prepared, root)
    session = start_session(open_workshop(BLORA, root))
    try:
        text = "".join(typed_keys(DRAFT_WRITES + 5, random.Random(seed)))
        samples = [
            timed(partial(session.swot.set_draft, coop, Quadrant.STRENGTH, text[:k]))
            for k in range(1, len(text) + 1)
        ]
    finally:
        session.close()
    return samples[5:]


async def profile_keys(variant: Swot, keys: int, seed: int) -> str:
    """cProfile of KEYS real-app key presses (the pilot's idle waits included)."""
    text = typed_keys(keys, random.Random(seed))
    app = variant.make_app(99)
    profiler = cProfile.Profile()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        variant.check_ready(app)
        profiler.enable()
        for ch in text:
            await pilot.press(ch)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    return out.getvalue()


# -- 2. commit latency as other groups grow --------------------------------------------------


def commit_latency(work: Path, others_total: int, commits: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    root = work / f"commit-{others_total}"
    coops = coop_ids()
    target, others = coops[0], coops[1:]
    opened = open_workshop(BLORA, root)
    try:
        opened.store.put_many(target, make_notes(COMMIT_COOP_NOTES, rng))
        for index, coop in enumerate(others):
            share = others_total // len(others) + (1 if index < others_total % len(others) else 0)
            if share:
                opened.store.put_many(coop, make_notes(share, rng))
    finally:
        opened.close()
    opened = open_workshop(BLORA, root)
    opened.store.load_all()  # as after visiting every group
    session = start_session(opened)
    loaded = sum(len(opened.store.state.cooperative(c).table(Note)) for c in coops)
    assert loaded == COMMIT_COOP_NOTES + others_total, loaded
    board = session.swot
    texts = [note_text(Quadrant.STRENGTH, rng) for _ in range(COMMIT_WARMUP + commits)]
    try:
        gc.collect()
        samples = [timed(partial(board.add, target, Quadrant.STRENGTH, t)) for t in texts]
        assert len(board.notes(target, Quadrant.STRENGTH)) > commits
    finally:
        session.close()
    return samples[COMMIT_WARMUP:]


# -- report ---------------------------------------------------------------------------------


def verdict(ratio: float) -> str:
    return "PASS" if ratio <= KEY_TARGET else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--keys", type=int, default=100, help="timed keys per variant per round")
    parser.add_argument("--commits", type=int, default=200, help="timed commits per size")
    parser.add_argument("--seed", type=int, default=20180219)
    parser.add_argument("--profile", action="store_true", help="cProfile the real app's keys")
    args = parser.parse_args()
    if args.keys % NOTE_KEYS:
        parser.error(f"--keys must be a multiple of {NOTE_KEYS} (letters per note)")

    started = time.perf_counter()
    bench_dir = Path(__file__).resolve().parent
    work = Path(tempfile.mkdtemp(prefix=".bench-swot-", dir=bench_dir))
    os.environ[DATA_DIR_ENV] = str(work / "data")  # nothing may touch the real data folder
    try:
        prepared = work / "prepared"
        coop = prepare_board(prepared, random.Random(args.seed))
        swot = Swot(prepared, work, coop)
        variants: list[Variant] = [Bare(), swot, Swot(prepared, work, coop, drafts=False)]
        keys = asyncio.run(key_latency(variants, args.rounds, args.keys, args.seed))
        drafts = draft_writes(prepared, work, coop, args.seed)
        profile = asyncio.run(profile_keys(swot, args.keys, args.seed)) if args.profile else ""
        gc.collect()
        commits = {n: commit_latency(work, n, args.commits, args.seed + n) for n in OTHER_SIZES}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started

    total = args.rounds * args.keys
    print(
        f"SWOT board benchmark. Python {platform.python_version()}, "
        f"textual {version('textual')}, tinydb {version('tinydb')}, "
        f"pydantic {version('pydantic')}, {platform.system()} {platform.release()}, "
        f"{os.cpu_count()} CPUs.\n"
    )
    print(
        f"Key latency, headless {SIZE[0]}×{SIZE[1]}, `await pilot.press(ch)` timed per key: "
        f"{total} letters per variant ({args.rounds} interleaved rounds of {args.keys}, "
        f"Enter after every {NOTE_KEYS}). (b) is the Blora SWOT board, cooperative "
        f"`{coop}` holding {BOARD_NOTES} notes, typing into Strengths.\n"
    )
    bare = keys["bare"]
    b50, b95 = percentile(bare.keys, 50), percentile(bare.keys, 95)
    labels = {
        "bare": "(a) bare `Input`",
        "swot": "(b) SWOT board, 500 notes",
        "swot-nodraft": "(b′) same, `set_draft` no-op — informational",
    }
    print("| variant | keys | p50 | p95 | ratio p50 | ratio p95 | CPU/key p50 | CPU/key p95 |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    for name, label in labels.items():
        s = keys[name]
        p50, p95 = percentile(s.keys, 50), percentile(s.keys, 95)
        print(
            f"| {label} | {len(s.keys)} | {ms(p50)} | {ms(p95)} | {p50 / b50:.2f}× | "
            f"{p95 / b95:.2f}× | {ms(percentile(s.keys_cpu, 50), 2)} | "
            f"{ms(percentile(s.keys_cpu, 95), 2)} |"
        )
    s = keys["swot"]
    r50 = percentile(s.keys, 50) / b50
    r95 = percentile(s.keys, 95) / b95
    print(
        f"\nTarget (b)/(a) ≤ {KEY_TARGET}×: p50 {r50:.2f}× {verdict(r50)}, "
        f"p95 {r95:.2f}× {verdict(r95)} (informational).\n"
    )
    print("| Enter (informational, not part of the target) | presses | p50 | p95 | ratio p50 |")
    print("|---|--:|--:|--:|--:|")
    e50 = percentile(bare.enters, 50)
    enter_labels = {
        "bare": "(a) bare `Input` submit",
        "swot": "(b) commit the typed note (store + list append)",
        "swot-nodraft": "(b′) same, `set_draft` no-op",
    }
    for name, label in enter_labels.items():
        e = keys[name].enters
        print(
            f"| {label} | {len(e)} | {ms(percentile(e, 50))} | {ms(percentile(e, 95))} | "
            f"{percentile(e, 50) / e50:.2f}× |"
        )
    d50 = percentile(drafts, 50)
    print(
        f"\nDraft per keystroke: `SwotBoard.set_draft` alone (durable write of the workshop "
        f"shard), {len(drafts)} calls: p50 {ms(d50, 2)}, p95 {ms(percentile(drafts, 95), 2)} "
        f"= {d50 / percentile(s.keys, 50):.1%} of (b)'s p50 key.\n"
    )

    print(
        f"Commit latency of one note (`session.swot.add`, durable) into a cooperative of "
        f"{COMMIT_COOP_NOTES} notes, {args.commits} commits per size (after "
        f"{COMMIT_WARMUP} untimed), every shard loaded; a fresh data folder per size.\n"
    )
    print("| notes in the other 7 cooperatives | p50 | p95 | max |")
    print("|--:|--:|--:|--:|")
    for n, c in commits.items():
        print(
            f"| {n:,} | {ms(percentile(c, 50), 2)} | {ms(percentile(c, 95), 2)} | {ms(max(c), 2)} |"
        )
    low, high = commits[OTHER_SIZES[0]], commits[OTHER_SIZES[-1]]
    print(
        f"\np95 at {OTHER_SIZES[-1]:,} / p95 at {OTHER_SIZES[0]:,}: "
        f"{percentile(high, 95) / percentile(low, 95):.2f}× (flat ≈ 1.0×); "
        f"p50 ratio {percentile(high, 50) / percentile(low, 50):.2f}×."
    )
    print(f"Total run time: {elapsed:.1f} s.")
    if profile:
        print(f"\ncProfile of {args.keys} key presses on (b):\n\n{profile}")


if __name__ == "__main__":
    main()
