"""Export a workshop: every document and data file, in the formats asked for, into one folder.

    export_workshop(source, formats, out_dir, cooperative=None, force=False) -> [Path, ...]

`source` is a workshop open in this process (`OpenWorkshop`, as the app holds it), a saved
workshop's folder (`Path`; opened with its lock, or read-only when the app holds it), or
an `ExportSource`. What is written, for the whole workshop:

    md, html, docx   laporan-kegiatan.<ext> (workshop-report.<ext> for an English plan)
                     and renstra-<cooperative>.<ext> (strategic-plan-<cooperative>.<ext>)
    csv              actions.csv, signatures.csv, notes.csv
    json             workshop-state.json and its JSON Schema, workshop-state.schema.json

With `cooperative`, only that cooperative's Renstra and its rows of the CSV and JSON files.

File names made from cooperative names are slugs (`[a-z0-9-]`), checked to stay inside
`out_dir`. Nothing is overwritten unless `force`: if any target exists, nothing at all is
written and `ExportError` lists them. Each file is written whole or not at all (temp file
and rename), readable by the user only.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from workshop_tui.domain.plan import slugify
from workshop_tui.domain.team import normalise_name
from workshop_tui.report.context import CoopRef, ExportContext
from workshop_tui.report.model import Block, Document
from workshop_tui.report.source import ExportSource, from_open, open_saved
from workshop_tui.storage.atomic import remove_stale_temps, write_temp
from workshop_tui.storage.paths import ensure_private_dir
from workshop_tui.storage.workshop import OpenWorkshop

FORMATS = ("md", "html", "docx", "csv", "json")
DOCUMENT_FORMATS = ("md", "html", "docx")
STATE_FILE = "workshop-state.json"
SCHEMA_FILE = "workshop-state.schema.json"
CSV_FILES = ("actions.csv", "signatures.csv", "notes.csv")


class ExportError(Exception):
    """An export that cannot be made, with a message for the user."""


class ExportWriteError(ExportError):
    """The disk refused the export (full, read-only, no permission): nothing was left
    behind. Its parts let the app say it in the UI's language."""

    def __init__(self, message: str, path: Path, reason: str, *, overwritten: int = 0) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason  # the system's words (already in the machine's language)
        self.overwritten = overwritten


def parse_formats(values: Iterable[str] | None) -> list[str]:
    """Formats from `--format` values: repeated, comma-separated, or "all" (the default,
    when no value is given; values that name no format at all, as `-f ''`, are refused)."""
    wanted: list[str] = []
    for value in ["all"] if values is None else values:
        for part in value.split(","):
            name = part.strip().lower()
            if not name:
                continue
            if name == "all":
                wanted += [f for f in FORMATS if f not in wanted]
            elif name in FORMATS:
                if name not in wanted:
                    wanted.append(name)
            else:
                raise ExportError(
                    f"Unknown format {part.strip()!r}: choose from {', '.join(FORMATS)} or all"
                )
    if not wanted:
        raise ExportError(f"No format given: choose from {', '.join(FORMATS)} or all")
    return wanted


def find_cooperative(cooperatives: list[CoopRef], name_or_id: str) -> CoopRef:
    """A cooperative by its id, else by its name (case and spacing ignored)."""
    for coop in cooperatives:
        if coop.id == name_or_id:
            return coop
    wanted = normalise_name(name_or_id)
    for coop in cooperatives:
        if normalise_name(coop.name) == wanted:
            return coop
    choices = "\n".join(f"  {c.id}  ({c.name})" for c in cooperatives)
    raise ExportError(
        f"No cooperative {name_or_id!r} in this workshop. Its cooperatives:\n{choices}"
    )


def default_out_dir(root: Path, workshop_id: str, at: dt.datetime | None = None) -> Path:
    """`<data folder>/exports/<workshop id>-<YYYYMMDD-HHMM>/`, in local time; a later export
    in the same minute gets `-2`, `-3`... rather than mixing with the first."""
    stamp = (at or dt.datetime.now(dt.UTC)).astimezone().strftime("%Y%m%d-%H%M")
    base = root / "exports" / f"{safe_stem(workshop_id, 'workshop')}-{stamp}"
    candidate, number = base, 1
    while candidate.exists():
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def safe_stem(name: str, fallback: str) -> str:
    """A file-name stem made from free text: a slug, never empty, never a path."""
    slug = slugify(name)
    if slug == "x":  # nothing usable in the name (e.g. only non-Latin letters)
        slug = slugify(fallback)
    return slug


def target_path(out_dir: Path, filename: str) -> Path:
    """`out_dir / filename`, refusing any name that could leave `out_dir`."""
    bad = (
        not filename
        or filename in (".", "..")
        or filename.startswith(".")
        or any(c in filename for c in "/\\\x00")
    )
    path = out_dir / filename
    if bad or path.resolve().parent != out_dir.resolve():
        raise ExportError(f"Refusing to write {filename!r}: not a plain file name in {out_dir}")
    return path


@dataclass(frozen=True)
class _Output:
    filename: str
    produce: Callable[[], bytes]


def _renstra_names(ctx: ExportContext, coops: list[CoopRef]) -> dict[str, str]:
    """A file-name stem per cooperative: renstra-<slug of its name>, unique."""
    prefix = ctx.w("file.renstra")
    names: dict[str, str] = {}
    used: set[str] = set()
    for coop in coops:
        stem = f"{prefix}-{safe_stem(coop.name, coop.id)}"
        if stem in used:
            stem = f"{stem}-{safe_stem(coop.id, 'x')}"
        base, number = stem, 1
        while stem in used:
            number += 1
            stem = f"{base}-{number}"
        used.add(stem)
        names[coop.id] = stem
    return names


def _outputs(ctx: ExportContext, formats: list[str], cooperative: CoopRef | None) -> list[_Output]:
    from workshop_tui.report import csv_export, json_export
    from workshop_tui.report.renstra import build_renstra, renstra_body
    from workshop_tui.report.workshop_report import build_workshop_report

    coops = [cooperative] if cooperative is not None else ctx.cooperatives
    coop_id = cooperative.id if cooperative is not None else None
    bodies: dict[str, list[Block]] = {}
    documents: dict[str, Document] = {}

    def body(coop: CoopRef) -> list[Block]:
        if coop.id not in bodies:
            bodies[coop.id] = renstra_body(ctx, coop)
        return bodies[coop.id]

    def report() -> Document:
        if "report" not in documents:
            for coop in coops:
                body(coop)
            documents["report"] = build_workshop_report(ctx, bodies)
        return documents["report"]

    def renstra(coop: CoopRef) -> Callable[[], Document]:
        def build() -> Document:
            if coop.id not in documents:
                documents[coop.id] = build_renstra(ctx, coop, body(coop))
            return documents[coop.id]

        return build

    stems = _renstra_names(ctx, coops)
    outputs: list[_Output] = []
    for fmt in formats:
        if fmt in DOCUMENT_FORMATS:
            render = _renderer(fmt)
            if cooperative is None:
                outputs.append(_Output(f"{ctx.w('file.report')}.{fmt}", _rendered(render, report)))
            for coop in coops:
                outputs.append(_Output(f"{stems[coop.id]}.{fmt}", _rendered(render, renstra(coop))))
        elif fmt == "csv":
            outputs += [
                _Output("actions.csv", lambda: csv_export.actions_csv(ctx, coop_id)),
                _Output("signatures.csv", lambda: csv_export.signatures_csv(ctx, coop_id)),
                _Output("notes.csv", lambda: csv_export.notes_csv(ctx, coop_id)),
            ]
        elif fmt == "json":

            def state() -> bytes:
                return json_export.encode_state(
                    ctx.plan, ctx.state, cooperative=coop_id, exported_at=ctx.generated_at
                )

            def schema() -> bytes:
                text = json.dumps(json_export.state_schema(), ensure_ascii=False, indent=1)
                return (text + "\n").encode("utf-8")

            outputs += [_Output(STATE_FILE, state), _Output(SCHEMA_FILE, schema)]
    return outputs


def _renderer(fmt: str) -> Callable[[Document], bytes]:
    """The format's renderer, with a cache of rendered tables shared by the documents of
    this export (the workshop report holds the very tables of every Renstra)."""
    cache: dict[int, str] = {}
    if fmt == "md":
        from workshop_tui.report import markdown

        return lambda doc: markdown.render(doc, cache).encode("utf-8")
    if fmt == "html":
        from workshop_tui.report import html

        return lambda doc: html.render(doc, cache).encode("utf-8")
    from workshop_tui.report import docx  # python-docx only when DOCX is asked for

    return lambda doc: docx.render(doc, cache)


def _rendered(
    render: Callable[[Document], bytes], build: Callable[[], Document]
) -> Callable[[], bytes]:
    return lambda: render(build())


def export_source(
    source: ExportSource,
    formats: Iterable[str] = FORMATS,
    out_dir: Path | None = None,
    cooperative: str | None = None,
    force: bool = False,
    *,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> list[Path]:
    """Export a loaded source into `out_dir` (see `export_workshop`). `now` stamps the
    documents ("as of"); `tz` is the zone of the times shown (None: the machine's)."""
    if out_dir is None:
        raise ExportError("No output folder given")
    ctx = ExportContext(source.plan, source.state, tz=tz)
    if now is not None:
        ctx.generated_at = now
    chosen = find_cooperative(ctx.cooperatives, cooperative) if cooperative else None
    wanted = parse_formats(formats)
    outputs = _outputs(ctx, wanted, chosen)
    folder = out_dir.expanduser()
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} exists and is not a folder")
    paths = [target_path(folder, output.filename) for output in outputs]
    if not force:
        existing = [path for path in paths if path.exists() or path.is_symlink()]
        if existing:
            listed = "\n".join(f"  {path}" for path in existing)
            raise ExportError(
                f"These files exist already; nothing was written (use --force to "
                f"overwrite them, or choose another folder with --out):\n{listed}"
            )
    created_folder = not folder.exists()
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise ExportWriteError(
            f"Cannot create the folder {folder}: {reason}", folder, reason
        ) from None
    # All or nothing, in two steps: every file is written beside its place first (hidden
    # temp files); only when all are written do they take their places (renames, which
    # need no space). A full disk or a kill while writing leaves no export file, and with
    # --force no earlier file overwritten.
    remove_stale_temps(paths)  # of an export killed while writing these files
    temps: list[Path] = []
    for output, path in zip(outputs, paths, strict=True):
        try:
            temps.append(write_temp(path, output.produce(), durable=False))
        except OSError as exc:
            reason = str(exc.strerror or exc)
            _remove(temps, folder if created_folder else None)
            raise ExportWriteError(
                f"Cannot write {path}: {reason}. Nothing was exported and no file in "
                f"{folder} was changed. Free some space or choose another folder with "
                "--out, then export again.",
                path,
                reason,
            ) from None
    written: list[Path] = []
    replaced: list[Path] = []  # with --force: files of an earlier export, now overwritten
    for tmp, path in zip(temps, paths, strict=True):
        existed = path.exists()
        try:
            os.replace(tmp, path)
        except OSError as exc:  # renames seldom fail (a file turned read-only meanwhile)
            reason = str(exc.strerror or exc)
            _remove([*temps, *written], folder if created_folder else None)
            message = f"Cannot write {path}: {reason}. Nothing was exported."
            if replaced:
                message += (
                    f" {_files(len(replaced))} of an earlier export there had been overwritten."
                )
            raise ExportWriteError(message, path, reason, overwritten=len(replaced)) from None
        (replaced if existed else written).append(path)
    return paths


def _remove(files: list[Path], folder: Path | None) -> None:
    """Files of a failed export, and the folder it made (if left empty)."""
    for path in files:
        with suppress(OSError):
            path.unlink(missing_ok=True)
    if folder is not None:
        with suppress(OSError):
            folder.rmdir()  # only if empty


def _files(count: int) -> str:
    return f"{count} file{'s' if count != 1 else ''}"


def export_workshop(
    source: OpenWorkshop | ExportSource | Path,
    formats: Iterable[str] = FORMATS,
    out_dir: Path | None = None,
    cooperative: str | None = None,
    force: bool = False,
    *,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> list[Path]:
    """Export a workshop (see the module's docstring); returns the files written, in order.

    `out_dir` defaults to `<data folder>/exports/<workshop id>-<YYYYMMDD-HHMM>/` (the
    data folder that holds the workshop); to name the folder on screen before exporting,
    compute it with `default_out_dir(root, plan.key)` and pass it.

    From the app: `export_workshop(session.opened, ...)` on the thread that owns the
    store (it reads the state in memory, loading any cooperative not loaded yet), or
    `export_workshop(session.store.folder, ...)` from a worker thread: the lock is held
    by the app, so the saved files are read read-only and the app's state is not touched.

    Raises `ExportError` with a message for the user; a plan or state file that cannot
    be read raises `PlanError` / `StateFileError` (saved folders only)."""
    if isinstance(source, Path):
        with open_saved(source) as loaded:
            return export_source(
                loaded, formats, out_dir or _beside(loaded), cooperative, force, now=now, tz=tz
            )
    loaded = from_open(source) if isinstance(source, OpenWorkshop) else source
    return export_source(
        loaded, formats, out_dir or _beside(loaded), cooperative, force, now=now, tz=tz
    )


def _beside(source: ExportSource) -> Path:
    """The default output folder of a source that lives in `<root>/workshops/<id>/`."""
    if source.folder is None:
        raise ExportError("No output folder given")
    root = source.folder.parent.parent
    return default_out_dir(root, source.folder.name)
