"""Deadlines of follow-up actions (RTL): absolute dates, or counted from the workshop's last day.

The plan and the state store a deadline as one of these shapes; in TOML:

    deadline = 2018-06-30                              # an absolute date
    deadline = { within_months = 1 }                   # "maksimal 1 bulan setelah pelatihan"
    deadline = { within_days = 14 }
    deadline = { every_months = 1, for_months = 12 }   # "minimal satu bulan sekali"
    deadline = { times = 2, within_months = 12 }       # "rapat 2 kali" within a year
    deadline = { times = 2, by_year_end = true }       # ... within the calendar year

Below the models: pure date arithmetic (`add_months`, `due_dates`), human text
(`describe`) and the follow-up state of an action on a given day (`due_state`).
Dates only: no times, no time zones.
"""

import calendar
import datetime as dt
import math
import re
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

if TYPE_CHECKING:
    from workshop_tui.domain.state import ActionStatus


class _DeadlineModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OnDate(_DeadlineModel):
    on: dt.date


class Within(_DeadlineModel):
    within_months: int = Field(default=0, ge=0, le=120)
    within_days: int = Field(default=0, ge=0, le=3660)

    @model_validator(mode="after")
    def _not_zero(self) -> "Within":
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


DEADLINE_SHAPES = ("date", "ondate", "within", "every", "times")
"""The tags of the deadline union: pydantic puts the chosen one in an error's location."""

DEADLINE_FORMS = (
    "a deadline is a date (2018-06-30), { on = 2018-06-30 }, { within_months = 3 } or "
    "{ within_days = 30 }, { every_months = 1, for_months = 12 }, or "
    "{ times = 2, within_months = 12 } (add by_year_end = true to end with the year)"
)


def _shape(value: Any) -> str | None:
    """Which deadline shape a raw value is, judged by its keys (a misspelt key still
    names its shape: `every_month` is an `every`), so errors speak of one shape. None
    when nothing says which: the error then lists every accepted form."""
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        return "date" if _ISO_DAY.match(value) else None
    if isinstance(value, OnDate | Within | Every | Times):
        return type(value).__name__.lower()
    keys = [str(key) for key in value] if isinstance(value, dict) else []
    # A key only one shape has, else `within_*`, which `times` shares (its `times` wins).
    for prefix, shape in (
        ("on", "ondate"),
        ("every", "every"),
        ("for", "every"),
        ("times", "times"),
        ("by_year", "times"),
        ("within", "within"),
    ):
        if any(key == prefix or key.startswith(f"{prefix}_") for key in keys):
            return shape
    return None


_ISO_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")

Deadline = Annotated[
    Annotated[dt.date, Tag("date")]
    | Annotated[OnDate, Tag("ondate")]
    | Annotated[Within, Tag("within")]
    | Annotated[Every, Tag("every")]
    | Annotated[Times, Tag("times")],
    Discriminator(_shape, custom_error_type="deadline_form", custom_error_message=DEADLINE_FORMS),
]


# ---------------------------------------------------------------------------------------
# Deadline arithmetic: pure functions on dates (no times, no time zones).
# ---------------------------------------------------------------------------------------


def days_in_month(year: int, month: int) -> int:
    """Number of days of a calendar month (February counts leap years)."""
    return calendar.monthrange(year, month)[1]


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole calendar months, clamped to the end of the target month.

    2018-01-31 + 1 -> 2018-02-28; 2020-01-31 + 1 -> 2020-02-29; 2018-08-31 + 6 ->
    2019-02-28. `months` may be negative or zero. The month of the result is always
    exactly `months` away from the month of `day`, and its day is `min(day.day, length
    of that month)`. Raises `ValueError` if the result would fall outside years 1..9999.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(f"{day.isoformat()} + {months} months is outside years 1..9999")
    month = month0 + 1
    return dt.date(year, month, min(day.day, days_in_month(year, month)))


def _round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def _at_months(start: dt.date, offset: Fraction) -> dt.date:
    """`start` moved by a possibly fractional number of calendar months.

    The whole months move with `add_months`; the fraction is that share of the days
    from there to one month further, rounded half up to a whole day.
    """
    whole = math.floor(offset)
    base = add_months(start, whole)
    if offset == whole:
        return base
    span = (add_months(start, whole + 1) - base).days
    return base + dt.timedelta(days=_round_half_up((offset - whole) * span))


def _months_between(start: dt.date, end: dt.date) -> Fraction:
    """How many calendar months from `start` to `end` (>= start), the last one partial.

    The inverse of `_at_months`: `_at_months(start, _months_between(start, end)) == end`.
    """
    whole = 0
    while add_months(start, whole + 1) <= end:
        whole += 1
    base = add_months(start, whole)
    span = (add_months(start, whole + 1) - base).days
    return whole + Fraction((end - base).days, span)


def times_window_end(deadline: Times, last_day: dt.date) -> dt.date:
    """The last day of a `Times` deadline's window: Dec 31 of the workshop's year when
    `by_year_end`, else `within_months` calendar months after the last day."""
    if deadline.by_year_end:
        return dt.date(last_day.year, 12, 31)
    return add_months(last_day, deadline.within_months)


def due_dates(deadline: Deadline, last_day: dt.date) -> list[dt.date]:
    """Every date a deadline stands for, counted from the workshop's `last_day`.

    The list is never empty and is in increasing (non-decreasing) order:

    - a plain date or `OnDate`: that one date;
    - `Within(m, d)`: `add_months(last_day, m)` plus `d` days;
    - `Every(e, f)`: `add_months(last_day, k * e)` for k = 1, 2, ... while `k * e <= f`
      (each counted from the last day, so a clamped month end never drifts: monthly
      after 2018-01-31 gives 02-28, 03-31, 04-30, ...). If not even one period fits
      (`e > f`), the single date is the end of the window, `add_months(last_day, f)`;
    - `Times(n, ...)`: `n` checkpoints spread evenly over the window that starts after
      `last_day` and ends on `times_window_end()` (inclusive). The window is measured in
      calendar months (its final month partial, as a share of that month's days);
      checkpoint i (1..n) lies i/n of the way along it. Each checkpoint is turned into a
      date by moving whole months with `add_months` and the remaining fraction as that
      share of the next month's days, **rounded half up** to a whole day. So whole-month
      splits land on the same day of the month (12 months / 2 -> +6 and +12 months), and
      the last checkpoint is exactly the window end. A checkpoint never falls on or
      before `last_day` unless the window is empty (a workshop ending on Dec 31 with
      `by_year_end`: every checkpoint is then Dec 31). When `n` exceeds the days in the
      window, checkpoints may share a date.
    """
    if isinstance(deadline, OnDate):
        return [deadline.on]
    if isinstance(deadline, dt.date):
        return [deadline]
    if isinstance(deadline, Within):
        resolved = add_months(last_day, deadline.within_months)
        return [resolved + dt.timedelta(days=deadline.within_days)]
    if isinstance(deadline, Every):
        count = deadline.for_months // deadline.every_months
        if count == 0:
            return [add_months(last_day, deadline.for_months)]
        return [add_months(last_day, k * deadline.every_months) for k in range(1, count + 1)]
    end = times_window_end(deadline, last_day)
    if end <= last_day:
        return [end] * deadline.times
    length = _months_between(last_day, end)
    earliest = last_day + dt.timedelta(days=1)
    return [
        min(end, max(earliest, _at_months(last_day, length * i / deadline.times)))
        for i in range(1, deadline.times + 1)
    ]


def is_recurring(deadline: Deadline) -> bool:
    """Whether a deadline stands for a series of dates (shown as its series)."""
    return isinstance(deadline, Every | Times)


# ---------------------------------------------------------------------------------------
# Human text
# ---------------------------------------------------------------------------------------

_MONTH_NAMES = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def _language(language: str) -> str:
    # Like the UI's Translator: an unknown language falls back to Indonesian.
    return language if language in _MONTH_NAMES else "id"


def format_day(day: dt.date, language: str, *, year: bool = True) -> str:
    """'22 Maret 2018' / '22 March 2018' (without the year: '31 Desember')."""
    name = _MONTH_NAMES[_language(language)][day.month - 1]
    return f"{day.day} {name} {day.year}" if year else f"{day.day} {name}"


def _en_count(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _en_times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def describe(deadline: Deadline, language: str, *, last_day: dt.date | None = None) -> str:
    """A short human text for a deadline, in "id" or "en" (other languages: "id").

    Examples: "maksimal 1 bulan setelah pelatihan" / "within 1 month after the workshop",
    "setiap 1 bulan selama 12 bulan" / "every month for 12 months",
    "2 kali sampai 31 Desember" / "twice by 31 December".

    Given the workshop's `last_day`, a relative deadline is followed by its resolved
    dates in brackets: one date, up to three dates listed, or "first – last (n×)".
    """
    lang = _language(language)
    text = _describe(deadline, lang)
    if last_day is None or isinstance(deadline, dt.date | OnDate):
        return text
    dates = due_dates(deadline, last_day)
    if len(dates) <= 3:
        resolved = ", ".join(format_day(day, lang) for day in dates)
    else:
        first, last = format_day(dates[0], lang), format_day(dates[-1], lang)
        resolved = f"{first} – {last}, {len(dates)}×"
    return f"{text} ({resolved})"


def _describe(deadline: Deadline, lang: str) -> str:
    indonesian = lang == "id"
    if isinstance(deadline, OnDate | dt.date):
        day = deadline.on if isinstance(deadline, OnDate) else deadline
        return (
            f"paling lambat {format_day(day, lang)}"
            if indonesian
            else f"by {format_day(day, lang)}"
        )
    if isinstance(deadline, Within):
        months, days = deadline.within_months, deadline.within_days
        if indonesian:
            parts = [f"{months} bulan" if months else "", f"{days} hari" if days else ""]
            return f"maksimal {' '.join(p for p in parts if p)} setelah pelatihan"
        en_parts = [
            _en_count(months, "month") if months else "",
            _en_count(days, "day") if days else "",
        ]
        return f"within {' and '.join(p for p in en_parts if p)} after the workshop"
    if isinstance(deadline, Every):
        every, span = deadline.every_months, deadline.for_months
        if indonesian:
            return f"setiap {every} bulan selama {span} bulan"
        period = "month" if every == 1 else f"{every} months"
        return f"every {period} for {_en_count(span, 'month')}"
    if deadline.by_year_end:
        if indonesian:
            return f"{deadline.times} kali sampai 31 Desember"
        return f"{_en_times(deadline.times)} by 31 December"
    if indonesian:
        return f"{deadline.times} kali dalam {deadline.within_months} bulan setelah pelatihan"
    months_text = _en_count(deadline.within_months, "month")
    return f"{_en_times(deadline.times)} within {months_text} after the workshop"


# ---------------------------------------------------------------------------------------
# Follow-up: is an action done, due or overdue on a given day?
# ---------------------------------------------------------------------------------------


class DueState(StrEnum):
    DONE = "done"
    DROPPED = "dropped"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    DUE = "due"  # in the future, or no deadline at all


def due_state(
    deadline: Deadline | None,
    last_day: dt.date,
    as_of: dt.date,
    status: "ActionStatus | str",
    done_on: dt.date | None = None,
    soon_days: int = 14,
) -> tuple[DueState, dt.date | None]:
    """The follow-up state of an action on the day `as_of`, and the date that goes with it.

    - status "done": `(DONE, done_on)` — the date is when it was done (None if unknown);
      done only after `as_of` (`done_on` later than it), the action was still open that
      day and is judged as open below: a look back must not show work done in advance;
    - status "dropped": `(DROPPED, None)`;
    - open without a deadline: `(DUE, None)` — it can never be overdue;
    - open with a deadline, whose dates are `due_dates(deadline, last_day)`:
      - once the **last** date has passed (`as_of` after it): `(OVERDUE, last date)`.
        A recurring action (monthly meetups, "twice within the year") is OVERDUE only
        when its final date has passed while it is still open; a missed occurrence in
        the middle of the series does not make it overdue, as the software records one
        status per action, not one per occurrence;
      - otherwise the next date is the first one not yet past (a date equal to `as_of`
        is due today, not past): `(DUE_SOON, next)` if it is at most `soon_days` days
        away, else `(DUE, next)`.

    `status` is an `ActionStatus` or its string value; any other string raises ValueError.
    """
    from workshop_tui.domain.state import ActionStatus  # state.py imports this module

    state = ActionStatus(status)
    if soon_days < 0:
        raise ValueError("soon_days must be 0 or more")
    if state is ActionStatus.DONE:
        if done_on is None or done_on <= as_of:
            return DueState.DONE, done_on
        state = ActionStatus.OPEN
    if state is ActionStatus.DROPPED:
        return DueState.DROPPED, None
    if deadline is None:
        return DueState.DUE, None
    dates = due_dates(deadline, last_day)
    if as_of > dates[-1]:
        return DueState.OVERDUE, dates[-1]
    upcoming = next(day for day in dates if day >= as_of)
    if (upcoming - as_of).days <= soon_days:
        return DueState.DUE_SOON, upcoming
    return DueState.DUE, upcoming
