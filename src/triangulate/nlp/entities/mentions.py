"""Who and where in one document: people, organisations, places, nationalities, military units.

spaCy's small English model finds most names but labels "Kursk" a product,
"Kyiv" a person and "Sumy" an organisation; the gazetteer corrects those, and
a few token rules add what the model does not know: region names ("Kursk
region" is one place, distinct from the town), military units, and the title
or function reported with a person (`EntityMention.role`). Everything reads
the tokens, tags and entities of the existing parse: no second parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from triangulate.models import EntityMention
from triangulate.nlp import extensions
from triangulate.resources.gazetteer import REGION_WORDS, Gazetteer, Match
from triangulate.resources.lexicons import lexicon
from triangulate.resources.outlets import load_outlets

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels the model gives to place names it does not know ("Kursk" PRODUCT).
SUSPECT_LABELS = {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
MAX_NAME_TOKENS = 6
# Town sizes above which a gazetteer name is trusted over the model's label: a
# small town's name is too likely to be a surname, a word or a menu item.
MIN_POPULATION_UNTAGGED = 15000
MIN_POPULATION_OVERRULING = 100000
MIN_POPULATION_SUSPECT = 1000


TITLE_WORDS = lexicon("titles")
# Lower-case words inside titles: "deputy prime minister", "foreign ministry spokeswoman".
TITLE_MODIFIERS = lexicon("title_modifiers")
TITLE_COMPLEMENTS = frozenset({"of", "for", "at", "to", "in", "with", "on"})
TITLE_CONNECTORS = frozenset({"of", "the", "for", "and", "-", "’s", "'s", "&"})
UNIT_NOUNS = lexicon("unit_nouns")
CAPITALISED_UNIT_NOUNS = lexicon("unit_nouns_capitalised")
UNIT_MODIFIERS = lexicon("unit_modifiers")
QUOTES = frozenset("\"'“”‘’«»")
POSSESSIVES = frozenset({"’s", "'s", "’", "'"})
DETERMINERS = frozenset({"the", "a", "an"})
REGION_OF = frozenset({"region", "province", "oblast"})
# Finite verbs and relative pronouns end an apposition: "Peskov, who said ...".
CLAUSE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "WP", "WDT"})
RULER_NOUNS = frozenset({"regime", "administration"})
NAME_POS = frozenset({"PROPN", "NOUN", "ADJ"})
PLACE_RANK = {"country": 3, "city": 2, "region": 1}


@dataclass
class _Candidate:
    """A mention under construction, in token indices."""

    start: int
    end: int
    label: str
    kind: str | None = None
    role: str | None = None


def find_mentions(
    doc: Doc, gazetteer: Gazetteer, outlets: frozenset[str] | None = None
) -> list[EntityMention]:
    """The mentions of one parsed document, with character offsets into `doc.text`.

    `outlets` are casefolded outlet names, labelled organisations whatever the
    model says ("Xinhua", "Meridian"); the bundled outlet list by default.
    """
    outlets = outlet_names() if outlets is None else outlets
    entities = [(*_trim(doc, ent.start, ent.end), ent.label_) for ent in doc.ents]
    entities = [(start, end, label) for start, end, label in entities if start < end]
    in_full_names = {
        doc[i].lower_
        for start, end, label in entities
        if label == "PERSON" and end - start > 1
        for i in range(start, end)
    }
    candidates = [
        c for e in entities if (c := _from_entity(doc, *e, gazetteer, in_full_names, outlets))
    ]
    candidates = _merge(candidates, _untagged_places(doc, gazetteer, candidates, outlets))
    candidates = _merge(candidates, _untagged_people(doc, candidates))
    candidates = _merge_units(_units(doc, candidates), candidates)
    for candidate in candidates:
        if candidate.label == "PLACE":
            _mark_region(doc, candidate, candidates)
    _relabel_people(doc, candidates)
    for candidate in candidates:
        if candidate.label == "PERSON":
            candidate.role = _role(doc, candidate)
    text = extensions.text(doc)
    return [_mention(doc, text, c) for c in candidates]


def _mention(doc: Doc, text: str, candidate: _Candidate) -> EntityMention:
    start = doc[candidate.start].idx
    end = doc[candidate.end - 1].idx + len(doc[candidate.end - 1])
    return EntityMention(
        start, end, text[start:end], candidate.label, candidate.role, candidate.kind
    )


def _breaks_line(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing "'s", edge punctuation, and anything after a line break."""
    for i in range(start, end):
        if "\n" in doc[i].text or (i > start and "\n" in doc[i - 1].whitespace_):
            end = i
            break
    while start < end and (
        doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].text in POSSESSIVES or (doc[end - 1].is_punct and doc[end - 1].text != ".")
    ):
        end -= 1
    return start, end


def _best_place(gazetteer: Gazetteer, text: str) -> Match | None:
    """The likeliest reading of a name as a place: user entries, countries, towns, then regions."""
    return max(
        gazetteer.lookup(text),
        key=lambda m: (
            m.place.user,
            PLACE_RANK.get(m.place.kind, 0),
            not m.alternate,
            m.place.population,
        ),
        default=None,
    )


def _is_strong(match: Match | None, min_population: int) -> bool:
    """A place reading good enough to overrule the model, or to tag an untagged word."""
    if match is None:
        return False
    place = match.place
    if place.user or place.kind in {"country", "region"}:
        return True
    return place.population >= max(
        min_population, MIN_POPULATION_OVERRULING if match.alternate else 0
    )


@cache
def outlet_names(*paths: str) -> frozenset[str]:
    """The casefolded names and aliases of the bundled outlet list and of user outlet files."""
    return frozenset(load_outlets(*paths).names)


def _from_entity(
    doc: Doc,
    start: int,
    end: int,
    label: str,
    gazetteer: Gazetteer,
    in_full_names: set[str],
    outlets: frozenset[str],
) -> _Candidate | None:
    """The model's entity, relabelled where the gazetteer or the outlet list knows better."""
    if label not in {"PERSON", "ORG", "NORP"} | PLACE_LABELS | SUSPECT_LABELS:
        return None
    text = doc[start:end].text
    if text.casefold() in outlets:
        return _Candidate(start, end, "ORG")  # "Xinhua" is no person
    if label in {"PERSON", "ORG"} and end - start == 1 and gazetteer.demonym_country(text):
        return _Candidate(start, end, "NORP")  # "Kaldorian" tagged PERSON
    match = _best_place(gazetteer, text)
    kind = None if match is None else match.place.kind
    if label in PLACE_LABELS:
        if match is None and gazetteer.demonym_country(text):
            return _Candidate(start, end, "NORP")  # "Ukrainian" tagged GPE
        if len(text) <= 2 and kind != "country":
            return None  # menu debris tagged GPE: "Us", "KA"
        return _Candidate(start, end, "PLACE", kind or "other")
    if label == "NORP":
        if not gazetteer.demonym_country(text) and _is_strong(match, MIN_POPULATION_UNTAGGED):
            return _Candidate(start, end, "PLACE", kind)  # "Belgorod" tagged NORP
        return _Candidate(start, end, "NORP")
    if label in SUSPECT_LABELS:
        return (
            _Candidate(start, end, "PLACE", kind)
            if _is_strong(match, MIN_POPULATION_SUSPECT)
            else None
        )
    # "Vladimir" stays a person where "Vladimir Putin" is named too.
    if _is_strong(match, MIN_POPULATION_OVERRULING) and not (
        label == "PERSON" and any(t.lower_ in in_full_names for t in doc[start:end])
    ):
        return _Candidate(start, end, "PLACE", kind)
    if label == "PERSON":
        if any(c.isdigit() for c in text) or (end - start == 1 and text.isupper()):
            return None  # "SHAKA", "08:48 UTC+8"
        while start < end - 1 and doc[start].lower_ in TITLE_WORDS:
            start += 1  # "President Putin": the title becomes the role
        return _Candidate(start, end, "PERSON")
    return _organisation_or_person(doc, start, end)


def _organisation_or_person(doc: Doc, start: int, end: int) -> _Candidate | None:
    """Titles tagged as organisations: "Kremlin Spokesman", "Defence Minister Danitsa Golub"."""
    while end > start and doc[end - 1].lower_ in TITLE_WORDS:
        end -= 1
    titles = [i for i in range(start, end) if doc[i].lower_ in TITLE_WORDS]
    if titles and 2 <= end - titles[-1] - 1 <= 3 and _looks_like_name(doc[titles[-1] + 1 : end]):
        return _Candidate(titles[-1] + 1, end, "PERSON")
    if end - start == 1 and end < len(doc) and doc[end].lower_ in RULER_NOUNS:
        return _Candidate(start, end, "PERSON")  # "the Aslanuli regime"
    return _Candidate(start, end, "ORG") if start < end else None


def _looks_like_name(tokens: Span) -> bool:
    return all(_name_word(t) for t in tokens)


def _name_word(token: Token) -> bool:
    return token.is_alpha and token.text.istitle() and token.pos_ == "PROPN"


def _untagged_places(
    doc: Doc, gazetteer: Gazetteer, candidates: list[_Candidate], outlets: frozenset[str]
) -> list[_Candidate]:
    """Places the model missed or cut short: "KYIV", "Brenna crossing", "Ak-Dolvar"."""
    starts = {c.start: c for c in candidates}
    ends = {c.end for c in candidates}
    covered = {i for c in candidates for i in range(c.start, c.end)}
    covered |= {
        i for ent in doc.ents for i in range(ent.start, ent.end) if ent.label_ not in SUSPECT_LABELS
    }
    scan = _PlaceScan(doc, gazetteer, covered, ends, outlets)
    found: list[_Candidate] = []
    i = 0
    while i < len(doc):
        if scan.capitalised[i] and (i not in covered or i in starts):
            shortest = starts[i].end - i + 1 if i in starts else 1
            hit = scan.longest_place(i, shortest)
            if hit is not None:
                found.append(hit)
                i = hit.end
                continue
        i += 1
    return found


class _PlaceScan:
    """The token facts the untagged-place scan reads, taken from the doc once: spaCy makes
    a new Token object on every `doc[i]`, and the scan tries up to `MAX_NAME_TOKENS`
    spans at each capitalised word."""

    def __init__(
        self,
        doc: Doc,
        gazetteer: Gazetteer,
        covered: set[int],
        ends: set[int],
        outlets: frozenset[str],
    ) -> None:
        self.doc, self.gazetteer, self.covered, self.ends = doc, gazetteer, covered, ends
        self.outlets = outlets
        self.text = extensions.text(doc)
        self.alpha = [t.is_alpha for t in doc]
        self.capitalised = [t.is_alpha and t.text[0].isupper() for t in doc]
        self.char_start = [t.idx for t in doc]
        self.char_end = [t.idx + len(t) for t in doc]
        # next_break[i]: the first token at or after i that ends a line (len(doc): none)
        self.next_break = [len(doc)] * (len(doc) + 1)
        for t in reversed(doc):
            self.next_break[t.i] = t.i if _breaks_line(t) else self.next_break[t.i + 1]
        self._places: dict[str, Match | None] = {}

    def longest_place(self, i: int, shortest: int) -> _Candidate | None:
        covered, ends = self.covered, self.ends
        for end in range(min(i + MAX_NAME_TOKENS, len(self.doc)), i + shortest - 1, -1):
            # A longer name may swallow whole entities, never cut one.
            if not self.alpha[end - 1] or (
                end - 1 in covered and end not in ends and end in covered
            ):
                continue
            if self.next_break[i] < end - 1:
                continue
            text = self.text[self.char_start[i] : self.char_end[end - 1]]
            match = None if text.casefold() in self.outlets else self._best_place(text)
            if match is None:
                continue
            first = self.doc[i]
            if match.place.user or (
                _looks_proper(first) and _is_strong(match, _untagged_population(first, match))
            ):
                return _Candidate(i, end, "PLACE", match.place.kind)
        return None

    def _best_place(self, text: str) -> Match | None:
        """`_best_place`, once per distinct name in the document."""
        if text not in self._places:
            self._places[text] = _best_place(self.gazetteer, text)
        return self._places[text]


def _looks_proper(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.is_upper


def _untagged_population(token: Token, match: Match) -> int:
    """Stricter at a sentence start, and much stricter on menu lines of one or two words."""
    if match.place.kind == "country":
        return 0
    if sum(t.is_alpha for t in token.sent) < 4:
        return 10**9
    return MIN_POPULATION_OVERRULING if token.is_sent_start else MIN_POPULATION_UNTAGGED


def _untagged_people(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Names the model missed but a title vouches for: "Pavel Stoyanek, director of ...,"."""
    covered = {i for c in candidates for i in range(c.start, c.end)}
    covered |= {i for ent in doc.ents for i in range(ent.start, ent.end)}
    titles = [t.lower_ in TITLE_WORDS for t in doc]
    # A word that may be part of a name: not covered, name-like, no title.
    part = [t.i not in covered and not titles[t.i] and _name_word(t) for t in doc]
    found = []
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end - i < 3 and part[end]:
            end += 1
        titled = i > 0 and titles[i - 1]
        if end - i >= 2 and (titled or _apposition_after(doc, end)):
            found.append(_Candidate(i, end, "PERSON"))
        i = max(end, i + 1)
    return found


def _merge(first: list[_Candidate], second: list[_Candidate]) -> list[_Candidate]:
    """Both lists; a span of `second` replaces the spans of `first` it covers and is longer than."""
    kept = list(first)
    for candidate in second:
        inside = [c for c in kept if candidate.start <= c.start and c.end <= candidate.end]
        overlapping = [c for c in kept if c.start < candidate.end and candidate.start < c.end]
        if len(inside) == len(overlapping):
            kept = [c for c in kept if c not in inside] + [candidate]
    return sorted(kept, key=lambda c: c.start)


def _merge_units(units: list[_Candidate], candidates: list[_Candidate]) -> list[_Candidate]:
    """A unit wins every overlap but stays inside a longer organisation name that contains it."""
    kept = list(candidates)
    for unit in units:
        overlapping = [c for c in kept if c.start < unit.end and unit.start < c.end]
        if any(
            c.label == "ORG"
            and c.start <= unit.start
            and unit.end <= c.end
            and c.end - c.start > unit.end - unit.start
            for c in overlapping
        ):
            continue
        kept = [c for c in kept if c not in overlapping] + [unit]
    return sorted(kept, key=lambda c: c.start)


def _units(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Named units: "the Akhmat special forces", "“Nightingale” battalion", "Armed Forces of X"."""
    nationalities = {i for c in candidates if c.label == "NORP" for i in range(c.start, c.end)}
    units = []
    for i, token in enumerate(doc):
        capitalised = token.text in CAPITALISED_UNIT_NOUNS
        if token.lower_ in UNIT_NOUNS or capitalised:
            head = i
        elif token.text == "forces" and i > 0 and doc[i - 1].lower_ == "special":
            head = i - 1
        else:
            continue
        start = _unit_name_start(doc, head, nationalities)
        if start is not None:
            end = _unit_complement(doc, i + 1) if capitalised else i + 1
            units.append(_Candidate(start, end, "UNIT"))
    return units


def _unit_name_start(doc: Doc, head: int, nationalities: set[int]) -> int | None:
    """Where the unit's name starts; None when nothing names it ("the battalion")."""
    start, named = head, False
    while start > 0 and not _breaks_line(doc[start - 1]):
        token = doc[start - 1]
        if token.lower_ in DETERMINERS:
            break
        if token.text in QUOTES or token.text == "-" or token.lower_ in UNIT_MODIFIERS:
            start -= 1
        elif _is_ordinal(token) or (token.is_alpha and token.text[0].isupper()):
            named = named or _is_ordinal(token) or start - 1 not in nationalities
            start -= 1
        else:
            break
        if token.is_sent_start:
            break
    while (
        start < head
        and doc[start].text in QUOTES
        and not any(t.text in QUOTES for t in doc[start + 1 : head])
    ):
        start += 1
    return start if named else None


def _is_ordinal(token: Token) -> bool:
    text = token.lower_
    return text[:-2].isdigit() and text[-2:] in {"st", "nd", "rd", "th"}


def _unit_complement(doc: Doc, end: int) -> int:
    """ "Armed Forces" + "of (the) Russian Federation"."""
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        first = end + 1 + (doc[end + 1].lower_ == "the")
        last = first
        while last < len(doc) and doc[last].is_alpha and doc[last].text[0].isupper():
            last += 1
        if last > first:
            return last
    return end


def _mark_region(doc: Doc, place: _Candidate, candidates: list[_Candidate]) -> None:
    """ "Kursk region" is one mention of a region; so is Belgorod in "the region of Belgorod"."""
    following = doc[place.end] if place.end < len(doc) else None
    if (
        following is not None
        and following.lower_ in REGION_WORDS
        and place.kind != "region"
        and not any(_breaks_line(t) for t in doc[place.start : place.end])
        and not any(c.start == place.end for c in candidates)
    ):
        place.end += 1
        place.kind = "region"
    elif doc[place.end - 1].lower_ in REGION_WORDS or (
        place.start >= 2
        and doc[place.start - 1].lower_ == "of"
        and doc[place.start - 2].lower_ in REGION_OF
    ):
        place.kind = "region"


def _relabel_people(doc: Doc, candidates: list[_Candidate]) -> None:
    """Names the model called organisations: after a title ("military chief Oleksandr Syrskyi"),
    or a surname already seen in a full name ("Vereshchuk explained")."""
    surnames = {
        doc[c.end - 1].text for c in candidates if c.label == "PERSON" and c.end - c.start > 1
    }
    for candidate in candidates:
        if candidate.label not in {"ORG", "NORP"}:
            continue
        tokens = doc[candidate.start : candidate.end]
        if len(tokens) == 1 and tokens[0].text in surnames:
            candidate.label = "PERSON"  # "Stojanek said" tagged NORP
        elif (
            candidate.label == "ORG"
            and 2 <= len(tokens) <= 3
            and _looks_like_name(tokens)
            and candidate.start > 0
            and doc[candidate.start - 1].lower_ in TITLE_WORDS
        ):
            candidate.label = "PERSON"


def _role(doc: Doc, person: _Candidate) -> str | None:
    """The title reported with a person: before the name, and in an apposition on either side."""
    premodifier = _premodifier(doc, person.start)
    roles = [doc[premodifier : person.start].text] if premodifier is not None else []
    before = _apposition_before(doc, person.start if premodifier is None else premodifier)
    after = _apposition_after(doc, person.end)
    return ", ".join(roles + [r for r in (before, after) if r]) or None


def _premodifier(doc: Doc, start: int) -> int | None:
    """Where a title before the name starts: "Kremlin Spokesman", "Chief of the General Staff"."""
    left = start
    while left > 0:
        token = doc[left - 1]
        if _breaks_line(token) or (token.ent_type_ == "PERSON" and token.text not in POSSESSIVES):
            break
        lower = token.lower_
        if not (
            lower in TITLE_WORDS
            or lower in TITLE_MODIFIERS
            or lower in TITLE_CONNECTORS
            or (token.is_alpha and token.text[0].isupper() and token.pos_ in NAME_POS)
        ):
            break
        left -= 1
        if token.is_sent_start:
            break
    while left < start and (
        doc[left].lower_ in TITLE_CONNECTORS or doc[left].lower_ in DETERMINERS
    ):
        left += 1
    if left == start or not any(t.lower_ in TITLE_WORDS for t in doc[left:start]):
        return None
    return left


def _apposition_after(doc: Doc, end: int) -> str | None:
    """ "Iryna Vereshchuk, the Ukrainian minister for reintegration ..., said"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    stop = end + 1
    while stop < len(doc) and stop - end < 25:
        token = doc[stop]
        if _breaks_line(token) or (
            token.is_punct and token.text not in QUOTES and token.text != "-"
        ):
            break
        if token.tag_ in CLAUSE_TAGS or (
            token.ent_type_ == "PERSON" and not _possessive_follows(doc, stop)
        ):
            return None
        stop += 1
    return _title_phrase(doc, end + 1, stop)


def _apposition_before(doc: Doc, start: int) -> str | None:
    """ "The Russian Foreign Ministry's special envoy, Rodion Miroshnik, said"."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    left = start - 1
    while left > 0 and start - left < 30:
        token = doc[left - 1]
        if _breaks_line(token) or (
            token.is_punct and token.text not in QUOTES and token.text != "-"
        ):
            break
        if token.tag_ in CLAUSE_TAGS or token.ent_type_ == "PERSON":
            return None
        left -= 1
        if token.is_sent_start:
            break
    if left + 1 < start and doc[left].lower_ == "according" and doc[left + 1].lower_ == "to":
        left += 2
    return _title_phrase(doc, left, start - 1)


def _possessive_follows(doc: Doc, i: int) -> bool:
    """ "Zelensky's chief adviser": a person inside a title."""
    while i < len(doc) and doc[i].ent_type_ == "PERSON":
        i += 1
    return i < len(doc) and doc[i].text in POSSESSIVES


def _title_phrase(doc: Doc, start: int, end: int) -> str | None:
    """The phrase if a title heads it: "the Ukrainian minister for ...", "Zelensky's chief
    adviser", but not "the president's decision"; no preposition or verb first."""
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].text in QUOTES):
        start += 1
    if start >= end or doc[start].pos_ in {"ADP", "VERB", "ADV", "SCONJ", "PRON"}:
        return None
    heads = [
        i
        for i in range(start, min(end, start + 6))
        if doc[i].lower_ in TITLE_WORDS
        and (i == end - 1 or doc[i + 1].lower_ in TITLE_COMPLEMENTS | TITLE_WORDS)
    ]
    return doc[start:end].text if heads else None


class EntityTagger:
    """The pipeline component: `doc.spans["mentions"]` holds `find_mentions(doc, gazetteer,
    outlets)`, each span's record in `span._.mention`."""

    def __init__(self, gazetteer: Gazetteer, outlets: frozenset[str] | None = None) -> None:
        self.gazetteer = gazetteer
        self.outlets = outlets

    def __call__(self, doc: Doc) -> Doc:
        extensions.write(doc, extensions.MENTIONS, find_mentions(doc, self.gazetteer, self.outlets))
        return doc
