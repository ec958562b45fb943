"""Contract records built by hand for TUI tests (no model, no rule engine needed).

Their codes are real ones: tests/tui/test_records.py checks them against what the
rules produce for the scenario library, so the fakes cannot drift from the rules.
"""

from __future__ import annotations

from datetime import date

from assistant.model import Fact, Reply
from index.model import Hit, Passage
from rules.model import (
    Conclusion,
    Decision,
    Purchase,
    PurchaseUsed,
    Question,
    ThresholdSetInfo,
    TraceStep,
    Warning,
)


def sample_decision(value: float = 200000, procedure: str = "del1") -> Decision:
    return Decision(
        as_of=date(2026, 3, 1),
        purchase=PurchaseUsed(
            Purchase(value=value * 1.25, vat="inkl", category="varer", municipality="Tydal",
                     framework=False, description="PC-er til skolen"),
            value_excl_vat=value,
            arithmetic=f"{value * 1.25:.0f} kr inkl. mva ÷ 1,25 = {value:.0f} kr eks. mva",
        ),
        procedure=Conclusion(procedure, "FOA del I gjelder: sørg for konkurranse.", ["FOA del I"]),
        authority=Conclusion(
            "vr_innkjop", "VR Innkjøps kompetente innkjøpere.", ["Strategi 2.2.1"]
        ),
        documentation=[
            Conclusion("protokoll", "Anskaffelsesprotokoll", ["FOA § 7-1"]),
            Conclusion("kgv", "Gjennomføres i KGV", ["Strategi 2.2.3"]),
        ],
        warnings=[Warning("naer_terskel", "Verdien er nær en terskel.", ["FOA § 5-4"])],
        questions=[],
        thresholds=ThresholdSetInfo(
            set="2024-03-14", verified=False, values={"lower_limit": 100000},
            unverified=["eea_goods_services"],
        ),
        trace=[
            TraceStep("verdiberegning", "Beløpet er inkl. mva og deles på 1,25.", "FOA § 5-4",
                      {"value": value * 1.25, "vat": "inkl"}),
            TraceStep(
                "nasjonal.del1_varer_tjenester_bygg", "Verdien er over nedre grense.", "LOA § 2",
                {"value_excl_vat": value},
            ),
            TraceStep("strategi.kgv_over_grensen", "Over 100 000 kr skal KGV brukes.",
                      "Strategi 2.2.3", {}),
        ],
    )


def sample_hits() -> list[Hit]:
    return [
        Hit(Passage("foa-7-2", "# FOA § 7-2 Skatteattest\nLeverandøren skal levere skatteattest.",
                    "FOA", "§ 7-2", "FOA § 7-2", None, "", "https://lovdata.no"), 0.9),
        Hit(Passage("strategi-2.2.3", "2.2.3 Delmål 3\nKGV skal brukes.", "Anskaffelsesstrategi",
                    "2.2.3 Delmål 3", "Strategi 2.2.3", 4), 0.5),
    ]


class ScriptedSession:
    """A stand-in for assistant.session.Session that answers from a script (tests only)."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.searcher = None

    def respond(self, text: str, as_of: date | None = None) -> Reply:
        self.received.append(text)
        if "skatteattest" in text:
            return Reply("question", {}, None, [], sample_hits(), "Svar om **skatteattest**.")
        if "mangler" in text:
            questions = [Question("value", "Hva er verdien?")]
            return Reply("purchase", {}, None, questions, [], "Hva er verdien?")
        value = 2500000.0 if "2,5" in text else 200000.0
        procedure = "del3" if value > 2300000 else "del1"
        return Reply(
            "purchase",
            {"value": Fact("value", value, text)},
            sample_decision(value, procedure),
            [],
            sample_hits(),
            f"Prosedyre: **{procedure}**",
        )

    def attach_searcher(self, searcher: object) -> None:
        self.searcher = searcher

    def reset(self) -> None:
        self.received.clear()
