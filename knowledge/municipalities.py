"""The six municipalities of Værnesregionen Innkjøp, loaded from municipalities.yaml.

`MUNICIPALITIES` holds the canonical names; `resolve_municipality(text)` maps a
name, spelling or inflection (data in the YAML) to its canonical name or raises
an InputError listing the valid names.
"""

from __future__ import annotations

from pathlib import Path

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError, InputError
from knowledge.infra.yamlfile import read_yaml

MUNICIPALITIES_FILE = KNOWLEDGE_DIR / "municipalities.yaml"


def load_municipalities(path: Path = MUNICIPALITIES_FILE) -> dict[str, str]:
    """Map every lower-cased name and alias to its canonical municipality name."""
    data = read_yaml(path)
    entries = data.get("municipalities") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DataFileError(path, "municipalities", "mangler eller er tom")
    names: dict[str, str] = {}
    for index, entry in enumerate(entries):
        key = f"municipalities[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise DataFileError(path, f"{key}.name", "mangler navn")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise DataFileError(path, f"{key}.aliases", "må være en liste med tekster")
        for alias in [entry["name"], *aliases]:
            names[alias.strip().lower()] = entry["name"]
    return names


_NAMES = load_municipalities()
MUNICIPALITIES: tuple[str, ...] = tuple(dict.fromkeys(_NAMES.values()))


def resolve_municipality(text: str) -> str:
    """The canonical name for `text`, or an InputError listing the six valid names."""
    name = _NAMES.get(" ".join(text.split()).lower())
    if name is None:
        raise InputError(
            f"ukjent kommune «{text}». Gyldige kommuner: {', '.join(MUNICIPALITIES)}."
        )
    return name
