"""``FurnitureWords.covers``'s first test (a word no list holds refuses the line) gives the
answer of its definition, on lines of the lists' own words, mixed with other words."""

from __future__ import annotations

import random

from pipeline.clean.lexicon import FurnitureWords, furniture_words


def _defined(vocab: FurnitureWords, line: list[str]) -> bool:
    own_words = [w for w in line if not w.isdigit()]
    return any((own := {w for w in own_words if w not in function}) and own <= listed
               for function, listed in ((vocab.function_words, vocab.words), *vocab.others))


def test_the_first_test_keeps_the_answer() -> None:
    vocab = furniture_words()
    rng = random.Random(18)
    pools = [sorted(vocab.words), sorted(vocab.function_words),
             *(sorted(w) for pair in vocab.others for w in pair)]
    other = ["the", "minister", "said", "2024", "42", "москва", "北京", "xyzzy", ""]
    answers = []
    for _ in range(4000):
        pool = rng.choice(pools)
        line = [rng.choice(pool) for _ in range(rng.randint(0, 5))]
        if rng.random() < 0.4:
            line.insert(rng.randint(0, len(line)), rng.choice(other))
        answers.append(vocab.covers(line))
        assert answers[-1] == _defined(vocab, line), line
    assert any(answers) and not all(answers)
