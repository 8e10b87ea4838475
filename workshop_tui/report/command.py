"""`workshop-tui export`: the command line of the exports (cli.py hands the subcommand here).

    workshop-tui export [WORKSHOP] [--format FMT]... [--out DIR] [--cooperative NAME_OR_ID]
                        [--force] [--data-dir DIR]

WORKSHOP is a saved workshop's id or a plan file; without it, the only saved workshop.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from workshop_tui.storage.atomic import StateFileError
from workshop_tui.storage.paths import data_dir
from workshop_tui.storage.plan_file import PlanError
from workshop_tui.storage.workshop import NoSavedWorkshop, find_saved

EXIT_OK = 0
EXIT_PROBLEM = 1


def add_export_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    parser = sub.add_parser(
        "export",
        help="write the workshop's documents and data (md, html, docx, csv, json)",
        description=(
            "Export a workshop at any moment: each cooperative's draft Renstra and the "
            "workshop report (Markdown, HTML, DOCX), actions/signatures/notes as CSV, and "
            "the whole state as JSON. Works while the app has the workshop open."
        ),
    )
    parser.add_argument(
        "workshop",
        nargs="?",
        help="a saved workshop id or a plan file (default: the only saved workshop)",
    )
    parser.add_argument(
        "--format",
        "-f",
        action="append",
        metavar="FMT",
        help="md, html, docx, csv, json or all; repeat or separate with commas (default: all)",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="output folder (default: <data folder>/exports/<workshop>-<YYYYMMDD-HHMM>/)",
    )
    parser.add_argument(
        "--cooperative",
        metavar="NAME_OR_ID",
        help="export only this cooperative's Renstra and its rows of the data files",
    )
    parser.add_argument("--force", action="store_true", help="overwrite files that exist")
    common(parser)


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def run_export(ns: argparse.Namespace) -> int:
    from workshop_tui.report.export import (
        ExportError,
        default_out_dir,
        export_source,
        parse_formats,
        safe_stem,
    )
    from workshop_tui.report.source import open_saved

    root = data_dir(ns.data_dir)
    try:
        formats = parse_formats(ns.format)
        folder, loaded = find_saved(root, ns.workshop, "export")
        with open_saved(folder, loaded.plan if loaded else None) as source:
            if source.mode == "read-only":
                who = source.holder.describe() if source.holder else "another copy"
                print(
                    f"The workshop is open in {who}: exporting from its saved files, "
                    "read-only, without its lock."
                )
            elif source.mode == "unwritable":
                print(f"{folder} cannot be written to: exporting from its files as they are.")
            else:
                print(f"Reading {folder} (locked while reading).")
            name = folder.name
            if ns.cooperative:
                name = f"{name}-{safe_stem(ns.cooperative, 'cooperative')}"
            out = Path(ns.out).expanduser() if ns.out else default_out_dir(root, name)
            paths = export_source(source, formats, out, ns.cooperative, ns.force)
    except NoSavedWorkshop as exc:
        _err(str(exc))
    except ExportError as exc:
        _err(str(exc))
    except PlanError as exc:
        _err(exc.report())
    except StateFileError as exc:
        from workshop_tui.cli import damaged_message

        _err(damaged_message(exc) + "\nNothing was exported.")
    except OSError as exc:
        _err(f"Cannot export: {exc.strerror or exc}")
    else:
        for path in paths:
            print(path)
        print(f"{len(paths)} file{'s' if len(paths) != 1 else ''} written to {out}")
        return EXIT_OK
    return EXIT_PROBLEM
