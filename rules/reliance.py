"""Does the answer depend on a threshold value that no primary source confirms?

For each value in force whose status is not `verified`, the purchase is decided
again with that value replaced by its fallback (the latest earlier value with
stronger evidence, `Threshold.fallback`). Only when that changes the procedure,
the authority or a duty does the answer carry the warning `uverifisert_terskel`,
saying what would change; otherwise the trace gets a quiet line. A value with
nothing stronger to compare with warns when a rule that fired read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.infra.errors import InputError
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
            if name in outcome.used_thresholds:
                warned.append(f"{stated}, og ingen bekreftet verdi finnes å sammenligne med")
                result.relied_on.append(name)
                references.append(value.reference)
            continue
        change = _change(evaluator, name, purchase, outcome)
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


def _change(evaluator: Evaluator, name: str, purchase: Purchase, outcome: Outcome) -> str:
    """What the outcome would be with `name` at its fallback, in words; "" if the same."""
    try:
        other = evaluator_for(evaluator.as_of, (name,)).evaluate(purchase)
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
        parts.append("ikke " + ", ".join(dropped))
    return "; ".join(parts)
