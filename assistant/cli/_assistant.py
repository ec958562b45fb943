"""Shared by `innkjop ask`, `innkjop chat` and `innkjop search`: open the searcher
(hybrid by default, lexical with a notice when the model cannot be loaded) and the
session."""

from __future__ import annotations

import sys
from pathlib import Path

from knowledge.infra.errors import ModelError

from ._args import parse_as_of as parse_as_of  # re-exported for ask and chat

LEXICAL_NOTICE = "Merk: språkmodellen kunne ikke lastes ({error}); bruker bare ordsøk."


def open_best_searcher(*, lexical: bool):
    """The hybrid searcher, or the lexical one with a notice when the model cannot be loaded."""
    from index.search import open_searcher

    from ._notice import print_notice
    from ._progress import progress_bar

    try:
        return open_searcher(dense=not lexical, progress=progress_bar(), notice=print_notice)
    except ModelError as error:
        print(LEXICAL_NOTICE.format(error=error), file=sys.stderr)
        return open_searcher(dense=False, progress=progress_bar(), notice=print_notice)


def open_session(*, lexical: bool, agreements: str | None = None):
    """A Session with the best searcher available."""
    from assistant.session import Session

    searcher = open_best_searcher(lexical=lexical)
    path = Path(agreements).expanduser() if agreements else None
    return Session(searcher, agreements_path=path)
