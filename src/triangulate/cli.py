"""The `triangulate` command: a thin shell over `triangulate.api`.

Exit codes: 0 everything worked, 1 some items failed (each is named), 2 the
command itself was wrong, 3 the store was busy (another process held it past
`--lock-timeout`).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from triangulate import api
from triangulate.errors import StoreBusy, TriangulateError, UsageError
from triangulate.store import default_db_path
from triangulate.store.schema import EXPORT_VIEWS
from triangulate.web.client import export_via_server, ingest_via_server, serving_url

T = TypeVar("T")

app = typer.Typer(
    help="Turn a pile of noisy conflict reporting into a sourced, claim-by-claim record.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", envvar="TRIANGULATE_DB", help="Database file [default: ./triangulate.duckdb]"
    ),
]
TokenOption = Annotated[
    str | None,
    typer.Option("--token", envvar="TRIANGULATE_TOKEN", help="The server's access token."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON summary for scripts.")]
OutletsOption = Annotated[
    Path | None, typer.Option(help="CSV of extra outlets (name, aliases, domains).")
]
FramingOption = Annotated[
    list[Path] | None,
    typer.Option(help="Extra framing lexicon, CSV (referent, term, notes[, context])."),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Processes that parse (default: one per core; small batches use one).",
    ),
]
LockTimeoutOption = Annotated[
    float,
    typer.Option(
        "--lock-timeout",
        help="Seconds to wait while another process holds the database (then exit 3).",
    ),
]
GazetteerOption = Annotated[
    list[Path] | None,
    typer.Option(help="Extra places, CSV or GeoJSON (name, aliases, type, country, lat, lon)."),
]


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, URLs, or - for stdin.")
    ],
    db: DbOption = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Skip inputs larger than this many bytes.")
    ] = api.DEFAULT_MAX_BYTES,
    no_fetch: Annotated[
        bool, typer.Option("--no-fetch", help="Do not fetch the pages that feed entries link to.")
    ] = False,
    fetch_timeout: Annotated[
        float,
        typer.Option("--fetch-timeout", help="Total seconds one URL may take, redirects included."),
    ] = api.DEFAULT_FETCH_TIMEOUT,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls",
            help="Let feed links and redirects reach loopback and private addresses.",
        ),
    ] = False,
    outlets: OutletsOption = None,
    gazetteer: GazetteerOption = None,
    framing: FramingOption = None,
    no_analyze: Annotated[
        bool, typer.Option("--no-analyze", help="Store only; run `triangulate analyze` later.")
    ] = False,
    workers: WorkersOption = None,
    lock_timeout: LockTimeoutOption = api.DEFAULT_LOCK_TIMEOUT,
    as_json: JsonOption = False,
    server: Annotated[
        str | None,
        typer.Option("--server", help="Send the inputs to a running `triangulate serve`."),
    ] = None,
    token: TokenOption = None,
) -> None:
    """Read, clean, store and analyse news reports; a bad item is named and skipped."""
    if server:
        _ingest_via_server(server, paths, token, as_json)
        return
    _check_not_served(db)
    report = _run_ingest(
        as_json,
        lambda: api.ingest(
            paths,
            db,
            max_bytes=max_bytes,
            fetch_links=not no_fetch,
            fetch_timeout=fetch_timeout,
            allow_private_urls=allow_private_urls,
            outlets=outlets,
            progress=terminal_progress,
            run_analysis=not no_analyze,
            gazetteers=gazetteer or [],
            framing=framing or [],
            workers=workers,
            lock_timeout=lock_timeout,
            on_wait=_waiting,
        ),
    )
    _finish(report, as_json)


@app.command()
def analyze(
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help="Re-analyse every document.")] = False,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Try again documents whose analysis failed.")
    ] = False,
    model: Annotated[
        str | None,
        typer.Option(envvar="TRIANGULATE_SPACY_MODEL", help="An installed spaCy pipeline."),
    ] = None,
    outlets: OutletsOption = None,
    gazetteer: GazetteerOption = None,
    framing: FramingOption = None,
    workers: WorkersOption = None,
    lock_timeout: LockTimeoutOption = api.DEFAULT_LOCK_TIMEOUT,
    as_json: JsonOption = False,
) -> None:
    """(Re)run the NLP analysis on stored documents, resolve entities across them and
    update the stories (`--force`: everything again)."""
    _check_not_served(db)
    report = _run(
        lambda: api.analyze(
            db,
            force=force,
            retry_failed=retry_failed,
            model=model,
            gazetteers=gazetteer or [],
            outlets=outlets,
            framing=framing or [],
            progress=terminal_progress,
            workers=workers,
            lock_timeout=lock_timeout,
            on_wait=_waiting,
        )
    )
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        out.print(
            f"{report.analyzed} documents analysed, {len(report.failed)} failed; "
            f"{report.entities} entities; {len(report.stories_changed)} stories updated, "
            f"{len(report.dates_inferred)} dates inferred"
        )
    _analysis_errors(report)


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="Table to export: " + ", ".join(EXPORT_VIEWS) + ".")],
    db: DbOption = None,
    format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl, csv or parquet; for events also geojson or acled."
        ),
    ] = "jsonl",
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Output file.")] = None,
    lock_timeout: LockTimeoutOption = api.DEFAULT_LOCK_TIMEOUT,
    token: TokenOption = None,
) -> None:
    """Write one of the export tables (the public contract: docs/architecture.md); through
    `triangulate serve` when a running server holds the database."""
    url = serving_url(default_db_path(db))
    if url:
        _run(lambda: export_via_server(url, table, format, out_file, token=token))
        return
    _run(
        lambda: api.export(
            table, db, format=format, out=out_file, lock_timeout=lock_timeout, on_wait=_waiting
        )
    )


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Where to build the demo database.")] = Path(
        "triangulate-demo.duckdb"
    ),
    as_json: JsonOption = False,
) -> None:
    """Ingest the bundled fictional sample corpus into a fresh database and summarise it."""
    report = _run(lambda: api.demo(db, progress=terminal_progress))
    if not as_json:
        _print_documents(db)
        _print_findings(db)
    _finish(report, as_json)


StoryOption = Annotated[
    str | None, typer.Option("--story", help="Only this story (ids: `triangulate stories`).")
]


def _view(name: str, help_text: str) -> None:
    """Register the terminal view `name` as a command."""

    def command(
        db: DbOption = None,
        story: StoryOption = None,
        as_json: JsonOption = False,
        lock_timeout: LockTimeoutOption = api.DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        _check_not_served(db, READ_IT_THERE)
        _show(
            name,
            lambda: api.view(name, db, story, lock_timeout=lock_timeout, on_wait=_waiting),
            as_json,
        )

    command.__doc__ = help_text
    app.command(name)(command)


def _show(name: str, rows_of: Callable[[], list[dict[str, str]]], as_json: bool) -> None:
    rows = _run(rows_of)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        out.print(f"no {name} stored yet: run `triangulate ingest` (and `analyze`) first")
        return
    table = Table(title=name)
    for heading in rows[0]:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*row.values())
    out.print(table)


_view("stories", "Stories: documents about the same developing story, across outlets and days.")
_view("claims", "Quantitative claims: value, unit, who claims it, what is measured.")
_view("quotes", "Who said what: speaker, direct or reported, and the words.")
_view("entities", "Canonical people, organisations and places with their spellings.")


@app.command("timeline")
def timeline(
    db: DbOption = None,
    story: StoryOption = None,
    top: Annotated[
        int | None,
        typer.Option("--top", help="Only the K most salient days (independent reports first)."),
    ] = None,
    as_json: JsonOption = False,
    lock_timeout: LockTimeoutOption = api.DEFAULT_LOCK_TIMEOUT,
) -> None:
    """The merged timeline: events by date, each with every source reporting it."""
    _check_not_served(db, READ_IT_THERE)
    _show(
        "timeline",
        lambda: api.view("timeline", db, story, top, lock_timeout=lock_timeout, on_wait=_waiting),
        as_json,
    )


@app.command()
def report(
    db: DbOption = None,
    story: StoryOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md, html or json.")] = "md",
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Output file.")] = None,
    outlets: Annotated[
        Path | None, typer.Option(help="CSV of outlets with a side or country column.")
    ] = None,
    lock_timeout: LockTimeoutOption = api.DEFAULT_LOCK_TIMEOUT,
) -> None:
    """A report people read: summary, timeline, disputed and corroborated figures, who said
    what, framing and a map; every line linked to its document and sentence."""
    _check_not_served(db, READ_IT_THERE)
    written = _run(
        lambda: api.report(
            db,
            story=story,
            format=format,
            out=out_file,
            outlets=outlets,
            lock_timeout=lock_timeout,
            on_wait=_waiting,
        )
    )
    out.print(f"report written to {written}")


@app.command("eval")
def evaluate(
    task: Annotated[
        str,
        typer.Argument(
            help="gold, claim-groups, article-extraction, pubdate, timeml, polnear, ecbplus, "
            "case2021, timeline17, newsquant, bsnlp."
        ),
    ],
    path: Annotated[
        Path, typer.Argument(help="Gold file, judged claim groups or benchmark folder.")
    ],
    db: DbOption = None,
    corpus: Annotated[
        Path | None, typer.Option(help="Folder of the documents a gold file names.")
    ] = None,
    outlets: Annotated[
        Path | None, typer.Option(help="The corpus's outlet list (name, aliases, domains).")
    ] = None,
    as_json: JsonOption = False,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write JSON here.")
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option(help="timeline17: keep each topic's ingested store here for later runs."),
    ] = None,
    draw: Annotated[
        int | None,
        typer.Option(
            "--draw",
            min=1,
            help="claim-groups: print N stored groups the file does not name yet as JSON "
            "lines to judge (the file may not exist yet); nothing is scored.",
        ),
    ] = None,
    seed: Annotated[int | None, typer.Option(help="--draw: the random seed (default 0).")] = None,
    hashed: Annotated[
        bool,
        typer.Option("--hashed", help="--draw: name sentences by sentence_sha1, not their text."),
    ] = False,
) -> None:
    """Score a stage against gold data; unbuilt stages are reported as not available.
    With --draw N (claim-groups), print groups to judge instead of scoring."""
    if draw is not None or seed is not None or hashed:
        given = {"--corpus": corpus, "--outlets": outlets, "--cache": cache, "--out": out_file}
        others = [name for name, value in given.items() if value] + ["--json"] * as_json
        lines = _run(lambda: _draw(task, path, db, draw, seed, hashed, others))
        for line in lines:
            print(json.dumps(line, ensure_ascii=False))
        if draw is not None and len(lines) < draw:
            typer.echo(f"only {len(lines)} unjudged groups to draw (asked for {draw})", err=True)
        return
    result = _run(
        lambda: api.evaluate(task, path, db=db, corpus=corpus, outlets=outlets, cache=cache)
    )
    payload = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    if out_file:
        out_file.write_text(payload + "\n", encoding="utf-8")
    if as_json:
        print(payload)
        return
    table = Table(title=f"eval {task}: {path}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in result.metrics.items():
        table.add_row(name, f"{value:.4f}" if value <= 1 else f"{value:g}")
    for name, reason in result.unavailable.items():
        table.add_row(name, f"not available ({reason})")
    out.print(table)
    for name, rows in result.details.items():
        if rows:
            out.print(f"{name}: {len(rows)} (see --json for each)")


def _draw(
    task: str,
    path: Path,
    db: Path | None,
    n: int | None,
    seed: int | None,
    hashed: bool,
    others: list[str],
) -> list[dict[str, Any]]:
    """`eval claim-groups FILE --draw N`: the lines to print, after the option checks."""
    if n is None:
        raise UsageError("--seed and --hashed go with --draw N")
    if task != "claim-groups":
        raise UsageError(
            f"--draw draws claim groups to judge: it belongs to the claim-groups task, "
            f"not to {task!r}"
        )
    if others:
        raise UsageError(
            f"--draw prints JSON lines and takes --db, --seed and --hashed only, not "
            f"{', '.join(others)}; redirect the lines to a file (>> FILE)"
        )
    return api.draw_claim_groups(path, db=db, n=n, seed=seed or 0, hashed=hashed)


def _run(call: Callable[[], T]) -> T:
    """Turn library errors into a one-line message and exit code 2 (3: the store is busy)."""
    try:
        return call()
    except TriangulateError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(_exit_code(exc)) from exc


def _exit_code(exc: BaseException) -> int:
    busy = isinstance(exc, StoreBusy) or isinstance(exc.__cause__, StoreBusy)
    return 3 if busy else 2


def _run_ingest(as_json: bool, call: Callable[[], api.IngestReport]) -> api.IngestReport:
    """An ingest whose summary is printed also when it fails, saying what was stored."""
    try:
        return call()
    except TriangulateError as exc:
        failed = exc.report if isinstance(exc, api.IngestFailed) else api.IngestReport()
        failed.error = str(exc)
        _finish(failed, as_json, stop=False)
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(_exit_code(exc)) from exc


def _waiting(message: str) -> None:
    typer.echo(f"waiting: {message}", err=True)


def _finish(report: api.IngestReport, as_json: bool, *, stop: bool = True) -> None:
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif report.error:
        out.print(
            f"stopped: {len(report.added)} documents added and stored before the failure, "
            f"{len(report.unchanged)} already stored, {len(report.errors)} failed"
            + ("; analysis not finished: run `triangulate analyze`" if report.added else "")
        )
    else:
        summary = (
            f"{len(report.added)} added, {len(report.unchanged)} already stored, "
            f"{len(report.duplicates)} near-duplicates linked, {len(report.errors)} failed; "
            f"{report.total_documents} documents in the store"
        )
        if report.analysis:
            summary += (
                f"; {report.analysis.analyzed} analysed, {len(report.analysis.failed)} failed "
                f"analysis, {report.analysis.entities} entities, "
                f"{len(report.analysis.stories_changed)} stories updated"
            )
        out.print(summary)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for error in report.errors:
        typer.echo(f"failed: {error}", err=True)
    if report.analysis:
        _analysis_errors(report.analysis)
    if report.errors and stop:
        raise typer.Exit(1)


def _analysis_errors(report: api.AnalyzeReport) -> None:
    """Name each document whose analysis failed; the others were analysed and stored."""
    for failure in report.failed:
        typer.echo(
            f"analysis failed: {failure.doc_id}: {failure.component}: {failure.error}: "
            f"{failure.message} (stored in the analysis_errors table; "
            "`triangulate analyze --retry-failed` tries again)",
            err=True,
        )
    for story in report.stories_failed:
        typer.echo(
            f"story results failed: {story.story_id}: {story.error}: {story.message} "
            "(the story's earlier results are kept; `triangulate analyze` tries it again)",
            err=True,
        )


@contextmanager
def terminal_progress(label: str, total: int | None) -> Iterator[Callable[..., Any]]:
    """A progress bar on a terminal, nothing otherwise (the library renders nothing)."""
    if not sys.stderr.isatty():
        yield lambda items: items
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(label, total=total)

        def advance(items: Iterable[T]) -> Iterator[T]:
            for item in items:
                yield item
                bar.advance(task)

        yield advance


def _print_findings(db: Path) -> None:
    """What the analysis found across outlets, and where to look next."""
    found = api.summary(db)
    out.print(
        f"{found['stories']} stories; {found['quotes']} quotes; {found['claims']} claims in "
        f"{found['claim_groups']} groups ({found['disputed']} disputed, "
        f"{found['corroborated']} corroborated)"
    )
    sample = api.sample_corpus()
    out.print(
        f"Next: triangulate stories --db {db}; triangulate claims --db {db}; "
        f"triangulate report --db {db} --format html --outlets {sample / 'outlets.csv'}"
    )


def _print_documents(db: Path) -> None:
    documents = api.rows("documents", db)
    table = Table(title="Sample corpus")
    for column in ("published", "source", "title", "duplicate of"):
        table.add_column(column)
    for doc in sorted(documents, key=lambda d: d["published"] or "9999"):
        title = doc["title"] or doc["text"].split("\n", 1)[0][:60]
        table.add_row(
            doc["published"] or "-", doc["source"] or "?", title[:70], doc["duplicate_of"] or ""
        )
    out.print(table)
    outlets = Counter(doc["source"] or "unknown" for doc in documents)
    out.print("Outlets: " + ", ".join(f"{name} {n}" for name, n in outlets.most_common()))


@app.command()
def watch(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Feed URLs, section URLs, folders, or a sources file (location[, outlet[, side]]"
            " per line)."
        ),
    ] = None,
    db: DbOption = None,
    every: Annotated[
        str, typer.Option("--every", help="Time between polls: 30s, 10m, 1h.")
    ] = "10m",
    polls: Annotated[
        int | None, typer.Option("--polls", min=1, help="Stop after this many polls.")
    ] = None,
    status: Annotated[
        bool, typer.Option("--status", help="Show each watched source's state and exit.")
    ] = False,
    alerts_file: Annotated[
        Path | None, typer.Option("--alerts-file", help="Also append alerts (JSON Lines) here.")
    ] = None,
    webhook: Annotated[
        str | None, typer.Option("--webhook", help="POST each alert as JSON to this URL.")
    ] = None,
    quiet_after: Annotated[
        int, typer.Option("--quiet-after", help="Alert when a source has nothing new for N polls.")
    ] = 6,
    fail_after: Annotated[
        int, typer.Option("--fail-after", help="Alert when a source fails N polls in a row.")
    ] = 3,
    host_delay: Annotated[
        float, typer.Option("--host-delay", help="Seconds between two requests to one host.")
    ] = 1.0,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Refuse responses larger than this many bytes.")
    ] = api.DEFAULT_MAX_BYTES,
    fetch_timeout: Annotated[
        float,
        typer.Option("--fetch-timeout", help="Total seconds one URL may take, redirects included."),
    ] = api.DEFAULT_FETCH_TIMEOUT,
    no_fetch: Annotated[
        bool, typer.Option("--no-fetch", help="Use feed entries' own text; fetch no linked page.")
    ] = False,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls",
            help="Let feed links and redirects reach loopback and private addresses.",
        ),
    ] = False,
    outlets: OutletsOption = None,
    gazetteer: GazetteerOption = None,
    framing: FramingOption = None,
) -> None:
    """Watch feeds, section pages and folders: ingest what is new after each poll, update
    the record, and print alerts (JSON Lines) on what changed. Ctrl-C stops."""
    from triangulate.live.pacing import parse_interval
    from triangulate.live.watcher import PollReport, WatchOptions

    if status:
        _check_not_served(db, READ_IT_THERE)
        _watch_status(db)
        return
    _check_not_served(db, "give the server these sources with `serve --watch`")
    if not sources:
        typer.echo("error: give the sources to watch (or --status)", err=True)
        raise typer.Exit(2)
    options = WatchOptions(
        every=_run(lambda: parse_interval(every)),
        polls=polls,
        max_bytes=max_bytes,
        fetch_timeout=fetch_timeout,
        allow_private_urls=allow_private_urls,
        fetch_links=not no_fetch,
        host_delay=host_delay,
        quiet_after=quiet_after,
        fail_after=fail_after,
        alerts_file=alerts_file,
        webhook=webhook,
    )

    def progress(report: PollReport) -> None:
        typer.echo(
            f"poll {report.number}: {report.polled} sources polled ({report.skipped} waiting "
            f"after errors), {len(report.added)} documents added, {report.alerts} alerts",
            err=True,
        )
        for location, reason in report.failed_sources.items():
            typer.echo(f"source failed: {location}: {reason}", err=True)
        for item in report.failed_items:
            typer.echo(f"failed: {item}", err=True)

    try:
        _run(
            lambda: api.watch(
                sources,
                db,
                options,
                stream=sys.stdout,
                on_poll=progress,
                outlets=outlets,
                gazetteers=gazetteer or [],
                framing=framing or [],
            )
        )
    except KeyboardInterrupt:
        typer.echo("stopped; `triangulate watch` again resumes where this one stopped", err=True)


def _watch_status(db: Path | None) -> None:
    rows = _run(lambda: api.watch_status(db))
    if not rows:
        out.print("no sources watched yet: run `triangulate watch SOURCES` first")
        return
    table = Table(title="watched sources")
    columns = ("location", "outlet", "last_poll", "last_status", "last_new", "errors",
               "last_error", "items")  # fmt: skip
    for name in columns:
        table.add_column(name.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
    out.print(table)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; not loopback needs --token.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: TokenOption = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Largest upload accepted, in bytes.")
    ] = 20_000_000,
    watch: Annotated[
        list[str] | None,
        typer.Option(
            "--watch",
            help="Also watch this feed, section URL, folder or sources file (repeatable), "
            "as `triangulate watch` does; the server stays the one writer.",
        ),
    ] = None,
    every: Annotated[
        str, typer.Option("--every", help="With --watch: time between polls (30s, 10m, 1h).")
    ] = "10m",
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls",
            help="With --watch: let feed links reach loopback and private addresses.",
        ),
    ] = False,
) -> None:
    """The workspace in the browser and the REST API (/api/docs); owns the database while it
    runs. Without --db and without ./triangulate.duckdb it opens (or builds) the demo."""
    from triangulate.live.pacing import parse_interval
    from triangulate.live.watcher import WatchOptions
    from triangulate.web.app import serve as run_server

    path = default_db_path(db)
    if db is None and not path.exists():
        path = Path("triangulate-demo.duckdb")
        if not path.exists():
            out.print(f"no database given: building the demo at {path}")
            _run(lambda: api.demo(path, progress=terminal_progress))
    _check_not_served(path)
    out.print(f"serving {path} at http://{host}:{port}/ (API docs at /api/docs)")
    options = WatchOptions(
        every=_run(lambda: parse_interval(every)), allow_private_urls=allow_private_urls
    )
    _run(
        lambda: run_server(
            path, host=host, port=port, token=token, max_bytes=max_bytes,
            watch=watch or (), watch_options=options,
        )
    )  # fmt: skip


def _check_not_served(db: Path | None, instead: str = "use --server {url}") -> None:
    """Stop early, and say what to do, when a running server holds the database (DuckDB
    lets no other process open it meanwhile)."""
    url = serving_url(default_db_path(db))
    if url:
        typer.echo(
            f"error: {default_db_path(db)} is held by `triangulate serve` at {url}: stop the "
            f"server or {instead.format(url=url)}",
            err=True,
        )
        raise typer.Exit(2)


# What a reader command can do instead while a server holds its database.
READ_IT_THERE = (
    "read it there: {url} in a browser, the API at {url}/api/docs, "
    "or `triangulate export TABLE`, which reads through the server"
)


def _ingest_via_server(url: str, paths: list[str], token: str | None, as_json: bool) -> None:
    job = _run(lambda: ingest_via_server(url, paths, token=token))
    report = job.get("report") or {}
    if as_json:
        print(json.dumps(job, ensure_ascii=False, indent=2))
    else:
        out.print(
            f"server ingest {job['state']}: {report.get('added', 0)} added, "
            f"{report.get('unchanged', 0)} already stored, {len(job['errors'])} failed"
        )
    for error in job["errors"]:
        typer.echo(f"failed: {error}", err=True)
    if job["errors"] or job["state"] != "done":
        raise typer.Exit(1)
