"""Trainer mode: pick a scenario, step through the rules as they fire, and ask "what if?".

The scenarios come from `knowledge/scenarios/` (`knowledge.scenarios.load_scenarios`).
Changing a field in the what-if form runs `rules.decide` on the modified purchase
at once and updates the card and the trace; a change of procedure is announced.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from assistant.tui.decision_card import DecisionCard
from assistant.tui.formatting import procedure_name
from assistant.tui.safety import shown
from assistant.tui.trace_view import TraceView
from assistant.tui.whatif_form import FieldError, FormState, WhatIfForm
from knowledge.infra.errors import InnkjopError, InputError
from knowledge.scenarios import Scenario, load_scenarios
from rules.model import Decision, Purchase
from rules.scenario_check import scenario_purchase


def scenario_name(scenario: Scenario) -> str:
    """`G02 Kontorstoler for nøyaktig 100 000 kr eks. mva`."""
    return f"{scenario.id} {scenario.title}".strip()


def scenario_text(scenario: Scenario) -> str:
    """What the case teaches, or the purchase as typed (JSONL sets have no lesson)."""
    return scenario.lesson or scenario.text


class TrainerScreen(Screen[None]):
    """Scenario list and what-if form on the left; card and stepped trace on the right."""

    BINDINGS = [
        Binding("escape", "leave", "Tilbake", key_display="Esc"),
        Binding("f7", "step(-1)", "Forrige regel", key_display="F7"),
        Binding("f8", "step(1)", "Neste regel", key_display="F8"),
        Binding("f9", "step_all", "Alle regler", key_display="F9"),
        Binding("ctrl+r", "restart", "Start scenarioet på nytt", show=False),
    ]

    def __init__(self, as_of: date | None = None) -> None:
        super().__init__()
        self.default_as_of = as_of
        self.scenarios: list[Scenario] = []
        self.scenario: Scenario | None = None
        self.base: Purchase | None = None
        self._state: FormState | None = None
        self._error: str | None = None

    def compose(self) -> ComposeResult:
        title = "Trenermodus · velg et scenario med Enter · F8 neste regel"
        yield Static(title, id="trainer-title")
        with Horizontal(id="trainer-main"):
            with VerticalScroll(id="trainer-left"):
                yield OptionList(id="scenario-list")
                yield Static("", id="scenario-text")
                yield Label("Hva om …? (endringer gjelder straks)", id="whatif-heading")
                yield WhatIfForm(id="whatif")
                yield Static("", id="whatif-error")
            with Vertical(id="trainer-right"):
                yield DecisionCard(
                    empty_text="Velg et scenario i listen til venstre og trykk Enter.",
                    id="trainer-card",
                )
                yield Label("", id="step-label")
                yield TraceView(id="trainer-trace")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def card(self) -> DecisionCard:
        return self.query_one("#trainer-card", DecisionCard)

    @property
    def trace(self) -> TraceView:
        return self.query_one("#trainer-trace", TraceView)

    @property
    def form(self) -> WhatIfForm:
        return self.query_one("#whatif", WhatIfForm)

    def on_mount(self) -> None:
        self.query_one("#whatif-error").display = False
        option_list = self.query_one("#scenario-list", OptionList)
        try:
            self.scenarios = list(load_scenarios())
        except InnkjopError as error:
            self.notify(str(error), title="Scenarioene kunne ikke leses", severity="error")
            self.scenarios = []
        option_list.add_options(
            [Option(Text(scenario_name(s)), id=str(i)) for i, s in enumerate(self.scenarios)]
        )
        if self.scenarios:
            option_list.highlighted = 0
        else:
            self.query_one("#scenario-text", Static).update("Ingen scenarioer funnet.")
        option_list.focus()
        self._update_step_label()

    # Scenario and what-if

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "scenario-list":
            event.stop()
            self.load(event.option_index)

    def load(self, index: int) -> None:
        """Start scenario number `index`: fill the form, decide, show the first rule."""
        self.scenario = self.scenarios[index]
        self.base, as_of = scenario_purchase(self.scenario), self.scenario.as_of
        self.query_one("#scenario-text", Static).update(
            Text(scenario_text(self.scenario) or scenario_name(self.scenario))
        )
        self.form.fill(self.base, as_of or self.default_as_of)
        self._state = None
        self.recompute(step=1, announce=False)

    def action_restart(self) -> None:
        if self.scenario is not None:
            self.load(self.scenarios.index(self.scenario))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("what-"):
            self.recompute()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id and event.select.id.startswith("what-"):
            self.recompute()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id and event.input.id.startswith("what-"):
            event.stop()
            if self._error:
                self.notify(self._error, title="Ugyldig verdi", severity="error")

    def recompute(self, step: int | None = -1, announce: bool = True) -> Decision | None:
        """Decide on the form's purchase; `step=-1` keeps the current step."""
        if self.base is None:
            return None
        state = self.form.state()
        if state == self._state:
            return self.card.decision
        self._state = state
        for widget in self.form.query(Input):
            widget.remove_class("-invalid")
        try:
            from rules import decide

            purchase, as_of = self.form.read(self.base)
            decision = decide(purchase, as_of=as_of)
        except (ValueError, ArithmeticError) as error:  # a parser gap must not end the app
            self._show_error(InputError(
                f"Ugyldig verdi i skjemaet ({type(error).__name__}). Rett feltet og prøv igjen."
            ))
            return None
        except InnkjopError as error:
            self._show_error(error)
            if not isinstance(error, FieldError):
                self.notify(str(error), title="Kan ikke vurdere", severity="error", timeout=10)
            return None
        self._show_error(None)
        previous = self.card.decision
        self.card.show(decision)
        keep = self.trace.step if step == -1 else step
        self.trace.show(decision.trace, step=keep)
        self._update_step_label()
        if announce and previous is not None:
            self._announce(previous, decision)
        return decision

    def _show_error(self, error: InnkjopError | None) -> None:
        box = self.query_one("#whatif-error", Static)
        self._error = str(error) if error else None
        box.update(shown(self._error or "", 600))
        box.display = error is not None
        if isinstance(error, FieldError):
            self.query_one(f"#{error.field_id}").add_class("-invalid")

    def _announce(self, before: Decision, after: Decision) -> None:
        old = before.procedure.code if before.procedure else None
        new = after.procedure.code if after.procedure else None
        if old != new:
            self.notify(
                f"Prosedyren endret seg: {procedure_name(old)} → {procedure_name(new)}",
                title="Hva om …?",
            )

    # Stepping

    def action_step(self, delta: int) -> None:
        if not self.trace.trace:
            return
        self.trace.step_to(self.trace.shown + delta)
        self._update_step_label()

    def action_step_all(self) -> None:
        self.trace.step_to(None)
        self._update_step_label()

    def _update_step_label(self) -> None:
        label = self.query_one("#step-label", Label)
        total = len(self.trace.trace)
        if not total:
            label.update("Hvorfor? Ingen regler ennå")
        else:
            label.update(f"Hvorfor? Regel {self.trace.shown} av {total} (F7/F8/F9)")

    def action_leave(self) -> None:
        self.dismiss(None)
