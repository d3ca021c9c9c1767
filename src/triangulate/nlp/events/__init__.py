"""Events: triggers typed on an ACLED-like taxonomy, with date, place and actors."""
