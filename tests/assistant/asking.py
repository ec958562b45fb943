"""Helpers for tests that talk to a fresh Session, as a user in `innkjop chat` does."""

from __future__ import annotations

from datetime import date

from assistant.model import Reply
from assistant.session import Session

DAY = date(2026, 3, 1)


def ask(*texts: str, day: date = DAY) -> Reply:
    """The reply to the last of `texts`, typed one after the other in one session."""
    session = Session()
    reply = None
    for text in texts:
        reply = session.respond(text, as_of=day)
    assert reply is not None
    return reply


def value_of(reply: Reply) -> float:
    """The decided value excl. VAT (fails, showing the reply, when nothing was decided)."""
    assert reply.decision is not None, reply.markdown
    return reply.decision.purchase.value_excl_vat
