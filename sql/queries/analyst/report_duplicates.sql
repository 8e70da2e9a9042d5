-- Duplicates per source that carried them and method, first seen in the report window.
select source, method, cast(sum(duplicates) as bigint) as duplicates
from duplicates_daily
where cast($since as date) is null or day >= cast($since as date)
group by source, method
order by source, method
