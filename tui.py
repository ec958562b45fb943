"""Start the innkjop terminal app: `python tui.py [--as-of YYYY-MM-DD] [--uten-modell] [--lyst]`."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app (the same as `innkjop tui`); returns the exit code."""
    from assistant.cli import main as cli_main

    return cli_main(["tui", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
