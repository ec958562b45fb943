"""Rule data of one layer (knowledge/rules/<layer>.yaml), loaded and validated.

A rulebook is plain data a buyer can read: each rule has a name, conditions
(`when`), one conclusion (`then`), a Norwegian sentence (`text`), an optional
trace reason (`because`) and its citations. Beside the rules, `titles` give
the Norwegian title of every code a rule concludes (procedure, authority,
document, warning, regime) and of the categories and evidence statuses; no
code title is written in Python (rules/titles.py reads them). Texts may name
thresholds and legal parameters (knowledge/parameters/) as placeholders.
rules/engine.py compiles rulebooks into durable_rules rulesets; nothing here
knows about the engine.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml
from knowledge.parameters import load_parameters
from rules.model import CATEGORIES

RULES_DIR = KNOWLEDGE_DIR / "rules"
LAYER_FILES = {"nasjonal": RULES_DIR / "national.yaml", "strategi": RULES_DIR / "strategy.yaml"}

CONCLUSION_KINDS = ("regime", "procedure", "authority", "document", "warning")
REGIMES = ("utenfor", "del1", "del2", "del3", "ingen")
BOOL_CONDITIONS = ("call_off", "framework", "is_framework_agreement", "outside_agreement")
THRESHOLD_CONDITIONS = ("reaches", "below", "near", "split_across")
CONDITION_KEYS = (
    *BOOL_CONDITIONS, *THRESHOLD_CONDITIONS, "category", "regime",
    "duration_over", "duration_known", "from_date", "until_date",
)
TITLE_KINDS = ("procedure", "authority", "document", "warning", "regime", "category", "status",
               "evidence")
TEXT_FIELDS = ("value", "own_value", "duration_months")


@dataclass(frozen=True)
class RuleSpec:
    """One rule as written in the data file."""

    name: str
    layer: str
    when: dict[str, Any]
    kind: str
    """One of CONCLUSION_KINDS."""
    code: str
    text: str
    because: str
    citations: tuple[str, ...]
    index: int
    """Position in the file: conclusions are listed in this order."""
    procedure: str | None = None
    """A regime rule may also fix the procedure (del1, del2, del3)."""
    threshold_names: tuple[str, ...] = ()
    read_keys: tuple[str, ...] = ()
    full_name: str = ""
    """layer.name, as shown in the trace."""
    citation_text: str = ""
    """The citations joined for a trace step."""
    text_has_fields: bool = False
    because_has_fields: bool = False
    because_is_text: bool = False
    """The rule gives no reason of its own: the trace says its conclusion."""

    def __post_init__(self) -> None:
        names = tuple(self.when[key] for key in THRESHOLD_CONDITIONS if key in self.when)
        derived = {
            "threshold_names": names,
            "read_keys": tuple(self._fact_keys()),
            "full_name": f"{self.layer}.{self.name}",
            "citation_text": "; ".join(self.citations),
            "text_has_fields": "{" in self.text,
            "because_has_fields": "{" in self.because,
            "because_is_text": self.because == self.text,
        }
        for key, value in derived.items():
            object.__setattr__(self, key, value)

    def thresholds(self) -> tuple[str, ...]:
        return self.threshold_names

    def fact_keys(self) -> tuple[str, ...]:
        """Facts of the purchase this rule reads (shown in the trace)."""
        return self.read_keys

    def _fact_keys(self) -> list[str]:
        keys: list[str] = []
        for key in self.when:
            if key in THRESHOLD_CONDITIONS:
                keys += ["value", f"th_{self.when[key]}"]
                if key == "split_across":
                    keys.append("own_value")
            elif key in ("duration_over", "duration_known"):
                keys.append("duration_months")
            elif key in ("from_date", "until_date"):
                keys.append("as_of")
            else:
                keys.append(key)
        return list(dict.fromkeys(keys))


@dataclass(frozen=True)
class Rulebook:
    layer: str
    title: str
    rules: tuple[RuleSpec, ...]
    path: str = ""
    codes: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    """kind -> code -> Norwegian title, as written beside the rules."""


def load_rulebook(layer: str, thresholds: set[str], path: Path | None = None,
                  parameters: set[str] | None = None) -> Rulebook:
    """Load and validate one layer. `thresholds` are the names conditions may refer to;
    `parameters` the legal parameters texts and durations may name (default: all)."""
    path = path or LAYER_FILES[layer]
    parameters = set(load_parameters()) if parameters is None else parameters
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, "(rot)", "må være en tabell med nøkler")
    if "near_fraction" in data:
        raise DataFileError(path, "near_fraction",
                            "er flyttet til knowledge/parameters/near_share.yaml")
    titles = parse_titles(path, data.get("titles"))
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise DataFileError(path, "rules", "mangler eller er tom")
    names: set[str] = set()
    rules = []
    for index, raw in enumerate(raw_rules):
        rule = _rule(path, layer, index, raw, thresholds, parameters)
        if rule.name in names:
            raise DataFileError(path, f"rules[{index}].name", f"{rule.name!r} finnes fra før")
        names.add(rule.name)
        rules.append(rule)
    codes: dict[str, list[str]] = {}
    for rule in rules:
        for kind, code in ((rule.kind, rule.code), ("procedure", rule.procedure)):
            if code is not None and code not in codes.setdefault(kind, []):
                codes[kind].append(code)
    return Rulebook(
        layer=layer,
        title=str(data.get("title") or layer),
        rules=tuple(rules),
        path=str(path),
        codes=codes,
        titles=titles,
    )


def parse_titles(path: Path, raw: Any) -> dict[str, dict[str, str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DataFileError(path, "titles", "må være en tabell: type -> kode -> tittel")
    titles: dict[str, dict[str, str]] = {}
    for kind, entries in raw.items():
        if kind not in TITLE_KINDS:
            raise DataFileError(path, f"titles.{kind}",
                                f"ukjent type (gyldige: {', '.join(TITLE_KINDS)})")
        if not isinstance(entries, dict):
            raise DataFileError(path, f"titles.{kind}", "må være en tabell: kode -> tittel")
        for code, title in entries.items():
            if not isinstance(title, str) or not title.strip():
                raise DataFileError(path, f"titles.{kind}.{code}", "mangler tittel")
        titles[kind] = {str(code): " ".join(title.split()) for code, title in entries.items()}
    return titles


def _rule(path: Path, layer: str, index: int, raw: Any, thresholds: set[str],
          parameters: set[str]) -> RuleSpec:
    key = f"rules[{index}]"
    if not isinstance(raw, dict):
        raise DataFileError(path, key, "må være en tabell")
    name = raw.get("name")
    if not isinstance(name, str) or not name.isidentifier():
        raise DataFileError(path, f"{key}.name", "mangler eller er ikke et gyldig navn")
    key = f"rules.{name}"
    when = raw.get("when")
    if not isinstance(when, dict):
        raise DataFileError(path, f"{key}.when", "må være en tabell med vilkår (kan være tom)")
    for cond, value in when.items():
        _check_condition(path, f"{key}.when.{cond}", cond, value, thresholds, parameters)
    then = raw.get("then")
    if not isinstance(then, dict) or not then:
        raise DataFileError(path, f"{key}.then", "må ha en konklusjon")
    then = dict(then)
    procedure = then.pop("procedure", None) if "regime" in then else None
    if len(then) != 1:
        raise DataFileError(
            path, f"{key}.then", "må ha nøyaktig én konklusjon (regime kan også gi procedure)"
        )
    ((kind, code),) = then.items()
    if procedure is not None and not isinstance(procedure, str):
        raise DataFileError(path, f"{key}.then.procedure", "må være en kode")
    if kind not in CONCLUSION_KINDS:
        raise DataFileError(path, f"{key}.then", f"ukjent konklusjon {kind!r}")
    if not isinstance(code, str) or not code:
        raise DataFileError(path, f"{key}.then.{kind}", "må være en kode")
    if kind == "regime" and code not in REGIMES:
        raise DataFileError(path, f"{key}.then.regime", f"ukjent regime {code!r}")
    fields = thresholds | parameters
    text = _sentence(path, f"{key}.text", raw.get("text"), fields)
    because = raw.get("because")
    because = _sentence(path, f"{key}.because", because, fields) if because else text
    citations = raw.get("citations")
    if (
        not isinstance(citations, list)
        or not citations
        or not all(isinstance(c, str) and c.strip() for c in citations)
    ):
        raise DataFileError(path, f"{key}.citations", "hver regel må ha minst én kilde")
    return RuleSpec(
        name=name, layer=layer, when=dict(when), kind=kind, code=code, text=text,
        because=because, citations=tuple(c.strip() for c in citations), index=index,
        procedure=procedure,
    )


def _check_condition(path: Path, key: str, cond: str, value: Any, thresholds: set[str],
                     parameters: set[str]) -> None:
    if cond not in CONDITION_KEYS:
        raise DataFileError(path, key, f"ukjent vilkår (gyldige: {', '.join(CONDITION_KEYS)})")
    if cond in BOOL_CONDITIONS and not isinstance(value, bool):
        raise DataFileError(path, key, "må være true eller false")
    if cond in THRESHOLD_CONDITIONS and value not in thresholds:
        raise DataFileError(
            path, key, f"ukjent terskelverdi {value!r} (kjente: {', '.join(sorted(thresholds))})"
        )
    if cond == "category" and (
        not isinstance(value, list) or not value or not set(value) <= set(CATEGORIES)
    ):
        raise DataFileError(path, key, f"må være en liste av {', '.join(CATEGORIES)}")
    if cond == "regime" and (
        not isinstance(value, list) or not value or not set(value) <= set(REGIMES)
    ):
        raise DataFileError(path, key, f"må være en liste av {', '.join(REGIMES)}")
    if cond == "duration_over" and not (
        (isinstance(value, int) and not isinstance(value, bool)) or value in parameters
    ):
        raise DataFileError(
            path, key, "må være et helt antall måneder eller en varighetsparameter "
                       f"(kjente: {', '.join(sorted(parameters))})",
        )
    if cond == "duration_known" and not isinstance(value, bool):
        raise DataFileError(path, key, "må være true eller false")
    if cond in ("from_date", "until_date") and not isinstance(value, date):
        raise DataFileError(path, key, "må være en dato ÅÅÅÅ-MM-DD")


def _sentence(path: Path, key: str, value: Any, names: set[str]) -> str:
    """A rule sentence whose placeholders are facts, thresholds or parameters."""
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(path, key, "mangler tekst")
    allowed = set(TEXT_FIELDS) | names
    for _, field_name, _, _ in string.Formatter().parse(value):
        if field_name is not None and field_name not in allowed:
            raise DataFileError(
                path, key,
                f"ukjent plassholder {{{field_name}}} (kjente: {', '.join(sorted(allowed))})",
            )
    return " ".join(value.split())
