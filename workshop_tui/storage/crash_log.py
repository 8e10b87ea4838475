"""Where the details of an internal error go, so the facilitator sees a message, not a
traceback, and a developer can still read what happened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workshop_tui.storage.atomic import atomic_write_bytes
from workshop_tui.storage.paths import ensure_private_dir

CRASH_DIR = "crash-logs"


def write_crash_log(root: Path, details: str) -> Path | None:
    """Save `details` under `<data-dir>/crash-logs/`; None if even that fails."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    try:
        folder = ensure_private_dir(root / CRASH_DIR)
        path = folder / f"crash-{stamp}.txt"
        atomic_write_bytes(path, details.encode("utf-8", "replace"))
    except OSError:
        return None
    return path
