"""The `rasd` command line. Exit codes: 0 all good, 1 done but some pages failed, 2 usage error,
3 the run stopped because the store could not be written (disk full, I/O error): what it had
committed stays, and the same command resumes it."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
from collections import Counter
from contextlib import nullcontext
from datetime import date
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from rasd.executors import LocalExecutor
from rasd.ingest import IngestReport
from rasd.ingest import ingest as ingest_into
from rasd.settings import Settings
from rasd.store import Store
from rasd.store.sqlite import store_problem

app = typer.Typer(
    help="Rasd: raw Arabic news pages in, clean deduplicated articles out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.")]
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


class ExecutorName(str, Enum):
    local = "local"
    dask = "dask"


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _iso_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def _ingest(paths: list[str], db: Path, settings: Settings, *, source: str | None = None,
               published: str | None = None, quiet: bool = False, executor_name: str = "local",
               scheduler: str | None = None) -> IngestReport:
    """Open the store at `db`, ingest `paths` into it with a live counter, close it."""
    with Store(db) as store, _executor(executor_name, settings, scheduler, quiet) as executor:
        progress = _progress(quiet)
        with progress or nullcontext():
            task = progress.add_task("ingest", total=None) if progress else None
            return ingest_into(paths, store, settings, executor, source=source, published=published,
                               progress=(lambda _: progress.advance(task)) if progress else None)


def _executor(name: str, settings: Settings, scheduler: str | None, quiet: bool):
    """Where the parallel steps run: worker processes here, or a Dask cluster (a LocalCluster
    of `workers` processes, or the one at `scheduler`)."""
    if name == "local" and not scheduler:
        return nullcontext(LocalExecutor(settings.workers, page_time_budget=settings.page_time_budget))
    try:
        from rasd.executors.dask import DaskExecutor
    except ImportError:
        raise typer.BadParameter("the Dask executor needs Dask: pip install 'rasd[dask]'", param_hint="--executor") from None
    executor = DaskExecutor(settings.workers, scheduler=scheduler, page_time_budget=settings.page_time_budget)
    if not quiet:
        typer.echo(f"Dask scheduler {executor.address}, {executor.workers} workers", err=True)
    return executor


def _progress(quiet: bool):
    """A live counter on a terminal; nothing when output goes to a file or a pipe."""
    if quiet or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("records written"), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)


def _summary(counts: Counter[str]) -> str:
    return (f"{counts['pages']} new pages, {counts['articles']} articles "
            f"({counts['duplicates']} duplicates), {counts['pages_skipped']} pages already stored, "
            f"{counts['errors']} failed")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read; '-' reads JSON Lines from stdin.")],
    db: DbOption = Path("rasd.db"),
    source: Annotated[Optional[str], typer.Option(help="Source (outlet) for pages that name none.")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) for pages that give none.")] = None,
    workers: Annotated[Optional[int], typer.Option(min=1, help="Worker processes for reading and cleaning.")] = None,
    understand: Annotated[Optional[bool], typer.Option("--understand/--no-understand",
                          help="Find entities, quotes and dates (default: on).")] = None,
    config: Annotated[Optional[Path], typer.Option(exists=True, dir_okay=False, help="TOML file with a [rasd] table of settings.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    executor: Annotated[ExecutorName, typer.Option(help="Where the parallel steps run: worker processes here, or Dask.")] = ExecutorName.local,
    scheduler: Annotated[Optional[str], typer.Option(help="A running Dask scheduler (tcp://HOST:8786); implies --executor dask.")] = None,
) -> None:
    """Read pages, clean them, deduplicate, and store the articles."""
    for path in paths:
        if path != "-" and not os.path.lexists(path):
            raise typer.BadParameter(f"no such file or folder: {path}", param_hint="PATHS")
    try:
        settings = Settings.load(config, workers=workers, understand=understand)
    except (ValueError, TypeError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--config") from None
    try:
        report = _ingest(paths, db, settings, source=source, published=_iso_date(published), quiet=quiet,
                         executor_name=executor.value, scheduler=scheduler)
    except (sqlite3.Error, OSError) as exc:
        problem = store_problem(exc, db)
        if problem is None:
            raise
        message, code = problem
        typer.echo(f"error: {message}", err=True)
        raise typer.Exit(code) from None
    for record in report.failures:
        typer.echo(f"error: {record.path}: {record.error}", err=True)
    typer.echo(_summary(report.counts))
    raise typer.Exit(1 if report.counts["errors"] else 0)


@app.command()
def export(
    db: DbOption = Path("rasd.db"),
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file (default: stdout).")] = None,
) -> None:
    """Export articles (and, in JSON Lines, entities, stories, storylines, events and errors) following docs/schema.md."""
    store = _open(db)
    try:
        if format is Format.parquet:
            _write_parquet(store.articles(), output)
            return
        with (open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)) as out:
            if format is Format.jsonl:
                for row in _chain(store.articles(), store.entities.all(), store.stories.stories(),
                                  store.stories.storylines(), store.stories.events(), store.errors()):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                _write_csv(store.articles(), out)
    finally:
        store.close()


@app.command()
def stats(db: DbOption = Path("rasd.db"),
          as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """What the store holds: pages, articles, duplicates, errors, sources, date range."""
    store = _open(db)
    try:
        numbers = store.stats()
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps(numbers, ensure_ascii=False, indent=2))
        return
    for key in ("pages", "articles", "canonical", "duplicates", "errors", "undated", "entities", "quotes"):
        typer.echo(f"{key:>12}: {numbers[key]}")
    typer.echo(f"{'dates':>12}: {numbers['first_published'] or '-'} .. {numbers['last_published'] or '-'}")
    typer.echo(f"{'sources':>12}: {len(numbers['sources'])}")
    for name, n in numbers["sources"].items():
        typer.echo(f"{'':>14}{n:>5}  {name}")


@app.command()
def entities(
    db: DbOption = Path("rasd.db"),
    type_: Annotated[Optional[str], typer.Option("--type", help="PER, ORG or LOC.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many, most mentioned first.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
) -> None:
    """Canonical entities with their spelling variants, most mentioned first."""
    if type_ and type_.upper() not in ("PER", "ORG", "LOC"):
        raise typer.BadParameter("expected PER, ORG or LOC", param_hint="--type")
    store = _open(db)
    try:
        for i, entity in enumerate(store.entities.all(type_.upper() if type_ else None)):
            if i >= limit:
                break
            typer.echo(json.dumps(entity, ensure_ascii=False) if as_json else _entity_line(entity, 6))
    finally:
        store.close()


@app.command()
def quotes(
    db: DbOption = Path("rasd.db"),
    speaker: Annotated[Optional[str], typer.Option(help="Only quotes of this speaker (any spelling).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many at most.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
) -> None:
    """Who said what: quotations with their speakers, newest articles first."""
    store = _open(db)
    try:
        ids = store.entities.ids_for(speaker) if speaker else set()
        for i, row in enumerate(store.quotes(speaker, ids)):
            if i >= limit:
                break
            if as_json:
                typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                mark = "«»" if row["direct"] else "~"
                via = f" (عبر {row['via']})" if row.get("via") else ""
                typer.echo(f"{row['published'] or '????-??-??'}  {row['speaker'] or '(unknown)'}{via} {mark[0]}{row['text']}{mark[-1]}")
    finally:
        store.close()


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="What to find: words, names, in any spelling.")],
    db: DbOption = Path("rasd.db"),
    since: Annotated[Optional[str], typer.Option("--from", help="Only articles published from this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option("--to", help="Only articles published up to this date (YYYY-MM-DD).")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only articles of this outlet.")] = None,
    entity: Annotated[Optional[str], typer.Option(help="Only articles mentioning this entity (any spelling).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="How many, best first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
) -> None:
    """Full-text search, Arabic-aware: spellings, clitics and entity names match."""
    from rasd.search import cli_lines

    store = _open(db)
    try:
        for line in cli_lines(store, query, since=_iso_date(since), until=_iso_date(until), source=source,
                              entity=entity, limit=limit, as_json=as_json):
            typer.echo(line)
    finally:
        store.close()


class StorySort(str, Enum):
    recent = "recent"
    importance = "importance"


@app.command()
def stories(
    db: DbOption = Path("rasd.db"),
    since: Annotated[Optional[str], typer.Option("--from", help="Only stories still running on or after this date.")] = None,
    until: Annotated[Optional[str], typer.Option("--to", help="Only stories begun on or before this date.")] = None,
    entity: Annotated[Optional[str], typer.Option(help="Only stories mentioning this entity (any spelling).")] = None,
    sort: Annotated[StorySort, typer.Option(help="recent: newest first; importance: most outlets, articles and growth first (in a date range: by its articles of that range).")] = StorySort.recent,
    limit: Annotated[int, typer.Option(min=1, help="How many at most.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
) -> None:
    """The timeline: stories, newest (or most important) first, with their sources and summary."""
    since, until = _iso_date(since), _iso_date(until)
    store = _open(db)
    try:
        wanted = store.entities.ids_for(entity) if entity else None
        if wanted is not None and not wanted:
            typer.echo(f"no entity known as {entity!r}", err=True)
            return
        for row in store.stories.stories(since, until, wanted, sort=sort.value, limit=limit):
            if as_json:
                typer.echo(json.dumps(row, ensure_ascii=False))
                continue
            span = row["start"] if row["start"] == row["end"] else f"{row['start']} .. {row['end']}"
            typer.echo(f"{span or '????-??-??'}  {row['title'] or '(untitled)'}  "
                       f"[{len(row['article_ids'])} articles, {len(row['sources'])} sources]")
            if row["summary"]:
                typer.echo(f"    {row['summary']}")
    finally:
        store.close()


@app.command()
def storylines(
    db: DbOption = Path("rasd.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
) -> None:
    """Storylines: stories linked over months and years, each with its dated stories."""
    store = _open(db)
    try:
        for row in store.stories.storylines():
            if as_json:
                typer.echo(json.dumps(row, ensure_ascii=False))
                continue
            typer.echo(f"{row['start']} .. {row['end']}  {row['label']}")
            for item in row["timeline"]:
                typer.echo(f"    {item['date'] or '????-??-??'}  {item['title'] or '(untitled)'}")
    finally:
        store.close()


EVENT_TYPES = ("meeting", "statement", "sanction", "agreement", "accusation")


@app.command()
def events(
    db: DbOption = Path("rasd.db"),
    type_: Annotated[Optional[list[str]], typer.Option("--type", help=f"Only these types: {', '.join(EVENT_TYPES)}.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many at most, newest first.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
) -> None:
    """Events (who met whom, who said, sanctioned, agreed or accused), newest first."""
    types = {t.strip().lower() for arg in type_ or [] for t in arg.split(",") if t.strip()}
    if types - set(EVENT_TYPES):
        raise typer.BadParameter(f"unknown type(s) {', '.join(sorted(types - set(EVENT_TYPES)))}; "
                                 f"expected {', '.join(EVENT_TYPES)}", param_hint="--type")
    store = _open(db)
    try:
        names = None
        for row in islice(store.stories.events(types or None), limit):
            if as_json:
                typer.echo(json.dumps(row, ensure_ascii=False))
                continue
            if names is None:
                names = {e["id"]: e["name"] for e in store.entities.all()}
            who = "، ".join([*(names.get(p, p) for p in row["participants"]), *row.get("actors", [])]) or "-"
            where = f" @ {names.get(row['place'], row['place'])}" if row["place"] else ""
            typer.echo(f"{row['date'] or '????-??-??'}  {row['type']:<10}  {who}{where}  ({len(row['article_ids'])} articles)")
    finally:
        store.close()


@app.command()
def serve(
    db: DbOption = Path("rasd.db"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Server processes (one per core); each answers on a pool of threads.")] = 1,
) -> None:
    """Serve the store read-only: the web app (Arabic, right to left) and the HTTP API (/docs)."""
    import os
    import socket

    import uvicorn

    from rasd.web.app import DB_VARIABLE, MAX_REQUEST_HEAD, create_app

    try:
        web = create_app(db)
    except (FileNotFoundError, RuntimeError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from None
    try:  # a busy port is a one-line usage error now, not a banner followed by uvicorn's traceback
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:
        typer.echo(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Rasd at http://{host}:{port}/  (API docs: http://{host}:{port}/docs; Ctrl-C stops)")
    if workers == 1:
        uvicorn.run(web, host=host, port=port, log_level="warning", h11_max_incomplete_event_size=MAX_REQUEST_HEAD)
    else:  # each worker process imports the app factory, which finds the store here
        os.environ[DB_VARIABLE] = str(db.absolute())
        uvicorn.run("rasd.web.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                    log_level="warning", h11_max_incomplete_event_size=MAX_REQUEST_HEAD)


@app.command("eval-ner")
def eval_ner(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, help="CoNLL-style files (token and BIO tag per line).")],
    types: Annotated[Optional[str], typer.Option(help="Score only these types, e.g. PER,ORG,LOC.")] = None,
    document: Annotated[int, typer.Option(help="Consecutive sentences tagged as one document (1: each alone).")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score the shipped NER model on CoNLL files: entity-level precision, recall, F1."""
    from rasd.understand.ner.conll import evaluate

    wanted = [t.strip().upper() for t in types.split(",")] if types else None
    if wanted and not set(wanted) <= {"PER", "ORG", "LOC", "MISC"}:
        raise typer.BadParameter("types are PER, ORG, LOC, MISC", param_hint="--types")
    result = evaluate(files, wanted, document=document)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{'type':<6}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
    for name, row in sorted(result["per_type"].items()):
        typer.echo(f"{name:<6}{row['precision']:>10.4f}{row['recall']:>10.4f}{row['f1']:>10.4f}{row['support']:>10}")
    typer.echo(f"{'micro':<6}{result['precision']:>10.4f}{result['recall']:>10.4f}{result['f1']:>10.4f}{result['support']:>10}")


@app.command()
def demo(
    db: DbOption = Path("rasd-demo.db"),
    samples: Annotated[Path, typer.Option(help="Sample corpus folder.")] = SAMPLES,
) -> None:
    """Ingest the bundled sample corpus into a fresh database and show what was found."""
    if not samples.is_dir():
        raise typer.BadParameter(f"no sample corpus at {samples}", param_hint="--samples")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    report = _ingest([str(samples)], db, Settings(), quiet=True)
    typer.echo(f"Ingested {samples}: {_summary(report.counts)}\n")
    store = Store(db, readonly=True)
    try:
        titles = {}
        for a in store.articles():
            titles[a["id"]] = a["title"]
            mark = f"  = duplicate of «{titles.get(a['duplicate_of'], a['duplicate_of'])}»" if a["duplicate_of"] else ""
            seen = f"  [seen on {len(a['sources'])} pages]" if len(a["sources"]) > 1 else ""
            typer.echo(f"{a['published'] or '????-??-??'}  {a['source'] or '-'}  {a['title'] or '(untitled)'}{seen}{mark}")
        timeline = list(store.stories.stories(limit=8))
        if timeline:
            typer.echo("\nStories, newest first (articles from every outlet about one happening):")
            for story in timeline:
                typer.echo(f"  {story['start'] or '????-??-??'}  {story['title'] or '(untitled)'}  "
                           f"[{len(story['article_ids'])} articles, {len(story['event_ids'])} events]")
        for line in store.stories.storylines():
            typer.echo(f"\nStoryline: {line['label']}")
            for item in line["timeline"]:
                typer.echo(f"  {item['date'] or '????-??-??'}  {item['title'] or '(untitled)'}")
        top = list(islice(store.entities.all(), 12))
        if top:
            typer.echo("\nMost mentioned entities (spelling variants merged):")
            for e in top:
                typer.echo(_entity_line(e, 4))
        said = list(islice((q for q in store.quotes() if q["speaker"]), 6))
        if said:
            typer.echo("\nWho said what:")
            for q in said:
                words = q["text"] if len(q["text"]) < 110 else q["text"][:107] + "…"
                typer.echo(f"  {q['speaker']}: «{words}»")
        errors = list(store.errors())
        if errors:
            typer.echo(f"\n{len(errors)} pages could not be used (each reported, nothing else lost):")
            for e in errors:
                typer.echo(f"  {e['path']}: {e['reason']}")
    finally:
        store.close()
    typer.echo(f"\nDatabase: {db}  (try: .venv/bin/rasd stories --db {db}; .venv/bin/rasd events --db {db}; .venv/bin/rasd export --db {db})")
    typer.echo(f"Browse it: .venv/bin/rasd serve --db {db}  then open http://127.0.0.1:8000/")


def _entity_line(entity: dict[str, Any], variants: int) -> str:
    others = [v for v in entity["variants"] if v != entity["name"]][:variants]
    return (f"{entity['mentions']:>6}  {entity['type']:<3}  {entity['name']}"
            + (f"  ({'، '.join(others)})" if others else ""))


def _open(db: Path) -> Store:
    try:
        return Store(db, readonly=True)
    except (FileNotFoundError, RuntimeError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from None


def _chain(*iterables):
    for it in iterables:
        yield from it


CSV_LISTS = ("sources", "entities", "quotes", "dates", "events")


def _write_csv(rows, out) -> None:
    writer = None
    for row in rows:
        flat = {k: json.dumps(v, ensure_ascii=False) if k in CSV_LISTS else v for k, v in row.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)


def _write_parquet(rows, output: Optional[Path], batch: int = 5000) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([
        ("kind", pa.string()), ("id", pa.string()), ("page", pa.string()), ("page_index", pa.int32()),
        ("source", pa.string()), ("url", pa.string()), ("title", pa.string()), ("published", pa.string()),
        ("text", pa.string()), ("duplicate_of", pa.string()), ("sources", pa.list_(pa.string())),
        ("story_id", pa.string()), ("entities", pa.string()), ("quotes", pa.string()), ("dates", pa.string()),
        ("events", pa.string()),
    ])
    sink = output or sys.stdout.buffer
    with pq.ParquetWriter(sink, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append({**row, **{k: json.dumps(row[k], ensure_ascii=False) for k in ("entities", "quotes", "dates", "events")}})
            if len(chunk) >= batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema))
                chunk = []
        writer.write_table(pa.Table.from_pylist(chunk, schema))


if __name__ == "__main__":
    app()
