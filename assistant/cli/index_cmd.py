"""`innkjop index`: build the search index, add the user's own documents, show status.

    innkjop index build            rebuild now (strategy, regulations, own documents)
    innkjop index add FIL ...      copy .pdf/.txt/.md files into the data folder and rebuild
    innkjop index status           what the index holds and whether it is up to date
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from knowledge.infra.errors import InputError, SourceDocumentError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "index",
        prog="innkjop index",
        help="bygg søkeindeksen, legg til egne dokumenter, vis status",
        description=(
            "Søkeindeksen dekker anskaffelsesstrategien, regelverkspassasjene og dine egne\n"
            "dokumenter (PDF, tekst, Markdown). Den bygges automatisk ved første søk og når\n"
            "kildene eller språkmodellen endres."
        ),
        epilog=(
            "Eksempler:\n"
            "  innkjop index build\n"
            "  innkjop index add innkjopsrutiner.pdf notater.md\n"
            "  innkjop index status"
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="HANDLING", required=True,
                                    parser_class=type(parser), prog="innkjop index")
    build = actions.add_parser("build", help="bygg søkeindeksen på nytt nå",
                               description="Bygg søkeindeksen på nytt (med fremdriftslinje).")
    build.add_argument("--lexical", action="store_true",
                       help="bare ordsøk (uten språkmodell; semantisk del bygges ved neste søk)")
    build.set_defaults(func=run_build)
    add = actions.add_parser(
        "add", help="legg til egne dokumenter (.pdf, .txt, .md) og bygg på nytt",
        description="Kopier egne dokumenter til datamappen og bygg søkeindeksen på nytt.",
    )
    add.add_argument("files", nargs="+", metavar="FIL", help="filer å legge til")
    add.add_argument("--lexical", action="store_true", help="bygg bare ordsøket nå")
    add.set_defaults(func=run_add)
    status = actions.add_parser("status", help="vis hva indeksen inneholder",
                                description="Vis søkeindeksens innhold og om den er oppdatert.")
    status.set_defaults(func=run_status)


def _report(loaded) -> None:
    manifest = loaded.manifest
    dense = manifest.get("dense_index") or "ingen (bare ordsøk)"
    print(f"Søkeindeksen er bygget: {manifest['passages']} passasjer fra "
          f"{len(manifest['sources']) - ('knowledge/glossary.yaml' in manifest['sources'])} "
          f"dokumenter på {manifest['build_seconds']:.1f} s (vektorindeks: {dense}).")
    for warning in manifest.get("warnings", []):
        print(f"Advarsel: {warning}", file=sys.stderr)


def run_build(args: argparse.Namespace) -> int:
    from index.dense import load_encoder
    from index.store import build_index
    from knowledge.infra.settings import load_settings

    from ._progress import progress_bar

    settings = load_settings()
    progress = progress_bar()
    encoder = None
    if not args.lexical:
        progress("Laster språkmodellen", 0.0)
        encoder = load_encoder(settings.embedding_model, settings.query_prefix,
                               settings.passage_prefix)
    _report(build_index(settings, encoder, progress))
    return 0


def _target_name(folder: Path, source: Path) -> Path:
    """Where to copy `source`: its own name, or name-2, name-3 ... if a different file has it."""
    target = folder / source.name
    number = 2
    while target.exists() and target.read_bytes() != source.read_bytes():
        target = folder / f"{source.stem}-{number}{source.suffix}"
        number += 1
    return target


def run_add(args: argparse.Namespace) -> int:
    from index.ingest import load_document
    from index.search import open_searcher
    from knowledge.infra.settings import load_settings

    from ._progress import progress_bar

    settings = load_settings()
    files = [Path(f).expanduser() for f in args.files]
    checked = []
    for path in files:
        if not path.is_file():
            raise InputError(f"Finner ikke filen {path}.")
        loaded = load_document(path)  # SourceDocumentError (Norwegian) if unreadable
        checked.append((path, loaded))
    settings.user_documents_dir.mkdir(parents=True, exist_ok=True)
    for path, loaded in checked:
        target = _target_name(settings.user_documents_dir, path)
        if target.exists():
            print(f"{path.name} finnes allerede i {settings.user_documents_dir} (uendret).")
            continue
        try:
            shutil.copy2(path, target)
        except OSError as error:
            raise SourceDocumentError(
                f"Kan ikke kopiere {path} til {target}: {error.strerror}."
            ) from error
        print(f"La til {path.name} ({len(loaded.passages)} passasjer) som {target}.")
        for warning in loaded.warnings:
            print(f"Advarsel: {warning}", file=sys.stderr)
    searcher = open_searcher(settings, dense=not args.lexical, progress=progress_bar())
    _report(searcher.index)
    return 0


def run_status(args: argparse.Namespace) -> int:
    from index.glossary import GLOSSARY_PATH
    from index.sources import fingerprints
    from index.store import is_fresh, read_manifest
    from knowledge.infra.settings import load_settings

    settings = load_settings()
    manifest = read_manifest(settings.index_dir)
    print(f"Indeksmappe: {settings.index_dir}")
    print(f"Språkmodell: {settings.embedding_model}")
    if manifest is None:
        print("Status: ingen søkeindeks ennå (bygges ved første søk eller med "
              "«innkjop index build»).")
        return 0
    prints = fingerprints(settings, GLOSSARY_PATH)
    if is_fresh(manifest, prints, settings.embedding_model):
        state = "oppdatert"
    elif is_fresh(manifest, prints, None):
        state = ("bare ordsøk er bygget, eller en annen språkmodell "
                 "(semantisk del bygges ved neste søk)")
    else:
        state = "utdatert (kildene er endret; bygges på nytt ved neste søk)"
    print(f"Status: {state}")
    print(f"Bygget: {manifest.get('built_at')} på {manifest.get('build_seconds')} s, "
          f"{manifest.get('passages')} passasjer, vektorindeks: "
          f"{manifest.get('dense_index') or 'ingen'}, modell: {manifest.get('model') or 'ingen'}")
    user = sorted(k for k in manifest.get("sources", {}) if k.startswith("user/"))
    builtin = [k for k in manifest.get("sources", {}) if k.startswith("knowledge/")]
    print(f"Kilder: {len(builtin)} innebygde filer, {len(user)} egne dokumenter")
    for key in user:
        print(f"  - {key.removeprefix('user/')}")
    for warning in manifest.get("warnings", []):
        print(f"Advarsel: {warning}")
    return 0
