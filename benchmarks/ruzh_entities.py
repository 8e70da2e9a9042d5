"""Russian case forms of the lexicon's names: suffix patterns vs a stemmer vs pymorphy3.

Run: ``.venv/bin/python benchmarks/ruzh_entities.py`` (snowballstemmer and pymorphy3 are
not project dependencies: install them next to it to compare, e.g. in another venv put on
PYTHONPATH; rows for a missing one are skipped).

Gold: every case form (singular; plural where a noun has one) of the Russian terms of
config/entities.yaml, written out by hand below, plus look-alike words that must not
count. A method finds a form when it maps it to the term's entity. Prints recall on the
forms and false hits on the look-alikes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.enrich.entities import count_mentions, load_entities

FORMS = {
    "Vladimir Putin": ["Путин", "Путина", "Путину", "Путиным", "Путине"],
    "Sergey Lavrov": ["Лавров", "Лаврова", "Лаврову", "Лавровым", "Лаврове"],
    "Mikhail Mishustin": ["Мишустин", "Мишустина", "Мишустину", "Мишустиным", "Мишустине"],
    "Dmitry Peskov": ["Песков", "Пескова", "Пескову", "Песковым", "Пескове"],
    "Andrei Belousov": ["Белоусов", "Белоусова", "Белоусову", "Белоусовым", "Белоусове"],
    "Xi Jinping": ["Си Цзиньпин", "Си Цзиньпина", "Си Цзиньпину", "Си Цзиньпином",
                   "Си Цзиньпине"],
    "Kremlin": ["Кремль", "Кремля", "Кремлю", "Кремлём", "Кремле"],
    "Gazprom": ["Газпром", "Газпрома", "Газпрому", "Газпромом", "Газпроме"],
    "Ukraine": ["Украина", "Украины", "Украине", "Украину", "Украиной"],
    "Taiwan": ["Тайвань", "Тайваня", "Тайваню", "Тайванем", "Тайване"],
    "Mongolia": ["Монголия", "Монголии", "Монголию", "Монголией"],
    "Arctic": ["Арктика", "Арктики", "Арктике", "Арктику", "Арктикой"],
    "Sanctions": ["санкции", "санкций", "санкциям", "санкциями", "санкциях"],
}
# Words that begin like a term but name something else.
LOOKALIKES = ["путинизм", "Лаврентий", "Песковатское", "газета", "Газпромбанк",
              "Белоусово", "Кремлёвский", "украинский", "Монголоид", "арктический"]


def ours(word: str) -> set[str]:
    return {m.entity for m in count_mentions("", word)}


def _lexicon_terms() -> dict[str, str]:
    import yaml

    raw = yaml.safe_load((Path(__file__).resolve().parent.parent / "config" /
                          "entities.yaml").read_text(encoding="utf-8"))
    return {str(t).lower(): e["name"] for e in raw["entities"] for t in e.get("patterns", [])
            if re.search("[а-яё]", str(t), re.I)}


def by_normaliser(normalise: object) -> object:
    terms = {" ".join(normalise(w) for w in t.split()): name  # type: ignore[operator]
             for t, name in _lexicon_terms().items()}

    def find(word: str) -> set[str]:
        key = " ".join(normalise(w) for w in word.lower().split())  # type: ignore[operator]
        return {terms[key]} if key in terms else set()
    return find


def exact(word: str) -> set[str]:
    terms = _lexicon_terms()
    return {terms[word.lower()]} if word.lower() in terms else set()


def methods() -> dict[str, object]:
    found: dict[str, object] = {"exact terms": exact, "rcwire suffix patterns": ours}
    try:
        import snowballstemmer
        stem = snowballstemmer.stemmer("russian")
        found["Snowball stemmer"] = by_normaliser(lambda w: stem.stemWord(w))
    except ImportError:
        pass
    try:
        import pymorphy3
        morph = pymorphy3.MorphAnalyzer()
        found["pymorphy3 lemma"] = by_normaliser(lambda w: morph.parse(w)[0].normal_form)
    except ImportError:
        pass
    return found


def main() -> None:
    """Print recall and false hits per method."""
    load_entities()
    total = sum(len(v) for v in FORMS.values())
    for name, find in methods().items():
        hits = sum(1 for ent, forms in FORMS.items() for f in forms if ent in find(f))  # type: ignore[operator]
        false = [w for w in LOOKALIKES if find(w)]  # type: ignore[operator]
        print(f"{name:24} recall {hits}/{total}  false hits {len(false)}/{len(LOOKALIKES)} "
              f"{false}")


if __name__ == "__main__":
    main()
