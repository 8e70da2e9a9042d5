-- Paragraph hashes a source has repeated in at least $min_articles distinct articles.
select para_hash
from source_boilerplate
where source = $source
  and articles >= $min_articles
