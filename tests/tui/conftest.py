"""Fixtures of the TUI tests: apps built with the shared factory, helpers to read notifications."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from tui_records import ScriptedSession  # noqa: E402


@pytest.fixture
def scripted_session() -> ScriptedSession:
    return ScriptedSession()
