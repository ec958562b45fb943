"""Terminal-safe text: the one function every output edge (CLI, TUI) applies.

Text shown in a terminal comes from documents, queries, file names, settings
and error messages. Any of them may hold escape sequences (`ESC ]0;title BEL`
renames the window, `ESC [31m` turns text red) or other control characters.
`safe_text` removes whole escape sequences and every remaining control
character except newline and tab, and can cut the text to a bound, so that a
100 000-character input is never repeated back in full.
"""

from __future__ import annotations

import re

_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?      # OSC: ESC ] ... BEL or ST
    | \x1b[P^_X][^\x1b]*(?:\x1b\\)?         # DCS, PM, APC, SOS ... ST
    | \x1b\[[0-?]*[ -/]*[@-~]?               # CSI: ESC [ params final
    | \x9b[0-?]*[ -/]*[@-~]?                 # 8-bit CSI
    | \x9d[^\x07\x9c]*[\x07\x9c]?            # 8-bit OSC
    | \x1b[ -/]*[0-~]?                       # other two-character escapes
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]"
)
"""C0 (except tab, newline), DEL, C1 and the bidirectional overrides (text spoofing)."""
ELLIPSIS = "…"


def safe_text(text: object, limit: int | None = None) -> str:
    """`text` without escape sequences and control characters (newline and tab kept).

    A carriage return becomes a newline ("\\r\\n" one newline). With `limit`,
    a longer result is cut to `limit` characters ending in "…".
    """
    value = str(text)
    if limit is not None and len(value) > 4 * limit + 64:
        value = value[: 4 * limit + 64]  # bound the work on huge inputs
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = _CONTROL.sub("", value)
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)].rstrip() + ELLIPSIS
    return value


def has_control(text: str) -> bool:
    """Whether `text` holds a character `safe_text` would remove (tests, checks)."""
    return bool(_CONTROL.search(text.replace("\n", "").replace("\t", "")))


def quote(value: object, limit: int = 80) -> str:
    """A user's value for inside a message: terminal-safe, one line, at most `limit` characters."""
    return safe_text(" ".join(str(value)[: 4 * limit + 64].split()), limit)
