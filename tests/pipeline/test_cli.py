"""The ``rcwire`` command as a user runs it (subprocesses, real files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLES

RCWIRE = [sys.executable, "-m", "pipeline"]


def rcwire(*args: str, env: dict[str, str] | None = None,
           stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "GX_ANALYTICS_ENABLED": "false", **(env or {})}
    return subprocess.run([*RCWIRE, *args], cwd=ROOT, env=full_env, capture_output=True,
                          text=stdin is None, input=stdin, timeout=180)


def test_help_does_not_import_the_heavy_stack() -> None:
    code = ("import sys, pipeline.cli; heavy = {'great_expectations', 'duckdb', 'trafilatura', "
            "'pyarrow', 'airflow'} & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
    assert rcwire("--help").returncode == 0


def test_bad_sources_file_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - name: x\n    link: http://example.org/feed\n")
    result = rcwire("run", "--sources", str(bad), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(bad) in lines[0] and "unknown key" in lines[0]


def test_unwritable_database_one_clear_line(tmp_path: Path) -> None:
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    db = locked / "sub" / "rcwire.duckdb"
    sources = tmp_path / "s.yaml"
    sources.write_text("sources:\n  - name: x\n    url: http://127.0.0.1:9/feed\n")
    result = rcwire("run", "--sources", str(sources), "--db", str(db),
                    env={"RCWIRE_DATA_DIR": str(tmp_path / "data")})
    if os.geteuid() == 0:
        db = Path("/proc/rcwire-cannot-exist/rcwire.duckdb")
        result = rcwire("run", "--sources", str(sources), "--db", str(db),
                        env={"RCWIRE_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0]


def test_run_with_sample_site_lands_articles(tmp_path: Path) -> None:
    env = {"RCWIRE_DB": str(tmp_path / "rcwire.duckdb"), "RCWIRE_DATA_DIR": str(tmp_path)}
    first = rcwire("run", "--sample-site", "--json", env=env)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["counts"]["loaded"] > 0
    second = rcwire("run", "--sample-site", env=env)
    assert second.returncode == 0
    assert "unchanged (304)" in second.stdout and "0 new articles" in second.stdout


def test_clean_json_on_a_seed() -> None:
    seed = next((SAMPLES / "seeds").glob("001_*.txt"))
    result = rcwire("clean", "--json", str(seed))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"path", "title", "author", "published_at", "language", "text",
                        "removed", "relevance_score", "on_theme"}
    assert doc["author"] == "Lucy Harlow" and doc["on_theme"] is True
    assert {"kind": "byline", "text": "Lucy Harlow (4126 articles)"} in [
        {"kind": r["kind"], "text": r["text"]} for r in doc["removed"]]
    assert all(r["reason"] for r in doc["removed"])  # every removal says why (issue 15)


def test_clean_reads_gzip_and_stdin(tmp_path: Path) -> None:
    import gzip

    page = SAMPLES / "site" / "the-week" / "news" / "russia-china-the-new-world-order" / \
        "index.html"
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(page.read_bytes()))
    from_gz = rcwire("clean", str(packed))
    from_stdin = rcwire("clean", "--html", "-", stdin=page.read_bytes())
    assert from_gz.returncode == 0 and from_stdin.returncode == 0
    assert from_gz.stdout.startswith("Russia and China will look to cement")
    assert from_stdin.stdout.decode().startswith("Russia and China will look to cement")


def test_quick_exit_keeps_what_a_normal_exit_does(tmp_path: Path) -> None:
    # The teardown is skipped, not the exit handlers (logging's flush, a caller's) nor
    # the buffered output; the code and sys.exit's message form survive.
    marker = tmp_path / "handler-ran"
    code = ("import atexit, logging, sys\n"
            f"atexit.register(lambda: open({str(marker)!r}, 'w').write('yes'))\n"
            "from pipeline.cli import quick_exit\n"
            "logging.basicConfig(stream=sys.stderr)\n"
            "sys.stdout.write('buffered, no newline')\n"
            "logging.getLogger('x').warning('logged')\n"
            "quick_exit(int(sys.argv[1]) if sys.argv[1].isdigit() else sys.argv[1])\n")
    for arg, expected in (("3", 3), ("0", 0), ("bad input", 1)):
        marker.unlink(missing_ok=True)
        out = subprocess.run([sys.executable, "-c", code, arg], cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == expected
        assert out.stdout == "buffered, no newline"
        assert "logged" in out.stderr
        assert marker.read_text() == "yes"
    assert out.stderr.strip().splitlines()[-1] == "bad input"


def test_a_command_exits_without_the_teardown(tmp_path: Path) -> None:
    # An object alive at the end is finalized by the interpreter's teardown only: the
    # console entry point skips it, and the command's exit code still reaches the shell.
    torn = tmp_path / "torn-down"
    code = ("import sys, pipeline.cli as cli\n"
            "class Witness:\n"
            # (open bound now: the teardown may have cleared the builtins by then)
            f"    def __del__(self, open=open): open({str(torn)!r}, 'w').write('yes')\n"
            "cli.witness = Witness()\n"
            "sys.argv = ['rcwire', *sys.argv[1:]]\n"
            "cli.main()\n")
    for args, expected in ((["--help"], 0), (["no-such-command"], 2)):
        out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == expected
        assert not torn.exists()
    # The witness works: without the entry point, the teardown finalizes it.
    subprocess.run([sys.executable, "-c", code.replace("cli.main()", "pass")], cwd=ROOT,
                   check=True, timeout=60)
    assert torn.read_text() == "yes"
