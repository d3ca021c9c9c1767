"""Time expressions: detection, TimeML values against the reference date, tense."""
