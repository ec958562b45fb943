"""`innkjop chat`: a plain line-by-line conversation in the terminal.

One line in, the answer out, no screen drawing: works with screen readers and
over slow SSH. The conversation remembers the purchase between lines (the same
Session as the TUI). Commands: "ny" starts over, "hjelp" shows help,
"avslutt" (or Ctrl+D) ends.
"""

from __future__ import annotations

import argparse
import re
import sys

from knowledge.infra.errors import InnkjopError

from ._assistant import open_session, parse_as_of

RESET = {"ny", "nytt", "ny samtale", "nytt kjøp", "start på nytt", "reset"}
QUIT = {"avslutt", "slutt", "exit", "quit", "q", "ha det"}
HELP = {"hjelp", "?", "help"}
HELP_TEXT = (
    "Skriv et spørsmål eller beskriv et kjøp på én linje, og trykk Enter.\n"
    "Eksempel: Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva\n"
    "Svar på spørsmålene mine med korte svar (f.eks. «eks. mva», «4 år», «ja»).\n"
    "Prøv «hva om det er 2 millioner?» for å endre forrige kjøp.\n"
    "Kommandoer: ny (start på nytt), hjelp, avslutt."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "chat",
        help="samtale linje for linje i terminalen",
        description=(
            "En enkel samtale i terminalen, linje for linje (fungerer med skjermleser og\n"
            "over treg SSH). innkjop husker kjøpet mellom linjene.\n\n" + HELP_TEXT
        ),
        epilog="Eksempel:\n  innkjop chat --lexical --plain",
    )
    parser.add_argument("--as-of", metavar="DATO", help="vurder etter reglene på denne datoen")
    parser.add_argument("--lexical", action="store_true", help="bare ordsøk (raskere oppstart)")
    parser.add_argument("--plain", action="store_true",
                        help="ren tekst uten Markdown-tegn (for skjermlesere)")
    parser.add_argument("--agreements", metavar="FIL", help="eget avtaleregister (YAML)")
    parser.set_defaults(func=run)


def plain(markdown: str) -> str:
    """Markdown without markup characters, for screen readers."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown)
    text = re.sub(r"(?<!\w)\*(.+?)\*(?!\w)", r"\1", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^>\s?", "  ", text, flags=re.MULTILINE)
    return text


def run(args: argparse.Namespace) -> int:
    as_of = parse_as_of(args.as_of)
    print("Laster ...", file=sys.stderr)
    session = open_session(lexical=args.lexical, agreements=args.agreements)
    print("innkjop chat. Skriv «hjelp» for hjelp, «avslutt» for å avslutte.")
    while True:
        try:
            line = input("> ")
        except EOFError:
            print()
            return 0
        command = line.strip().lower().rstrip(".!")
        if not command:
            continue
        if command in QUIT:
            return 0
        if command in RESET:
            session.reset()
            print("Ny samtale. Beskriv kjøpet eller still et spørsmål.")
            continue
        if command in HELP:
            print(HELP_TEXT)
            continue
        try:
            reply = session.respond(line, as_of=as_of)
        except InnkjopError as error:
            print(f"Feil: {error}")
            continue
        print(plain(reply.markdown) if args.plain else reply.markdown)
        print()
