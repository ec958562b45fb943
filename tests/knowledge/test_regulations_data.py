"""Validates the hand-written knowledge data: regulation passages, glossary and own
retrieval question sets.

Regulation passages (knowledge/regulations/*.md) must carry complete front matter
(see TEAM.md), parseable dates, a checkable URL and a body of 80-300 words; an
unverified passage must tell the reader to check it. Every gold phrase of the
own question sets (tests/data/retrieval_own_*.jsonl) must occur in a source text
(the strategy or a regulation body), compared lower-cased with white space folded.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
REGULATIONS_DIR = REPO_ROOT / "knowledge" / "regulations"
GLOSSARY_PATH = REPO_ROOT / "knowledge" / "glossary.yaml"
STRATEGY_PATH = (
    REPO_ROOT / "knowledge" / "sources" / "anskaffelsesstrategi-vaernesregionen-2022-2028.txt"
)
QUESTION_SETS = {
    "retrieval_own_dev.jsonl": 40,
    "retrieval_own_holdout.jsonl": 25,
    "retrieval_own_dev2.jsonl": 50,
    "retrieval_own_dev3.jsonl": 120,
}
REQUIRED_KEYS = (
    "document", "reference", "title", "citation", "valid_from", "valid_to", "url", "verified",
    "last_reviewed",
)
ALLOWED_URL_HOSTS = ("https://lovdata.no/", "https://anskaffelser.no/", "https://www.regjeringen.no/")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.DOTALL)
REGULATION_FILES = sorted(REGULATIONS_DIR.glob("*.md"))


def normalise(text: str) -> str:
    """Lower-case and fold runs of white space, as the eval README prescribes."""
    return re.sub(r"\s+", " ", text.lower()).strip()


def split_front_matter(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        raise ValueError("mangler front matter mellom to '---'-linjer")
    meta = yaml.safe_load(match.group(1))
    if not isinstance(meta, dict):
        raise ValueError("front matter er ikke en tabell")
    return meta, match.group(2)


def _is_date_or_none(value: object) -> bool:
    return value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime))


def regulation_problems(text: str) -> list[str]:
    """Every problem found in one regulation passage file (empty list = valid)."""
    try:
        meta, body = split_front_matter(text)
    except (ValueError, yaml.YAMLError) as error:
        return [str(error)]
    problems = [f"mangler nøkkel {key}" for key in REQUIRED_KEYS if key not in meta]
    for key in ("document", "reference", "title", "citation", "url"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            problems.append(f"{key} må være en ikke-tom tekst")
    for key in ("valid_from", "valid_to"):
        if key in meta and not _is_date_or_none(meta[key]):
            problems.append(f"{key} er ikke en dato (ÅÅÅÅ-MM-DD) eller null")
    if isinstance(meta.get("valid_from"), dt.date) and isinstance(meta.get("valid_to"), dt.date):
        if meta["valid_from"] > meta["valid_to"]:
            problems.append("valid_from ligger etter valid_to")
    if "last_reviewed" in meta and not isinstance(meta["last_reviewed"], dt.date):
        problems.append("last_reviewed er ikke en dato")
    if "verified" in meta and not isinstance(meta["verified"], bool):
        problems.append("verified må være true eller false")
    url = meta.get("url")
    if isinstance(url, str) and not url.startswith(ALLOWED_URL_HOSTS):
        problems.append(f"url peker ikke til Lovdata, anskaffelser.no eller regjeringen.no: {url}")
    if not body.lstrip().startswith("# "):
        problems.append("brødteksten skal starte med en '# '-overskrift")
    words = len(body.split())
    if not 80 <= words <= 300:
        problems.append(f"brødteksten har {words} ord (skal være 80-300)")
    if meta.get("verified") is False and not re.search(r"verifi|sjekk", body, re.IGNORECASE):
        problems.append("uverifisert passasje må si i teksten at den må sjekkes")
    return problems


def source_texts() -> list[str]:
    texts = [normalise(STRATEGY_PATH.read_text(encoding="utf-8"))]
    for path in REGULATION_FILES:
        _, body = split_front_matter(path.read_text(encoding="utf-8"))
        texts.append(normalise(body))
    return texts


def load_questions(name: str) -> list[dict]:
    path = REPO_ROOT / "tests" / "data" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_there_are_at_least_25_regulation_passages():
    assert len(REGULATION_FILES) >= 25


@pytest.mark.parametrize("path", REGULATION_FILES, ids=lambda p: p.name)
def test_regulation_passage_is_valid(path: Path):
    assert regulation_problems(path.read_text(encoding="utf-8")) == []


def test_validator_rejects_broken_passages():
    good = REGULATION_FILES[0].read_text(encoding="utf-8")
    assert regulation_problems(good) == []
    assert regulation_problems("no front matter at all") != []
    for field, pattern, broken in (
        ("verified", r"verified: \w+", "verified: kanskje"),
        ("valid_from", r"valid_from: \S+", "valid_from: snart"),
        ("url", r"url: \S+", "url: http://example.com"),
    ):
        assert any(field in p for p in regulation_problems(re.sub(pattern, broken, good))), field
    short = FRONT_MATTER.match(good).group(1)
    assert any("ord" in p for p in regulation_problems(f"---\n{short}\n---\n# Tittel\nFor kort.\n"))


def test_regulation_references_are_unique_per_topic():
    titles = [
        split_front_matter(p.read_text(encoding="utf-8"))[0]["title"] for p in REGULATION_FILES
    ]
    assert len(titles) == len(set(titles))


def test_unverified_values_are_flagged():
    """The brief's unverified facts must live only in passages marked verified: false."""
    flagged = {
        "500 000 kroner ekskl. mva, med virkning fra 1. juli 2026", "62,9 millioner",
        "8,7 millioner",
    }
    for path in REGULATION_FILES:
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        text = normalise(body)
        for phrase in flagged:
            if normalise(phrase) in text:
                assert meta["verified"] is False or "ikke verifisert" in text, (path.name, phrase)


@pytest.mark.parametrize("name,minimum", QUESTION_SETS.items())
def test_question_set_shape(name: str, minimum: int):
    questions = load_questions(name)
    assert len(questions) >= minimum
    for entry in questions:
        assert isinstance(entry["q"], str) and entry["q"].strip()
        assert isinstance(entry["gold"], list) and entry["gold"]
        assert all(isinstance(g, str) and len(g.split()) >= 1 for g in entry["gold"])


@pytest.mark.parametrize("name", QUESTION_SETS)
def test_every_gold_phrase_occurs_in_a_source(name: str):
    texts = source_texts()
    missing = [
        (entry["q"], gold)
        for entry in load_questions(name)
        for gold in entry["gold"]
        if not any(normalise(gold) in text for text in texts)
    ]
    assert missing == []


def test_holdout_questions_differ_from_dev_questions():
    dev = {
        normalise(e["q"])
        for name in ("retrieval_own_dev.jsonl", "retrieval_own_dev2.jsonl",
                     "retrieval_own_dev3.jsonl")
        for e in load_questions(name)
    }
    holdout = {normalise(e["q"]) for e in load_questions("retrieval_own_holdout.jsonl")}
    assert dev.isdisjoint(holdout)


def test_glossary_has_required_terms():
    entries = yaml.safe_load(GLOSSARY_PATH.read_text(encoding="utf-8"))
    assert isinstance(entries, list) and len(entries) >= 30
    for entry in entries:
        assert {"term", "expansions", "definition"} <= set(entry), entry
        assert isinstance(entry["expansions"], list)
        assert isinstance(entry["definition"], str) and entry["definition"].strip()
    terms = {normalise(e["term"]) for e in entries}
    for required in ("kgv", "kav", "mva", "ehf", "espd", "ted", "doffin", "rammeavtale", "avrop",
                     "terskelverdi", "skatteattest", "protokoll", "loa", "foa", "lav"):
        assert required in terms, required
