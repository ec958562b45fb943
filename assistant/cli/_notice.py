"""Notices from the index (another build running, damage rebuilt) on stderr, in one format."""

from __future__ import annotations

import sys


def print_notice(message: str) -> None:
    print(f"Merk: {message}", file=sys.stderr, flush=True)

