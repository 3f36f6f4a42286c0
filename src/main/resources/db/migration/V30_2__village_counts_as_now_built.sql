-- Why (issue 25): warehouse.village_counts_as_now counted every village of the country under today's units in each
-- query (a ward's village_safety_yoy_as_now took 0.45-0.56 s on the national bench, grouping every village of every
-- year). Each year's slice now counts them, in its transaction, from the year's own village rows, as it re-aggregates
-- the indicators (agg_indicator_year_as_now), and the view reads what was built.
CREATE TABLE warehouse.agg_village_year_as_now (
    unit_code              text NOT NULL,
    unit_name              text,
    level                  text NOT NULL,
    year                   integer NOT NULL,
    villages               bigint,
    villages_reported      bigint,
    crime_free             bigint,
    drug_free              bigint,
    camera_groups          numeric,
    estimated              boolean,
    villages_low           bigint,
    villages_high          bigint,
    villages_reported_low  bigint,
    villages_reported_high bigint,
    crime_free_low         bigint,
    crime_free_high        bigint,
    drug_free_low          bigint,
    drug_free_high         bigint,
    camera_groups_low      numeric,
    camera_groups_high     numeric,
    unit_valid_from        date,
    unit_valid_to          date,
    PRIMARY KEY (unit_code, level, year)
) PARTITION BY LIST (year);
DO $$
BEGIN
    FOR y IN 2000..2040 LOOP
        EXECUTE format('CREATE TABLE warehouse.%I PARTITION OF warehouse.agg_village_year_as_now FOR VALUES IN (%s)',
                       'agg_village_year_as_now_' || y, y);
    END LOOP;
    CREATE TABLE warehouse.agg_village_year_as_now_other PARTITION OF warehouse.agg_village_year_as_now DEFAULT;
END
$$;
COMMENT ON TABLE warehouse.agg_village_year_as_now IS 'Grain: unit valid on the as-of date (commune or province), year: its villages counted as now (each under the unit it belongs to on the last build''s as-of date, whatever unit it reported under), with bounds, built with the year''s slice. Read it through warehouse.village_counts_as_now or village_safety_yoy_as_now.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.unit_code IS 'Code of the ward, commune or province valid on the as-of date.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.unit_name IS 'Its name on the as-of date.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.level IS 'commune or province.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.year IS 'Calendar year (partition key).';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.villages IS 'Villages placed in the unit that have rows for the year.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.villages_reported IS 'Of them, those that reported every month owed.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.crime_free IS 'Of those, the villages without a crime case in the year.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.drug_free IS 'Of those, the villages without a new drug addict in the year.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.camera_groups IS 'Residential groups with security cameras at the end of the year, summed over the villages.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.estimated IS 'Whether a village was placed by a guess (it no longer exists and its ward was split).';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.villages_low IS 'Low bound of villages: only those placed exactly.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.villages_high IS 'High bound of villages: every village that may belong to the unit.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.villages_reported_low IS 'Low bound of villages_reported.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.villages_reported_high IS 'High bound of villages_reported.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.crime_free_low IS 'Low bound of crime_free.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.crime_free_high IS 'High bound of crime_free.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.drug_free_low IS 'Low bound of drug_free.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.drug_free_high IS 'High bound of drug_free.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.camera_groups_low IS 'Low bound of camera_groups.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.camera_groups_high IS 'High bound of camera_groups.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.unit_valid_from IS 'First day of the unit''s version valid on the as-of date.';
COMMENT ON COLUMN warehouse.agg_village_year_as_now.unit_valid_to IS 'First day it is no longer valid (infinity: still valid).';

-- a warehouse built before: the counts as the view made them until now (a new database has no such view yet)
DO $$
BEGIN
    IF to_regclass('warehouse.village_counts_as_now') IS NOT NULL THEN
        INSERT INTO warehouse.agg_village_year_as_now
        SELECT unit_code, unit_name, level, year, villages, villages_reported, crime_free, drug_free, camera_groups,
               estimated, villages_low, villages_high, villages_reported_low, villages_reported_high, crime_free_low,
               crime_free_high, drug_free_low, drug_free_high, camera_groups_low, camera_groups_high, unit_valid_from,
               unit_valid_to
        FROM warehouse.village_counts_as_now;
    END IF;
END
$$;
