"""Terminal safety of the app: text from documents, queries, file names and settings
is shown as text, never as Textual markup and never with control characters.

- `shown(text)`: a `rich.text.Text` of `safe_text(text)` (no markup is parsed);
  use it wherever a string from outside the code is put into a widget.
- `ControlFilter`: a line filter on everything the app draws, as the last guard:
  any control character that still reaches a rendered line is dropped (they
  have no cell width, so the layout does not move; visible characters stay).
- `keep_numbers_together(text)`: "320 000 kr" with no-break spaces, and
  `NoBreakNumbers`, a renderable that wraps only at ordinary spaces, so that an
  amount never breaks at its thousands space on a narrow screen.
"""

from __future__ import annotations

import re
import textwrap

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual.color import Color
from textual.filter import LineFilter

from knowledge.infra.terminal import safe_text

NOTIFY_LIMIT = 600
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_GROUP_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_AMOUNT_UNIT = re.compile(r"(?<=\d) (?=(?:kr|%|mill|mnd|måneder|år)\b)")


def shown(text: object, limit: int | None = None) -> Text:
    """Outside text for a widget: control characters removed, markup shown literally."""
    return Text(safe_text(text, limit))


class ControlFilter(LineFilter):
    """Drop control characters from every rendered segment (the app's last guard)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_CONTROL_CHARS.search(segment.text) for segment in segments):
            return segments
        return [
            Segment(_CONTROL_CHARS.sub("", s.text), s.style, s.control) if not s.control else s
            for s in segments
        ]


def keep_numbers_together(text: str) -> str:
    """No-break spaces inside amounts ("320 000") and before their unit ("000 kr")."""
    return _AMOUNT_UNIT.sub("\u00a0", _GROUP_SPACE.sub("\u00a0", text))


class NoBreakNumbers:
    """A Text wrapped at ordinary spaces only (no-break spaces hold amounts together)."""

    def __init__(self, text: Text) -> None:
        self.text = text.copy()
        self.text.plain = keep_numbers_together(self.text.plain)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 8)
        for line in self.text.split("\n", allow_blank=True):
            yield from _wrap(line, width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(longest, 8), longest)


def _wrap(line: Text, width: int) -> list[Text]:
    plain = line.plain
    if len(plain) <= width:
        return [line]
    wrapped = textwrap.wrap(plain, width, break_on_hyphens=False, drop_whitespace=True)
    pieces: list[Text] = []
    position = 0
    for part in wrapped:
        start = plain.find(part, position)
        if start < 0:
            return [line]
        pieces.append(line[start:start + len(part)])
        position = start + len(part)
    return pieces
