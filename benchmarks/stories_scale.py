"""Story assignment cost as stored history grows: ms per new article at 100k and 1M stored.

Run: ``.venv/bin/python benchmarks/stories_scale.py [--sizes 100000,1000000] [--json F]``.
benchmarks/growth.py times the same call inside the whole load; this script isolates it so
that large histories fit in minutes. What a load's story assignment reads:

- ``stories`` and ``article_stories``: one row per stored article (every synthetic article
  is a story of its own), filled by SQL up to the size measured;
- ``story_keys``, the matcher's index: the keys of the stories touched within the
  retention period (30 days). At 1,500 new articles a day that is 45,000 stories
  whatever the history, so the index is filled once from 45,000 synthetic articles
  (corpus-like texts, real ``features()``) spread over the last 30 days.

Measured: three batches of 1,000 new synthetic articles through ``assign_staged`` inside a
transaction, as the loader calls it (features, the four queries, scoring, the writes);
wall and CPU seconds (the whole process, DuckDB's threads included: on a shared machine
the wall time also counts waiting for a core). The index size is the same at every history
size, which is the point: what grows with history is only the scan of ``stories`` for the
candidates' rows.
"""

from __future__ import annotations

import argparse
import json
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
FILL_STORIES = """
insert into stories
select printf('story-h%09d', i), printf('history article %d', i), day, day, 1,
       ['outlet' || (i % 50)], ['en'], printf('h%09d', i), 'outlet' || (i % 50), true,
       day, day, false, 'history'
from (select i, now() - to_days(cast(i // $per_day as integer)) as day
      from range($start, $stop) as t(i))
"""
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


def main() -> None:
    """Fill, then measure three batches at each history size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--index", type=int, default=PER_DAY * RETENTION_DAYS,
                        help="stories in the matcher's index (default: 30 days at 1,500/day)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    vocabulary()
    now = datetime.now(UTC)
    report: dict[str, Any] = {"date": now.date().isoformat(), "batch": BATCH, "runs": []}
    with tempfile.TemporaryDirectory() as scratch, \
            db.opened(Path(scratch) / "scale.duckdb") as con:
        db.migrate(con)
        started = time.perf_counter()
        report["index_stories"] = fill_index(con, now, args.index)
        report["index_rows"] = con.execute("select count(*) from story_keys").fetchall()[0][0]
        print(f"index: {report['index_stories']} stories, {report['index_rows']} keys "
              f"({time.perf_counter() - started:.0f} s)", flush=True)
        have = 0
        for size in (int(s) for s in args.sizes.split(",")):
            for start in range(have, size, 100_000):
                bounds = {"start": start, "stop": min(size, start + 100_000)}
                con.execute(FILL_STORIES, {**bounds, "per_day": PER_DAY})
                con.execute(FILL_ASSIGNED, bounds)
            have = size
            runs = [measure(con, now, len(report["runs"]) * 3 + k) for k in range(3)]
            row = {"stored": size,
                   "ms_per_article": [r["ms_per_article"] for r in runs],
                   "cpu_ms_per_article": [r["cpu_ms_per_article"] for r in runs]}
            report["runs"].append(row)
            print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
