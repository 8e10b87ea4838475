"""Reading plan files (`sessions/*.toml`) into a validated `Plan`, with every problem at once."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workshop_tui.domain.deadlines import DEADLINE_SHAPES
from workshop_tui.domain.plan import Plan, reference_problems


@dataclass(frozen=True)
class Problem:
    where: str
    """A field path such as `days[2].items[3].duration`, or `line 4, column 7`."""
    message: str


class PlanError(Exception):
    """A plan file that cannot be used, with every problem found in it."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        super().__init__(f"{path}: {len(problems)} problem(s)")
        self.path = path
        self.problems = problems

    def report(self) -> str:
        count = len(self.problems)
        lines = [f"{self.path}: {count} problem{'s' if count != 1 else ''}"]
        for problem in self.problems:
            where = f"{problem.where}: " if problem.where else ""
            lines.append(f"  - {where}{problem.message}")
        lines.append("Fix the file and run `workshop-tui validate FILE` again.")
        return "\n".join(lines)


@dataclass(frozen=True)
class LoadedPlan:
    plan: Plan
    path: Path
    text: str
    sha256: str


def load_plan(path: Path) -> LoadedPlan:
    """Read, parse and validate a plan file. Raises `PlanError`, never anything else."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlanError(path, [Problem("", "file not found")]) from None
    except IsADirectoryError:
        raise PlanError(path, [Problem("", "is a folder, expected a .toml file")]) from None
    except OSError as exc:
        raise PlanError(path, [Problem("", f"cannot be read: {exc.strerror}")]) from None
    try:
        # "utf-8-sig": a byte-order mark (Windows Notepad writes one) is not TOML; drop it.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
        raise PlanError(path, [Problem(where, "not UTF-8 text; save it as UTF-8")]) from None
    return LoadedPlan(parse_plan(text, path), path, text, hashlib.sha256(raw).hexdigest())


def parse_plan(text: str, path: Path) -> Plan:
    try:
        return _parse_plan(text, path)
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively: a few hundred
        # levels exhaust the stack (as may quoting such a value in a message).
        message = "values nested too deeply (arrays or inline tables hundreds of levels deep)"
        raise PlanError(path, [Problem("", message)]) from None


def _parse_plan(text: str, path: Path) -> Plan:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(path, [_toml_problem(exc)]) from None
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, data)
        if not any(p.where == "" for p in problems):
            # Field errors stop pydantic before the cross-field checks: run them too, so
            # the facilitator sees every problem in one go.
            problems += [Problem("", message) for message in reference_problems(data)]
        raise PlanError(path, problems) from None
    except (ValueError, TypeError, OverflowError) as exc:  # defensive: odd values in validators
        raise PlanError(path, [Problem("", str(exc))]) from None


def _toml_problem(exc: tomllib.TOMLDecodeError) -> Problem:
    message = str(exc)
    # tomllib ends its messages with "(at line L, column C)"; lift that to the front.
    if message.endswith(")") and "(at " in message:
        head, _, tail = message.rpartition("(at ")
        return Problem(tail.rstrip(")"), f"TOML syntax error: {head.strip()}")
    return Problem("", f"TOML syntax error: {message}")


def format_loc(loc: tuple[int | str, ...]) -> str:
    """('days', 2, 'items', 3, 'duration') -> 'days[2].items[3].duration'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{_plain(part)}" if out else _plain(part)
    return out


def _context(data: Any, loc: tuple[int | str, ...]) -> str:
    """A human hint for the deepest list entry on the path: its title, name or date."""
    hint = ""
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(node, dict):
            for key in ("title", "name", "date", "id"):
                if key in node:
                    hint = f"{key} {_plain(node[key])}"
                    break
    return f" ({hint})" if hint else ""


def validation_problems(exc: ValidationError, data: Any) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = _as_in_the_file(tuple(error["loc"]))
        where = format_loc(loc) + _context(data, loc)
        message = error["msg"].removeprefix("Value error, ")
        kind = error["type"]
        if kind == "extra_forbidden":
            message = "unknown key (a typo?); remove it or check the template"
            key = str(loc[-1])
            close = [k for k in get_close_matches(key, _known_keys(), cutoff=0.75) if k != key]
            if close:
                message = f"unknown key; did you mean {close[0]!r}?"
        elif kind == "missing":
            message = "required but missing"
        elif kind.startswith(("date_", "datetime_")) and kind != "date_from_datetime_inexact":
            message = f"not a date: write it as 2025-03-17 (year-month-day); found {_short(error['input'])}"
        elif kind.startswith("time_"):
            message = (
                f'not a time: write it as 08:30:00 (or "08:30"); found {_short(error["input"])}'
            )
        elif kind == "string_pattern_mismatch":
            # Only ids have a pattern; its regex means nothing to whoever wrote the plan.
            message = (
                "not a valid id: use lower-case letters, digits, '-' or '_', starting with "
                f"a letter or digit, at most 64 (e.g. 'kpri-blora'); found {_short(error['input'])}"
            )
        elif "input" in error and kind not in {"value_error", "assertion_error"}:
            message = f"{message}; found {_short(error['input'])}"
        # Cross-field checks report several lines in one error: one problem per line.
        problems.extend(Problem(where, line) for line in message.splitlines() if line)
    return problems


def _as_in_the_file(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """The location without the tag pydantic adds for the shape a deadline was read as
    (`deadline.within.within_month`): the file has no such key."""
    return tuple(
        part
        for at, part in enumerate(loc)
        if not (at and loc[at - 1] == "deadline" and part in DEADLINE_SHAPES)
    )


@cache
def _known_keys() -> tuple[str, ...]:
    """Every key a plan file may hold (for "did you mean" on an unknown one)."""
    keys: set[str] = set()

    def walk(schema: Any) -> None:
        if isinstance(schema, dict):
            keys.update(schema.get("properties", {}))
            for value in schema.values():
                walk(value)
        elif isinstance(schema, list):
            for value in schema:
                walk(value)

    walk(Plan.model_json_schema())
    return tuple(sorted(keys))


def _plain(value: Any, limit: int = 60) -> str:
    """Text from the file, fit for a message: what a terminal would act on (control and
    bidi characters) escaped, and shortened."""
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(value))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
