"""The error hierarchy of innkjop, in one module.

Every error carries a Norwegian message meant for the user. The edges (the CLI
and the TUI) turn them into a clean message and an exit code or a notification;
nothing below the edges prints.
"""


class InnkjopError(Exception):
    """Base of all expected errors. `str(error)` is the Norwegian user message."""

    exit_code: int = 2


class InputError(InnkjopError):
    """The user gave a value we cannot use (negative amount, unknown category, bad date)."""


class FieldInputError(InputError):
    """One field's text cannot be read (`knowledge.infra.inputs`); the message starts with
    the field's name (`--value: ...`, `Varighet: ...`), kept in `field`."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class DataFileError(InnkjopError):
    """A knowledge file (YAML, Markdown, register) is malformed.

    The message has the form `file:key: problem`.
    """

    def __init__(self, path: object, key: str, problem: str) -> None:
        self.path = str(path)
        self.key = key
        self.problem = problem
        super().__init__(f"{self.path}:{key}: {problem}")


class SourceDocumentError(InnkjopError):
    """A document for the search index cannot be read (corrupt, encrypted, wrong type)."""


class SearchIndexError(InnkjopError):
    """The persistent search index is missing, stale or cannot be written."""


class ModelError(InnkjopError):
    """The embedding model cannot be loaded (bad path, missing files)."""


class RuleEngineError(InnkjopError):
    """The rule engine stored or raised an error while deciding. A bug, not user input."""

    exit_code = 1
