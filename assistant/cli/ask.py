"""`innkjop ask`: answer one message (a question or a purchase description).

Prints the answer as Markdown, or with `--json` the object
`{"intent", "facts", "decision", "questions", "passages", "notices"}` where
`decision` is exactly `innkjop check --json`'s object (null when facts are
missing) and `questions` lists `{"slot", "text"}`.
"""

from __future__ import annotations

import argparse
import json

from knowledge.infra.errors import InputError
from knowledge.infra.terminal import safe_text

from ._assistant import open_session, parse_as_of


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ask",
        help="still et spørsmål eller beskriv et kjøp",
        description=(
            "Svar på ett spørsmål eller én kjøpsbeskrivelse på norsk: prosedyre, hvem som\n"
            "gjennomfører og dokumentasjon (fra regelmotoren) og avsnittene svaret bygger på.\n"
            "Mangler en opplysning som endrer svaret, spør innkjop om den."
        ),
        epilog=(
            "Eksempler:\n"
            '  innkjop ask "Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva"\n'
            '  innkjop ask --dato 2024-01-15 --json "skolemøbler 2,25 mill eks mva"\n'
            '  innkjop ask "må jeg ha anbud for PC-er til 150k?"\n'
            '  innkjop ask --uten-modell "hva er KGV?"   (raskere: bare ordsøk)'
        ),
    )
    parser.add_argument("text", nargs="+", metavar="TEKST", help="spørsmålet eller kjøpet")
    parser.add_argument("--dato", "--as-of", dest="as_of", metavar="DATO",
                        help="vurder etter reglene på denne datoen (ÅÅÅÅ-MM-DD, standard i dag)")
    parser.add_argument("--json", action="store_true", help="skriv svaret som JSON")
    parser.add_argument("--uten-modell", "--lexical", dest="lexical", action="store_true",
                        help="bare ordsøk (BM25), uten språkmodellen (raskere oppstart)")
    parser.add_argument("--avtaler", "--agreements", dest="agreements", metavar="FIL",
                        help="eget avtaleregister (YAML), i stedet for innstillingen")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = safe_text(" ".join(args.text)).strip()
    if not any(character.isalnum() for character in text):
        raise InputError(
            "meldingen er tom eller har ingen ord. Skriv et spørsmål eller beskriv et kjøp, "
            "f.eks. «Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva».")
    as_of = parse_as_of(args.as_of)
    session = open_session(lexical=args.lexical, agreements=args.agreements)
    reply = session.respond(text, as_of=as_of)
    if args.json:
        print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        print(reply.markdown)
    return 0
