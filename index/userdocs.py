"""The user's own documents in `Settings.user_documents_dir`: add, list, remove.

Adding is safe on a full disk or a crash: a file is copied to a hidden temporary
name in the same folder, flushed to disk (fsync) and only then renamed into
place, so a half-written copy is never indexed. A file whose content is already
there is not copied again; a file added again from the same place with new
content replaces its earlier copy (the origins are kept in the hidden
`.kilder.json`); a different file with a taken name gets name-2, name-3 ...
Refused with a Norwegian reason: hidden files (a name starting with "."),
files that are not regular files, and symbolic links that point outside the
user's folders (home, the current folder or the folder being added), e.g. to
the system's password file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from index.ingest import SUPPORTED_SUFFIXES, check_regular_file, load_document
from index.sources import file_digest
from knowledge.infra.errors import InnkjopError, InputError, SourceDocumentError
from knowledge.infra.oserrors import os_reason
from knowledge.infra.terminal import quote

TEMP_PREFIX = ".innkjop-kopi-"
ORIGINS = ".kilder.json"


@dataclass
class Added:
    source: Path
    target: Path
    passages: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class AddResult:
    added: list[Added] = field(default_factory=list)
    updated: list[Added] = field(default_factory=list)
    """Added again from the same place with new content: the earlier copy is replaced."""
    unchanged: list[tuple[Path, Path]] = field(default_factory=list)
    """(source, the file already in the folder with the same content)."""
    skipped: list[str] = field(default_factory=list)
    """Norwegian reasons, one per file not added."""


def list_documents(folder: Path) -> list[Path]:
    """The user's documents (no hidden or temporary files), sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _allowed_roots(extra: Iterable[Path]) -> list[Path]:
    roots = [Path.home(), Path.cwd(), *extra]
    return [root.resolve() for root in roots]


def check_candidate(path: Path, roots: list[Path]) -> None:
    """SourceDocumentError if `path` must not be added (hidden, a link out of bounds, no file)."""
    if path.name.startswith("."):
        raise SourceDocumentError(
            f"{quote(path.name)} er en skjult fil (navnet begynner med punktum) og blir "
            "ikke lagt til. Gi filen et navn uten punktum først."
        )
    try:
        real = path.resolve(strict=False)
        linked = real != path.absolute()
    except (OSError, RuntimeError) as error:
        raise SourceDocumentError(f"{quote(path, 200)} kan ikke følges (lenke i ring?).") from error
    if linked and not any(real.is_relative_to(root) for root in roots):
        raise SourceDocumentError(
            f"{quote(path, 200)} er en lenke til {quote(real, 200)}, utenfor dine mapper; "
            "den blir ikke lagt til. Kopier filen selv hvis du vil bruke den."
        )
    check_regular_file(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise SourceDocumentError(
            f"Filtypen «{quote(path.suffix or path.name, 40)}» støttes ikke ({quote(path.name)}). "
            f"Bruk {', '.join(SUPPORTED_SUFFIXES)}."
        )


def expand(paths: Iterable[Path]) -> Iterator[tuple[Path, Path | None, bool]]:
    """(file, the folder it was found in or None, named explicitly) for files and folders.

    Folders are walked recursively; hidden files and folders inside them are passed over."""
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            for base, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(base) / name, path, False
        else:
            yield path, None, True


def _origins(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / ORIGINS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _save_origins(folder: Path, origins: dict[str, str]) -> None:
    present = {p.name for p in list_documents(folder)}
    kept = {name: origin for name, origin in origins.items() if name in present}
    if kept == _origins(folder):
        return
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{ORIGINS}"
    try:
        temp.write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temp, folder / ORIGINS)
    except OSError:
        temp.unlink(missing_ok=True)  # only a convenience: copies are complete without it


def _target_name(folder: Path, source: Path) -> Path:
    """`folder/name`, or name-2, name-3 ... when a different file has the name."""
    target = folder / source.name
    number = 2
    while os.path.lexists(target):
        target = folder / f"{source.stem}-{number}{source.suffix}"
        number += 1
    return target


def copy_atomically(source: Path, target: Path) -> None:
    """Copy via a temporary file, fsync and rename: `target` is whole or absent."""
    temp = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target.name}")
    try:
        with source.open("rb") as reader, temp.open("wb") as writer:
            for block in iter(lambda: reader.read(1 << 20), b""):
                writer.write(block)
            writer.flush()
            os.fsync(writer.fileno())
        os.replace(temp, target)
    except OSError as error:
        raise SourceDocumentError(
            f"Kan ikke kopiere {quote(source.name)} til {target.parent}: {os_reason(error)}. "
            "Ingenting er lagt til."
        ) from error
    finally:
        if temp.exists():
            temp.unlink()


def add_documents(folder: Path, paths: Iterable[Path]) -> AddResult:
    """Check, then copy each document; an explicitly named bad file is an error (nothing copied).

    Bad files found inside an added folder are skipped with a reason."""
    paths = [Path(p).expanduser() for p in paths]
    roots = _allowed_roots(p for p in paths if p.is_dir())
    result = AddResult()
    checked: list[tuple[Path, int, list[str]]] = []
    for path, parent, explicit in expand(paths):
        try:
            if explicit and not os.path.lexists(path):
                raise InputError(f"Finner ikke filen {quote(path, 200)}.")
            check_candidate(path, roots)
            loaded = load_document(path)
        except InnkjopError as error:
            if explicit:
                raise
            shown = path.relative_to(parent) if parent else path
            result.skipped.append(f"{quote(shown, 120)}: {error}")
            continue
        checked.append((path, len(loaded.passages), loaded.warnings))
    if not checked:
        return result
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SourceDocumentError(f"Kan ikke lage mappen {folder}: {os_reason(error)}.") from error
    existing = {file_digest(p): p for p in list_documents(folder)}
    origins = _origins(folder)
    by_origin = {origin: name for name, origin in origins.items()}
    try:
        for path, passages, warnings in checked:
            digest = file_digest(path)
            if digest in existing:
                result.unchanged.append((path, existing[digest]))
                continue
            origin = str(path.absolute())
            earlier = by_origin.get(origin)
            if earlier and (folder / earlier).is_file():
                target = folder / earlier
                copy_atomically(path, target)
                result.updated.append(Added(path, target, passages, warnings))
            else:
                target = _target_name(folder, path)
                copy_atomically(path, target)
                result.added.append(Added(path, target, passages, warnings))
            existing[digest] = target
            origins[target.name] = origin
            by_origin[origin] = target.name
    finally:
        _save_origins(folder, origins)
    return result


def remove_documents(folder: Path, names: Iterable[str]) -> list[Path]:
    """Delete the named documents (plain names from `list_documents`); InputError if unknown."""
    present = {p.name: p for p in list_documents(folder)}
    chosen: list[Path] = []
    for name in names:
        path = present.get(Path(name).name)
        if path is None:
            known = ", ".join(quote(n, 60) for n in list(present)[:10]) or "ingen"
            raise InputError(
                f"Finner ikke dokumentet «{quote(name, 80)}» blant dine dokumenter "
                f"(du har: {known}). Se «innkjop index list»."
            )
        chosen.append(path)
    for path in chosen:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise SourceDocumentError(
                f"Kan ikke slette {quote(path.name)}: {os_reason(error)}."
            ) from error
    _save_origins(folder, _origins(folder))
    return chosen
