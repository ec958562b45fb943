"""The decision card: procedure, authority, value arithmetic, thresholds, warnings, checklist.

Shows one `rules.model.Decision`. Documentation duties are a checklist the user
ticks (space or Enter); the ticks are kept per decision and go into the export.
All text comes from the one renderer (assistant/render.py: decision_view). When
the answer depends on a threshold value no primary source confirms, the card
carries a visible "SJEKK" badge naming it and its status in words.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from assistant.render import DecisionView, Item, decision_view
from assistant.tui.formatting import field_value, kroner, norwegian_date
from assistant.tui.safety import NoBreakNumbers, keep_numbers_together
from rules.model import Conclusion, Decision, Question

EMPTY_TEXT = (
    "Ingen vurdering ennå.\n\n"
    "Beskriv et kjøp i chatten, for eksempel:\n"
    "«Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva»"
)


def conclusion_text(heading: str, item: Item | None, missing: str) -> Text:
    """A heading line with the conclusion's title, its sentence and its citations."""
    text = Text()
    text.append(f"{heading}: ", style="bold")
    if item is None:
        text.append(missing, style="italic")
        return text
    text.append(item.title, style="bold")
    text.append("\n")
    text.append(item.text)
    if item.citations:
        text.append("\n")
        text.append("Kilde: " + item.cited, style="dim")
    return text


def value_text(decision: Decision) -> Text:
    purchase = decision.purchase
    text = Text()
    text.append("Verdi: ", style="bold")
    text.append(field_value("value_excl_vat", purchase.value_excl_vat))
    if purchase.value_excl_vat is not None:
        text.append(" eks. mva")
    arithmetic = purchase.arithmetic
    if arithmetic:
        text.append("\n")
        text.append(arithmetic, style="italic")
    return text


def thresholds_text(decision: Decision, view: DecisionView | None = None) -> Text:
    view = view or decision_view(decision)
    text = Text()
    text.append("Sett: ", style="bold")
    text.append(view.threshold_set)
    if decision.as_of.isoformat() not in view.threshold_set:
        text.append(f", per {norwegian_date(decision.as_of)}")
    text.append(f"\n{view.threshold_summary}", style="" if view.needs_checking else "dim")
    return text


def listing(text: Text, heading: str, marker: str, items: list[tuple[str, list[str]]]) -> None:
    """Append a bold heading and one line per (sentence, citations) item, if any."""
    if not items:
        return
    if text.plain:
        text.append("\n")
    text.append(heading, style="bold")
    for sentence, citations in items:
        text.append(f"\n{marker} {sentence}")
        if citations:
            text.append(" (" + "; ".join(citations) + ")", style="dim")


def warnings_text(decision: Decision, view: DecisionView | None = None) -> Text:
    view = view or decision_view(decision)
    text = Text()
    listing(text, "Advarsler", "⚠", [(w.text, list(w.citations)) for w in view.warnings])
    return text


def questions_text(decision: Decision) -> Text:
    text = Text()
    listing(text, "Mangler for å avgjøre", "?", [(q.text, []) for q in decision.questions])
    listing(text, "Antakelser", "•", [(a, []) for a in decision.assumptions])
    return text


def checklist_prompt(duty: Conclusion | Item) -> Text:
    text = Text()
    if isinstance(duty, Item):
        text.append(f"{keep_numbers_together(duty.title)}: ", style="bold")
    text.append(keep_numbers_together(duty.text))
    if duty.citations:
        text.append(" (" + "; ".join(duty.citations) + ")", style="dim")
    return text


def waiting_text(questions: list[Question]) -> Text:
    text = Text("Vurderingen trenger flere opplysninger:", style="bold")
    for question in questions:
        text.append("\n? ", style="bold")
        text.append(question.text, style="")
    text.append("\n\nSvar i chatten.", style="italic")
    return text


class DecisionCard(VerticalScroll):
    """The current decision, or a short hint when there is none yet."""

    BORDER_TITLE = "Vurdering"

    def __init__(
        self, *, empty_text: str = EMPTY_TEXT, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.empty_text = empty_text
        self.decision: Decision | None = None
        self._ticks: dict[str, bool] = {}

    def compose(self) -> ComposeResult:
        yield Static(self.empty_text, classes="card-empty")
        with Vertical(classes="card-body"):
            yield Static(classes="card-procedure")
            yield Static(classes="card-authority")
            yield Static(classes="card-value")
            yield Label("", classes="card-badge")
            yield Static(classes="card-thresholds")
            yield Static(classes="card-warnings")
            yield Static(classes="card-questions")
            yield Label("Dokumentasjon (kryss av med mellomrom)", classes="card-doc-heading")
            yield SelectionList[str](classes="card-checklist")

    def on_mount(self) -> None:
        self.query_one(".card-body").display = False

    @property
    def ticked(self) -> set[str]:
        """Codes of the documentation duties the user has ticked."""
        return {code for code, done in self._ticks.items() if done}

    def show(self, decision: Decision | None, questions: list[Question] | None = None) -> None:
        """Show a decision (ticks of duties that stay are kept), or the open questions."""
        self.decision = decision
        empty = self.query_one(".card-empty", Static)
        empty.display = decision is None
        self.query_one(".card-body").display = decision is not None
        if decision is None:
            empty.update(waiting_text(questions) if questions else self.empty_text)
            return
        view = decision_view(decision)
        self._put(".card-procedure",
                  conclusion_text("Prosedyre", view.procedure, "kan ikke avgjøres ennå"))
        self._put(".card-authority",
                  conclusion_text("Gjennomføres av", view.authority, "kan ikke avgjøres ennå"))
        self._put(".card-value", value_text(decision))
        self._put(".card-thresholds", thresholds_text(decision, view))
        badge = self.query_one(".card-badge", Label)
        relied = [f"{line.label} ({line.status_text})"
                  for line in view.threshold_lines if line.relied_on]
        badge.update(
            "Terskelverdier: SJEKK " + (", ".join(relied) or "verdiene")
            if view.needs_checking else "Terskelverdier: ingen ubekreftet verdi endrer svaret"
        )
        badge.set_class(view.needs_checking, "-unverified")
        badge.set_class(not view.needs_checking, "-verified")
        warnings = self._put(".card-warnings", warnings_text(decision, view))
        warnings.display = bool(decision.warnings)
        questions = self._put(".card-questions", questions_text(decision))
        questions.display = bool(decision.questions or decision.assumptions)
        self._fill_checklist(decision)

    def _put(self, selector: str, text: Text) -> Static:
        """Show `text` in a card part; amounts never break at their thousands space."""
        widget = self.query_one(selector, Static)
        widget.update(NoBreakNumbers(text))
        return widget

    def _fill_checklist(self, decision: Decision) -> None:
        checklist = self.query_one(".card-checklist", SelectionList)
        codes = [duty.code for duty in decision.documentation]
        self._ticks = {code: self._ticks.get(code, False) for code in codes}
        with checklist.prevent(SelectionList.SelectedChanged):
            checklist.clear_options()
            checklist.add_options(
                [
                    Selection(checklist_prompt(duty), duty.code, self._ticks[duty.code])
                    for duty in decision_view(decision).documentation
                ]
            )
        self.query_one(".card-doc-heading").display = bool(codes)
        checklist.display = bool(codes)
        if codes:
            checklist.highlighted = 0

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        selected = set(event.selection_list.selected)
        self._ticks = {code: code in selected for code in self._ticks}

    def focus_checklist(self) -> None:
        """Focus the checklist if there is one, else the card itself (for scrolling)."""
        checklist = self.query_one(".card-checklist", SelectionList)
        if self.decision is not None and checklist.option_count:
            checklist.focus()
        else:
            self.focus()

    def summary(self) -> str:
        """Plain one-line summary (for status lines and tests)."""
        if self.decision is None:
            return "ingen vurdering"
        procedure = self.decision.procedure.code if self.decision.procedure else "ukjent"
        value = self.decision.purchase.value_excl_vat
        return f"{procedure} · {kroner(value) if value is not None else 'verdi ukjent'}"
