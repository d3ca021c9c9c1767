"""Time expressions in Russian and Ukrainian with TimeML values: "17 июля (2024 года)",
"в июле", "в 2022 году", "вчера", "в среду", "в прошлую среду", "на прошлой неделе",
"минулого тижня", "2 года назад", "три дні тому".

Words are matched by lemma (`ruuk_time_words`), so every case counts (среду, середу,
липня). Values are computed as the English ones are (`nlp.time.context`,
`nlp.time.calendar`): from the document's reference date, a weekday or a day without
a year looking back when the sentence's verb is in the past tense; without a reference
date a value is kept relative (XXXX-07-17) and marked unanchored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from triangulate.models import Span, TimeExpression
from triangulate.nlp.ruuk.numbers import number_at
from triangulate.nlp.ruuk.words import Word, words
from triangulate.nlp.time.calendar import (
    Direction,
    OutsideCalendar,
    calendar_date,
    month_date,
    month_day,
    parse_reference,
    shift,
    weekday_date,
    yearly_date,
)
from triangulate.nlp.time.context import Context, Resolved
from triangulate.nlp.time.relative import UNANCHORED
from triangulate.nlp.time.tense import Tense
from triangulate.resources.lexicons import lexicon_pairs

TIME_WORDS = lexicon_pairs("ruuk_time_words")
IN = frozenset({"в", "во", "у", "на"})  # the prepositions before a month or weekday
YEARS = range(1000, 2200)
YEAR_ABBREVIATIONS = frozenset({"г", "р"})  # 2024 г., 2024 р.


@dataclass(frozen=True)
class _Hit:
    """What the words `ws[first:last + 1]` name, resolved."""

    last: int
    resolved: Resolved | None


def _kind(word: Word, prefix: str) -> str | None:
    """The value of `word`'s entry of that kind ("month" -> "7"), None without one."""
    for lemma in sorted(word.lemmas):
        entry = TIME_WORDS.get(lemma, "")
        if entry == prefix or entry.startswith(prefix + ":"):
            return entry.partition(":")[2] or entry
    return None


def _tense(ws: list[Word]) -> Tense:
    if any(w.past for w in ws):
        return Tense.PAST
    return Tense.FUTURE if any(w.future for w in ws) else Tense.UNKNOWN


def _year_after(ws: list[Word], i: int) -> int | None:
    """A year written at `ws[i]` ("2024 года", "2024 р."), None when there is none."""
    if i >= len(ws) or not ws[i].text.isdigit() or int(ws[i].text) not in YEARS:
        return None
    follows = i + 1 < len(ws) and (
        _kind(ws[i + 1], "unit") == "year" or ws[i + 1].lower in YEAR_ABBREVIATIONS
    )
    return int(ws[i].text) if follows else None


def _day_month(ws: list[Word], i: int, ctx: Context) -> _Hit | None:
    """ "17 июля", "17 июля 2024 года"."""
    if i + 1 >= len(ws) or not ws[i].text.isdigit() or not 1 <= int(ws[i].text) <= 31:
        return None
    month = _kind(ws[i + 1], "month")
    if month is None:
        return None
    day, number = int(ws[i].text), int(month)
    year = _year_after(ws, i + 2)
    if year is not None:
        try:
            when = calendar_date(year, number, day)
        except (OutsideCalendar, ValueError):
            return None
        return _Hit(i + 3, ctx.absolute("day, month and year", "day", when))
    direction = ctx.direction()
    return _Hit(
        i + 1,
        ctx.relative(
            f"day and month, {direction.value} the reference",
            "day",
            f"XXXX-{number:02d}-{day:02d}",
            lambda ref: yearly_date(ref, month_day(number, day), direction),
        ),
    )


def _month(ws: list[Word], i: int, ctx: Context) -> _Hit | None:
    """ "в июле", "в июле 2024 года"."""
    month = _kind(ws[i], "month")
    if month is None or not i or ws[i - 1].lower not in IN:
        return None
    number = int(month)
    year = _year_after(ws, i + 1)
    if year is not None:
        return _Hit(i + 2, ctx.absolute("month and year", "month", date(year, number, 1)))
    direction = ctx.direction()
    return _Hit(
        i,
        ctx.relative(
            f"month, {direction.value} the reference",
            "month",
            f"XXXX-{number:02d}",
            lambda ref: month_date(ref, number, direction),
        ),
    )


def _year(ws: list[Word], i: int, ctx: Context) -> _Hit | None:
    """ "в 2022 году", "у 2022 році"."""
    year = _year_after(ws, i)
    if year is None:
        return None
    return _Hit(i + 1, ctx.absolute("year", "year", date(year, 1, 1)))


def _deictic(ws: list[Word], i: int, ctx: Context) -> _Hit | None:
    """ "вчера", "сьогодні"."""
    offset = _kind(ws[i], "day")
    if offset is None:
        return None
    days = int(offset)
    return _Hit(
        i,
        ctx.relative(
            f"'{ws[i].lower}': day {days:+d} from the reference",
            "day",
            UNANCHORED["day"],
            lambda ref: shift(ref, "day", days),
        ),
    )


def _weekday(ws: list[Word], i: int, ctx: Context) -> _Hit | None:
    """ "в среду" (by the tense), "в прошлую среду", "минулої середи"."""
    offset = _kind(ws[i], "offset")
    at = i + 1 if offset is not None else i
    number = _kind(ws[at], "weekday") if at < len(ws) else None
    if number is None or (offset is None and (not i or ws[i - 1].lower not in IN)):
        return None
    weekday = int(number)
    if offset is None or int(offset) == 0:
        direction, why = ctx.direction(Direction.NEAREST), f"{ctx.tense.value} tense"
    else:
        direction = Direction.BEFORE if int(offset) < 0 else Direction.AFTER
        why = f"'{ws[i].lower}'"
    return _Hit(
        at,
        ctx.relative(
            f"weekday, {why}: {direction.value} the reference",
            "day",
            f"XXXX-WXX-{weekday}",
            lambda ref: weekday_date(ref, weekday, direction),
        ),
    )


def _relative_unit(ws: list[Word], i: int, ctx: Context) -> _Hit | None:
    """ "на прошлой неделе", "минулого тижня", "в этом году"."""
    offset = _kind(ws[i], "offset")
    unit = _kind(ws[i + 1], "unit") if offset is not None and i + 1 < len(ws) else None
    if offset is None or unit is None:
        return None
    amount = int(offset)
    return _Hit(
        i + 1,
        ctx.relative(
            f"relative: {unit} {amount:+d} from the reference",
            unit,
            UNANCHORED[unit],
            lambda ref: shift(ref, unit, amount),
        ),
    )


def _ago(ws: list[Word], i: int, ctx: Context) -> _Hit | None:
    """ "2 года назад", "три дні тому"."""
    number = number_at(ws, i)
    if number is None or number.last + 2 >= len(ws) or number.value != int(number.value):
        return None
    unit = _kind(ws[number.last + 1], "unit")
    if unit is None or _kind(ws[number.last + 2], "ago") is None:
        return None
    amount = -int(number.value)
    return _Hit(
        number.last + 2,
        ctx.relative(
            f"{unit} {amount:+d} from the reference",
            unit,
            UNANCHORED[unit],
            lambda ref: shift(ref, unit, amount),
        ),
    )


RULES: tuple[Callable[[list[Word], int, Context], _Hit | None], ...] = (
    _day_month, _ago, _year, _month, _weekday, _relative_unit, _deictic,
)  # fmt: skip


def find_timexes(
    text: str, language: str, sentences: list[Span], reference: str | None
) -> list[TimeExpression]:
    """The time expressions of `text`, in order, resolved against `reference` (the
    document's date, YYYY-MM-DD, or None)."""
    day = parse_reference(reference)
    found = []
    for sentence in sentences:
        ws = words(text, language, sentence.start, sentence.end)
        ctx = Context(day, partial(_tense, ws))
        i = 0
        while i < len(ws):
            hit = next((h for rule in RULES if (h := rule(ws, i, ctx)) is not None), None)
            if hit is None or hit.resolved is None:
                i += 1
                continue
            r, start, end = hit.resolved, ws[i].start, ws[hit.last].end
            found.append(TimeExpression(start, end, text[start:end], r.type, r.value,
                                        r.granularity, r.anchored, r.rule))  # fmt: skip
            i = hit.last + 1
    return found
