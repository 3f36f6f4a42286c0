-- Why: the warehouse's figures must not change overnight with no new data. "Today" (which months are owed, which
-- units are the units "as now") was the database's current_date, read by the views at query time: a test broke by
-- itself on 2026-12-01 and every current-year village share went NULL from the 1st to the due day of a month. Each
-- build now records the day it is built as of, and the views read that day instead of the clock.

ALTER TABLE warehouse.build ADD COLUMN as_of date;
COMMENT ON COLUMN warehouse.build.as_of IS 'The day the warehouse was built as of (build-warehouse --as-of; default: the build''s date in the reporting time zone): months whose due day had passed by then are owed, and the units valid then are the units "as now". NULL for builds before this column existed.';

-- The one spelling of "owed": a month is owed once the due day of the month after it has passed.
CREATE FUNCTION warehouse.owed(p_period date, p_as_of date, p_due_day integer) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (date_trunc('month', p_period) + INTERVAL '1 month')::date + p_due_day <= p_as_of
$$;
COMMENT ON FUNCTION warehouse.owed(date, date, integer) IS 'Whether the month p_period is owed as of p_as_of: its report was due by the end of day p_due_day of the following month (safetystats.due-day-of-month), and that day has passed.';

CREATE FUNCTION warehouse.as_of() RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT as_of FROM warehouse.build WHERE as_of IS NOT NULL ORDER BY build_id DESC LIMIT 1
$$;
COMMENT ON FUNCTION warehouse.as_of() IS 'The as-of date of the last warehouse build: the "today" of every view (owed months, units as now). NULL before the first build.';
