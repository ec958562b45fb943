"""`innkjop check`: what a purchase requires, from structured facts.

Prints the Norwegian decision card, or with --json exactly `Decision.to_dict()`.
Bad input raises InputError (Norwegian message, exit code 2, no traceback).
Imports only the rule engine: never torch or sentence-transformers.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

from knowledge.infra.errors import InputError
from knowledge.infra.inputs import parse_amount, parse_months, parse_quantity
from rules.model import CATEGORIES, PERIODS, Purchase

from ._args import parse_as_of

EXAMPLES = """Eksempler:
  innkjop check --value 180000 --vat eks --category tjenester --municipality Selbu --no-framework
  innkjop check --value 12000 --vat inkl --period month --duration-months 36 --category varer
  innkjop check --value 22000 --vat eks --category varer --framework
  innkjop check --value 2250000 --vat eks --category varer --no-framework --as-of 2024-01-15
  innkjop check --value 80000 --vat eks --category varer --no-framework --related 40000 --json

Mangler et faktum som endrer svaret, lister svaret spørsmål i stedet for å gjette.
Miljøvariabel INNKJOP_THRESHOLDS peker på en annen mappe med terskelverdier."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="hva et kjøp krever: prosedyre, hvem, dokumentasjon (med kilder)",
        description=(
            "Beregner verdien eks. mva og finner prosedyre, hvem som gjennomfører og\n"
            "hvilken dokumentasjon som kreves, med kilde for hver konklusjon."
        ),
        epilog=EXAMPLES,
    )
    parser.add_argument("--value", metavar="BELØP",
                        help="beløpet i kroner (samlet, eller per periode med --period), "
                             "f.eks. 250000, \"1 250 000\", 1.250.000 eller \"2,5 mill\"")
    parser.add_argument("--quantity", metavar="ANTALL",
                        help="antall enheter beløpet er prisen for (30 nettbrett à 6 000 kr: "
                             "--value 6000 --quantity 30)")
    parser.add_argument("--unit", metavar="ENHET", default="stk",
                        help="enheten antallet teller, en av enhetene i "
                             "knowledge/quantity_units.yaml: stk, timer, dager, liter, m² … "
                             "(standard: stk)")
    parser.add_argument("--vat", choices=("inkl", "eks"), help="om beløpet er inkl. eller eks. mva")
    parser.add_argument("--period", choices=PERIODS,
                        help="beløpet gjelder per uke, måned, kvartal, halvår eller år")
    parser.add_argument("--duration-months", metavar="MÅNEDER",
                        help="avtalens lengde i måneder, med opsjoner og forlengelser")
    parser.add_argument("--open-ended", action="store_true",
                        help="avtalen har ingen sluttdato (periodebeløp regnes × 48 måneder)")
    parser.add_argument("--category", metavar="KATEGORI",
                        help=f"en av: {', '.join(CATEGORIES)}")
    parser.add_argument("--municipality", metavar="KOMMUNE", help="kommunen kjøpet gjelder")
    parser.add_argument("--framework", action=argparse.BooleanOptionalAction, default=None,
                        help="det finnes en (ramme)avtale å avrope på (--no-framework: nei; "
                             "uten valget vurderes kjøpet som kjøp uten avtale, og det sies)")
    parser.add_argument("--framework-agreement", action="store_true",
                        help="kjøpet er en ny rammeavtale (verdi = største samlede verdi)")
    parser.add_argument("--related", metavar="BELØP", action="append", default=[],
                        help="verdi eks. mva av et kjøp som hører sammen med dette (kan gjentas)")
    parser.add_argument("--as-of", metavar="ÅÅÅÅ-MM-DD",
                        help="datoen svaret gjelder for (standard: i dag)")
    parser.add_argument("--json", action="store_true", help="skriv beslutningen som JSON")
    parser.add_argument("--no-trace", action="store_true", help="utelat regelsporet i kortet")
    parser.set_defaults(func=run)


def _unit(written: str) -> str:
    """The unit as the answer writes it, one of knowledge/quantity_units.yaml's labels."""
    from assistant.unit_words import load_unit_words

    labels = [words.label for words in load_unit_words().units.values()]
    unit = written.strip().lower()
    if unit not in labels:
        raise InputError(f"ukjent enhet «{written}». Gyldige enheter: {', '.join(labels)}.")
    return unit


NO_AGREEMENT_STATED = (
    "Ingen avtale å avrope på er oppgitt: vurdert som kjøp uten avtale "
    "(bruk --framework hvis det finnes en avtale)."
)


def purchase_from_args(args: argparse.Namespace) -> Purchase:
    category = args.category
    if category is not None:
        category = category.strip().lower().replace("-", "_")
        if category not in CATEGORIES:
            raise InputError(
                f"ukjent kategori «{args.category}». Gyldige kategorier: {', '.join(CATEGORIES)}."
            )
    return Purchase(
        value=parse_amount(args.value, "--value") if args.value is not None else None,
        vat=args.vat,
        quantity=(parse_quantity(args.quantity, "--quantity")
                  if args.quantity is not None else None),
        unit=_unit(args.unit),
        period=args.period,
        duration_months=(
            parse_months(args.duration_months, "--duration-months")
            if args.duration_months is not None else None
        ),
        category=category,
        municipality=args.municipality,
        framework=args.framework,
        is_framework_agreement=args.framework_agreement,
        open_ended=args.open_ended,
        related_values_excl_vat=tuple(parse_amount(v, "--related") for v in args.related),
    )


def run(args: argparse.Namespace) -> int:
    from rules import decide

    purchase = purchase_from_args(args)
    as_of = parse_as_of(args.as_of)
    # The structured check states what exists: no --framework means no agreement to
    # call off. Said as an assumption, so the card never hides it (`ask` looks the
    # register up and asks instead).
    unstated_agreement = purchase.framework is None and not purchase.is_framework_agreement
    if unstated_agreement:
        purchase = replace(purchase, framework=False)
    decision = decide(purchase, as_of)
    if unstated_agreement:
        decision.assumptions.append(NO_AGREEMENT_STATED)
    if args.json:
        print(json.dumps(decision.to_dict(), ensure_ascii=False, indent=2))
    else:
        from assistant.render import decision_markdown

        print(decision_markdown(decision, trace=not args.no_trace), end="")
    return 0
