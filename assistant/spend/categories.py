"""Category of a line from its CPV code (EHF) or its KOSTRA art (accounting export).

The tables are data (knowledge/spend/categories.yaml); this module only reads them.
`art_table()` gives the art -> category rows that store.py joins in SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any


def _cpv_prefix(code: str) -> str:
    """The CPV tree prefix of a code: its digits without the level's trailing zeros."""
    digits = re.sub(r"\D", "", code.split("-")[0])[:8]
    stripped = digits.rstrip("0")
    return stripped if len(stripped) >= 2 else digits[:2]


@dataclass(frozen=True)
class Categoriser:
    data: dict[str, Any]

    @cached_property
    def _divisions(self) -> dict[int, str]:
        result: dict[int, str] = {}
        for category, items in self.data["cpv"]["divisions"].items():
            for item in items:
                low, _, high = str(item).partition("-")
                for division in range(int(low), int(high or low) + 1):
                    result[division] = category
        return result

    @cached_property
    def _health_prefixes(self) -> tuple[str, ...]:
        codes = self.data["cpv"].get("health_social_codes", {}).get("codes", [])
        return tuple(_cpv_prefix(str(code)) for code in codes)

    def from_cpv(self, code: str) -> str | None:
        """The category of a CPV code, or None when the code is not a CPV code."""
        digits = re.sub(r"\D", "", code.split("-")[0])
        if len(digits) < 2:
            return None
        if digits.startswith(self._health_prefixes):
            return "helse_sosial"
        return self._divisions.get(int(digits[:2]), self.data["cpv"]["default"])

    def art(self, account: str) -> str | None:
        """The KOSTRA art (3 digits) of an account number, or None."""
        for pattern in self.data["kostra_art"].get("account_patterns", []):
            match = re.match(pattern, account.strip())
            if match:
                return match.group(1)
        return None

    def art_table(self) -> list[tuple[str, str, str]]:
        """(art, category, category in health functions) for every art 000-999."""
        return self._art_rows

    @cached_property
    def _art_rows(self) -> list[tuple[str, str, str]]:
        spec = self.data["kostra_art"]
        rows = []
        for number in range(1000):
            category = health = spec["default"]
            for entry in spec.get("ranges", []):
                if entry["from"] <= number <= entry["to"]:
                    category = entry["category"]
                    health = entry.get("health_category", category)
                    break
            rows.append((f"{number:03d}", category, health))
        return rows

    @property
    def health_functions(self) -> tuple[str, ...]:
        return tuple(str(f) for f in self.data["kostra_art"].get("health_functions", []))

    def from_art(self, art: str | None, function: str | None = None) -> str:
        spec = self.data["kostra_art"]
        if art is None or not art.isdigit():
            return spec["default"]
        _, category, health = self._art_rows[int(art) % 1000]
        return health if function and function[:3] in self.health_functions else category
