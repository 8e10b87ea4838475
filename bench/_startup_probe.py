"""One start-up of one app, in a fresh process: the child half of `bench_startup.py`.

    python bench/_startup_probe.py minimal
    python bench/_startup_probe.py minimal-pydantic
    python bench/_startup_probe.py workshop --root DATA --plan PLAN
    python bench/_startup_probe.py launcher --root DATA

Runs the app with the real `App.run(headless=True, size=(120, 40))` path and makes it exit
right after the first paint of the screen the user would see (the default screen for the
minimal app, the resumed main screen or the launcher for ours). At exit it prints one line,
`PROBE {json}`, holding `time.monotonic()` stamps (CLOCK_MONOTONIC: the same clock in the
parent, so the parent can place them against its own spawn time) and the process's own
peak RSS (`VmHWM`, KiB; see `_peak_rss_kib`).

"First paint": the first time the app hands a rendered frame of that screen to its driver
(`App._display`, which the headless driver then discards). The compositor has laid out and
rendered every visible widget by then; only the write to a terminal is skipped. This hooks a
private method of Textual 8.2.8 on the instance; if Textual drops it, the probe falls back
to an auto-pilot that waits for the screen to settle (`pilot.pause()`), and says so.
"""

from __future__ import annotations

import time

T_START = time.monotonic()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

SIZE = (120, 40)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("variant", choices=["minimal", "minimal-pydantic", "workshop", "launcher"])
    parser.add_argument("--root", type=Path, help="data folder (never the user's real one)")
    parser.add_argument("--plan", type=Path, help="plan file of the workshop to resume")
    args = parser.parse_args()
    stamps: dict[str, float] = {"start": T_START}
    if not args.variant.startswith("minimal"):
        if args.root is None:
            parser.error("--root is required: the probe never uses the real data folder")
        # Belt and braces: anything that asks for the data folder gets the bench's.
        os.environ["WORKSHOP_TUI_DATA_DIR"] = str(args.root)

    if args.variant.startswith("minimal"):
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header, Static

        text = "hello"
        if args.variant == "minimal-pydantic":
            # The floor of any app on this stack: the same app, its text read through one
            # small pydantic model (pydantic's import, one model built and validated).
            from pydantic import BaseModel

            class Greeting(BaseModel):
                text: str
                times: int = 1

            text = Greeting.model_validate({"text": text}).text

        stamps["imports"] = time.monotonic()

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static(text)
                yield Footer()

        app: Any = Minimal()
    else:
        # As `workshop-tui` starts: the command line module, then collection paused
        # (cli.cmd_run) until the app's first paint, then the app.
        import gc

        import workshop_tui.cli  # noqa: F401

        gc.disable()
        from workshop_tui.tui.launch import create_app

        stamps["imports"] = time.monotonic()
        plan = args.plan if args.variant == "workshop" else None
        app = create_app(args.root, plan)
    stamps["created"] = time.monotonic()

    hooked = _exit_after_first_paint(app, stamps)
    try:
        if hooked:
            app.run(headless=True, size=SIZE)
        else:
            app.run(headless=True, size=SIZE, auto_pilot=_settle_then_exit(stamps))
    finally:
        close = getattr(app, "close_session", None)  # as `run_app` does (a no-op by now)
        if close is not None:
            close()
        stamps["run_returned"] = time.monotonic()
    if "paint" not in stamps:
        raise SystemExit(f"no first paint seen (return code {app.return_code})")
    screen_name = stamps.pop("screen", None)
    cpu_at_paint = stamps.pop("cpu_at_paint", None)
    report = {
        "variant": args.variant,
        "stamps": stamps,
        "screen": screen_name,
        "cpu_at_paint": cpu_at_paint,
        "paint_hook": "App._display" if hooked else "auto_pilot pause",
        "peak_rss_kib": _peak_rss_kib(),
        "return_code": app.return_code,
    }
    stamps["end"] = time.monotonic()
    sys.stdout.write("PROBE " + json.dumps(report) + "\n")
    sys.stdout.flush()


def _exit_after_first_paint(app: Any, stamps: dict[str, Any]) -> bool:
    """Wrap the instance's `_display` to stamp the first frame of the screen the user
    sees, then exit. The app's own default screen only counts for the minimal app, whose
    content lives on it; ours switch to a mode screen in `on_mount`."""
    display = getattr(app, "_display", None)
    if display is None:
        return False
    wants_mode_screen = bool(getattr(app, "MODES", None))

    def hooked(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if "paint" in stamps or renderable is None or app._batch_count:
            return
        if screen is not app.screen:
            return
        if wants_mode_screen and app.current_mode == "_default":
            return
        stamps["paint"] = time.monotonic()
        stamps["screen"] = type(screen).__name__
        stamps["cpu_at_paint"] = time.process_time()
        if os.environ.get("PROBE_STOP_AT_PAINT"):
            os._exit(0)  # for instruction counts up to the first paint (see bench/README.md)
        app.exit()

    app._display = hooked
    return True


def _peak_rss_kib() -> int:
    """This process's peak resident set: `VmHWM` (Linux), else `ru_maxrss`.

    Not `ru_maxrss` first: Linux carries the pre-exec RSS of the forked (vforked) parent
    into the child's `ru_maxrss`, so a child of a big parent reports the parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _settle_then_exit(stamps: dict[str, Any]) -> Any:
    async def auto(pilot: Any) -> None:
        await pilot.pause()
        stamps["paint"] = time.monotonic()
        stamps["screen"] = type(pilot.app.screen).__name__
        stamps["cpu_at_paint"] = time.process_time()
        pilot.app.exit()

    return auto


if __name__ == "__main__":
    main()
