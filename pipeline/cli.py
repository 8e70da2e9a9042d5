"""The ``rcwire`` command. Heavy imports live inside commands so ``--help`` is instant."""

from __future__ import annotations

import atexit
import contextlib
import ipaddress
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from pipeline.errors import RunError
from pipeline.samplesite import SAMPLE_PORT

app = typer.Typer(help="rcwire: Russia–China news ingestion (feeds -> clean articles -> DuckDB).",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
samples_app = typer.Typer(help="The bundled sample news site.", no_args_is_help=True)
app.add_typer(samples_app, name="samples")
quarantine_app = typer.Typer(help="Articles held back by validation.", no_args_is_help=True)
app.add_typer(quarantine_app, name="quarantine")
dq_app = typer.Typer(help="Data-quality results.", no_args_is_help=True)
app.add_typer(dq_app, name="dq")
entities_app = typer.Typer(help="The entity lexicon (config/entities.yaml).",
                           no_args_is_help=True)
app.add_typer(entities_app, name="entities")
sources_app = typer.Typer(help="The sources file: check it, add a feed, re-enable a retired one.",
                          no_args_is_help=True)
app.add_typer(sources_app, name="sources")


def main() -> None:
    """Console-script entry point: one clear line and exit 2 for a run that cannot run."""
    try:
        app()
    except RunError as exc:
        typer.echo(f"rcwire: error: {exc}", err=True)
        quick_exit(2)
    except SystemExit as exc:  # every command ends here (click's standalone mode)
        quick_exit(exc.code)


def quick_exit(code: int | str | None) -> NoReturn:
    """Exit as ``sys.exit(code)`` does, without the interpreter's teardown.

    Once a command has finished, everything it wrote is closed (files and DuckDB through
    ``with`` blocks, child processes reaped). What is left at exit is the teardown of
    every module and a last garbage collection over them: with Great Expectations
    loaded, about 2,000 modules and 0.9-1.5 s of CPU after a run's summary was printed,
    a fifth of a small run's wall time. The exit handlers still run (logging's flush
    among them) and the standard streams are flushed; only the teardown is skipped.
    """
    if isinstance(code, str):  # as sys.exit prints a message and exits 1
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()  # what the interpreter runs first on its way out
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code or 0)


def _settings(**overrides: Any) -> Any:
    """The environment's settings with the command's options, checked (``checks.py``)."""
    from pipeline.checks import check_settings, load_settings
    from pipeline.settings import Settings

    base: Settings = load_settings(Settings)
    settings = base.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    check_settings(settings)
    return settings


def _read_db(settings: Any) -> Path:
    """The file readers open: the published read copy, else the database itself."""
    from pipeline.store.snapshot import reader_path

    return reader_path(settings)


def _out(out: Path | None, default: Path, option: str = "--out") -> Path:
    """``--out`` checked writable; the default's folder is created when missing."""
    from pipeline.checks import check_output

    return check_output(out, option) if out is not None else check_output(
        default, option, create=True)


@app.command()
def run(
    sources: Annotated[
        Path | None, typer.Option(help="Sources YAML (default RCWIRE_SOURCES).")] = None,
    db: Annotated[Path | None, typer.Option(help="DuckDB file (default RCWIRE_DB).")] = None,
    sample_site: Annotated[bool, typer.Option(
        "--sample-site", help=f"Serve the bundled sample site on 127.0.0.1:{SAMPLE_PORT} "
        "for this run (and allow that address).")] = False,
    sample_port: Annotated[int, typer.Option(
        help="Port of --sample-site (0: any free one).")] = SAMPLE_PORT,
    all_feeds: Annotated[
        bool, typer.Option("--all", help="Fetch feeds that are backing off too.")] = False,
    run_id: Annotated[str | None, typer.Option(help="Resume or name a run.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Run the pipeline once: fetch due feeds, extract new pages, load DuckDB."""
    from pipeline.zygote import started_early

    # Started before the run's own imports: the extraction workers' zygote warms up
    # on the other core meanwhile (``started_early``).
    with started_early():
        from pipeline.run.local import run_once
        from pipeline.run.progress import RunProgress, print_summary

        settings = _run_settings(db=db, sources=sources)
        site = None
        if sample_site:
            settings, site = _with_sample_site(settings, sources, sample_port)
        try:
            with RunProgress(enabled=not as_json) as progress:
                summary = run_once(settings, settings.sources, run_id=run_id,
                                   only_due=not all_feeds, progress=progress.hook)
        finally:
            if site is not None:
                site.stop()
    if as_json:
        typer.echo(json.dumps(summary, indent=1, ensure_ascii=False))
    else:
        print_summary(summary, settings.db)


def _run_settings(**overrides: Any) -> Any:
    """Checked settings for a run; a config error also alerts (cron runs have no reader)."""
    from pipeline.checks import ConfigError, check_run_paths
    from pipeline.run.local import alert_run_failure

    try:
        settings = _settings(**overrides)
        check_run_paths(settings)
    except ConfigError as exc:
        alert_run_failure("(not started)", "start-up checks", exc, Path("(none)"))
        raise
    return settings


def _with_sample_site(settings: Any, sources: Path | None, port: int) -> tuple[Any, Any]:
    from pipeline.samplesite import SampleSite, write_sources

    try:
        site = SampleSite(port=port).start()
    except OSError as exc:
        raise RunError(f"cannot serve the sample site on 127.0.0.1:{port} "
                       f"({exc.strerror}); is another one running?") from None
    allow = [*settings.allow_private_hosts, ipaddress.ip_network("127.0.0.1/32")]
    # Our own loopback server needs no politeness delay.
    update: dict[str, Any] = {"allow_private_hosts": allow, "host_delay": 0.0}
    if sources is None:
        # The bundled feed list (inside the wheel when installed), pointed at this site.
        update["sources"] = write_sources(site.base_url,
                                          settings.data_dir / "sample-sources.yaml")
    return settings.model_copy(update=update), site


@app.command("settings")
def settings_command(
    markdown: Annotated[bool, typer.Option(
        "--markdown", help="Print docs/settings.md (every variable, default, meaning).")] = False,
) -> None:
    """Show the settings in force (secrets hidden), or document them all as Markdown."""
    from pipeline.settings import settings_markdown

    if markdown:
        typer.echo(settings_markdown(), nl=False)
        return
    for name, value in _settings().model_dump(mode="json").items():
        typer.echo(f"RCWIRE_{name.upper()}={'' if value is None else value}")


@app.command()
def clean(
    paths: Annotated[
        list[str], typer.Argument(help="Files (.gz read transparently); - for stdin.")],
    html: Annotated[bool, typer.Option("--html", help="Treat inputs as HTML pages.")] = False,
    text: Annotated[bool, typer.Option("--text", help="Treat inputs as extracted text.")] = False,
    url: Annotated[str | None, typer.Option(help="The page's URL (HTML mode).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per input.")] = False,
) -> None:
    """Clean documents without a database: print the article text (or JSON)."""
    from pipeline.extract.article import ExtractError
    from pipeline.extract.document import clean_document, read_input

    if html and text:
        raise RunError("choose one of --html and --text")
    mode = True if html else (False if text else None)
    threshold = _settings().relevance_threshold
    failed = 0
    for path in paths:
        try:
            doc = clean_document(path, read_input(path), html=mode, url=url,
                                 threshold=threshold)
        except (OSError, ExtractError) as exc:
            typer.echo(f"rcwire: {path}: {exc}", err=True)
            failed += 1
            continue
        if as_json:
            typer.echo(json.dumps(doc.as_json(), ensure_ascii=False))
        else:
            typer.echo(doc.text + ("\n" if len(paths) > 1 else ""))
    if failed:
        raise typer.Exit(1)


@samples_app.command("serve")
def samples_serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = SAMPLE_PORT,
    root: Annotated[Path | None, typer.Option(help="Site folder (default samples/site).")] = None,
) -> None:
    """Serve the sample site until interrupted (Ctrl-C)."""
    from pipeline.samplesite import SampleSite

    site = SampleSite(root=root, port=port)
    typer.echo(f"sample site on {site.base_url}/ (feeds listed in samples/sources.yaml)")
    with contextlib.suppress(KeyboardInterrupt):
        site.serve_forever()


@quarantine_app.command("list")
def quarantine_list(
    run: Annotated[str | None, typer.Option(help="Only this run.")] = None,
    all_items: Annotated[bool, typer.Option("--all", help="Include released ones.")] = False,
    db: Annotated[Path | None, typer.Option(help="DuckDB file.")] = None,
) -> None:
    """List quarantined articles, newest first."""
    from rich.console import Console
    from rich.table import Table

    from pipeline.quality.quarantine import list_quarantined
    from pipeline.store import db as database

    settings = _settings(db=db)
    with database.opened(_read_db(settings), read_only=True) as con:
        items = list_quarantined(con, run_id=run, include_released=all_items)
    # Ids and run ids never wrap or shrink (they are typed back into `show`); the title
    # takes what the terminal has left.
    table = Table(expand=False)
    table.add_column("article_id", no_wrap=True, min_width=16)
    table.add_column("source", no_wrap=True)
    table.add_column("title", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("failed", overflow="fold")
    table.add_column("run", no_wrap=True)
    table.add_column("released", no_wrap=True)
    for it in items:
        table.add_row(it["article_id"], it["source"], it["title"] or "",
                      ", ".join(json.loads(it["failed"])), it["run_id"],
                      str(it["released_at"] or ""))
    Console().print(table)
    typer.echo(f"{len(items)} quarantined article(s)")


@quarantine_app.command("show")
def quarantine_show(
    article_id: Annotated[str, typer.Argument(
        help="From `rcwire quarantine list` (a unique prefix is enough).")],
    db: Annotated[Path | None, typer.Option(help="DuckDB file.")] = None,
) -> None:
    """Print one quarantined article with its failed expectations and full record."""
    from pipeline.quality.quarantine import get_quarantined
    from pipeline.store import db as database

    settings = _settings(db=db)
    with database.opened(_read_db(settings), read_only=True) as con:
        item = get_quarantined(con, article_id)
    typer.echo(json.dumps(item, indent=1, ensure_ascii=False, default=str))


@quarantine_app.command("release")
def quarantine_release(
    article_id: Annotated[str, typer.Argument(
        help="From `rcwire quarantine list` (a unique prefix is enough).")],
    force: Annotated[bool, typer.Option(help="Load even if it still fails.")] = False,
    db: Annotated[Path | None, typer.Option(help="DuckDB file.")] = None,
) -> None:
    """Re-validate a quarantined article with the current rules and load it."""
    from pipeline.quality.quarantine import release
    from pipeline.run.local import WRITER_WAIT, publish_read_copy
    from pipeline.store import db as database

    settings = _settings(db=db)
    with database.opened(settings.db, wait=WRITER_WAIT) as con:
        item = release(con, article_id, settings, force=force)
        publish_read_copy(con, settings)
    note = f" (forced past {', '.join(item['still_failing'])})" if item["still_failing"] else ""
    typer.echo(f"released {item['article_id']} into articles{note}")


@dq_app.command("report")
def dq_report(
    runs: Annotated[int, typer.Option(help="How many recent runs.")] = 10,
    out: Annotated[Path | None, typer.Option(
        help="HTML file to write (default RCWIRE_DATA_DIR/reports/data-quality.html).")] = None,
    db: Annotated[Path | None, typer.Option(help="DuckDB file.")] = None,
) -> None:
    """Write a static HTML page of expectation results and quarantines."""
    from pipeline.analyst.dq_report import build_report
    from pipeline.store import db as database

    settings = _settings(db=db)
    out = _out(out, settings.data_dir / "reports" / "data-quality.html")
    with database.opened(_read_db(settings), read_only=True) as con:
        html = build_report(con, runs)
    out.write_text(html, encoding="utf-8")
    typer.echo(f"wrote {out}")


@app.command("sql")
def sql_command(
    query: Annotated[str, typer.Argument(help="SQL to run; - reads it from standard input.")],
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="table, csv, json, jsonl or parquet (default: from --out's "
        "suffix, else table).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write to this file (required for parquet).")] = None,
    max_rows: Annotated[int, typer.Option(help="Rows shown by --format table.")] = 100,
    columns: Annotated[str | None, typer.Option(
        "--columns", "-c", help="Comma-separated columns shown by --format table (default: "
        "as many as the terminal fits; the footer names the hidden ones).")] = None,
    db: Annotated[Path | None, typer.Option(help="DuckDB file (default RCWIRE_DB).")] = None,
) -> None:
    """Query the database read-only (views: `rcwire sql "from duckdb_views()"`)."""
    from pipeline.analyst.query import QueryError, choose_format, run_sql

    settings = _settings(db=db)
    if out is not None:
        _out(out, out)
    text = sys.stdin.read() if query == "-" else query
    chosen = choose_format(fmt, out, "table")
    try:
        rows = run_sql(_read_db(settings), text, chosen, out, max_rows, columns)
    except QueryError as exc:
        typer.echo(f"rcwire: sql: {exc}", err=True)
        raise typer.Exit(1) from None
    if out is not None:
        typer.echo(f"wrote {rows} row(s) to {out}", err=True)


app.command("query", help="Same as `rcwire sql`.")(sql_command)


@app.command()
def export(
    path: Annotated[Path, typer.Argument(help="File to write (CSV also writes "
                                               "<name>.entities.csv beside it).")],
    since: Annotated[datetime | None, typer.Option(
        formats=["%Y-%m-%d"], help="First day (publication date, else fetch date).")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="parquet, csv or jsonl (default: from PATH's suffix, else "
        "parquet).")] = None,
    db: Annotated[Path | None, typer.Option(help="DuckDB file (default RCWIRE_DB).")] = None,
) -> None:
    """Export articles with their entities for pandas, polars or a notebook."""
    from pipeline.analyst.export import EXPORT_FORMATS, export_articles
    from pipeline.analyst.query import choose_format

    chosen = choose_format(fmt, path, "parquet")
    if chosen not in EXPORT_FORMATS:
        raise RunError(f"export writes {', '.join(EXPORT_FORMATS)}, not {chosen}")
    settings = _settings(db=db)
    _out(path, path, "export")
    done = export_articles(_read_db(settings), path, chosen, since.date() if since else None)
    typer.echo(f"wrote {done.articles} article(s) to {done.path}")
    if done.entities_path is not None:
        typer.echo(f"wrote {done.entity_rows} entity row(s) to {done.entities_path}")


@app.command()
def report(
    days: Annotated[int, typer.Option(help="Days covered, ending today; 0 for all.")] = 30,
    out: Annotated[Path | None, typer.Option(
        help="HTML file to write (default RCWIRE_DATA_DIR/reports/report.html).")] = None,
    db: Annotated[Path | None, typer.Option(help="DuckDB file (default RCWIRE_DB).")] = None,
) -> None:
    """Write the analyst report: one self-contained HTML file with charts."""
    from pipeline.analyst.report import write_report

    if days < 0:
        raise RunError("--days must be 0 (all history) or more")
    settings = _settings(db=db)
    out = _out(out, settings.data_dir / "reports" / "report.html")
    typer.echo(f"wrote {write_report(_read_db(settings), out, days)}")


@entities_app.command("rebuild")
def entities_rebuild(
    db: Annotated[Path | None, typer.Option(help="DuckDB file (default RCWIRE_DB).")] = None,
) -> None:
    """Recount entities in every stored article (after editing config/entities.yaml)."""
    from pipeline.enrich.entities import load_entities
    from pipeline.run.local import WRITER_WAIT, publish_read_copy
    from pipeline.store import db as database
    from pipeline.store.entities import rebuild

    settings = _settings(db=db)
    entities = load_entities()
    with database.opened(settings.db, wait=WRITER_WAIT) as con:
        database.migrate(con)
        rows = rebuild(con)
        publish_read_copy(con, settings)
    typer.echo(f"{rows} article/entity row(s) from {len(entities)} entities")


@sources_app.command("check")
def sources_check(
    sources: Annotated[
        Path | None, typer.Option(help="Sources YAML (default RCWIRE_SOURCES).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per source.")] = False,
) -> None:
    """Fetch every source once (robots.txt and the usual guards) and print what answered;
    exit 1 if any is broken. Writes nothing to the database."""
    from pipeline.fetch.sources import load_sources
    from pipeline.run.sources_cmd import check_sources, print_checks

    settings = _settings(sources=sources)
    checks = check_sources(load_sources(settings.sources), settings)
    if as_json:
        for c in checks:
            typer.echo(json.dumps({**c.__dict__, "broken": c.broken}, default=str))
    else:
        print_checks(checks)
    if any(c.broken for c in checks):
        raise typer.Exit(1)


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="A feed, or a site's page that links to one.")],
    sources: Annotated[
        Path | None, typer.Option(help="Sources YAML (default RCWIRE_SOURCES).")] = None,
    name: Annotated[str | None, typer.Option(help="Source name (default: from the host).")
                    ] = None,
    tag: Annotated[list[str] | None, typer.Option(help="A tag (repeatable).")] = None,
    language: Annotated[str | None, typer.Option(help="Language to list.")] = None,
) -> None:
    """Fetch URL once and append its feed (found from the page if URL is a web page)."""
    from pipeline.run.sources_cmd import add_source

    settings = _settings(sources=sources)
    added = add_source(url, settings.sources, settings, name=name, tags=tuple(tag or ()),
                       language=language)
    typer.echo(f"added {added.source.name}: {added.source.url} ({added.entries} entries; "
               f"{added.how}) to {settings.sources}")


@sources_app.command("enable")
def sources_enable(
    feed: Annotated[str, typer.Argument(help="The retired feed's URL (or source name).")],
    db: Annotated[Path | None, typer.Option(help="DuckDB file (default RCWIRE_DB).")] = None,
) -> None:
    """Re-enable a retired feed (410 Gone, or 404 run after run): the next run fetches it."""
    from pipeline.run.local import WRITER_WAIT
    from pipeline.store import db as database
    from pipeline.store.lifecycle import enable_feed

    settings = _settings(db=db)
    with database.opened(settings.db, wait=WRITER_WAIT) as con:
        database.migrate(con)
        done = enable_feed(con, feed)
    for f in done:
        typer.echo(f"re-enabled {f['source']} ({f['feed_url']}), retired for "
                   f"{f['retired_reason']}; the next run fetches it")
