"""Argument parsing shared by several subcommands (Norwegian messages, InputError)."""

from __future__ import annotations

from datetime import date

from knowledge.infra.errors import InputError


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"--as-of: ugyldig dato «{text}»: bruk ÅÅÅÅ-MM-DD, f.eks. 2026-03-01."
        ) from None
