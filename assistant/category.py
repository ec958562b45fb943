"""Procurement category of a purchase from what is bought.

A lexicon kept as data (`knowledge/category_lexicon.yaml`) gives each category
its words; the longest word matching at a place in the text wins, strong words
(what is bought) count twice as much as weak ones (the kind: "tjeneste").
Each written word counts once: in a compound the last strong part (the head,
"legevakt|bil") decides, a strong part outweighs a weak one in the same word
("hjemmesykepleie|tjenester"), and a short word may end a compound
("førstehjelps|kurs", "skole|tak"). A word after "av"/"til"/"for" names where
the purchase goes and counts half, except after a word of buying ("kjøp av",
"anbud på", "behov for"), where it names what is bought.
A tie or no match leaves the category unknown, unless an embedding encoder is
given: then the text is compared with each category's words (the model is
optional and only used for words the lexicon lacks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant.amounts import find_amounts
from assistant.category_grammar import Grammar, load_grammar
from assistant.places import find_municipality, fold, one_edit_apart
from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import load_parsed
from rules.model import CATEGORIES

LEXICON_PATH = KNOWLEDGE_DIR / "category_lexicon.yaml"
STRONG, WEAK = 2.0, 1.0
GOODS = "varer"
SHORT = 4
"""Terms of at most this many letters match whole words (with inflection) only."""
_INFLECTION = r"(?:en|er|ene|et|a|e|s|r|ne)?"
@dataclass(frozen=True)
class CategoryMatch:
    category: str
    source: str
    """The words the category came from (or "modell: …" for the embedding fallback)."""
    score: float


@dataclass(frozen=True)
class Lexicon:
    terms: dict[str, tuple[str, float]]
    """term -> (category, weight)."""
    pattern: re.Pattern[str]
    not_heads: frozenset[str] = frozenset()
    """Terms that never end a compound ("eier|skap", "kom|post")."""
    ignored: frozenset[str] = frozenset()
    """Words (and compounds ending in them) never read for a category ("format", "grense")."""
    people: frozenset[str] = frozenset()
    """Words for people a service is for: "til brukere", "for demente" says what, not where."""
    grammar: Grammar = field(default_factory=load_grammar, compare=False, repr=False)
    head_cache: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def strong_words(self) -> dict[int, tuple[str, ...]]:
        """The strong one-word terms by length (a slipped letter is looked up among these)."""
        by_size: dict[int, list[str]] = {}
        for term, (_, weight) in self.terms.items():
            if weight == STRONG and " " not in term:
                by_size.setdefault(len(term), []).append(term)
        return {size: tuple(words) for size, words in by_size.items()}


def parse_lexicon(data: Any, path: Path) -> Lexicon:
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise DataFileError(path, "categories", "mangler (en tabell per kategori)")
    terms: dict[str, tuple[str, float]] = {}
    for category, entry in data["categories"].items():
        if category not in CATEGORIES:
            raise DataFileError(path, f"categories.{category}",
                                f"ukjent kategori (gyldige: {', '.join(CATEGORIES)})")
        if not isinstance(entry, dict):
            raise DataFileError(path, f"categories.{category}", "må ha strong/weak-lister")
        for kind, weight in (("strong", STRONG), ("weak", WEAK)):
            words = entry.get(kind, [])
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip()
                                                      for w in words):
                raise DataFileError(path, f"categories.{category}.{kind}",
                                    "må være en liste med ord")
            for word in words:
                term = word.strip().lower()
                if term in terms and terms[term][0] != category:
                    raise DataFileError(path, f"categories.{category}.{kind}",
                                        f"«{term}» står også under {terms[term][0]}")
                terms[term] = (category, weight)
                terms.setdefault(fold(term), (category, weight))  # "skolemobler", "stoler"
    if not terms:
        raise DataFileError(path, "categories", "ingen ord")
    not_heads = data.get("not_compound_heads", [])
    if not isinstance(not_heads, list) or not all(isinstance(w, str) for w in not_heads):
        raise DataFileError(path, "not_compound_heads", "må være en liste med ord")
    heads = frozenset(w.strip().lower() for w in not_heads)
    people = data.get("people", [])
    if not isinstance(people, list) or not all(isinstance(w, str) for w in people):
        raise DataFileError(path, "people", "må være en liste med ord")
    ignored = data.get("ignored_words", [])
    if not isinstance(ignored, list) or not all(isinstance(w, str) for w in ignored):
        raise DataFileError(path, "ignored_words", "må være en liste med ord")
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        escaped = re.escape(term)
        if len(term) <= SHORT:
            alternatives.append(rf"(?<![\wæøå-]){escaped}{_INFLECTION}(?![\wæøå])")
        elif " " in term:  # "ny skole" is not "ny skolebuss"
            alternatives.append(rf"{escaped}{_INFLECTION}(?![\wæøå])")
        else:
            alternatives.append(escaped)
    pattern = re.compile("|".join(alternatives))
    return Lexicon(terms, pattern, heads, frozenset(w.strip().lower() for w in ignored),
                   frozenset(w.strip().lower() for w in people))


def load_lexicon(path: Path | None = None) -> Lexicon:
    return load_parsed(path or LEXICON_PATH, parse_lexicon)


def _term_of(lexicon: Lexicon, matched: str) -> str:
    if matched in lexicon.terms:
        return matched
    for term in lexicon.terms:  # a short or multi-word term with an inflection ending
        if (len(term) <= SHORT or " " in term) and matched.startswith(term) and \
                len(matched) - len(term) <= 3:
            return term
    return matched


@dataclass(frozen=True)
class _Hit:
    category: str
    weight: float
    strong: bool
    word: tuple[int, int]
    place: bool = False
    """Only names where the purchase goes ("til sykehjemmet")."""


_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ENDINGS = sorted({"en", "er", "ene", "et", "a", "e", "s", "r", "ne", "ers", "ens", "ets", "ane"},
                  key=len, reverse=True)
_SINGULAR_OR_DEFINITE = ("", "en", "et", "ene", "e", "a")
"""Endings after which a plural term ("senger") may be read from its stem ("sengene")."""
MIN_MODIFIER = 3
"""Letters before a compound's head ("tak|stoler"); a short head needs 4 ("brann|vakt")."""


def _word_span(lowered: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and (lowered[start - 1].isalnum() or lowered[start - 1] == "-"):
        start -= 1
    while end < len(lowered) and (lowered[end].isalnum() or lowered[end] == "-"):
        end += 1
    return start, end


def _destination(before: str, grammar: Grammar) -> tuple[str | None, list[str], str]:
    """The preposition when a word follows "til X"/"av X" (up to two words between) that is
    not "kjøp av X", the words between, and the word before the preposition."""
    words = before.split()[-4:]
    for back in range(1, 4):
        if back > 1 and grammar.bought_after.fullmatch(words[-back + 1] if back <= len(words)
                                                       else ""):
            return None, [], ""  # "i Holtålen trenger tolk": the verb ends the phrase
        if back > len(words) or not (words[-back].isalpha() or (
                words[-back].isdigit() and len(words[-back]) <= 3)):
            return None, [], ""  # a count may stand between ("i 4 kommunale bygg"), no year
        prep = words[-back]
        if prep in grammar.destination_prepositions:
            verb = words[-back - 1] if back < len(words) else ""
            buying = grammar.buying_before.get(prep, frozenset())
            if verb in buying or any(verb.endswith(w) for w in buying
                                     if w.endswith(("ing", "else", "kjøp"))):
                return None, [], ""  # "bestilling på", also "julebestilling på"
            return prep, words[len(words) - back + 1:], verb
    return None, [], ""


HEAD_CACHE_SIZE = 4096


def _head(word: str, lexicon: Lexicon) -> str | None:
    """The longest lexicon term that ends the word: its head. A term ending the word exactly
    ("teppe|rens") goes before one read with an inflection ending ("tepper|ens")."""
    cache = lexicon.head_cache
    if word not in cache:
        if len(cache) > HEAD_CACHE_SIZE:
            cache.clear()
        cache[word] = _find_head(word, lexicon)
    return cache[word]


def _find_head(word: str, lexicon: Lexicon) -> str | None:
    for ending in ("", *_ENDINGS):
        if not word.endswith(ending):
            continue
        stem = word[:len(word) - len(ending)]
        for i in range(len(stem)):
            candidate = stem[i:].lstrip("-")
            if candidate not in lexicon.terms and ending in _SINGULAR_OR_DEFINITE \
                    and len(candidate) >= SHORT and candidate + "er" in lexicon.terms:
                candidate += "er"  # "sengene", "seng": the plural "senger" is the term
            if candidate not in lexicon.terms or " " in candidate:
                continue
            short = len(candidate) <= SHORT
            if i == 0 or (i >= (4 if short else MIN_MODIFIER)
                          and candidate not in lexicon.not_heads):
                return candidate
    return None


def _ignored(word: str, lexicon: Lexicon) -> bool:
    """The word is, or ends in, an ignored word ("standardformatet", "beløpsgrense")."""
    return any(word.endswith(e) and word[:len(word) - len(e)].endswith(tuple(lexicon.ignored))
               for e in ("", *_ENDINGS)) if lexicon.ignored else False


def _for_people(words: list[str], lexicon: Lexicon) -> bool:
    """Some of the words name people a service is for ("brukere", "mindreårige")."""
    return any(word.endswith(e) and word[:len(word) - len(e)] in lexicon.people
               for word in words for e in ("", *_ENDINGS))


def _is_term(part: str, lexicon: Lexicon) -> bool:
    """The part is one lexicon term, perhaps with an inflection ending."""
    return any(part.endswith(e) and part[:len(part) - len(e)] in lexicon.terms
               for e in ("", *_ENDINGS))


def _inner_part(before: str, after: str, lexicon: Lexicon) -> bool:
    """A term found inside a word is a part of the compound: the first part before it is
    long enough, and it ends the word ("skole|helsetjeneste|n") or a term follows it
    ("skole|helse|tjeneste"). Not "an|kaffe|lse", "plan|legg|ing", "be|drift"."""
    if len(before.lstrip("-")) < MIN_MODIFIER:
        return False
    if not after or any(after == e for e in _ENDINGS):
        return True
    rest = after.lstrip("-")
    return _is_term(rest, lexicon) or rest[:1] in "se" and _is_term(rest[1:], lexicon)


def _hits(text: str, lexicon: Lexicon) -> list[_Hit]:
    """One say per written word: its head if strong, else its strong parts, else its weak ones."""
    lowered = text.lower()
    by_word: dict[tuple[int, int], list[_Hit]] = {}
    for match in lexicon.pattern.finditer(lowered):
        term = _term_of(lexicon, match.group(0))
        category, weight = lexicon.terms.get(term, ("", 0.0))
        word = _word_span(lowered, match.start(), match.end())
        if _ignored(lowered[word[0]:word[1]], lexicon):
            continue
        if category and (match.start() == word[0] or _inner_part(
                lowered[word[0]:match.start()], lowered[match.end():word[1]], lexicon)):
            by_word.setdefault(word, []).append(_Hit(category, weight, weight == STRONG, word))
    multi = [span for span in by_word if " " in lowered[span[0]:span[1]]]
    for found in _WORD_RE.finditer(lowered):
        span = found.span()
        if any(s <= span[0] and span[1] <= e for s, e in multi if (s, e) != span) or \
                _ignored(found.group(0), lexicon):
            continue
        head = _head(found.group(0), lexicon)
        if head:
            category, weight = lexicon.terms[head]
            hit = _Hit(category, weight, weight == STRONG, span)
            parts = by_word.get(span, [])
            if hit.strong:
                by_word[span] = [hit]
            elif not any(p.strong for p in parts):
                by_word[span] = [hit]
    hits: list[_Hit] = []
    for span, parts in by_word.items():
        strong = [h for h in parts if h.strong]
        grammar = lexicon.grammar
        prep, between, verb = _destination(lowered[max(0, span[0] - 60):span[0]], grammar)
        if prep in ("til", "for") and _for_people([*between, lowered[span[0]:span[1]]], lexicon):
            prep = None  # "tjenester til personer med utviklingshemming": who it is for
        elif prep == "med" and _for_people([verb], lexicon):
            prep = None  # "personer med utviklingshemming": the people, not a tool
        worked_on = prep == grammar.activity_preposition and grammar.is_activity(verb)
        for hit in (strong or parts[:1]):
            weight = hit.weight * (grammar.destination_factor if prep else 1.0)
            category, shown = hit.category, span
            word = lowered[span[0]:span[1]]
            if worked_on and hit.category == GOODS:  # "vasking av biler": a service on goods
                category = (grammar.building_category if verb in grammar.installing
                            else grammar.activity_category)  # "montering av radiatorer"
                shown = (lowered.rfind(verb, max(0, span[0] - 60), span[0]), span[1])
            elif hit.category == GOODS and grammar.names_activity(word) and \
                    _head(word, lexicon) is None:  # "pianostemming": the activity is the head
                category = grammar.activity_category
            hits.append(_Hit(category, weight, hit.strong, shown,
                             prep in grammar.place_prepositions))
    return hits


LASTS_RE = re.compile(
    r"\bvarer?(?=\s+(?:i\s+(?:\S+\s+){0,3}(?:år|måned|mnd)|til\s+(?:\d|utgangen|og\s+med)"
    r"|ut\b|fram\b|frem\b|over\b|lenger\b))", re.IGNORECASE)
""""avtalen skal vare i to år", "kontrakten varer til 31.12.2028": the verb, not goods."""


SLIP_FROM = 8
"""Letters a word needs before one slipped letter is forgiven: "telefonløsning" is
read as the term "telefoniløsning" when no term fits the text as written."""


def _slipped_terms(text: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    """(word as written, the strong term it misses by one letter) for each long word
    that no term fits and that one term's category alone is one slip away from."""
    found: list[tuple[str, str]] = []
    for match in _WORD_RE.finditer(text.lower()):
        word = match.group(0)
        if len(word) < SLIP_FROM or _head(word, lexicon) or _ignored(word, lexicon):
            continue
        for ending in ("", *_ENDINGS):
            if not word.endswith(ending):
                continue
            stem = word[:len(word) - len(ending)]
            near = sorted(term for size in (len(stem) - 1, len(stem), len(stem) + 1)
                          for term in lexicon.strong_words.get(size, ())
                          if one_edit_apart(stem, term))
            if near and len({lexicon.terms[term][0] for term in near}) == 1:
                found.append((word, near[0] + ending))
                break
    return found


def match_category(text: str, lexicon: Lexicon | None = None) -> CategoryMatch | None:
    """The category the lexicon gives the text, or None (no match, a tie, or only the
    place the purchase goes: "noe til sykehjemmet"). When no term fits at all, a long
    word one letter off a term is read as that term, and the source says so; else an
    activity the lexicon lacks is a service or works (the grammar's `unknown_activity`)."""
    lexicon = lexicon or load_lexicon()
    found = _match(text, lexicon)
    if found is not None:
        return found
    slips = _slipped_terms(text, lexicon)
    if not slips:
        return _activity(text, lexicon)
    corrected = text
    for word, term in slips:
        corrected = re.sub(rf"(?<![\wæøå]){re.escape(word)}(?![\wæøå])", term, corrected,
                           flags=re.IGNORECASE)
    again = _match(corrected, lexicon)
    if again is None:
        return None
    source = again.source
    for word, term in slips:
        source = re.sub(rf"(?<![\wæøå]){re.escape(term)}(?![\wæøå])",
                        f"{word} (lest som {term})", source, flags=re.IGNORECASE)
    return CategoryMatch(again.category, source, again.score)


HEADING_RE = re.compile(r"^\s*(?:[^\W\d_][\w./&-]*\s+){0,4}[^\W\d_][\w./&-]*\s*:(?!\d)")
"""A few words and a colon opening a message ("Tydal vaktmester:", "Frosta helsetun:"):
who orders or where, not what is bought."""


PURPOSE_RE = re.compile(r"\b(?:til|innen|innenfor|angående|vedrørende|ifm\.?|med)\b",
                        re.IGNORECASE)
"""Between the head of what is bought and a later word: the later word says what for, in
which field or with what ("konsulenttimer innen plan og byggesak", "scenetekniker med
eget utstyr")."""
CLAUSE_START_RE = re.compile(r",\s*|\s(?:så|men|fordi|derfor)\s", re.IGNORECASE)
"""Where a clause begins within a sentence."""
NAMED_RE = re.compile(r"(?:varer?|tjenester?|bygg\s*(?:-\s*)?og\s+anlegg\w*"
                      r"|helse\s*-?\s*og\s+sosial\w*)", re.IGNORECASE)
"""The category named outright ("Varer, ingen avtale."): read in any sentence."""
CONTRACT_OBJECT_RE = re.compile(
    r"\s+(?:vi\s+)?(?:en\s+|ei\s+|et\s+)?(?:ny\s+)?(?:ramme)?(?:avtale|kontrakt)\w*\b",
    re.IGNORECASE)
""""vi ønsker avtale for 4 semestre": the verb's object is the contract, not the thing."""
RELATIVE_RE = re.compile(r"\bsom\b", re.IGNORECASE)
""""avlastningsplassen … som vi må kjøpe": what is bought comes before the verb."""
_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+(?=\s|$)|\n|$)")


def _purchase_sentence(text: str, grammar: Grammar, hits: list[_Hit]) -> tuple[int, int]:
    """The span of the sentence that states the purchase and names something: the first
    with a verb of buying and an amount, else with a verb, else with an amount; the whole
    text when no such sentence names anything."""
    sentences = [m.span() for m in _SENTENCE_RE.finditer(text) if m.group(0).strip()]
    if len(sentences) < 2:
        return 0, len(text)
    named = [span for span in sentences if any(span[0] <= h.word[0] < span[1] for h in hits)]
    with_verb = [span for span in named if grammar.bought_after.search(text, *span)
                 or grammar.buying_of.search(text, *span)]  # "kjøp av BPA"
    with_money = [span for span in named
                  if any(a.money for a in find_amounts(text[span[0]:span[1]]))]
    both = [span for span in with_verb if span in with_money]
    return next(iter(both or with_verb or with_money), (0, len(text)))


def _names_nothing(text: str, start: int, end: int, grammar: Grammar) -> bool:
    """After the verb, its clause names no thing of its own: only a count, a unit, a
    pronoun or a place ("vi trenger 40 stykker til idrettsanleggene", "vi skal ha dem")."""
    clause = _without_municipalities(re.split(r"[,.;!?]", text[start:end])[0])
    places = "|".join(sorted(grammar.place_prepositions, key=len, reverse=True))
    clause = re.sub(rf"(?<!\w)(?:{places})\s+\S+(?:\s+\S+)?", " ", clause, flags=re.IGNORECASE)
    words = [w for w in re.findall(r"[^\W\d_][\w-]*", grammar.stop.sub(" ", clause).lower())
             if w not in PRONOUNS_AND_UNITS]
    return not words


PRONOUNS_AND_UNITS = frozenset({
    "den", "det", "dem", "disse", "dette", "de", "stykker", "stykk", "stk", "enheter", "sett",
    "par", "eksemplarer", "nå", "også", "totalt", "til", "sammen", "alt", "alle"})
"""Words after a verb of buying that name nothing new ("vi trenger 40 stykker")."""


def _orderer_heading(text: str) -> int | None:
    """Where the text goes on after a heading that names the orderer, its municipality
    first ("Tydal vaktmester:", "Frosta helsetun:"); None without one ("Innleie av
    driftsoperatør til vannverket:", "Trykking av kommuneavisa i Selbu:" name the purchase)."""
    heading = HEADING_RE.match(text)
    if heading is None:
        return None
    place = find_municipality(heading.group(0))
    if place is None or len(heading.group(0)[:place.start].split()) > 1:
        return None  # "Trykking av kommuneavisa i Selbu:" names what is bought
    return heading.end()


def _activity(text: str, lexicon: Lexicon) -> CategoryMatch | None:
    """An activity the lexicon lacks ("intonering av kirkeorgelet"): a service, or works
    on a building (category_grammar.yaml `unknown_activity`); the source says so."""
    grammar = lexicon.grammar
    bought = re.findall(r"[^\W\d_]+", what_is_bought(text).lower())
    activity = next((w for w in bought if grammar.names_activity(w)), None)
    if activity is None:
        return None
    # read on from the activity in the text itself: where it is done ("i kjelleren")
    words = re.findall(r"[^\W\d_]+", text.lower())
    after = words[words.index(activity):] if activity in words else [activity]
    if _for_people(after[1:1 + grammar.within_words + 1], lexicon):
        return None  # "oppfølging av personer med …": care or a service, the model reads it
    found = grammar.unknown_activity(after)
    if found is None:
        return None
    category, label, source = found
    return CategoryMatch(category, f"{source} ({label})", WEAK)


def _match(text: str, lexicon: Lexicon) -> CategoryMatch | None:
    text = LASTS_RE.sub(lambda m: " " * len(m.group(0)), text)
    grammar = lexicon.grammar
    if work := grammar.building_work(text):
        return CategoryMatch(grammar.building_category, work, STRONG)
    scores: dict[str, float] = {}
    sources: dict[str, list[str]] = {}
    direct: set[str] = set()
    named: set[str] = set()
    """Categories a strong word names outside a place ("serviceavtale på heisene")."""
    hits = _hits(text, lexicon)
    heading = _orderer_heading(text)
    if heading is not None:  # "Frosta helsetun: julebestilling på dagligvarer": who, then what
        hits = [hit if hit.word[0] >= heading else replace(
            hit, weight=hit.weight * grammar.destination_factor, place=True) for hit in hits]
    start, end = _purchase_sentence(text, grammar, hits)
    # "… Vannverket leverer 1 400 m3 i døgnet": another sentence says nothing of the purchase
    hits = [hit for hit in hits if start <= hit.word[0] < end
            or NAMED_RE.fullmatch(text[hit.word[0]:hit.word[1]])]
    verbs = [v for v in grammar.bought_after.finditer(text, start, end)
             if not RELATIVE_RE.search(text, start, v.start())
             and not CONTRACT_OBJECT_RE.match(text, v.end())]
    # the last verb with something named after it ("må ha skyss …, og vi vil ha avtale")
    verbs = [v for v in verbs if any(hit.word[0] >= v.end() for hit in hits)] or verbs[-1:]
    if verbs:  # "Tydal vannverk bestilte 3 vannpumper": the orderer comes before the verb
        after = [hit for hit in hits if hit.word[0] >= verbs[-1].end()]
        if all(hit.place for hit in after) and _names_nothing(text, verbs[-1].end(), end,
                                                               grammar):
            after = []  # "Hjertestartere à 14 900, vi trenger 40 stykker til hallene"
            verbs = []
    if verbs:
        if not after:
            # "… stenges for oppussing, så vi må leie en mobil kjøkkencontainer": before the
            # verb, only its own clause may name what is bought ("kameraene vi skal kjøpe")
            opening = max((m.end() for m in CLAUSE_START_RE.finditer(text, start,
                                                                     verbs[-1].start())),
                          default=start)
            after = [hit for hit in hits if hit.word[0] >= opening]
            if not after:
                return None
        hits = after
    for hit in hits:
        scores[hit.category] = scores.get(hit.category, 0.0) + hit.weight
        sources.setdefault(hit.category, []).append(text[hit.word[0]:hit.word[1]])
        if not hit.place:
            direct.add(hit.category)
            if hit.strong:
                named.add(hit.category)
    if not scores:
        return None
    if GOODS in scores and (operated := grammar.operated_hire(text)):
        works = grammar.building_category
        # "gravemaskin med fører til grøfting": a works activity (a verbal noun) is what
        # the operator does; a works place alone ("brøyting av skolegården") is not
        if any(w.lower().endswith(("ing", "ingen", "inger")) for w in sources.get(works, [])):
            return CategoryMatch(works, ", ".join(dict.fromkeys(sources[works]))
                                 + f" ({operated})", scores[works])
        hired = grammar.operated_category  # the machine with its operator: a service
        scores[hired] = scores.get(hired, 0.0) + scores.pop(GOODS)
        sources[hired] = [*sources.get(hired, []), *sources.pop(GOODS), operated]
        direct.discard(GOODS)
        direct.add(hired)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        tied = [c for c, score in ranked if score == ranked[0][1]]
        named_only = [c for c in tied if c in named]
        first = next((hit for hit in sorted(hits, key=lambda h: h.word[0])
                      if hit.strong and not hit.place and hit.category in tied), None)
        purpose = first is not None and all(
            PURPOSE_RE.search(text, first.word[1], hit.word[0]) or (
                hit.word[0] > first.word[1] and hit.weight < first.weight)
            for hit in hits if hit.category in tied and hit.category != first.category)
        # ("strøing av fortau og gangveier": what the head works on counts less than it)
        if first is not None and purpose and len(named_only) > 1:
            # "kjøpe 2 traktorer til drift av uteområdene": what follows "til" is the purpose
            named_only = [first.category]
        elif len(named_only) != 1 or any(c in direct for c in tied if c != named_only[0]):
            return None  # "tjenester i hjemmetjenesten": ask rather than guess
        # "serviceavtale på heisene i 4 kommunale bygg": what is named beats where it is done
        ranked = [(named_only[0], ranked[0][1])]
    best = ranked[0][0]
    if best not in direct:
        return None
    shown = list(dict.fromkeys(sources[best]))  # "makulering av arkivpapir", not also "makulering"
    shown = [w for w in shown if not any(w != other and w in other for other in shown)]
    return CategoryMatch(best, ", ".join(shown), ranked[0][1])


_SENTENCE_END_RE = re.compile(r"[!?;]|\.(?=\s|$)")


def what_is_bought(text: str) -> str:
    """The words of a description with amounts, VAT, agreement and filler words removed,
    and without where it goes ("til kulturskolen") when something else is left."""
    grammar = load_grammar()
    text = _without_municipalities(text)
    verbs = list(grammar.bought_after.finditer(text))
    if verbs:  # what follows the verb in its sentence ("vi vil ha et nytt klatrestativ")
        end = _SENTENCE_END_RE.search(text, verbs[-1].end())
        object_words = text[verbs[-1].end():end.start() if end else len(text)]
        if grammar.stop.sub(" ", object_words).strip():
            text = object_words
        elif grammar.stop.sub(" ", text[verbs[-1].end():]).strip():
            text = text[verbs[-1].end():]
    places = "|".join(sorted(grammar.place_prepositions, key=len, reverse=True))
    bought = re.sub(rf"(?<!\w)(?:{places})\s+[^\W\d_][\w-]*", " ", text, flags=re.IGNORECASE)
    words = " ".join(grammar.stop.sub(" ", bought).split())
    return words or " ".join(grammar.stop.sub(" ", text).split())


def _without_municipalities(text: str) -> str:
    """The text with the municipalities it names blanked ("Stjørdal kommune"): where the
    purchase is made says nothing of what it is."""
    for _ in range(6):
        place = find_municipality(text)
        if place is None or place.end <= place.start:
            break
        text = text[:place.start] + " " * (place.end - place.start) + text[place.end:]
    return text
