"""The grammar of purchase descriptions the category lexicon reads (category_grammar.yaml).

Prepositions that mark where a purchase goes, the words of buying before them,
the stop words removed before the model reads a description, and the rule that
work on a part of a building is building and construction. See the YAML file
for what each list means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import load_parsed
from rules.model import CATEGORIES

GRAMMAR_PATH = KNOWLEDGE_DIR / "category_grammar.yaml"
_ENDINGS = ("", "en", "er", "ene", "et", "a", "e", "s", "r", "ne", "n")


@dataclass(frozen=True)
class Grammar:
    destination_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    destination_factor: float
    buying_before: dict[str, frozenset[str]]
    stop: re.Pattern[str]
    bought_after: re.Pattern[str]
    """A verb of buying: what is bought follows it ("kulturskolen skal kjøpe ...")."""
    works: frozenset[str]
    parts: frozenset[str]
    works_after: frozenset[str]
    """Verbs of work said after the part ("taket … lekker og må tekkes om")."""
    within_words: int
    building_category: str
    operated: re.Pattern[str] | None = None
    """"med fører", "med sjåfør": a machine or vehicle hired with its operator."""
    operated_category: str = "tjenester"
    activity_preposition: str = ""
    """"av": after an activity ("vasking av biler"), goods are what the service works on."""
    activity_endings: tuple[str, ...] = ()
    activity_min_letters: int = 6
    activity_category: str = "tjenester"
    activity_label: str = "arbeid på varer"
    """How an answer names the reading ("tolket som tjenester: arbeid på varer")."""
    installing: frozenset[str] = frozenset()
    """Activities that build goods into a building ("montering av radiatorer"): works."""

    unknown_activity_category: str = "tjenester"
    unknown_activity_label: str = ""
    unknown_activity_works_label: str = ""
    unknown_activity_endings: tuple[str, ...] = ()
    unknown_activity_on: frozenset[str] = frozenset()
    buildings: frozenset[str] = frozenset()
    not_activities: frozenset[str] = frozenset()

    @cached_property
    def buying_of(self) -> re.Pattern[str]:
        """A noun of buying before "av" ("kjøp av BPA", "levering av …"): compiled once."""
        nouns = "|".join(map(re.escape, sorted(self.buying_before.get("av", ()))))
        return re.compile(rf"\b(?:{nouns})\s+av\b", re.IGNORECASE)

    def unknown_activity(self, words: list[str]) -> tuple[str, str, str] | None:
        """(category, label, the activity's words) when the words name an activity: a
        service, or works when it works on (or is done at) a building or a part of one."""
        for index, word in enumerate(words):
            if not self.names_activity(word):
                continue
            place = self._building_after(words[index + 1:])
            if word in self.installing:  # "montering av ny varmtvannsbereder"
                return self.building_category, self.unknown_activity_works_label, word
            if place or self._part_before(word):
                return (self.building_category, self.unknown_activity_works_label,
                        f"{word} … {place}" if place else word)
            return self.unknown_activity_category, self.unknown_activity_label, word
        return None

    def _building_after(self, words: list[str]) -> str | None:
        """A building (or part) within a few words after a preposition of `on`: what the
        activity works on ("av kommunale boliger") or where it is done ("i kjelleren")."""
        for index, word in enumerate(words):
            if word in self.unknown_activity_on:
                for later in words[index + 1:index + 1 + self.within_words]:
                    if self._building(later):
                        return later
                    if later in self.destination_prepositions:
                        break  # "av vepsebol ved barnehagen": the object ends at "ved"
        return None

    def names_activity(self, word: str) -> bool:
        """A verbal noun by its ending that is no thing ("belysning") and no word of buying."""
        if len(word) < self.activity_min_letters or not word.endswith(
                self.unknown_activity_endings):
            return False
        if any(word.endswith(thing + e) for thing in self.not_activities for e in _ENDINGS):
            return False
        return all(word not in verbs for verbs in self.buying_before.values())

    def _building(self, word: str) -> bool:
        """A building, a part of one or a piece of infrastructure, also as a compound's head."""
        return any(word.endswith(name + e) for name in self.buildings | self.parts
                   for e in _ENDINGS if len(name) >= 3) or self._is(word, self.parts)

    def _part_before(self, word: str) -> bool:
        """A building part begins the activity's word, the rest an activity of its own
        ("tak|tekking", "fasade|vasking"; not "tak|sering")."""
        for part in self.parts:
            rest = word[len(part):]
            if len(part) < 3 or not word.startswith(part):
                continue
            for activity in (rest, rest[1:] if rest[:1] in "s-" else rest):
                if len(activity) >= 7 and activity.endswith(self.unknown_activity_endings):
                    return True
        return False

    def activity_on(self, text: str) -> str | None:
        """The activity a text names before its preposition ("suging av ..."), or None."""
        words = re.findall(r"[^\W\d_]+", text.lower())
        return next((word for word, after in zip(words, words[1:], strict=False)
                     if after == self.activity_preposition and self.is_activity(word)), None)

    def is_activity(self, word: str) -> bool:
        """A verbal noun ("makulering", "reparasjon") that is no word of buying."""
        return (len(word) >= self.activity_min_letters and word.endswith(self.activity_endings)
                and word not in self.buying_before.get(self.activity_preposition, frozenset()))

    def operated_hire(self, text: str) -> str | None:
        """The words that hire a machine with its operator ("med fører"), or None."""
        found = self.operated.search(text) if self.operated is not None else None
        return found.group(0) if found else None

    def building_work(self, text: str) -> str | None:
        """The words of work on a building part in the text ("takreparasjon"), or None."""
        for sentence in re.split(r"[.;!?]\s", text.lower()):  # a part read in its sentence
            words = re.findall(r"[^\W\d_]+", sentence)
            for index, word in enumerate(words):
                if self._compound(word):
                    return word
                if self._is(word, self.works):
                    for later in words[index + 1:index + 1 + self.within_words]:
                        if self._is(later, self.parts) or self._has_part(later):
                            return f"{word} … {later}"
                if self._is(word, self.parts):
                    verb = next((w for w in words[index + 1:] if w in self.works_after), None)
                    if verb:
                        return f"{word} … {verb}"
        return None

    def _is(self, word: str, group: frozenset[str]) -> bool:
        return any(word.endswith(e) and word[:len(word) - len(e)] in group for e in _ENDINGS)

    def _has_part(self, word: str) -> bool:
        """"vannrør", "takstein": a compound that begins or ends with a part."""
        return any((word.endswith(part + e) and len(word) - len(part + e) >= 3)
                   or (word.startswith(part) and len(word) - len(part) >= 4)
                   for part in self.parts for e in _ENDINGS)

    def _compound(self, word: str) -> bool:
        """"tak|reparasjon", "rør|arbeid": a part followed by a work in one word."""
        return any(word.startswith(part) and self._is(word[len(part):].lstrip("s-"), self.works)
                   for part in self.parts if len(word) > len(part) + 2)


def _words(data: dict, key: str, path: Path, where: str = "") -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise DataFileError(path, f"{where}{key}", "må være en liste med ord")
    return frozenset(w.strip().lower() for w in value)


def _stop_pattern(words: frozenset[str]) -> re.Pattern[str]:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in word.rstrip("*").split())
        parts.append(body + (r"\w*" if word.endswith("*") else ""))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b|[\d.,:;!?()«»'\"’-]+", re.IGNORECASE)


def _verb_pattern(words: frozenset[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


def _text(data: dict, key: str, path: Path, where: str, problem: str = "må være en tekst"
          ) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(path, f"{where}{key}", problem)
    return value.strip()


def _phrase_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """Any of the phrases, as whole words, any spacing between their words."""
    body = "|".join(r"\s+".join(re.escape(w) for w in phrase.split())
                    for phrase in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\wæøå])(?:{body})(?![\wæøå])", re.IGNORECASE)


def parse_grammar(data: Any, path: Path) -> Grammar:
    if not isinstance(data, dict):
        raise DataFileError(path, "(rot)", "må være en tabell")
    factor = data.get("destination_factor")
    if isinstance(factor, bool) or not isinstance(factor, int | float) or not 0 <= factor <= 1:
        raise DataFileError(path, "destination_factor", "må være et tall fra 0 til 1")
    buying = data.get("buying_before")
    if not isinstance(buying, dict):
        raise DataFileError(path, "buying_before", "må være en tabell preposisjon -> ord")
    before = {str(prep): _words(buying, prep, path, "buying_before.") for prep in buying}
    work = data.get("building_work")
    if not isinstance(work, dict):
        raise DataFileError(path, "building_work", "må ha works, parts og within_words")
    within = work.get("within_words")
    if isinstance(within, bool) or not isinstance(within, int) or not 1 <= within <= 10:
        raise DataFileError(path, "building_work.within_words", "må være et heltall fra 1 til 10")
    category = work.get("category")
    if category not in CATEGORIES:
        raise DataFileError(path, "building_work.category",
                            f"ukjent kategori (gyldige: {', '.join(CATEGORIES)})")
    works = _words(work, "works", path, "building_work.")
    parts = _words(work, "parts", path, "building_work.")
    if both := sorted(works & parts):
        raise DataFileError(path, "building_work", f"«{both[0]}» står både i works og parts")
    operated = data.get("operated_hire")
    if not isinstance(operated, dict) or operated.get("category") not in CATEGORIES:
        raise DataFileError(path, "operated_hire",
                            f"må ha words og en kategori (gyldige: {', '.join(CATEGORIES)})")
    operated_words = _words(operated, "words", path, "operated_hire.")
    activity = data.get("activity_on_goods")
    if not isinstance(activity, dict) or activity.get("category") not in CATEGORIES:
        raise DataFileError(path, "activity_on_goods",
                            f"må ha preposition, endings, min_letters og en kategori "
                            f"(gyldige: {', '.join(CATEGORIES)})")
    preposition = _text(activity, "preposition", path, "activity_on_goods.",
                        "må være et ord («av»)")
    letters = activity.get("min_letters")
    if isinstance(letters, bool) or not isinstance(letters, int) or not 3 <= letters <= 20:
        raise DataFileError(path, "activity_on_goods.min_letters",
                            "må være et heltall fra 3 til 20")
    unknown = data.get("unknown_activity")
    if not isinstance(unknown, dict) or unknown.get("category") not in CATEGORIES:
        raise DataFileError(path, "unknown_activity",
                            "må ha endings, worked_on_after, buildings, not_activities og en "
                            f"kategori (gyldige: {', '.join(CATEGORIES)})")
    return Grammar(
        unknown_activity_category=str(unknown["category"]),
        unknown_activity_label=_text(unknown, "label", path, "unknown_activity."),
        unknown_activity_works_label=_text(unknown, "works_label", path, "unknown_activity."),
        unknown_activity_endings=tuple(sorted(_words(unknown, "endings", path,
                                                     "unknown_activity."))),
        unknown_activity_on=_words(unknown, "worked_on_after", path, "unknown_activity."),
        buildings=_words(unknown, "buildings", path, "unknown_activity."),
        not_activities=_words(unknown, "not_activities", path, "unknown_activity."),
        destination_prepositions=_words(data, "destination_prepositions", path),
        place_prepositions=_words(data, "place_prepositions", path),
        destination_factor=float(factor),
        buying_before=before,
        stop=_stop_pattern(_words(data, "stop_words", path)),
        bought_after=_verb_pattern(_words(data, "bought_after", path)),
        works=works, parts=parts, within_words=within, building_category=category,
        works_after=_words(work, "works_after", path, "building_work."),
        operated=_phrase_pattern(operated_words),
        operated_category=str(operated["category"]),
        activity_preposition=preposition.lower(),
        activity_endings=tuple(sorted(_words(activity, "endings", path, "activity_on_goods."))),
        activity_min_letters=letters,
        activity_category=str(activity["category"]),
        activity_label=_text(activity, "label", path, "activity_on_goods."),
        installing=_words(activity, "installing", path, "activity_on_goods."),
    )


def load_grammar(path: Path | None = None) -> Grammar:
    return load_parsed(path or GRAMMAR_PATH, parse_grammar)
