"""`innkjop index`: build the search index, add, list and remove own documents, show status.

    innkjop index build            rebuild now (strategy, regulations, own documents)
    innkjop index add FIL|MAPPE    copy .pdf/.txt/.md files (folders recursively) and rebuild
    innkjop index list             the own documents
    innkjop index remove NAVN ...  remove own documents and rebuild
    innkjop index status           what the index holds and whether it is up to date
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from knowledge.infra.terminal import quote

from ._notice import print_notice

EXAMPLES = (
    "Eksempler:\n"
    "  innkjop index build\n"
    "  innkjop index add innkjopsrutiner.pdf notater.md\n"
    "  innkjop index add ~/Dokumenter/innkjop      (en mappe, med undermapper)\n"
    "  innkjop index list\n"
    "  innkjop index remove notater.md\n"
    "  innkjop index status"
)
LEXICAL_HELP = "bare ordsøk (uten språkmodell; semantisk del bygges ved neste søk)"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "index",
        prog="innkjop index",
        help="bygg søkeindeksen, legg til, vis og fjern egne dokumenter",
        description=(
            "Søkeindeksen dekker anskaffelsesstrategien, regelverkspassasjene og dine egne\n"
            "dokumenter (PDF, tekst, Markdown). Den bygges automatisk ved første søk og når\n"
            "kildene eller språkmodellen endres."
        ),
        epilog=EXAMPLES,
    )
    actions = parser.add_subparsers(dest="action", metavar="HANDLING", required=True,
                                    parser_class=type(parser), prog="innkjop index")
    build = actions.add_parser("build", help="bygg søkeindeksen på nytt nå",
                               description="Bygg søkeindeksen på nytt (med fremdriftslinje).")
    build.add_argument("--uten-modell", "--lexical", dest="lexical", action="store_true",
                       help=LEXICAL_HELP)
    build.set_defaults(func=run_build)
    add = actions.add_parser(
        "add", help="legg til egne dokumenter (.pdf, .txt, .md) eller mapper og bygg på nytt",
        description="Kopier egne dokumenter til datamappen og bygg søkeindeksen på nytt.\n"
                    "En mappe legges til med alle undermapper (skjulte filer hoppes over).",
    )
    add.add_argument("files", nargs="+", metavar="FIL", help="filer eller mapper å legge til")
    add.add_argument("--uten-modell", "--lexical", dest="lexical", action="store_true",
                     help="bygg bare ordsøket nå")
    add.set_defaults(func=run_add)
    listing = actions.add_parser("list", help="vis dine egne dokumenter",
                                 description="Vis dokumentene du har lagt til.")
    listing.set_defaults(func=run_list)
    remove = actions.add_parser("remove", help="fjern egne dokumenter og bygg på nytt",
                                description="Fjern dokumenter du har lagt til (navn som i "
                                            "«innkjop index list») og bygg søkeindeksen på nytt.")
    remove.add_argument("names", nargs="+", metavar="NAVN", help="dokumentnavn")
    remove.add_argument("--uten-modell", "--lexical", dest="lexical", action="store_true",
                        help="bygg bare ordsøket nå")
    remove.set_defaults(func=run_remove)
    status = actions.add_parser("status", help="vis hva indeksen inneholder",
                                description="Vis søkeindeksens innhold og om den er oppdatert.")
    status.set_defaults(func=run_status)


def source_counts(manifest: dict) -> tuple[int, int]:
    """(built-in documents, own documents) of a manifest (the glossary is not a document)."""
    keys = [k for k in manifest.get("sources", {}) if k != "knowledge/glossary.yaml"]
    own = sum(k.startswith("user/") for k in keys)
    return len(keys) - own, own


def documents_phrase(manifest: dict) -> str:
    builtin, own = source_counts(manifest)
    return f"{builtin + own} dokumenter ({builtin} innebygde, {own} egne)"


def _report(loaded) -> None:
    manifest = loaded.manifest
    dense = manifest.get("dense_index") or "ingen (bare ordsøk)"
    print(f"Søkeindeksen er bygget: {manifest['passages']} passasjer fra "
          f"{documents_phrase(manifest)} på {manifest['build_seconds']:.1f} s "
          f"(vektorindeks: {dense}).")
    for warning in manifest.get("warnings", []):
        print(f"Advarsel: {warning}", file=sys.stderr)


def _encoder(settings, lexical: bool, progress):
    if lexical:
        return None
    from index.dense import load_encoder

    progress("Laster språkmodellen", 0.0)
    return load_encoder(settings.embedding_model, settings.query_prefix, settings.passage_prefix)


def run_build(args: argparse.Namespace) -> int:
    from index.store import build_index
    from knowledge.infra.settings import load_settings

    from ._progress import progress_bar

    settings = load_settings()
    progress = progress_bar()
    encoder = _encoder(settings, args.lexical, progress)
    _report(build_index(settings, encoder, progress, notice=print_notice))
    if encoder is not None:
        from assistant.category_model import warm

        step = "Forbereder kategorigjenkjenningen"
        progress(step, 0.0)
        warm(encoder)
        progress(step, 1.0)
    return 0


def _rebuild(settings, lexical: bool) -> None:
    from index.search import open_searcher

    from ._progress import progress_bar

    searcher = open_searcher(settings, dense=not lexical, progress=progress_bar(),
                             notice=print_notice)
    _report(searcher.index)


def run_add(args: argparse.Namespace) -> int:
    from index.userdocs import add_documents
    from knowledge.infra.settings import load_settings

    settings = load_settings()
    folder = settings.user_documents_dir
    result = add_documents(folder, [Path(f) for f in args.files])
    for item in result.added:
        print(f"La til {quote(item.source.name)} ({item.passages} passasjer) som "
              f"{quote(item.target.name)}.")
        for warning in item.warnings:
            print(f"Advarsel: {warning}", file=sys.stderr)
    for item in result.updated:
        print(f"Oppdaterte {quote(item.target.name)} ({item.passages} passasjer) med ny "
              f"versjon av {quote(item.source.name)}.")
    for source, existing in result.unchanged:
        print(f"{quote(source.name)} finnes allerede som {quote(existing.name)} (uendret).")
    for reason in result.skipped:
        print(f"Hoppet over: {reason}", file=sys.stderr)
    updated = f"{len(result.updated)} oppdatert, " if result.updated else ""
    print(f"Sammendrag: {len(result.added)} lagt til, {updated}{len(result.unchanged)} fantes "
          f"fra før, {len(result.skipped)} hoppet over (mappe: {folder}).")
    if not result.added and not result.unchanged and not result.updated:
        print("Fant ingen dokumenter å legge til (.pdf, .txt, .md).", file=sys.stderr)
        return 2
    _rebuild(settings, args.lexical)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from index.userdocs import list_documents
    from knowledge.infra.settings import load_settings

    folder = load_settings().user_documents_dir
    documents = list_documents(folder)
    if not documents:
        print("Ingen egne dokumenter ennå. Legg til med «innkjop index add FIL».")
        return 0
    print(f"{len(documents)} egne dokumenter i {folder}:")
    for path in documents:
        size = path.stat().st_size
        print(f"  - {quote(path.name, 120)} ({max(1, round(size / 1024))} kB)")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from index.userdocs import remove_documents
    from knowledge.infra.settings import load_settings

    settings = load_settings()
    removed = remove_documents(settings.user_documents_dir, args.names)
    for path in removed:
        print(f"Fjernet {quote(path.name)}.")
    _rebuild(settings, args.lexical)
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
        if os.path.lexists(settings.index_dir / "CURRENT"):
            print("Status: skadet (bygges på nytt ved neste søk eller med «innkjop index build»).")
        else:
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
    print(f"Kilder: {documents_phrase(manifest)}")
    for key in sorted(k for k in manifest.get("sources", {}) if k.startswith("user/")):
        print(f"  - {key.removeprefix('user/')}")
    for warning in manifest.get("warnings", []):
        print(f"Advarsel: {warning}")
    return 0
