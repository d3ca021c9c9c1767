"""Paragraph breaks as sentence boundaries, set before the parser runs.

The clean text keeps headings, datelines and paragraphs on their own lines;
the small English parser would otherwise run a heading into the next
paragraph's first sentence ("... 117 drones said"), which misleads every
component that reads subjects and clauses. spaCy's parser respects sentence
starts that are already set.
"""

from __future__ import annotations

from spacy.tokens import Doc


def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence at the first token after any line break."""
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if after_break:
            token.is_sent_start = True
        after_break = False
    return doc
