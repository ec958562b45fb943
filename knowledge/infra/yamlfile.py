"""Read one YAML data file, turning every read or parse failure into a DataFileError.

The loaders of knowledge/ (and of rules/, index/ and assistant/ data) share this,
so a malformed or unreadable file always reads `file:(fil): problem` in Norwegian.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from knowledge.infra.errors import DataFileError

T = TypeVar("T")


def read_yaml(path: Path | str, loader: type[yaml.SafeLoader] = yaml.SafeLoader) -> Any:
    """The parsed content of the YAML file at `path` (None for an empty file)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataFileError(file, "(fil)", "finnes ikke") from error
    except UnicodeDecodeError as error:
        raise DataFileError(file, "(fil)", f"er ikke UTF-8-tekst: {error}") from error
    except OSError as error:
        raise DataFileError(file, "(fil)", f"kan ikke leses: {error.strerror or error}") from error
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - loader is a SafeLoader subclass
    except (yaml.YAMLError, ValueError) as error:
        raise DataFileError(file, "(fil)", f"kan ikke leses som YAML: {error}") from error


_PARSED: dict[tuple[str, float, Callable[..., Any]], Any] = {}


def load_parsed(path: Path | str, parse: Callable[[Any, Path], T]) -> T:
    """`parse(content, path)` of a YAML file, cached until the file changes (its mtime)."""
    file = Path(path)
    try:
        mtime = file.stat().st_mtime
    except OSError as error:
        raise DataFileError(file, "(fil)", "finnes ikke") from error
    key = (str(file), mtime, parse)
    if key not in _PARSED:
        if len(_PARSED) > 64:
            _PARSED.clear()
        _PARSED[key] = parse(read_yaml(file), file)
    return _PARSED[key]
