"""The `--as-of` flag shared by check, ask, chat and tui (Norwegian messages, InputError)."""

from __future__ import annotations

from datetime import date

from knowledge.infra.inputs import optional, parse_date


def parse_as_of(text: str | None) -> date | None:
    """The date of `--as-of` (ÅÅÅÅ-MM-DD or DD.MM.ÅÅÅÅ); None when not given (today)."""
    return optional(parse_date, text, "--as-of")
