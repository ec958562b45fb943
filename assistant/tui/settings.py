"""Typed options of the terminal app, set by `tui.py`, `innkjop tui`, tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.ports import Assistant, Searcher
    from knowledge.infra.settings import Settings


@dataclass
class TuiOptions:
    as_of: date | None = None
    """Answer as of this date (thresholds in force then); None means today."""

    dense: bool = True
    """Load the embedding model in the background and switch to hybrid search when ready.
    False keeps the lexical search (tests, slow machines)."""

    searcher: Searcher | None = None
    """A ready `index.search.Searcher` to use instead of opening one (tests, benchmarks)."""

    session: Assistant | None = None
    """A ready assistant session (anything with `respond`, `attach_searcher`, `reset`), used
    instead of making an `assistant.session.Session` (tests, benchmarks)."""

    settings: Settings | None = None
    """Data folder and model settings; None reads them with `load_settings()`."""

    theme: str = "textual-dark"
    """Start theme: "textual-dark" or "textual-light"."""
