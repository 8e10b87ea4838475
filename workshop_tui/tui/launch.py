"""Building and running the app: one factory for the command line and the tests."""

from __future__ import annotations

import datetime as dt
import gc
from functools import partial
from pathlib import Path

from workshop_tui.domain.state import now
from workshop_tui.session import Clock
from workshop_tui.storage.atomic import StateFileError
from workshop_tui.storage.workshop import OpenWorkshop, open_workshop
from workshop_tui.tui.app import WorkshopApp, start_mode


def create_app(
    root: Path,
    plan: Path | None = None,
    *,
    lang: str | None = None,
    theme: str | None = None,
    clock: Clock = now,
    tz: dt.tzinfo | None = None,
    sessions_dirs: list[Path] | None = None,
    repair_in_app: bool = True,
) -> WorkshopApp:
    """The app on the launcher, or on `plan`'s workshop (opened now, so a broken plan or
    a held lock is reported before the screen takes over the terminal). Damaged state is
    offered its repair in the app, or raised when `repair_in_app` is off."""
    opened = damaged = None
    if plan is not None:
        opener = partial(open_workshop, plan, root)
        try:
            opened = _open_for_first_paint(plan, root) if repair_in_app else opener()
        except StateFileError as exc:
            if not repair_in_app:
                raise
            damaged = (exc, opener)
    try:
        return WorkshopApp(
            root,
            opened,
            language=lang,
            theme=theme,
            clock=clock,
            tz=tz,
            sessions_dirs=sessions_dirs,
            damaged=damaged,
        )
    except BaseException:
        if opened is not None:
            opened.close(keep_crash_notice=True)
        raise


def _open_for_first_paint(plan: Path, root: Path) -> OpenWorkshop:
    """Open with the cooperative files' check left for right after the first paint
    (`WorkshopApp._finish_open_check`; ~40 ms at 10,000 notes), unless the workshop
    stood on a cooperative's screen, which needs one of those files to draw."""
    opened = open_workshop(plan, root, check_later=True)
    try:
        if start_mode(opened.store.state.location) != "timeline":
            opened.store.finish_open_check()
    except BaseException:
        opened.close(keep_crash_notice=True)
        raise
    return opened


def run_app(
    root: Path,
    plan: Path | None,
    *,
    lang: str | None,
    theme: str | None,
    repair_in_app: bool = True,
) -> int:
    app = create_app(root, plan, lang=lang, theme=theme, repair_in_app=repair_in_app)
    app.friendly_errors = True
    # What is loaded by now lives as long as the app: keep the collector from walking it
    # again and again (a full collection over a loaded workshop costs tens of ms). The
    # collector itself, if `cli` paused it for the start, resumes after the first paint.
    gc.freeze()
    try:
        app.run()
    finally:
        app.close_session()
    return app.return_code or 0
