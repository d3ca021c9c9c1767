"""The regex rules that find temporal expressions, one per kind of expression.

Each rule's named groups carry the parts the normalisers need ("month", "day",
"rel", "unit"...). Spans follow TimeML: prepositions ("on", "in", "since",
"at") stay outside; determiners and modifiers that belong to the expression
("the past two weeks", "nearly three years", "early 1990") stay inside.
Month and weekday names must be capitalised; everything else matches in any
case. Checks that need spaCy's tags live in `time_detect`.
"""

from __future__ import annotations

import re

from triangulate.nlp.time.lexicon import (
    EXACT_COUNTS,
    FREQUENCY_ADVERBS,
    ORDINALS,
    UNITS,
    VAGUE_COUNTS,
    alternation,
    unit_forms,
)
from triangulate.resources.number_words import ONES, TENS

_B = r"(?<![\w'’])"  # a word starts here
_E = r"(?![\w’])"  # a word ends here ("Friday's" still ends after "Friday")
MONTH = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?!\w)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?!\w)))"
)
WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR = r"(?:1\d{3}|20\d{2})(?!\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)(?!\w)"
_ONE_TO_NINE = alternation(k for k in ONES if 0 < ONES[k] < 10)
_TEEN = alternation(k for k in ONES if ONES[k] >= 10)
_TENS = rf"(?:{alternation(TENS)})(?:[-\s]+(?:{_ONE_TO_NINE}))?"
SPOKEN_YEAR = (
    rf"(?:nineteen|twenty)[-\s]+(?:{_TENS}|{_TEEN}|oh[-\s]+(?:{_ONE_TO_NINE})|hundred)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TENS}|{_TEEN}|{_ONE_TO_NINE}))?"
)
NUM_WORD = rf"(?:{_TENS}|{alternation(ONES)})(?:[-\s]+(?:hundred|thousand))?"
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:a|one)\s+(?:hundred|thousand)"
    rf"|{alternation([*VAGUE_COUNTS, *EXACT_COUNTS])}|{NUM_WORD})"
)
HALF = r"(?:\s+and\s+a\s+half|\s+1/2|\s*½)"
UNIT = "|".join(unit_forms(u) for u in sorted(UNITS, key=len, reverse=True))
PART = r"(?:morning|afternoon|evening|night)"
EDGE = r"(?:early|late|mid|the\s+(?:beginning|start|end|middle)\s+of)"
NEAR = r"this\s+past|this\s+coming|this|last|next|past|coming"
QUANTITY_MODS = (
    r"(?:more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|no\s+more\s+than"
    r"|not\s+more\s+than|no\s+less\s+than|up\s+to|nearly|almost|about|around|approximately"
    r"|roughly|some|just|only|barely|well\s+over|a\s+full|the\s+full)"
)
TIME_ZONE = (
    r"(?-i:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|MSK)"
    r"(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?|local\s+time|Moscow\s+time|Kyiv\s+time"
)
ORDINAL_WORDS = alternation(ORDINALS)
HOLIDAY = (
    r"(?-i:Orthodox\s+Christmas|Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s\s+(?:Eve|Day)"
    r"|Thanksgiving(?:\s+Day)?)"
)

# Rule name -> pattern. On equal spans the earlier rule wins.
RULES_SOURCE: dict[str, str] = {
    # dates the text spells out
    "iso": (
        rf"{_B}(?P<year>\d{{4}})-(?P<mon>\d\d)-(?P<day>\d\d)"
        r"(?:[T\s](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d))?(?!\d)"
    ),
    "numeric": (
        r"(?<![\w'’/.])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)(?!\d)"
    ),
    "month_day": (
        rf"{_B}(?:(?P<weekday>{WEEKDAY}),?\s+|(?P<rel>last|next|this)\s+)?(?:(?P<edge>{EDGE})[-\s]+)?"
        rf"(?P<month>{MONTH})\s*(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?"
    ),
    "day_month": (
        rf"{_B}(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+"
        rf"(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?"
    ),
    "month_year": (
        rf"{_B}(?:(?P<edge>{EDGE})[-\s]+)?(?P<month>{MONTH}),?\s+(?:of\s+)?"
        rf"(?:(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year{_E})"
    ),
    "month": rf"{_B}(?:(?P<edge>{EDGE})[-\s]+)?(?:(?P<rel>{NEAR})\s+)?(?P<month>{MONTH})",
    "year": (
        rf"{_B}(?:(?P<edge>{EDGE})[-\s]+)?(?:(?P<fiscal>fiscal|calendar)[-\s]+)?(?:the\s+year\s+)?"
        rf"(?:(?P<year>{YEAR})(?!['’]?s\b)(?![-–]\d)|(?P<spoken>{SPOKEN_YEAR}){_E})"
    ),
    "decade": (
        rf"{_B}(?:(?P<the>the)\s+)?(?:(?P<edge>early|late|mid)[-\s]+)?(?:(?P<digits>1\d\d|20\d)0['’]?s"
        r"|['’](?P<short>\d)0['’]?s"
        rf"|(?P<words>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){_E}"
    ),
    "century": (
        rf"{_B}(?:the\s+)?(?:(?P<edge>early|late|mid)[-\s]+)?(?:(?P<num>\d{{1,2}})(?:st|nd|rd|th)"
        rf"|(?P<ord>{ORDINAL_WORDS})|(?P<rel>this|last|next|the\s+past|the\s+last|the\s+previous"
        rf"|the\s+next))[-\s]+century{_E}"
    ),
    "season": (
        rf"{_B}(?:(?P<rel>{NEAR})\s+|(?P<the>the)\s+)?(?:(?P<edge>early|late|mid)[-\s]+)?"
        rf"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<year>{YEAR}))?{_E}"
    ),
    "quarter": (
        rf"{_B}(?:(?:the|its|their)\s+)?(?:(?P<qrel>year-earlier|year-ago|same|comparable)\s+)?"
        rf"(?:(?P<yrel>this|last|next)\s+year['’]s\s+|(?P<qyear>{YEAR})\s+|fiscal[-\s]+)?"
        rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+quarter{_E}"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year{_E}))?"
    ),
    "q_code": rf"{_B}(?-i:Q)(?P<ord>[1-4])(?:\s+(?P<year>{YEAR}))?{_E}",
    "rel_quarter": (
        rf"{_B}(?P<rel>this|last|next|that|the\s+latest|the\s+current|the\s+previous|the\s+past"
        r"|the\s+last|the\s+next|the\s+coming|the\s+same|the\s+year-earlier|the\s+year-ago|the)"
        rf"\s+quarter{_E}(?!\s+of\s)"
    ),
    "half": (
        rf"{_B}(?:the\s+)?(?P<ord>first|second|1st|2nd)\s+half\s+of\s+"
        rf"(?:(?P<year>{YEAR})|(?P<rel>this|last|next|the)\s+year{_E})"
    ),
    "comparison": (
        rf"{_B}(?:the\s+)?(?:comparable\s+)?year[-\s](?:earlier|ago)(?:\s+(?P<per>quarter|period))?{_E}"
    ),
    "holiday": (
        rf"{_B}(?:(?P<rel>last|next|this)\s+)?(?P<holiday>{HOLIDAY})(?:\s+(?P<year>{YEAR}))?{_E}"
    ),
    # dates counted from the reference or from the date in focus
    "relative_unit": (
        rf"{_B}(?:(?P<edge>earlier|later|early|late|mid"
        r"|the\s+(?:beginning|start|end|middle|rest)\s+of)[-\s]+)?"
        rf"(?P<rel>{NEAR}|the\s+past|the\s+last|the\s+coming|the\s+current)\s+(?:fiscal\s+)?"
        rf"(?P<unit>week|weekend|month|year|decade|quarter){_E}(?!-)"
    ),
    "boundary": (
        rf"{_B}(?:the\s+(?P<edge>beginning|start|end|middle|rest)\s+of\s+the\s+"
        r"(?P<unit>day|week|month|year)|(?P<yearend>(?:the\s+)?year['’]?s?[-\s]end)"
        rf"|(?P<theyear>the\s+(?:full\s+|fiscal\s+|calendar\s+)?year)){_E}(?!-)"
    ),
    "weekend": rf"{_B}the\s+weekend{_E}",
    "deictic": (
        rf"{_B}(?:(?P<edge>early|late|earlier|later|mid-afternoon)\s+)?"
        r"(?P<word>today|yesterday|tomorrow|tonight|overnight|the\s+day\s+before\s+yesterday"
        rf"|the\s+day\s+after\s+tomorrow)(?:\s+(?P<part>{PART}))?{_E}"
    ),
    "part_of_day": (
        rf"{_B}(?:(?P<edge>early|late|earlier|later)\s+)?(?P<rel>this|last)\s+(?P<part>{PART}){_E}"
    ),
    "weekday": (
        rf"{_B}(?:(?P<edge>early|late|earlier|later)\s+)?"
        rf"(?:(?P<rel>{NEAR}|the\s+previous|the\s+following)\s+)?"
        rf"(?P<weekday>{WEEKDAY})(?!\w)(?:\s+(?P<part>{PART}){_E})?"
    ),
    "anaphoric": (
        rf"{_B}(?:(?P<edge>earlier|later|early|late)\s+)?(?P<rel>that(?:\s+same)?|the\s+same"
        r"|the\s+next|the\s+following|the\s+previous|the\s+preceding)\s+"
        rf"(?P<unit>day|morning|afternoon|evening|night|week|month|year){_E}"
    ),
    "ago": (
        rf"{_B}(?:(?P<mod>{QUANTITY_MODS})\s+)?(?P<num>{NUMBER})(?P<half>{HALF})?[-\s]+"
        rf"(?P<unit>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|from\s+now|hence|back){_E}"
    ),
    "vague_ago": rf"{_B}(?P<unit>{UNIT})\s+(?P<dir>ago|earlier){_E}",
    # sets (before durations: "300 tons a year" is a rate, not a stretch)
    "set_every": (
        rf"{_B}(?:every|each)\s+(?:other\s+)?(?:(?P<num>{NUMBER})\s+)?(?:(?P<weekday>{WEEKDAY})"
        rf"|(?P<month>{MONTH})|(?P<part>{PART})|(?P<weekend>weekend)|(?P<unit>{UNIT})){_E}"
    ),
    "set_adverb": rf"{_B}(?P<adverb>{alternation(FREQUENCY_ADVERBS)}){_E}",
    "set_times": (
        rf"{_B}(?:once|twice|thrice|{NUMBER}\s+times)\s+(?:a|an|per|each|every)\s+"
        rf"(?P<unit>{UNIT}){_E}"
    ),
    "set_per": rf"{_B}(?:an?|per)\s+(?P<unit>second|minute|hour|day|week|month|year){_E}",
    "weekday_plural": rf"{_B}(?P<weekday>{WEEKDAY})s{_E}",
    # durations
    "duration": (
        rf"{_B}(?:(?P<mod>{QUANTITY_MODS})\s+)?(?:the\s+(?:(?P<rel>past|last|next|first|coming"
        r"|previous|following|latest|final|remaining|initial|same|full)\s+)?)?(?:another\s+)?"
        rf"(?P<num>{NUMBER})(?P<half>{HALF})?"
        r"(?:\s+(?:more|additional|further|straight|consecutive|full|whole|long))?[-\s]+"
        rf"(?P<unit>{UNIT})(?P<half_after>\s+and\s+a\s+half)?(?:-long)?(?:\s+or\s+so)?{_E}"
    ),
    "half_unit": (
        rf"{_B}(?:(?P<mod>{QUANTITY_MODS})\s+)?half\s+(?:an?\s+)?"
        rf"(?P<unit>hour|day|year|decade|century){_E}"
    ),
    "short_past": (
        rf"{_B}the\s+(?P<rel>past|last)\s+"
        rf"(?P<unit>day|hour|minute|(?:twenty[-\s]four|24)\s+hours)(?:\s+or\s+so)?{_E}"
    ),
    "vague_plural": (
        rf"{_B}(?:(?P<rel>recent|coming|past|the\s+past|the\s+last|the\s+next|the\s+coming)\s+"
        r"|(?P<the>the)\s+)?(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades"
        rf"|centuries)(?P<ahead>\s+(?:ahead|to\s+come))?{_E}"
    ),
    # clock times
    "clock": (
        rf"{_B}(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m"
        rf"(?:\.|{_E})(?:\s+(?P<tz>{TIME_ZONE}))?"
    ),
    "clock24": (
        rf"{_B}(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?!\d)(?:\s*(?P<tz>{TIME_ZONE}))?"
    ),
    "clock_word": rf"{_B}(?P<word>noon|midnight|midday){_E}",
    "clock_part": (
        rf"{_B}(?P<hour>1[0-2]|0?[1-9]|{alternation(k for k in ONES if 0 < ONES[k] < 13)})"
        r"(?:\s+o['’]clock)?\s+(?:in\s+the\s+(?P<part>morning|afternoon|evening)"
        rf"|at\s+(?P<night>night)){_E}"
    ),
    # the present, the past and the future as such
    "present_ref": (
        rf"{_B}(?:right\s+now|just\s+now|now|currently|current|nowadays|these\s+days){_E}(?!-)"
    ),
    "past_ref": rf"{_B}(?:recently|recent|lately|the\s+past){_E}(?!-)",
    "future_ref": (
        rf"{_B}(?:the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future"
        rf"|the\s+(?:near|short|long|medium)\s+term|the\s+years\s+to\s+come){_E}"
    ),
}
RULES = [(name, re.compile(source, re.IGNORECASE)) for name, source in RULES_SOURCE.items()]
PRIORITY = {name: i for i, name in enumerate(RULES_SOURCE)}
CLOCK_RULES = frozenset({"clock", "clock24", "clock_word", "clock_part"})
