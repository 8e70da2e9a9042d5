"""Story assignment cost as stored history grows: ms per new article at 100k and 1M stored.

Run: ``.venv/bin/python benchmarks/stories_scale.py [--sizes 100000,1000000] [--keep DIR]
[--json F]``.
benchmarks/growth.py times the same call inside the whole load; this script isolates it so
that large histories fit in minutes. What the database holds:

- the stories' rows (``retired_stories``, and ``indexed_stories`` for those in the index)
  and ``article_stories``: one row per stored article (every synthetic article is a story
  of its own), filled by SQL up to the size measured;
- ``story_keys``, the matcher's index: the keys of the stories touched within the
  retention period (30 days). At 1,500 new articles a day that is 45,000 stories
  whatever the history, so the index is filled once from 45,000 synthetic articles
  (corpus-like texts, real ``features()``) spread over the last 30 days.

Measured: three batches of 1,000 new synthetic articles through ``assign_staged`` inside a
transaction, as the loader calls it (features, the four queries, scoring, the writes), on a
fresh copy of the filled database at each size; wall and CPU seconds (the whole process,
DuckDB's threads included: on a shared machine the wall time also counts waiting for a
core). The index is the same at every history size, which is the point: since
sql/ddl/015 no query of a load reads a table that grows with history. ``--keep DIR`` keeps
the filled databases (one per size, rebuilt after a day) so that runs of two versions of
the code can be compared on the same data; a database filled before migration 015 is
migrated on its copy, before the timing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import random  # noqa: E402

from synthetic import PER_DAY, body, synthetic, vocabulary  # noqa: E402

from pipeline.runfolder import articles_table  # noqa: E402
from pipeline.store import db  # noqa: E402
from pipeline.store.stories import KEY_SCHEMA, assign_staged  # noqa: E402
from pipeline.stories.features import features  # noqa: E402

RETENTION_DAYS = 30
BATCH = 1000
# History rows: story i was last touched i / PER_DAY days ago; the first ``index`` of
# them are the stories in the matcher's index (indexed_stories since sql/ddl/015; before
# it, one table ``stories`` held every row).
STORY_ROWS = """
select printf('story-h%09d', i) as story_id, printf('history article %d', i) as title,
       day as first_seen, day as last_seen, 1 as articles, ['outlet' || (i % 50)] as sources,
       ['en'] as languages, printf('h%09d', i) as first_article_id,
       'outlet' || (i % 50) as first_source, true as dated, day as span_start,
       day as span_end, false as span_estimated, 'history' as run_id,
       now() - to_microseconds(cast(i * 86400e6 / $per_day as bigint)) as touched_at
from (select i, now() - to_days(cast(i // $per_day as integer)) as day
      from range($start, $stop) as t(i))
where (i < $index) = $indexed
"""
FILL_STORIES = {
    "indexed_stories": f"insert into indexed_stories by name select * from ({STORY_ROWS})",
    "retired_stories": "insert into retired_stories by name select * exclude (touched_at) "
                       f"from ({STORY_ROWS})",
    "stories": f"insert into stories by name select * exclude (touched_at) from ({STORY_ROWS})",
}
FILL_ASSIGNED = """
insert into article_stories
select printf('h%09d', i), printf('story-h%09d', i), 0.0, '{"opened": true}', true, 'history'
from range($start, $stop) as t(i)
"""


def fill_index(con: Any, now: datetime, retained: int) -> int:
    """``story_keys`` of the stories touched within the retention period (texts of 120
    words: the features read the first 100)."""
    rows: list[dict[str, Any]] = []
    for i in range(retained):
        day = now - timedelta(days=i / PER_DAY)
        art = synthetic(i, day, body(random.Random(i), 120))
        found = features(art.article_id, art.source, art.language, art.title, art.text,
                         day, True)
        story_id = f"story-h{i:09d}"
        rows += [{"story_id": story_id, "key": k, "articles": 1, "touched_at": day}
                 for k in found.keys]
        if len(rows) > 200_000 or i == retained - 1:
            con.register("staged_story_keys", pa.Table.from_pylist(rows, schema=KEY_SCHEMA))
            con.execute("insert into story_keys by name select * from staged_story_keys")
            con.unregister("staged_story_keys")
            rows = []
    return retained


def measure(con: Any, now: datetime, step: int) -> dict[str, float]:
    """One batch of new articles through the loader's story assignment."""
    arts = [synthetic(10**9 + step * BATCH + j, now) for j in range(BATCH)]
    table = articles_table(arts)
    wall, cpu = time.perf_counter(), time.process_time()
    con.execute("begin")
    done = assign_staged(con, table, f"scale-{step}")
    con.execute("commit")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"ms_per_article": round(wall / BATCH * 1000, 3),
            "cpu_ms_per_article": round(cpu / BATCH * 1000, 3),
            "joined": sum(not a.opened for a in done)}


def fill_history(con: Any, have: int, size: int, index: int) -> None:
    """Story rows ``have .. size`` and their assignments (one story per article)."""
    tables = {t for (t,) in con.execute("select table_name from duckdb_tables()").fetchall()}
    targets = ([("indexed_stories", True), ("retired_stories", False)]
               if "indexed_stories" in tables else [("stories", True), ("stories", False)])
    for start in range(have, size, 100_000):
        bounds = {"start": start, "stop": min(size, start + 100_000)}
        for table, indexed in targets:
            con.execute(FILL_STORIES[table], {**bounds, "per_day": PER_DAY, "index": index,
                                              "indexed": indexed})
        con.execute(FILL_ASSIGNED, bounds)


def filled(folder: Path, sizes: list[int], index: int, now: datetime) -> list[Path]:
    """A filled database per history size in ``folder``, built where missing (each from
    the previous size's) and reused while younger than a day (the index is dated)."""
    paths, previous, have = [], None, 0
    for size in sizes:
        path = folder / f"scale-{index}-{size}.duckdb"
        if path.exists() and now.timestamp() - path.stat().st_mtime > 86_400:
            path.unlink()
        if not path.exists():
            part = path.with_suffix(".part")
            part.unlink(missing_ok=True)
            if previous is not None:
                shutil.copyfile(previous, part)
            with db.opened(part) as con:
                db.migrate(con)
                if previous is None:
                    fill_index(con, now, index)
                fill_history(con, have, size, index)
            part.rename(path)
        paths.append(path)
        previous, have = path, size
    return paths


def measure_size(path: Path, size: int, now: datetime, first_step: int) -> dict[str, Any]:
    """Three batches on a copy of a filled database (the kept one stays as filled)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "scale.duckdb"
        shutil.copyfile(path, copy)
        with db.opened(copy) as con:
            db.migrate(con)  # a database kept from an older schema is brought up to date
            con.execute("checkpoint")
            runs = [measure(con, now, first_step + k) for k in range(3)]
    return {"stored": size,
            "ms_per_article": [r["ms_per_article"] for r in runs],
            "cpu_ms_per_article": [r["cpu_ms_per_article"] for r in runs]}


def main() -> None:
    """Fill, then measure three batches at each history size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--index", type=int, default=PER_DAY * RETENTION_DAYS,
                        help="stories in the matcher's index (default: 30 days at 1,500/day)")
    parser.add_argument("--keep", type=Path,
                        help="folder keeping the filled databases for the next runs (a day); "
                             "each run measures a copy")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    vocabulary()
    now = datetime.now(UTC)
    sizes = [int(s) for s in args.sizes.split(",")]
    report: dict[str, Any] = {"date": now.date().isoformat(), "batch": BATCH,
                              "load_average": list(os.getloadavg()), "runs": []}
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        paths = filled(folder, sizes, args.index, now)
        with db.opened(paths[0], read_only=True) as con:
            report["index_stories"] = args.index
            report["index_rows"] = con.execute("select count(*) from story_keys"
                                               ).fetchall()[0][0]
        print(f"filled: index of {args.index} stories, {report['index_rows']} keys "
              f"({time.perf_counter() - started:.0f} s)", flush=True)
        for size, path in zip(sizes, paths, strict=True):
            row = measure_size(path, size, now, len(report["runs"]) * 3)
            report["runs"].append(row)
            print(json.dumps(row), flush=True)
    report["load_average_after"] = list(os.getloadavg())
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
