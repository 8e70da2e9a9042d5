"""Writing new articles without key indexes: the loader's anti-join keeps ids and canonical
URLs unique, and the post-load check sees any row that got past it."""

from __future__ import annotations

import json
from dataclasses import replace

import duckdb
import pyarrow as pa

from pipeline.dedupe.signature import signature
from pipeline.quality.validate import run_suite
from pipeline.records import Article
from pipeline.runfolder import SIGNATURE_SCHEMA, articles_table
from pipeline.settings import Settings
from pipeline.store import db
from pipeline.store.new_rows import store_new
from pipeline.urls import url_key
from tests.conftest import SAMPLES
from tests.support.staging import article, run_articles

SEEDS = sorted((SAMPLES / "seeds").glob("*.gold.json"))
PARAS = json.loads(SEEDS[0].read_text(encoding="utf-8"))["body_paragraphs"]
OTHER = json.loads(SEEDS[1].read_text(encoding="utf-8"))["body_paragraphs"]


def staged(arts: list[Article]) -> tuple[pa.Table, pa.Table]:
    table = articles_table(arts)
    table = table.append_column("url_key", pa.array(
        [url_key(u) for u in table["canonical_url"].to_pylist()], pa.string()))
    sigs = [signature(a.text) for a in arts]
    return table, pa.Table.from_pylist([
        {"article_id": a.article_id, "minhash": s.to_bytes(), "shingles": s.shingles,
         "band_keys": s.band_keys()} for a, s in zip(arts, sigs, strict=True)],
        schema=SIGNATURE_SCHEMA)


def counts(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, int]:
    return {table: con.execute(f"select count(*) from {table} where article_id = $a",
                               {"a": article_id}).fetchall()[0][0]
            for table in ("articles", "article_signatures", "article_entities",
                          "article_lsh")}


def test_only_articles_not_stored_are_written(settings: Settings) -> None:
    stored = article("https://a.example/stored", PARAS)
    run_articles(settings, "r1", [stored])
    new = article("https://a.example/new", OTHER)
    same_url = replace(article("https://a.example/other", PARAS), article_id="f" * 16,
                       canonical_url=stored.canonical_url)
    same_id = replace(article("https://a.example/stored-variant", PARAS),
                      article_id=stored.article_id)  # another URL variant, same story id
    new_variant = replace(article("https://a.example/new-variant", OTHER),
                          article_id=new.article_id)
    # new is twice in the batch, then once more under another URL: the first one wins.
    batch = [stored, same_url, same_id, new, new, new_variant]
    with db.opened(settings.db) as con:
        con.execute("begin transaction")
        fresh = store_new(con, *staged(batch), run_id="r2")
        con.execute("commit")
        assert fresh["canonical_url"].to_pylist() == [new.canonical_url]
        assert con.execute("select count(*) from articles").fetchall()[0][0] == 2
        assert counts(con, same_url.article_id) == dict.fromkeys(counts(con, "x"), 0)
        added = counts(con, new.article_id)
        assert added["articles"] == added["article_signatures"] == 1
        assert added["article_entities"] >= 3 and added["article_lsh"] > 0
        # Nothing of the stored article was written twice.
        assert counts(con, stored.article_id)["article_signatures"] == 1


def test_post_load_check_sees_a_copy_that_got_past_the_loader(settings: Settings) -> None:
    stored = article("https://a.example/stored", PARAS)
    run_articles(settings, "r1", [stored])
    with db.opened(settings.db) as con:
        # A second writer (or a bug) stores the same URL again, under run r2.
        con.execute("insert into articles select * replace ('r2' as run_id) from articles")
        rows = con.execute(db.sql("queries/quality/articles_of_run"), {"run_id": "r2"}).df()
    assert len(rows) == 2  # the run's row and the stored one it collides with
    failed = {r.expectation for r in run_suite("articles_table", rows) if not r.success}
    assert failed == {"expect_column_values_to_be_unique(article_id)",
                      "expect_column_values_to_be_unique(canonical_url)"}
