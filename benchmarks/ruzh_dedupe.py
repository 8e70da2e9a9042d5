"""Near-duplicate similarity per language: copies vs different stories (issue 17).

Run: ``.venv/bin/python benchmarks/ruzh_dedupe.py``

For every story of tests/fixtures/ruzh/stories.py (10 Russian, 10 Chinese), and the five
English seed stories of samples/seeds, builds the copies the dedupe stage must catch:
punctuation changed (full-width and ASCII marks, quotes), one sentence edited, an
excerpt (the first two thirds), and a re-templated copy (paragraphs merged, a credit line
added). Negatives are every pair of different stories of one language. Prints, per
language and shingle size, the lowest Jaccard of a full copy, the lowest containment of
an excerpt, and the highest Jaccard and containment of two different stories: the
thresholds (settings ``near_jaccard``, ``near_containment``) must sit between them.
Tuning half: the stories marked ``tuning``; the figures of the validation half are
printed beside (docs/languages.md).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "ruzh"))

from stories import RU_STORIES, ZH_STORIES  # noqa: E402

import pipeline.dedupe.signature as sigmod  # noqa: E402
from pipeline.dedupe.signature import containment, jaccard, signature  # noqa: E402

_ASCII = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "“": '"', "”": '"',
                        "（": "(", "）": ")", "、": ",", "«": '"', "»": '"', "—": "-"})


def stories() -> dict[str, list[tuple[str, str, list[str]]]]:
    """language -> (id, split, paragraphs)."""
    out: dict[str, list[tuple[str, str, list[str]]]] = {"ru": [], "zh": [], "en": []}
    for lang, table in (("ru", RU_STORIES), ("zh", ZH_STORIES)):
        for key, story in table.items():
            out[lang].append((key, str(story["split"]), list(story["body"])))  # type: ignore[call-overload]
    for path in sorted((ROOT / "samples" / "seeds").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out["en"].append((path.name[:3], "tuning", list(gold["body_paragraphs"])))
    return out


def copies(paras: list[str]) -> dict[str, str]:
    """The copy forms of one story."""
    text = "\n\n".join(paras)
    sentences = re.split(r"(?<=[。.!?！？])\s*", paras[-1])
    if re.search("[а-я]", paras[-1]):
        new = "Эту фразу отредактировали."
    elif re.search("[\u4e00-\u9fff]", paras[-1]):
        new = "编辑修改了这一句。"
    else:
        new = "This sentence was edited."
    edited = [*paras[:-1], " ".join([new, *sentences[1:]])]
    merged = [paras[0] + " " + paras[1], *paras[2:], "(Reporting by the desk)"]
    keep = max(1, round(len(paras) * 2 / 3))
    return {"punctuation": text.translate(_ASCII), "edited": "\n\n".join(edited),
            "retemplated": "\n\n".join(merged), "excerpt": "\n\n".join(paras[:keep])}


def measure(char_shingle: int) -> dict[str, dict[str, float]]:
    """Per language and split: worst copy and closest non-copy figures."""
    sigmod.CHAR_SHINGLE = char_shingle
    figures: dict[str, dict[str, float]] = {}
    for lang, items in stories().items():
        for split in ("tuning", "validation"):
            chosen = [i for i in items if i[1] == split]
            if not chosen:
                continue
            copy_j, excerpt_c = 1.0, 1.0
            for _key, _split, paras in chosen:
                orig = signature("\n\n".join(paras))
                for kind, text in copies(paras).items():
                    other = signature(text)
                    if kind == "excerpt":
                        excerpt_c = min(excerpt_c, containment(orig, other))
                    else:
                        copy_j = min(copy_j, jaccard(orig, other))
            neg_j = neg_c = 0.0
            for a, b in itertools.combinations(chosen, 2):
                sa, sb = signature("\n\n".join(a[2])), signature("\n\n".join(b[2]))
                neg_j, neg_c = max(neg_j, jaccard(sa, sb)), max(neg_c, containment(sa, sb))
            figures[f"{lang}/{split}"] = {"stories": len(chosen), "min_copy_jaccard": copy_j,
                                          "min_excerpt_containment": excerpt_c,
                                          "max_other_jaccard": neg_j,
                                          "max_other_containment": neg_c}
    return figures


def main() -> None:
    """Print the table for Chinese shingle sizes 3 to 6 (ru/en rows do not depend on it)."""
    for size in (3, 4, 5, 6):
        print(f"Chinese shingle: {size} characters")
        for name, row in measure(size).items():
            if size != 5 and not name.startswith("zh"):
                continue
            print(f"  {name:14} " + "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else
                                             f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
