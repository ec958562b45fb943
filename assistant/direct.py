"""Direct answers: the first sentence that answers what was asked.

- A threshold question ("Hva er EØS-terskelverdien nå?"): the value in force on
  the date, from the threshold data (knowledge/thresholds.py), with "gjelder
  fra", whether it is verified, and its source.
- A yes/no question ("Må vi bruke KGV?", "Kan jeg bare ringe en snekker?"):
  "Ja/Nei – fordi …" derived from the rule outcome, with its citations.
- A past purchase ("Vi kjøpte … var det riktig?"): a control verdict on the
  rules of the purchase date; for a breach, what the strategy asks next.
The fixed wording is data (knowledge/replies.yaml); every verdict is the rules'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from index.text import stem, stopwords, tokenize
from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml
from knowledge.thresholds import Threshold, ThresholdValue, load_thresholds
from rules.formatting import kr
from rules.model import Conclusion, Decision
from rules.titles import title as code_title

REPLIES_FILE = KNOWLEDGE_DIR / "replies.yaml"
YES_NO_RE = re.compile(
    r"^\s*(?:(?:og|men|så)\s+)?(?:må|kan|skal|trenger|bør|får|holder|gjelder|kreves|er\s+det)"
    r"\s+(?!ikke\b)", re.IGNORECASE)
TAG_QUESTION_RE = re.compile(
    r"(?:\b(?:går|holder|gjelder|funker|fungerer)\s+det"
    r"|\ber\s+(?:det|dette)\s+(?:greit|lov|lovlig|ok|i\s+orden|mulig|innafor|innenfor\s+reglene)"
    r"|\b(?:kan|må|får|bør)\s+(?:vi|jeg|man)\s+(?:det|gjøre\s+det))\s*\?\s*$", re.IGNORECASE)
"""A yes/no question put after the purchase ("Vi skal kjøpe … uten konkurranse, går det?")."""
THRESHOLD_RE = re.compile(
    r"\bterskel\w*|\b\w*grens(?:e|en|ene|er|everdi\w*)\b"
    r"|\bhvor\s+(?:mye|stort\s+beløp|store\s+beløp|høyt\s+beløp)\s+(?:kan|får|må|skal)\s+"
    r"(?:jeg|vi|man|en|enheten|avdelingen|lederen)\s+(?:\w+\s+)?(?:kjøpe|handle|bestille|bruke)"
    r"|\b(?:maks|maksimalt|høyeste|største)\s+beløp", re.IGNORECASE)
"""A question about a limit: "terskelverdi", "beløpsgrense", "hvor mye kan jeg kjøpe for
uten konkurranse?", "maks beløp for direktekjøp"."""
CHECK_IT = "sjekk på Lovdata / anskaffelser.no"
STATED_WORDS = 6
"""Words quoted from the text that says how a past purchase was made: a direct word
that ends in "å" with the rest of its clause ("uten å spørre innkjøp"), cut after
this many."""


@dataclass(frozen=True)
class Topic:
    words: tuple[str, ...]
    test: str
    """document, procedures, not_procedures or authority"""
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Replies:
    retrospective: dict[str, Any]
    topics: tuple[Topic, ...]


@lru_cache(maxsize=2)
def load_replies(path: Path = REPLIES_FILE) -> Replies:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, "(rot)", "må være en tabell")
    retro = data.get("retrospective")
    needed = ("lead", "date_stated", "date_missing", "should", "allowed", "breach",
              "breach_stated", "breach_agreement", "next", "direct_words")
    if not isinstance(retro, dict) or any(k not in retro for k in needed):
        raise DataFileError(path, "retrospective", f"må ha nøklene {', '.join(needed)}")
    topics = []
    for index, entry in enumerate(data.get("yes_no") or []):
        key = f"yes_no[{index}]"
        tests = [t for t in ("document", "procedures", "not_procedures", "authority",
                             "no_warning")
                 if isinstance(entry, dict) and t in entry]
        words = entry.get("words") if isinstance(entry, dict) else None
        if len(tests) != 1 or not isinstance(words, list) or not words:
            raise DataFileError(path, key, "må ha words og én av document, procedures, "
                                           "not_procedures, authority, no_warning")
        codes = entry[tests[0]]
        codes = tuple(codes) if isinstance(codes, list) else (str(codes),)
        topics.append(Topic(tuple(str(w).lower() for w in words), tests[0], codes))
    return Replies(retro, tuple(topics))


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _cite(conclusion: Conclusion | None) -> str:
    return f" ({', '.join(conclusion.citations)})" if conclusion and conclusion.citations else ""


# ---- thresholds --------------------------------------------------------------------------

def threshold_status(value: ThresholdValue) -> tuple[bool, str]:
    """Whether the loader counts the value as verified, and how the answer says it.

    The one place that reads a threshold value's status (its record may change shape)."""
    said = code_title("status", value.status)
    return value.verified, said if value.verified else f"{said} – {CHECK_IT}"


def _stems(text: str) -> set[str]:
    return {stem(t) for t in tokenize(text) if len(t) > 2 and t not in stopwords()}


def _asked_thresholds(text: str, thresholds: dict[str, Threshold], *,
                      everything: bool = True) -> list[Threshold]:
    """The thresholds whose label (and, less, description) shares the most words with
    the question; all (or none) when none is named beyond "terskelverdi"."""
    wanted = _stems(text) - _stems("terskelverdi terskelverdien terskelverdiene grense")
    scored = [(2 * len(wanted & _stems(t.label)) + len(wanted & _stems(t.description)), t)
              for t in thresholds.values()]
    best = max((score for score, _ in scored), default=0)
    if best == 0:
        return list(thresholds.values()) if everything else []
    return [t for score, t in scored if score == best]


def _threshold_line(threshold: Threshold, day: date) -> str:
    value = threshold.at(day)
    if value is None:
        return f"- {threshold.label}: ingen verdi registrert for datoen."
    _, status = threshold_status(value)
    source = value.reference + (f" <{value.url}>" if value.url else "")
    return (f"- **{threshold.label}: {kr(value.value)}**, gjelder fra "
            f"{value.start:%d.%m.%Y} ({status}). Kilde: {source}")


def threshold_answer(text: str, day: date) -> str | None:
    """The thresholds a question asks about, as in force on `day`, or None for no such
    question."""
    if not THRESHOLD_RE.search(text):
        return None
    lines = [f"**Terskelverdier per {day:%d.%m.%Y}** (eks. mva):"]
    lines += [_threshold_line(t, day) for t in _asked_thresholds(text, load_thresholds())]
    return "\n".join(lines)


# ---- yes/no ------------------------------------------------------------------------------

def _topic(text: str) -> Topic | None:
    lowered = text.lower()
    for topic in load_replies().topics:
        if any(re.search(rf"(?<![\wæøå]){re.escape(w)}(?![\wæøå])", lowered) for w in topic.words):
            return topic
    return None


def is_yes_no_question(text: str) -> bool:
    """"Må vi bruke KGV?", "…, må vi ha konkurranse?" (the last clause asks), or a tag
    after the purchase ("…, går det?")."""
    last = re.split(r"[.,;:–]\s+", text.strip())[-1]
    return bool(YES_NO_RE.match(text) or (last.endswith("?") and YES_NO_RE.match(last))
                or TAG_QUESTION_RE.search(text))


def yes_no_lead(text: str, decision: Decision) -> str | None:
    """"**Ja** – fordi …" for a yes/no question the rule outcome answers; while facts
    are missing, the thresholds the answer turns on; else None."""
    if not is_yes_no_question(text):
        return None
    topic = _topic(text)
    if topic is None:
        return None
    if decision.procedure is None:
        return _depends_on_value(text, decision)
    procedure = decision.procedure
    if topic.test == "document":
        found = next((d for d in decision.documentation if d.code in topic.codes), None)
        title = code_title("document", topic.codes[0])
        if found is not None:
            return f"**Ja** – {title} kreves for dette kjøpet: {found.text}{_cite(found)}"
        return (f"**Nei** – {title} kreves ikke for dette kjøpet, fordi "
                f"{_lower_first(procedure.text)}{_cite(procedure)}")
    if topic.test == "no_warning":
        warning = next((w for w in decision.warnings if w.code in topic.codes), None)
        if warning is not None:
            return f"**Nei** – {warning.text} ({', '.join(warning.citations)})"
        return f"**Ja** – fordi {_lower_first(procedure.text)}{_cite(procedure)}"
    if topic.test == "authority":
        authority = decision.authority
        yes = authority is not None and authority.code in topic.codes
        reason = authority or procedure
        return f"**{'Ja' if yes else 'Nei'}** – fordi {_lower_first(reason.text)}{_cite(reason)}"
    inside = procedure.code in topic.codes
    yes = inside if topic.test == "procedures" else not inside
    return f"**{'Ja' if yes else 'Nei'}** – fordi {_lower_first(procedure.text)}{_cite(procedure)}"


def _depends_on_value(text: str, decision: Decision) -> str | None:
    if not any(q.slot == "value" for q in decision.questions):
        return None
    day = decision.as_of
    thresholds = sorted(_asked_thresholds(text, load_thresholds(), everything=False),
                        key=lambda t: value.value if (value := t.at(day)) else 0)
    if not thresholds:
        return None
    return "\n".join([f"**Det kommer an på verdien** (eks. mva, per {decision.as_of:%d.%m.%Y}):",
                      *(_threshold_line(t, decision.as_of) for t in thresholds)])


# ---- past purchases ----------------------------------------------------------------------

def retrospective_lead(text: str, decision: Decision, date_source: str | None) -> str:
    """The control verdict on a purchase already made."""
    words = load_replies().retrospective
    why = (words["date_stated"].format(source=date_source) if date_source
           else words["date_missing"])
    parts = [words["lead"].format(day=f"{decision.as_of:%d.%m.%Y}", why=why) + "."]
    procedure, authority = decision.procedure, decision.authority
    if procedure is None:
        return parts[0]
    should = words["should"].format(
        procedure=f"**{code_title('procedure', procedure.code)}**",
        authority=f"**{code_title('authority', authority.code)}**"
        if authority else "").rstrip(".") + _cite(procedure) + "."
    if procedure.code == "direkte":
        parts.append(words["allowed"].format(reason=_lower_first(procedure.text)).rstrip(".")
                     + _cite(procedure) + ".")
        return " ".join(parts)
    parts.append(should)
    if procedure.code == "avrop":
        if any(w.code == "avtalelojalitet" for w in decision.warnings):
            parts += [words["breach_agreement"], words["next"].strip()]
        return " ".join(parts)
    stated = next((found.group(0).strip() for w in words["direct_words"]
                   if (found := re.search(rf"(?<![\wæøå]){re.escape(w)}(?![\wæøå])"
                                          + (r"[^.,;:!?\n]*" if w.endswith(" å") else ""),
                                          text, re.IGNORECASE))), None)
    if stated and len(stated.split()) > STATED_WORDS:
        stated = " ".join(stated.split()[:STATED_WORDS]) + " …"
    parts.append(words["breach_stated"].format(words=stated) if stated else words["breach"])
    parts.append(words["next"].strip())
    return " ".join(parts)
