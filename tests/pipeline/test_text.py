"""Folding is one function, and its output is pinned: every stored ``content_hash`` and
paragraph hash depends on it, so a change here would make yesterday's articles look new.

The expected values were computed with the two copies this function replaced
(``extract._fold`` and ``clean_text.fold``, identical in output)."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.clean.learned import paragraph_hash
from pipeline.extract.article import content_hash
from pipeline.text import fold
from tests.pipeline.sample_run import MANIFEST, SampleRun, manifest_text, shared_run

# (text, folded, content_hash, paragraph_hash of the folded text)
PINNED = [
    ("Moscow and Beijing sign a deal — again!", "moscow and beijing sign a deal again",
     "6f8e592a16e9abd3e48e1947fcb0d62f8b93ba5b6d8edb609d795a928505c532", "b4b33b4f8e9e08f1"),
    ("  Tabs\tand\nnew-lines ,, spaces  ", "tabs and new lines spaces",
     "2f6caf61e2e6c9c17095fda1ad8be5ed2c87ad2a0d4cf642612700bea96a3d43", "cbba8f1840385b44"),
    ("ﬁnancial ＦＵＬＬＷＩＤＴＨ №5 ½", "financial fullwidth no5 1 2",
     "f25eb7cc612b7b64e836a7c4fc5722834b0ee366008d03e1a5b66d5a72e9116f", "cf5b33dc07755b8d"),
    ("Путин и Си Цзиньпин: переговоры в Кремле.", "путин и си цзиньпин переговоры в кремле",
     "3af5d49376ce91e8fef4725eb2d12e1e8aa127ca945e3ccf85d5f0bb6f2ca9e6", "884a14158a953893"),
    ("中俄两国元首在北京会晤，签署联合声明。", "中俄两国元首在北京会晤 签署联合声明",
     "b1b0ba39c251463ba6568cce785e93d95c383d0ec709d8f2f0f57da24d90cdbc", "3ca53b15c9eb50fb"),
    ("İSTANBUL ıi Straße ΣΊΣΥΦΟΣ", "i stanbul ıi straße σίσυφος",
     "b7356644feef19e27c89f84546b05dc9545c72aaf4fbc52b66223a1ec1697303", "a315f0940bbb0a8f"),
    ("e\u0301te\u0301 café", "été café",
     "3606cea25eec06d6c1fe29157dc44722a9a652184067c1dae5896b5d32ea9701", "425d854ecd8a6819"),
    ("don't-stop 3.14 x_y", "don t stop 3 14 x_y",
     "d3fe22dbb47d2a4c3681293dfede8e9ff75523ce327c885e289165776d57655a", "89b89e45da5a8b36"),
    ("", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     "e4a6a0577479b2b4"),
]
# content_hash of three sample-site seeds' gold bodies, before the two copies became one.
PINNED_SEEDS = {
    "001": "67a1ca1dafe40a1ea4aa27b914f4e56108c7e72f551b74f9928a96a58a7d50ec",
    "002": "999b76a1a655b60d03d334d15340ee21742e7f366d7aa16388b635a5169a6d24",
    "003": "9c1f126e9cc53cf8e523508b7f0c67a74539d96ea212684e4bb6e1a5d57a5ab1",
}


@pytest.mark.parametrize(("text", "folded", "whole", "para"), PINNED)
def test_fold_and_the_hashes_built_on_it_are_unchanged(
        text: str, folded: str, whole: str, para: str) -> None:
    assert fold(text) == folded
    assert content_hash(text) == whole
    assert paragraph_hash(fold(text)) == para


def test_fold_is_the_only_folding_function() -> None:
    # The cleaner and the extractor used to carry their own copy; both must use this one.
    from pipeline.clean import text as clean_text
    from pipeline.dedupe import signature
    from pipeline.extract import article

    assert clean_text.fold is article.fold is signature.fold is fold
    assert not hasattr(article, "_fold")


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    return shared_run(tmp_path_factory)


def test_stored_content_hashes_are_unchanged(sample_run: SampleRun) -> None:
    stored = dict(sample_run.rows("select url, content_hash from articles"))
    for seed, expected in PINNED_SEEDS.items():
        item = next(i for i in MANIFEST if i["seed"] == seed and i["kind"] == "seed")
        [url] = [u for u in stored if u.endswith(item["path"])]
        assert content_hash(manifest_text(item)) == expected
        assert stored[url] == expected, item["path"]
    for text, hashed in sample_run.rows("select text, content_hash from articles"):
        assert hashlib.sha256(fold(text).encode("utf-8")).hexdigest() == hashed
