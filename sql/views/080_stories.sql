-- Stories (issue 19): the articles that report one event, across outlets and languages,
-- grouped as they were loaded (pipeline/stories; tables stories and article_stories).
-- A copy (article_duplicates) counts under the story, and the day, of its original.
create or replace view story_reports as
with stored as (
    select
        s.story_id,
        a.article_id,
        a.source,
        a.url,
        a.title,
        a.language,
        coalesce(a.published_at, a.fetched_at) as seen,
        a.published_at is not null as dated,
        false as copy,
        s.score
    from article_stories as s
    join articles as a on a.article_id = s.article_id
),

copies as (
    select
        o.story_id,
        o.article_id,
        coalesce(d.source, o.source) as source,
        d.url,
        o.title,
        o.language,
        o.seen,
        o.dated,
        true as copy,
        o.score
    from article_duplicates as d
    join stored as o on o.article_id = d.duplicate_of
)

select *, cast(timezone('UTC', seen) as date) as day from stored
union all
select *, cast(timezone('UTC', seen) as date) as day from copies;

comment on view story_reports is
    'Every report of every story: its stored articles and the copies of them (one row each).';
comment on column story_reports.story_id is 'stories.story_id.';
comment on column story_reports.article_id is 'The stored article (for a copy: its original).';
comment on column story_reports.source is 'Source that carried the report.';
comment on column story_reports.url is 'Link to the report (the copy''s own link for a copy).';
comment on column story_reports.title is 'Headline (a copy shows its original''s).';
comment on column story_reports.language is 'Language of the article.';
comment on column story_reports.seen is
    'Publication time (UTC), else fetch time; a copy takes its original''s.';
comment on column story_reports.dated is 'True when the time is a publication time.';
comment on column story_reports.copy is 'True for a copy of a stored article.';
comment on column story_reports.score is 'Match score that put the article in the story.';
comment on column story_reports.day is 'UTC day of seen.';

create or replace view stories_daily as
with reports as (
    select r.*, s.title as story_title, cast(timezone('UTC', s.first_seen) as date) as first_day
    from story_reports as r
    join stories as s on s.story_id = r.story_id
)

select
    day,
    story_id,
    any_value(story_title) as title,
    count(*) filter (where not copy) as articles,
    count(*) filter (where copy) as copies,
    count(distinct source) as outlets,
    list(distinct language order by language) filter (where language is not null) as languages,
    any_value(first_day) = day as new_story
from reports
group by day, story_id
order by day desc, outlets desc, articles desc, story_id;

comment on view stories_daily is 'Per day and story: how many reports, from how many outlets.';
comment on column stories_daily.day is 'UTC day of the reports (publication, else fetch day).';
comment on column stories_daily.story_id is 'stories.story_id.';
comment on column stories_daily.title is 'Headline of its first report (earliest publication).';
comment on column stories_daily.articles is 'Stored articles of the story that day.';
comment on column stories_daily.copies is 'Copies of those articles (republications, other links).';
comment on column stories_daily.outlets is 'Distinct sources carrying it that day, copies included.';
comment on column stories_daily.languages is 'Languages of those articles.';
comment on column stories_daily.new_story is 'True on the day the story was first reported.';

create or replace view top_stories as
with totals as (
    select
        story_id,
        count(*) filter (where not copy) as articles,
        count(*) filter (where copy) as copies,
        count(distinct source) as outlets,
        list(distinct source order by source) as outlet_names
    from story_reports
    group by story_id
)

select
    s.story_id,
    s.title,
    s.first_source,
    f.url as first_url,
    s.first_seen,
    s.last_seen,
    t.outlets,
    t.articles,
    t.copies,
    t.outlet_names,
    s.languages
from stories as s
join totals as t on t.story_id = s.story_id
left join articles as f on f.article_id = s.first_article_id
order by t.outlets desc, t.articles + t.copies desc, s.last_seen desc, s.story_id;

comment on view top_stories is 'Stories by how many outlets carried them, widest first.';
comment on column top_stories.story_id is 'stories.story_id.';
comment on column top_stories.title is 'Headline of its first report (earliest publication).';
comment on column top_stories.first_source is 'Who reported it first (earliest publication).';
comment on column top_stories.first_url is 'Link to that first report.';
comment on column top_stories.first_seen is 'First report (publication time, else fetch time).';
comment on column top_stories.last_seen is 'Latest report.';
comment on column top_stories.outlets is 'Distinct sources carrying it, copies included.';
comment on column top_stories.articles is 'Stored articles in it.';
comment on column top_stories.copies is 'Copies of those articles.';
comment on column top_stories.outlet_names is 'Those sources.';
comment on column top_stories.languages is 'Languages of its articles.';

create or replace view story_coverage as
select
    r.story_id,
    s.title as story_title,
    r.source,
    count(*) filter (where not r.copy) as articles,
    count(*) filter (where r.copy) as copies,
    min(r.seen) as first_seen,
    max(r.seen) as last_seen,
    arg_min(r.title, r.seen) as first_headline,
    list(distinct r.title order by r.title) as headlines,
    s.first_source = r.source as first_reporter
from story_reports as r
join stories as s on s.story_id = r.story_id
group by r.story_id, s.title, r.source, s.first_source
order by r.story_id, first_seen, r.source;

comment on view story_coverage is
    'Which sources covered each story, first and last, with their headlines.';
comment on column story_coverage.story_id is 'stories.story_id.';
comment on column story_coverage.story_title is 'Headline of its first report (earliest publication).';
comment on column story_coverage.source is 'A source that carried it.';
comment on column story_coverage.articles is 'Its stored articles in the story.';
comment on column story_coverage.copies is 'Copies it carried of articles in the story.';
comment on column story_coverage.first_seen is 'Its first report (publication, else fetch time).';
comment on column story_coverage.last_seen is 'Its latest report.';
comment on column story_coverage.first_headline is 'Headline of its first report.';
comment on column story_coverage.headlines is 'All its headlines in the story.';
comment on column story_coverage.first_reporter is 'True for the source that reported it first.';
