"""The `innkjop` command line: a thin layer over the library.

Each subcommand lives in its own module in this package and exposes
`register(subparsers)`, which adds its parser and sets `func` (a callable taking
the parsed args and returning an exit code). Modules are discovered here, so a
new subcommand is a new file. Subcommand modules import heavy libraries
(torch, sentence-transformers, faiss, textual) lazily inside `func`, so that
`innkjop check` starts fast.

Errors: library errors (knowledge.infra.errors.InnkjopError) become a Norwegian
message on stderr and their exit code (2 for bad input); usage errors exit 2;
an operating-system error (full disk, no permission) a Norwegian message and 2.

Output: everything written to stdout and stderr while a command runs passes
through `knowledge.infra.terminal.safe_text` (`SafeStream`), so no escape
sequence from a document, query or file name reaches the terminal; messages are
cut at `MESSAGE_LIMIT` characters. Library warnings (pypdf's logging and
`warnings`) are silenced: the index reports unreadable pages in Norwegian.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import re
import sys
import warnings
from collections.abc import Sequence
from typing import TextIO

from knowledge.infra.errors import InnkjopError
from knowledge.infra.oserrors import os_reason
from knowledge.infra.terminal import quote, safe_text

from ._aliases import add_norwegian_names

MESSAGE_LIMIT = 1500

_ARGPARSE_MESSAGES: list[tuple[str, str]] = [
    (r"the following arguments are required: (.*)", r"disse argumentene mangler: \1"),
    (r"unrecognized arguments: (.*)", r"ukjente argumenter: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
     r"argument \1: ugyldig valg \2 (gyldige valg: \3)"),
    (r"argument (\S+): expected one argument", r"argument \1: mangler en verdi"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"argument \1: ugyldig verdi \3"),
    (r"argument (\S+): ignored explicit argument (.*)", r"argument \1: uventet verdi \2"),
    (r"argument (\S+): not allowed with argument (\S+)",
     r"argument \1: kan ikke brukes sammen med \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"tvetydig valg: \1 kan bety \2"),
]


def norwegian_usage_message(message: str) -> str:
    """Translate argparse's English usage errors to Norwegian."""
    message = quote(message, 300)
    for pattern, replacement in _ARGPARSE_MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class SafeStream:
    """A text stream that writes `safe_text` of everything to `raw`."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(safe_text(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


def _silence_library_warnings() -> None:
    """pypdf and friends log English warnings on stderr; the index reports in Norwegian."""
    warnings.filterwarnings("ignore")
    for name in ("pypdf", "PyPDF2", "faiss", "sentence_transformers", "transformers"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


class NorwegianHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        return super().add_usage(usage, actions, groups, "Bruk: " if prefix is None else prefix)


class NorwegianArgumentParser(argparse.ArgumentParser):
    """ArgumentParser with Norwegian errors: message on stderr, exit code 2."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", NorwegianHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "valg"
        self.add_argument("-h", "--help", action="help", help="vis denne hjelpen og avslutt")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"Feil: {norwegian_usage_message(message)}\n")


def build_parser() -> NorwegianArgumentParser:
    parser = NorwegianArgumentParser(
        prog="innkjop",
        description=(
            "innkjop: assistent for offentlige anskaffelser i Værnesregionen.\n"
            "Svarer på hva et kjøp krever (prosedyre, hvem som gjennomfører, dokumentasjon)\n"
            "med kilder, og søker i strategien og regelverket."
        ),
        epilog=(
            "Eksempler:\n"
            "  innkjop check --verdi 180000 --mva eks --kategori tjenester --kommune Selbu\n"
            '  innkjop search "hvem betaler hvis miljøkravene gjør det dyrere?"\n'
            '  innkjop ask "Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva"'
        ),
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="KOMMANDO", parser_class=NorwegianArgumentParser
    )
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        if hasattr(module, "register"):
            module.register(subparsers)
    add_norwegian_names(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _silence_library_warnings()
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except InnkjopError as error:
        print(f"Feil: {safe_text(error, MESSAGE_LIMIT)}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Avbrutt.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        where = f" ({quote(error.filename, 200)})" if error.filename else ""
        print(f"Feil: {os_reason(error)}{where}.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
