"""The domain, storage and report layers never import Textual (design.md's layering)."""

from __future__ import annotations

import subprocess
import sys


def test_core_layers_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import workshop_tui.domain.plan, workshop_tui.domain.state, workshop_tui.domain.timeline\n"
        "import workshop_tui.domain.reconcile, workshop_tui.domain.deadlines\n"
        "import workshop_tui.storage.store, workshop_tui.storage.workshop\n"
        "import workshop_tui.storage.plan_file, workshop_tui.storage.settings\n"
        "import workshop_tui.report, workshop_tui.session, workshop_tui.i18n, workshop_tui.cli\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_domain_does_not_import_storage_or_tinydb() -> None:
    code = (
        "import sys\n"
        "import workshop_tui.domain.plan, workshop_tui.domain.state, workshop_tui.domain.timeline\n"
        "import workshop_tui.domain.reconcile, workshop_tui.domain.deadlines\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'tinydb'\n"
        "             or m.startswith('workshop_tui.storage'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
