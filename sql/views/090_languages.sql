-- Issue 17: volumes by language, pages whose language is not their source's, and stories
-- covered in more than one language. `language` is the language detected in the text.
create or replace view daily_volume_by_language as
with source_rows as (
    select d.day, coalesce(a.language, 'unknown') as language, a.source, a.word_count
    from article_days as d
    join articles as a on a.article_id = d.article_id
)

select
    day,
    language,
    count(*) as articles,
    count(distinct source) as sources,
    cast(sum(word_count) as bigint) as words
from source_rows
group by day, language
order by day desc, language;

comment on view daily_volume_by_language is
    'Articles stored per day and detected language (day as in article_days).';
comment on column daily_volume_by_language.day is 'Publication date in UTC; fetch date when undated.';
comment on column daily_volume_by_language.language is 'ISO 639-1 code detected in the text; unknown when too short to tell.';
comment on column daily_volume_by_language.articles is 'Unique on-theme articles stored.';
comment on column daily_volume_by_language.sources is 'Sources they came from.';
comment on column daily_volume_by_language.words is 'Words of clean text (Chinese: two characters a word).';

create or replace view language_mismatches as
with source_rows as (
    select article_id, source, url, title, language, claimed_language, fetched_at
    from articles
    where claimed_language is not null
)

select article_id, source, url, title, claimed_language, language, fetched_at
from source_rows
where language is distinct from lower(split_part(claimed_language, '-', 1))
order by fetched_at desc;

comment on view language_mismatches is
    'Stored articles whose detected language differs from the one their source claims (kept, not dropped).';
comment on column language_mismatches.article_id is 'articles.article_id.';
comment on column language_mismatches.source is 'Source (feed name in the sources file).';
comment on column language_mismatches.url is 'URL the article was fetched from.';
comment on column language_mismatches.title is 'Headline.';
comment on column language_mismatches.claimed_language is 'The source''s language in the sources file.';
comment on column language_mismatches.language is 'The language detected in the text.';
comment on column language_mismatches.fetched_at is 'When rcwire fetched it.';

create or replace view cross_language_coverage as
with source_rows as (
    select d.day, a.article_id, a.language, a.source, a.title, e.entity
    from article_days as d
    join articles as a on a.article_id = d.article_id
    join article_entities as e on e.article_id = a.article_id
    where e.kind = 'person' and a.language is not null
),

final as (
    select
        day,
        entity,
        count(distinct language) as languages,
        list(distinct language order by language) as language_list,
        count(distinct article_id) as articles,
        list(distinct language || ' | ' || source || ' | ' || title
             order by language || ' | ' || source || ' | ' || title) as coverage
    from source_rows
    group by day, entity
)

select * from final
where languages > 1
order by day desc, languages desc, articles desc;

comment on view cross_language_coverage is
    'People named on one day by articles in more than one language: the same story seen from Russian, Chinese and English sources.';
comment on column cross_language_coverage.day is 'Publication date in UTC; fetch date when undated (article_days).';
comment on column cross_language_coverage.languages is 'Number of languages naming the person that day.';
comment on column cross_language_coverage.articles is 'Articles naming the person that day.';
comment on column cross_language_coverage.entity is 'Canonical person (config/entities.yaml), one name across scripts.';
comment on column cross_language_coverage.language_list is 'Languages of the articles naming them that day.';
comment on column cross_language_coverage.coverage is 'language | source | title of each article.';
