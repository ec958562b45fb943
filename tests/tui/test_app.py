"""Pilot tests of the main screen, driven with hand-built contract records."""

from __future__ import annotations

from datetime import date

import pytest
from tui_helpers import notifications, send, settle
from tui_records import ScriptedSession

from assistant.tui.app import create_app
from assistant.tui.help_screen import HelpScreen
from assistant.tui.passage_screen import PassageScreen
from knowledge.infra.errors import InputError


def chat_texts(app) -> list[str]:
    return [str(w.render()) for w in app.query(".chat-user")]


async def test_purchase_description_fills_card_sources_and_trace(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "Vi trenger PC-er for 250 000 kr inkl. mva")
        assert scripted_session.received == ["Vi trenger PC-er for 250 000 kr inkl. mva"]
        assert app.card.decision is not None
        assert app.card.decision.procedure.code == "del1"
        assert app.card.summary() == "del1 · 200 000 kr"
        assert [h.passage.citation for h in app.sources.hits] == ["FOA § 7-2", "Strategi 2.2.3"]
        assert app.trace.shown == 3
        why = app.trace.steps_text().plain
        assert "1. verdiberegning\nBeløpet er inkl. mva og deles på 1,25." in why
        assert "Fakta: Beløp som oppgitt = 250 000 kr, Mva = inkl. mva\nKilde: FOA § 5-4" in why
        assert "▶" not in why  # all steps, none marked, outside the trainer
        assert any("PC-er" in text for text in chat_texts(app))
        assert len(app.query(".chat-reply")) == 2  # welcome + answer
        badge = app.card.query_one(".card-badge")
        assert badge.has_class("-unverified")
        assert "SJEKK" in str(badge.render())


async def test_follow_up_is_answered_in_place(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        card = app.card
        await send(app, pilot, "hva om det er 2,5 millioner?")
        assert app.card is card
        assert card.decision.procedure.code == "del3"
        assert len(scripted_session.received) == 2
        assert len(app.query(".chat-user")) == 2
        assert len(app.query(".chat-reply")) == 3


async def test_question_without_decision_shows_sources_and_keeps_card(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        await send(app, pilot, "må vi ha skatteattest?")
        assert app.card.decision.procedure.code == "del1"
        assert app.query_one("#side").active == "kilder"


async def test_missing_facts_show_questions_on_card(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "noe mangler")
        assert app.card.decision is None
        assert "Hva er verdien?" in str(app.card.query_one(".card-empty").render())


async def test_empty_message_shows_a_notification(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        app.chat.input.value = "   "
        await pilot.press("enter")
        await settle(app, pilot)
        assert scripted_session.received == []
        assert notifications(app) == [
            ("Skriv et spørsmål eller beskriv et kjøp før du trykker Enter.", "warning")
        ]


class FailingSession(ScriptedSession):
    def respond(self, text, as_of=None):
        if text == "feil":
            raise InputError("Beløpet kan ikke være negativt.")
        if text == "krasj":
            raise ValueError("bug")
        return super().respond(text, as_of)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("feil", "Beløpet kan ikke være negativt."),
        ("krasj", "Uventet feil (ValueError). Prøv igjen, eller start appen på nytt."),
    ],
)
async def test_errors_become_norwegian_notifications_and_the_app_goes_on(text, message):
    session = FailingSession()
    app = create_app(session=session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, text)
        assert (message, "error") in notifications(app)
        await send(app, pilot, "PC-er for 250 000 kr")
        assert app.card.decision is not None


async def test_history_walks_with_up_and_down(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "første")
        await send(app, pilot, "andre")
        await pilot.press(*"utk")
        await pilot.press("up")
        assert app.chat.input.value == "andre"
        await pilot.press("up", "up")
        assert app.chat.input.value == "første"
        await pilot.press("down", "down")
        assert app.chat.input.value == "utk"


async def test_message_before_the_assistant_is_ready_is_queued(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        app.session, app.search_mode = None, None  # as right after launch
        await send(app, pilot, "PC-er for 250 000 kr")
        assert scripted_session.received == []
        assert any("Assistenten starter" in str(n.render()) for n in app.query(".chat-note"))
        app._set_session(scripted_session)
        from assistant.tui.messages import SessionReady

        app.post_message(SessionReady("lexical"))
        await settle(app, pilot)
        assert scripted_session.received == ["PC-er for 250 000 kr"]
        assert app.card.decision is not None


async def test_passage_opens_whole_and_closes(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        await pilot.press("f3")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PassageScreen)
        assert app.screen.hit.passage.citation == "Strategi 2.2.3"
        heading = str(app.screen.query_one("#passage-heading").render())
        assert "Anskaffelsesstrategi · 2.2.3 Delmål 3 · s. 4" in heading
        await pilot.press("escape")
        assert not isinstance(app.screen, PassageScreen)


async def test_q_and_question_mark_type_everywhere_and_ctrl_q_quits(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("q", "?")
        assert app.chat.input.value == "q?"
        assert app.is_running
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f4")  # focus leaves the input: keys still go to the message
        await pilot.press("q", "?")
        await pilot.pause()
        assert app.is_running and app.chat.input.value == "q?q?"
        assert app.focused is app.chat.input
        await pilot.press("ctrl+q")  # no conversation yet: quits at once
        await pilot.pause()
        assert not app.is_running


async def test_help_screen_opens_with_f1_and_closes(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f2", "question_mark")  # typing anywhere goes to the message
        assert not isinstance(app.screen, HelpScreen)
        assert app.chat.input.value.endswith("?")


async def test_command_palette_runs_app_actions(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"ny samtale")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.card.decision is None
        assert app.sources.hits == []
        assert ("Ny samtale: tidligere opplysninger er glemt.", "information") in notifications(app)


async def test_theme_toggles_between_dark_and_light(scripted_session):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"


async def test_as_of_is_passed_to_the_session():
    seen: list[date | None] = []

    class DateSession(ScriptedSession):
        def respond(self, text, as_of=None):
            seen.append(as_of)
            return super().respond(text, as_of)

    app = create_app(session=DateSession(), dense=False, as_of=date(2026, 7, 1))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        assert seen == [date(2026, 7, 1)]


async def test_a_broken_config_file_is_a_notification_not_a_traceback(isolated_data_dir):
    (isolated_data_dir / "config.yaml").write_text("embedding_model: [1, 2]\n", encoding="utf-8")
    app = create_app(dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        expected = f"{isolated_data_dir / 'config.yaml'}:embedding_model: må være en tekst"
        assert any(m.startswith(expected) and s == "error" for m, s in notifications(app))
        assert app.status_bar.status == "Assistenten kunne ikke starte"
        await send(app, pilot, "PC-er for 250 000 kr")
        message, severity = notifications(app)[-1]
        assert severity == "error" and message.endswith("Rett feilen og start innkjop på nytt.")
        assert app.is_running
