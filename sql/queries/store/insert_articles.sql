-- Only articles not stored yet reach here (queries/new_article_ids.sql).
insert into articles (
    article_id, url, canonical_url, url_key, source, source_domain, feed_url, guid, title,
    author, published_at, published_signal, fetched_at, language, description, text,
    word_count, content_hash, relevance_score, truncated, run_id, cleaning_fallback,
    theme_evidence, is_brief, claimed_language, date_zone, date_zone_origin
)
select
    article_id, url, canonical_url, url_key, source, source_domain, feed_url, guid, title,
    author, published_at, published_signal, fetched_at, language, description, text,
    word_count, content_hash, relevance_score, coalesce(truncated, false), $run_id,
    coalesce(cleaning_fallback, false), theme_evidence, coalesce(is_brief, false),
    claimed_language, date_zone, date_zone_origin
from staged_articles
