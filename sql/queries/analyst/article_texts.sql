-- Every stored article's headline and body, for recounting entities.
select article_id, title, text
from articles
order by article_id
