"""Deadlines typed as text, in Indonesian or English, and back.

The RTL form takes a deadline as one line of text; `parse_deadline` turns it into one of
the shapes of `deadlines.py` (a pure function: no clock, no UI). Accepted, in either
language, upper or lower case:

    2018-06-30, 30/6/2018, 30 Juni 2018         an absolute date
    1 bulan, 1 month, 3 bulan, 2 minggu, 14 hari, 1 tahun, 1 bulan 14 hari
                                                within that long after the last day
    bulanan, monthly, setiap bulan, every 2 months, bulanan selama 6 bulan
                                                a series, by default over 12 months
    2x setahun, twice a year, 3 kali dalam 6 bulan
                                                so many times within a window
    2x sampai akhir tahun, twice this year      ... within the workshop's calendar year
    (empty)                                     no deadline

A date the calendar does not have (31 Februari 2018, 2018-13-01) raises `NoSuchDate`,
which says what is wrong with it, rather than the plain "not understood".

Leading words such as "maksimal", "dalam", "within", "paling lambat", "by", "at least"
and trailing ones such as "setelah pelatihan" / "after the workshop" are ignored.
`deadline_text` writes a deadline in the form `parse_deadline` reads back.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import ValidationError

from workshop_tui.domain.deadlines import Deadline, Every, OnDate, Times, Within, days_in_month


class DeadlineTextError(ValueError):
    """The text is not a deadline this parser understands."""


class NoSuchDate(DeadlineTextError):
    """A date written in a form this parser reads, that the calendar does not have:
    31 February, 29 February of a common year, month 13. The form says which."""

    def __init__(self, text: str, year: int, month: int, day: int) -> None:
        super().__init__(text)
        self.year, self.month, self.day = year, month, day

    @property
    def days_in_month(self) -> int | None:
        """How many days the month has; None when there is no such month."""
        return days_in_month(self.year, self.month) if 1 <= self.month <= 12 else None


_NUMBER_WORDS = {
    "satu": 1, "one": 1, "a": 1, "an": 1,
    "dua": 2, "two": 2, "tiga": 3, "three": 3, "empat": 4, "four": 4,
    "lima": 5, "five": 5, "enam": 6, "six": 6, "tujuh": 7, "seven": 7,
    "delapan": 8, "eight": 8, "sembilan": 9, "nine": 9, "sepuluh": 10, "ten": 10,
    "sebelas": 11, "eleven": 11, "dua belas": 12, "twelve": 12,
}  # fmt: skip
_NUMBER = r"(\d+|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len)[::-1]) + r")"

_MONTH_UNITS = {"bulan": 1, "month": 1, "months": 1, "mo": 1, "tahun": 12, "year": 12, "years": 12}
_DAY_UNITS = {"hari": 1, "day": 1, "days": 1, "minggu": 7, "week": 7, "weeks": 7, "pekan": 7}
_UNIT = r"(bulan|months?|mo|tahun|years?|hari|days?|minggu|weeks?|pekan)"

_LEADING = (
    "paling lambat", "selambat-lambatnya", "maksimal", "maksimum", "maks", "max",
    "minimal", "minimum", "setidaknya", "sekurang-kurangnya", "at least", "at most",
    "no later than", "within", "dalam", "in", "by", "before", "sebelum", "tenggat",
)  # fmt: skip
_TRAILING = (
    "setelah pelatihan", "sesudah pelatihan", "setelah lokakarya", "sesudah lokakarya",
    "after the workshop", "after the training", "after workshop", "kedepan", "ke depan",
    "from now", "later",
)  # fmt: skip

# "bulanan", "monthly", "setiap bulan", "every month", "sebulan sekali", "once a month".
_MONTHLY = re.compile(
    r"^(bulanan|monthly|tiap bulan|setiap bulan|every month|each month|sebulan sekali|"
    r"satu bulan sekali|1 bulan sekali|once a month|once per month|1x sebulan|"
    r"1 ?x per bulan|1 kali sebulan)$"
)
_EVERY_N = re.compile(rf"^(?:tiap|setiap|every|each) {_NUMBER} {_UNIT}$")
_FOR = re.compile(r"^(.*?) (?:selama|for|over) (.+)$")
_TIMES = re.compile(rf"^(?:{_NUMBER} ?(?:x|kali|times)|(once|twice|sekali))(?: (.+))?$")
_YEAR_END = re.compile(
    r"^(?:sampai|hingga|by|before|in|within|dalam|during)? ?"
    r"(?:akhir tahun|the end of the year|end of the year|year end|year-end|tahun ini|"
    r"this year|the year|tahun yang bersangkutan|tahun berjalan|the same year)$"
)
_A_YEAR = re.compile(r"^(?:setahun|setahun sekali|a year|per year|per tahun|yearly|annually)$")
_WINDOW = re.compile(r"^(?:dalam|within|in|over|per|selama)? ?(.+)$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "pebruari"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NAMED = re.compile(r"^(\d{1,2}) ([a-z]+)\.? (\d{4})$")
_PERIOD_PART = re.compile(rf"{_NUMBER} ?{_UNIT}|(sebulan|setahun|seminggu|sehari)")


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _clean(text: str) -> str:
    cleaned = " ".join(text.casefold().replace(",", " ").split())
    changed = True
    while changed:
        changed = False
        for word in _LEADING:
            if cleaned.startswith(word + " "):
                cleaned = cleaned[len(word) + 1 :]
                changed = True
        for word in _TRAILING:
            if cleaned.endswith(" " + word):
                cleaned = cleaned[: -len(word) - 1]
                changed = True
    return cleaned.strip()


def _period(text: str) -> tuple[int, int]:
    """'1 bulan 14 hari' -> (1, 14): months and days; raises DeadlineTextError."""
    months = days = 0
    rest = text.replace(" dan ", " ").replace(" and ", " ").strip()
    if not rest:
        raise DeadlineTextError(text)
    position = 0
    for match in _PERIOD_PART.finditer(rest):
        if rest[position : match.start()].strip():
            raise DeadlineTextError(text)
        position = match.end()
        if match.group(3):
            months += {"sebulan": 1, "setahun": 12}.get(match.group(3), 0)
            days += {"seminggu": 7, "sehari": 1}.get(match.group(3), 0)
            continue
        count, unit = _number(match.group(1)), match.group(2)
        if unit in _MONTH_UNITS:
            months += count * _MONTH_UNITS[unit]
        else:
            days += count * _DAY_UNITS[unit]
    if rest[position:].strip() or (months == 0 and days == 0):
        raise DeadlineTextError(text)
    return months, days


def _months_only(text: str) -> int:
    months, days = _period(text)
    if days:
        raise DeadlineTextError(text)
    return months


def _date(year: str, month: str, day: str, text: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        if not dt.MINYEAR <= int(year) <= dt.MAXYEAR:
            raise DeadlineTextError(text) from None
        raise NoSuchDate(text, int(year), int(month), int(day)) from None


def _every(head: str, span: str | None, text: str) -> Every | None:
    every: int | None = None
    if _MONTHLY.match(head):
        every = 1
    elif match := _EVERY_N.match(head):
        count, unit = _number(match.group(1)), match.group(2)
        if unit not in _MONTH_UNITS:
            raise DeadlineTextError(text)  # weekly series are not a deadline shape
        every = count * _MONTH_UNITS[unit]
    if every is None:
        return None
    months = 12
    if span is not None:
        months = 12 if _A_YEAR.match(span) else _months_only(span)
    return Every(every_months=every, for_months=months)


def _times(match: re.Match[str], text: str) -> Deadline:
    word = match.group(2)
    count = {"once": 1, "sekali": 1, "twice": 2}[word] if word else _number(match.group(1) or "")
    window = (match.group(3) or "").strip()
    if window in ("sebulan", "a month", "per bulan", "per month", "dalam sebulan"):
        if count == 1:
            return Every(every_months=1, for_months=12)
        raise DeadlineTextError(text)
    if not window or _A_YEAR.match(window):
        return Times(times=count, within_months=12)
    if _YEAR_END.match(window):
        return Times(times=count, by_year_end=True)
    inner = _WINDOW.match(window)
    if inner is None:  # pragma: no cover - the pattern matches any text
        raise DeadlineTextError(text)
    return Times(times=count, within_months=_months_only(inner.group(1)))


def parse_deadline(text: str) -> Deadline | None:
    """The deadline a line of text stands for; None for empty text.

    Raises `DeadlineTextError` (a ValueError) for anything else, including numbers out of
    the shapes' ranges (e.g. more than 120 months); `NoSuchDate`, one of them, for a date
    the calendar does not have (2018-02-31)."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    try:
        return _parse(cleaned, text)
    except ValidationError:
        raise DeadlineTextError(text) from None
    except KeyError:
        raise DeadlineTextError(text) from None


def _parse(cleaned: str, text: str) -> Deadline:
    if match := _ISO.match(cleaned):
        year, month, day = match.groups()
        return _date(year, month, day, text)
    if match := _DMY.match(cleaned):
        day, month, year = match.groups()
        return _date(year, month, day, text)
    if (match := _NAMED.match(cleaned)) and match.group(2) in _MONTH_NAMES:
        day, name, year = match.groups()
        return _date(year, str(_MONTH_NAMES[name]), day, text)
    head, span = cleaned, None
    if match := _FOR.match(cleaned):
        head, span = match.group(1), match.group(2)
    series = _every(head, span, text)
    if series is not None:
        return series
    if match := _TIMES.match(cleaned):
        return _times(match, text)
    if _YEAR_END.match(cleaned):
        return Times(times=1, by_year_end=True)
    months, days = _period(cleaned)
    return Within(within_months=months, within_days=days)


def deadline_text(deadline: Deadline | None, language: str) -> str:
    """A deadline as short text that `parse_deadline` reads back to the same deadline:
    '2018-06-30', '3 bulan' / '3 months', 'bulanan' / 'monthly', '2x setahun' /
    '2x a year', '2x sampai akhir tahun' / '2x by year end'. None: ''."""
    if deadline is None:
        return ""
    en = language == "en"
    if isinstance(deadline, OnDate):
        return deadline.on.isoformat()
    if isinstance(deadline, dt.date):
        return deadline.isoformat()
    if isinstance(deadline, Within):
        parts = []
        if deadline.within_months:
            unit = ("month" if deadline.within_months == 1 else "months") if en else "bulan"
            parts.append(f"{deadline.within_months} {unit}")
        if deadline.within_days:
            unit = ("day" if deadline.within_days == 1 else "days") if en else "hari"
            parts.append(f"{deadline.within_days} {unit}")
        return " ".join(parts)
    if isinstance(deadline, Every):
        if deadline.every_months == 1:
            head = "monthly" if en else "bulanan"
        else:
            head = (
                f"every {deadline.every_months} months"
                if en
                else f"setiap {deadline.every_months} bulan"
            )
        if deadline.for_months == 12:
            return head
        span = f"{deadline.for_months} months" if en else f"{deadline.for_months} bulan"
        return f"{head} {'for' if en else 'selama'} {span}"
    assert isinstance(deadline, Times)
    if deadline.by_year_end:
        return f"{deadline.times}x by year end" if en else f"{deadline.times}x sampai akhir tahun"
    if deadline.within_months == 12:
        return f"{deadline.times}x a year" if en else f"{deadline.times}x setahun"
    months = deadline.within_months
    return (
        f"{deadline.times}x within {months} months"
        if en
        else f"{deadline.times}x dalam {months} bulan"
    )
