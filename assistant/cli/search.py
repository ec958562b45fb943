"""`innkjop search`: search the strategy, the regulations and the user's documents.

Several queries in one call share one model load. `--json` prints a list with
one entry per query, each a list of hits (`Hit.to_dict()`).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from knowledge.infra.errors import InputError

SNIPPET_CHARS = 400


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        prog="innkjop search",
        help="søk i strategien, regelverket og egne dokumenter",
        description=(
            "Søk i anskaffelsesstrategien, regelverkspassasjene og dokumentene du har lagt til.\n"
            "Hvert treff viser dokument, avsnitt, side (for PDF) og poengsum.\n"
            "Første søk bygger søkeindeksen (noen sekunder)."
        ),
        epilog=(
            "Eksempler:\n"
            '  innkjop search "hvem betaler hvis miljøkravene gjør det dyrere?"\n'
            '  innkjop search -k 3 skatteattest "§ 7-2" KGV\n'
            '  innkjop search --json "rammeavtale avrop"\n'
            "  innkjop search --uten-modell konkurranse   (bare ordsøk, uten språkmodell)"
        ),
    )
    parser.add_argument("queries", nargs="+", metavar="SØK", help="ett eller flere søk")
    parser.add_argument(
        "-k", type=int, default=5, metavar="K", help="antall treff per søk (standard 5)"
    )
    parser.add_argument("--json", action="store_true", help="skriv treffene som JSON")
    parser.add_argument(
        "--uten-modell", "--lexical", dest="lexical", action="store_true",
        help="bare ordsøk (BM25), uten språkmodellen",
    )
    parser.set_defaults(func=run)


def _print_hits(query: str, hits: list, first: bool) -> None:
    if not first:
        print()
    print(f"Søk: «{query if len(query) <= 80 else query[:77] + '...'}»")
    if not hits:
        print("  Ingen treff.")
    for rank, hit in enumerate(hits, start=1):
        p = hit.passage
        where = p.citation + (f" (side {p.page})" if p.page and "s. " not in p.citation else "")
        print(f"{rank:>2}. {where}  [{p.document}]  poeng {hit.score:.3f}")
        body = " ".join(p.text.split())
        if len(body) > SNIPPET_CHARS:
            body = body[: SNIPPET_CHARS - 3] + "..."
        print(textwrap.indent(textwrap.fill(body, width=96), "    "))
        if p.url:
            print(f"    Kilde: {p.url}")


def run(args: argparse.Namespace) -> int:
    from index.search import prepare_query

    from ._assistant import open_best_searcher

    if args.k < 1 or args.k > 100:
        raise InputError(f"-k må være mellom 1 og 100, ikke {args.k}.")
    queries: list[str] = []
    for text in args.queries:
        query, notice = prepare_query(text)
        if notice:
            print(f"Merk: {notice}", file=sys.stderr)
        queries.append(query)
    searcher = open_best_searcher(lexical=args.lexical)
    results = searcher.search_many(queries, k=args.k)
    if args.json:
        payload = [[hit.to_dict() for hit in hits] for hits in results]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for number, (query, hits) in enumerate(zip(queries, results, strict=True)):
        _print_hits(query, hits, first=number == 0)
    return 0
