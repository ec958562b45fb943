"""The on-disk build folders of the search index: the CURRENT pointer, the sha256
of every build file, the build lock that makes a second process wait for a running
build, and the removal of old builds."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from index.sources import file_digest
from knowledge.infra.errors import SearchIndexError
from knowledge.infra.oserrors import os_reason

STALE_TMP_SECONDS = 3600
"""A temporary build folder younger than this may belong to a running build."""
LOCK_NAME = "build.lock"
LOCK_WAIT_SECONDS = 1800
"""How long a process waits for another's build before giving up with a message."""
_BUILD_ID = re.compile(r"[0-9]{8}T[0-9]{6}-[0-9a-f]{8}")

Notice = Callable[[str], None]


def no_notice(message: str) -> None:
    """Notices go nowhere unless asked for."""


def current_folder(index_dir: Path) -> Path | None:
    """The active build folder, or None (no CURRENT, or one that is unreadable or invalid)."""
    pointer = index_dir / "CURRENT"
    try:
        name = pointer.read_bytes()[:200].decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not _BUILD_ID.fullmatch(name):
        return None
    folder = index_dir / "builds" / name
    return folder if folder.is_dir() else None


def has_pointer(index_dir: Path) -> bool:
    return os.path.lexists(index_dir / "CURRENT")


def check_files(folder: Path, manifest: dict) -> None:
    """SearchIndexError naming the first file whose sha256 differs from the manifest."""
    files = manifest.get("files")
    if not isinstance(files, dict) or "passages.json" not in files:
        raise SearchIndexError(f"Søkeindeksen i {folder} mangler sjekksummer.")
    for name, expected in files.items():
        path = folder / name
        try:
            actual = file_digest(path) if path.is_file() else ""
        except OSError:
            actual = ""
        if actual != expected:
            raise SearchIndexError(
                f"Søkeindeksen er skadet: {name} stemmer ikke med sjekksummen i manifestet."
            )


@contextlib.contextmanager
def build_lock(index_dir: Path, notice: Notice | None = None) -> Iterator[None]:
    """Hold the exclusive build lock of `index_dir`; wait (with a notice) if another holds it."""
    notice = notice or no_notice
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / LOCK_NAME, "a+b")  # noqa: SIM115 - held for the block
    except OSError as error:
        raise SearchIndexError(
            f"Søkeindeksen kan ikke låses i {index_dir}: {os_reason(error)}."
        ) from error
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            notice("Venter på at en annen prosess blir ferdig med å bygge søkeindeksen …")
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise SearchIndexError(
                            "En annen prosess har bygget søkeindeksen i over "
                            f"{LOCK_WAIT_SECONDS // 60} minutter. Prøv igjen senere."
                        ) from None
                    time.sleep(0.1)
        yield
    finally:
        handle.close()  # releases the lock


def remove_old_builds(builds: Path, keep: str) -> None:
    now = time.time()
    for folder in builds.iterdir():
        if folder.name == keep:
            continue
        if folder.name.startswith(".tmp-"):
            try:
                if now - folder.stat().st_mtime < STALE_TMP_SECONDS:
                    continue  # maybe another build in progress
            except FileNotFoundError:
                continue
        shutil.rmtree(folder, ignore_errors=True)
