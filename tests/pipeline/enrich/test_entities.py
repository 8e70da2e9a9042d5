"""The entity lexicon (config/entities.yaml), its matching rules, and article_entities as
the load fills it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.enrich.entities import (
    KINDS,
    count_mentions,
    load_entities,
)
from pipeline.errors import RunError
from pipeline.store.entities import entity_rows, rebuild
from tests.conftest import ROOT
from tests.pipeline.sample_run import ORIGINALS, SampleRun, copy_db, manifest_text, shared_run

# The people, institutions and themes the beat asks about first.
REQUIRED = {"Xi Jinping", "Vladimir Putin", "Sergey Lavrov", "Wang Yi", "Mikhail Mishustin",
            "Li Qiang", "SCO", "BRICS", "Power of Siberia", "Yuan settlement", "Sanctions",
            "Ukraine", "Taiwan"}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    return shared_run(tmp_path_factory)


def mentions(text: str, title: str = "") -> dict[str, int]:
    return {m.entity: m.mentions for m in count_mentions(title, text)}


def test_lexicon_covers_the_beat() -> None:
    entities = load_entities()
    assert {e.name for e in entities} >= REQUIRED
    assert {e.kind for e in entities} == set(KINDS)


@pytest.mark.parametrize(("text", "entity", "count"), [
    ("Xi Jinping met Putin; Xi said", "Xi Jinping", 2),      # the full name counts once
    ("President Xi’s visit and the Xi-Putin summit", "Xi Jinping", 2),
    ("the Xi-Putin summit", "Vladimir Putin", 1),
    ("Sergei Lavrov and Sergey Lavrov; Lavrov’s trip", "Sergey Lavrov", 3),
    ("Moscow, Moscow and moscow", "SCO", 0),                   # no acronym inside a word
    ("the SCO and the Shanghai Cooperation Organisation", "SCO", 2),
    ("the sco summit", "SCO", 0),                              # acronyms keep their case
    ("Power of Siberia 2 and Power of Siberia-2", "Power of Siberia", 2),
    ("Сила Сибири", "Power of Siberia", 1),
    ("习近平会见普京", "Xi Jinping", 1),                          # no spaces in Chinese
    ("习近平会见普京", "Vladimir Putin", 1),
    ("trade settled in yuan and renminbi (RMB)", "Yuan settlement", 3),
    ("new sanctions; sanctioned banks", "Sanctions", 2),
    ("joint bomber patrols and a joint naval exercise", "Military cooperation", 2),
    ("Taiwanese and Taiwan", "Taiwan", 2),
    ("Xiamen and Xinjiang", "Xi Jinping", 0),
])
def test_matching_rules(text: str, entity: str, count: int) -> None:
    assert mentions(text).get(entity, 0) == count


@pytest.mark.parametrize("text", [
    "The KREMLIN and the Kremlın; Xi Jinping and XI JINPING, the Xi-Putin summit",
    "ſanctions and Sanctions; ΣANCTIONS; İstanbul talks on taiwan and TAIWAN",  # İ: 2 chars
    "joint naval exercises and Joint  Drills; SCO, sco, Moscow; 习近平会见普京",
    "",
])
def test_counts_equal_the_whole_pattern(text: str) -> None:
    # count() tries the pattern only where str.find sees a term: it must find what a
    # scan of the text with the entity's whole pattern finds.
    for entity in load_entities():
        assert entity.count(text) == sum(1 for _ in entity.pattern.finditer(text)), entity.name


def test_headline_only_mention_sets_in_title() -> None:
    [found] = [m for m in count_mentions("Lavrov in Beijing", "He met officials.")
               if m.entity == "Sergey Lavrov"]
    assert (found.mentions, found.in_title) == (0, True)


@pytest.mark.parametrize(("yaml_text", "problem"), [
    ("entities: []\n", "non-empty list"),
    ("entities:\n  - {name: X, kind: person, patterns: [x], colour: red}\n", "unknown key"),
    ("entities:\n  - {name: X, kind: country, patterns: [x]}\n", "kind must be"),
    ("entities:\n  - {name: X, kind: person}\n", "no patterns"),
    ("entities:\n  - {name: X, kind: person, regex: ['(']}\n", "bad regex"),
    ("entities:\n  - {name: X, kind: person, patterns: [x]}\n"
     "  - {name: X, kind: place, patterns: [y]}\n", "unique"),
])
def test_malformed_lexicon_is_one_clear_error(tmp_path: Path, yaml_text: str,
                                              problem: str) -> None:
    path = tmp_path / "entities.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(RunError, match=problem) as caught:
        load_entities(path)
    assert str(path) in str(caught.value)


def stored(con_path: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(con_path), read_only=True) as con:
        return con.execute("select article_id, entity, kind, mentions, in_title "
                           "from article_entities order by all").fetchall()


def test_load_fills_article_entities_from_the_stored_texts(run: SampleRun) -> None:
    articles = [dict(zip(("article_id", "title", "text"), r, strict=True))
                for r in run.rows("select article_id, title, text from articles")]
    expected = sorted(tuple(r.values()) for r in entity_rows(articles).to_pylist())
    assert stored(run.db) == expected
    assert len({r[0] for r in expected}) == len(ORIGINALS)


def test_counts_equal_the_manifest_pages(run: SampleRun) -> None:
    for item in ORIGINALS:
        got = dict(run.rows("select e.entity, e.mentions from article_entities e "
                            "join articles a using (article_id) where a.url like $p",
                            {"p": f"%{item['path']}"}))
        assert got == mentions(manifest_text(item), item["title"]), item["path"]


def test_rebuild_recounts_every_article(run: SampleRun, tmp_path: Path) -> None:
    path = copy_db(run, tmp_path)
    with duckdb.connect(str(path)) as con:
        con.execute("update article_entities set mentions = 0")
        con.execute("delete from article_entities where entity = 'Xi Jinping'")
        assert rebuild(con) == len(stored(run.db))
    assert stored(path) == stored(run.db)


def test_rebuild_command(run: SampleRun, tmp_path: Path) -> None:
    path = copy_db(run, tmp_path)
    result = subprocess.run([sys.executable, "-m", "pipeline", "entities", "rebuild",
                             "--db", str(path)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{len(stored(run.db))} article/entity row(s)")
    assert stored(path) == stored(run.db)
