"""Shared test setup: never touch the user's data folder.

Every test gets its own INNKJOP_HOME (`isolated_data_dir`). Around that, the whole
session runs with INNKJOP_HOME pointing at a temporary folder (set before any test
module is imported), so collection-time code, module and session fixtures and
threads outliving a test cannot fall back to the user's folder either. A guard
snapshots the user's default data folder and any INNKJOP_HOME given from outside
before the session and fails the run if either changed by the end.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("INNKJOP_SHARED", REPO_ROOT.parent / "shared"))
SHARED_EVAL_DIR = SHARED_DIR / "eval"

THREAD_GRACE_SECONDS = 15.0
Tree = dict[str, tuple[bool, int, int]]
"""A folder's contents: relative path -> (is a folder, size, modification time in ns)."""


def user_data_folders() -> list[Path]:
    """The folders a test must never write to: the default data folder and INNKJOP_HOME
    as given from outside (read before the session changes it)."""
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    folders = [Path(xdg) / "innkjop"]
    if given := os.environ.get("INNKJOP_HOME"):
        folders.append(Path(given).expanduser())
    return list(dict.fromkeys(folder.resolve() for folder in folders))


def folder_tree(folder: Path) -> Tree | None:
    """Everything under `folder`, or None when it does not exist."""
    if not folder.exists():
        return None
    tree: Tree = {".": (True, 0, folder.stat().st_mtime_ns)}
    for path in folder.rglob("*"):
        stat = path.lstat()
        tree[str(path.relative_to(folder))] = (path.is_dir(), stat.st_size, stat.st_mtime_ns)
    return tree


def tree_changes(before: Tree | None, after: Tree | None) -> list[str]:
    """What differs between two snapshots of a folder, one line each (at most 20)."""
    if before == after:
        return []
    if before is None:
        return ["mappen ble opprettet", *(f"+ {p}" for p in sorted(after or {}) if p != ".")][:20]
    if after is None:
        return ["mappen ble slettet"]
    lines = [f"+ {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"- {p}" for p in sorted(before.keys() - after.keys())]
    lines += [f"~ {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    return lines[:20]


_GUARD = pytest.StashKey[dict[Path, "Tree | None"]]()
_SESSION_HOME = pytest.StashKey[Path]()
_OUTER_HOME = pytest.StashKey["str | None"]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_GUARD] = {folder: folder_tree(folder) for folder in user_data_folders()}
    session_home = Path(tempfile.mkdtemp(prefix="innkjop-test-session-home-"))
    config.stash[_SESSION_HOME] = session_home
    config.stash[_OUTER_HOME] = os.environ.get("INNKJOP_HOME")
    os.environ["INNKJOP_HOME"] = str(session_home)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if a user data folder changed (after letting worker threads finish:
    a model or index worker outliving its test would write late)."""
    deadline = time.monotonic() + THREAD_GRACE_SECONDS
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
    problems = []
    for folder, before in session.config.stash.get(_GUARD, {}).items():
        changes = tree_changes(before, folder_tree(folder))
        if changes:
            problems.append(f"Testene skrev i {folder}:\n  " + "\n  ".join(changes))
    if problems:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "\n".join(problems)
        if reporter is not None:
            reporter.write_sep("=", "skrevet utenfor testenes midlertidige mapper", red=True)
            reporter.write_line(message)
        else:
            print(message)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    session_home = config.stash.get(_SESSION_HOME, None)
    if session_home is not None:
        shutil.rmtree(session_home, ignore_errors=True)
    outer = config.stash.get(_OUTER_HOME, None)
    if outer is None:
        os.environ.pop("INNKJOP_HOME", None)
    else:
        os.environ["INNKJOP_HOME"] = outer


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point INNKJOP_HOME at a fresh temporary folder for every test.

    With a MonkeyPatch of its own: a test calling `monkeypatch.undo()` on the shared
    fixture once undid this too, and the rest of it built an index in the user's folder.
    """
    home = tmp_path_factory.mktemp("innkjop_home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INNKJOP_HOME", str(home))
        patch.delenv("INNKJOP_MODEL", raising=False)
        patch.delenv("INNKJOP_AGREEMENTS", raising=False)
        yield home


def shared_eval_file(name: str) -> Path:
    """A file of the shared evaluation sets (../shared/eval, or $INNKJOP_SHARED/eval).

    Skips the calling test with a clear reason on a clone that has no shared/ folder
    beside it; CI always has it.
    """
    path = SHARED_EVAL_DIR / name
    if not path.is_file():
        pytest.skip(f"{path} finnes ikke: sett INNKJOP_SHARED til mappen shared/")
    return path


def shared_eval_cases(name: str) -> list[Any]:
    """The cases (JSON objects, one a line) of a shared evaluation file as pytest params,
    each with its `id`, for parametrising at collection time.

    Without the file there is one param that skips with the reason, so the summary shows
    the missing set instead of a parametrised test quietly collecting nothing. A file
    without cases is an error.
    """
    path = SHARED_EVAL_DIR / name
    if not path.is_file():
        reason = f"{path} finnes ikke: sett INNKJOP_SHARED til mappen shared/"
        return [pytest.param(None, id=f"{name}-mangler", marks=pytest.mark.skip(reason=reason))]
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    if not cases:
        raise ValueError(f"{path}: ingen tilfeller")
    return [pytest.param(case, id=str(case["id"])) for case in cases]
