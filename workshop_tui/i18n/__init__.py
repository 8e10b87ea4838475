"""The UI's words in Indonesian (`id`) and English (`en`).

Every string the app shows comes from a catalog here (`id.toml`, `en.toml`); both
catalogs hold the same keys, which a test checks. No Textual: the report uses it too.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_MONTHS = {
    "id": [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ],
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
}  # fmt: skip
_WEEKDAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def _flatten(prefix: str, data: dict[str, Any], out: dict[str, str]) -> dict[str, str]:
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(name, value, out)
        else:
            out[name] = str(value)
    return out


@cache
def catalog(language: str) -> dict[str, str]:
    """Every string of one language, by dotted key (e.g. `timeline.next`)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    # Beside this module (a plain path: `importlib.resources` costs ~4 ms at start-up).
    raw = Path(__file__).with_name(f"{language}.toml").read_text("utf-8")
    return _flatten("", tomllib.loads(raw), {})


COUNTS = ("count", "days")
"""Placeholders that count something: one equal to 1 picks a key's `_one` form."""


class Translator:
    """`t("timeline.drift_behind", minutes=5)` in the current language."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE

    def __call__(self, key: str, **values: Any) -> str:
        """The text of `key` with `values` filled in. With a count among the values
        (`count`, else `days`; see `COUNTS`) equal to 1, `key_one` is used when the
        catalog has it: "1 note" / "2 notes" need no change where the text is asked for,
        only a `_one` key beside the plural one."""
        count = next((values[name] for name in COUNTS if name in values), None)
        if count == 1 and f"{key}_one" in catalog(self.language):
            key = f"{key}_one"
        text = catalog(self.language).get(key)
        if text is None:
            text = catalog("en").get(key, key)  # a missing key shows itself, never crashes
        return text.format(**values) if values else text

    def plural(self, key: str, n: int, /, **values: Any) -> str:
        """`key` for a count `n` named otherwise: `key_one` when n is 1 and the catalog
        has it, else `key` (English "1 day" / "2 days"; Indonesian does not inflect, so
        its `_one` repeats the same words), e.g. `t.plural("x.left", n, minutes=n)`."""
        singular = f"{key}_one"
        return self(singular if n == 1 and self.has(singular) else key, **values)

    def has(self, key: str) -> bool:
        return key in catalog(self.language)

    def date(self, day: dt.date, *, weekday: bool = False) -> str:
        months = _MONTHS[self.language]
        text = f"{day.day} {months[day.month - 1]} {day.year}"  # "19 Februari 2018"
        if weekday:
            text = f"{_WEEKDAYS[self.language][day.weekday()]}, {text}"
        return text

    def short_date(self, day: dt.date) -> str:
        return f"{day.day} {_MONTHS[self.language][day.month - 1][:3]}"
