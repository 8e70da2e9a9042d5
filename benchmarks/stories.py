"""Story grouping quality and speed on the labelled story set (issue 19).

Run: ``.venv/bin/python benchmarks/stories.py [--json F] [--errors]``. The set is
tests/fixtures/stories: a tuning half (weights and thresholds were chosen on it) and a
validation half (written before tuning, never edited to pass); the figures that count are
the validation half's, with default settings. Each half is streamed through the matcher on
its own, in arrival order (day, then a fixed hash order within a day). Speed is articles/s
for features plus assignment, best of three passes over both halves.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.settings import Settings  # noqa: E402
from pipeline.store.stories import params_from  # noqa: E402
from pipeline.stories.match import Assignment, assign_all  # noqa: E402
from tests.support.stories_eval import Labelled, bcubed, labelled, load_split, read_split  # noqa: E402


def evaluate(split: str) -> tuple[dict[str, float], list[Labelled], list[Assignment]]:
    """B-cubed figures of one split with default settings."""
    items = load_split(split)
    done = assign_all((i.features for i in items), params_from(Settings()))
    return bcubed([a.story_id for a in done], [i.story for i in items]), items, done


def speed() -> float:
    """Articles per second, features and assignment (the YAML is read before), best of
    three."""
    raw = read_split("tuning") + read_split("validation")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        assign_all((i.features for i in labelled(raw)), params_from(Settings()))
        best = min(best, time.perf_counter() - started)
    return len(raw) / best


def errors(items: list[Labelled], done: list[Assignment]) -> list[str]:
    """Articles put with another story's articles, or apart from their own."""
    first_of: dict[str, str] = {}
    lines = []
    by_story: dict[str, set[str]] = {}
    for item, got in zip(items, done, strict=True):
        by_story.setdefault(got.story_id, set()).add(item.story)
        first_of.setdefault(item.story, got.story_id)
    for item, got in zip(items, done, strict=True):
        mixed = sorted(by_story[got.story_id] - {item.story})
        split = got.story_id != first_of[item.story]
        if mixed or split:
            what = f"merged with {', '.join(mixed)}" if mixed else "split from its story"
            lines.append(f"{item.story} [{item.features.language}] {what}: "
                         f"{item.features.title!r} score={got.score} "
                         f"cues={json.dumps(got.cues, ensure_ascii=False)}")
    return lines


def main() -> None:
    """Print both halves' figures (validation is the one reported) and the speed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--errors", action="store_true", help="list every misplaced article")
    args = parser.parse_args()
    report: dict[str, Any] = {"date": datetime.now(UTC).date().isoformat()}
    for split in ("tuning", "validation"):
        figures, items, done = evaluate(split)
        stories = len({i.story for i in items})
        report[split] = {"articles": len(items), "stories": stories,
                         "predicted_stories": len({a.story_id for a in done}), **figures}
        print(f"{split:<10} {len(items):>4} articles {stories:>3} stories -> "
              f"{report[split]['predicted_stories']:>3} predicted  "
              f"B-cubed P {figures['precision']:.3f} R {figures['recall']:.3f} "
              f"F1 {figures['f1']:.3f}")
        if args.errors:
            print("\n".join("  " + line for line in errors(items, done)))
    report["articles_per_s"] = round(speed())
    print(f"speed: {report['articles_per_s']} articles/s (features + assignment)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
