-- Why: same_period_as_now and as_now_window re-aggregated every fact of their windows onto today's units inside each
-- query: 5.2-8.2 s for the country at national scale (issue 25 asks under 2 s). The build now stores each month
-- re-aggregated onto the units valid on its as-of date, with its slice of the year like the as-now years: the sums
-- month by month, the end-of-period values as a window ending in the month would take them (each by the month they
-- were taken from, so that a window starting later leaves out what was reported before it), and each ward's
-- completeness month by month. A window within one calendar year is then read from these rows; the as-now years are
-- the window January..December of them.
CREATE TABLE warehouse.agg_indicator_month_as_now (
    year           integer NOT NULL,
    period         date NOT NULL,
    unit_code      text NOT NULL,
    level          text NOT NULL,
    indicator      text NOT NULL,
    reported_month date NOT NULL,
    value          numeric,
    value_low      numeric,
    value_high     numeric,
    estimated      boolean,
    PRIMARY KEY (unit_code, level, indicator, period, reported_month, year)
) PARTITION BY LIST (year);
CREATE INDEX agg_indicator_month_as_now_period_idx ON warehouse.agg_indicator_month_as_now (year, period, level);

CREATE TABLE warehouse.commune_month_as_now (
    year          integer NOT NULL,
    period        date NOT NULL,
    unit_code     text NOT NULL,
    unit_name     text,
    province_code text,
    province_name text,
    all_in        boolean,
    PRIMARY KEY (unit_code, period, year)
) PARTITION BY LIST (year);
CREATE INDEX commune_month_as_now_period_idx ON warehouse.commune_month_as_now (year, period);

DO $$
BEGIN
    FOR y IN 2000..2040 LOOP
        EXECUTE format('CREATE TABLE warehouse.%I PARTITION OF warehouse.agg_indicator_month_as_now FOR VALUES IN (%s)',
                       'agg_indicator_month_as_now_' || y, y);
        EXECUTE format('CREATE TABLE warehouse.%I PARTITION OF warehouse.commune_month_as_now FOR VALUES IN (%s)',
                       'commune_month_as_now_' || y, y);
    END LOOP;
    CREATE TABLE warehouse.agg_indicator_month_as_now_other PARTITION OF warehouse.agg_indicator_month_as_now DEFAULT;
    CREATE TABLE warehouse.commune_month_as_now_other PARTITION OF warehouse.commune_month_as_now DEFAULT;
END
$$;

COMMENT ON TABLE warehouse.agg_indicator_month_as_now IS 'Grain: unit valid on the as-of date (commune or province), indicator, month, month reported: each month re-aggregated onto the units valid on the last build''s as-of date, built with the year''s slice. A sum indicator has one row per month (reported_month = period). An end-of-period indicator has, at each month, what a window ending in that month takes (each predecessor version valid in the window''s last month owed or reported gives the value of the last month it reported; each village the value of the last month it reported), one row per month those values were reported in: a window from..to takes the rows of period = to with reported_month >= from. Read it through warehouse.as_now_window.';
COMMENT ON COLUMN warehouse.agg_indicator_month_as_now.year IS 'Calendar year (partition key).';
COMMENT ON COLUMN warehouse.agg_indicator_month_as_now.period IS 'First day of the month.';
COMMENT ON COLUMN warehouse.agg_indicator_month_as_now.unit_code IS 'Code of the unit valid on the as-of date.';
COMMENT ON COLUMN warehouse.agg_indicator_month_as_now.level IS 'commune or province.';
COMMENT ON COLUMN warehouse.agg_indicator_month_as_now.indicator IS 'Indicator code.';
COMMENT ON COLUMN warehouse.agg_indicator_month_as_now.reported_month IS 'First day of the month the values were reported in: the period itself for a sum; for an end-of-period indicator the month (of the same year, at or before period) each value was last reported.';
COMMENT ON COLUMN warehouse.agg_indicator_month_as_now.value IS 'Sum of the values (shares of split predecessors apportioned); NULL when none, though a bound may be set.';
COMMENT ON COLUMN warehouse.agg_indicator_month_as_now.value_low IS 'What of value is placed exactly (whole predecessors, villages placed by village).';
COMMENT ON COLUMN warehouse.agg_indicator_month_as_now.value_high IS 'value with every part that may belong to the unit counted whole: split predecessors, and villages placed by a guess, here or elsewhere (so it may be set where value is NULL).';
COMMENT ON COLUMN warehouse.agg_indicator_month_as_now.estimated IS 'Whether an apportioning weight, or a village placed by a guess, entered the value.';

COMMENT ON TABLE warehouse.commune_month_as_now IS 'Grain: ward or commune valid on the as-of date, month: whether every predecessor owing the month reported it, as the build stored it with the year''s slice (what warehouse.as_now_window counts as complete).';
COMMENT ON COLUMN warehouse.commune_month_as_now.year IS 'Calendar year (partition key).';
COMMENT ON COLUMN warehouse.commune_month_as_now.period IS 'First day of the month.';
COMMENT ON COLUMN warehouse.commune_month_as_now.unit_code IS 'Code of the ward or commune valid on the as-of date.';
COMMENT ON COLUMN warehouse.commune_month_as_now.unit_name IS 'Its name then.';
COMMENT ON COLUMN warehouse.commune_month_as_now.province_code IS 'Its province then.';
COMMENT ON COLUMN warehouse.commune_month_as_now.province_name IS 'The province''s name.';
COMMENT ON COLUMN warehouse.commune_month_as_now.all_in IS 'Whether every predecessor owing the month sent it; NULL when none owed it.';

-- the years built before have no months: with none recorded as built, the next build rebuilds every year
DELETE FROM warehouse.as_now_built;
