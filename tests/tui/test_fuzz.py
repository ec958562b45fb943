"""Fuzz: random text, Textual/Rich markup and control characters into the chat (app and
CLI), the trainer's what-if form and the search. The app never exits, no command ends
in a traceback, and no output holds a control character."""

from __future__ import annotations

import asyncio
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tui_helpers import notifications, open_first_scenario, settle

from assistant.cli import main
from assistant.tui.app import create_app
from knowledge.infra.terminal import has_control

MARKUP = ["[", "]", "[/]", "[bold]", "[/bold]", "[link=x]", "[@click=app.quit]", "[$x]",
          "\\[", "2[/", "x[/]y", "[/]]", "[on red]", "{", "}", "**", "`", "#", ">"]
CONTROL = ["\x1b]0;PWNED\x07", "\x1b[31m", "\x1b[2J", "\x00", "\x07", "\x08", "\r", "\x9b",
           "\x1bP", "\u202e", "\x7f", "\x1b\\", "\t", "\n"]
WORDS = ["PC-er", "250 000 kr", "inkl. mva", "Tydal", "skatteattest", "§ 7-2", "²", "ja",
         "nei", "4 år", "per måned", "Привет", "😀", "-1e309", "9" * 40, " "]
FRAGMENT = st.one_of(st.sampled_from(MARKUP), st.sampled_from(CONTROL), st.sampled_from(WORDS),
                     st.text(max_size=8))
MESSAGE = st.lists(FRAGMENT, min_size=1, max_size=12).map("".join)
FUZZ = settings(max_examples=10, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A real Session over the real lexical index (built once for the module)."""
    os.environ["INNKJOP_HOME"] = str(tmp_path_factory.mktemp("fuzz_home"))
    try:
        from assistant.session import Session
        from index.search import open_searcher

        yield Session(open_searcher(dense=False))
    finally:
        del os.environ["INNKJOP_HOME"]


def _clean(app) -> None:
    assert app.is_running
    for message, _ in notifications(app):
        assert not has_control(message)


@FUZZ
@given(messages=st.lists(MESSAGE, min_size=1, max_size=5))
def test_fuzz_chat_in_the_app(session, messages):
    async def run() -> None:
        session.reset()
        app = create_app(session=session, dense=False)
        async with app.run_test(size=(90, 30)) as pilot:
            await settle(app, pilot)
            for text in messages:
                app.chat.input.value = text
                await pilot.press("enter")
                await settle(app, pilot)
                _clean(app)
            svg = app.export_screenshot()
            assert "\x1b" not in svg and "\x07" not in svg

    asyncio.run(run())


@FUZZ
@given(values=st.lists(st.tuples(st.sampled_from(["#what-value", "#what-duration",
                                                  "#what-date"]), MESSAGE),
                       min_size=1, max_size=6))
def test_fuzz_trainer_form(values):
    from tui_records import ScriptedSession

    async def run() -> None:
        app = create_app(session=ScriptedSession(), dense=False)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_first_scenario(app, pilot)
            for field, value in values:
                screen.query_one(field).value = value
                await pilot.pause()
                assert app.screen is screen
                _clean(app)
                error = screen.query_one("#whatif-error")
                assert not has_control(str(error.render()))

    asyncio.run(run())


@FUZZ
@given(queries=st.lists(MESSAGE, min_size=1, max_size=3))
def test_fuzz_search_command(queries, capsys):
    try:
        code = main(["search", "--uten-modell", "-k", "2", *queries])
    except SystemExit as stop:  # argparse refuses a query that looks like an option
        code = stop.code
    captured = capsys.readouterr()
    assert code in (0, 2)
    assert "Traceback" not in captured.err
    assert not has_control(captured.out) and not has_control(captured.err)


@FUZZ
@given(lines=st.lists(MESSAGE, min_size=1, max_size=4))
def test_fuzz_chat_command(lines, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code = main(["chat", "--uten-modell"])
    captured = capsys.readouterr()
    assert code == 0
    assert not has_control(captured.out) and not has_control(captured.err)
