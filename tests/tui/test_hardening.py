"""The app under hostile input and everyday habits: markup and escape codes are shown as
text, the app never exits on bad input, quitting asks first, export asks before overwriting,
amounts stay whole at 80x24."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from textual.geometry import Region
from tui_helpers import export_to, notifications, open_first_scenario, send, settle
from tui_records import ScriptedSession, sample_decision, sample_hits

from assistant.model import Reply
from assistant.tui.app import create_app
from assistant.tui.confirm_screen import ConfirmScreen
from assistant.tui.export_screen import ExportScreen
from assistant.tui.safety import NOTIFY_LIMIT
from knowledge.infra.terminal import has_control
from rules.model import Conclusion

HOSTILE = "\x1b]0;PWNED\x07 [/] [bold]fet[/bold] x[/]y \x1b[31mrød\x1b[0m [link=x]"


class HostileSession(ScriptedSession):
    """Answers with markup and escape codes in every text the app shows."""

    def respond(self, text, as_of=None):
        self.received.append(text)
        decision = sample_decision()
        decision.documentation.append(Conclusion("ehf", f"Krav {HOSTILE}", [HOSTILE]))
        hits = sample_hits()
        hits[0].passage.text = f"# Overskrift {HOSTILE}\n{HOSTILE}"
        return Reply("purchase", {}, decision, [], hits, f"Svar {HOSTILE} [/]",
                     [f"Merk {HOSTILE}"])


def _screen_text(app) -> str:
    return app.export_screenshot()


async def test_markup_and_escapes_in_answers_are_shown_as_text():
    app = create_app(session=HostileSession(), dense=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await send(app, pilot, f"melding {HOSTILE}")
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("enter")  # open the hostile passage
        await pilot.pause()
        assert app.is_running
        svg = _screen_text(app)
        assert "\x1b" not in svg and "\x07" not in svg
        await pilot.press("escape", "f4")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("message", [
    "x[/]y.md lagret", "[bold]", "[/]]", "\x1b]0;PWNED\x07tittel", "a" * 100_000,
])
async def test_notifications_are_text_and_bounded(scripted_session, message):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        app.notify(message, title="[/]")
        await pilot.pause()
        shown, _ = notifications(app)[-1]
        assert app.is_running and not has_control(shown) and len(shown) <= NOTIFY_LIMIT


@pytest.mark.parametrize("field, value", [
    ("#what-value", "2[/"),
    ("#what-value", "[bold]9[/bold]"),
    ("#what-value", "\x1b]0;PWNED\x07"),
    ("#what-value", "9" * 400),
    ("#what-value", "1e999"),
    ("#what-duration", "²"),
    ("#what-duration", "12[/]"),
    ("#what-date", "2026-02-30"),
    ("#what-date", "[/]"),
])
async def test_trainer_form_never_exits_on_bad_input(field, value):
    app = create_app(session=ScriptedSession(), dense=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_scenario(app, pilot)
        screen.query_one(field).value = value
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.screen is screen
        error = screen.query_one("#whatif-error")
        if error.display:
            assert not has_control(str(error.render()))


async def test_export_file_name_with_markup(scripted_session, tmp_path: Path):
    app = create_app(session=scripted_session, dense=False)
    target = tmp_path / "x[/]y.md"
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        await export_to(app, pilot, target)
        assert app.is_running and target.is_file()
        assert notifications(app)[-1][0] == f"Vurderingen er lagret i {target}"


async def test_export_with_a_300_character_name_is_a_message(scripted_session, tmp_path: Path):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        await export_to(app, pilot, tmp_path / ("v" * 300 + ".md"))
        message, severity = notifications(app)[-1]
        assert app.is_running and severity == "error"
        assert "filnavnet er for langt" in message and "File name" not in message


@pytest.mark.parametrize("answer, overwritten", [("n", False), ("j", True)])
async def test_export_asks_before_overwriting(scripted_session, tmp_path: Path, answer,
                                              overwritten):
    app = create_app(session=scripted_session, dense=False)
    target = tmp_path / "finnes.md"
    target.write_text("mitt eget notat", encoding="utf-8")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press(answer)
        await settle(app, pilot)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Vurdering") is overwritten
        assert (text == "mitt eget notat") is not overwritten


async def test_quitting_a_conversation_asks_first(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        await pilot.press("f4")
        await pilot.press("q")  # a letter: goes to the input, never quits
        await pilot.pause()
        assert app.is_running and app.chat.input.value == "q"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+c")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert not app.is_running


async def test_keys_typed_while_the_chat_log_has_focus_reach_the_input(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        app.query_one("#chat-log").focus()
        await pilot.pause()
        await pilot.press("h", "e", "i", "?")
        await pilot.pause()
        assert app.chat.input.value == "hei?" and app.focused is app.chat.input
        assert app.is_running


def _lines(widget) -> list[str]:
    width, height = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


ARITHMETIC = ("12 000 kr per måned i 36 måneder = 432 000 kr inkl. mva ÷ 1,25 = 345 600 kr "
              "eks. mva, og 1 250 000 kr for hele perioden med opsjoner på 2 500 000 kr")


def _no_broken_amount(lines: list[str]) -> None:
    for first, second in zip(lines, lines[1:], strict=False):
        assert not (re.search(r"\d$", first) and re.match(r"\s*\d{3}\b", second)), lines
        assert not re.match(r"\s*kr\b", second), lines


@pytest.mark.parametrize("width", range(12, 60, 3))
def test_no_break_numbers_at_any_width(width):
    from rich.console import Console
    from rich.text import Text

    from assistant.tui.safety import NoBreakNumbers

    console = Console(width=width, record=True)
    console.print(NoBreakNumbers(Text(ARITHMETIC)))
    lines = console.export_text().splitlines()
    _no_broken_amount(lines)
    assert " ".join(lines).replace("\u00a0", " ").split() == ARITHMETIC.split()


async def test_amounts_do_not_break_at_the_thousands_space_at_80x24():
    class LongArithmetic(ScriptedSession):
        def respond(self, text, as_of=None):
            reply = super().respond(text, as_of)
            reply.decision.purchase = replace(reply.decision.purchase, arithmetic=ARITHMETIC)
            return reply

    app = create_app(session=LongArithmetic(), dense=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        value = app.card.query_one(".card-value")
        lines = [line.rstrip() for line in _lines(value) if line.strip()]
        assert len(lines) >= 3 and "345" in " ".join(lines)
        _no_broken_amount(lines)


async def test_checklist_items_wrap_instead_of_being_cut(scripted_session):
    class LongDuty(ScriptedSession):
        def respond(self, text, as_of=None):
            reply = super().respond(text, as_of)
            reply.decision.documentation[0] = Conclusion(
                "protokoll", "Anskaffelsesprotokoll som beskriver behov, marked, valgt "
                "prosedyre og begrunnelsen for valget av leverandør SLUTTORD", ["FOA § 7-1"])
            return reply

    app = create_app(session=LongDuty(), dense=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        checklist = app.card.query_one(".card-checklist")
        text = " ".join(_lines(checklist))
        assert "SLUTTORD" in text and "…" not in text


async def test_trainer_list_shows_many_scenarios():
    app = create_app(session=ScriptedSession(), dense=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await pilot.pause()
        small = app.screen.query_one("#scenario-list").size.height
    app = create_app(session=ScriptedSession(), dense=False)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await pilot.pause()
        large = app.screen.query_one("#scenario-list").size.height
    assert small >= 8 and large >= 20


async def test_model_name_with_markup_is_a_notification(monkeypatch, isolated_data_dir):
    monkeypatch.setenv("INNKJOP_MODEL", "x[/]y")
    monkeypatch.setattr("assistant.tui.app.MODEL_LOAD_DELAY_S", 0.1)
    monkeypatch.setattr("assistant.tui.app.QUIET_BEFORE_MODEL_S", 0.0)
    app = create_app(dense=True)
    async with app.run_test() as pilot:
        for _ in range(60):
            await settle(app, pilot)
            if any(s == "error" for _, s in notifications(app)):
                break
            await pilot.pause(0.2)
        assert app.is_running
        assert any("x[/]y" in m and s == "error" for m, s in notifications(app))


async def test_config_with_markup_model_is_a_notification(isolated_data_dir):
    (isolated_data_dir / "config.yaml").write_text("embedding_model: [/]]\n", encoding="utf-8")
    app = create_app(dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.is_running
        message, severity = notifications(app)[-1]
        assert severity == "error" and "YAML" in message and "expected" not in message


async def test_damaged_index_is_rebuilt_with_a_notification(isolated_data_dir):
    from index.search import open_searcher
    from index.store import current_folder
    from knowledge.infra.settings import load_settings

    open_searcher(dense=False)
    folder = current_folder(load_settings().index_dir)
    (folder / "passages.json").write_text("[]", encoding="utf-8")
    app = create_app(dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.status_bar.status.startswith("Klar")
        assert any("skadet" in m and s == "warning" for m, s in notifications(app))
        await send(app, pilot, "Må vi ha skatteattest?")
        assert app.last_reply is not None and app.last_reply.passages


async def test_app_starts_with_a_password_pdf_among_own_documents(isolated_data_dir, tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="hemmelig", owner_password="eier", algorithm="AES-256")
    (isolated_data_dir / "dokumenter").mkdir()
    with (isolated_data_dir / "dokumenter" / "laast.pdf").open("wb") as handle:
        writer.write(handle)
    app = create_app(dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.startup_error is None and app.status_bar.status.startswith("Klar")
        await send(app, pilot, "PC-er til skolen i Tydal for 250 000 kr inkl. mva")
        assert app.last_reply is not None


def test_control_filter_drops_only_zero_width_control_characters():
    from rich.segment import Segment
    from textual.color import Color

    from assistant.tui.safety import ControlFilter

    segments = [Segment("ren tekst"), Segment("a\x1b]0;X\x07b\x9b\x00c")]
    cleaned = ControlFilter().apply(segments, Color(0, 0, 0))
    assert [s.text for s in cleaned] == ["ren tekst", "a]0;Xbc"]
    app = create_app(dense=False)
    assert any(isinstance(f, ControlFilter) for f in app._filters)
