"""What the assistant needs of the search side, as typed protocols.

`index.search.Searcher` satisfies `Searcher`; tests and benchmarks may pass any
object with these members. The assistant calls nothing else on a searcher.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal, Protocol

from index.dense import Encoder
from index.model import Hit, Passage

if TYPE_CHECKING:
    from assistant.model import Reply

SearchMode = Literal["hybrid", "lexical"]

__all__ = ["Assistant", "Encoder", "SearchMode", "Searcher"]


class Searcher(Protocol):
    """Finds passages for queries: lexical, or hybrid once the model is loaded."""

    @property
    def mode(self) -> SearchMode: ...

    @property
    def encoder(self) -> Encoder | None: ...

    @property
    def passages(self) -> list[Passage]: ...

    def search(self, query: str, k: int = 5) -> list[Hit]: ...

    def search_many(self, queries: Sequence[str], k: int = 5) -> list[list[Hit]]: ...


class Assistant(Protocol):
    """What the app and the chat need of a conversation (`assistant.session.Session`;
    tests pass their own)."""

    def respond(self, text: str, as_of: date | None = None) -> Reply: ...

    def attach_searcher(self, searcher: Searcher | None) -> None: ...

    def reset(self) -> None: ...
