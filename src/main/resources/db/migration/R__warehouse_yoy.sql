-- The year over year of the contract, written once for both bases (issue 25): indicator_yoy_basis pairs each
-- indicator's year with the year before, as then (unit versions as they were, the same months under the same
-- version: the `whole` and `part` joins) and as now (the as-now years the build re-aggregated onto the units valid on
-- the as-of date); traffic_yoy_basis pivots the three criteria of both with one rule for all_three_fell and
-- both_years_complete. indicator_yoy, traffic_yoy and their _as_now twins are thin views over these two, keeping the
-- names and columns analysts use. Runs after R__warehouse_views.sql and R__warehouse_views_as_now.sql (Flyway runs
-- repeatable migrations in the order of their descriptions), since it reads relations of both.
CREATE OR REPLACE VIEW warehouse.indicator_yoy_basis AS
SELECT 'then'::text AS basis, cur.unit_code, cur.unit_name, cur.level, cur.indicator, cur.year, cur.value,
       prev.value AS prev_value, cur.complete AS cur_complete, prev.complete AS prev_complete,
       false AS estimated, cur.value AS value_low, cur.value AS value_high,
       prev.value AS prev_value_low, prev.value AS prev_value_high,
       cur.months_expected, cur.months_submitted, CAST(cur.months_complete AS bigint) AS months_complete,
       cur.unit_valid_from, cur.unit_valid_to,
       to_char(warehouse.covered_first(make_date(cur.year, 1, 1), cur.unit_valid_from), 'YYYY-MM') || '..'
           || to_char(warehouse.covered_last(make_date(cur.year, 12, 1), cur.unit_valid_to), 'YYYY-MM')
           AS months_compared
FROM warehouse.agg_indicator_year cur
-- the same version the year before, when it covered the same months (cùng kỳ): a version valid all year, the whole
-- year before; one that ended within the year (13327 until 2025-07-01), the months before the month it ended, as the
-- build stored them with the year before's row (same_months_value: an end-of-period indicator takes the last month
-- reported in them)
LEFT JOIN warehouse.agg_indicator_year y
       ON y.year = cur.year - 1 AND y.unit_code = cur.unit_code AND y.level = cur.level
      AND y.indicator = cur.indicator AND y.unit_valid_from = cur.unit_valid_from
      AND warehouse.comparable(cur.unit_valid_from, make_date(cur.year, 1, 1))
CROSS JOIN LATERAL (
    SELECT CASE WHEN cur.unit_valid_to >= make_date(cur.year + 1, 1, 1) THEN y.value ELSE y.same_months_value END
               AS value,
           CASE WHEN cur.unit_valid_to >= make_date(cur.year + 1, 1, 1) THEN y.complete ELSE y.same_months_complete END
               AS complete
) prev
UNION ALL
-- as now: the same unit (valid on the as-of date) the year before, both years over its predecessors
SELECT 'now', cur.unit_code, cur.unit_name, cur.level, cur.indicator, cur.year, cur.value, prev.value,
       cur.complete, prev.complete, cur.estimated OR coalesce(prev.estimated, false),
       cur.value_low, cur.value_high, prev.value_low, prev.value_high,
       NULL, NULL, cur.months_complete, NULL, NULL, NULL
FROM warehouse.as_now_year cur
LEFT JOIN warehouse.as_now_year prev ON prev.year = cur.year - 1 AND prev.unit_code = cur.unit_code
                                    AND prev.level = cur.level AND prev.indicator = cur.indicator;
COMMENT ON VIEW warehouse.indicator_yoy_basis IS 'Grain: basis, unit (version, as then), level, indicator, year. The one definition behind indicator_yoy (basis then) and indicator_yoy_as_now (basis now): the year and the year before with their completeness, estimate and bounds; read those views rather than this one.';

CREATE OR REPLACE VIEW warehouse.indicator_yoy AS
SELECT unit_code, unit_name, level, indicator, year, value, prev_value, value - prev_value AS change,
       warehouse.pct_change(value, prev_value) AS change_pct, cur_complete AS complete, months_expected,
       months_submitted, CAST(months_complete AS integer) AS months_complete, prev_complete, unit_valid_from,
       unit_valid_to, months_compared
FROM warehouse.indicator_yoy_basis
WHERE basis = 'then';
COMMENT ON VIEW warehouse.indicator_yoy IS 'Grain: unit, level, indicator, year. Each indicator for the year against the year before.';
COMMENT ON COLUMN warehouse.indicator_yoy.unit_code IS 'Code of the unit (ward or commune, district or city, province).';
COMMENT ON COLUMN warehouse.indicator_yoy.unit_name IS 'Its name at the end of the year.';
COMMENT ON COLUMN warehouse.indicator_yoy.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.indicator_yoy.indicator IS 'Indicator code (warehouse.dim_indicator).';
COMMENT ON COLUMN warehouse.indicator_yoy.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.indicator_yoy.value IS 'Value for the year: sum of the months, or the end-of-year value, as the indicator says.';
COMMENT ON COLUMN warehouse.indicator_yoy.prev_value IS 'The same over the same months of the year before (months_compared, a year earlier), under the same unit version; NULL when that version did not cover them or they are not built.';
COMMENT ON COLUMN warehouse.indicator_yoy.change IS 'value - prev_value.';
COMMENT ON COLUMN warehouse.indicator_yoy.change_pct IS 'Change in percent of prev_value, one decimal; NULL when prev_value is 0 or NULL.';
COMMENT ON COLUMN warehouse.indicator_yoy.complete IS 'Whether every commune-month owed in the year was submitted.';
COMMENT ON COLUMN warehouse.indicator_yoy.months_expected IS 'Commune-months owed.';
COMMENT ON COLUMN warehouse.indicator_yoy.months_submitted IS 'Commune-months accepted.';
COMMENT ON COLUMN warehouse.indicator_yoy.months_complete IS 'Months in which every ward or commune under the unit reported.';
COMMENT ON COLUMN warehouse.indicator_yoy.prev_complete IS 'Whether the year before was complete.';
COMMENT ON COLUMN warehouse.indicator_yoy.unit_valid_from IS 'First day of the unit version (as then: a code naming two units in the year gives two rows; the year before is compared only when the same version covered the same months of it).';
COMMENT ON COLUMN warehouse.indicator_yoy.unit_valid_to IS 'First day the unit version is no longer valid (infinity: still valid).';
COMMENT ON COLUMN warehouse.indicator_yoy.months_compared IS 'The months of the year the version covers, YYYY-MM..YYYY-MM, compared with the same months of the year before (cùng kỳ): 2025-01..2025-06 for a version that ended on 2025-07-01.';


CREATE OR REPLACE VIEW warehouse.indicator_yoy_as_now AS
SELECT unit_code, unit_name, level, indicator, year, value, prev_value, value - prev_value AS change,
       warehouse.pct_change(value, prev_value) AS change_pct,
       cur_complete AND coalesce(prev_complete, false) AS complete, estimated, value_low, value_high,
       prev_value_low, prev_value_high
FROM warehouse.indicator_yoy_basis
WHERE basis = 'now';
COMMENT ON VIEW warehouse.indicator_yoy_as_now IS 'Grain: unit valid today, level, indicator, year. Each indicator for the year against the year before, both re-aggregated onto today''s units (as now); indicator_yoy gives the units as they were (as then).';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.unit_code IS 'Code of the ward, commune or province valid today.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.unit_name IS 'Its name today.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.level IS 'commune or province (districts ended on 2025-07-01).';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.indicator IS 'Indicator code (warehouse.dim_indicator).';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.value IS 'Value for the year over the unit and its predecessors: sums of the months, or end-of-year values of the units valid at the end of the year.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.prev_value IS 'The same for the year before.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.change IS 'value - prev_value.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.change_pct IS 'Change in percent of prev_value, one decimal; NULL when prev_value is 0 or NULL.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.complete IS 'Whether every predecessor-month owed in both years was submitted.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.estimated IS 'Whether either year includes a share apportioned from a split unit (unit-level counts through a partial edge).';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.value_low IS 'Low bound of value: only what is placed exactly (whole predecessors, villages placed by village); equal to value when it is exact.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.value_high IS 'High bound of value: every part of a split predecessor that may belong to the unit counted whole; equal to value when it is exact.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.prev_value_low IS 'Low bound of prev_value.';
COMMENT ON COLUMN warehouse.indicator_yoy_as_now.prev_value_high IS 'High bound of prev_value.';


-- The three criteria are the indicators the catalogue says feed accidents, deaths and injuries (ref.indicator.feeds).
CREATE OR REPLACE VIEW warehouse.traffic_yoy_basis AS
SELECT y.basis, y.unit_code, max(y.unit_name) AS unit_name, y.level, y.year,
       max(y.value) FILTER (WHERE i.feeds = 'accidents') AS accidents,
       max(y.value) FILTER (WHERE i.feeds = 'deaths') AS deaths,
       max(y.value) FILTER (WHERE i.feeds = 'injuries') AS injuries,
       max(y.prev_value) FILTER (WHERE i.feeds = 'accidents') AS prev_accidents,
       max(y.prev_value) FILTER (WHERE i.feeds = 'deaths') AS prev_deaths,
       max(y.prev_value) FILTER (WHERE i.feeds = 'injuries') AS prev_injuries,
       max(y.value_low) FILTER (WHERE i.feeds = 'accidents') AS accidents_low,
       max(y.value_high) FILTER (WHERE i.feeds = 'accidents') AS accidents_high,
       max(y.value_low) FILTER (WHERE i.feeds = 'deaths') AS deaths_low,
       max(y.value_high) FILTER (WHERE i.feeds = 'deaths') AS deaths_high,
       max(y.value_low) FILTER (WHERE i.feeds = 'injuries') AS injuries_low,
       max(y.value_high) FILTER (WHERE i.feeds = 'injuries') AS injuries_high,
       max(y.prev_value_low) FILTER (WHERE i.feeds = 'accidents') AS prev_accidents_low,
       max(y.prev_value_high) FILTER (WHERE i.feeds = 'accidents') AS prev_accidents_high,
       max(y.prev_value_low) FILTER (WHERE i.feeds = 'deaths') AS prev_deaths_low,
       max(y.prev_value_high) FILTER (WHERE i.feeds = 'deaths') AS prev_deaths_high,
       max(y.prev_value_low) FILTER (WHERE i.feeds = 'injuries') AS prev_injuries_low,
       max(y.prev_value_high) FILTER (WHERE i.feeds = 'injuries') AS prev_injuries_high,
       -- a partial year against a full one proves nothing: NULL unless both years are complete
       CASE WHEN bool_and(y.cur_complete AND coalesce(y.prev_complete, false)) THEN bool_and(y.value < y.prev_value) END
         AS all_three_fell,
       max(y.months_complete) AS months_complete,
       bool_and(y.cur_complete AND coalesce(y.prev_complete, false)) AS both_years_complete,
       bool_or(y.estimated) AS estimated, y.unit_valid_from, y.unit_valid_to
FROM warehouse.indicator_yoy_basis y
JOIN ref.indicator i ON i.code = y.indicator AND i.feeds IN ('accidents', 'deaths', 'injuries')
GROUP BY y.basis, y.unit_code, y.level, y.year, y.unit_valid_from, y.unit_valid_to;
COMMENT ON VIEW warehouse.traffic_yoy_basis IS 'Grain: basis, unit (version, as then), level, year. The one definition behind traffic_yoy (basis then) and traffic_yoy_as_now (basis now); read those views rather than this one.';

CREATE OR REPLACE VIEW warehouse.traffic_yoy AS
SELECT unit_code, unit_name, level, year, accidents, deaths, injuries, prev_accidents, prev_deaths, prev_injuries,
       all_three_fell, CAST(months_complete AS integer) AS months_complete, both_years_complete, unit_valid_from,
       unit_valid_to
FROM warehouse.traffic_yoy_basis
WHERE basis = 'then';
COMMENT ON VIEW warehouse.traffic_yoy IS 'Grain: unit, level, year. Traffic accidents on the three criteria (cases, deaths, injuries) against the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy.unit_code IS 'Code of the unit.';
COMMENT ON COLUMN warehouse.traffic_yoy.unit_name IS 'Its name at the end of the year.';
COMMENT ON COLUMN warehouse.traffic_yoy.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.traffic_yoy.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.traffic_yoy.accidents IS 'Traffic accidents (cases) in the year.';
COMMENT ON COLUMN warehouse.traffic_yoy.deaths IS 'Deaths in the year.';
COMMENT ON COLUMN warehouse.traffic_yoy.injuries IS 'Injuries in the year.';
COMMENT ON COLUMN warehouse.traffic_yoy.prev_accidents IS 'Accidents the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy.prev_deaths IS 'Deaths the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy.prev_injuries IS 'Injuries the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy.all_three_fell IS 'Whether cases, deaths and injuries all fell ("giảm cả 3 tiêu chí"); NULL unless this year and the year before are both complete (a partial year against a full one proves nothing).';
COMMENT ON COLUMN warehouse.traffic_yoy.months_complete IS 'Months of the year in which every ward or commune under the unit reported (12: the year is complete).';
COMMENT ON COLUMN warehouse.traffic_yoy.both_years_complete IS 'Whether this year and the year before are both complete, so the comparison is sound.';
COMMENT ON COLUMN warehouse.traffic_yoy.unit_valid_from IS 'First day of the unit version (2025 for code 14329: Phường Vân Giang until 2025-07-01, Phường Hoa Lư from then, two rows).';
COMMENT ON COLUMN warehouse.traffic_yoy.unit_valid_to IS 'First day the unit version is no longer valid (infinity: still valid).';



CREATE OR REPLACE VIEW warehouse.traffic_yoy_as_now AS
WITH p AS NOT MATERIALIZED (
    SELECT * FROM warehouse.traffic_yoy_basis WHERE basis = 'now'
), today AS (
    SELECT u.code, u.level, u.valid_from, u.valid_to, pop.population
    FROM ref.unit u
    LEFT JOIN ref.unit_population pop ON pop.code = u.code AND pop.valid_from = u.valid_from
    WHERE u.level = 'commune' AND (SELECT warehouse.as_of()) >= u.valid_from AND (SELECT warehouse.as_of()) < u.valid_to
    UNION ALL
    SELECT u.code, u.level, u.valid_from, u.valid_to,
           (SELECT sum(pop.population)::bigint FROM warehouse.unit_map m
            JOIN ref.unit_population pop ON pop.code = m.now_code AND pop.valid_from = m.now_valid_from
            WHERE m.now_province_code = u.code AND m.unit_code = m.now_code AND m.unit_valid_from = m.now_valid_from)
    FROM ref.unit u
    WHERE u.level = 'province' AND (SELECT warehouse.as_of()) >= u.valid_from AND (SELECT warehouse.as_of()) < u.valid_to
)
SELECT p.unit_code, p.unit_name, p.level, p.year, p.accidents, p.deaths, p.injuries, p.prev_accidents, p.prev_deaths,
       p.prev_injuries, p.all_three_fell, p.months_complete, p.both_years_complete, t.valid_from AS unit_valid_from,
       t.valid_to AS unit_valid_to, p.estimated, t.population,
       round(100000.0 * p.accidents / nullif(t.population, 0), 1) AS accidents_per_100k,
       round(100000.0 * p.prev_accidents / nullif(t.population, 0), 1) AS prev_accidents_per_100k,
       round(100000.0 * p.deaths / nullif(t.population, 0), 1) AS deaths_per_100k,
       round(100000.0 * p.prev_deaths / nullif(t.population, 0), 1) AS prev_deaths_per_100k,
       round(100000.0 * p.injuries / nullif(t.population, 0), 1) AS injuries_per_100k,
       round(100000.0 * p.prev_injuries / nullif(t.population, 0), 1) AS prev_injuries_per_100k,
       p.accidents_low, p.accidents_high, p.deaths_low, p.deaths_high, p.injuries_low, p.injuries_high,
       p.prev_accidents_low, p.prev_accidents_high, p.prev_deaths_low, p.prev_deaths_high, p.prev_injuries_low,
       p.prev_injuries_high,
       round(100000.0 * p.accidents_low / nullif(t.population, 0), 1) AS accidents_per_100k_low,
       round(100000.0 * p.accidents_high / nullif(t.population, 0), 1) AS accidents_per_100k_high,
       round(100000.0 * p.prev_accidents_low / nullif(t.population, 0), 1) AS prev_accidents_per_100k_low,
       round(100000.0 * p.prev_accidents_high / nullif(t.population, 0), 1) AS prev_accidents_per_100k_high,
       round(100000.0 * p.deaths_low / nullif(t.population, 0), 1) AS deaths_per_100k_low,
       round(100000.0 * p.deaths_high / nullif(t.population, 0), 1) AS deaths_per_100k_high,
       round(100000.0 * p.prev_deaths_low / nullif(t.population, 0), 1) AS prev_deaths_per_100k_low,
       round(100000.0 * p.prev_deaths_high / nullif(t.population, 0), 1) AS prev_deaths_per_100k_high,
       round(100000.0 * p.injuries_low / nullif(t.population, 0), 1) AS injuries_per_100k_low,
       round(100000.0 * p.injuries_high / nullif(t.population, 0), 1) AS injuries_per_100k_high,
       round(100000.0 * p.prev_injuries_low / nullif(t.population, 0), 1) AS prev_injuries_per_100k_low,
       round(100000.0 * p.prev_injuries_high / nullif(t.population, 0), 1) AS prev_injuries_per_100k_high
FROM p
LEFT JOIN today t ON t.code = p.unit_code AND t.level = p.level;
COMMENT ON VIEW warehouse.traffic_yoy_as_now IS 'Grain: unit valid today, level, year. Traffic accidents on the three criteria against the year before, both re-aggregated onto today''s units (as now), with rates per 100,000 people (today''s population, for both years).';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.unit_code IS 'Code of the ward, commune or province valid today.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.unit_name IS 'Its name today.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.level IS 'commune or province.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.accidents IS 'Traffic accidents (cases) in the year over the unit and its predecessors.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.deaths IS 'Deaths in the year.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.injuries IS 'Injuries in the year.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.prev_accidents IS 'Accidents the year before, over the same area.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.prev_deaths IS 'Deaths the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.prev_injuries IS 'Injuries the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.all_three_fell IS 'Whether cases, deaths and injuries all fell; NULL unless this year and the year before are both complete (as traffic_yoy).';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.months_complete IS 'Months of the year in which every predecessor owing a report sent it.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.both_years_complete IS 'Whether every predecessor-month owed in both years was submitted.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.unit_valid_from IS 'First day of the unit''s current version.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.unit_valid_to IS 'First day it is no longer valid (infinity: still valid).';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.estimated IS 'Whether a figure includes a share apportioned from a split unit.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.population IS 'People living in the unit today (2024 administrative figures of the 2025 units; a province: the sum of its communes with a figure).';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.accidents_per_100k IS 'Accidents per 100,000 people, one decimal.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.prev_accidents_per_100k IS 'The same the year before (same population).';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.deaths_per_100k IS 'Deaths per 100,000 people.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.prev_deaths_per_100k IS 'The same the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.injuries_per_100k IS 'Injuries per 100,000 people.';
COMMENT ON COLUMN warehouse.traffic_yoy_as_now.prev_injuries_per_100k IS 'The same the year before.';
DO $$
DECLARE
    figure text;
BEGIN
    -- each figure's bounds (docs/warehouse.md, "The rules of the contract")
    FOREACH figure IN ARRAY ARRAY['accidents', 'deaths', 'injuries', 'prev_accidents', 'prev_deaths', 'prev_injuries',
                                  'accidents_per_100k', 'deaths_per_100k', 'injuries_per_100k',
                                  'prev_accidents_per_100k', 'prev_deaths_per_100k', 'prev_injuries_per_100k'] LOOP
        EXECUTE format('COMMENT ON COLUMN warehouse.traffic_yoy_as_now.%I IS %L', figure || '_low',
            'Low bound of ' || figure || ': only what is placed exactly (whole predecessors); equal to it when it is exact.');
        EXECUTE format('COMMENT ON COLUMN warehouse.traffic_yoy_as_now.%I IS %L', figure || '_high',
            'High bound of ' || figure || ': every part of a split predecessor that may belong to the unit counted whole; equal to it when it is exact.');
    END LOOP;
END
$$;


-- Villages: the shares and the camera model against the year before, written once for both bases. As then, the same
-- unit version the year before, if it existed all of that year; as now, the same unit valid today, its villages
-- counted as now for both years (village_counts_as_now). Counts are bigint here; the as-then view gives them back as
-- the integers of agg_village_year.
CREATE OR REPLACE VIEW warehouse.village_safety_yoy_basis AS
WITH pairs AS (
    SELECT 'then'::text AS basis, cur.unit_code, cur.unit_name, cur.level, cur.year,
           CAST(cur.villages AS bigint) AS villages, CAST(cur.villages_reported AS bigint) AS villages_reported,
           CAST(cur.crime_free AS bigint) AS crime_free, CAST(cur.drug_free AS bigint) AS drug_free,
           CAST(cur.camera_groups AS bigint) AS camera_groups, false AS estimated,
           CAST(cur.villages AS bigint) AS villages_low, CAST(cur.villages AS bigint) AS villages_high,
           CAST(cur.villages_reported AS bigint) AS villages_reported_low,
           CAST(cur.villages_reported AS bigint) AS villages_reported_high,
           CAST(cur.crime_free AS bigint) AS crime_free_low, CAST(cur.crime_free AS bigint) AS crime_free_high,
           CAST(cur.drug_free AS bigint) AS drug_free_low, CAST(cur.drug_free AS bigint) AS drug_free_high,
           CAST(cur.camera_groups AS bigint) AS camera_groups_low, CAST(cur.camera_groups AS bigint) AS camera_groups_high,
           cur.unit_valid_from, cur.unit_valid_to,
           prev.villages_reported AS prev_villages_reported, prev.crime_free AS prev_crime_free,
           prev.drug_free AS prev_drug_free, prev.camera_groups AS prev_camera_groups, false AS prev_estimated,
           prev.villages_reported AS prev_villages_reported_low, prev.villages_reported AS prev_villages_reported_high,
           prev.crime_free AS prev_crime_free_low, prev.crime_free AS prev_crime_free_high,
           prev.drug_free AS prev_drug_free_low, prev.drug_free AS prev_drug_free_high,
           prev.camera_groups AS prev_camera_groups_low, prev.camera_groups AS prev_camera_groups_high
    FROM warehouse.agg_village_year cur
    LEFT JOIN warehouse.agg_village_year prev
           ON prev.year = cur.year - 1 AND prev.unit_code = cur.unit_code AND prev.level = cur.level
          AND prev.unit_valid_from = cur.unit_valid_from AND cur.unit_valid_from <= make_date(cur.year - 1, 1, 1)
    UNION ALL
    SELECT 'now', cur.unit_code, cur.unit_name, cur.level, cur.year, cur.villages, cur.villages_reported,
           cur.crime_free, cur.drug_free, cur.camera_groups, cur.estimated, cur.villages_low, cur.villages_high,
           cur.villages_reported_low, cur.villages_reported_high, cur.crime_free_low, cur.crime_free_high,
           cur.drug_free_low, cur.drug_free_high, cur.camera_groups_low, cur.camera_groups_high,
           cur.unit_valid_from, cur.unit_valid_to,
           prev.villages_reported, prev.crime_free, prev.drug_free, prev.camera_groups, prev.estimated,
           prev.villages_reported_low, prev.villages_reported_high, prev.crime_free_low, prev.crime_free_high,
           prev.drug_free_low, prev.drug_free_high, prev.camera_groups_low, prev.camera_groups_high
    FROM warehouse.village_counts_as_now cur
    LEFT JOIN warehouse.village_counts_as_now prev
           ON prev.year = cur.year - 1 AND prev.unit_code = cur.unit_code AND prev.level = cur.level
)
SELECT basis, unit_code, unit_name, level, year, villages, villages_reported,
       crime_free, warehouse.pct(crime_free, villages_reported) AS crime_free_pct,
       warehouse.pct(prev_crime_free, prev_villages_reported) AS prev_crime_free_pct,
       warehouse.pct(crime_free, villages_reported)
         - warehouse.pct(prev_crime_free, prev_villages_reported) AS crime_free_pct_change,
       drug_free, warehouse.pct(drug_free, villages_reported) AS drug_free_pct,
       warehouse.pct(prev_drug_free, prev_villages_reported) AS prev_drug_free_pct,
       warehouse.pct(drug_free, villages_reported)
         - warehouse.pct(prev_drug_free, prev_villages_reported) AS drug_free_pct_change,
       camera_groups, prev_camera_groups, camera_groups - prev_camera_groups AS camera_groups_change,
       unit_valid_from, unit_valid_to, estimated OR coalesce(prev_estimated, false) AS estimated,
       villages_low, villages_high, villages_reported_low, villages_reported_high,
       crime_free_low, crime_free_high,
       warehouse.pct_low(crime_free_low, crime_free_high, villages_reported_low, villages_reported_high)
         AS crime_free_pct_low,
       warehouse.pct_high(crime_free_low, crime_free_high, villages_reported_low, villages_reported_high)
         AS crime_free_pct_high,
       warehouse.pct_low(prev_crime_free_low, prev_crime_free_high, prev_villages_reported_low,
                         prev_villages_reported_high) AS prev_crime_free_pct_low,
       warehouse.pct_high(prev_crime_free_low, prev_crime_free_high, prev_villages_reported_low,
                          prev_villages_reported_high) AS prev_crime_free_pct_high,
       drug_free_low, drug_free_high,
       warehouse.pct_low(drug_free_low, drug_free_high, villages_reported_low, villages_reported_high)
         AS drug_free_pct_low,
       warehouse.pct_high(drug_free_low, drug_free_high, villages_reported_low, villages_reported_high)
         AS drug_free_pct_high,
       warehouse.pct_low(prev_drug_free_low, prev_drug_free_high, prev_villages_reported_low,
                         prev_villages_reported_high) AS prev_drug_free_pct_low,
       warehouse.pct_high(prev_drug_free_low, prev_drug_free_high, prev_villages_reported_low,
                          prev_villages_reported_high) AS prev_drug_free_pct_high,
       camera_groups_low, camera_groups_high, prev_camera_groups_low, prev_camera_groups_high
FROM pairs;
COMMENT ON VIEW warehouse.village_safety_yoy_basis IS 'Grain: basis, unit (version, as then), level, year. The one definition behind village_safety_yoy (basis then) and village_safety_yoy_as_now (basis now); read those views rather than this one.';

CREATE OR REPLACE VIEW warehouse.village_safety_yoy AS
SELECT unit_code, unit_name, level, year, CAST(villages AS integer) AS villages,
       CAST(villages_reported AS integer) AS villages_reported, CAST(crime_free AS integer) AS crime_free,
       crime_free_pct, prev_crime_free_pct, crime_free_pct_change, CAST(drug_free AS integer) AS drug_free,
       drug_free_pct, prev_drug_free_pct, drug_free_pct_change, CAST(camera_groups AS integer) AS camera_groups,
       CAST(prev_camera_groups AS integer) AS prev_camera_groups,
       CAST(camera_groups_change AS integer) AS camera_groups_change, unit_valid_from, unit_valid_to
FROM warehouse.village_safety_yoy_basis
WHERE basis = 'then';
COMMENT ON VIEW warehouse.village_safety_yoy IS 'Grain: unit, level, year. Villages and residential groups: crime-free and drug-free shares, camera model, against the year before. Shares count only villages that reported every month owed.';
COMMENT ON COLUMN warehouse.village_safety_yoy.unit_code IS 'Code of the unit.';
COMMENT ON COLUMN warehouse.village_safety_yoy.unit_name IS 'Its name at the end of the year.';
COMMENT ON COLUMN warehouse.village_safety_yoy.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.village_safety_yoy.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.village_safety_yoy.villages IS 'Villages and residential groups of the unit.';
COMMENT ON COLUMN warehouse.village_safety_yoy.villages_reported IS 'Of those, the ones that reported every month owed (all twelve for a past year).';
COMMENT ON COLUMN warehouse.village_safety_yoy.crime_free IS 'Reported villages with no crime case all year.';
COMMENT ON COLUMN warehouse.village_safety_yoy.crime_free_pct IS 'crime_free in percent of villages_reported, one decimal.';
COMMENT ON COLUMN warehouse.village_safety_yoy.prev_crime_free_pct IS 'The same for the year before.';
COMMENT ON COLUMN warehouse.village_safety_yoy.crime_free_pct_change IS 'Change in percentage points.';
COMMENT ON COLUMN warehouse.village_safety_yoy.drug_free IS 'Reported villages with no new drug addict all year.';
COMMENT ON COLUMN warehouse.village_safety_yoy.drug_free_pct IS 'drug_free in percent of villages_reported, one decimal.';
COMMENT ON COLUMN warehouse.village_safety_yoy.prev_drug_free_pct IS 'The same for the year before.';
COMMENT ON COLUMN warehouse.village_safety_yoy.drug_free_pct_change IS 'Change in percentage points.';
COMMENT ON COLUMN warehouse.village_safety_yoy.camera_groups IS 'Residential groups running the security camera model at the end of the year.';
COMMENT ON COLUMN warehouse.village_safety_yoy.prev_camera_groups IS 'The same at the end of the year before.';
COMMENT ON COLUMN warehouse.village_safety_yoy.camera_groups_change IS 'camera_groups - prev_camera_groups.';
COMMENT ON COLUMN warehouse.village_safety_yoy.unit_valid_from IS 'First day of the unit version the row counts the villages of (a code naming two units in the year gives two rows).';
COMMENT ON COLUMN warehouse.village_safety_yoy.unit_valid_to IS 'First day the unit version is no longer valid (infinity: still valid).';

CREATE OR REPLACE VIEW warehouse.village_safety_yoy_as_now AS
SELECT unit_code, unit_name, level, year, villages, villages_reported, crime_free, crime_free_pct, prev_crime_free_pct,
       crime_free_pct_change, drug_free, drug_free_pct, prev_drug_free_pct, drug_free_pct_change, camera_groups,
       prev_camera_groups, camera_groups_change, unit_valid_from, unit_valid_to, estimated, villages_low,
       villages_high, villages_reported_low, villages_reported_high, crime_free_low, crime_free_high,
       crime_free_pct_low, crime_free_pct_high, prev_crime_free_pct_low, prev_crime_free_pct_high, drug_free_low,
       drug_free_high, drug_free_pct_low, drug_free_pct_high, prev_drug_free_pct_low, prev_drug_free_pct_high,
       camera_groups_low, camera_groups_high, prev_camera_groups_low, prev_camera_groups_high
FROM warehouse.village_safety_yoy_basis
WHERE basis = 'now';
COMMENT ON VIEW warehouse.village_safety_yoy_as_now IS 'Grain: unit valid today, level, year. Crime-free and drug-free villages and the camera model against the year before, each village counted under the unit it belongs to today (as now), whatever unit it reported under; shares are recounted from villages, never averaged.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.unit_code IS 'Code of the ward, commune or province valid today.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.unit_name IS 'Its name today.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.level IS 'commune or province.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.villages IS 'Villages and residential groups of the unit today that existed in the year.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.villages_reported IS 'Of those, the ones that reported every month owed, under whichever unit they belonged to.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.crime_free IS 'Reported villages with no crime case all year.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.crime_free_pct IS 'crime_free in percent of villages_reported, one decimal.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.prev_crime_free_pct IS 'The same for the year before.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.crime_free_pct_change IS 'Change in percentage points.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.drug_free IS 'Reported villages with no new drug addict all year.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.drug_free_pct IS 'drug_free in percent of villages_reported, one decimal.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.prev_drug_free_pct IS 'The same for the year before.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.drug_free_pct_change IS 'Change in percentage points.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.camera_groups IS 'Residential groups running the security camera model at the end of the year.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.prev_camera_groups IS 'The same at the end of the year before.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.camera_groups_change IS 'camera_groups - prev_camera_groups.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.unit_valid_from IS 'First day of the unit''s current version.';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.unit_valid_to IS 'First day it is no longer valid (infinity: still valid).';
COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.estimated IS 'Whether a village that no longer exists was placed under a successor of a split unit by guess.';
DO $$
DECLARE
    figure text;
BEGIN
    -- each figure's bounds (docs/warehouse.md, "The rules of the contract")
    FOREACH figure IN ARRAY ARRAY['villages', 'villages_reported', 'crime_free', 'crime_free_pct', 'prev_crime_free_pct',
                                  'drug_free', 'drug_free_pct', 'prev_drug_free_pct', 'camera_groups',
                                  'prev_camera_groups'] LOOP
        EXECUTE format('COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.%I IS %L', figure || '_low',
            'Low bound of ' || figure || ': villages placed by a guess (no longer existing, of a split ward) counted only where they lower it; equal to it when every village is placed exactly.');
        EXECUTE format('COMMENT ON COLUMN warehouse.village_safety_yoy_as_now.%I IS %L', figure || '_high',
            'High bound of ' || figure || ': villages placed by a guess counted under every unit they may belong to where they raise it; equal to it when every village is placed exactly.');
    END LOOP;
END
$$;

-- Same-period comparison ("so với cùng kỳ"): a month, a quarter, or the months so far of a year against the same
-- months of the year before, written once for both bases. Each basis gives its windows, this year's and the same
-- months a year earlier: as then, each unit version over the months of the window it covers, side by side
-- (warehouse.same_period_pairs: cùng kỳ under the same version, end-of-period values each commune's last month
-- reported); as now, each unit valid on the as-of date over its predecessors (warehouse.as_now_window, with the
-- bounds). One rule sets them side by side: prev_value is the year-earlier window of the same unit (as then, of the
-- same version), NULL when there is none; complete when both windows are; estimated when a weight entered either;
-- the window is checked once (warehouse.checked_window). same_period and same_period_as_now are thin functions over
-- it, with the columns analysts use.
-- A unit asked for (p_unit) is computed alone: as then its own rows (found by the index), as now the provinces it
-- lies in or is; every unit when NULL.
DROP FUNCTION IF EXISTS warehouse.same_period(text, text);
DROP FUNCTION IF EXISTS warehouse.same_period(text, text, text);
DROP FUNCTION IF EXISTS warehouse.same_period_as_now(text, text);
DROP FUNCTION IF EXISTS warehouse.same_period_as_now(text, text, text);
DROP FUNCTION IF EXISTS warehouse.same_period_basis(text, text, text);
DROP FUNCTION IF EXISTS warehouse.same_period_basis(text, text, text, text);
CREATE FUNCTION warehouse.same_period_basis(p_basis text, p_from text, p_to text, p_unit text DEFAULT NULL)
RETURNS TABLE (basis text, unit_code text, unit_name text, level text, indicator text, period_from text,
               period_to text, value numeric, prev_value numeric, change numeric, change_pct numeric,
               months_expected bigint, months_submitted bigint, prev_months_submitted bigint, unit_valid_from date,
               unit_valid_to date, months_compared text, complete boolean, estimated boolean, value_low numeric,
               value_high numeric, prev_value_low numeric, prev_value_high numeric)
-- the country's windows set side by side in memory (0.2 million of them across the reform, as then)
LANGUAGE plpgsql STABLE SET enable_nestloop = off SET jit = off SET work_mem = '64MB' AS $$
#variable_conflict use_column
BEGIN
    IF p_basis NOT IN ('then', 'now') THEN
        RAISE EXCEPTION 'same_period_basis: the basis is then or now, not %', p_basis USING ERRCODE = '22023';
    END IF;
    PERFORM warehouse.checked_window(CASE p_basis WHEN 'then' THEN 'same_period' ELSE 'same_period_as_now' END,
                                     p_from, p_to);
    RETURN QUERY
    WITH now_windows AS MATERIALIZED (
        -- as now, the two windows of each unit valid on the as-of date
        SELECT a.unit_code, a.unit_name, a.level, a.indicator, y.years_back, a.value, a.complete, a.estimated,
               a.value_low, a.value_high
        FROM (VALUES (0), (1)) AS y (years_back)
        -- one ward or commune: its own rows, by index; a province: its wards'
        CROSS JOIN LATERAL warehouse.as_now_window(
            (to_date(p_from, 'YYYY-MM') - make_interval(years => y.years_back))::date,
            (to_date(p_to, 'YYYY-MM') - make_interval(years => y.years_back))::date,
            CASE WHEN p_unit IS NOT NULL THEN
                ARRAY(SELECT DISTINCT m.now_province_code FROM warehouse.unit_map m
                      WHERE (m.now_code = p_unit OR m.now_province_code = p_unit) AND m.now_province_code IS NOT NULL)
            END,
            CASE WHEN p_unit IS NOT NULL
                  AND NOT EXISTS (SELECT FROM warehouse.unit_map m WHERE m.now_province_code = p_unit)
                 THEN ARRAY[p_unit] END) a
        WHERE p_basis = 'now' AND (p_unit IS NULL OR a.unit_code = p_unit)
    ), pairs AS (
        -- each basis's windows side by side: as then, each unit version's (set side by side as they are summed,
        -- warehouse.same_period_pairs); as now, each unit's and the same unit's a year earlier
        SELECT p.unit_code, CAST(NULL AS text) AS unit_name, p.level, p.indicator, p.value, p.prev_value,
               p.months_expected, p.months_submitted, p.prev_months_submitted, p.unit_valid_from, p.unit_valid_to,
               p.months_compared, p.complete, p.prev_complete, false AS estimated, false AS prev_estimated,
               p.value AS value_low, p.value AS value_high, p.prev_value AS prev_value_low,
               p.prev_value AS prev_value_high
        FROM warehouse.same_period_pairs(p_from, p_to, p_unit) p
        WHERE p_basis = 'then'
        UNION ALL
        SELECT cur.unit_code, cur.unit_name, cur.level, cur.indicator, cur.value, prev.value, NULL, NULL, NULL, NULL,
               NULL, p_from || '..' || p_to, cur.complete, prev.complete, cur.estimated, prev.estimated,
               cur.value_low, cur.value_high, prev.value_low, prev.value_high
        FROM now_windows cur
        LEFT JOIN now_windows prev ON prev.years_back = 1 AND prev.unit_code = cur.unit_code
                                  AND prev.level = cur.level AND prev.indicator = cur.indicator
        WHERE cur.years_back = 0
    )
    -- one rule for both: prev_value NULL when there is no year-earlier window; complete when both windows are;
    -- estimated when a weight entered either
    SELECT p_basis, p.unit_code, p.unit_name, p.level, p.indicator, p_from, p_to, p.value, p.prev_value,
           p.value - p.prev_value, warehouse.pct_change(p.value, p.prev_value), p.months_expected,
           p.months_submitted, p.prev_months_submitted, p.unit_valid_from, p.unit_valid_to, p.months_compared,
           p.complete AND coalesce(p.prev_complete, false), p.estimated OR coalesce(p.prev_estimated, false),
           p.value_low, p.value_high, p.prev_value_low, p.prev_value_high
    FROM pairs p;
END
$$;
COMMENT ON FUNCTION warehouse.same_period_basis(text, text, text, text) IS 'Same-period comparison of both bases, written once, of the unit p_unit (NULL: every unit): p_basis ''then'' (each unit version, warehouse.same_period_pairs) or ''now'' (each unit valid on the as-of date, warehouse.as_now_window) over the months p_from..p_to (YYYY-MM, 1 to 12 months) against the same months a year earlier; complete when both windows are, estimated when a weight entered either. Read through same_period and same_period_as_now.';

CREATE FUNCTION warehouse.same_period(p_from text, p_to text, p_unit text DEFAULT NULL)
RETURNS TABLE (unit_code text, level text, indicator text, period_from text, period_to text, value numeric,
               prev_value numeric, change numeric, change_pct numeric, months_expected bigint,
               months_submitted bigint, prev_months_submitted bigint, unit_valid_from date, unit_valid_to date,
               months_compared text, complete boolean)
LANGUAGE sql STABLE AS $$
    SELECT unit_code, level, indicator, period_from, period_to, value, prev_value, change, change_pct, months_expected,
           months_submitted, prev_months_submitted, unit_valid_from, unit_valid_to, months_compared, complete
    FROM warehouse.same_period_basis('then', p_from, p_to, p_unit)
$$;
COMMENT ON FUNCTION warehouse.same_period(text, text, text) IS 'Same-period comparison, as then, of every unit or of the unit p_unit alone (same_period(''2019-01'', ''2019-09'', ''14320''), computed for it only: at national scale the way to read one unit): each unit version and indicator over the months p_from..p_to (YYYY-MM, a window of 1 to 12 months; a longer one is refused) that the version covers (months_compared), against the same months a year earlier under the same version (prev_value NULL when the version did not cover them all); end-of-period indicators take each commune''s last month reported within the months; complete when every commune-month owed in both windows is in and every commune reported the last month, e.g. same_period(''2019-01'', ''2019-09''); same_period_as_now re-aggregates history onto today''s units. Both are warehouse.same_period_basis.';

CREATE FUNCTION warehouse.same_period_as_now(p_from text, p_to text, p_unit text DEFAULT NULL)
RETURNS TABLE (unit_code text, unit_name text, level text, indicator text, period_from text, period_to text,
               value numeric, prev_value numeric, change numeric, change_pct numeric, complete boolean,
               estimated boolean, value_low numeric, value_high numeric, prev_value_low numeric,
               prev_value_high numeric)
LANGUAGE sql STABLE AS $$
    SELECT unit_code, unit_name, level, indicator, period_from, period_to, value, prev_value, change, change_pct,
           complete, estimated, value_low, value_high, prev_value_low, prev_value_high
    FROM warehouse.same_period_basis('now', p_from, p_to, p_unit)
$$;
COMMENT ON FUNCTION warehouse.same_period_as_now(text, text, text) IS 'Same-period comparison as now, of every unit or of the unit p_unit alone (computed over the province it lies in or is): each ward, commune or province valid today over the months p_from..p_to (YYYY-MM) (a window of 1 to 12 months) against the same months a year earlier, history summed over its predecessors (apportioned for split units: estimated), with the bounds of both values (value_low, value_high, prev_value_low, prev_value_high: only what is placed exactly, and every split predecessor counted whole), e.g. same_period_as_now(''2026-01'', ''2026-10''). Both it and same_period are warehouse.same_period_basis.';

-- Publications (issue 15). current_figures turns every column of the year views into (unit, measure, value) rows,
-- so that a publication freezes whatever the views show, columns added later included; the published_* views turn
-- the frozen rows back into the shape of the views they came from.
CREATE OR REPLACE VIEW warehouse.current_figures AS
WITH cells AS (
    SELECT i.unit_code, i.level, i.year,
           CASE WHEN j.key = 'value' THEN i.indicator ELSE i.indicator || '.' || j.key END AS measure, j.value AS v,
           i.unit_valid_from
    FROM warehouse.indicator_yoy i
    CROSS JOIN LATERAL jsonb_each(to_jsonb(i) - ARRAY['unit_code', 'unit_name', 'level', 'indicator', 'year',
                                                    'unit_valid_from', 'unit_valid_to']) j
    UNION ALL
    SELECT t.unit_code, t.level, t.year, j.key, j.value, t.unit_valid_from
    FROM warehouse.traffic_yoy t
    CROSS JOIN LATERAL jsonb_each(to_jsonb(t) - ARRAY['unit_code', 'unit_name', 'level', 'year', 'unit_valid_from',
                                                    'unit_valid_to']) j
    UNION ALL
    SELECT s.unit_code, s.level, s.year, j.key, j.value, s.unit_valid_from
    FROM warehouse.village_safety_yoy s
    CROSS JOIN LATERAL jsonb_each(to_jsonb(s) - ARRAY['unit_code', 'unit_name', 'level', 'year', 'unit_valid_from',
                                                    'unit_valid_to']) j
    UNION ALL
    SELECT y.village_code, 'village', y.year, j.key, j.value, y.unit_valid_from
    FROM warehouse.village_year y
    CROSS JOIN LATERAL jsonb_each(to_jsonb(y) - ARRAY['village_code', 'village_name', 'commune_code', 'district_code',
                                                    'province_code', 'year', 'unit_valid_from', 'unit_valid_to']) j
)
SELECT unit_code, level, year, measure,
       CASE jsonb_typeof(v) WHEN 'number' THEN (v #>> '{}')::numeric
                            WHEN 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN 1 ELSE 0 END END AS value,
       unit_valid_from
FROM cells
WHERE jsonb_typeof(v) IN ('number', 'boolean', 'null');
COMMENT ON VIEW warehouse.current_figures IS 'Grain: unit version, level, year, measure. Every figure of traffic_yoy, village_safety_yoy, indicator_yoy and village_year as it is now (as corrected), one row per column: what a publication freezes into published_figures.';
COMMENT ON COLUMN warehouse.current_figures.unit_code IS 'Unit (a village code at level village).';
COMMENT ON COLUMN warehouse.current_figures.level IS 'province, district, commune or village.';
COMMENT ON COLUMN warehouse.current_figures.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.current_figures.measure IS 'Indicator code, <indicator>.<column> of indicator_yoy, or a column of the other views (warehouse.published_figures.measure).';
COMMENT ON COLUMN warehouse.current_figures.value IS 'Current value; booleans as 1 and 0; NULL when unknown.';
COMMENT ON COLUMN warehouse.current_figures.unit_valid_from IS 'First day of the unit version (the views'' unit_valid_from; for a village, that of its ward or commune): a code naming two units in the year gives two sets of figures.';

-- published_changes sets each publication beside the current figures of its own year and units only (the year, a
-- constant by then, prunes the views' partitions), never the whole warehouse: at national scale that took half a
-- minute. Only when a build has rewritten the year or the year before (whose rows its comparisons read) in one of its
-- provinces since the publication (warehouse.year_built: a build not in the publication's snapshot): otherwise the
-- figures are those published (the 34 provinces' publications of 2025 took 8.1-9.3 s computed whole). Without JIT,
-- which spent up to 28 s compiling a plan over every partition of the year views. As its owner, as the view did: it
-- reads ops.submission, which analysts may not.
CREATE OR REPLACE FUNCTION warehouse.published_changes_of(p_publication bigint)
RETURNS TABLE (publication_id bigint, unit_code text, level text, year integer, measure text, published_value numeric,
               current_value numeric, submission_ids bigint[], unit_valid_from date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off
SET plan_cache_mode = force_custom_plan AS $fn$
DECLARE
    v_year integer := (SELECT p.year FROM warehouse.publication p WHERE p.publication_id = p_publication);
    v_snapshot pg_snapshot := (SELECT p.snapshot FROM warehouse.publication p
                               WHERE p.publication_id = p_publication);
    v_provinces text[] := (SELECT p.provinces FROM warehouse.publication p WHERE p.publication_id = p_publication);
    -- the publication's units, as an array, a condition that reaches the year views' own tables (their unit index);
    -- as a join (IN (SELECT ...)) it came after every unit of the year had been computed: 3 s for a province
    v_units text[];
BEGIN
    IF v_snapshot IS NOT NULL
       -- a snapshot of another cluster (ahead of this one's transactions: restored from a dump) tells nothing
       AND pg_snapshot_xmin(v_snapshot) <= pg_snapshot_xmax(pg_current_snapshot())
       AND v_provinces IS NOT NULL
       AND NOT EXISTS (SELECT FROM warehouse.year_built b
                       WHERE b.year IN (v_year, v_year - 1)
                         AND (b.province_code = '*' OR b.province_code = ANY (v_provinces))
                         AND NOT pg_visible_in_snapshot(b.xid, v_snapshot)) THEN
        -- no build has rewritten its year or the year before in its provinces since: as published
        RETURN;
    END IF;
    v_units := ARRAY(SELECT DISTINCT f.unit_code FROM warehouse.published_figures f
                     WHERE f.publication_id = p_publication);
    RETURN QUERY
    WITH figures AS (
        SELECT f.unit_code, f.level, f.year, f.measure, f.value, f.published_at, f.unit_valid_from
        FROM warehouse.published_figures f WHERE f.publication_id = p_publication
    ), changed AS (
        SELECT f.*, c.value AS current_value
        FROM figures f
        LEFT JOIN (SELECT * FROM warehouse.current_figures cf
                   WHERE cf.year = v_year AND cf.unit_code = ANY (v_units)) c
               ON c.unit_code = f.unit_code AND c.level = f.level AND c.measure = f.measure
              AND c.unit_valid_from = f.unit_valid_from
        WHERE c.value IS DISTINCT FROM f.value
    )
    SELECT p_publication, f.unit_code, f.level, f.year, f.measure, f.value, f.current_value,
           ARRAY(SELECT DISTINCT cm.submission_id
                 FROM warehouse.commune_month cm
                 JOIN ops.submission s ON s.submission_id = cm.submission_id
                 WHERE cm.year IN (f.year, CASE WHEN f.measure ~ '(prev|change)' THEN f.year - 1 END)
                   AND ((f.level <> 'village' AND f.unit_code IN (cm.commune_code, cm.district_code, cm.province_code)
                         AND cm.period >= f.unit_valid_from AND cm.period < v.valid_to)
                        OR (f.level = 'village' AND cm.commune_code = split_part(f.unit_code, '-', 1)
                            AND cm.unit_valid_from = f.unit_valid_from))
                   AND s.registered_at > f.published_at
                 ORDER BY 1),
           f.unit_valid_from
    FROM changed f
    LEFT JOIN LATERAL (SELECT coalesce(max(d.valid_to), 'infinity') AS valid_to FROM warehouse.dim_unit d
                       WHERE d.unit_code = f.unit_code AND d.valid_from = f.unit_valid_from) v ON true;
END
$fn$;
COMMENT ON FUNCTION warehouse.published_changes_of(bigint) IS 'The rows of warehouse.published_changes for one publication: its published figures that differ now, computed over the publication''s year and units only, and only when a build has rewritten that year or the year before in one of its provinces since the publication (warehouse.year_built, against the publication''s snapshot).';

-- the publication's own column, not the function's: asked for one publication (WHERE publication_id = ...), the view
-- computes that publication's changes alone (with c.*, the filter came after all 34 provinces' had been: 8.8 s)
CREATE OR REPLACE VIEW warehouse.published_changes AS
SELECT p.publication_id, c.unit_code, c.level, c.year, c.measure, c.published_value, c.current_value, c.submission_ids,
       c.unit_valid_from
FROM warehouse.publication p
CROSS JOIN LATERAL warehouse.published_changes_of(p.publication_id) c;
COMMENT ON VIEW warehouse.published_changes IS 'Grain: publication, unit, measure. Every published figure that differs now, after corrections loaded since the publication, with the submissions that changed it.';
COMMENT ON COLUMN warehouse.published_changes.publication_id IS 'The publication (warehouse.publication).';
COMMENT ON COLUMN warehouse.published_changes.unit_code IS 'Unit of the figure.';
COMMENT ON COLUMN warehouse.published_changes.level IS 'province, district, commune or village.';
COMMENT ON COLUMN warehouse.published_changes.year IS 'Calendar year published.';
COMMENT ON COLUMN warehouse.published_changes.measure IS 'The figure (warehouse.published_figures.measure).';
COMMENT ON COLUMN warehouse.published_changes.published_value IS 'As published.';
COMMENT ON COLUMN warehouse.published_changes.current_value IS 'As corrected, in the warehouse now (NULL if no longer known).';
COMMENT ON COLUMN warehouse.published_changes.submission_ids IS 'Current submissions under the unit version, of the year (and the year before, for comparisons), registered after the publication: the corrections behind the change (ops.submissions, for admins).';
COMMENT ON COLUMN warehouse.published_changes.unit_valid_from IS 'First day of the unit version of the figure (warehouse.published_figures.unit_valid_from).';


GRANT SELECT ON ALL TABLES IN SCHEMA warehouse TO safetystats_analyst;
GRANT EXECUTE ON FUNCTION warehouse.published_changes_of(bigint) TO safetystats_analyst;
GRANT EXECUTE ON FUNCTION warehouse.same_period_basis(text, text, text, text), warehouse.same_period(text, text, text),
    warehouse.same_period_as_now(text, text, text) TO safetystats_analyst;

-- The year views may read differently once this file has run again (an upgrade): every published year counts as
-- rebuilt, so that published_changes compares its publications (warehouse.year_built).
INSERT INTO warehouse.year_built (year, province_code, xid, built_at)
SELECT DISTINCT p.year, '*', pg_current_xact_id(), now() FROM warehouse.publication p
ON CONFLICT (year, province_code) DO UPDATE SET xid = EXCLUDED.xid, built_at = EXCLUDED.built_at;
