"""Norwegian option names for every subcommand, the English ones kept as aliases.

Subcommands that still declare an English option (`innkjop check --value`) get
the Norwegian name here, first in the help and usage; the English one keeps
working. A subcommand that declares the Norwegian name itself is left alone.
"""

from __future__ import annotations

import argparse

NORWEGIAN = {
    "--value": "--verdi",
    "--vat": "--mva",
    "--quantity": "--antall",
    "--unit": "--enhet",
    "--period": "--periode",
    "--duration-months": "--varighet-mnd",
    "--open-ended": "--uten-sluttdato",
    "--category": "--kategori",
    "--municipality": "--kommune",
    "--framework-agreement": "--ny-rammeavtale",
    "--related": "--tidligere-kjop",
    "--as-of": "--dato",
    "--lexical": "--uten-modell",
    "--plain": "--ren-tekst",
    "--agreements": "--avtaler",
    "--no-trace": "--uten-regelspor",
    "--verbose": "--detaljert",
    "--light": "--lyst",
}
"""English -> Norwegian."""
BOOLEAN_PAIRS = {"--framework": ("--avtale", "--ingen-avtale")}
"""A yes/no pair (argparse reads "--no-" of a BooleanOptionalAction): two Norwegian options."""


def add_norwegian_names(parser: argparse.ArgumentParser) -> None:
    """Give every English option of `parser` and its subparsers its Norwegian name."""
    for action in list(parser._actions):
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                add_norwegian_names(sub)
            continue
        for english, (yes, no) in BOOLEAN_PAIRS.items():
            if english in action.option_strings and yes not in parser._option_string_actions:
                for name, value, same in ((yes, True, english), (no, False, f"--no-{english[2:]}")):
                    parser.add_argument(name, dest=action.dest, action="store_const",
                                        const=value, help=f"som {same}")
        for english, norwegian in NORWEGIAN.items():
            if english in action.option_strings and norwegian not in parser._option_string_actions:
                action.option_strings.insert(0, norwegian)
                parser._option_string_actions[norwegian] = action
