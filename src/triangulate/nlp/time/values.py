"""Values of expressions that name a calendar period: dates, months, years, quarters, seasons.

A name without its year ("July 16", "in May", "the third quarter") takes the
year that the tense of its clause points to: past tense the latest one on or
before the reference, future tense the next one, otherwise the nearest.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date

from triangulate.nlp.time.calendar import (
    Direction,
    calendar_date,
    month_date,
    month_day,
    nth_weekday,
    pick,
    quarter_of,
    season_of,
    shift,
    shift_months,
    yearly_date,
)
from triangulate.nlp.time.context import Context, Resolved
from triangulate.nlp.time.lexicon import (
    HOLIDAYS,
    MONTHS,
    ORDINALS,
    SEASONS,
    WEEKDAY_HOLIDAYS,
    WEEKDAYS,
    spoken_year,
)
from triangulate.nlp.time.tense import Tense

Match = re.Match[str]
YEAR_SHIFT = {"this": 0, "last": -1, "next": 1, "the": 0}
SEASON_ORDER = ["SP", "SU", "FA", "WI"]
DECADE_WORDS = [
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
]
SEASON_MIDDLE = {"SP": 4, "SU": 7, "FA": 10, "WI": 12}
LEAP_YEAR = 2000  # a month-day is possible if it exists in some year: February 29 is
REL_DIRECTION = {
    "last": Direction.BEFORE,
    "past": Direction.BEFORE,
    "this past": Direction.BEFORE,
    "the previous": Direction.BEFORE,
    "next": Direction.AFTER,
    "coming": Direction.AFTER,
    "this coming": Direction.AFTER,
    "the following": Direction.AFTER,
}


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _words(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").lower()


def _edge(m: Match) -> str:
    edge = m.groupdict().get("edge")
    return f" ({_words(edge)} of it)" if edge else ""


def iso(m: Match, ctx: Context) -> Resolved | None:
    try:
        day = calendar_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    except ValueError:
        return None
    if m["hour"]:
        return ctx.absolute("ISO date and time", "day", day, "TIME", f"T{m['hour']}:{m['minute']}")
    return ctx.absolute("ISO date", "day", day)


def numeric(m: Match, ctx: Context) -> Resolved | None:
    """17.07.2024 is day-month; 07/17/2024 month-day unless the first number cannot be a month."""
    a, b = int(m["a"]), int(m["b"])
    day_first = m["sep"] == "." or a > 12
    try:
        day = calendar_date(int(m["year"]), b if day_first else a, a if day_first else b)
    except ValueError:
        return None
    order = "day-month" if day_first else "month-day"
    return ctx.absolute(f"numeric date read {order}", "day", day)


def _yearly(
    m: Match, ctx: Context, in_year: Callable[[int], date | None], unanchored: str, rule: str
) -> Resolved | None:
    """A date that comes back every year, in the year the text, the weekday or the tense says."""
    if m["year"]:
        day = in_year(int(m["year"]))
        return None if day is None else ctx.absolute(rule + _edge(m), "day", day)
    groups = m.groupdict()
    if groups.get("weekday"):
        number = WEEKDAYS[groups["weekday"].lower()]

        def fits(year: int) -> date | None:
            day = in_year(year)
            return day if day is not None and day.isoweekday() == number else None

        def nearest_fit(ref: date) -> date | None:
            return yearly_date(ref, fits, Direction.NEAREST) or yearly_date(
                ref, in_year, Direction.NEAREST
            )

        return ctx.relative(
            f"{rule}, in the nearest year where it is a {groups['weekday']}",
            "day",
            unanchored,
            nearest_fit,
        )
    rel = _words(groups.get("rel"))
    direction = REL_DIRECTION.get(rel) or ctx.direction()
    why = f"'{rel}'" if rel else f"{ctx.tense.value} tense"
    return ctx.relative(
        f"{rule} without year, {why}: {direction.value} the reference",
        "day",
        unanchored,
        lambda ref: yearly_date(ref, in_year, direction),
    )


def month_and_day(m: Match, ctx: Context) -> Resolved | None:
    number, day = _month(m["month"]), int(re.sub(r"\D", "", m["day"]))
    if day > calendar.monthrange(LEAP_YEAR, number)[1]:
        return None
    return _yearly(m, ctx, month_day(number, day), f"XXXX-{number:02d}-{day:02d}", "month day")


def holiday(m: Match, ctx: Context) -> Resolved | None:
    name = _words(m["holiday"]).replace("’", "'")
    if name in WEEKDAY_HOLIDAYS:
        in_year = nth_weekday(*WEEKDAY_HOLIDAYS[name])
        unanchored = "XXXX-XX-XX"
    else:
        number, day = HOLIDAYS[name]
        in_year, unanchored = month_day(number, day), f"XXXX-{number:02d}-{day:02d}"
    return _yearly(m, ctx, in_year, unanchored, f"holiday {name}")


def month_year(m: Match, ctx: Context) -> Resolved | None:
    month = _month(m["month"])
    if m["year"]:
        return ctx.absolute(
            "month and year" + _edge(m), "month", calendar_date(int(m["year"]), month, 1)
        )
    offset = YEAR_SHIFT[m["rel"].lower()]
    return ctx.relative(
        f"month of the year {offset:+d} from the reference",
        "month",
        f"XXXX-{month:02d}",
        lambda ref: calendar_date(ref.year + offset, month, 1),
    )


def month(m: Match, ctx: Context) -> Resolved | None:
    number = _month(m["month"])
    rel = _words(m["rel"])
    if rel == "this":
        return ctx.relative(
            "month of the reference year",
            "month",
            f"XXXX-{number:02d}",
            lambda ref: calendar_date(ref.year, number, 1),
        )
    direction = REL_DIRECTION.get(rel) or ctx.direction()
    why = f"'{rel}'" if rel else f"{ctx.tense.value} tense"
    return ctx.relative(
        f"month without year, {why}: {direction.value} the reference month{_edge(m)}",
        "month",
        f"XXXX-{number:02d}",
        lambda ref: month_date(ref, number, direction),
    )


def year(m: Match, ctx: Context) -> Resolved | None:
    number = int(m["year"]) if m["year"] else spoken_year(m["spoken"])
    if number is None:
        return None
    fiscal = "fiscal " if m["fiscal"] else ""
    return ctx.absolute(f"{fiscal}year{_edge(m)}", "year", calendar_date(number, 1, 1))


def decade(m: Match, ctx: Context) -> Resolved | None:
    if m["digits"]:
        return Resolved("DATE", m["digits"], "decade", True, "decade" + _edge(m))
    digit = int(m["short"]) if m["short"] else DECADE_WORDS.index(m["words"].lower()) + 2
    if ctx.reference is None:
        return Resolved(
            "DATE",
            f"XX{digit}",
            "decade",
            False,
            "decade without century; needs the publication date",
        )
    century = ctx.reference.year // 100
    if century * 100 + digit * 10 > ctx.reference.year:
        century -= 1
    return Resolved(
        "DATE", f"{century}{digit}", "decade", True, "decade in the latest century that has it"
    )


def century(m: Match, ctx: Context) -> Resolved | None:
    if m["num"] or m["ord"]:
        number = int(m["num"]) if m["num"] else ORDINALS[_words(m["ord"]).replace(" ", "-")]
        return Resolved("DATE", f"{number - 1:02d}", "century", True, "ordinal century" + _edge(m))
    offset = {"this": 0, "next": 1, "the next": 1}.get(_words(m["rel"]), -1)
    return ctx.relative(
        f"century {offset:+d} from the reference",
        "century",
        "XX",
        lambda ref: shift(ref, "century", offset),
    )


def season(m: Match, ctx: Context) -> Resolved | None:
    code = SEASONS[m["season"].lower()]
    if m["year"]:
        return ctx.absolute(
            "season of a year", "season", calendar_date(int(m["year"]), SEASON_MIDDLE[code], 15)
        )
    rel = _words(m["rel"])
    direction = REL_DIRECTION.get(rel) or (Direction.NEAREST if rel == "this" else ctx.direction())
    position = SEASON_ORDER.index(code)

    def compute(ref: date) -> date | None:
        year, current = season_of(ref)
        here = year * 4 + SEASON_ORDER.index(current)
        chosen = pick(here, [(year + k) * 4 + position for k in (-1, 0, 1)], direction)
        return None if chosen is None else calendar_date(chosen // 4, SEASON_MIDDLE[code], 15)

    return ctx.relative(
        f"season, {direction.value} the current one", "season", f"XXXX-{code}", compute
    )


def _quarter_year(ctx: Context, number: int) -> Callable[[date], date]:
    """The reference's year, or the year before for a quarter not begun in a past-tense clause.

    No shift forward: "will report third-quarter results" is about a quarter
    already over, so a future verb says little about a quarter's year.
    """

    def compute(ref: date) -> date:
        back = ctx.tense is Tense.PAST and number > quarter_of(ref)
        return calendar_date(ref.year - back, 3 * number - 2, 1)

    return compute


def quarter(m: Match, ctx: Context) -> Resolved | None:
    number = int(m["ord"][0]) if m["ord"][0].isdigit() else ORDINALS[m["ord"].lower()]
    groups = m.groupdict()
    back = -1 if _words(groups.get("qrel")) in ("year-earlier", "year-ago") else 0
    explicit = groups.get("year") or groups.get("qyear")
    if explicit:
        return ctx.absolute(
            "quarter of a year", "quarter", calendar_date(int(explicit) + back, 3 * number - 2, 1)
        )
    rel = groups.get("rel") or groups.get("yrel")
    if rel:
        offset = YEAR_SHIFT[rel.lower()] + back
        return ctx.relative(
            f"quarter of the year {offset:+d} from the reference",
            "quarter",
            f"XXXX-Q{number}",
            lambda ref: calendar_date(ref.year + offset, 3 * number - 2, 1),
        )
    compute = _quarter_year(ctx, number)
    return ctx.relative(
        f"quarter without year, {ctx.tense.value} tense",
        "quarter",
        f"XXXX-Q{number}",
        lambda ref: shift(compute(ref), "year", back),
    )


def rel_quarter(m: Match, ctx: Context) -> Resolved | None:
    """ "this quarter", "the latest quarter"; bare "the quarter" is the quarter in focus."""
    rel = _words(m["rel"])
    focus = ctx.focus.period
    if (
        rel in ("the", "that", "the same", "the year-earlier", "the year-ago")
        and focus
        and focus[1] == "quarter"
    ):
        back = -4 if "year-" in rel else 0
        return ctx.absolute(
            "the quarter in focus", "quarter", shift(focus[0], "quarter", back), remember=False
        )
    offsets = {"this": 0, "the current": 0, "next": 1, "the next": 1, "the coming": 1}
    offset = offsets.get(rel, -1)
    if rel in ("the", "that", "the same"):
        offset = 0 if ctx.tense in (Tense.PRESENT, Tense.FUTURE) else -1
    if "year-" in rel:
        offset = -5
    return ctx.relative(
        f"quarter {offset:+d} from the reference's",
        "quarter",
        "XXXX-QX",
        lambda ref: shift(ref, "quarter", offset),
    )


def half(m: Match, ctx: Context) -> Resolved | None:
    number = 1 if m["ord"].lower() in ("first", "1st") else 2
    month_of = 6 * number - 5
    if m["year"]:
        return ctx.absolute("half of a year", "half", calendar_date(int(m["year"]), month_of, 1))
    offset = YEAR_SHIFT[m["rel"].lower()]
    return ctx.relative(
        f"half of the year {offset:+d} from the reference",
        "half",
        f"XXXX-H{number}",
        lambda ref: calendar_date(ref.year + offset, month_of, 1),
    )


def comparison(m: Match, ctx: Context) -> Resolved | None:
    """ "year-earlier", "the year-ago quarter": the period in focus, one year back."""
    if ctx.focus.period:
        day, granularity = ctx.focus.period
        return ctx.absolute(
            "the period in focus, a year earlier",
            granularity,
            shift_months(day, -12),
            remember=False,
        )
    return ctx.relative(
        "year before the reference", "year", "XXXX", lambda ref: shift(ref, "year", -1)
    )


CALENDAR_NORMALISERS: dict[str, Callable[[Match, Context], Resolved | None]] = {
    "iso": iso,
    "numeric": numeric,
    "month_day": month_and_day,
    "day_month": month_and_day,
    "holiday": holiday,
    "month_year": month_year,
    "month": month,
    "year": year,
    "decade": decade,
    "century": century,
    "season": season,
    "quarter": quarter,
    "q_code": quarter,
    "rel_quarter": rel_quarter,
    "half": half,
    "comparison": comparison,
}
