"""Online story assignment: each article joins the best-matching story or opens one.

The index holds the stories an article may join: those seen within the retention period.
An article looks up candidates through its rarest keys (a posting list per key), scores the
best few, and joins the top one when the score clears the threshold; otherwise it opens a
story. Nothing is ever re-clustered: an assignment is final, and the cost of one depends on
how many stories are open, never on how many articles are stored.

The score, between 0 and about 1.5:

- content: how much of the article's weighted keys the story carries, per family
  (entities, words), each key weighted by its rarity among indexed stories (idf) and by
  the share of the story's articles that have it; words only count between articles of
  one language, so a Russian report of an English-covered event is matched on its
  entities, numbers and timing;
- strong cues: a bonus for shared numbers and for shared quoted words;
- timing: a penalty per day between the article and the story's span.

A story whose last article is more than the quiet period older than the article is closed:
the article may reopen it only with a strong cue and a higher score.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pipeline.stories.features import Features, entity_kinds

# Entity kinds weigh differently: a person met or a place visited says more about which
# event a report is about than a theme (Energy trade) that runs through hundreds.
KIND_WEIGHT = {"person": 1.0, "institution": 0.8, "place": 0.7, "theme": 0.35}
_SMOOTHING = 10.0  # pseudo-stories in the idf: a young index does not overrate its keys
_DAY = 86400.0


@dataclass(frozen=True)
class Params:
    """The matcher's knobs (``Settings`` supplies the first four; the rest were tuned on
    the tuning half of tests/fixtures/stories and are fixed here)."""

    threshold: float = 0.14
    reopen_threshold: float = 0.45
    quiet_days: float = 4.0
    retention_days: float = 30.0
    entity_weight: float = 1.0
    word_weight: float = 1.4
    number_bonus: float = 0.25
    quote_bonus: float = 0.2
    day_penalty: float = 0.08
    headline_boost: float = 4.0  # a headline key weighs this many lead keys
    share_power: float = 0.75  # how much a key shared by few of a story's articles counts
    entities_alone: int = 2  # named entities needed when words cannot compare
    lookup_keys: int = 8  # an article's rarest keys used to find candidate stories
    lookup_entities: int = 3  # and its rarest canonical entities, whatever their rank
    candidates: int = 12  # candidates scored in full per article
    max_postings: int = 100  # a lookup key may point to at most this many stories


@dataclass
class Story:
    """A story as the index keeps it: its keys counted over its articles."""

    story_id: str
    title: str
    first_article: str
    first_source: str
    first_seen: datetime
    last_seen: datetime
    dated: bool
    articles: int
    sources: set[str]
    languages: set[str]
    keys: Counter[str] = field(default_factory=Counter)

    # When its events happened (publication days, or an undated opener's named month);
    # None when no article of it says.
    span: tuple[datetime, datetime] | None = None
    span_estimated: bool = False

    def gap(self, art: Features) -> float | None:
        """Days between the article's span and the story's (0 if they overlap; None when
        either is unknown)."""
        if art.span is None or self.span is None:
            return None
        (a_start, a_end), (s_start, s_end) = art.span, self.span
        if a_end < s_start:
            return (s_start - a_end).total_seconds() / _DAY
        return max(0.0, (a_start - s_end).total_seconds() / _DAY)


@dataclass(frozen=True)
class Prepared:
    """An article's key weights and keys by family, shared by all its candidates."""

    weight: dict[str, float]
    entities: tuple[str, ...]
    words: tuple[str, ...]
    strong: tuple[str, ...]  # numbers and quotes
    entity_total: float
    word_total: float


@dataclass(frozen=True)
class Assignment:
    """Where one article went, why, and how sure the matcher was."""

    article_id: str
    story_id: str
    score: float
    cues: dict[str, Any]
    opened: bool


class StoryIndex:
    """Stories an article may join, with posting lists and key counts for idf.

    ``df`` and ``total`` describe the whole index (in the database, more stories than are
    loaded here): ``df[key]`` stories carry the key, out of ``total``.
    """

    def __init__(self, params: Params, df: Counter[str] | None = None, total: int = 0):
        self.params = params
        self.stories: dict[str, Story] = {}
        self.postings: dict[str, set[str]] = {}
        self.df: Counter[str] = df if df is not None else Counter()
        self.total = total
        self.touched: set[str] = set()
        self._kinds = entity_kinds()

    def load(self, story: Story) -> None:
        """Add a stored story (already counted in ``df`` and ``total``)."""
        self.stories[story.story_id] = story
        for key in story.keys:
            self.postings.setdefault(key, set()).add(story.story_id)

    def idf(self, key: str) -> float:
        """Rarity of a key among indexed stories, times the weight of its entity kind."""
        base = math.log((self.total + _SMOOTHING) / (self.df[key] + 1.0))
        if key.startswith("e:"):
            return base * KIND_WEIGHT.get(self._kinds.get(key[2:], "theme"), 0.5)
        return base

    def lookup_keys(self, art: Features) -> list[str]:
        """The article's rarest keys that some indexed story carries: those on at most
        ``max_postings`` stories (a key on more finds nothing in particular, and reading
        its posting list would cost more as the index grows), at least the two rarest."""
        known = sorted((self.df[k], k) for k in art.keys if self.df[k] > 0)
        p = self.params
        rare = [k for n, k in known[: p.lookup_keys] if n <= p.max_postings]
        rare = rare if len(rare) >= 2 else [k for _, k in known[:2]]
        # Words and quotes never cross languages; canonical entities do. An article's
        # rarest entities always look up too, so a report in another language than the
        # story's finds it even when its own words are rarer than its entities.
        entities = [k for n, k in known if k.startswith("e:") and n <= p.max_postings]
        return rare + [k for k in entities[: p.lookup_entities] if k not in rare]

    def candidates(self, art: Features) -> list[Story]:
        """Stories sharing one of the article's rarest keys, the best few by shared rarity."""
        weight: dict[str, float] = {}
        for key in self.lookup_keys(art):
            rarity = self.idf(key)
            for story_id in self.postings.get(key, ()):
                weight[story_id] = weight.get(story_id, 0.0) + rarity
        best = sorted(weight, key=lambda s: (-weight[s], s))[: self.params.candidates]
        return [self.stories[s] for s in best]

    def prepare(self, art: Features) -> Prepared:
        """The article's key weights (idf, times the headline boost for headline keys) and
        keys by family, computed once for all its candidates."""
        boost = self.params.headline_boost
        weight = {k: self.idf(k) * (boost if k in art.head else 1.0) for k in art.keys}
        entities = tuple(sorted(k for k in art.keys if k.startswith("e:")))
        words = tuple(sorted(k for k in art.keys if k.startswith("w:")))
        strong = tuple(sorted(k for k in art.keys if k[0] in "nq"))
        return Prepared(weight, entities, words, strong,
                        sum(weight[k] for k in entities), sum(weight[k] for k in words))

    def score(self, art: Features, story: Story, prep: Prepared | None = None,
              ) -> tuple[float, dict[str, Any]]:
        """How well an article fits a story, and the cues behind the figure (``prep``:
        ``prepare(art)``)."""
        p = self.params
        prep = prep or self.prepare(art)
        keys, size = story.keys, story.articles
        same_language = not art.language or art.language in story.languages
        families = [("e", prep.entity_total, p.entity_weight)]
        if same_language:
            families.append(("w", prep.word_total, p.word_weight))
        # Only the keys both carry cost Python work: the intersection runs in C. Sorted,
        # so that the sums (and the decision) are the same in every process.
        shared = sorted(prep.weight.keys() & keys.keys())
        power, weight_of = p.share_power, prep.weight
        covered = {"e": 0.0, "w": 0.0}
        for k in shared:
            if k[0] in covered:
                covered[k[0]] += weight_of[k] * (keys[k] / size) ** power
        parts, weights = 0.0, 0.0
        for family, total, weight in families:
            if total > 0:
                parts += weight * covered[family] / total
                weights += weight
        content = parts / weights if weights else 0.0
        named = [k[2:] for k in shared if k.startswith("e:")]
        themes = [n for n in named if self._kinds.get(n) == "theme"]
        if not (same_language and prep.words) and (
                len(named) < p.entities_alone or len(themes) == len(named)):
            # Entities alone (across languages): one shared name is any of that person's
            # events; it takes several, or a number or a quote, to say which.
            content = 0.0
        strong = [k for k in shared if k[0] in "nq"]
        numbers = [k[2:] for k in strong if k.startswith("n:")]
        said = [k[2:] for k in strong if k.startswith("q:")]
        bonus = p.number_bonus * min(2, len(numbers)) + (p.quote_bonus if said else 0.0)
        gap = story.gap(art)
        # The penalty stops growing at the quiet period: past it the story is closed, and
        # the reopening bar (a strong cue, a higher score) takes over.
        days = min(max(0.0, (gap or 0.0) - 1.0), p.quiet_days)
        cues = {"entities": named, "numbers": numbers, "quotes": said[:3],
                "content": round(content, 3),
                "days_apart": None if gap is None else round(gap, 1)}
        return round(content + bonus - p.day_penalty * days, 4), cues

    def shared_words(self, story: Story, prep: Prepared, limit: int = 8) -> list[str]:
        """The article's heaviest words the story also carries (for the stored cues)."""
        shared = [k for k in prep.words if story.keys.get(k, 0)]
        return [k[2:] for k in sorted(shared, key=lambda k: (-prep.weight[k], k))[:limit]]

    def assign(self, art: Features) -> Assignment:
        """Put one article in a story (joining or opening one) and update the index.

        Args:
            art: the article's features.

        Returns:
            The assignment, with the score and cues that decided it.
        """
        p = self.params
        best: tuple[float, Story, dict[str, Any]] | None = None
        runner_up: dict[str, Any] | None = None
        prep = self.prepare(art)
        for story in self.candidates(art):
            score, cues = self.score(art, story, prep)
            gap = cues["days_apart"]
            # A quiet story is closed, and one whose time is unknown may be: joining it
            # takes a strong cue (a telling number or a quote) and a higher score.
            closed = gap is None or gap > p.quiet_days
            strong = any(len(n) >= 3 for n in cues["numbers"]) or bool(cues["quotes"])
            needed = p.reopen_threshold if closed else p.threshold
            if score >= needed and (strong or not closed):
                if best is None or score > best[0]:
                    cues["reopened"] = closed
                    best = (score, story, cues)
            elif runner_up is None or score > runner_up["score"]:
                runner_up = {"story_id": story.story_id, "score": score}
        if best is None:
            story = self._open(art)
            cues = {"opened": True, "closest": runner_up}
            self._add(story, art)
            return Assignment(art.article_id, story.story_id, 0.0, cues, True)
        score, story, cues = best
        cues["words"] = self.shared_words(story, prep)
        self._add(story, art)
        return Assignment(art.article_id, story.story_id, score, cues, False)

    def _open(self, art: Features) -> Story:
        story = Story(story_id=f"story-{art.article_id}", title=art.title,
                      first_article=art.article_id, first_source=art.source,
                      first_seen=art.day, last_seen=art.day, dated=art.dated, articles=0,
                      sources=set(), languages=set(), span=None)
        self.stories[story.story_id] = story
        self.total += 1
        return story

    def _add(self, story: Story, art: Features) -> None:
        for key in art.keys:
            if not story.keys[key]:
                self.df[key] += 1
                self.postings.setdefault(key, set()).add(story.story_id)
            story.keys[key] += 1
        story.articles += 1
        story.sources.add(art.source)
        if art.language:
            story.languages.add(art.language)
        if art.dated and (not story.dated or art.day < story.first_seen):
            # The first report (earliest publication, whatever order loads came in) names
            # the story and its first reporter.
            story.first_article, story.first_source = art.article_id, art.source
            story.title = art.title
        if art.dated and not story.dated:  # the first date replaces a fetch time
            story.first_seen = story.last_seen = art.day
            story.dated = True
        elif art.dated or not story.dated:
            story.first_seen = min(story.first_seen, art.day)
            story.last_seen = max(story.last_seen, art.day)
        if art.span is not None and (story.span is None or (art.dated and story.span_estimated)):
            story.span, story.span_estimated = art.span, not art.dated
        elif art.span is not None and story.span is not None and art.dated:
            # A named month never stretches a story: only publication days do.
            story.span = (min(story.span[0], art.span[0]), max(story.span[1], art.span[1]))
        self.touched.add(story.story_id)

    def prune(self, clock: datetime) -> list[str]:
        """Drop stories quiet for longer than the retention period before ``clock``."""
        cutoff = clock - timedelta(days=self.params.retention_days)
        gone = sorted(s for s, story in self.stories.items() if story.last_seen < cutoff)
        for story_id in gone:
            self.forget(self.stories.pop(story_id))
        return gone

    def forget(self, story: Story) -> None:
        """Remove a story's keys from the posting lists and counts."""
        for key in story.keys:
            self.postings.get(key, set()).discard(story.story_id)
            self.df[key] -= 1
        self.total -= 1


def assign_all(arts: Iterable[Features], params: Params) -> list[Assignment]:
    """Assign a stream of articles in arrival order with an index held in memory (the
    benchmark's and the tests' path; the loader keeps the index in DuckDB)."""
    index = StoryIndex(params)
    out = []
    for art in arts:
        index.prune(art.day)
        out.append(index.assign(art))
    return out
