"""Exports of a workshop's outputs: each cooperative's draft Renstra and the workshop
report (Markdown, HTML, DOCX), CSV files and the whole state as JSON.

`export_workshop` (in `export.py`) is the entry point for the app and the command line.
Submodules load on first use, so importing this package costs nothing (and never pulls in
python-docx or Textual).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop_tui.report.export import FORMATS, ExportError, export_workshop

__all__ = ["FORMATS", "ExportError", "export_workshop"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from workshop_tui.report import export

        return getattr(export, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
