"""`innkjop chat`: a plain line-by-line conversation in the terminal.

One line in, the answer out, no screen drawing: works with screen readers and
over slow SSH. The conversation remembers the purchase between lines (the same
Session as the TUI). Commands: "ny" starts over, "hjelp" shows help,
"avslutt" (or Ctrl+D) ends. Answers are compact (see `chat_view`); "hvorfor?",
"kilder" and "alt" show the rest of the last answer, `--fullt` always the whole.
With stdin not a terminal (piped input) no "> " prompt is printed.
"""

from __future__ import annotations

import argparse
import re
import sys

from knowledge.infra.errors import InnkjopError
from knowledge.infra.terminal import safe_text

from . import chat_view
from ._assistant import open_session, parse_as_of

RESET = {"ny", "nytt", "ny samtale", "nytt kjøp", "start på nytt", "reset"}
QUIT = {"avslutt", "slutt", "exit", "quit", "q", "ha det"}
HELP = {"hjelp", "?", "help"}
HELP_TEXT = (
    "Skriv et spørsmål eller beskriv et kjøp på én linje, og trykk Enter.\n"
    "Eksempel: Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva\n"
    "Svar på spørsmålene mine med korte svar (f.eks. «eks. mva», «4 år», «ja»).\n"
    "Prøv «hva om det er 2 millioner?» for å endre forrige kjøp.\n"
    "Kommandoer: hvorfor? (regelsporet), kilder, alt (hele svaret), ny (start på nytt),\n"
    "hjelp, avslutt."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "chat",
        help="samtale linje for linje i terminalen",
        description=(
            "En enkel samtale i terminalen, linje for linje (fungerer med skjermleser og\n"
            "over treg SSH). innkjop husker kjøpet mellom linjene.\n\n" + HELP_TEXT
        ),
        epilog="Eksempel:\n  innkjop chat --uten-modell --ren-tekst",
    )
    parser.add_argument("--dato", "--as-of", dest="as_of", metavar="DATO",
                        help="vurder etter reglene på denne datoen (ÅÅÅÅ-MM-DD)")
    parser.add_argument("--uten-modell", "--lexical", dest="lexical", action="store_true",
                        help="bare ordsøk (raskere oppstart)")
    parser.add_argument("--ren-tekst", "--plain", dest="plain", action="store_true",
                        help="ren tekst uten Markdown-tegn (for skjermlesere)")
    parser.add_argument("--fullt", "--full", dest="full", action="store_true",
                        help="hele svaret hver gang (kort, regelspor, opplysninger, kilder)")
    parser.add_argument("--avtaler", "--agreements", dest="agreements", metavar="FIL",
                        help="eget avtaleregister (YAML)")
    parser.set_defaults(func=run)


def plain(markdown: str) -> str:
    """Markdown without markup characters, for screen readers."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown)
    text = re.sub(r"(?<!\w)\*(.+?)\*(?!\w)", r"\1", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^>\s?", "  ", text, flags=re.MULTILINE)
    return text


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def run(args: argparse.Namespace) -> int:
    as_of = parse_as_of(args.as_of)
    print("Laster ...", file=sys.stderr)
    session = open_session(lexical=args.lexical, agreements=args.agreements)
    interactive = _is_terminal(sys.stdin)
    if interactive:
        print("innkjop chat. Skriv «hjelp» for hjelp, «avslutt» for å avslutte.")
    last = None

    def show(markdown: str) -> None:
        print(plain(markdown) if args.plain else markdown)
        print()

    while True:
        try:
            line = input("> " if interactive else "")
        except EOFError:
            if interactive:
                print()
            return 0
        except UnicodeDecodeError:
            print("Feil: inndataene er ikke UTF-8-tekst.", file=sys.stderr)
            return 2
        command = safe_text(line).strip().lower().rstrip(".!")
        if not command:
            continue
        if command in chat_view.WHY:
            show(chat_view.why(last))
            continue
        if command in chat_view.SOURCES:
            show(chat_view.sources(last))
            continue
        if command in chat_view.FULL:
            show(last.markdown if last is not None else "Ingen svar ennå.")
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
            reply = session.respond(safe_text(line).strip(), as_of=as_of)
        except InnkjopError as error:
            print(f"Feil: {safe_text(error, 1500)}")
            continue
        last = reply
        show(reply.markdown if args.full else chat_view.compact(reply))
