"""What validation costs: GX import once per process, then the row-level suite per batch.

Run: ``.venv/bin/python benchmarks/validation.py [--rows 1000]``
Prints the GX import time, the time to validate a batch of N staged articles with the
``article_batch`` suite (all expectations, COMPLETE results), and the same for 10 rows.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.settings import Settings  # noqa: E402
from tests.support.staging import article  # noqa: E402


def batch(rows: int) -> object:
    """A staged-article table of ``rows`` distinct on-theme articles."""
    from pipeline.runfolder import articles_table

    body = ("Russia and China signed agreements on energy and trade in Beijing on Tuesday, "
            "officials said, as Moscow seeks buyers for its oil and gas. ") * 12
    return articles_table(article(f"https://bench.example/{i}", [f"Item {i}. {body}"])
                          for i in range(rows))


def main() -> None:
    """Measure and print as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    settings = Settings()
    big, small = batch(args.rows), batch(10)
    started = time.perf_counter()
    from pipeline.quality.validate import _batch_definition, validate_rows

    _batch_definition()
    imported = time.perf_counter() - started
    timings = {}
    for label, table in (("10_rows_s", small), (f"{args.rows}_rows_s", big)):
        started = time.perf_counter()
        failed, results = validate_rows(table, settings)
        timings[label] = time.perf_counter() - started
        assert not failed, failed
        assert all(r.success for r in results)
    print(json.dumps({"date": time.strftime("%Y-%m-%d"), "gx_import_and_context_s": imported,
                      **timings}, indent=1))


if __name__ == "__main__":
    main()
