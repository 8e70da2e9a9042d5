-- The limit each expectation checked against (e.g. "between 80 and -", "in {en}"), so the
-- data-quality page can show observed value and threshold side by side.
alter table dq_results add column if not exists threshold varchar;
