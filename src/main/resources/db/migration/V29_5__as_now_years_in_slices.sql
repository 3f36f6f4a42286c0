-- Why: the as-now years were recomputed at the end of each build, after the slices, re-reading every year of the
-- country when the maps moved (the bench's full build went from 27.5 s to 65.1 s). They are now built by each year's
-- slice, in its transaction, from the year's own tables: a whole year into a fresh table swapped in with the year's
-- others (so the table is partitioned by year like them), a slice of communes in place for the provinces it touches.
-- The maps are made when the build is planned, as of the plan's day, before any slice reads them; each year records
-- the maps its as-now rows were built with (warehouse.as_now_built), and a year built with other maps is rebuilt
-- whole. The years stored before are emptied: with none recorded, the next build rebuilds every year.
DROP TABLE warehouse.agg_indicator_year_as_now CASCADE;
CREATE TABLE warehouse.agg_indicator_year_as_now (
    year            integer NOT NULL,
    unit_code       text NOT NULL,
    unit_name       text,
    level           text NOT NULL,
    indicator       text NOT NULL,
    value           numeric,
    complete        boolean,
    estimated       boolean,
    months_complete bigint,
    value_low       numeric,
    value_high      numeric,
    PRIMARY KEY (unit_code, level, indicator, year)
) PARTITION BY LIST (year);
CREATE INDEX agg_indicator_year_as_now_year_idx ON warehouse.agg_indicator_year_as_now (year, level);
DO $$
BEGIN
    FOR y IN 2000..2040 LOOP
        EXECUTE format('CREATE TABLE warehouse.%I PARTITION OF warehouse.agg_indicator_year_as_now FOR VALUES IN (%s)',
                       'agg_indicator_year_as_now_' || y, y);
    END LOOP;
    CREATE TABLE warehouse.agg_indicator_year_as_now_other PARTITION OF warehouse.agg_indicator_year_as_now DEFAULT;
END
$$;
COMMENT ON TABLE warehouse.agg_indicator_year_as_now IS 'Grain: unit valid on the as-of date (commune or province), indicator, year: the year re-aggregated onto the units valid on the last build''s as-of date (warehouse.as_now_window over January..December), built with the year''s slice. Read it through warehouse.as_now_year.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.year IS 'Calendar year (partition key).';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.unit_code IS 'Code of the unit valid on the as-of date.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.unit_name IS 'Its name then.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.level IS 'commune or province.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.indicator IS 'Indicator code.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.value IS 'Value over its predecessors'' months (sum, or end-of-period value); NULL when nothing was submitted.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.complete IS 'Whether every predecessor-month owed was submitted.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.estimated IS 'Whether an apportioning weight entered the value.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.months_complete IS 'Months in which every predecessor owing a report sent it.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.value_low IS 'Low bound of value: only what is placed exactly (whole predecessors, villages placed by village); equal to value when it is exact; NULL when value is.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.value_high IS 'High bound of value: every part of a split predecessor (and every village placed by a guess) that may belong to the unit, counted whole; equal to value when it is exact; NULL when value is.';

CREATE TABLE warehouse.as_now_built (
    year integer PRIMARY KEY,
    maps text NOT NULL
);
COMMENT ON TABLE warehouse.as_now_built IS 'Grain: built year. The maps (warehouse.unit_map, village_map) the year''s as-now rows were built with, recorded in the year''s slice: a year built with other maps is rebuilt whole by the next build.';
COMMENT ON COLUMN warehouse.as_now_built.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.as_now_built.maps IS 'Fingerprint (md5) of the maps'' rows, their day left out: maps made as of another day that place every unit and village alike have the same one.';

-- The maps are made when a build is planned, before its own row (whose as-of date warehouse.as_of() reads) is
-- written: within that transaction, the plan's day is given by the setting safetystats.as_of.
CREATE OR REPLACE FUNCTION warehouse.as_of() RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(CAST(nullif(current_setting('safetystats.as_of', true), '') AS date),
                    (SELECT as_of FROM warehouse.build WHERE as_of IS NOT NULL ORDER BY build_id DESC LIMIT 1))
$$;
COMMENT ON FUNCTION warehouse.as_of() IS 'The as-of date of the last warehouse build: the "today" of every view (owed months, units as now). NULL before the first build. Within the transaction that plans a build, the setting safetystats.as_of (the plan''s day) when set.';

COMMENT ON TABLE warehouse.unit_map IS 'warehouse.unit_as_now as of the last warehouse build''s as-of date (made when the build was planned): each ward or commune version, past or present, with the ward or commune valid on mapped_on it counts for, and the share.';
COMMENT ON COLUMN warehouse.unit_map.mapped_on IS 'The day "today" was when the map was made (the as-of date of the build being planned).';
COMMENT ON TABLE warehouse.village_map IS 'warehouse.village_as_now as of the last warehouse build''s as-of date (made when the build was planned): the ward or commune each village counts under today.';
