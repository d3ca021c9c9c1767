"""Values of durations ("three years" P3Y), sets ("every day" P1D) and clock times (T04:30).

Durations and sets need no reference date. A clock time falls on the day
named in its sentence ("on Wednesday at 4 p.m."), else on the reference day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from triangulate.nlp.time.context import Context, Resolved
from triangulate.nlp.time.lexicon import (
    FREQUENCY_ADVERBS,
    MONTHS,
    PARTS_OF_DAY,
    UNITS,
    VAGUE_UNIT_LETTER,
    WEEKDAYS,
    number_value,
)
from triangulate.resources.number_words import ONES

Match = re.Match[str]
# What half of one unit adds, in a smaller unit ("2 1/2 years" = P2Y6M); other units add
# half their multiple ("half a century" = P50Y).
HALF_OF = {
    "year": (6, "M"),
    "quarter": (45, "D"),
    "month": (15, "D"),
    "day": (12, "H"),
    "hour": (30, "TM"),
    "minute": (30, "S"),
}
DATE_KEYS = ("Y", "M", "W", "D")
TIME_KEYS = ("H", "TM", "S")  # TM: minutes, apart from months


def _singular(unit: str) -> str:
    unit = unit.lower().replace(" ", "")
    return {"centuries": "century", "millennia": "millennium"}.get(unit, unit.rstrip("s"))


def period(count: int | None, unit: str, halves: bool = False) -> str:
    """The ISO 8601 duration of `count` units; an unknown count is X ("several years" = PXY)."""
    letter, clock, multiple = UNITS[unit]
    if count is None:
        return f"PTX{letter}" if clock else f"PX{VAGUE_UNIT_LETTER.get(unit, letter)}"
    key = "TM" if clock and letter == "M" else letter
    parts = {key: count * multiple}
    if halves and unit == "week":  # weeks do not mix with other units in ISO 8601
        parts = {"D": count * 7 + 3, "H": 12}
    elif halves:
        extra, extra_key = HALF_OF.get(unit, (multiple // 2, key))
        parts[extra_key] = parts.get(extra_key, 0) + extra
    date_part = "".join(f"{parts[k]}{k}" for k in DATE_KEYS if parts.get(k))
    time_part = "".join(f"{parts[k]}{k[-1]}" for k in TIME_KEYS if parts.get(k))
    if not date_part and not time_part:
        return f"PT0{letter}" if clock else f"P0{letter}"
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def duration(m: Match, ctx: Context) -> Resolved | None:
    unit = _singular(m["unit"])
    halves = bool(m["half"] or m["half_after"])
    count = number_value(m["num"])
    if re.fullmatch(r"\d+\.5", m["num"]):  # "2.5 years"
        count, halves = int(m["num"][:-2]), True
    value = period(count, unit, halves)
    counted = "uncounted" if count is None else "counted"
    return Resolved("DURATION", value, "duration", True, f"{counted} {unit}s")


def short_past(m: Match, ctx: Context) -> Resolved | None:
    """ "the past day or so": a stretch of one unit up to the reference, not the day before."""
    unit = m["unit"].lower()
    value = "PT24H" if "hours" in unit else period(1, unit)
    return Resolved("DURATION", value, "duration", True, "one unit back from the reference")


def half_unit(m: Match, ctx: Context) -> Resolved | None:
    return Resolved("DURATION", period(0, m["unit"].lower(), True), "duration", True, "half a unit")


def vague_plural(m: Match, ctx: Context) -> Resolved | None:
    """ "for years" PXY, "in recent weeks" PXW, "the days ahead" PXD."""
    return Resolved(
        "DURATION", period(None, _singular(m["unit"])), "duration", True, "uncounted plural unit"
    )


def set_every(m: Match, ctx: Context) -> Resolved | None:
    if m["weekday"]:
        value = f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()]}"
    elif m["month"]:
        value = f"XXXX-{MONTHS[m['month'].lower().rstrip('.')]:02d}"
    elif m["part"]:
        value = f"XXXX-XX-XXT{PARTS_OF_DAY[m['part'].lower()]}"
    elif m["weekend"]:
        value = "XXXX-WXX-WE"
    else:
        count = number_value(m["num"]) if m["num"] else 1
        if count is None:
            return None
        count *= 2 if "other" in m[0].lower() else 1
        value = period(count, _singular(m["unit"]))
    return Resolved("SET", value, "set", True, "'every'/'each'")


def set_adverb(m: Match, ctx: Context) -> Resolved | None:
    return Resolved("SET", FREQUENCY_ADVERBS[m["adverb"].lower()], "set", True, "frequency adverb")


def set_rate(m: Match, ctx: Context) -> Resolved | None:
    return Resolved("SET", period(1, _singular(m["unit"])), "set", True, "rate per unit")


def weekday_plural(m: Match, ctx: Context) -> Resolved | None:
    return Resolved(
        "SET", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()]}", "set", True, "plural weekday"
    )


def _clock(ctx: Context, hour: int, minute: int, rule: str) -> Resolved | None:
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    suffix = f"T{hour:02d}:{minute:02d}"
    day: date | None = ctx.sentence_day
    origin = "the day named in the sentence" if day else "the reference day"
    return ctx.relative(
        f"{rule} on {origin}", "day", "XXXX-XX-XX", lambda ref: ref, "TIME", suffix, day
    )


def clock(m: Match, ctx: Context) -> Resolved | None:
    hour = int(m["hour"]) % 12 + (12 if m["ampm"].lower() == "p" else 0)
    return _clock(ctx, hour, int(m["minute"] or 0), "a.m./p.m. clock time")


def clock24(m: Match, ctx: Context) -> Resolved | None:
    return _clock(ctx, int(m["hour"]), int(m["minute"]), "24-hour clock time")


def clock_word(m: Match, ctx: Context) -> Resolved | None:
    hour = 24 if m["word"].lower() == "midnight" else 12
    return _clock(ctx, hour, 0, m["word"].lower())


def clock_part(m: Match, ctx: Context) -> Resolved | None:
    """ "4 in the morning", "10 at night": the part of day says a.m. or p.m."""
    text = m["hour"].lower()
    hour = int(text) if text.isdigit() else ONES[text]
    if (m["part"] and m["part"].lower() != "morning") or (m["night"] and hour >= 6):
        hour = hour % 12 + 12
    return _clock(ctx, hour, 0, "hour and part of day")


EXTENT_NORMALISERS: dict[str, Callable[[Match, Context], Resolved | None]] = {
    "duration": duration,
    "short_past": short_past,
    "half_unit": half_unit,
    "vague_plural": vague_plural,
    "set_every": set_every,
    "set_adverb": set_adverb,
    "set_times": set_rate,
    "set_per": set_rate,
    "weekday_plural": weekday_plural,
    "clock": clock,
    "clock24": clock24,
    "clock_word": clock_word,
    "clock_part": clock_part,
}
