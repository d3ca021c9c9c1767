"""Publication date, outlet, dateline and byline, each chosen from weighted evidence.

Every rule that fires adds a `Candidate`; candidates for the same value combine
as independent evidence (1 - prod(1 - w)), and the best value wins when its
combined weight reaches the threshold. The winning rule and surface are kept
as the field's evidence, so an analyst can see why a document got its date or
outlet. Nothing here looks at the clock: a document without a date stays
without one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from triangulate.clean.dates import find_full_date, find_month_day
from triangulate.models import Evidence
from triangulate.resources.outlets import OutletLexicon

ACCEPT_WEIGHT = 0.5

_HEADER_FIELDS = [
    re.compile(
        r"^\s*(?P<name>date|published|pubdate)\s*[:=]?\s*"
        r"(?P<value>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?)(?:[ \t]+|\n|$)",
        re.IGNORECASE,
    ),
    re.compile(
        r"^\s*(?P<name>source|title|author|byline|url|lang|language)(?:\s*:\s*|[ \t]+)"
        r"(?P<value>[^\n]+)(?:\n|$)",
        re.IGNORECASE,
    ),
]
_LINE_FIELDS = {"source", "title", "author", "byline", "url", "lang", "language"}
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*[A-Z][a-z]+\.?(?: [A-Z][a-z]+\.?)?(?=,))?"
    r"(?:,\s*(?P<when>[A-Z][a-z]+\.? \d{1,2}|\d{1,2} [A-Z][a-z]+\.?))?"
    r"(?:[.,]?\s*[/(\[](?P<agency>[A-Za-z][\w .&-]{0,30}?)[/)\]])?"
    r"\s*[.:,—–-]+\s+"
)
_LABELLED_DATE = re.compile(
    r"^(?P<label>published|posted|updated|last updated|modified|date)\b\s*(?:on|at)?\s*[:：]?",
    re.IGNORECASE,
)
_CREDIT_SOURCE = re.compile(
    r"\b(?:source|credit)\s*[:：]\s*(?P<name>[^\s|,;:][^|;:]*?)"
    r"(?=\s+[A-Z][\w ]{0,20}[:：]|\s*[|;,]|\s*$)",
    re.IGNORECASE,
)
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)
_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*)?(?P<name>[^\W\d][\w .&'-]*?)\s*"
    r"(?:,\s*(?:19|20)\d{2})?\s*(?:[.,|]|all rights|$)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^by\s+(?P<name>[^|]+?)\s*(?:\||$)", re.IGNORECASE)
# "PRAGUE | Thu Jun 23, 2011 3:45 pm BST ": the page's own time stamp before a wire story.
_PAGE_STAMP = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+){0,3}) \| "
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? )?"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2},? (?:19|20)\d{2})"
    r"(?: \d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,5})?)?\s+"
)
# A wire dateline inside the lead-in ("* Bullet ... ROME, June 13 (Reuters) - "): only
# with its agency tag and dash, which prose does not produce.
_TAGGED_DATELINE = re.compile(
    r"(?:^|(?<=\s))[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+){0,3}"
    r"(?:,\s*[A-Z][a-z.]+(?: [A-Z][a-z.]+)?)?"
    r"(?:,\s*[A-Z][a-z]+\.? \d{1,2}|,\s*\d{1,2} [A-Z][a-z]+)?"
    r"\s*[(/][A-Za-z][\w .&-]{0,30}?[)/]\s*[—–-]+\s+"
)
_LEAD_IN_CHARS = 400
_LEAD_IN_BYLINE = re.compile(
    r"(?:^|\s)By (?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}"
    r"(?:(?:,| and) [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})*)\s*$"
)
_END_CREDIT = r"(?:^|[\s(—–-])(?:[(/]\s*)?(?P<name>{outlets})\s*[)/]?\s*$"
_SELF_REFERENCE = [
    r"\btold (?:a |an |the )?(?P<name>{outlets})\b",
    r"\b(?:[Aa]n?|[Tt]he) (?P<name>{outlets}) (?:analysis|investigation|review|tally|count|"
    r"reporter|correspondent|team|journalist|crew|survey)\b",
    r"\b(?P<name>{outlets})'s (?:analysis|investigation|review|tally|correspondent|reporter)\b",
    r"\b(?:in an interview with|speaking to|spoke to|said in a statement to|confirmed to) "
    r"(?:the )?(?P<name>{outlets})\b",
    r"\b(?P<name>{outlets}) (?:has|have) (?:learned|seen|obtained|verified|confirmed|contacted|"
    r"reached out)\b",
    r"\b(?P<name>{outlets}) (?:could not|cannot|was unable to|has not been able to) "
    r"(?:independently )?(?:verify|confirm)\b",
]


@dataclass(frozen=True)
class Candidate:
    value: str
    rule: str
    surface: str
    weight: float


@dataclass(frozen=True)
class Dateline:
    place: str
    surface: str
    month_day: tuple[int, int] | None
    agency: str | None


def split_header_fields(text: str) -> tuple[dict[str, str], str]:
    """Take `name value` fields off the start of a scraped text ('date 2024-07-17 MOSCOW...').

    A lone field without a colon ('Title IX protests...') is prose, not a header:
    colon-less fields count only when at least two stand together.
    """
    fields: dict[str, str] = {}
    rest = text
    loose = 0
    while match := next((m for p in _HEADER_FIELDS if (m := p.match(rest))), None):
        name = match.group("name").casefold()
        if name in fields:
            break
        fields[name] = match.group("value").strip()
        loose += ":" not in match.group(0)[: match.start("value")] and name in _LINE_FIELDS
        rest = rest[match.end() :]
    if len(fields) == 1 and loose:
        return {}, text
    return fields, rest


@dataclass(frozen=True)
class PageStamp:
    """The page's own place-and-time stamp at the start of a paragraph; `length` is
    how many characters of the paragraph it takes."""

    date: str
    surface: str
    length: int


def find_page_stamp(paragraph: str) -> PageStamp | None:
    """'PRAGUE | Thu Jun 23, 2011 3:45 pm BST ' at the start of a paragraph."""
    match = _PAGE_STAMP.match(paragraph)
    if not match or not (parsed := find_full_date(match.group("date"))):
        return None
    return PageStamp(parsed[0], match.group(0).strip(), match.end())


def find_dateline(paragraph: str) -> Dateline | None:
    """'MOSCOW, July 17. /TASS/.' or 'KYIV:' at the start of the first body paragraph."""
    return _dateline(_DATELINE.match(paragraph))


def find_lead_dateline(paragraphs: list[str]) -> tuple[Dateline, str | None] | None:
    """A dateline at the start of the first body paragraph, or a wire dateline (with its
    agency tag) after a lead-in of bullets, notes or a byline near the start of one of
    the first three; with the byline that ends the lead-in, if any."""
    if paragraphs and (dateline := find_dateline(paragraphs[0])):
        return dateline, None
    for paragraph in paragraphs[:3]:
        match = _TAGGED_DATELINE.search(paragraph, 0, _LEAD_IN_CHARS)
        if match and (dateline := find_dateline(paragraph[match.start() :])):
            byline = _LEAD_IN_BYLINE.search(paragraph, 0, match.start())
            return dateline, byline.group("name") if byline else None
    return None


def _dateline(match: re.Match[str] | None) -> Dateline | None:
    if not match or len(match.group("place")) < 3:
        return None
    when = match.group("when")
    return Dateline(
        place=match.group("place").title(),
        surface=match.group(0).strip(),
        month_day=find_month_day(when) if when else None,
        agency=match.group("agency"),
    )


def date_candidates(
    header: dict[str, str],
    paragraphs: list[str],
    stated: Iterable[Candidate] = (),
) -> list[Candidate]:
    """Publication-date evidence from header fields, labelled lines and short stamps."""
    found = list(stated)
    for name in ("date", "published", "pubdate"):
        if name in header and (parsed := find_full_date(header[name])):
            found.append(Candidate(parsed[0], f"header field '{name}'", header[name], 0.95))
    for position, paragraph in enumerate(paragraphs):
        words = paragraph.split()
        if len(words) > 20 or not (parsed := find_full_date(paragraph)):
            continue
        label = _LABELLED_DATE.match(paragraph)
        if _BYLINE.match(paragraph):
            found.append(Candidate(parsed[0], "date in the byline", paragraph, 0.8))
        elif label and "updated" not in label.group("label").casefold():
            found.append(Candidate(parsed[0], "labelled date line", paragraph, 0.9))
        elif label:
            found.append(Candidate(parsed[0], "update stamp", paragraph, 0.4))
        elif len(re.findall(r"[^\W\d_]{3,}", paragraph)) <= 4:
            weight = 0.8 if position < 10 else 0.6
            found.append(Candidate(parsed[0], "in-text date stamp", paragraph, weight))
    return found


def dateline_candidates(
    candidates: list[Candidate], dateline: Dateline | None, paragraphs: list[str]
) -> list[Candidate]:
    """A dateline's month and day: evidence for a date that agrees with it, or, with the
    year of the page's copyright line, a date of its own (datelines carry no year)."""
    if not dateline or not dateline.month_day:
        return []
    month, day = dateline.month_day
    for candidate in candidates:
        if candidate.value[5:] == f"{month:02d}-{day:02d}":
            return [Candidate(candidate.value, "dateline", dateline.surface, 0.5)]
    years = {m.group("year") for p in paragraphs if (m := _COPYRIGHT_YEAR.search(p))}
    if len(years) != 1:
        return []
    year = years.pop()
    try:
        value = date(int(year), month, day).isoformat()
    except ValueError:
        return []
    surface = f"{dateline.surface} + © {year}"
    return [Candidate(value, "dateline with the copyright year", surface, 0.55)]


def source_candidates(
    paragraphs: list[str],
    lexicon: OutletLexicon,
    dateline: Dateline | None,
    stated: Iterable[Candidate] = (),
) -> list[Candidate]:
    """Outlet evidence: agency tags, credits, stand-alone names and self-references."""
    found = list(stated)
    if dateline and dateline.agency:
        name = _outlet(lexicon, dateline.agency)
        found.append(Candidate(name, "dateline agency tag", dateline.surface, 0.95))
    self_reference = [re.compile(p.format(outlets=lexicon.pattern)) for p in _SELF_REFERENCE]
    end_credit = re.compile(_END_CREDIT.format(outlets=lexicon.pattern))
    for position, paragraph in enumerate(paragraphs):
        if credit := _CREDIT_SOURCE.search(paragraph):
            name = _outlet(lexicon, credit.group("name"))
            found.append(Candidate(name, "source credit", credit.group(0).strip(), 0.9))
        holder = _COPYRIGHT_HOLDER.search(paragraph)
        if (alone := lexicon.canonical(paragraph)) is not None:
            found.append(Candidate(alone, "outlet name on its own line", paragraph, 0.4))
        elif holder and (owner := lexicon.canonical(holder.group("name"))):
            found.append(Candidate(owner, "copyright holder", holder.group(0).strip(), 0.5))
        elif position >= len(paragraphs) - 6 and (end := end_credit.search(paragraph)):
            name = _outlet(lexicon, end.group("name"))
            found.append(Candidate(name, "closing credit", end.group(0).strip(), 0.7))
        for pattern in self_reference:
            for match in pattern.finditer(paragraph):
                name = _outlet(lexicon, match.group("name"))
                found.append(Candidate(name, "self-reference", match.group(0), 0.6))
    return found


def _outlet(lexicon: OutletLexicon, surface: str) -> str:
    """The canonical name of a known outlet, or the surface as written."""
    return lexicon.canonical(surface) or surface.strip()


def byline_from(paragraphs: list[str]) -> str | None:
    for paragraph in paragraphs[:12]:
        if (match := _BYLINE.match(paragraph)) and len(paragraph.split()) <= 20:
            return match.group("name")
    return None


def choose(candidates: list[Candidate]) -> tuple[str, Evidence] | None:
    """The value with the most combined evidence, if it reaches `ACCEPT_WEIGHT`."""
    remaining: dict[str, float] = defaultdict(lambda: 1.0)
    best_rule: dict[str, Candidate] = {}
    for candidate in candidates:
        remaining[candidate.value] *= 1.0 - candidate.weight
        strongest = best_rule.get(candidate.value)
        if strongest is None or candidate.weight > strongest.weight:
            best_rule[candidate.value] = candidate
    if not remaining:
        return None
    value = min(remaining, key=lambda v: (remaining[v], v))
    weight = 1.0 - remaining[value]
    if weight < ACCEPT_WEIGHT:
        return None
    strongest = best_rule[value]
    return value, Evidence(strongest.rule, strongest.surface, round(weight, 3))
