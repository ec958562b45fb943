"""Records of the assistant: facts read from text and the reply to one message.

The contract between assistant/, the CLI (`innkjop ask --json`) and the TUI.
Fields may be added; existing names keep their meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from index.model import Hit
from rules.model import Decision, Question

Intent = Literal["question", "purchase", "answer", "what_if", "unknown"]


@dataclass(frozen=True)
class Fact:
    """One slot value read from the user's words, with the words it came from."""

    slot: str
    value: Any
    source: str
    """The words in the user's text this fact came from (or "antatt" for an assumption)."""


@dataclass
class Reply:
    intent: Intent
    facts: dict[str, Fact]
    decision: Decision | None
    questions: list[Question]
    passages: list[Hit]
    markdown: str
    """The whole answer as Markdown, for the chat pane and `innkjop chat`."""
    notices: list[str] = field(default_factory=list)
    """Short Norwegian notes to the user (input trimmed, contradictions, ...)."""
    lead: str | None = None
    """A direct answer before everything else: Ja/Nei with its reason, a control verdict on
    a past purchase, or the thresholds asked about (each with its citations)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of `innkjop ask --json`."""
        return {
            "intent": self.intent,
            "facts": {
                slot: {"value": f.value, "source": f.source} for slot, f in self.facts.items()
            },
            "decision": self.decision.to_dict() if self.decision else None,
            "questions": [{"slot": q.slot, "text": q.text} for q in self.questions],
            "passages": [h.to_dict() for h in self.passages],
            "notices": self.notices,
            "lead": self.lead,
        }
