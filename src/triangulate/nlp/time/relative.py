"""Values of expressions that count from a point: "yesterday", "last week", "on Wednesday",
"three days ago", "that day", "now".

"ago", "last" and "today" count from the reference (the publication date);
"two days earlier", "that day" and "the following week" count from the date
the text last named (the focus), or from the reference when it named none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from triangulate.nlp.time.calendar import Direction, shift, shift_months, weekday_date
from triangulate.nlp.time.context import Context, Resolved
from triangulate.nlp.time.lexicon import PARTS_OF_DAY, UNITS, WEEKDAYS, number_value
from triangulate.nlp.time.tense import Tense

Match = re.Match[str]
# A weekday in a clause without a clear tense: the nearest, the past favoured (see `pick`).
WEEKDAY_DEFAULT = Direction.NEAREST
DEICTIC_DAYS = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
OFFSETS = {
    "this": 0,
    "the current": 0,
    "that": 0,
    "the same": 0,
    "that same": 0,
    "last": -1,
    "past": -1,
    "the past": -1,
    "the last": -1,
    "this past": -1,
    "the previous": -1,
    "the preceding": -1,
    "next": 1,
    "coming": 1,
    "the coming": 1,
    "this coming": 1,
    "the next": 1,
    "the following": 1,
}
UNANCHORED = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
}


def _words(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").lower()


def _part(name: str | None) -> str:
    return f"T{PARTS_OF_DAY[name.lower()]}" if name else ""


def _kind(suffix: str) -> str:
    return "TIME" if suffix else "DATE"


def deictic(m: Match, ctx: Context) -> Resolved | None:
    word = _words(m["word"])
    suffix = _part(m["part"]) or ("TAF" if _words(m["edge"]) == "mid-afternoon" else "")
    if word == "tonight":
        offset, suffix = 0, "TNI"
    elif word == "overnight":
        offset, suffix = (-1 if ctx.tense is Tense.PAST else 0), "TNI"
    else:
        offset = DEICTIC_DAYS[word]
    return ctx.relative(
        f"'{word}': day {offset:+d} from the reference",
        "day",
        "XXXX-XX-XX",
        lambda ref: shift(ref, "day", offset),
        _kind(suffix),
        suffix,
    )


def part_of_day(m: Match, ctx: Context) -> Resolved | None:
    offset = -1 if m["rel"].lower() == "last" else 0
    suffix = _part(m["part"])
    return ctx.relative(
        f"part of day {offset:+d} from the reference",
        "day",
        "XXXX-XX-XX",
        lambda ref: shift(ref, "day", offset),
        "TIME",
        suffix,
    )


def relative_unit(m: Match, ctx: Context) -> Resolved | None:
    unit = m["unit"].lower()
    offset = OFFSETS[_words(m["rel"])]
    step = "week" if unit == "weekend" else unit
    return ctx.relative(
        f"relative: {unit} {offset:+d} from the reference",
        unit,
        UNANCHORED[unit],
        lambda ref: shift(ref, step, offset),
    )


def boundary(m: Match, ctx: Context) -> Resolved | None:
    """ "the beginning of the day", "year-end", "the year": the reference's own period.

    "the (fiscal) year ended June 30" is a twelve-month stretch, not a calendar year.
    """
    if m["theyear"] and re.match(
        r"\s+(?:ended|ending|to|through)\b", m.string[m.end() : m.end() + 12]
    ):
        return Resolved("DURATION", "P1Y", "duration", True, "a year ending on a date")
    unit = "year" if m["yearend"] or m["theyear"] else m["unit"].lower()
    return ctx.relative(
        f"{_words(m[0])}: the reference {unit}", unit, UNANCHORED[unit], lambda ref: ref
    )


def weekend(m: Match, ctx: Context) -> Resolved | None:
    """ "the weekend": the last one in past tense, the coming one in future, else the nearer."""
    direction = ctx.direction()

    def compute(ref: date) -> date:
        day = ref.isoweekday()
        if day >= 6:
            return ref
        back = direction is Direction.PAST or (direction is Direction.NEAREST and day <= 3)
        return shift(ref, "day", -day if back else 6 - day)

    return ctx.relative(
        f"the weekend, {direction.value} the reference", "weekend", UNANCHORED["weekend"], compute
    )


def weekday(m: Match, ctx: Context) -> Resolved | None:
    number = WEEKDAYS[m["weekday"].lower()]
    rel = _words(m["rel"])
    suffix = _part(m["part"])
    anchor = ctx.focus.day if rel in ("the previous", "the following") else None
    if rel in ("last", "past", "this past", "the previous"):
        direction, why = Direction.BEFORE, f"'{rel}'"
    elif rel in ("next", "coming", "this coming", "the following"):
        direction, why = Direction.AFTER, f"'{rel}'"
    else:
        default = Direction.FUTURE if rel == "this" else WEEKDAY_DEFAULT
        direction, why = ctx.direction(default), f"{ctx.tense.value} tense"
    origin = "the day in focus" if anchor else "the reference"
    return ctx.relative(
        f"weekday, {why}: {direction.value} {origin}",
        "day",
        f"XXXX-WXX-{number}",
        lambda ref: weekday_date(ref, number, direction),
        _kind(suffix),
        suffix,
        anchor,
    )


def anaphoric(m: Match, ctx: Context) -> Resolved | None:
    """ "that day", "the next morning", "the following year": counted from the day in focus."""
    unit = m["unit"].lower()
    offset = OFFSETS[_words(m["rel"])]
    suffix = _part(unit) if unit in PARTS_OF_DAY else ""
    step = "day" if suffix else unit
    anchor = ctx.focus.day if step in ("day", "week") else ctx.focus.any
    origin = "the date in focus" if anchor else "the reference"
    return ctx.relative(
        f"{step} {offset:+d} from {origin}",
        step,
        UNANCHORED[step],
        lambda ref: shift(ref, step, offset),
        _kind(suffix),
        suffix,
        anchor,
    )


def _shift_target(unit: str, count: int, halves: bool) -> tuple[str, int] | None:
    """The calendar unit and amount a counted shift moves by ("a year and a half" = 18 months)."""
    letter, clock, multiple = UNITS[unit]
    if clock:
        hours = count * {"S": 1 / 3600, "M": 1 / 60, "H": 1}[letter]
        return "day", int(hours // 24)
    if halves and unit == "year":
        return "month", count * 12 + 6
    step = {"fortnight": "week", "decade": "year", "century": "year", "millennium": "year"}
    return step.get(unit, unit), count * multiple


def ago(m: Match, ctx: Context) -> Resolved | None:
    """ "three days ago" from the reference, "two days earlier" from the day in focus.

    (In "two days later" TimeML tags only the duration "two days".)
    """
    unit = _singular(m["unit"])
    direction = _words(m["dir"])
    sign = -1 if direction in ("ago", "earlier", "back") else 1
    count = number_value(m["num"])
    if count is None:
        return vague_ago(m, ctx)
    focus = ctx.focus
    if unit == "year" and count == 1 and sign < 0 and focus.period:
        day, granularity = focus.period
        return ctx.absolute(
            "a year before the period in focus", granularity, shift_months(day, -12), remember=False
        )
    target = _shift_target(unit, count, bool(m["half"]))
    if target is None:
        return None
    step, amount = target
    anchor = focus.day if direction == "earlier" and step in ("day", "week") else None
    origin = "the day in focus" if anchor else "the reference"
    return ctx.relative(
        f"{step} {sign * amount:+d} from {origin}",
        step,
        UNANCHORED[step],
        lambda ref: shift(ref, step, sign * amount),
        anchor=anchor,
    )


def vague_ago(m: Match, ctx: Context) -> Resolved | None:
    direction = _words(m["dir"])
    value = "PAST_REF" if direction in ("ago", "earlier", "back") else "FUTURE_REF"
    return Resolved("DATE", value, "day", True, f"uncounted '{direction}'")


def _singular(unit: str) -> str:
    unit = unit.lower()
    return {"centuries": "century", "millennia": "millennium"}.get(unit, unit.rstrip("s"))


def _reference_word(value: str) -> Callable[[Match, Context], Resolved | None]:
    def resolve(m: Match, ctx: Context) -> Resolved | None:
        return Resolved("DATE", value, "day", True, f"'{_words(m[0])}' as {value}")

    return resolve


RELATIVE_NORMALISERS: dict[str, Callable[[Match, Context], Resolved | None]] = {
    "deictic": deictic,
    "part_of_day": part_of_day,
    "relative_unit": relative_unit,
    "boundary": boundary,
    "weekend": weekend,
    "weekday": weekday,
    "anaphoric": anaphoric,
    "ago": ago,
    "vague_ago": vague_ago,
    "present_ref": _reference_word("PRESENT_REF"),
    "past_ref": _reference_word("PAST_REF"),
    "future_ref": _reference_word("FUTURE_REF"),
}
