-- Why: the as-now yearly views re-aggregated the whole country's facts inside every query (11-12 s for one ward's
-- indicator_yoy_as_now at national scale). The build now stores each year re-aggregated onto the units valid on its
-- as-of date, for the years and provinces it changed, and as_now_year reads this table.
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
    PRIMARY KEY (unit_code, level, indicator, year)
);
CREATE INDEX agg_indicator_year_as_now_year_idx ON warehouse.agg_indicator_year_as_now (year, level);
COMMENT ON TABLE warehouse.agg_indicator_year_as_now IS 'Grain: unit valid on the as-of date (commune or province), indicator, year: the year re-aggregated onto the units valid on the last build''s as-of date (warehouse.as_now_window over January..December), stored by the build. Read it through warehouse.as_now_year.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.unit_code IS 'Code of the unit valid on the as-of date.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.unit_name IS 'Its name then.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.level IS 'commune or province.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.indicator IS 'Indicator code.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.value IS 'Value over its predecessors'' months (sum, or end-of-period value); NULL when nothing was submitted.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.complete IS 'Whether every predecessor-month owed was submitted.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.estimated IS 'Whether an apportioning weight entered the value.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.months_complete IS 'Months in which every predecessor owing a report sent it.';
