"""Entity mentions: model entities checked against the gazetteer and the outlet list."""
