"""Deadlines of follow-up actions (RTL): absolute dates, or counted from the workshop's last day.

The plan and the state store a deadline as one of these shapes; in TOML:

    deadline = 2018-06-30                              # an absolute date
    deadline = { within_months = 1 }                   # "maksimal 1 bulan setelah pelatihan"
    deadline = { within_days = 14 }
    deadline = { every_months = 1, for_months = 12 }   # "minimal satu bulan sekali"
    deadline = { times = 2, within_months = 12 }       # "rapat 2 kali" within a year
    deadline = { times = 2, by_year_end = true }       # ... within the calendar year
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator


class _DeadlineModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OnDate(_DeadlineModel):
    on: dt.date


class Within(_DeadlineModel):
    within_months: int = Field(default=0, ge=0, le=120)
    within_days: int = Field(default=0, ge=0, le=3660)

    @model_validator(mode="after")
    def _not_zero(self) -> Within:
        if self.within_months == 0 and self.within_days == 0:
            raise ValueError("give within_months or within_days (more than 0)")
        return self


class Every(_DeadlineModel):
    every_months: int = Field(ge=1, le=24)
    for_months: int = Field(default=12, ge=1, le=120)


class Times(_DeadlineModel):
    times: int = Field(ge=1, le=52)
    within_months: int = Field(default=12, ge=1, le=120)
    by_year_end: bool = False


def _shape(value: Any) -> str:
    """Which deadline shape a raw value is, judged by its keys, so errors name one shape."""
    if isinstance(value, dt.date | str):
        return "date"
    if isinstance(value, OnDate | Within | Every | Times):
        return type(value).__name__.lower()
    keys = set(value) if isinstance(value, dict) else set()
    if "on" in keys:
        return "ondate"
    if "every_months" in keys:
        return "every"
    if "times" in keys:
        return "times"
    return "within"


Deadline = Annotated[
    Annotated[dt.date, Tag("date")]
    | Annotated[OnDate, Tag("ondate")]
    | Annotated[Within, Tag("within")]
    | Annotated[Every, Tag("every")]
    | Annotated[Times, Tag("times")],
    Discriminator(_shape),
]
