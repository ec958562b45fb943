"""Does the answer depend on a threshold value that no primary source confirms?

For each value in force whose status is not `verified`, the purchase is decided
again with that value replaced by its fallback (the latest earlier value with
stronger evidence, `Threshold.fallback`). Only when that changes the procedure,
the authority or a duty does the answer carry the warning `uverifisert_terskel`,
saying what would change; otherwise the trace gets a quiet line.

A value with nothing stronger to compare with is tried a share `near_share`
(knowledge/parameters/) below and above: if an error of that size would change
the answer, it warns; otherwise the quiet line says so.

A re-run is skipped when it provably cannot differ: every threshold condition
compares the purchase's value (or its own value) with the threshold, or with
the threshold less the near share, so swapping one threshold value for another
can change an outcome only if a value lies between the two (less that share).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.infra.errors import InputError
from knowledge.parameters import parameter
from knowledge.thresholds import Threshold, ThresholdValue
from rules.evaluate import Evaluator, Outcome, evaluator_for
from rules.formatting import kr
from rules.model import Purchase, TraceStep, Warning
from rules.titles import title

WARNING_CODE = "uverifisert_terskel"


@dataclass
class Reliance:
    warning: Warning | None = None
    trace: list[TraceStep] = field(default_factory=list)
    relied_on: list[str] = field(default_factory=list)


def assess(evaluator: Evaluator, purchase: Purchase, outcome: Outcome) -> Reliance:
    """Which unconfirmed values the outcome of `purchase` depends on."""
    warned: list[str] = []
    quiet: list[str] = []
    quiet_names: list[str] = []
    result = Reliance()
    references: list[str] = []
    for name, value in evaluator.set.values.items():
        if value.verified:
            continue
        threshold = evaluator.thresholds[name]
        fallback = threshold.fallback(evaluator.as_of)
        stated = _stated(threshold, value)
        if fallback is None:
            share = parameter("near_share")
            change = next(filter(None, (
                _change(evaluator, name, value.value * factor, purchase, outcome)
                for factor in (1 - share.value(evaluator.as_of), 1 + share.value(evaluator.as_of))
            )), "")
            compared = (f"ingen bekreftet verdi finnes, og med en verdi "
                        f"{share.display(evaluator.as_of)} lavere eller høyere")
        else:
            change = _change(evaluator, name, fallback.value, purchase, outcome)
            compared = f"med {kr(fallback.value)} ({title('status', fallback.status)}, fra " \
                       f"{fallback.start.isoformat()})"
        if change:
            warned.append(f"{stated}; {compared} ville svaret blitt et annet: {change}")
            result.relied_on.append(name)
            references.append(value.reference)
        else:
            quiet.append(f"{stated}; {compared} blir svaret det samme.")
            quiet_names.append(name)
    if warned:
        result.warning = Warning(
            WARNING_CODE,
            "Svaret avhenger av en terskelverdi som ikke er bekreftet i forskriften: "
            + "; ".join(warned) + ". Sjekk verdien på Lovdata / anskaffelser.no.",
            list(dict.fromkeys(references)),
        )
    if quiet:
        result.trace.append(TraceStep(
            rule="terskelstatus",
            because="Ubekreftede verdier som ikke endrer svaret: " + " ".join(quiet),
            citation="; ".join(dict.fromkeys(evaluator.set.values[n].reference
                                             for n in quiet_names)),
            facts={n: evaluator.set.values[n].status for n in quiet_names},
        ))
    return result


def _stated(threshold: Threshold, value: ThresholdValue) -> str:
    return (f"{threshold.label} {kr(value.value)} (fra {value.start.isoformat()}) er "
            f"{title('status', value.status)}")


def _change(evaluator: Evaluator, name: str, amount: float, purchase: Purchase,
            outcome: Outcome) -> str:
    """What the outcome would be with threshold `name` at `amount`, in words; "" if the same."""
    current = evaluator.set.values[name].value
    near = parameter("near_share").value(evaluator.as_of)
    low, high = min(current, amount) * (1 - near), max(current, amount)
    values = (outcome.estimate.combined_excl_vat, outcome.estimate.value_excl_vat)
    if not any(low <= value <= high for value in values):
        return ""
    try:
        other = evaluator_for(evaluator.as_of, ((name, amount),)).evaluate(purchase)
    except InputError as error:
        return str(error)
    if other.key() == outcome.key():
        return ""
    parts = []
    for kind, mine, theirs in (("procedure", outcome.procedure, other.procedure),
                               ("authority", outcome.authority, other.authority)):
        code_now = mine.code if mine else None
        code_then = theirs.code if theirs else None
        if code_now != code_then:
            what = "prosedyre" if kind == "procedure" else "gjennomføres av"
            parts.append(f"{what} «{title(kind, code_then) or 'ingen'}» i stedet for "
                         f"«{title(kind, code_now) or 'ingen'}»")
    now = [d.code for d in outcome.documentation]
    then = [d.code for d in other.documentation]
    added = [title("document", c) for c in then if c not in now]
    dropped = [title("document", c) for c in now if c not in then]
    if added:
        parts.append("også " + ", ".join(added))
    if dropped:
        parts.append("uten " + ", ".join(dropped))
    return "; ".join(parts)
