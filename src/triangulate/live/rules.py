"""Alert rules: what changed in one update of the record, read from the derived tables.

"New" means from documents stored since the last alerts were computed; the rest
of each claim group, statement group and story is what was known before. Rules:

- `conflict`: a claim group in conflict with a side made only of new claims (a new
  figure contradicting the figures known before, or new reports contradicting each
  other); one alert per group and update, with every side's value, claimants and
  sentences;
- `corroboration`: a side of a claim group (or a statement group) that reaches two
  independent origins only thanks to new reports;
- `new_figure`: a new claim joining a quantity already tracked with a value none of
  the known claims gave, when neither rule above already said so;
- `new_story`: a story all of whose documents are new;
- `source_quiet` / `source_failing` come from the poll itself (see `source_alert`).

Each alert has a key made of what it is about, so the store keeps it once and it is
never sent twice; each points at its evidence (document id and span).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from triangulate.models import Row

SentenceText = Callable[[str, int, int], str]


@dataclass(frozen=True)
class Alert:
    """One alert as delivered (JSON Lines, file, webhook) and stored."""

    key: str
    kind: str
    summary: str
    story_id: str | None = None
    source: str | None = None
    doc_id: str | None = None
    start: int | None = None
    end: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def claim_alerts(
    groups: Iterable[Row],
    new_docs: set[str],
    claims: Mapping[str, Row],
    sentence: SentenceText,
) -> list[Alert]:
    """Conflict, corroboration and new-figure alerts of claim groups with new members.

    `claims` maps claim ids to their rows (for the claim's own span); `sentence`
    gives the text of a document's span."""
    alerts: list[Alert] = []
    for group in groups:
        members = {str(m["claim_id"]): m for m in group.get("members") or []}
        new = [m for m in members.values() if m["doc_id"] in new_docs and not m.get("derived")]
        if not new:
            continue
        sides = _sides(group, members)
        covered: set[str] = set()
        fresh = [s for s in sides if all(members[c]["doc_id"] in new_docs for c in s["claim_ids"])]
        if group.get("status") == "conflict" and fresh and len(sides) > 1:
            alerts.append(_conflict(group, sides, fresh, members, claims, sentence))
            covered |= {c for s in fresh for c in s["claim_ids"]}
        for side in sides:
            alert = _corroboration(group, side, members, new_docs, claims, sentence)
            if alert is not None:
                alerts.append(alert)
                covered |= set(side["claim_ids"])
        known_values = {m.get("value") for m in members.values() if m["doc_id"] not in new_docs}
        if not known_values:
            continue
        for member in new:
            claim_id = str(member["claim_id"])
            if claim_id not in covered and member.get("value") not in known_values:
                alerts.append(_new_figure(group, member, known_values, claims, sentence))
    return alerts


def statement_alerts(
    groups: Iterable[Row], new_docs: set[str], origins: Mapping[str, str]
) -> list[Alert]:
    """Corroboration of a statement: a speaker's words reported by two independent origins
    only once new reports came in. `origins` maps document ids to independence keys."""
    alerts = []
    for group in groups:
        members = group.get("members") or []
        new = [m for m in members if m["doc_id"] in new_docs]
        known = {origins.get(m["doc_id"], m["doc_id"]) for m in members if m not in new}
        if not new or len(known) >= 2:
            continue
        first = new[0]
        sources = sorted({str(m.get("source") or m["doc_id"]) for m in members})
        alerts.append(
            Alert(
                key="corroboration:statement:" + "|".join(sorted(str(m["quote_id"]) for m in new)),
                kind="corroboration",
                summary=(
                    f"{group.get('speaker')}'s statement is now reported by independent outlets: "
                    + ", ".join(sources)
                ),
                story_id=group.get("story_id"),
                source=first.get("source"),
                doc_id=first["doc_id"],
                start=first.get("sentence_start"),
                end=first.get("sentence_end"),
                detail={"statement_group": group.get("id"), "members": members},
            )
        )
    return alerts


def story_alerts(
    stories: Iterable[Row], new_docs: set[str], titles: Mapping[str, Row]
) -> list[Alert]:
    """A story every document of which is new. `titles` maps doc ids to document rows."""
    alerts = []
    for story in stories:
        doc_ids = list(story.get("doc_ids") or [])
        if not doc_ids or not all(d in new_docs for d in doc_ids):
            continue
        first = titles.get(doc_ids[0], {})
        start, end = _title_span(first)
        sources = sorted({str(titles.get(d, {}).get("source") or "?") for d in doc_ids})
        alerts.append(
            Alert(
                key=f"new_story:{story['id']}",
                kind="new_story",
                summary=f"new story: {story.get('title') or first.get('title') or story['id']} "
                f"({len(doc_ids)} report{'s' if len(doc_ids) > 1 else ''}: {', '.join(sources)})",
                story_id=story["id"],
                source=first.get("source"),
                doc_id=doc_ids[0],
                start=start,
                end=end,
                detail={"doc_ids": doc_ids, "start_date": story.get("start_date")},
            )
        )
    return alerts


def source_alert(source: Row, *, quiet_after: int, fail_after: int) -> Alert | None:
    """`source_failing` when a source's failures in a row reach `fail_after`, `source_quiet`
    when its polls without a new item reach `quiet_after`; once per streak."""
    location = str(source["location"])
    if fail_after and source.get("consecutive_errors") == fail_after:
        streak = int(source["errors"]) - int(source["consecutive_errors"])
        return Alert(
            key=f"source_failing:{location}:{streak}",
            kind="source_failing",
            summary=f"{location} failed {fail_after} polls in a row: {source.get('last_error')}",
            source=source.get("outlet") or location,
            detail={"location": location, "error": source.get("last_error")},
        )
    if quiet_after and source.get("quiet_polls") == quiet_after:
        return Alert(
            key=f"source_quiet:{location}:{source.get('items')}",
            kind="source_quiet",
            summary=f"{location} has had nothing new for {quiet_after} polls",
            source=source.get("outlet") or location,
            detail={"location": location, "last_new": _iso(source.get("last_new"))},
        )
    return None


def _sides(group: Row, members: Mapping[str, Row]) -> list[dict[str, Any]]:
    """The group's sides (a group not in conflict is one side of all its members)."""
    sides = list((group.get("detail") or {}).get("sides") or [])
    if sides:
        return sides
    return [
        {
            "value": next((m.get("value") for m in members.values()), None),
            "claim_ids": list(members),
            "claimants": sorted({str(m.get("claimant") or "") for m in members.values()} - {""}),
            "doc_ids": sorted({str(m["doc_id"]) for m in members.values()}),
        }
    ]


def _conflict(
    group: Row,
    sides: list[dict[str, Any]],
    fresh: list[dict[str, Any]],
    members: Mapping[str, Row],
    claims: Mapping[str, Row],
    sentence: SentenceText,
) -> Alert:
    evidence = _evidence(_stated(fresh[0], members), claims)
    what = group.get("measured") or group.get("unit") or "a figure"
    unit = group.get("unit") or ""
    said = "; ".join(
        f"{', '.join(s.get('claimants') or ['?'])}: {_number(s.get('value'))} {unit}".rstrip()
        for s in sides
    )
    return Alert(
        key="conflict:" + "|".join(sorted(c for s in fresh for c in s["claim_ids"])),
        kind="conflict",
        summary=f"conflicting figures for {what}: {said}",
        story_id=group.get("story_id"),
        source=evidence.get("source"),
        doc_id=evidence.get("doc_id"),
        start=evidence.get("start"),
        end=evidence.get("end"),
        detail={
            "claim_group": group.get("id"),
            "measured": group.get("measured"),
            "unit": unit,
            "sides": [_side_detail(s, members, sentence, s in fresh) for s in sides],
        },
    )


def _corroboration(
    group: Row,
    side: dict[str, Any],
    members: Mapping[str, Row],
    new_docs: set[str],
    claims: Mapping[str, Row],
    sentence: SentenceText,
) -> Alert | None:
    side_members = [members[c] for c in side["claim_ids"] if not members[c].get("derived")]
    origins = {m.get("independent_origin") for m in side_members}
    known = {m.get("independent_origin") for m in side_members if m["doc_id"] not in new_docs}
    new = [m for m in side_members if m["doc_id"] in new_docs]
    if len(origins) < 2 or len(known) >= 2 or not new:
        return None
    evidence = _evidence(new[0], claims)
    unit = group.get("unit") or ""
    sources = sorted({str(m.get("source") or m["doc_id"]) for m in side_members})
    return Alert(
        key="corroboration:" + "|".join(sorted(side["claim_ids"])),
        kind="corroboration",
        summary=(
            f"{_number(side.get('value'))} {unit} for {group.get('measured') or 'a figure'} "
            f"is now given by independent reports: {', '.join(sources)}"
        ),
        story_id=group.get("story_id"),
        source=evidence.get("source"),
        doc_id=evidence.get("doc_id"),
        start=evidence.get("start"),
        end=evidence.get("end"),
        detail={
            "claim_group": group.get("id"),
            "side": _side_detail(side, members, sentence, False),
        },
    )


def _new_figure(
    group: Row, member: Row, known: set[Any], claims: Mapping[str, Row], sentence: SentenceText
) -> Alert:
    evidence = _evidence(member, claims)
    unit = group.get("unit") or ""
    before = ", ".join(_number(v) for v in sorted(v for v in known if v is not None))
    return Alert(
        key=f"new_figure:{member['claim_id']}",
        kind="new_figure",
        summary=(
            f"new figure for {group.get('measured') or 'a tracked quantity'}: "
            f"{_number(member.get('value'))} {unit} from {member.get('claimant') or '?'} "
            f"(known before: {before})"
        ),
        story_id=group.get("story_id"),
        source=evidence.get("source"),
        doc_id=evidence.get("doc_id"),
        start=evidence.get("start"),
        end=evidence.get("end"),
        detail={
            "claim_group": group.get("id"),
            "value": member.get("value"),
            "known_values": sorted(v for v in known if v is not None),
            "sentence": _sentence_of(member, sentence),
        },
    )


def _stated(side: dict[str, Any], members: Mapping[str, Row]) -> Row:
    """The side's first stated (not derived) member."""
    found = [members[c] for c in side["claim_ids"]]
    return next((m for m in found if not m.get("derived")), found[0])


def _evidence(member: Row, claims: Mapping[str, Row]) -> Row:
    """Where the claim is: its own span, else its sentence's."""
    claim = claims.get(str(member["claim_id"]), {})
    return {
        "doc_id": member["doc_id"],
        "source": member.get("source"),
        "start": claim.get("start", member.get("sentence_start")),
        "end": claim.get("end", member.get("sentence_end")),
    }


def _side_detail(
    side: dict[str, Any], members: Mapping[str, Row], sentence: SentenceText, new: bool
) -> dict[str, Any]:
    stated = [members[c] for c in side["claim_ids"] if not members[c].get("derived")]
    return {
        "value": side.get("value"),
        "claimants": side.get("claimants"),
        "doc_ids": side.get("doc_ids"),
        "new": new,
        "sentences": [_sentence_of(m, sentence) for m in stated],
    }


def _sentence_of(member: Row, sentence: SentenceText) -> dict[str, Any]:
    start, end = member.get("sentence_start"), member.get("sentence_end")
    text = sentence(member["doc_id"], start, end) if start is not None and end is not None else ""
    return {"doc_id": member["doc_id"], "start": start, "end": end, "text": text}


def _title_span(document: Row) -> tuple[int | None, int | None]:
    """The span of the document's title in its text, else of its first line."""
    text = str(document.get("text") or "")
    if not text:
        return None, None
    title = str(document.get("title") or "")
    at = text.find(title) if title else -1
    if at >= 0:
        return at, at + len(title)
    first = text.find("\n")
    return 0, first if first > 0 else len(text)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value
