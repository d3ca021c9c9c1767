"""`triangulate eval TASK PATH`: one entry point for every evaluation task."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from triangulate.clean import clean_document
from triangulate.corpus.independence import independent_origins
from triangulate.corpus.stories import cluster_texts
from triangulate.corpus.timeline import rank_dates
from triangulate.errors import InputError, UsageError
from triangulate.eval.article_extraction import run_article_extraction
from triangulate.eval.bsnlp import run_bsnlp
from triangulate.eval.case2021 import run_case2021
from triangulate.eval.claim_groups import draw_unjudged, load_judgements, score_claim_groups
from triangulate.eval.ecbplus import EcbDoc, run_ecbplus
from triangulate.eval.gold import SCORED_TABLES, StoredAnalysis, load_gold, score_gold
from triangulate.eval.newsquant import Quantity, run_newsquant
from triangulate.eval.polnear import Attribution, run_polnear
from triangulate.eval.pubdate import run_pubdate
from triangulate.eval.result import EvalResult
from triangulate.eval.timeline17 import Topic, TopicRun, run_timeline17
from triangulate.eval.timeml import Timex, run_timeml
from triangulate.models import Document, RawDocument
from triangulate.nlp import extensions
from triangulate.nlp.claims.finder import ClaimFinder
from triangulate.nlp.factories import CLAIMS
from triangulate.nlp.pipeline import load_pipeline, load_time_pipeline
from triangulate.nlp.quotes.finder import Attribution as QuoteAttribution
from triangulate.nlp.quotes.finder import find_attributions, nested
from triangulate.nlp.quotes.learned import CueModel, bundled_model
from triangulate.nlp.ruuk.mentions import find_mentions
from triangulate.resources.outlets import load_outlets
from triangulate.store import Store
from triangulate.store.stories import mark_stale, story_ids
from triangulate.workflow.analyze import analyze_store
from triangulate.workflow.ingest import ingest_inputs
from triangulate.workflow.settings import resolve_settings

_LEXICON = load_outlets()


def run_gold(
    path: Path, *, db: Path | None = None, corpus: Path | None = None, outlets: Path | None = None
) -> EvalResult:
    """Ingest `corpus` (into `db`, or a throw-away database) and score it against the gold file.

    `outlets` is the corpus's own outlet list, as for `triangulate ingest --outlets`.
    """
    gold = load_gold(path)
    if corpus is None and db is None:
        raise UsageError(
            "the gold evaluation needs the corpus folder of the documents it names "
            "or a database that holds them"
        )
    if corpus is not None and not corpus.is_dir():
        raise UsageError(f"the corpus {corpus} is not a folder")
    with tempfile.TemporaryDirectory(prefix="triangulate-eval-") as tmp:
        database = db or Path(tmp) / "eval.duckdb"
        with Store(database) as store:
            if corpus is not None:
                settings = resolve_settings(store, outlets=outlets)
                ingest_inputs(store, [str(corpus)], settings, fetch_links=False)
            documents = list(store.documents())
            analysis = StoredAnalysis(
                store.entities(),
                store.mention_texts_by_entity(),
                store.timexes_by_document(),
                {table: store.rows(table) for table in SCORED_TABLES},
            )
    return score_gold(gold, documents, analysis if analysis.timexes or analysis.entities else None)


def run_claim_groups(path: Path, *, db: Path | None) -> EvalResult:
    """Precision per claim-group status of the store `db` against a judged sample."""
    if db is None:
        raise UsageError("the claim-groups evaluation reads a database: pass --db DB")
    if not db.exists():
        raise UsageError(f"the database {db} does not exist; ingest the corpus first")
    judged = load_judgements(path)
    with Store(db) as store:
        return score_claim_groups(judged, store.rows("claim_groups"), store.rows("documents"))


def draw_claim_groups(
    path: Path, *, db: Path | None, n: int, seed: int = 0, hashed: bool = False
) -> list[dict[str, Any]]:
    """`n` groups of the store `db` that the judgement file `path` does not name yet, as
    lines to judge (`eval.claim_groups.draw_unjudged`); a missing file names none."""
    if db is None:
        raise UsageError("drawing claim groups reads a database: pass --db DB")
    if not db.exists():
        raise UsageError(f"the database {db} does not exist; ingest the corpus first")
    if n < 1:
        raise UsageError(f"draw at least one group, not {n}")
    if path.exists() and not path.is_file():
        raise UsageError(f"{path} is not a judgement file")
    judged = load_judgements(path) if path.exists() else {}
    with Store(db, read_only=True) as store:
        groups, documents = store.rows("claim_groups"), store.rows("documents")
        claims = store.rows("claims")
    return draw_unjudged(judged, groups, documents, n, seed, claims=claims, hashed=hashed)


def _clean_html(html: str, url: str | None) -> Document | None:
    """What the ingest pipeline stores for one page, or None when it finds no article."""
    raw = RawDocument(path=url or "page", raw=html, content_type="html", url=url)
    try:
        return clean_document(raw, _LEXICON)
    except InputError:
        return None


def run_article_extraction_task(path: Path) -> EvalResult:
    """Body text as the pipeline stores it, scored with the benchmark's shingle metric."""
    score = run_article_extraction(
        path, lambda html, url: d.text if (d := _clean_html(html, url)) else ""
    )
    result = EvalResult("article-extraction", metrics={"pages": float(score.n)})
    result.metrics.update(
        {
            "precision": round(score.precision, 4),
            "recall": round(score.recall, 4),
            "F1": round(score.f1, 4),
        }
    )
    worst = sorted(score.pages, key=lambda p: min(p.precision or 0.0, p.recall or 0.0))
    result.details["worst pages"] = [asdict(p) for p in worst[:20]]
    return result


def run_pubdate_task(path: Path) -> EvalResult:
    """The publication date the pipeline stores, against the benchmark's gold dates."""
    score = run_pubdate(
        path, lambda html, url: d.published if (d := _clean_html(html, url)) else None
    )
    result = EvalResult("pubdate", metrics={"pages": float(score.n)})
    result.metrics.update(
        {"accuracy": round(score.accuracy, 4), "pages without a date": float(score.no_date)}
    )
    result.details["misses"] = [asdict(m) for m in score.misses]
    return result


def _timeml_tagger() -> Callable[[str, str], list[Timex]]:
    """The time component on the installed model, the DCT as each text's reference date."""
    nlp = load_time_pipeline()

    def tag(text: str, dct: str) -> list[Timex]:
        doc = nlp.make_doc(text)
        doc._.reference_date = dct[:10]
        found = extensions.records(nlp(doc), extensions.TIMEXES)
        return [Timex(t.start, t.end, t.text, t.type, t.value) for t in found]

    return tag


def parse_for_attribution(nlp: Language, text: str) -> Doc:
    """The pipeline up to the quotes component: what attribution finding reads."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "triangulate_quotes":
            break
        doc = component(doc)
    return doc


def scored_attributions(doc: Doc, model: CueModel | None) -> list[Attribution]:
    """The attributions of a parsed text as PolNeAR marks them. PolNeAR marks an
    attribution inside another one's content only rarely (about one in five on train):
    nested ones are left out of what is scored."""
    found = find_attributions(doc, model)
    return polnear_attributions(doc.text, [a for a in found if not nested(a, found)])


def _run_polnear(path: Path) -> EvalResult:
    """The rules with the learned cue model, and the rules alone beside them
    (`rules only ...` metrics), from one parse of each text."""
    nlp = load_pipeline()
    model = bundled_model()
    parsed: dict[str, Doc] = {}

    def extract(text: str, with_model: bool) -> list[Attribution]:
        if text not in parsed:
            parsed[text] = parse_for_attribution(nlp, text)
        return scored_attributions(parsed[text], model if with_model else None)

    rules = run_polnear(path, lambda text: extract(text, False))
    result = run_polnear(path, lambda text: extract(text, True)) if model else rules
    for key, value in rules.metrics.items():
        if "overlap" in key and model is not None:
            result.metrics[f"rules only {key}"] = value
    return result


def _quantity_extractor() -> Callable[[list[str]], list[list[Quantity]]]:
    """Every quantity the claims component sees in each sentence, as NewsQuant writes one:
    the value as written (not converted), the unit's name, the change."""
    nlp = load_pipeline()
    finder = nlp.get_pipe(CLAIMS)
    assert isinstance(finder, ClaimFinder)

    def extract(texts: list[str]) -> list[list[Quantity]]:
        found = []
        for doc in nlp.pipe(texts):
            found.append(
                [
                    Quantity(
                        q.found.low,
                        q.found.high,
                        q.unit.name if q.unit else "-",
                        q.change,
                        count=q.unit is not None and q.unit.kind in ("person", "count"),
                        surface=doc.text[q.found.start : q.found.end],
                    )  # fmt: skip
                    for q in finder.quantities(doc)
                ]
            )
        return found

    return extract


def polnear_attributions(text: str, found: list[QuoteAttribution]) -> list[Attribution]:
    """Attributions as PolNeAR marks them: one per cue, the source as written.

    The parts of a quote split by its cue or carried over paragraphs are fragments of
    one content.
    """
    grouped: dict[int, list[QuoteAttribution]] = {}
    for one in found:
        key = one.cue_start if one.cue_start is not None else -1 - one.start
        grouped.setdefault(key, []).append(one)
    attributions = []
    for group in grouped.values():
        first = group[0]
        source = (first.source.start, first.source.end) if first.source else None
        cue = None
        if first.cue_start is not None and first.cue_end is not None:
            cue = (first.cue_start, first.cue_end)
        content = tuple((one.start, one.end) for one in group)
        attributions.append(
            Attribution(
                source=(source,) if source else (),
                cue=(cue,) if cue else (),
                content=content,
                source_text=text[source[0] : source[1]] if source else "",
                cue_text=text[cue[0] : cue[1]] if cue else "",
                content_text=" ".join(text[s:e] for s, e in content),
            )
        )
    return attributions


def _story_clusterer(docs: list[EcbDoc]) -> dict[str, str]:
    """The story index over the texts alone, in one pass (no dates, titles, topics or halves)."""
    return cluster_texts({d.doc_id: d.text for d in docs})


def _snippet_parser() -> Callable[[list[str]], list[Doc]]:
    """The whole pipeline over short texts without a publication date."""
    nlp = load_pipeline()
    return lambda texts: list(nlp.pipe(texts))


def _timeline17_topic(cache: Path | None) -> Callable[[Topic], TopicRun]:
    """Ingest each topic into its own store and rank its timeline's days.

    With `cache`, a topic's store is kept there under a key of its article files'
    contents and reused by later runs: only the per-story results (the timeline and
    its salience) are rebuilt, by the code of the run. Without it, the store is a
    throw-away one.
    """

    def run(topic: Topic) -> TopicRun:
        with tempfile.TemporaryDirectory(prefix="triangulate-t17-") as tmp:
            digest = hashlib.sha256()
            for article in topic.articles:
                digest.update(article.read_bytes())
            database = (cache or Path(tmp)) / f"{topic.name}-{digest.hexdigest()[:12]}.duckdb"
            skipped_file = database.with_suffix(".skipped.json")
            with Store(database) as store:
                settings = resolve_settings(store)
                if store.count_documents() and skipped_file.is_file():
                    mark_stale(store, story_ids(store))
                    analyze_store(store, settings)
                else:
                    report = ingest_inputs(
                        store, [str(a) for a in topic.articles], settings, fetch_links=False
                    )
                    skipped = [{"item": e.item, "reason": e.reason} for e in report.errors]
                    skipped_file.write_text(json.dumps(skipped), encoding="utf-8")
                documents = store.rows("documents")
                timeline = store.rows("timeline")
            ranked = rank_dates(timeline, documents, independent_origins(documents))
            return TopicRun(
                [r.date for r in ranked],
                [d["published"] or d["published_inferred"] or "" for d in documents],
                json.loads(skipped_file.read_text(encoding="utf-8")),
            )

    return run


TASKS: dict[str, Callable[[Path], EvalResult]] = {
    "article-extraction": run_article_extraction_task,
    "pubdate": run_pubdate_task,
    "timeml": lambda path: run_timeml(path, _timeml_tagger()),
    "polnear": _run_polnear,
    "ecbplus": lambda path: run_ecbplus(path, _story_clusterer),
    "case2021": lambda path: run_case2021(path, _snippet_parser()),
    "timeline17": lambda path: run_timeline17(path, _timeline17_topic(None)),
    "newsquant": lambda path: run_newsquant(path, _quantity_extractor()),
    "bsnlp": lambda path: run_bsnlp(path, find_mentions),
}


def evaluate(
    task: str,
    path: Path,
    *,
    db: Path | None = None,
    corpus: Path | None = None,
    outlets: Path | None = None,
    cache: Path | None = None,
) -> EvalResult:
    """Run one task; only `gold` (and `claim-groups`, a database) read a database, a
    corpus folder or an outlet list, and only `timeline17` keeps its ingested stores in a
    `cache` folder."""
    if not path.exists():
        raise UsageError(f"{path} does not exist")
    if task == "gold":
        return run_gold(path, db=db, corpus=corpus, outlets=outlets)
    if task == "claim-groups":
        if corpus or outlets:
            raise UsageError("the claim-groups evaluation takes a judged file and --db only")
        return run_claim_groups(path, db=db)
    if cache is not None:
        if task != "timeline17":
            raise UsageError(f"a cache folder belongs to the timeline17 task, not to {task!r}")
        cache.mkdir(parents=True, exist_ok=True)
        return run_timeline17(path, _timeline17_topic(cache))
    if task not in TASKS:
        names = ", ".join(["gold", "claim-groups", *TASKS])
        raise UsageError(f"unknown eval task {task!r}; choose one of: {names}")
    if db or corpus or outlets:
        raise UsageError(
            f"a database, a corpus and an outlet list belong to the gold task, not to {task!r}"
        )
    return TASKS[task](path)
