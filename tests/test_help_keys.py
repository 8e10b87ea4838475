"""F1 help and the command palette list every key of a screen, widgets' keys included."""

from __future__ import annotations

from pathlib import Path

from conftest import BLORA, FakeClock

from workshop_tui.tui.launch import create_app


async def test_help_and_palette_list_the_note_lists_keys(data_root: Path, clock: FakeClock) -> None:
    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        board = app.screen
        titles = [c.title for c in app.get_system_commands(board)]
        # Keys of the SWOT board itself, of its note lists and inputs, and global ones.
        for title in ("Kuadran berikut", "Ubah", "Hapus", "+suara", "Urut suara", "Bantuan"):
            assert title in titles, title
        await pilot.press("f1")
        await pilot.pause()
        rows = {(keys, what) for _, keys, what in app.screen.rows()}
        assert ("e", "Ubah") in rows and ("s", "Urut suara") in rows
        assert ("tab", "Kuadran berikut") in rows and ("f1", "Bantuan") in rows


async def test_the_palette_offers_only_the_apps_actions_in_the_ui_language(
    data_root: Path, clock: FakeClock
) -> None:
    from textual.command import CommandInput

    app = create_app(data_root, BLORA, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert not {"Keys", "Maximize", "Screenshot", "Theme", "Quit"} & set(commands)
        assert commands["+1 mnt"] == "+, = — +1 mnt"  # keys shown as the help shows them
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == app.t("palette.placeholder")
        assert "Search" not in app.t("palette.placeholder")
