"""Where workshop state lives on disk."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "WORKSHOP_TUI_DATA_DIR"
APP_NAME = "workshop-tui"
PRIVATE_DIR_MODE = 0o700


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder: `--data-dir`, else $WORKSHOP_TUI_DATA_DIR, else the platform's."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def workshops_dir(root: Path) -> Path:
    return root / "workshops"


def workshop_dir(root: Path, key: str) -> Path:
    return workshops_dir(root) / key


def config_file(root: Path) -> Path:
    """User settings (key remaps, theme) that are not tied to one workshop."""
    return root / "config.toml"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by the user only: names of people are personal."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    for created in missing:
        os.chmod(created, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    return path
