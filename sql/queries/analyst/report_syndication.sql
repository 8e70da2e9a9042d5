-- Who republishes whom (all time), for the report's table.
select original_source, republisher, copies, exact_copies, near_copies, mean_similarity
from syndication
