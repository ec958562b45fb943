"""The "Hvorfor?" view: the rules that fired, in order, with the facts they used and citations.

In the trainer it shows the steps one at a time (`step_to`), the newest highlighted.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from assistant.tui.formatting import field_value, label
from rules.model import TraceStep

EMPTY_TEXT = "Ingen regler har slått til ennå. Her vises hvorfor vurderingen ble som den ble."


def facts_line(facts: dict[str, Any]) -> str:
    return ", ".join(
        f"{label(key)} = {field_value(key, value)}"
        for key, value in facts.items()
    )


def step_text(number: int, step: TraceStep) -> Text:
    text = Text()
    text.append(f"{number}. {step.rule}", style="bold")
    text.append(f"\n{step.because}")
    if step.facts:
        text.append(f"\nFakta: {facts_line(step.facts)}", style="italic")
    if step.citation:
        text.append(f"\nKilde: {step.citation}", style="dim")
    return text


class TraceView(VerticalScroll):
    """The rule trace of a decision, all steps or the first `step` of them."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.trace: list[TraceStep] = []
        self.step: int | None = None
        """How many steps are shown; None: all."""

    def compose(self) -> ComposeResult:
        yield Static(EMPTY_TEXT, classes="trace-empty")
        yield Static("", classes="trace-steps")

    @property
    def shown(self) -> int:
        return len(self.trace) if self.step is None else min(self.step, len(self.trace))

    def show(self, trace: list[TraceStep], step: int | None = None) -> None:
        self.trace = list(trace)
        self.step = step
        self._refresh_steps()

    def step_to(self, step: int | None) -> None:
        """Show the first `step` steps (clamped), or all with None."""
        self.step = None if step is None else max(0, min(step, len(self.trace)))
        self._refresh_steps()

    def steps_text(self) -> Text:
        """The shown steps, a blank line apart; the newest marked in step mode."""
        text = Text()
        for number, step in enumerate(self.trace[: self.shown], 1):
            if number > 1:
                text.append("\n\n")
            part = step_text(number, step)
            if self.step is not None and number == self.shown:
                part = Text("▶ ", style="bold reverse") + part
                part.stylize("on grey23" if self.app.current_theme.dark else "on grey85")
            text.append_text(part)
        return text

    def _refresh_steps(self) -> None:
        self.query_one(".trace-empty").display = not self.trace
        steps = self.query_one(".trace-steps", Static)
        steps.update(self.steps_text())
        steps.display = bool(self.trace)
        if self.step is not None:
            self.call_after_refresh(self.scroll_end, animate=False)
