"""Cross-document entity resolution: every mention of the same person, organisation, place,
nationality or unit points at one `Entity`, and nothing else does.

The rules favour a missed merge over a false one: a same first name is never
evidence, fuzzy matching needs an exact match on the other half of the name,
two spellings seen side by side in one document stay apart, places are told
apart by the gazetteer entry they geocode to and never by spelling alone.
docs/entities.md gives the rules, the transliteration key and their known failures.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import combinations

from triangulate.models import Entity, EntityMention
from triangulate.resources.gazetteer import Gazetteer, Match, Place, load_gazetteer, place_key
from triangulate.resources.lexicons import lexicon, lexicon_pairs

MentionKey = tuple[str, int, int]

# Spellings folded by `translit_key`, in order; capitals are private placeholders
# for sounds written with two letters in one romanisation and one in another.
_TRANSLIT_RULES = [
    (re.compile(r"shch|sch|szcz"), "S"),  # Vereshchuk / Vereschuk
    (re.compile(r"sh|sz"), "S"),
    (re.compile(r"tch|ch|cz"), "C"),
    (re.compile(r"dzh|zh|^j"), "J"),  # Zhelvar / Jelvar / Želvar, Zhaksyl / Jaksyl
    (re.compile(r"kh|gh|h"), "g"),  # Kharkov / Harkov, Bohdan / Bogdan, Holub / Golub
    (re.compile(r"ts|tz"), "c"),  # Danitsa / Danica, Mostets / Mostec
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ck|q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"(?<=[aeiouy])j"), "i"),  # Stojanek / Stoyanek, Andrej / Andrei
    (re.compile(r"y"), "i"),  # Zelenskyy / Zelenskiy, Iryna / Irina
    (re.compile(r"^ie"), "e"),  # Yelena / Elena
    (re.compile(r"(.)\1+"), r"\1"),  # Donbass / Donbas, Kovallin / Kovalin
    (re.compile(r"(?:ie|i|e|o)v(a?)$"), r"v\1"),  # Kharkov / Kharkiv, Kiev / Kyiv
    (re.compile(r"(.)\1+"), r"\1"),
]
_LETTERS = str.maketrans({"ž": "zh", "š": "sh", "č": "ch", "ć": "ch", "đ": "dj", "ё": "e"})
_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?!\w)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Given names that are one name in several languages, not spellings of it.
GIVEN_NAME_CLASSES = sorted(lexicon("given_name_classes"))  # one class a line, first name first
# Buildings named for the government that sits in them, as roles use them ("Kremlin
# spokesman"): a general, not corpus-specific, list.
SEATS_OF_POWER = lexicon_pairs("seats_of_power")  # in order: the first a role contains wins

AFFILIATION_MIN_POPULATION = 100_000
_CAPITALISED = re.compile(r"\b[A-Z][\w-]+")

# Names that denote a different body in each country ("the defence ministry").
GENERIC_ORG_WORDS = lexicon("generic_org_words")
ORG_STOPWORDS = frozenset({"of", "the", "for", "and", "&"})
TITLE_WORDS = lexicon("name_titles")
DATELINE_WEIGHT = 3.0
CONTEXT_WEIGHT = 6.0
PRIMARY_NAME_BONUS = 2.0
# The share of a surname's full-name mentions one bearer needs for a lone surname to be theirs.
SURNAME_DOMINANCE = 0.75


def translit_key(name: str) -> str:
    """A spelling-insensitive key for Slavic and Turkic names romanised in different ways.

    Accents go, digraphs that stand for one sound are folded (shch/sch, sh,
    ch, zh/dzh/initial j, kh/gh/h -> g, ts -> c), w -> v, q -> k, a j after a
    vowel and every y become i, doubled letters become one, and the endings
    -ov/-ev/-iv/-iev (and their feminine -a) lose their vowel.
    """
    keys = []
    for word in _WORD.findall(name.casefold().translate(_LETTERS)):
        key = place_key(word).replace(" ", "")
        for pattern, replacement in _TRANSLIT_RULES:
            key = pattern.sub(replacement, key)
        keys.append(key)
    return " ".join(keys)


def _given_classes() -> dict[str, str]:
    classes = {}
    for line in GIVEN_NAME_CLASSES:
        names = line.split()
        for name in names:
            classes[translit_key(name)] = translit_key(names[0])
    return classes


_GIVEN_CLASS = _given_classes()


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: a swap of two neighbours ("Dymtro") counts once."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _typo(a: str, b: str) -> bool:
    """Two keys one slip apart (two for long names that begin alike): "Irnba" and "Iryna"."""
    if min(len(a), len(b)) < 4:
        return False
    limit = 2 if min(len(a), len(b)) >= 5 and a[0] == b[0] else 1
    return edit_distance(a, b) <= limit


def entity_id(type_: str, key: str) -> str:
    """Stable across runs: the same type and canonical key give the same id."""
    return "ent_" + hashlib.sha256(f"{type_}|{key}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class KeyedMention:
    """A mention with what its own document says about it: the key of the cluster it
    joins (for a person, the parsed name: ``given|surname``, given empty for a lone
    surname), for a place the gazetteer entry it geocodes to, and the `Part` it is
    counted in.

    Keys depend on one document only, so they are computed once per document and kept;
    grouping parts into entities is the only step that looks across documents.
    """

    doc_id: str
    mention: EntityMention
    type: str
    key: str
    place: Place | None = None
    local: tuple[tuple[str, int], ...] = ()

    @property
    def group(self) -> str:
        """Mentions of different groups never share an entity nor affect each other's:
        the unit in which entities can be regrouped alone. People are grouped by surname
        and surnames a typo apart are joined later (`person_groups`)."""
        if self.type == "PERSON":
            return "person:" + self.key.split("|", 1)[1]
        if self.type == "ORG" and not self.key.startswith("generic:"):
            # "IRCO" and "International Relief Coordination Office" (`_link_acronyms`)
            return "org:" + (_acronym(self.key) if " " in self.key else self.key)
        return f"{self.type}:{self.key}"

    @property
    def part(self) -> str:
        """The `Part` this mention is counted in: its type and key, and for a lone
        surname the full names of that surname its document gives (`local`)."""
        local = ",".join(f"{form}*{n}" for form, n in self.local)
        return f"{self.type}:{self.key}" + (f"@{local}" if local else "")


@dataclass(frozen=True)
class Surface:
    """How often a part's mentions are written one way, and where first ((doc id, start))."""

    n: int
    first: tuple[str, int]


@dataclass
class Part:
    """Mentions that always share one entity, summed: what grouping needs of them.

    A part is one cluster key of one type; for a lone surname, also the full names of it
    its document gives (`local`, which decide which bearer it is). Grouping reads parts,
    never mentions, so adding a document updates the parts its mentions fall in and
    regroups only their groups (`group`, as `KeyedMention.group`).
    """

    id: str
    type: str
    group: str
    key: str
    place: Place | None = None
    local: tuple[tuple[str, int], ...] = ()
    surfaces: dict[str, Surface] = field(default_factory=dict)
    roles: list[tuple[str, int, str]] = field(default_factory=list)  # (doc id, start, role)

    @property
    def n(self) -> int:
        return sum(s.n for s in self.surfaces.values())


def key_mentions(
    doc_id: str, mentions: list[EntityMention], gazetteer: Gazetteer
) -> list[KeyedMention]:
    """Every mention of one document with its cluster key (and place, and for a lone
    surname the document's full names that may decide its bearer)."""
    places = _geocode_document(mentions, gazetteer)
    keyed = []
    for mention in mentions:
        place = None
        if mention.label == "PERSON":
            name = _parse_name(mention.text) or _Name("", mention.text.casefold())  # "Dr" alone
            key = f"{name.given}|{name.surname}"
        elif mention.label == "PLACE":
            place = places.get((mention.start, mention.end))
            key = place.key if place else _unplaced_key(mention)
        elif mention.label == "ORG":
            key = _organisation_key(doc_id, mention, mentions, gazetteer)
        elif mention.label == "NORP":
            key = _nationality_key(mention.text, gazetteer)
        else:
            key = _unit_key(doc_id, mention, mentions, gazetteer)
        keyed.append(KeyedMention(doc_id, mention, mention.label, key, place))
    full = Counter(k.key for k in keyed if k.type == "PERSON" and not k.key.startswith("|"))
    return [
        replace(k, local=_local_forms(k.key[1:], full)) if k.type == "PERSON" and k.key[0] == "|"
        else k
        for k in keyed
    ]  # fmt: skip


def _local_forms(surname: str, full: Counter[str]) -> tuple[tuple[str, int], ...]:
    """The full names of a document a lone `surname` may belong to (`_surname_owner`
    counts them), with their mentions; one name alone decides whatever its count."""
    forms = sorted(
        (form, n) for form, n in full.items()
        if (other := form.split("|", 1)[1]) == surname or _typo_linked(surname, other)
    )  # fmt: skip
    return ((forms[0][0], 1),) if len(forms) == 1 else tuple(forms)


def resolve_entities(
    mentions_by_doc: dict[str, list[EntityMention]],
    *,
    dates: dict[str, str | None] | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[list[Entity], dict[MentionKey, str]]:
    """Group mentions across documents into entities; return them and mention -> entity id.

    `dates` maps a document to its publication date, kept with each role; the
    gazetteer (GeoNames and ISO by default) geocodes places.
    """
    gazetteer = gazetteer or load_gazetteer()
    keyed = [
        k
        for doc_id, mentions in mentions_by_doc.items()
        for k in key_mentions(doc_id, mentions, gazetteer)
    ]
    return group_mentions(keyed, dates or {}, gazetteer)


def group_mentions(
    keyed: Iterable[KeyedMention], dates: dict[str, str | None], gazetteer: Gazetteer
) -> tuple[list[Entity], dict[MentionKey, str]]:
    """Entities from keyed mentions, and mention -> entity id."""
    keyed = list(keyed)
    pairs = form_pairs(person_keys(keyed))
    entities, owners = group_parts(sum_parts(keyed).values(), pairs, dates, gazetteer)
    return entities, assign(keyed, owners)


def person_keys(keyed: Iterable[KeyedMention]) -> list[tuple[str, str]]:
    """(doc id, key) of the person mentions, which `form_pairs` reads."""
    return [(k.doc_id, k.key) for k in keyed if k.type == "PERSON"]


def assign(keyed: Iterable[KeyedMention], owners: Mapping[str, str]) -> dict[MentionKey, str]:
    """Mention -> entity id, from part id -> entity id (`group_parts`)."""
    return {(k.doc_id, k.mention.start, k.mention.end): owners[k.part] for k in keyed}


def sum_parts(keyed: Iterable[KeyedMention]) -> dict[str, Part]:
    """The parts of keyed mentions, each mention counted in its own."""
    parts: dict[str, Part] = {}
    for k in sorted(keyed, key=lambda k: (k.doc_id, k.mention.start)):
        part = parts.get(k.part)
        if part is None:
            part = parts[k.part] = Part(k.part, k.type, k.group, k.key, k.place, k.local)
        add_surface(part, k.mention.text, (k.doc_id, k.mention.start))
        if k.mention.role:
            part.roles.append((k.doc_id, k.mention.start, k.mention.role))
    return parts


def add_surface(part: Part, text: str, at: tuple[str, int]) -> None:
    """Count one more mention written `text`, at (doc id, start) `at`."""
    old = part.surfaces.get(text)
    part.surfaces[text] = Surface(old.n + 1, min(old.first, at)) if old else Surface(1, at)


def remove_surface(part: Part, text: str, at: tuple[str, int]) -> bool:
    """Take back the mention written `text` at `at`; whether the spelling is left without
    its first mention (which only the mentions themselves can tell)."""
    old = part.surfaces[text]
    if old.n == 1:
        del part.surfaces[text]
        return False
    part.surfaces[text] = Surface(old.n - 1, old.first)
    return old.first == at


def form_pairs(people: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """For each two full names that may be one person's (same or typo-near surnames),
    the documents that give both: two spellings side by side are two people. `people`
    are the (doc id, key) of person mentions."""
    by_doc: defaultdict[str, set[str]] = defaultdict(set)
    for doc_id, key in people:
        if not key.startswith("|"):
            by_doc[doc_id].add(key)
    pairs: Counter[tuple[str, str]] = Counter()
    for forms in by_doc.values():
        for a, b in combinations(sorted(forms), 2):
            sa, sb = a.split("|", 1)[1], b.split("|", 1)[1]
            if sa == sb or _typo_linked(sa, sb):
                pairs[(a, b)] += 1
    return pairs


def group_parts(
    parts: Iterable[Part],
    pairs: Iterable[tuple[str, str]],
    dates: dict[str, str | None],
    gazetteer: Gazetteer,
) -> tuple[list[Entity], dict[str, str]]:
    """Entities from parts, and part id -> entity id; `pairs` are the full names given
    side by side (`form_pairs`).

    Run over all the parts of some whole groups (`Part.group`, people joined by
    `person_groups`) it gives exactly the entities those groups get from all parts,
    which is what lets a new document regroup only the groups it touches.
    """
    drafts: dict[tuple[str, str], _Draft] = {}
    people, organisations = [], []
    for part in parts:
        if part.type == "PERSON":
            people.append(part)
        elif part.type == "ORG" and not part.key.startswith("generic:"):
            organisations.append(part)
        else:
            _draft(drafts, part.type, part.key, [[part]])
    for key, members in _link_acronyms(organisations):
        _draft(drafts, "ORG", key, members)
    for key, name, members in _resolve_people(people, set(pairs)):
        _draft(drafts, "PERSON", key, members, name)
    entities: list[Entity] = []
    owners: dict[str, str] = {}
    for draft in drafts.values():
        entity = _entity(draft, dates, gazetteer)
        entities.append(entity)
        owners.update((part.id, entity.id) for segment in draft.segments for part in segment)
    entities.sort(key=lambda e: (e.type, e.name, e.id))
    return entities, owners


@dataclass
class _Draft:
    """The parts of one entity, in segments: each segment's mentions are read in
    (document, start) order, the segments one after another."""

    type: str
    key: str
    name: str | None
    segments: list[list[Part]]


def _draft(
    drafts: dict[tuple[str, str], _Draft],
    type_: str,
    key: str,
    segments: list[list[Part]],
    name: str | None = None,
) -> None:
    """Add parts to the entity of `key`; two person groups with one key are one entity."""
    if (type_, key) in drafts:
        drafts[(type_, key)].segments.extend(segments)
    else:
        drafts[(type_, key)] = _Draft(type_, key, name, segments)


def person_groups(surnames: Iterable[str], touched: Iterable[str]) -> set[str]:
    """The person groups (`KeyedMention.group`) that must be regrouped together with the
    surnames `touched`: every surname joined to one of them by a chain of surnames a typo
    apart, since `_same_person` may link those."""
    by_length: defaultdict[int, set[str]] = defaultdict(set)
    for surname in surnames:
        by_length[len(surname)].add(surname)
    seen, todo = set(touched), list(touched)
    while todo:
        surname = todo.pop()
        for length in (len(surname) - 1, len(surname), len(surname) + 1):
            for other in by_length.get(length, ()):
                if other not in seen and _typo_linked(surname, other):
                    seen.add(other)
                    todo.append(other)
    return {"person:" + s for s in seen}


def _typo_linked(a: str, b: str) -> bool:
    """Whether `_same_person` could link two surnames (either order): a superset is safe."""
    return max(len(a), len(b)) >= 5 and edit_distance(a, b) <= 1


def _entity(draft: _Draft, dates: dict[str, str | None], gazetteer: Gazetteer) -> Entity:
    surfaces: Counter[str] = Counter()
    for segment in draft.segments:
        for part in segment:
            surfaces.update({text: s.n for text, s in part.surfaces.items()})
    aliases = sorted(surfaces, key=lambda s: (-surfaces[s], s))
    place = draft.segments[0][0].place
    # The most frequent spelling, the fullest on a tie: "Russian Foreign Ministry", not "ICRC".
    name = place.name if place else draft.name or max(aliases, key=lambda s: (surfaces[s], len(s)))
    roles: list[dict[str, str | None]] = []
    seen: set[tuple[str, str]] = set()
    for segment in draft.segments:
        for doc_id, _, role in heapq.merge(*(part.roles for part in segment)):
            if (doc_id, role) not in seen:
                seen.add((doc_id, role))
                roles.append({"role": role, "doc_id": doc_id, "date": dates.get(doc_id)})
    return Entity(
        id=entity_id(draft.type, draft.key),
        name=name,
        type=draft.type,
        aliases=aliases,
        roles=roles,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        country=place.country if place else _affiliation(draft.type, aliases, roles, gazetteer),
        admin1=place.admin1 if place else None,
        geonames_id=place.geonames_id if place else None,
    )


def _affiliation(
    kind: str, aliases: list[str], roles: list[dict[str, str | None]], gazetteer: Gazetteer
) -> str | None:
    """The country a person, body or nationality belongs to, which tells the side it speaks for.

    Nationalities by their demonym; bodies by a country word in their name ("Russian
    Ministry of Defence", "Armed Forces of Ukraine"); people by the country words or
    places of their reported roles ("Russian President", "Belgorod Region Governor",
    "Kremlin Spokesman"). The most named country wins; none when nothing names one.
    """
    if kind == "NORP":
        return next((c for a in aliases if (c := gazetteer.demonym_country(a))), None)
    texts = [str(r["role"]) for r in roles if r["role"]] + (aliases if kind != "PERSON" else [])
    codes = {text: _text_country(text, gazetteer) for text in dict.fromkeys(texts)}
    votes = Counter(code for text in texts if (code := codes[text]))
    return votes.most_common(1)[0][0] if votes else None


def _text_country(text: str, gazetteer: Gazetteer) -> str | None:
    """The country a role or a name names: a seat of power, else its first capitalised
    word that is a country's (`_place_country`)."""
    folded = text.casefold()
    seat = next((code for name, code in SEATS_OF_POWER.items() if name in folded), None)
    return seat or next(
        (
            c
            for w in _CAPITALISED.findall(_POSSESSIVE.sub("", text))
            if (c := _place_country(w, gazetteer))
        ),
        None,
    )


def _place_country(word: str, gazetteer: Gazetteer) -> str | None:
    """The country of a nationality word, a country, or a region or large city with one
    clear reading ("Belgorod"): small towns share too many names with ordinary words."""
    if code := _country_of_word(word, gazetteer):
        return code
    clear = _clear_reading(gazetteer.lookup(word))
    if clear is None or not clear.countries:
        return None
    large = clear.kind == "region" or clear.population >= AFFILIATION_MIN_POPULATION
    return clear.countries[0] if large else None


# --- places -----------------------------------------------------------------


def _unplaced_key(mention: EntityMention) -> str:
    """A place the gazetteer does not know: its spelling, with regions kept apart from towns."""
    return f"{'region' if mention.place_kind == 'region' else 'place'}:{translit_key(mention.text)}"


def _candidates(mention: EntityMention, gazetteer: Gazetteer) -> list[Match]:
    """Gazetteer readings of a mention, regions only for a region and never for a town."""
    matches = gazetteer.lookup(mention.text)
    if mention.place_kind == "region":
        regions = [m for m in matches if m.place.kind == "region"]
        return regions or [
            m for m in gazetteer.lookup(mention.text + " region") if m.place.kind == "region"
        ]
    return [m for m in matches if m.place.kind != "region"] or matches


def _geocode_document(
    mentions: list[EntityMention], gazetteer: Gazetteer
) -> dict[tuple[int, int], Place]:
    """Each place mention's gazetteer entry, chosen in the light of the document's countries.

    Countries named, nationalities, places with a single reading and the
    dateline (a place in capitals) vote for their country; each reading then
    scores its population's order of magnitude, a bonus for a primary name,
    and the share of the votes its country got. User gazetteer entries win.
    """
    readings = {
        (m.start, m.end): (m, _candidates(m, gazetteer)) for m in mentions if m.label == "PLACE"
    }
    votes: defaultdict[str, float] = defaultdict(float)
    own: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for mention in mentions:
        if mention.label == "NORP" and (code := gazetteer.demonym_country(mention.text)):
            votes[code] += 1.0
    for mention, matches in readings.values():
        if (clear := _clear_reading(matches)) is not None:
            weight = DATELINE_WEIGHT if mention.text.isupper() else 1.0
            for code in clear.countries:
                votes[code] += weight
                own[mention.text.casefold()][code] += weight
    top = max(votes.values(), default=0.0)
    chosen = {}
    for span, (mention, matches) in readings.items():
        mine = own[mention.text.casefold()]

        def named_elsewhere(place: Place, mine: Mapping[str, float] = mine) -> bool:
            return any(votes.get(c, 0.0) > mine[c] for c in place.countries)

        # A variant spelling alone ("Hamas" for Hamm) needs its country named elsewhere.
        matches = [m for m in matches if not m.alternate or named_elsewhere(m.place)]
        clear = _clear_reading(matches)
        if clear is not None and named_elsewhere(clear):
            chosen[span] = clear  # Damascus, Syria in a Washington report that names Syria
        elif matches:
            chosen[span] = max(matches, key=lambda m: _place_score(m, votes, top)).place
    return chosen


def _clear_reading(matches: list[Match]) -> Place | None:
    """The reading of a name nobody would doubt: the only one, a user entry, or a place a
    hundred times larger than the next (Moscow, Russia beside Moscow, Idaho)."""
    users = [m.place for m in matches if m.place.user]
    if users or len(matches) == 1:
        return (users or [matches[0].place])[0]
    sizes = sorted((m.place.population for m in matches), reverse=True)
    if len(sizes) > 1 and sizes[0] >= 100 * max(sizes[1], 1):
        return max(matches, key=lambda m: m.place.population).place
    return None


def _place_score(match: Match, votes: dict[str, float], top: float) -> float:
    place = match.place
    context = max((votes.get(c, 0.0) for c in place.countries), default=0.0) / top if top else 0.0
    return (
        100.0 * place.user
        + math.log10(place.population + 1)
        + PRIMARY_NAME_BONUS * (not match.alternate)
        + CONTEXT_WEIGHT * context
    )


# --- organisations, nationalities, units ------------------------------------


def _words(text: str) -> list[str]:
    """Lower-case words of a name without "the" or a possessive: "Kaldoria's" -> "kaldoria"."""
    words = place_key(_POSSESSIVE.sub("", text)).split()
    while words and words[0] in {"the", "a", "an"}:
        words.pop(0)
    return words


def _qualifier(
    mention: EntityMention, mentions: list[EntityMention], gazetteer: Gazetteer
) -> tuple[str | None, list[str]]:
    """The country a generic name belongs to ("Russian Foreign Ministry", "Kaldoria's defence
    ministry"), and the words left once the country is taken off."""
    words = _words(mention.text)
    if words and (code := _country_of_word(words[0], gazetteer)):
        return code, words[1:]
    for other in mentions:
        near = other.end <= mention.start and mention.start - other.end <= 3
        if (
            near
            and other.label in {"NORP", "PLACE"}
            and (code := _country_of_word(other.text, gazetteer))
        ):
            return code, words
    return None, words


def _country_of_word(text: str, gazetteer: Gazetteer) -> str | None:
    if code := gazetteer.demonym_country(text):
        return code
    countries = [m.place for m in gazetteer.lookup(text) if m.place.kind == "country"]
    return countries[0].countries[0] if countries and countries[0].countries else None


def _organisation_key(
    doc_id: str, mention: EntityMention, mentions: list[EntityMention], gazetteer: Gazetteer
) -> str:
    """Specific names by their words; generic bodies per country, or per document when no
    country is named, since "the defence ministry" of one report is not that of another."""
    code, words = _qualifier(mention, mentions, gazetteer)
    if words and all(w in GENERIC_ORG_WORDS for w in words):
        body = " ".join(sorted({_generic_word(w) for w in words} - ORG_STOPWORDS - {"affairs"}))
        return f"generic:{code or doc_id}:{body}"
    return " ".join(_words(mention.text))


def _generic_word(word: str) -> str:
    return "defence" if word == "defense" else word


def _acronym(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in ORG_STOPWORDS)


def _written_acronym(name: str) -> str:
    """The acronym of a name as written: initials, all the letters of an abbreviation
    inside it ("US Navy" -> "usn", "U.S. Navy" -> "usn")."""
    letters = []
    for word in name.split():
        bare = re.sub(r"[^\w]", "", word)
        if not bare or bare.casefold() in ORG_STOPWORDS | {"the"}:
            continue
        abbreviated = bare.isupper() and len(bare) > 1 and len(bare) <= 4 or "." in word[:-1]
        letters.append(bare.casefold() if abbreviated else bare[0].casefold())
    return "".join(letters)


def _dotted(key: str) -> bool:
    """An acronym written with stops: "U.N." keys as "u n"."""
    return " " in key and all(len(w) == 1 for w in key.split())


def _link_acronyms(organisations: list[Part]) -> list[tuple[str, list[list[Part]]]]:
    """Organisation keys with their segments of parts: "IRCO" joins "International Relief
    Coordination Office" when one name fits it; "U.N." joins "UN" (and with it "United
    Nations")."""
    segments = {part.key: [[part]] for part in organisations}
    plain = {key for key in segments if " " not in key}
    for key in list(segments):
        if _dotted(key) and (joined := key.replace(" ", "")) in plain:
            segments[joined] += segments.pop(key)
    full_names = defaultdict(list)
    for key, (segment, *_) in segments.items():
        if len(key.split()) >= 2 and not _dotted(key):
            acronym = _acronym(key)
            # "US Navy" is no full name for "UN": an abbreviation inside gives all its letters
            if any(_written_acronym(text) == acronym for text in segment[0].surfaces):
                full_names[acronym].append(key)
    for key in list(segments):
        texts = (text for segment in segments[key] for part in segment for text in part.surfaces)
        if _dotted(key):
            acronym = key.replace(" ", "")
        elif " " in key or not all(text.isupper() for text in texts):
            continue
        else:
            acronym = key
        matches = full_names.get(acronym, [])
        if len(matches) == 1:
            segments[matches[0]] += segments.pop(key)
    return list(segments.items())


def _nationality_key(text: str, gazetteer: Gazetteer) -> str:
    code = gazetteer.demonym_country(text)
    return f"country:{code}" if code else translit_key(text.removesuffix("s"))


def _unit_key(
    doc_id: str, mention: EntityMention, mentions: list[EntityMention], gazetteer: Gazetteer
) -> str:
    """Units by name; "Armed Forces of Ukraine" and "Ukrainian Armed Forces" by country."""
    words = [w for w in _words(mention.text) if w not in ORG_STOPWORDS]
    if "armed" in words and "forces" in words:
        code, _ = _qualifier(mention, mentions, gazetteer)
        code = code or next((c for w in words if (c := _country_of_word(w, gazetteer))), None)
        return f"armed forces:{code or doc_id}"
    return " ".join(words)


# --- people -------------------------------------------------------------------


@dataclass
class _Name:
    """A person's name split for matching: given-name and surname keys."""

    given: str
    surname: str

    @property
    def given_class(self) -> str:
        return _GIVEN_CLASS.get(self.given, self.given)


def _parse_name(text: str) -> _Name | None:
    words = _WORD.findall(_POSSESSIVE.sub("", text))
    words = [w for w in words if w.casefold().rstrip(".") not in TITLE_WORDS]
    if not words:
        return None
    surname = translit_key(words[-1])
    return _Name(translit_key(words[0]) if len(words) > 1 else "", surname)


def _given_match(a: _Name, b: _Name) -> bool:
    if a.given_class == b.given_class:
        return True
    if len(a.given) == 1 or len(b.given) == 1:
        return a.given[0] == b.given[0]  # "V. Putin"
    return _typo(a.given, b.given)


def _same_person(a: _Name, b: _Name) -> bool:
    """Full names: one half exact (up to transliteration and given-name equivalents), the other at
    most a typo away. A shared first name alone never links two people."""
    if a.surname == b.surname:
        return _given_match(a, b)
    return (
        a.given_class == b.given_class
        and len(a.surname) >= 5
        and edit_distance(a.surname, b.surname) <= 1
    )


def _resolve_people(
    people: list[Part], pairs: set[tuple[str, str]]
) -> list[tuple[str, str, list[list[Part]]]]:
    """Cluster full names (complete linkage, never two spellings seen in one document:
    `pairs`), then attach each lone surname to the one cluster it fits, in its document
    or else the corpus. Returns (key, name, segments of parts) per person."""
    forms = {_form(p.key): p for p in people if not p.key.startswith("|")}
    groups = _cluster_forms({form: part.n for form, part in forms.items()}, pairs)
    attached: dict[int, list[Part]] = defaultdict(list)
    loose: dict[str, list[Part]] = defaultdict(list)
    for single in (p for p in people if p.key.startswith("|")):
        surname = single.key[1:]
        index = _surname_owner(groups, forms, dict(single.local), surname)
        (loose[surname] if index is None else attached[index]).append(single)
    resolved = []
    for index, group in enumerate(groups):
        spelling = _canonical_name(group, forms)
        given, surname = next(form for form in group if spelling in forms[form].surfaces)
        segments = [[forms[form]] for form in group] + (
            [attached[index]] if attached[index] else []
        )
        resolved.append((f"{_Name(given, surname).given_class}|{surname}", spelling, segments))
    for surname, members in loose.items():
        surfaces: dict[str, tuple[int, tuple[str, int]]] = {}
        for part in members:
            for text, s in part.surfaces.items():
                n, first = surfaces.get(text, (0, s.first))
                surfaces[text] = (n + s.n, min(first, s.first))
        # the most frequent spelling, the first seen on a tie
        name = min(surfaces, key=lambda t: (-surfaces[t][0], surfaces[t][1]))
        resolved.append((f"|{surname}", name, [members]))
    return resolved


def _form(key: str) -> tuple[str, str]:
    given, surname = key.split("|", 1)
    return given, surname


def _cluster_forms(
    counts: dict[tuple[str, str], int], pairs: set[tuple[str, str]]
) -> list[list[tuple[str, str]]]:
    groups: list[list[tuple[str, str]]] = []
    for form in sorted(counts, key=lambda f: (-counts[f], f)):
        for group in groups:
            if all(_compatible(form, other, pairs) for other in group):
                group.append(form)
                break
        else:
            groups.append([form])
    return groups


def _compatible(a: tuple[str, str], b: tuple[str, str], pairs: set[tuple[str, str]]) -> bool:
    name_a, name_b = _Name(*a), _Name(*b)
    if not _same_person(name_a, name_b):
        return False
    exact = name_a.surname == name_b.surname and name_a.given_class == name_b.given_class
    return exact or tuple(sorted(("|".join(a), "|".join(b)))) not in pairs


def _surname_owner(
    groups: list[list[tuple[str, str]]],
    forms: dict[tuple[str, str], Part],
    local: dict[str, int],
    surname: str,
) -> int | None:
    """The cluster a lone surname belongs to: among the bearers its own document names
    (`local`: full name -> mentions there), else among the corpus's, the one with
    SURNAME_DOMINANCE of their full-name mentions there ("Assad" in a 2011 report is
    Bashar, not Hafez or Asma al-Assad); none on a near tie."""
    fitting = [i for i, group in enumerate(groups) if any(form[1] == surname for form in group)]
    nearby = {i: sum(local.get("|".join(form), 0) for form in groups[i]) for i in fitting}
    nearby = {i: n for i, n in nearby.items() if n}
    sizes = nearby or {i: sum(forms[form].n for form in groups[i]) for i in fitting}
    if not sizes:
        return None
    first = max(sizes, key=lambda i: sizes[i])
    return first if sizes[first] >= SURNAME_DOMINANCE * sum(sizes.values()) else None


def _canonical_name(group: Iterable[tuple[str, str]], forms: dict[tuple[str, str], Part]) -> str:
    """The most frequent full spelling; on a tie, one with a known given name (not a typo)."""
    surfaces: Counter[str] = Counter()
    for form in group:
        surfaces.update({text: s.n for text, s in forms[form].surfaces.items()})
    return max(
        surfaces,
        key=lambda s: (
            surfaces[s],
            (n := _parse_name(s)) is not None and n.given in _GIVEN_CLASS,
            len(s),
            s,
        ),
    )
