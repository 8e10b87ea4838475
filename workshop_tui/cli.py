"""The command line: `workshop-tui [PLAN]`, `validate`, `schema`, `where`, `followup`,
`export`, `recover`.

Every failure a user can cause (a broken plan, a damaged state file, a workshop open in
another copy, a full disk) ends in a plain message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workshop_tui import __version__
from workshop_tui.domain.plan import Plan
from workshop_tui.storage.atomic import SaveError, StateFileError
from workshop_tui.storage.lock import CANNOT_WRITE, WorkshopLocked
from workshop_tui.storage.paths import DATA_DIR_ENV, data_dir, workshop_dir, workshops_dir
from workshop_tui.storage.plan_file import PlanError, load_plan

if TYPE_CHECKING:
    from workshop_tui.i18n import Translator
    from workshop_tui.storage.plan_file import LoadedPlan
    from workshop_tui.storage.workshop import OpenWorkshop

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2

COMMANDS = ("validate", "schema", "where", "followup", "export", "recover")


def _folder(value: str) -> str:
    # `--data-dir ""` (an unset shell variable) would quietly mean the default folder.
    if not value.strip():
        raise argparse.ArgumentTypeError("empty: give a folder, or leave --data-dir out")
    return value


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=_folder,
        help=f"where workshop state lives (default: ${DATA_DIR_ENV}, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop-tui",
        description="Run a live, multi-day strategic-planning workshop from the keyboard.",
        epilog=(
            "other commands: validate FILE..., schema, where [WORKSHOP], followup [WORKSHOP], "
            "export [WORKSHOP], recover [WORKSHOP]; "
            "run `workshop-tui COMMAND --help` for each"
        ),
    )
    parser.add_argument("plan", nargs="?", help="a plan file (.toml) to start or resume")
    _common(parser)
    parser.add_argument("--lang", choices=["id", "en"], help="UI language (default: the plan's)")
    parser.add_argument("--theme", help="colour theme, e.g. projector")
    parser.add_argument("--version", action="version", version=f"workshop-tui {__version__}")
    return parser


def build_command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workshop-tui")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check plan files and report every problem")
    validate.add_argument("files", nargs="+", metavar="FILE")
    sub.add_parser("schema", help="print the JSON Schema of a plan file")
    where = sub.add_parser("where", help="print where workshop state lives")
    where.add_argument("workshop", nargs="?", help="a workshop id or plan file")
    _common(where)
    followup = sub.add_parser(
        "followup", help="which follow-up (RTL) actions are due, overdue or done"
    )
    followup.add_argument(
        "workshop", nargs="?", help="a workshop id or plan file (optional if only one is saved)"
    )
    followup.add_argument(
        "--as-of", type=_iso_date, metavar="YYYY-MM-DD", help="the day to judge (default: today)"
    )
    followup.add_argument("--done", metavar="ACTION_ID", help="mark this action done first")
    followup.add_argument("--lang", choices=["id", "en"], help="language (default: the workshop's)")
    _common(followup)
    recover = sub.add_parser(
        "recover", help="repair damaged state files from the newest good backup"
    )
    recover.add_argument(
        "workshop", nargs="?", help="a workshop id or plan file (optional if only one is saved)"
    )
    recover.add_argument("--yes", action="store_true", help="repair (without it: only show)")
    _common(recover)
    from workshop_tui.report.command import add_export_parser  # argparse only: cheap

    add_export_parser(sub, _common)
    return parser


# Error handlers that never raise: a stream set to one of these needs no change.
_NON_FAILING_ERRORS = frozenset(
    {"replace", "backslashreplace", "xmlcharrefreplace", "namereplace", "ignore"}
)


def _survive_any_output_encoding() -> None:
    """Let plan titles, names and paths print on a terminal or pipe that cannot show them.

    Plans are Indonesian and the output uses "—", "·", "→"; under `LANG=C`,
    `PYTHONIOENCODING=ascii` or a legacy console code page, a strict stream would raise
    UnicodeEncodeError and the user would see a traceback. The user's encoding is kept
    (forcing UTF-8 onto a terminal that cannot show it would print garbage); only the
    characters it lacks become "?". stderr already uses "backslashreplace" by default and
    is left so. A stream without `reconfigure` (a wrapper, some test captures) is left as is.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if not callable(reconfigure) or getattr(stream, "errors", None) in _NON_FAILING_ERRORS:
            continue
        with contextlib.suppress(OSError, ValueError):  # closed, or not reconfigurable
            reconfigure(errors="replace")


# Options of the app's own command line that take a value (`--data-dir DIR`).
_OPTIONS_WITH_VALUE = frozenset({"--data-dir", "--lang", "--theme"})


def _command_first(args: list[str]) -> list[str]:
    """`--data-dir DIR where` as `where --data-dir DIR`: the README lists `--data-dir` and
    `--lang` as general options, so they may come before a command too; the command's
    parser then takes them (or says plainly which it does not know)."""
    at = 0
    while at < len(args) and args[at].startswith("-"):
        at += 2 if args[at] in _OPTIONS_WITH_VALUE else 1
    if 0 < at < len(args) and args[at] in COMMANDS:
        return [args[at], *args[:at], *args[at + 1 :]]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    _survive_any_output_encoding()
    args = _command_first(list(sys.argv[1:] if argv is None else argv))
    try:
        if args and args[0] in COMMANDS:
            ns = build_command_parser().parse_args(args)
            handler = {
                "validate": cmd_validate,
                "schema": cmd_schema,
                "where": cmd_where,
                "followup": cmd_followup,
                "export": cmd_export,
                "recover": cmd_recover,
            }
            return handler[ns.command](ns)
        return cmd_run(build_parser().parse_args(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def err(message: str) -> None:
    print(message, file=sys.stderr)


def damaged_message(exc: StateFileError) -> str:
    return (
        f"The saved state file {exc.path} is damaged: {exc.reason}.\n"
        f"Nothing was changed. To repair it from the newest good backup, run:\n"
        f"  workshop-tui recover {exc.path.parent.name}"
    )


def cmd_recover(ns: argparse.Namespace) -> int:
    """Show what is damaged and which backup would replace it; repair on --yes."""
    from workshop_tui.storage.recovery import plan_repairs, repair
    from workshop_tui.storage.workshop import NoSavedWorkshop, find_saved

    root = data_dir(ns.data_dir)
    try:
        folder, _ = find_saved(root, ns.workshop, "recover")
        repairs = plan_repairs(folder)
        if not repairs:
            print(f"Nothing is damaged in {folder}: every state file opens.")
            return _report_unreadable(folder)
        for item in repairs:
            print(f"DAMAGED  {item.path.name}: {item.damage.reason}")
            if item.source is None and not item.path.exists():
                print("         no backup holds a copy: the workshop will open without it")
            elif item.source is None:
                print("         no backup holds a good copy: it will be moved aside only")
            else:
                when = item.source.taken_at.astimezone().isoformat(timespec="seconds")
                print(f"         restore from the backup of {when} ({item.source.folder.name})")
        if not ns.yes:
            print("Nothing changed. Run again with --yes to repair (damaged files are kept).")
            return EXIT_PROBLEM
        aside = repair(folder, repairs)
    except NoSavedWorkshop as exc:
        err(str(exc))
    except PlanError as exc:
        err(exc.report())
    except WorkshopLocked as exc:
        err(str(exc))
    except OSError as exc:
        err(f"Could not repair: {exc.strerror or exc}. Files already handled stay handled.")
    else:
        print(f"Repaired. The damaged files are kept in {aside}")
        return EXIT_OK
    return EXIT_PROBLEM


def _report_unreadable(folder: Path) -> int:
    """List the saved records that fit no model: kept in their files, hidden by the app
    (which names them when it loads them). A repair from backups cannot help here (the
    files open); the record has to be corrected in its file, or left as it is."""
    from workshop_tui.report.source import read_state
    from workshop_tui.storage.backup import BACKUPS_DIR
    from workshop_tui.storage.store import shard_file

    try:
        state = read_state(folder)
    except (StateFileError, OSError) as exc:
        err(f"Could not read the saved records: {exc}")
        return EXIT_PROBLEM
    hidden = [(shard, entry) for shard in state.shards() for entry in shard.unreadable]
    if not hidden:
        print("Every saved record can be read.")
        return EXIT_OK
    records = "1 saved record" if len(hidden) == 1 else f"{len(hidden)} saved records"
    print(f"{records} cannot be read; the app does not show them:")
    for shard, (table, doc_id, doc, reason) in hidden:
        file = shard_file(folder, shard.name).name
        print(f"UNREADABLE  {file}, table {table!r}, document {doc_id}: {reason}")
        print(f"            {json.dumps(doc, ensure_ascii=False)[:200]}")
    print(
        "They are kept as they are; the app neither shows nor changes them. To bring one "
        "back, close the app and correct the field named above in that file (its backups "
        f"are in {folder / BACKUPS_DIR}), or leave it."
    )
    return EXIT_PROBLEM


def cmd_validate(ns: argparse.Namespace) -> int:
    failed = 0
    for name in ns.files:
        try:
            loaded = load_plan(Path(name))
        except PlanError as exc:
            err(exc.report())
            failed += 1
            continue
        plan = loaded.plan
        print(
            f"{name}: OK — {plan.workshop.title!r}, {len(plan.days)} days, "
            f"{len(plan.items())} agenda items, {len(plan.groups)} groups, "
            f"{len(plan.cooperatives())} cooperatives, {len(plan.participants)} participants"
        )
    return EXIT_PROBLEM if failed else EXIT_OK


def cmd_schema(ns: argparse.Namespace) -> int:
    print(json.dumps(Plan.model_json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_where(ns: argparse.Namespace) -> int:
    root = data_dir(ns.data_dir)
    if not ns.workshop:
        print(root)
        return EXIT_OK
    key = ns.workshop
    plan_file = key.endswith(".toml") or Path(key).is_file()
    if plan_file:
        try:
            key = load_plan(Path(key)).plan.key
        except PlanError as exc:
            err(exc.report())
            return EXIT_PROBLEM
    folder = workshop_dir(root, key)
    if not folder.is_dir():
        if plan_file:  # as `export` and `followup` say it
            err(
                f"The workshop of {ns.workshop} has not been started yet: no saved state in "
                f"{folder}. Start it with `workshop-tui {ns.workshop}`."
            )
        else:
            err(f"No saved workshop {key!r} in {workshops_dir(root)}")
        return EXIT_PROBLEM
    print(folder)
    return EXIT_OK


def cmd_run(ns: argparse.Namespace) -> int:
    # No garbage collection while starting: imports and loading make many objects and no
    # garbage, and each collection walks them all. The app turns it back on once it has
    # painted its first screen (WorkshopApp.on_mount).
    gc.disable()
    from workshop_tui.tui.app import UnknownTheme
    from workshop_tui.tui.launch import run_app  # Textual only when the UI is wanted

    root = data_dir(ns.data_dir)
    try:
        # In a terminal, damaged state is repaired in the app; piped, it is a message.
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
        return run_app(
            root,
            Path(ns.plan) if ns.plan else None,
            lang=ns.lang,
            theme=ns.theme,
            repair_in_app=interactive,
        )
    except PlanError as exc:
        err(exc.report())
    except WorkshopLocked as exc:
        err(str(exc))
    except StateFileError as exc:
        err(damaged_message(exc))
    except OSError as exc:
        err(f"Cannot use the data folder {root}: {exc.strerror or exc}. Check that it is writable.")
    except UnknownTheme as exc:
        err(str(exc))
    finally:
        gc.enable()  # if the app never painted (a problem above), or when it has ended
    return EXIT_PROBLEM


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date {text!r}; expected YYYY-MM-DD") from None


def cmd_export(ns: argparse.Namespace) -> int:
    from workshop_tui.report.command import run_export

    return run_export(ns)


def cmd_followup(ns: argparse.Namespace) -> int:
    """Print the follow-up of every cooperative and the joint plan; `--done` marks one."""
    from workshop_tui.storage.workshop import (
        NoSavedWorkshop,
        find_saved,
        open_workshop,
        resume_saved,
    )

    root = data_dir(ns.data_dir)
    with contextlib.ExitStack() as copies:
        try:
            folder, loaded = find_saved(root, ns.workshop, "followup")
            # A look at the follow-up takes no backup (see WorkshopStore.open); marking one
            # done does, as any change.
            back_up = bool(ns.done)
            try:
                # Not an opening of the workshop: the launcher's "last opened" stays.
                opened = (
                    open_workshop(loaded.path, root, back_up=back_up, mark_opened=False)
                    if loaded
                    else resume_saved(folder, back_up=back_up, mark_opened=False)
                )
            except WorkshopLocked as exc:
                if ns.done:
                    raise
                # The app has it open: a look reads a copy of its saved files instead.
                copy_root = Path(copies.enter_context(_temporary_folder()))
                opened = _open_copy(folder, loaded, copy_root)
                _say_open_in_app(ns, opened, exc)
            except OSError as exc:
                if ns.done or exc.errno not in CANNOT_WRITE:
                    raise
                # A folder this user cannot write (a read-only disk): read a copy.
                copy_root = Path(copies.enter_context(_temporary_folder()))
                opened = _open_copy(folder, loaded, copy_root)
                err(_translator(ns, opened)("followup.unwritable", folder=str(folder)))
        except NoSavedWorkshop as exc:
            err(str(exc))
            return EXIT_PROBLEM
        except PlanError as exc:
            err(exc.report())
            return EXIT_PROBLEM
        except WorkshopLocked as exc:
            err(
                f"{exc} To mark an action done meanwhile, do it in the app "
                "(F6, follow-up tab: x on the action)."
            )
            return EXIT_PROBLEM
        except StateFileError as exc:
            err(damaged_message(exc))
            return EXIT_PROBLEM
        except OSError as exc:
            err(f"Cannot use the data folder {root}: {exc.strerror or exc}.")
            return EXIT_PROBLEM
        try:
            return _followup(opened, ns)
        except SaveError as exc:
            err(f"Could not save: {exc.cause.strerror or exc.cause}. Nothing was marked.")
            return EXIT_PROBLEM
        finally:
            with contextlib.suppress(SaveError):
                opened.close()


def _temporary_folder() -> contextlib.AbstractContextManager[str]:
    import tempfile

    return tempfile.TemporaryDirectory(prefix="workshop-tui-followup-")


def _open_copy(folder: Path, loaded: LoadedPlan | None, copy_root: Path) -> OpenWorkshop:
    """A copy of a saved workshop that another copy of the app holds, opened in
    `copy_root`: each file is whole (every commit replaces a file atomically), the
    original is neither locked nor written (the boards' templates land in the copy)."""
    import shutil

    from workshop_tui.storage.lock import LOCK_FILE
    from workshop_tui.storage.store import ALIVE_FILE
    from workshop_tui.storage.workshop import open_workshop, resume_saved

    copy = workshops_dir(copy_root) / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(LOCK_FILE, ALIVE_FILE, "backups"))
    if loaded:
        return open_workshop(loaded.path, copy_root, back_up=False, durable=False)
    return resume_saved(copy, back_up=False, durable=False)


def _say_open_in_app(ns: argparse.Namespace, opened: OpenWorkshop, locked: WorkshopLocked) -> None:
    who = locked.holder.describe() if locked.holder else "?"
    err(_translator(ns, opened)("followup.open_in_app", holder=who))


def _translator(ns: argparse.Namespace, opened: OpenWorkshop) -> Translator:
    """The follow-up's language: `--lang`, else the app's when last used, else the plan's."""
    from workshop_tui.i18n import Translator

    language = ns.lang or opened.store.state.location.language or opened.plan.workshop.language
    return Translator(str(language))


def _followup(opened: OpenWorkshop, ns: argparse.Namespace) -> int:
    from workshop_tui.domain.state import ActionStatus, now
    from workshop_tui.session import Session
    from workshop_tui.workflows.closing import ActionNotFound, followup_report

    # A bare Session: no timers are resumed or suspended by a look at the follow-up.
    session = Session(opened)
    t = _translator(ns, opened)
    as_of = ns.as_of or now().astimezone().date()
    closing = session.closing
    closing.prepare_followup()
    if ns.done:
        try:
            shard, action = closing.find_action(ns.done)
        except ActionNotFound as exc:
            key = "followup.ambiguous" if exc.matches else "followup.not_found"
            candidates = ", ".join(exc.candidates)
            err(t(key, ref=exc.ref, count=exc.matches, candidates=candidates))
            return EXIT_PROBLEM
        short = closing.short_ids()[action.id]
        if action.status is ActionStatus.DONE:
            print(t("followup.already_done", id=short, activity=action.activity))
        else:
            closing.set_status(shard, action.id, ActionStatus.DONE, on=as_of)
            print(t("followup.marked_done", id=short, activity=action.activity, date=t.date(as_of)))
            if action.status is ActionStatus.DROPPED:
                print(t("followup.was_dropped", id=short))
        print()
    print(followup_report(closing, as_of, t))
    return EXIT_OK
