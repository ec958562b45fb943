"""Our small interface over durable_rules: compile the rule layers, run a decision, clean up.

durable_rules keeps a global, thread-unsafe engine. Its traps and how this module
meets them:

- Rulesets are registered once per process (a name cannot be registered twice):
  `RuleEngine` compiles the layers, with the threshold values and legal
  parameters (near share, durations) of one period as constants, into one
  ruleset with a unique name; `get_engine()` registers it
  once per threshold period and shares it. Rules with identical conditions share
  one compiled rule, so fewer actions run per decision.
- The stock `Host` starts background timer threads that dispatch queued actions
  concurrently with callers. We use neither timers nor queued actions, so
  `_SyncHost` does not start them, and every call goes through one lock.
- Facts are deduplicated by `id` within a session (`sid`): every run gets a
  fresh `sid`, and facts within it have distinct ids.
- An exception in an action is stored in the session state instead of raised:
  after each run we read the state, raise RuleEngineError if it holds an
  exception, and delete the session state whatever happens.
- Deleting a session in which no rule completed crashes the C engine (2.0.28):
  a ruleset without an unconditional rule gets a no-op rule that fires on each
  purchase fact.
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass
from datetime import date
from functools import reduce
from typing import Any

import durable_rules_engine
from durable import engine as durable_engine
from durable.lang import c, m, when_all

from knowledge.infra.errors import RuleEngineError
from knowledge.parameters import load_parameters
from rules.rulebook import BOOL_CONDITIONS, THRESHOLD_CONDITIONS, Rulebook, RuleSpec


@dataclass(frozen=True)
class Firing:
    """A rule that fired, with the purchase facts it saw."""

    rule: RuleSpec
    facts: dict[str, Any]


class _SyncHost(durable_engine.Host):
    """A durable_rules Host without background dispatch threads (see module docstring)."""

    def _run(self) -> None:
        return None


_LOCK = threading.RLock()
_ruleset_numbers = itertools.count(1)


class RuleEngine:
    """Rulebooks (layers) compiled into one durable_rules ruleset on its own host.

    The layers stay separate data and can be compiled alone (tests do); compiled
    together, the strategy's rules chain on the regime fact that a national rule
    asserts, so one decision is one session: one assert, one state read, one delete.
    """

    def __init__(self, rulebooks: list[Rulebook], limits: dict[str, tuple[str, float]],
                 constants: dict[str, float] | None = None) -> None:
        """`limits`: each threshold in force, as (comparison, value). `constants`: the
        legal parameters in force (`near_share` as a fraction, durations in months;
        default: today's, see `parameter_constants`). Both are compiled into the
        conditions, so the purchase fact stays small; a rule that needs a threshold
        with no value on the date cannot fire and is left out."""
        self.rulebooks = {book.layer: book for book in rulebooks}
        self._limits = limits
        self._constants = constants if constants is not None else parameter_constants()
        near_fraction = self._constants.get("near_share", 0.0)
        self._host = _SyncHost()
        self._firings: dict[str, list[Firing]] = {}
        self._sids = itertools.count(1)
        self._order = {book.layer: index for index, book in enumerate(rulebooks)}
        self.name = f"innkjop_{'_'.join(self.rulebooks)}_{next(_ruleset_numbers)}"
        definition = {
            f"{group[0].layer}.{group[0].name}": self._compile(group, near_fraction)
            for group in _groups(rulebooks)
            if all(name in limits for name in group[0].threshold_names)
            and self._has_constants(group[0])
        }
        if not any(not spec.when for book in rulebooks for spec in book.rules):
            definition[_SESSION_RULE] = _session_rule()
        with _LOCK:
            self._host.register_rulesets({self.name: definition})

    def _has_constants(self, spec: RuleSpec) -> bool:
        """Whether the parameters a rule's conditions read have a value (a date before a
        parameter's first value leaves such rules out, like a missing threshold)."""
        if "near" in spec.when and "near_share" not in self._constants:
            return False
        wanted = spec.when.get("duration_over")
        return not isinstance(wanted, str) or wanted in self._constants

    def run(self, purchase: dict[str, Any], regime: str | None = None) -> list[Firing]:
        """Assert the purchase (and, when no compiled layer derives it, the regime) and
        return the rules that fired, in layer and file order.

        A national rule that fixes the regime asserts it as a new fact, and duty and
        strategy rules join on it (forward chaining).
        """
        facts = [{**purchase, "id": "purchase", "t": "purchase"}]
        if regime is not None:
            facts.append({"id": "regime", "t": "regime", "code": regime})
        with _LOCK:
            sid = f"d{next(self._sids)}"
            for fact in facts:
                fact["sid"] = sid
            self._firings[sid] = firings = []
            try:
                for fact in facts:
                    self._assert(self.name, fact)
            finally:
                self._firings.pop(sid, None)
                state = self._close_session(self.name, sid)
        if state and state.get("exception"):
            raise RuleEngineError(f"en regel feilet i regelmotoren: {state['exception']}")
        return sorted(firings, key=lambda f: (self._order[f.rule.layer], f.rule.index))

    def _assert(self, ruleset: str, fact: dict[str, Any]) -> None:
        """Assert one fact; a fact no rule of this layer reads is simply not kept."""
        try:
            self._host.assert_fact(ruleset, fact)
        except durable_engine.MessageNotHandledException:
            pass
        except durable_engine.MessageObservedException as error:
            raise RuleEngineError(f"regelmotoren så et faktum to ganger: {error.message}") from None

    def _close_session(self, ruleset: str, sid: str) -> dict[str, Any] | None:
        """Read the session's state and delete it. None when no session was created
        (no fact was kept). Deleting a session that does not exist crashes the C
        engine, so we only delete what get_state found."""
        try:
            state = self._host.get_state(ruleset, sid)
        except durable_rules_engine.error:
            return None
        self._host.delete_state(ruleset, sid)
        return state

    def _compile(self, group: list[RuleSpec], near_fraction: float) -> dict[str, Any]:
        spec = group[0]
        purchase = self._purchase_condition(spec, near_fraction)
        if "regime" in spec.when:
            regime = (m.t == "regime") & _any_of(m.code, spec.when["regime"])
            rule = when_all(c.p << purchase, c.r << regime)
        else:
            rule = when_all(c.p << purchase)
        rule.func = [self._action(group)]
        return rule.define()

    def _purchase_condition(self, spec: RuleSpec, near_fraction: float):
        parts = [m.t == "purchase"]
        for key, wanted in spec.when.items():
            if key in BOOL_CONDITIONS:
                parts.append(getattr(m, key) == wanted)
            elif key == "category":
                parts.append(_any_of(m.category, wanted))
            elif key == "duration_over":
                months = wanted if isinstance(wanted, int) else self._constants[wanted]
                parts.append(m.duration_months > months)
            elif key == "duration_known":
                parts.append(m.duration_months > 0 if wanted else m.duration_months == 0)
            elif key == "from_date":
                parts.append(m.as_of_day >= wanted.toordinal())
            elif key == "until_date":
                parts.append(m.as_of_day <= wanted.toordinal())
            elif key in THRESHOLD_CONDITIONS:
                parts += self._threshold_condition(key, wanted, near_fraction)
        return reduce(lambda a, b: a & b, parts)

    def _threshold_condition(self, key: str, name: str, near_fraction: float) -> list:
        comparison, limit = self._limits[name]
        strict = comparison == "gt"

        def reaches(amount):
            return amount > limit if strict else amount >= limit

        def below(amount):
            return amount <= limit if strict else amount < limit

        if key == "reaches":
            return [reaches(m.value)]
        if key == "below":
            return [below(m.value)]
        if key == "near":
            return [m.value >= limit * (1 - near_fraction), below(m.value)]
        return [below(m.own_value), reaches(m.value)]  # split_across

    def _action(self, group: list[RuleSpec]):
        """The action of a compiled rule: record each rule of the group as fired, and
        assert the regime fact when a rule of the group fixes it."""
        joins_regime = "regime" in group[0].when
        regimes = [spec.code for spec in group if spec.kind == "regime"]

        def action(closure) -> None:
            facts = closure.p._d  # a fresh dict decoded from the engine's JSON
            if joins_regime:
                facts = {**facts, "regime": closure.r._d["code"]}
            self._firings[closure.s._d["sid"]].extend(Firing(spec, facts) for spec in group)
            for code in regimes:
                try:
                    closure.assert_fact({"id": "regime", "t": "regime", "code": code})
                except durable_engine.MessageNotHandledException:
                    pass  # no compiled rule builds on this regime

        action.__name__ = group[0].name
        return action


def _groups(rulebooks: list[Rulebook]) -> list[list[RuleSpec]]:
    """Rules of a layer with identical conditions share one compiled rule (one action
    instead of several); each still appears as its own step in the trace."""
    groups: dict[tuple[str, str], list[RuleSpec]] = {}
    for book in rulebooks:
        for spec in book.rules:
            key = (book.layer, json.dumps(spec.when, sort_keys=True, default=str))
            groups.setdefault(key, []).append(spec)
    return list(groups.values())


def parameter_constants(day: date | None = None) -> dict[str, float]:
    """The legal parameters the conditions read, on `day` (default today): `near_share`
    as a fraction and every duration parameter in months."""
    constants: dict[str, float] = {}
    for name, parameter in load_parameters().items():
        if parameter.at(day or date.today()) is None:
            continue
        if parameter.unit in ("måneder", "år"):
            constants[name] = parameter.months(day)
        else:
            constants[name] = parameter.value(day)
    return constants


_SESSION_RULE = "_session"


def _session_rule() -> dict[str, Any]:
    """A rule that fires on every purchase fact and does nothing.

    durable_rules 2.0.28 crashes the process (free(): invalid pointer) in
    delete_state for a session in which a fact was stored but no rule completed.
    With this rule every session has a completed rule, and deletion is safe.
    """
    rule = when_all(c.p << (m.t == "purchase"))
    rule.func = [_keep_session]
    return rule.define()


def _keep_session(closure) -> None:
    return None


def _any_of(attribute, values: list[str]):
    return reduce(lambda a, b: a | b, [attribute == value for value in values])


_engines: dict[tuple, RuleEngine] = {}


def get_engine(rulebooks: list[Rulebook], limits: dict[str, tuple[str, float]],
               constants: dict[str, float] | None = None) -> RuleEngine:
    """The engine for these rulebooks, threshold values and parameters, compiled and
    registered once per process (one per threshold period in use)."""
    constants = constants if constants is not None else parameter_constants()
    key = (tuple((book.layer, book.path) for book in rulebooks), tuple(sorted(limits.items())),
           tuple(sorted(constants.items())))
    with _LOCK:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = RuleEngine(rulebooks, limits, constants)
        return engine
