"""The user's settings that outlive one workshop (the theme), in `<data-dir>/settings.json`."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from workshop_tui.storage.atomic import atomic_write_bytes
from workshop_tui.storage.paths import ensure_private_dir

SETTINGS_FILE = "settings.json"


class Settings(BaseModel):
    model_config = ConfigDict(extra="allow")

    theme: str | None = None


def load_settings(root: Path) -> Settings:
    """The saved settings; defaults when the file is missing or unreadable (never fatal)."""
    try:
        return Settings.model_validate(json.loads((root / SETTINGS_FILE).read_text("utf-8")))
    except (OSError, ValueError, RecursionError, ValidationError):
        return Settings()


def save_settings(root: Path, settings: Settings) -> None:
    ensure_private_dir(root)
    payload = json.dumps(settings.model_dump(mode="json"), indent=2).encode("utf-8")
    atomic_write_bytes(root / SETTINGS_FILE, payload)
