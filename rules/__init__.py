"""The rule engine: `from rules import decide`.

Two layers of rules as data (knowledge/rules/national.yaml: national law;
knowledge/rules/strategy.yaml: the local strategy), compiled into durable_rules
rulesets behind our own small interface (rules/engine.py). Thresholds are dated
data (knowledge/thresholds/). `decide(purchase, as_of)` estimates the value,
runs both layers and returns a Decision with citations and a trace.

`decide` is imported lazily so that `import rules.model` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rules.decision import decide

__all__ = ["decide"]


def __getattr__(name: str) -> Any:
    if name == "decide":
        from rules.decision import decide

        return decide
    raise AttributeError(name)
