"""Per-document NLP: the spaCy pipeline and our components (entities, places, time)."""
