"""The real app driven by Pilot: launcher, timeline, timers, language, theme, resume."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BLORA, SESSIONS, FakeClock
from textual.color import Color
from textual.content import Content
from textual.widgets import OptionList

from workshop_tui.domain.state import ItemProgress
from workshop_tui.domain.timeline import Phase, phase
from workshop_tui.storage.settings import load_settings
from workshop_tui.storage.workshop import list_saved, open_workshop
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.launch import create_app
from workshop_tui.tui.screens.help import HelpScreen
from workshop_tui.tui.screens.timeline import TimelineScreen
from workshop_tui.tui.themes import PROJECTOR
from workshop_tui.tui.widgets.agenda import AgendaList
from workshop_tui.tui.widgets.countdown import Countdown
from workshop_tui.tui.widgets.keybar import KeyBar

SIZE = (120, 40)


def blora_app(root: Path, clock: FakeClock, **kw: object) -> WorkshopApp:
    return create_app(root, BLORA, clock=clock, **kw)  # type: ignore[arg-type]


def countdown(app: WorkshopApp) -> Countdown:
    return app.screen.query_one(Countdown)


def keybar_text(app: WorkshopApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_launcher_starts_a_bundled_plan(data_root: Path, clock: FakeClock) -> None:
    app = create_app(data_root, clock=clock, sessions_dirs=[SESSIONS])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        plans = app.screen.query_one("#plans", OptionList)
        prompts = [str(plans.get_option_at_index(i).prompt) for i in range(plans.option_count)]
        assert any("blora-2018.toml" in p for p in prompts)
        plans.focus()
        plans.highlighted = next(i for i, p in enumerate(prompts) if "blora-2018.toml" in p)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert app.session is not None and app.session.plan.key == "blora-2018"
        await pilot.press("ctrl+q")
    [saved] = list_saved(data_root)
    assert saved.meta.title.startswith("Lokakarya")


async def test_launcher_lists_saved_workshops_and_resumes_one(
    data_root: Path, clock: FakeClock
) -> None:
    opened = open_workshop(BLORA, data_root)
    opened.store.put("workshop", opened.store.state.location.model_copy(update={"screen": "swot"}))
    opened.close()
    app = create_app(data_root, clock=clock, sessions_dirs=[])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        saved = app.screen.query_one("#saved", OptionList)
        assert "Lokakarya" in str(saved.get_option_at_index(0).prompt)
        saved.focus()
        saved.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.name == "swot"  # where it stood: the SWOT board


async def test_launcher_reports_a_workshop_open_elsewhere(
    data_root: Path, clock: FakeClock
) -> None:
    holder = open_workshop(BLORA, data_root)
    app = create_app(data_root, clock=clock, sessions_dirs=[SESSIONS])
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            saved = app.screen.query_one("#saved", OptionList)
            assert "open in process" in str(saved.get_option_at_index(0).prompt) or "proses" in str(
                saved.get_option_at_index(0).prompt
            )
            saved.focus()
            saved.highlighted = 0
            await pilot.press("enter")
            await pilot.pause()
            assert app.session is None
            [notice] = [str(n.message) for n in app._notifications]
            assert "sudah dibuka oleh proses" in notice and "already open" not in notice
    finally:
        holder.close()


async def test_step_through_the_timeline(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = app.session
        assert session is not None
        first = session.current_item
        await pilot.press("n")
        assert session.current_item.title == "Istirahat"
        await pilot.press("n", "n")
        assert session.current_item.title == "Ishoma"
        await pilot.press("p")
        assert "Filosofi" in session.current_item.title
        # Jump to any item: move the highlight and press Enter.
        await pilot.press("down", "down", "down", "enter")  # skips the day heading
        await pilot.pause()
        assert session.current_item.title == "Renstra: SWOT"
        assert session.location.item_id == session.current_item.key  # committed
        assert first.key != session.current_item.key


async def test_timer_run_pause_extend_and_colours(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = app.session
        assert session is not None
        item = session.current_item  # 45 minutes
        assert countdown(app).value == "45:00"
        await pilot.press("space")
        assert phase(session.progress(item.key)) is Phase.RUNNING
        clock.advance(minutes=10)
        await pilot.pause(0.6)
        assert countdown(app).value == "35:00"
        assert countdown(app).has_class("-calm")
        await pilot.press("plus", "plus", "minus", "greater_than_sign")  # +1 +1 -1 +5
        assert countdown(app).value == "41:00"
        clock.advance(minutes=41 - 9)  # 9 of 51 minutes left: under 20 %
        await pilot.pause(0.6)
        assert countdown(app).has_class("-warning")
        clock.advance(minutes=7)  # 2 of 51 left: under 5 %
        await pilot.pause(0.6)
        assert countdown(app).has_class("-critical")
        clock.advance(minutes=3)
        await pilot.pause(0.6)
        assert countdown(app).has_class("-overrun")
        assert countdown(app).value == "+01:00"
        await pilot.press("space")
        assert phase(session.progress(item.key)) is Phase.PAUSED
        clock.advance(minutes=5)
        await pilot.pause(0.6)
        assert countdown(app).value == "+01:00"  # a paused timer does not move
        await pilot.press("f")
        progress = session.progress(item.key)
        assert progress is not None and progress.actual_end == clock.now


async def test_quit_and_start_again_in_the_same_place(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n", "space")
        clock.advance(minutes=20)
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("ctrl+q")
    clock.advance(hours=14)

    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.name == "roadmap"
        await pilot.press("f2")
        await pilot.pause()
        assert app.session is not None
        assert "Filosofi" in app.session.current_item.title
        # 150 minutes planned, 20 ran before the night: the night is not counted.
        assert countdown(app).value == "2:10:00"
        assert countdown(app).has_class("-paused") is False  # it runs on, as it stood


async def test_switch_language_live_and_remember_it(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.language == "id"
        assert "Sesi berikut" in keybar_text(app)
        assert app.screen.sub_title == "Jadwal"
        await pilot.press("f8")
        await pilot.pause()
        assert app.language == "en"
        assert "Next item" in keybar_text(app)
        assert app.screen.sub_title == "Timeline"
        await pilot.press("ctrl+q")
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.language == "en"


async def test_language_flag_overrides_the_plan(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.language == "en" and "Next item" in keybar_text(app)


async def test_projector_theme_is_switchable_and_remembered(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        background = app.screen.styles.background
        await pilot.press("f9")
        assert app.theme == "projector"
        await pilot.pause()
        # The screen is drawn in the new theme's colours (every stylesheet re-parsed).
        assert app.screen.styles.background != background
        assert app.screen.styles.background == Color.parse(PROJECTOR.background or "")
        await pilot.press("ctrl+q")
    assert load_settings(data_root).theme == "projector"
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "projector"


async def test_function_keys_open_each_screen_and_help(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        for key, name in [("f3", "swot"), ("f4", "strategy"), ("f5", "roadmap"), ("f6", "closing")]:
            await pilot.press("f2", key)
            await pilot.pause()
            assert app.screen.name == name
            assert app.session is not None and app.session.location.screen == name
        await pilot.press("f2", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.rows()
        screen_rows = {(k, d) for s, k, d in rows if s == "Jadwal"}
        global_rows = {(k, d) for s, k, d in rows if s == "Di semua layar"}
        assert ("space", "Mulai/jeda") in screen_rows and ("n", "Sesi berikut") in screen_rows
        assert ("f1", "Bantuan") in global_rows and ("f3", "SWOT") in global_rows
        assert ("^q", "Keluar") in global_rows and ("^p", "Palet perintah") in {
            (k, d.split(":")[0]) for k, d in global_rows
        }
        await pilot.press("escape")
        assert isinstance(app.screen, TimelineScreen)


async def test_open_the_items_working_screen(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert app.session is not None
        app.session.go_to("renstra-swot")
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.name == "swot"


async def test_command_palette_lists_every_action(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in (
            "Mulai/jeda",
            "Sesi berikut",
            "Sebelumnya",
            "Bantuan",
            "SWOT",
            "Tema",
            "Keluar",
        ):
            assert title in titles


async def test_keys_can_be_remapped_in_a_config_file(data_root: Path, clock: FakeClock) -> None:
    data_root.mkdir(parents=True)
    (data_root / "keys.toml").write_text('[keys]\n"timeline.next" = "j"\n', encoding="utf-8")
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert app.session is not None
        await pilot.press("j")
        assert app.session.current_item.title == "Istirahat"
        assert " j " in keybar_text(app).replace("\u00a0", " ")


async def test_a_broken_keymap_file_is_reported_not_fatal(
    data_root: Path, clock: FakeClock
) -> None:
    data_root.mkdir(parents=True)
    (data_root / "keys.toml").write_text("[keys\n", encoding="utf-8")
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("keys.toml" in str(n.message) for n in app._notifications)
        await pilot.press("n")
        assert app.session is not None and app.session.current_item.title == "Istirahat"


async def test_small_terminal_stacks_the_countdown_under_the_agenda(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        panel = app.screen.query_one("#timer-panel")
        agenda = app.screen.query_one("#agenda")
        assert panel.region.y > agenda.region.y
        assert countdown(app).region.height == 3 and countdown(app).region.bottom <= 24


async def test_a_tiny_terminal_still_shows_the_current_agenda_row(
    data_root: Path, clock: FakeClock
) -> None:
    # At 60×15 the countdown panel took every row: the agenda had none.
    app = blora_app(data_root, clock)
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        agenda = app.screen.query_one(AgendaList)
        assert agenda.scrollable_content_region.height >= 2
        assert countdown(app).region.y > agenda.region.bottom - 1


@pytest.mark.parametrize("size", [(100, 16), (100, 30), (110, 30), (120, 40), (80, 24)])
async def test_agenda_titles_stay_whole_words_at_every_width(
    data_root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    # At 100 columns the kind column left a title 4 cells: "Pembukaa" / "n" / "dan".
    app = blora_app(data_root, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        agenda = app.screen.query_one(AgendaList)
        first = str(agenda.get_option(app.session.current_item.key).prompt)
        assert "Pembukaan dan" in first.replace("\n", " ")
        rows = str(agenda.get_option("filosofi-peta-juang").prompt).split("\n")
        assert all(len(row) <= agenda.scrollable_content_region.width for row in rows)
        assert "Filosofi dan" in rows[0] and "Materi" in " ".join(rows)
        panel = app.screen.query_one("#timer-panel")
        assert panel.region.width >= 44 and countdown(app).region.height == 3


async def test_a_failing_disk_is_shown_kept_in_memory_and_retried(
    data_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from workshop_tui.storage import atomic

    real_write = atomic.atomic_write_bytes

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = app.session
        assert session is not None
        monkeypatch.setattr(atomic, "atomic_write_bytes", disk_full)
        await pilot.press("space")  # start the timer: the commit fails
        await pilot.pause()
        assert app.saving_failed
        assert any("No space left" in str(n.message) for n in app._notifications)
        # The change is kept in memory and on screen.
        assert phase(session.progress(session.current_item.key)) is Phase.RUNNING
        assert session.store.unsaved
        await pilot.press("ctrl+q")  # quitting now would lose the change: refused once
        await pilot.pause()
        assert app.is_running and app.session is not None
        monkeypatch.setattr(atomic, "atomic_write_bytes", real_write)
        await pilot.pause(3.5)  # the retry runs every 3 s
        assert not app.saving_failed and not session.store.unsaved
        await pilot.press("ctrl+q")
    # The retried change is on disk.
    again = open_workshop(BLORA, data_root)
    progress = again.store.state.workshop.table(ItemProgress).values()
    assert any(p.actual_start is not None and p.suspended for p in progress)
    again.close()


@pytest.mark.parametrize(
    "content",
    [b"[keys\n", b"a = " + b"[" * 100_000, b"a = " + b"9" * 5000, b"\xff\xfe", b"keys = 3"],
    ids=["syntax", "deep", "huge-int", "not-utf8", "wrong-shape"],
)
def test_every_broken_keymap_file_is_a_problem_not_an_exception(
    tmp_path: Path, content: bytes
) -> None:
    from workshop_tui.i18n import Translator
    from workshop_tui.tui.keys import load_keymap

    path = tmp_path / "keys.toml"
    path.write_bytes(content)
    keymap, problem = load_keymap(path)
    assert keymap == {} and problem is not None
    for language in ("id", "en"):  # whole sentences of the UI language
        told = problem.describe(Translator(language))
        assert str(path) in told and "notice.keymap" not in told
        assert ("tombol bawaan" if language == "id" else "default keys") in told


@pytest.mark.parametrize("start", ["workshop", "launcher"])
async def test_the_first_screen_is_rendered_once_not_inside_the_start_batch(
    data_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    """Textual renders a screen inside `batch_update` and then drops the frame; ours wait
    for the end of the batch (WorkshopScreen._compositor_refresh) and render once."""
    from textual._compositor import Compositor

    renders: list[bool] = []  # one per full or partial render: inside a batch?
    real_render = Compositor.render_update

    def counting_render(compositor: Compositor, *args: object, **kwargs: object) -> object:
        renders.append(bool(app._batch_count))
        return real_render(compositor, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "render_update", counting_render)
    if start == "workshop":
        app = blora_app(data_root, clock)
    else:
        app = create_app(data_root, clock=clock, sessions_dirs=[SESSIONS])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert renders and not any(renders)
        # …and what was rendered is the screen with its content.
        assert "Blora" in app.export_screenshot()
        await pilot.press("ctrl+q")


async def test_the_timeline_draws_once_when_it_opens_and_once_when_shown_again(
    data_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual calls the base class's `on_mount` after a subclass's (which calls it too),
    and a screen's first resume comes with its mount: neither draws the agenda again."""
    drawn: list[str] = []
    real_refresh = TimelineScreen.refresh_words

    def counting(screen: TimelineScreen) -> None:
        drawn.append(type(screen).__name__)
        real_refresh(screen)

    monkeypatch.setattr(TimelineScreen, "refresh_words", counting)
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert drawn == ["TimelineScreen"]
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f2")  # back: things may have moved meanwhile
        await pilot.pause()
        assert drawn == ["TimelineScreen", "TimelineScreen"]
        await pilot.press("ctrl+q")


async def test_bad_keymap_entries_are_reported_and_no_action_loses_its_key(
    data_root: Path, clock: FakeClock
) -> None:
    data_root.mkdir(parents=True)
    (data_root / "keys.toml").write_text(
        '[keys]\n"timeline.nxt" = "j"\n"timeline.previous" = "notakey!!"\n'
        '"timeline.finish" = "ctrl+q"\n"timeline.toggle" = "n"\n"timeline.current" = "x"\n',
        encoding="utf-8",
    )
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [notice] = [n for n in app._notifications if "keys.toml" in n.title]
        for bad in ("timeline.nxt", "notakey!!", "ctrl+q", "“n”"):
            assert bad in notice.message, bad
        assert "timeline.current" not in notice.message  # a good remap is applied quietly
        await pilot.press("f1")
        await pilot.pause()
        rows = {(keys, what) for _, keys, what in app.screen.rows()}
        assert {("n", "Sesi berikut"), ("p", "Sebelumnya"), ("f", "Selesaikan")} <= rows
        assert ("space", "Mulai/jeda") in rows and ("x", "Ke sesi aktif") in rows
        await pilot.press("escape", "n")
        assert app.session is not None and app.session.current_item.title == "Istirahat"


def test_swapping_two_keys_is_no_clash() -> None:
    from workshop_tui.tui.keys import check_keymap, default_keys

    keymap, problems = check_keymap(
        {"timeline.next": "p", "timeline.previous": "n", "timeline.extend": "+,="}, default_keys()
    )
    assert problems == []
    assert keymap == {
        "timeline.next": "p",
        "timeline.previous": "n",
        "timeline.extend": "plus,equals_sign",
    }


def test_a_global_key_cannot_be_taken_by_a_screen_nor_a_screen_key_by_a_global_one() -> None:
    from workshop_tui.tui.keys import check_keymap, default_keys

    keymap, problems = check_keymap(
        {"swot.undo": "f1", "app.help": "n", "timeline.finish": "ctrl+p"}, default_keys()
    )
    assert keymap == {}
    assert {(p.binding_id, p.reason) for p in problems} == {
        ("swot.undo", "clash"),
        ("app.help", "clash"),
        ("timeline.finish", "clash"),
    }


async def test_the_language_flag_is_remembered_like_f8(data_root: Path, clock: FakeClock) -> None:
    app = blora_app(data_root, clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.language == "en" and "Next item" in keybar_text(app)
        assert app.session is not None and app.session.location.language == "en"


async def test_an_empty_launcher_starts_on_the_first_plan(
    data_root: Path, clock: FakeClock
) -> None:
    app = create_app(data_root, clock=clock, sessions_dirs=[SESSIONS])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        plans = app.screen.query_one("#plans", OptionList)
        assert app.focused is plans and plans.highlighted == 0
        await pilot.press("tab")  # the empty saved list takes no focus
        await pilot.pause()
        assert app.focused is plans and plans.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


async def test_every_launcher_list_that_gets_focus_has_a_highlighted_row(
    data_root: Path, clock: FakeClock
) -> None:
    open_workshop(BLORA, data_root).close()
    app = create_app(data_root, clock=clock, sessions_dirs=[SESSIONS])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        saved = app.screen.query_one("#saved", OptionList)
        assert app.focused is saved and saved.highlighted == 0
        await pilot.press("tab")
        await pilot.pause()
        plans = app.screen.query_one("#plans", OptionList)
        assert app.focused is plans and plans.highlighted == 0


async def test_a_broken_plan_is_reported_in_the_ui_language(
    data_root: Path, clock: FakeClock, tmp_path: Path
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "broken.toml").write_text("[workshop]\n", encoding="utf-8")
    app = create_app(data_root, clock=clock, sessions_dirs=[plans])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        [notice] = [str(n.message) for n in app._notifications]
        assert "masalah" in notice and "Perbaiki berkasnya" in notice
        assert "problem" not in notice and "Fix the file" not in notice


@pytest.mark.parametrize(
    ("closed", "said"),
    [({"seconds": 40}, "kurang dari 1 mnt"), ({"minutes": 75}, "1 jam 15 mnt")],
)
async def test_the_resume_notice_says_how_long_the_app_was_closed(
    data_root: Path, clock: FakeClock, closed: dict[str, float], said: str
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.press("ctrl+q")
    clock.advance(**closed)
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [notice] = [str(n.message) for n in app._notifications if "berlanjut" in str(n.message)]
        assert f"({said})" in notice and " min" not in notice


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_key_bar_never_parts_a_key_from_its_label(
    data_root: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=size) as pilot:
        for screen_key in ("f2", "f3", "f4", "f5", "f6"):
            await pilot.press(screen_key)
            await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            content = bar.render()
            assert isinstance(content, Content)
            rows = content.plain.split("\n")
            if size[0] >= 120:
                assert len(rows) == 1 and bar.size.height == 1, rows
                assert "f1  Bantuan" in rows[0] and "^q  Keluar" in rows[0]
            key_ends = {span.end for span in content.spans if getattr(span.style, "reverse", 0)}
            start = 0
            for row in rows:
                end = start + len(row)
                # Every row ends on a label: no key is the last thing on a row.
                assert len(row) <= size[0] and end not in key_ends and row.strip(), row
                start = end + 1
        await pilot.press("f8")
        await pilot.pause()


@pytest.mark.parametrize(
    ("width", "shown", "left_out"),
    [
        (120, ["space", "+", "-", "n", "f"], ["p", "o"]),
        (100, ["space", "+", "-"], ["n", "f", "p", "o"]),
    ],
)
async def test_the_one_row_key_bar_keeps_the_timer_keys_first(
    data_root: Path, clock: FakeClock, width: int, shown: list[str], left_out: list[str]
) -> None:
    # A screen's keys are kept in its order: a shorter later key (f) never takes the place
    # of an earlier one (n) that did not fit.
    app = blora_app(data_root, clock)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar).render()
        assert isinstance(bar, Content)
        keys = [
            bar.plain[s.start : s.end].strip()
            for s in bar.spans
            if getattr(s.style, "reverse", False)
        ]
        assert keys[: len(shown)] == shown and not set(left_out) & set(keys), keys
        assert {"f1", "f2‥f6"} <= set(keys) and keys[-1] == "^q", keys


async def test_a_key_bar_removed_before_its_redraw_ran_draws_nothing(
    data_root: Path, clock: FakeClock
) -> None:
    # A redraw waits for the next refresh; the screen may be gone by then (a repair that
    # replaced it crashed the app on "node has no screen").
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        await bar.remove()
        bar.redraw()
        bar._bindings_changed(app.screen)
        await pilot.pause()
        assert app.return_code is None


async def test_the_language_key_is_named_in_the_ui_language(
    data_root: Path, clock: FakeClock
) -> None:
    app = blora_app(data_root, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        rows = {(keys, what) for _, keys, what in app.screen.rows()}
        assert ("f8", "Bahasa") in rows


def saved_rows(app: WorkshopApp) -> list[str]:
    saved = app.screen.query_one("#saved", OptionList)
    return [str(saved.get_option_at_index(i).prompt) for i in range(saved.option_count)]


async def test_saved_workshops_show_where_they_stood_by_name_and_apart(
    data_root: Path, clock: FakeClock, tmp_path: Path
) -> None:
    twin = tmp_path / "blora-twin.toml"
    twin.write_text(
        BLORA.read_text("utf-8").replace('id = "blora-2018"', 'id = "blora-twin"', 1), "utf-8"
    )
    for plan in (BLORA, twin):
        opened = open_workshop(plan, data_root)
        location = opened.store.state.location
        opened.store.put(
            "workshop",
            location.model_copy(
                update={"item_id": "filosofi-peta-juang", "group_id": "kelompok-1"}
            ),
        )
        opened.close()
    app = create_app(data_root, clock=clock, sessions_dirs=[SESSIONS])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = saved_rows(app)
        assert len(rows) == 2 and rows[0] != rows[1]
        assert any("blora-twin" in row for row in rows) and any("blora-2018" in row for row in rows)
        for row in rows:
            assert "19–22 Februari 2018" in row
            assert "filosofi-peta-juang" not in row and "Filosofi" in row
            assert "Kelompok 1" in row


async def test_plan_summaries_count_in_the_singular_and_plural(
    data_root: Path, clock: FakeClock
) -> None:
    app = create_app(data_root, clock=clock, sessions_dirs=[SESSIONS], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        plans = app.screen.query_one("#plans", OptionList)
        prompts = " ".join(
            str(plans.get_option_at_index(i).prompt) for i in range(plans.option_count)
        )
        assert "1 days" not in prompts and "1 groups" not in prompts
        assert "1 cooperatives" not in prompts and "(s)" not in prompts


async def test_a_saved_workshop_whose_plan_file_is_gone_is_named_from_its_copy(
    data_root: Path, clock: FakeClock, tmp_path: Path
) -> None:
    plan = tmp_path / "blora-moved.toml"
    plan.write_text(BLORA.read_text("utf-8"), "utf-8")
    opened = open_workshop(plan, data_root)
    location = opened.store.state.location
    opened.store.put("workshop", location.model_copy(update={"item_id": "filosofi-peta-juang"}))
    opened.close()
    plan.unlink()  # moved away, or on a stick that is not plugged in
    app = create_app(data_root, clock=clock, sessions_dirs=[SESSIONS])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [row] = saved_rows(app)
        assert "Filosofi" in row and "filosofi-peta-juang" not in row
