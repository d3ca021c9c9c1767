"""What a value depends on besides its own words: reference date, tense, and the focus.

The focus is the period the text was last talking about: "a year earlier"
after "the third quarter" is the third quarter of the year before, "two days
earlier" and "that day" count from the last day named. `Resolved` is what every normaliser
returns, before offsets are attached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from triangulate.nlp.time.calendar import Direction, OutsideCalendar, render
from triangulate.nlp.time.tense import Tense

NEEDS_REFERENCE = "needs the publication date"
OUTSIDE_CALENDAR = "outside years 1-9999, left unresolved"


@dataclass(frozen=True)
class Resolved:
    """A TimeML type, value and granularity, whether they are anchored, and how they were got."""

    type: str
    value: str
    granularity: str
    anchored: bool
    rule: str


@dataclass
class Focus:
    """The last day, fiscal period (quarter, half) and calendar date of any size the text named."""

    day: date | None = None
    period: tuple[date, str] | None = None
    any: date | None = None

    def note(self, day: date, granularity: str) -> None:
        self.any = day
        if granularity in ("day", "time"):
            self.day = day
        elif granularity in ("quarter", "half"):
            self.period = (day, granularity)


@dataclass
class Context:
    """The reference date, the tense of the clause (computed only if asked) and the focus."""

    reference: date | None
    tense_of: Callable[[], Tense]
    focus: Focus = field(default_factory=Focus)
    # A day named in the same sentence, on which a bare clock time falls.
    sentence_day: date | None = None
    # The calendar day a resolved date stands for, for the finder to update the focus.
    day: date | None = None

    @cached_property
    def tense(self) -> Tense:
        return self.tense_of()

    def direction(self, default: Direction = Direction.NEAREST) -> Direction:
        """Past tense looks back, future tense forward, anything else uses `default`."""
        if self.tense is Tense.PAST:
            return Direction.PAST
        if self.tense is Tense.FUTURE:
            return Direction.FUTURE
        return default

    def absolute(
        self,
        rule: str,
        granularity: str,
        day: date,
        kind: str = "DATE",
        suffix: str = "",
        remember: bool = True,
    ) -> Resolved:
        """The period of `granularity` around `day`; `remember` makes it the new focus."""
        if remember:
            self.day = day
        return Resolved(
            kind, render(day, granularity) + suffix, _reported(granularity, suffix), True, rule
        )

    def relative(
        self,
        rule: str,
        granularity: str,
        unanchored: str,
        compute: Callable[[date], date | None],
        kind: str = "DATE",
        suffix: str = "",
        anchor: date | None = None,
    ) -> Resolved | None:
        """A value computed from `anchor` (default: the reference), or `unanchored` without one.

        `granularity` is a `render` granularity ("weekend" and "half" are spelled
        as such but reported as week and quarter); `suffix` is appended to the
        value (a part of day such as "TMO" or a clock time).
        """
        base = anchor or self.reference
        if base is None:
            reported = _reported(granularity, suffix)
            return Resolved(
                kind, unanchored + suffix, reported, False, f"{rule}; {NEEDS_REFERENCE}"
            )
        try:
            day = compute(base)
        except OutsideCalendar:
            return Resolved(
                kind, unanchored + suffix, _reported(granularity, suffix), False,
                f"{rule}; {OUTSIDE_CALENDAR}",
            )  # fmt: skip
        return None if day is None else self.absolute(rule, granularity, day, kind, suffix)


def _reported(granularity: str, suffix: str) -> str:
    if suffix:
        return "time"
    return {"weekend": "week", "half": "quarter"}.get(granularity, granularity)
