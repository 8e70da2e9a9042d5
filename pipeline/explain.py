"""Say why a run fetched what it did: feeds due, skipped (and why), backing off.

The planner records every skipped feed with its reason; the plan task logs these counts,
the loader puts them in the run summary, and a run that fetched nothing new says why in
one line instead of going green in silence.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pipeline.records import FeedResult, FeedStatus

# Skip reasons: a feed that failed and waits out its back-off (or a Retry-After), and a
# healthy feed polled less often because it had nothing new.
BACKING_OFF = "backing_off"
NOT_DUE = "not_due"
# A feed retired after answering 404/410 (issue 22) stays skipped until enabled again.
RETIRED = "retired"
FORCE_HINT = "`rcwire run --all` (or the DAG param all_feeds) fetches them now"


def skip_detail(source: str, failures: int | None, next_at: datetime) -> dict[str, Any]:
    """The plan's record of one skipped feed."""
    return {"source": source, "reason": BACKING_OFF if failures else NOT_DUE,
            "until": next_at.isoformat(), "failures": int(failures or 0)}


def plan_counts(plan: dict[str, Any]) -> dict[str, Any]:
    """Feeds due, not due and backing off in a ``plan.json`` (with the skipped ones)."""
    skipped = (plan.get("skipped") or [
        {"source": s, "reason": NOT_DUE, "until": None, "failures": 0}
        for s in plan.get("skipped_not_due") or []]) + [
        {"source": s, "reason": RETIRED, "until": None, "failures": 0}
        for s in plan.get("skipped_retired") or []]
    count = {r: sum(1 for s in skipped if s["reason"] == r)
             for r in (NOT_DUE, BACKING_OFF, RETIRED)}
    return {"due": len(plan.get("feeds") or []), "not_due": count[NOT_DUE],
            "backing_off": count[BACKING_OFF], "retired": count[RETIRED], "skipped": skipped}


def describe_plan(counts: dict[str, Any]) -> str:
    """One line: ``5 feed(s) due, 2 not due yet (next ...), 1 backing off (name until ...)``."""
    parts = [f"{counts['due']} feed(s) due"]
    for reason, label in ((NOT_DUE, "not due yet"), (BACKING_OFF, "backing off after failures"),
                          (RETIRED, "retired (`rcwire sources enable` brings one back)")):
        group = [s for s in counts["skipped"] if s["reason"] == reason]
        if group:
            first = min(group, key=lambda s: s["until"] or "")
            shown = ", ".join(s["source"] for s in group[:5]) + (" ..." if len(group) > 5 else "")
            until = f", first due {first['until']}" if first["until"] else ""
            parts.append(f"{len(group)} {label} ({shown}{until})")
    return ", ".join(parts)


def nothing_fetched(counts: dict[str, Any], feeds: list[FeedResult],
                    outcomes: dict[str, int]) -> str | None:
    """Why a run stored nothing new, or None when it fetched new pages.

    Args:
        counts: ``plan_counts`` of the run's plan.
        feeds: the feeds it fetched.
        outcomes: URLs per outcome.
    """
    if not feeds:
        why = describe_plan(counts)
        hint = f"; {FORCE_HINT}" if counts["skipped"] else "; the sources file lists no feed"
        return f"nothing fetched: {why}{hint}"
    pages = sum(n for kind, n in outcomes.items() if kind != "already_known")
    if pages:
        return None
    status = [f.status for f in feeds]
    return (f"nothing new: {len(feeds)} feed(s) fetched, "
            f"{status.count(FeedStatus.NOT_MODIFIED)} unchanged (304), "
            f"{status.count(FeedStatus.FAILED)} failed, "
            f"{outcomes.get('already_known', 0)} entries seen before")


def summary_notes(plan: dict[str, Any], feeds: list[FeedResult],
                  outcomes: dict[str, int]) -> dict[str, Any]:
    """The ``plan`` counts and the ``note`` the loader adds to the run summary."""
    counts = plan_counts(plan)
    return {"plan": counts, "note": nothing_fetched(counts, feeds, outcomes)}
