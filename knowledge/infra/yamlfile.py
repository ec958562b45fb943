"""Read one YAML data file, turning every read or parse failure into a DataFileError.

The loaders of knowledge/ (and of rules/, index/ and assistant/ data) share this,
so a malformed or unreadable file always reads `file:key: problem` in Norwegian.

YAML lets a key appear twice in one mapping and silently keeps the last one (a
second `2022-01-01:` under `values:` would override the first without a word).
The loaders here reject that: a duplicate key is reported with its full key path
and both line numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from knowledge.infra.errors import DataFileError
from knowledge.infra.oserrors import os_reason

T = TypeVar("T")


def yaml_problem(error: Exception) -> str:
    """A Norwegian description of a YAML parse error (where, never the parser's English)."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    where = f"linje {mark.line + 1}, kolonne {mark.column + 1}; " if mark is not None else ""
    return f"kan ikke leses som YAML ({where}sjekk kolon, innrykk, klammer og anførselstegn)"


class DuplicateKeyError(yaml.YAMLError):
    """A mapping holds the same key twice."""

    def __init__(self, key_path: str, first_line: int, second_line: int) -> None:
        self.key_path = key_path
        self.first_line = first_line
        self.second_line = second_line
        super().__init__(f"{key_path} twice (lines {first_line} and {second_line})")


class UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys in any mapping of the document."""

    def construct_document(self, node: yaml.Node) -> Any:
        _check_unique(node, "")
        return super().construct_document(node)


def _check_unique(node: yaml.Node, path: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            key_path = f"{path}.{key}" if path else key
            line = key_node.start_mark.line + 1
            if key in seen and key != "<<":
                raise DuplicateKeyError(key_path, seen[key], line)
            seen[key] = line
            _check_unique(value_node, key_path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check_unique(item, f"{path}[{index}]")


def read_yaml(path: Path | str, loader: type[yaml.SafeLoader] = UniqueKeyLoader) -> Any:
    """The parsed content of the YAML file at `path` (None for an empty file).

    `loader` should derive from UniqueKeyLoader (it does by default), so that a
    key written twice is an error `file:key.path: står to ganger ...`.
    """
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
    except DuplicateKeyError as error:
        raise DataFileError(
            file, error.key_path,
            f"nøkkelen står to ganger (linje {error.first_line} og {error.second_line}); "
            "YAML ville latt den siste overstyre den første uten varsel",
        ) from error
    except (yaml.YAMLError, ValueError) as error:
        raise DataFileError(file, "(fil)", yaml_problem(error)) from error


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
