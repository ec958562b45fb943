"""`innkjop scenarios`: list or run trainer scenarios (YAML library or a JSONL set).

`run` prints a pass/fail table and exits 1 when any scenario fails.
"""

from __future__ import annotations

import argparse
from pathlib import Path

EXAMPLES = """Eksempler:
  innkjop scenarios list
  innkjop scenarios run
  innkjop scenarios run knowledge/scenarios/grenser.yaml --verbose
  innkjop scenarios run ../shared/eval/scenarios_dev.jsonl   (det delte settet, om du har det)"""
PROJECT_DIR = Path(__file__).resolve().parents[2]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scenarios",
        help="kjør eller vis opplæringsscenarioer (grenser, datoer, kategorier)",
        description="Kjører scenarioer gjennom regelmotoren og viser hva som stemmer.",
        epilog=EXAMPLES,
    )
    actions = parser.add_subparsers(dest="action", metavar="HANDLING",
                                    parser_class=type(parser))
    for name, help_text in (("run", "kjør scenarioene og vis en tabell"),
                            ("list", "vis scenarioene med det de lærer bort")):
        sub = actions.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("file", nargs="?", metavar="FIL",
                         help="scenariofil (.yaml eller .jsonl) eller mappe; standard: biblioteket")
        if name == "run":
            sub.add_argument("--verbose", action="store_true", help="vis hva som feilet i detalj")
        sub.set_defaults(func=run if name == "run" else list_scenarios)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def scenario_path(text: str | None) -> Path | None:
    """The file or folder to run: as given, else relative to the project; InputError if absent."""
    from knowledge.infra.errors import InputError
    from knowledge.infra.terminal import quote

    if text is None:
        return None
    path = Path(text).expanduser()
    for candidate in (path, PROJECT_DIR / path):
        if candidate.exists():
            return candidate
    raise InputError(
        f"Finner ikke scenariofilen {quote(text, 200)}. «innkjop scenarios run» uten fil kjører "
        "biblioteket i knowledge/scenarios/; det delte evalueringssettet "
        "(shared/eval/scenarios_dev.jsonl) følger ikke med en vanlig kopi av prosjektet."
    )


def _load(args: argparse.Namespace):
    from knowledge.scenarios import load_scenarios

    return load_scenarios(scenario_path(args.file))


def list_scenarios(args: argparse.Namespace) -> int:
    for scenario in _load(args):
        print(f"{scenario.id:<6} {scenario.as_of.isoformat()}  {scenario.title}")
        if scenario.lesson:
            print(f"       {scenario.lesson}")
    return 0


def run(args: argparse.Namespace) -> int:
    from rules.scenario_check import run_scenario

    scenarios = _load(args)
    results = [run_scenario(s) for s in scenarios]
    width = max(len(s.id) for s in scenarios)
    print(f"{'id':<{width}}  resultat  {'dato':<10}  prosedyre             scenario")
    for result in results:
        decision = result.decision
        procedure = "feil" if decision is None else (
            decision.procedure.code if decision.procedure else "spørsmål"
        )
        status = "OK" if result.passed else "FEIL"
        title = result.scenario.title
        title = title if len(title) <= 60 else title[:57] + "..."
        print(f"{result.scenario.id:<{width}}  {status:<8}  "
              f"{result.scenario.as_of.isoformat()}  {procedure:<20}  {title}")
        if not result.passed:
            for failure in result.failures if args.verbose else result.failures[:2]:
                print(f"{'':<{width}}    - {failure}")
    failed = sum(not r.passed for r in results)
    print(f"\n{len(results) - failed} av {len(results)} scenarioer stemmer"
          + (f"; {failed} feilet." if failed else "."))
    return 1 if failed else 0
