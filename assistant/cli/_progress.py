"""A progress bar on stderr for index builds (silent when stderr is not a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from knowledge.infra.terminal import safe_text

WIDTH = 28


def progress_bar(stream: TextIO | None = None) -> Callable[[str, float], None]:
    """A progress(message, fraction) callback drawing one updating line on stderr."""
    out = stream or sys.stderr
    out = getattr(out, "raw", out)  # past SafeStream: the bar itself needs "\r"
    interactive = out.isatty()

    def progress(message: str, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        if interactive:
            filled = int(WIDTH * fraction)
            bar = "█" * filled + "░" * (WIDTH - filled)
            end = "\n" if fraction >= 1.0 else ""
            out.write(f"\r{bar} {fraction * 100:3.0f} %  {safe_text(message, 40):<40}{end}")
            out.flush()

    return progress
