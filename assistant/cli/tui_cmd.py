"""`innkjop tui`: start the terminal app (also `python tui.py`)."""

from __future__ import annotations

import argparse
import os
import sys
import threading

from ._args import parse_as_of


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "tui",
        help="start terminalappen (chat, vurdering, kilder, trenermodus)",
        description=(
            "Start terminalappen: beskriv et kjøp eller still et spørsmål i chatten;\n"
            "vurderingen, kildene og regelkjeden vises ved siden av. F1 viser hjelp."
        ),
        epilog=(
            "Eksempler:\n"
            "  innkjop tui\n"
            "  innkjop tui --dato 2026-07-01\n"
            "  innkjop tui --uten-modell   (bare ordsøk, ingen språkmodell)"
        ),
    )
    parser.add_argument("--dato", "--as-of", dest="as_of", metavar="DATO",
                        help="vurder per denne datoen (standard: i dag)")
    parser.add_argument(
        "--uten-modell", "--lexical", dest="uten_modell",
        action="store_true",
        help="ikke last språkmodellen; bruk bare ordsøk (raskere på trege maskiner)",
    )
    parser.add_argument("--lyst", "--light", dest="lyst", action="store_true",
                        help="start med lyst tema")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    as_of = parse_as_of(args.as_of)
    import asyncio

    from assistant.tui.app import create_app

    app = create_app(
        as_of=as_of,
        dense=not args.uten_modell,
        theme="textual-light" if args.lyst else "textual-dark",
    )
    # Our own loop: asyncio.run() would wait at exit for a worker thread still loading
    # the model; quitting must be immediate.
    loop = asyncio.new_event_loop()
    app.run(loop=loop)
    code = int(app.return_code or 0)
    if background_work_running():
        # The model may still be loading in a worker thread; Python would wait for it
        # at exit. The index is written atomically, so leaving now loses nothing.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def background_work_running() -> bool:
    """True while a non-daemon worker thread (model or index loading) is still alive."""
    main = threading.main_thread()
    return any(t.is_alive() and not t.daemon and t is not main for t in threading.enumerate())
