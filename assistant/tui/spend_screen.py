"""Spend analysis in the app: open a file or folder, see the findings, drill down.

Type a path (EHF folder, CSV/XLSX export; several separated by «;») and press
Enter; the analysis runs in a background worker (DuckDB is imported only then).
The list shows one finding per line; the panel beside it shows the finding's
sentence, rule and citations, the invoices behind it and, for aggregates
decided by the rule engine, the rule trace.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from knowledge.infra.errors import InnkjopError
from rules.formatting import kr

if TYPE_CHECKING:
    from assistant.spend.model import Analysis, Finding

MAX_INVOICES_SHOWN = 50


def finding_detail(finding: Finding) -> str:
    """The drill-down text of one finding: sentence, rule, invoices, rule trace."""
    lines = [finding.text, "", f"Regel: {finding.rule}",
             f"Kilde: {', '.join(finding.citations)}"]
    if finding.procedure_required:
        lines.append(f"Prosedyre som kreves: {finding.procedure_required}")
    lines += ["", f"Fakturaer ({finding.details.get('invoice_count', len(finding.invoices))}):"]
    for ref in finding.invoices[:MAX_INVOICES_SHOWN]:
        lines.append(f"  {ref.date}  {ref.invoice_no}  {kr(ref.amount_excl_vat)}  "
                     f"{Path(ref.file).name}:{ref.line}")
    if finding.trace:
        lines += ["", "Regelspor:"]
        lines += [f"  {step['rule']}: {step['because']} [{step['citation']}]"
                  for step in finding.trace]
    return "\n".join(lines)


class SpendScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Tilbake")]
    DEFAULT_CSS = """
    SpendScreen #spend-path { dock: top; }
    SpendScreen #spend-status { dock: top; height: auto; padding: 0 1; }
    SpendScreen #spend-findings { width: 50%; }
    SpendScreen #spend-detail { width: 50%; padding: 0 1; }
    """

    def __init__(self, agreements: Path | None = None) -> None:
        super().__init__()
        self.agreements = agreements
        self.analysis: Analysis | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Fil eller mappe med EHF-fakturaer eller regnskapsutdrag "
                    "(flere: skill med ;) og Enter", id="spend-path")
        yield Label("Innkjøpsanalyse: oppgi en fil eller mappe.", id="spend-status")
        with Horizontal():
            yield OptionList(id="spend-findings")
            with VerticalScroll(id="spend-detail"):
                yield Static("", id="spend-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#spend-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        paths = [Path(p.strip()).expanduser() for p in event.value.split(";") if p.strip()]
        if not paths:
            return
        self.query_one("#spend-status", Label).update("Analyserer …")
        self.run_analysis(paths)

    @work(thread=True, exclusive=True)
    def run_analysis(self, paths: list[Path]) -> None:
        from assistant.spend.analysis import Options, analyse

        try:
            analysis = analyse(paths, Options(agreements=self.agreements))
        except InnkjopError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._show, analysis)

    def _failed(self, message: str) -> None:
        self.query_one("#spend-status", Label).update("Analysen feilet.")
        self.app.notify(message, title="Innkjøpsanalyse", severity="error")

    def _show(self, analysis: Analysis) -> None:
        from assistant.spend.report import completeness

        self.analysis = analysis
        totals = analysis.totals
        self.query_one("#spend-status", Label).update(
            f"{len(analysis.findings)} funn i {totals.invoices} fakturaer "
            f"({kr(totals.amount_excl_vat)} eks. mva). {completeness(analysis)}")
        findings = self.query_one("#spend-findings", OptionList)
        findings.clear_options()
        findings.add_options([
            Option(f"{f.code}: {f.municipality}, {f.supplier}, {kr(f.amount_excl_vat)}",
                   id=str(index)) for index, f in enumerate(analysis.findings)])
        if analysis.findings:
            findings.highlighted = 0
            findings.focus()
            self._detail(0)

    def _detail(self, index: int) -> None:
        finding = self.analysis.findings[index]
        self.query_one("#spend-detail-text", Static).update(finding_detail(finding))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.analysis is not None and event.option.id is not None:
            self._detail(int(event.option.id))
