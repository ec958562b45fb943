"""Read one YAML data file, turning every read or parse failure into a DataFileError.

The loaders of knowledge/ (and of rules/, index/ and assistant/ data) share this,
so a malformed or unreadable file always reads `file:(fil): problem` in Norwegian.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from knowledge.infra.errors import DataFileError
from knowledge.infra.oserrors import os_reason


def yaml_problem(error: Exception) -> str:
    """A Norwegian description of a YAML parse error (where, never the parser's English)."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    where = f"linje {mark.line + 1}, kolonne {mark.column + 1}; " if mark is not None else ""
    return f"kan ikke leses som YAML ({where}sjekk kolon, innrykk, klammer og anførselstegn)"


def read_yaml(path: Path | str, loader: type[yaml.SafeLoader] = yaml.SafeLoader) -> Any:
    """The parsed content of the YAML file at `path` (None for an empty file)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataFileError(file, "(fil)", "finnes ikke") from error
    except UnicodeDecodeError as error:
        raise DataFileError(file, "(fil)", f"er ikke UTF-8-tekst (byte {error.start})") from error
    except OSError as error:
        raise DataFileError(file, "(fil)", f"kan ikke leses: {os_reason(error)}") from error
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - loader is a SafeLoader subclass
    except (yaml.YAMLError, ValueError) as error:
        raise DataFileError(file, "(fil)", yaml_problem(error)) from error
