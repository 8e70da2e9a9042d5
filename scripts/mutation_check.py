"""Mutation spot-checks for the reliability and storage guards (issues #7, #9 and #14):
each entry removes one guard in a copy of the working tree and runs the test that must
then fail.

A mutation counts as caught only when pytest exits 1 (tests failed) and names the entry's
test among the failures. Any other exit is a broken check, reported as ``BROKEN``: 2
(interrupted, e.g. the mutated code no longer imports), 3 (internal error), 4 (usage
error, e.g. the test id is gone) or 5 (no test collected); so is exit 1 naming other tests
only, and so is a test that already fails on the unmutated tree (all the entries' tests
run once first, as they are).

Run by hand (a few minutes): ``.venv/bin/python scripts/mutation_check.py [NAME ...] [-v]``
(NAME filters by substring; ``-v`` prints the failing assertions). Exits non-zero when a
mutation is missed or a check is broken. Not part of ``make test``: it copies the tree
once per mutation.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent
# (issue point and name, file, guard as written, guard removed, the test that must fail)
MUTS = [
 ("9 feed Retry-After", "pipeline/fetch/schedule.py",
  "    wait = max(wait, timedelta(seconds=result.retry_after or 0))\n", "",
  "tests/pipeline/fetch/test_politeness.py::test_feed_retry_after_holds_the_feed_across_runs"),
 ("9 skipped in summary", "pipeline/store/load.py",
  '        "skipped_not_due": sorted(skipped),\n', "",
  "tests/pipeline/fetch/test_politeness.py::test_plan_lists_feeds_it_skips"),
 ("10 summary rebuilt", "pipeline/store/load.py",
  "    if loaded and (folder / SUMMARY).exists():", "    if loaded:",
  "tests/pipeline/run/test_crash.py::test_loader_dead_after_commit_rebuilds_the_summary"),
 ("10 post-load checks replace", "pipeline/quality/post_load.py",
  '    con.execute(sql("queries/quality/clear_post_load_dq"), params)\n', "",
  "tests/pipeline/run/test_crash.py::test_loader_dead_after_commit_rebuilds_the_summary"),
 ("8 start-up not billed", "pipeline/extract/worker.py",
  "    warm_up()\n", "",
  "tests/pipeline/extract/test_extract_pool.py::test_start_up_is_not_billed_to_the_first_page"),
 ("5/4 SSRF public check", "pipeline/fetch/netguard.py",
  "    return is_public(addr)\n\n\ndef is_public", "    return True\n\n\ndef is_public",
  "tests/pipeline/test_reliability.py::test_private_and_special_addresses_blocked_before_connecting"),
 ("2 declared length", "pipeline/fetch/http.py",
  "    if declared.isdigit() and int(declared) > cap:", "    if False:",
  "tests/pipeline/test_reliability.py::test_declared_length_over_the_cap_refused_before_reading"),
 ("2 raw .gz", "pipeline/fetch/http.py",
  "    if body.startswith(_GZIP_MAGIC):", "    if False:",
  "tests/pipeline/test_reliability.py::test_bodies_over_the_cap_are_refused"),
 ("3 schemes", "pipeline/fetch/http.py",
  '    if scheme not in ("http", "https"):', "    if False:",
  "tests/pipeline/test_reliability.py::test_redirect_to_another_scheme_is_refused"),
 ("6 XML entities", "pipeline/fetch/feeds.py",
  "    if any(decl in body for decl in _ENTITY_DECL):", "    if False:",
  "tests/pipeline/test_reliability_feeds.py::test_hostile_feed_recorded_as_failed_with_its_reason"),
 ("9 robots 4xx/5xx", "pipeline/fetch/robots.py",
  "    if status is not None and 400 <= status < 500 and status != 429:",
  "    if status is not None and 400 <= status < 600:",
  "tests/pipeline/fetch/test_politeness.py::test_robots_status_and_rules"),
 ("atom updated", "pipeline/fetch/feeds.py",
  '    keys = ("published_parsed",) if atom else ("published_parsed", "updated_parsed")',
  '    keys = ("published_parsed", "updated_parsed")',
  "tests/pipeline/fetch/test_feeds.py::test_atom_relative_to_xml_base"),
 ("9 backlog", "pipeline/extract/pool.py",
  "        await self._backlog.acquire()", "        return",
  "tests/pipeline/extract/test_extract_pool.py::test_fetching_waits_for_extraction"),
    ("1 overall deadline", "pipeline/fetch/http.py",
     "        async with asyncio.timeout(settings.deadline):",
     "        async with asyncio.timeout(None):",
     "tests/pipeline/test_reliability.py::test_silent_and_dripping_servers_end_at_the_deadline"),
    ("5 TLS verified", "pipeline/fetch/http.py",
     "        ssl_context=httpx.create_ssl_context(),",
     "        ssl_context=httpx.create_ssl_context(verify=False),",
     "tests/pipeline/test_reliability.py::test_tls_errors_fail_without_retrying_unverified"),
    ("6 feed parse budget", "pipeline/fetch/parsers.py",
     "child.ask(header, body), self._timeout)", "child.ask(header, body), None)",
     "tests/pipeline/test_reliability_feeds.py::test_feed_parse_stopped_at_its_time_budget"),
    ("7 mojibake repaired", "pipeline/fetch/decode.py",
     "    return repair_mojibake(text), charset", "    return text, charset",
     "tests/pipeline/test_reliability_content.py::test_wrong_or_missing_charset_lands_the_right_text"),
    ("8 extraction budget", "pipeline/extract/pool.py",
     "            reply = await asyncio.wait_for(child.ask(page, learned), self._timeout)",
     "            reply = await child.ask(page, learned)",
     "tests/pipeline/test_reliability_content.py"
     "::test_nested_markup_is_stopped_at_the_extraction_budget"),
    ("11 scripts never stored", "pipeline/clean/html.py",
     "    for node in _SILENT(tree):",
     "    for node in []:",
     "tests/pipeline/test_reliability_content.py"
     "::test_scripts_handlers_and_javascript_links_never_stored"),
    # Issue #9: the guards that replaced the history tables' key indexes, and the
    # str.find shortcut that must find what the regex finds.
    ("store: stored ids", "sql/queries/store/new_article_ids.sql",
     "where not exists (select 1 from articles as a where a.article_id = s.article_id)\n"
     "  and not exists", "where not exists",
     "tests/pipeline/store/test_store.py::test_only_articles_not_stored_are_written"),
    ("store: stored URLs", "sql/queries/store/new_article_ids.sql",
     "\n  and not exists (select 1 from articles as a where a.canonical_url = "
     "s.canonical_url)", "",
     "tests/pipeline/store/test_store.py::test_only_articles_not_stored_are_written"),
    ("store: once per batch", "pipeline/store/new_rows.py",
     "        if key in wanted and not any(v in s for v, s in zip(key, seen, strict=True)):",
     "        if key in wanted:",
     "tests/pipeline/store/test_store.py::test_only_articles_not_stored_are_written"),
    ("check sees other runs", "sql/queries/quality/articles_of_run.sql",
     "where run_id = $run_id\nunion all", "where run_id = $run_id\nexcept all",
     "tests/pipeline/store/test_store.py::test_post_load_check_sees_a_copy_that_got_past_the_loader"),
    ("boilerplate counts grow", "sql/queries/store/learn_boilerplate.sql",
     "when matched then update set articles = b.articles + p.articles, last_seen = now()\n",
     "", "tests/pipeline/store/test_load.py::test_paragraph_counts_grow_across_runs"),
    # Issue #14: resuming asks DuckDB whether the run is loaded, before fetching and
    # before deciding (else the run's own articles become duplicates of themselves).
    ("14 resume skips fetch", "pipeline/run/local.py",
     "            loaded = is_loaded(folder, settings)\n", "            loaded = False\n",
     "tests/pipeline/run/test_crash.py"
     "::test_run_id_resumes_a_loader_killed_between_commit_and_summary"),
    ("14 resume skips decide", "pipeline/run/local.py",
     "        if run_loaded(con, plan_run_id(folder)):\n            return {}\n", "",
     "tests/pipeline/run/test_crash.py"
     "::test_run_id_resumes_a_loader_killed_between_commit_and_summary"),
    ("textscan case folding", "pipeline/enrich/textscan.py",
     "    return text.lower().translate(_SAME_IGNORING_CASE)", "    return text.lower()",
     "tests/pipeline/enrich/test_textscan.py::test_matches_equal_a_scan_of_every_position"),
]


# pytest's exit codes: 1 tests failed; 2 interrupted; 3 internal error; 4 usage error;
# 5 no tests collected.
FAILED = 1


def verdict(returncode: int, stdout: str, test: str) -> str:
    """``caught`` when pytest failed the named test, ``missed`` when every test passed,
    else ``broken`` (the check itself did not run as meant)."""
    if returncode == 0:
        return "missed"
    failed = [ln.split()[1] for ln in stdout.splitlines() if ln.startswith("FAILED ")]
    # A parametrised test fails as ``test[param]``.
    if returncode == FAILED and any(f == test or f.startswith(test + "[") for f in failed):
        return "caught"
    return "broken"


def check(name: str, rel: str, old: str, new: str, test: str, work: Path,
          verbose: bool) -> str:
    """Apply one mutation to a fresh copy and run its test: caught, missed or broken."""
    dst = work / "tree"
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(SRC, dst, ignore=shutil.ignore_patterns(
        ".venv", "data", ".git", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"))
    target = dst / rel
    text = target.read_text(encoding="utf-8")
    if text.count(old) != 1:
        print(f"BROKEN  {name}: the guard is not found exactly once in {rel}; "
              "update this script")
        return "broken"
    target.write_text(text.replace(old, new), encoding="utf-8")
    started = time.monotonic()
    run = pytest_in(dst, ["-x", test])
    result = verdict(run.returncode, run.stdout, test)
    last = (run.stdout.strip().splitlines() or ["?"])[-1]
    print(f"{result.upper():6}  {name}  ({time.monotonic() - started:.0f} s, pytest exit "
          f"{run.returncode}, {last})", flush=True)
    if verbose or result == "broken":
        print("\n".join([ln for ln in run.stdout.splitlines() if ln.startswith("E ")][:6]
                        or run.stderr.strip().splitlines()[-6:]))
    return result


def pytest_in(tree: Path, tests: list[str]) -> subprocess.CompletedProcess[str]:
    """Run tests on a tree; its package comes first on the path (before SRC's install)."""
    return subprocess.run(
        [str(SRC / ".venv/bin/python"), "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider",
         *tests], cwd=tree, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "PYTHONPATH": str(tree),
             "GX_ANALYTICS_ENABLED": "false"})


def failing_unmutated(tests: list[str]) -> set[str]:
    """The tests that fail on the tree as it is: a failure under mutation means nothing."""
    run = pytest_in(SRC, sorted(set(tests)))
    return {ln.split()[1].split("[")[0] for ln in run.stdout.splitlines()
            if ln.startswith("FAILED ")}


def main() -> None:
    """Run the selected mutations; exit 1 if any was not caught."""
    args = [a for a in sys.argv[1:] if a != "-v"]
    chosen = [m for m in MUTS if not args or any(a in m[0] for a in args)]
    # First the tests on the tree as it is: one failing there cannot catch anything.
    already = failing_unmutated([m[4] for m in chosen])
    for name, *_rest, test in chosen:
        if test in already:
            print(f"BROKEN  {name}: {test} fails without the mutation")
    runnable = [m for m in chosen if m[4] not in already]
    with tempfile.TemporaryDirectory() as tmp:
        results = [check(*m, Path(tmp), "-v" in sys.argv) for m in runnable]
    results += ["broken"] * (len(chosen) - len(runnable))
    print(f"{results.count('caught')} of {len(results)} guards caught, "
          f"{results.count('missed')} missed, {results.count('broken')} broken checks")
    if results.count("caught") != len(results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
