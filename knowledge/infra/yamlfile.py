"""Read one YAML data file, turning every read or parse failure into a DataFileError.

The loaders of knowledge/ (and of rules/, index/ and assistant/ data) share this,
so a malformed or unreadable file always reads `file:(fil): problem` in Norwegian.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from knowledge.infra.errors import DataFileError


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
