"""`innkjop terskler`: thresholds in force on a date with their evidence; `--sjekk` the chores.

For each threshold: its label, value, start date, status in words (verified:
a primary source; secondary: secondary sources only; unverified: none), legal
reference and the sources with the sentence relied on. `--json` prints a list
of objects with `key`, `label`, `value`, `from`, `status`, `reference`,
`evidence` (and more). `--sjekk` lists the values a buyer should check: not
verified, secondary-only, or not reviewed for longer than the review interval
(knowledge/parameters/review_interval_months.yaml), thresholds and legal
parameters alike.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from ._args import parse_as_of

EXAMPLES = """Eksempler:
  innkjop terskler
  innkjop terskler --as-of 2022-02-01
  innkjop terskler --as-of 2026-08-01 --json
  innkjop terskler --sjekk

Slik oppdaterer du en verdi: åpne filen som står under verdien, og legg til en kilde
under evidence (title, url, quote = setningen du bygger på, kind: primary eller
secondary, checked: datoen du leste den). Statusen følger av kildene."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "terskler",
        help="terskelverdiene på en dato, med status og kilder (--sjekk: hva bør sjekkes)",
        description=(
            "Viser hver terskelverdi som gjelder på datoen: verdi, fra-dato, status\n"
            "(bekreftet i forskriften, bare i sekundærkilder, ikke verifisert), hjemmel\n"
            "og kildene med setningen verdien bygger på."
        ),
        epilog=EXAMPLES,
    )
    parser.add_argument("--as-of", metavar="ÅÅÅÅ-MM-DD",
                        help="datoen verdiene skal gjelde for (standard: i dag)")
    parser.add_argument("--json", action="store_true", help="skriv listen som JSON")
    parser.add_argument("--sjekk", action="store_true",
                        help="list verdier som ikke er bekreftet eller ikke er gjennomgått "
                             "på lenge (alle datoer, eller bare --as-of)")
    parser.set_defaults(func=run)


def _entry(key: str, label: str, value: Any, unit: str, path: str,
           kind: str = "threshold") -> dict[str, Any]:
    from rules.titles import title

    return {
        "key": key,
        "kind": kind,
        "label": label,
        "value": int(value.value) if float(value.value).is_integer() else value.value,
        "unit": unit,
        "from": value.start.isoformat(),
        "status": value.status,
        "status_text": title("status", value.status),
        "reference": value.reference,
        "evidence": [item.to_dict() for item in value.evidence],
        "last_reviewed": value.last_reviewed.isoformat(),
        "note": value.note,
        "file": _shown_path(path),
    }


def _shown_path(path: str) -> str:
    from knowledge import KNOWLEDGE_DIR

    file = Path(path)
    try:
        return str(Path("knowledge") / file.resolve().relative_to(KNOWLEDGE_DIR))
    except ValueError:
        return str(file)


def in_force(day: date) -> list[dict[str, Any]]:
    """Every threshold with a value on `day`, as the JSON objects of `--json`."""
    from knowledge.thresholds import load_thresholds

    entries = []
    for name, threshold in load_thresholds().items():
        value = threshold.at(day)
        if value is not None:
            entries.append(_entry(name, threshold.label, value, "NOK eks. mva", threshold.path))
    return entries


def chores(day: date | None, today: date) -> list[dict[str, Any]]:
    """Values to check (all dates, or those in force on `day`), each with its `reasons`."""
    from knowledge.parameters import load_parameters, parameter
    from knowledge.thresholds import load_thresholds

    interval = parameter("review_interval_months").months(today)
    candidates: list[dict[str, Any]] = []
    for name, threshold in load_thresholds().items():
        for value in threshold.values if day is None else [threshold.at(day)]:
            if value is not None:
                candidates.append(_entry(name, threshold.label, value, "NOK eks. mva",
                                         threshold.path))
    for name, param in load_parameters().items():
        for value in param.values if day is None else [param.at(day)]:
            if value is not None:
                candidates.append(_entry(name, param.label, value, param.unit, param.path,
                                         kind="parameter"))
    listed = []
    for entry in candidates:
        reasons = _reasons(entry, today, interval)
        if reasons:
            listed.append({**entry, "reasons": reasons})
    return listed


def _reasons(entry: dict[str, Any], today: date, interval_months: int) -> list[str]:
    reasons = []
    if entry["status"] == "unverified":
        reasons.append("ingen kilde: finn verdien i forskriften (Lovdata) eller hos departementet")
    elif entry["status"] == "secondary":
        reasons.append("bare sekundærkilder: legg inn regelteksten som primærkilde")
    reviewed = date.fromisoformat(entry["last_reviewed"])
    if _months_between(reviewed, today) > interval_months:
        reasons.append(f"sist gjennomgått {reviewed.isoformat()}, mer enn {interval_months} "
                       "måneder siden")
    return reasons


def _months_between(earlier: date, later: date) -> float:
    return (later.year - earlier.year) * 12 + (later.month - earlier.month) + (
        (later.day - earlier.day) / 31)


def _value_text(entry: dict[str, Any]) -> str:
    from knowledge.parameters import load_parameters
    from rules.formatting import kr

    if entry["kind"] == "threshold":
        return f"{kr(entry['value'])} eks. mva"
    return load_parameters()[entry["key"]].display(date.fromisoformat(entry["from"]))


def _print_entry(entry: dict[str, Any]) -> None:
    from rules.titles import title

    label = entry["label"][:1].upper() + entry["label"][1:]
    print(f"## {label}")
    print(f"{_value_text(entry)} fra {entry['from']}: {entry['status_text']}")
    print(f"Hjemmel: {entry['reference']}")
    if entry["evidence"]:
        print("Kilder:")
        for item in entry["evidence"]:
            print(f"- {title('evidence', item['kind'])}: {item['title']} <{item['url']}>, "
                  f"sjekket {item['checked']}")
            print(f"  «{item['quote']}»")
    else:
        print("Kilder: ingen")
    if entry["note"]:
        print(f"Merknad: {entry['note']}")
    for reason in entry.get("reasons", []):
        print(f"Sjekk: {reason}")
    print(f"Sist gjennomgått {entry['last_reviewed']} · fil: {entry['file']}")
    print()


def run(args: argparse.Namespace) -> int:
    day = parse_as_of(args.as_of)
    today = date.today()
    if args.sjekk:
        entries = chores(day, today)
        heading = "Verdier som bør sjekkes" + (f" (gjelder {day.isoformat()})" if day else "")
    else:
        entries = in_force(day or today)
        heading = f"Terskelverdier per {(day or today).isoformat()}"
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=2))
        return 0
    print(f"# {heading}\n")
    if not entries:
        print("Ingen verdier å vise." if not args.sjekk else "Alle verdier er bekreftet og "
              "nylig gjennomgått.")
        return 0
    for entry in entries:
        _print_entry(entry)
    if not args.sjekk:
        print("Slik oppdaterer du en verdi: legg til en kilde under evidence i filen "
              "(se innkjop terskler --help).")
    return 0
