-- Rebuilds one year of the warehouse for some communes (or all when :all is true), inside the caller's
-- transaction, so readers see the old year or the new one, never half of it: first the rows of the communes
-- themselves, then the rollups (district, province) of the provinces they belong to, from commune rows.
-- Parameters: :year, :all, :communes (a text[] of commune codes), :today (months before this one are owed).
-- Statements are separated by "-- step:" lines; WarehouseSliceBuilder runs them in order (for a whole year it
-- truncates the year's partitions instead of the "clear" step).

-- step: clear
DELETE FROM warehouse.village_year WHERE year = :year AND commune_code = ANY (:communes);
DELETE FROM warehouse.agg_indicator_year WHERE year = :year AND level = 'commune' AND unit_code = ANY (:communes);
DELETE FROM warehouse.agg_indicator_month WHERE year = :year AND level = 'commune' AND unit_code = ANY (:communes);
DELETE FROM warehouse.fact_value WHERE year = :year AND commune_code = ANY (:communes);
DELETE FROM warehouse.commune_month WHERE year = :year AND commune_code = ANY (:communes)

-- step: commune months owed, with the path up valid that month and the current submission
INSERT INTO warehouse.commune_month (year, period, commune_code, commune_name, district_code, province_code, expected,
                                     submission_id, received_at, unit_valid_from, unit_valid_to)
SELECT :year, x.period, x.commune_code, x.commune_name, x.district_code, x.province_code,
       x.period < date_trunc('month', CAST(:today AS date)), s.submission_id, s.received_at, x.valid_from, x.valid_to
FROM (
    SELECT p.period, p.period_text, c.code AS commune_code, c.name AS commune_name, c.valid_from, c.valid_to,
           CASE WHEN d.level = 'district' THEN d.code END AS district_code,
           CASE WHEN d.level = 'province' THEN d.code ELSE d.parent_code END AS province_code
    FROM warehouse.dim_period p
    JOIN ref.unit c ON c.level = 'commune' AND p.period >= c.valid_from AND p.period < c.valid_to
    JOIN ref.unit d ON d.code = c.parent_code AND p.period >= d.valid_from AND p.period < d.valid_to
    WHERE p.year = :year AND (:all OR c.code = ANY (:communes))
) x
LEFT JOIN ops.submission s ON s.status = 'LOADED' AND s.unit_code = x.commune_code AND s.period = x.period_text

-- step: facts, the current version of every value
INSERT INTO warehouse.fact_value (year, period, commune_code, village_code, indicator, value, submission_id, province_code)
SELECT :year, cm.period, cm.commune_code, v.village_code, v.indicator, v.value, v.submission_id, cm.province_code
FROM warehouse.commune_month cm
JOIN ops.submission_value v ON v.submission_id = cm.submission_id
WHERE cm.year = :year AND (:all OR cm.commune_code = ANY (:communes))

-- step: monthly values of the communes
INSERT INTO warehouse.agg_indicator_month (year, period, unit_code, level, district_code, province_code, indicator,
                                           value, communes_expected, communes_submitted, unit_valid_from, unit_valid_to)
WITH monthly AS (
    SELECT commune_code, period, indicator, sum(value) AS value
    FROM warehouse.fact_value
    WHERE year = :year AND (:all OR commune_code = ANY (:communes))
    GROUP BY commune_code, period, indicator
)
SELECT :year, cm.period, cm.commune_code, 'commune', cm.district_code, cm.province_code, i.code, m.value,
       CASE WHEN cm.expected THEN 1 ELSE 0 END, CASE WHEN cm.submission_id IS NOT NULL THEN 1 ELSE 0 END,
       cm.unit_valid_from, cm.unit_valid_to
FROM warehouse.commune_month cm
CROSS JOIN ref.indicator i
LEFT JOIN monthly m ON m.commune_code = cm.commune_code AND m.period = cm.period AND m.indicator = i.code
WHERE cm.year = :year AND (cm.expected OR cm.submission_id IS NOT NULL)
  AND (:all OR cm.commune_code = ANY (:communes))

-- step: yearly values of the communes
INSERT INTO warehouse.agg_indicator_year (year, unit_code, unit_name, level, district_code, province_code, indicator,
                                          value, months_expected, months_submitted, months_complete, complete,
                                          unit_valid_from, unit_valid_to)
SELECT :year, m.unit_code, min(n.commune_name), 'commune',
       (array_agg(m.district_code ORDER BY m.period DESC))[1], (array_agg(m.province_code ORDER BY m.period DESC))[1],
       m.indicator,
       CASE WHEN min(i.aggregation) = 'sum' THEN sum(m.value)
            ELSE (array_agg(m.value ORDER BY m.period DESC) FILTER (WHERE m.value IS NOT NULL))[1] END,
       sum(m.communes_expected), sum(m.communes_submitted),
       count(*) FILTER (WHERE m.communes_expected > 0 AND m.communes_submitted >= m.communes_expected),
       sum(m.communes_expected) > 0 AND sum(m.communes_submitted) >= sum(m.communes_expected),
       m.unit_valid_from, m.unit_valid_to
FROM warehouse.agg_indicator_month m
JOIN ref.indicator i ON i.code = m.indicator
JOIN (SELECT DISTINCT ON (commune_code, unit_valid_from) commune_code, unit_valid_from, commune_name
      FROM warehouse.commune_month
      WHERE year = :year AND (:all OR commune_code = ANY (:communes))
      ORDER BY commune_code, unit_valid_from, period DESC) n
  ON n.commune_code = m.unit_code AND n.unit_valid_from = m.unit_valid_from
WHERE m.year = :year AND m.level = 'commune' AND (:all OR m.unit_code = ANY (:communes))
GROUP BY m.unit_code, m.unit_valid_from, m.unit_valid_to, m.indicator

-- step: villages, each with the months it reported and its figures for the year
-- A month is reported when the village's own rows were in the accepted file (a village added to the catalogue after
-- its commune's file loaded has none).
INSERT INTO warehouse.village_year (year, village_code, village_name, commune_code, district_code, province_code,
                                    months_expected, months_reported, crime_cases, new_drug_addicts, camera_model_end,
                                    unit_valid_from, unit_valid_to)
WITH reported AS (
    SELECT DISTINCT village_code, period FROM warehouse.fact_value
    WHERE year = :year AND village_code IS NOT NULL AND (:all OR commune_code = ANY (:communes))
), village_month AS MATERIALIZED (
    SELECT v.code AS village_code, v.name AS village_name, cm.period, cm.commune_code, cm.district_code,
           cm.province_code, cm.expected, r.village_code IS NOT NULL AS reported, cm.unit_valid_from,
           cm.unit_valid_to
    FROM warehouse.commune_month cm
    JOIN ref.unit v ON v.level = 'village' AND v.parent_code = cm.commune_code
                   AND cm.period >= v.valid_from AND cm.period < v.valid_to
    LEFT JOIN reported r ON r.village_code = v.code AND r.period = cm.period
    WHERE cm.year = :year AND (:all OR cm.commune_code = ANY (:communes))
), village_value AS MATERIALIZED (
    -- the indicators feeding the village measures are those the catalogue names (ref.indicator.feeds)
    SELECT f.village_code, f.commune_code, cm.unit_valid_from,
           sum(f.value) FILTER (WHERE i.feeds = 'crime_free') AS crime_cases,
           sum(f.value) FILTER (WHERE i.feeds = 'drug_free') AS new_drug_addicts,
           (array_agg(f.value ORDER BY f.period DESC) FILTER (WHERE i.feeds = 'camera_groups'))[1] AS camera_model_end
    FROM warehouse.fact_value f
    JOIN ref.indicator i ON i.code = f.indicator AND i.feeds IS NOT NULL
    JOIN warehouse.commune_month cm ON cm.year = :year AND cm.commune_code = f.commune_code AND cm.period = f.period
    WHERE f.year = :year AND f.village_code IS NOT NULL
      AND (:all OR f.commune_code = ANY (:communes))
    GROUP BY f.village_code, f.commune_code, cm.unit_valid_from
)
SELECT :year, vm.village_code, (array_agg(vm.village_name ORDER BY vm.period DESC))[1], vm.commune_code,
       (array_agg(vm.district_code ORDER BY vm.period DESC))[1],
       (array_agg(vm.province_code ORDER BY vm.period DESC))[1],
       count(*) FILTER (WHERE vm.expected),
       count(*) FILTER (WHERE vm.expected AND vm.reported),
       max(vv.crime_cases), max(vv.new_drug_addicts), max(vv.camera_model_end), vm.unit_valid_from, vm.unit_valid_to
FROM village_month vm
LEFT JOIN village_value vv ON vv.village_code = vm.village_code AND vv.commune_code = vm.commune_code
                          AND vv.unit_valid_from = vm.unit_valid_from
GROUP BY vm.village_code, vm.commune_code, vm.unit_valid_from, vm.unit_valid_to

-- step: clear the rollups of the provinces concerned
DROP TABLE IF EXISTS slice_province;
CREATE TEMP TABLE slice_province ON COMMIT DROP AS
SELECT DISTINCT province_code FROM warehouse.commune_month
WHERE year = :year AND (:all OR commune_code = ANY (:communes));
ANALYZE slice_province;
DELETE FROM warehouse.agg_indicator_month WHERE year = :year AND level <> 'commune'
  AND province_code IN (SELECT province_code FROM slice_province);
DELETE FROM warehouse.agg_indicator_year WHERE year = :year AND level <> 'commune'
  AND province_code IN (SELECT province_code FROM slice_province);
DELETE FROM warehouse.agg_village_year WHERE year = :year AND province_code IN (SELECT province_code FROM slice_province)

-- step: monthly rollups to district and province, from the commune rows
INSERT INTO warehouse.agg_indicator_month (year, period, unit_code, level, district_code, province_code, indicator,
                                           value, communes_expected, communes_submitted, unit_valid_from, unit_valid_to)
SELECT r.*, u.valid_from, u.valid_to
FROM (
    SELECT :year, period, coalesce(district_code, province_code) AS unit_code,
           CASE WHEN GROUPING(district_code) = 0 THEN 'district' ELSE 'province' END AS level,
           CASE WHEN GROUPING(district_code) = 0 THEN district_code END, province_code, indicator, sum(value),
           sum(communes_expected), sum(communes_submitted)
    FROM warehouse.agg_indicator_month
    WHERE year = :year AND level = 'commune' AND province_code IN (SELECT province_code FROM slice_province)
    GROUP BY GROUPING SETS ((period, indicator, province_code, district_code), (period, indicator, province_code))
    HAVING GROUPING(district_code) = 1 OR district_code IS NOT NULL
) r
JOIN ref.unit u ON u.code = r.unit_code AND u.level = r.level AND r.period >= u.valid_from AND r.period < u.valid_to

-- step: yearly rollups to district and province, from the monthly rollups
-- A district's or province's year is the sum of its months, each commune month under the parent (and the parent's
-- version) valid that month: a commune that moves mid-year counts in each parent for its months there; an
-- end-of-period indicator takes each commune's last value reported under the parent version.
INSERT INTO warehouse.agg_indicator_year (year, unit_code, unit_name, level, district_code, province_code, indicator,
                                          value, months_expected, months_submitted, months_complete, complete,
                                          unit_valid_from, unit_valid_to)
WITH commune_month AS (
    SELECT m.unit_code AS commune_code, m.period, m.district_code, m.province_code, m.indicator, i.aggregation,
           m.value, m.communes_expected, m.communes_submitted
    FROM warehouse.agg_indicator_month m
    JOIN ref.indicator i ON i.code = m.indicator
    WHERE m.year = :year AND m.level = 'commune' AND m.province_code IN (SELECT province_code FROM slice_province)
), under_parent AS (
    SELECT cm.district_code AS unit_code, 'district' AS level, d.valid_from AS unit_valid_from,
           d.valid_to AS unit_valid_to, cm.district_code, cm.province_code, cm.commune_code, cm.period,
           cm.indicator, cm.aggregation, cm.value, cm.communes_expected, cm.communes_submitted
    FROM commune_month cm
    JOIN ref.unit d ON d.code = cm.district_code AND d.level = 'district'
                   AND cm.period >= d.valid_from AND cm.period < d.valid_to
    UNION ALL
    SELECT cm.province_code, 'province', p.valid_from, p.valid_to, NULL, cm.province_code, cm.commune_code, cm.period,
           cm.indicator, cm.aggregation, cm.value, cm.communes_expected, cm.communes_submitted
    FROM commune_month cm
    JOIN ref.unit p ON p.code = cm.province_code AND p.level = 'province'
                   AND cm.period >= p.valid_from AND cm.period < p.valid_to
), rolled AS (
    SELECT unit_code, level, unit_valid_from, unit_valid_to, indicator, min(aggregation) AS aggregation,
           (array_agg(district_code ORDER BY period DESC))[1] AS district_code,
           (array_agg(province_code ORDER BY period DESC))[1] AS province_code,
           sum(value) AS value, sum(communes_expected) AS months_expected,
           sum(communes_submitted) AS months_submitted
    FROM under_parent
    GROUP BY unit_code, level, unit_valid_from, unit_valid_to, indicator
), last_reported AS (
    SELECT DISTINCT ON (unit_code, level, unit_valid_from, indicator, commune_code) unit_code, level, unit_valid_from,
           indicator, value
    FROM under_parent
    WHERE aggregation = 'end_of_period' AND value IS NOT NULL
    ORDER BY unit_code, level, unit_valid_from, indicator, commune_code, period DESC
), end_values AS (
    SELECT unit_code, level, unit_valid_from, indicator, sum(value) AS value
    FROM last_reported GROUP BY unit_code, level, unit_valid_from, indicator
), full_months AS (
    -- every indicator of a unit-month carries the same counts of communes: a month is full or not for all of them
    SELECT unit_code, level, unit_valid_from, count(*) FILTER (WHERE full_month) AS months_complete
    FROM (SELECT unit_code, level, unit_valid_from, period,
                 bool_and(communes_expected > 0 AND communes_submitted >= communes_expected) AS full_month
          FROM warehouse.agg_indicator_month
          WHERE year = :year AND level <> 'commune' AND province_code IN (SELECT province_code FROM slice_province)
          GROUP BY unit_code, level, unit_valid_from, period) m
    GROUP BY unit_code, level, unit_valid_from
)
SELECT :year, r.unit_code, n.name, r.level, r.district_code, r.province_code, r.indicator,
       CASE WHEN r.aggregation = 'sum' THEN r.value ELSE e.value END, r.months_expected, r.months_submitted,
       coalesce(f.months_complete, 0), r.months_expected > 0 AND r.months_submitted = r.months_expected,
       r.unit_valid_from, r.unit_valid_to
FROM rolled r
LEFT JOIN end_values e ON e.unit_code = r.unit_code AND e.level = r.level AND e.unit_valid_from = r.unit_valid_from
                      AND e.indicator = r.indicator
LEFT JOIN full_months f ON f.unit_code = r.unit_code AND f.level = r.level AND f.unit_valid_from = r.unit_valid_from
LEFT JOIN ref.unit n ON n.code = r.unit_code AND n.level = r.level AND n.valid_from = r.unit_valid_from

-- step: village ratios at every level, each unit under its version
INSERT INTO warehouse.agg_village_year (year, unit_code, unit_name, level, province_code, villages, villages_reported,
                                        crime_free, drug_free, camera_groups, unit_valid_from, unit_valid_to)
WITH village AS (
    SELECT v.*, v.months_expected > 0 AND v.months_reported = v.months_expected AS reported,
           d.valid_from AS district_from, d.valid_to AS district_to, p.valid_from AS province_from,
           p.valid_to AS province_to
    FROM warehouse.village_year v
    LEFT JOIN ref.unit d ON d.code = v.district_code AND d.level = 'district'
          AND least(v.unit_valid_to, make_date(:year + 1, 1, 1)) - 1 >= d.valid_from
          AND least(v.unit_valid_to, make_date(:year + 1, 1, 1)) - 1 < d.valid_to
    JOIN ref.unit p ON p.code = v.province_code AND p.level = 'province'
          AND least(v.unit_valid_to, make_date(:year + 1, 1, 1)) - 1 >= p.valid_from
          AND least(v.unit_valid_to, make_date(:year + 1, 1, 1)) - 1 < p.valid_to
    WHERE v.year = :year AND v.province_code IN (SELECT province_code FROM slice_province)
), rolled AS (
    SELECT coalesce(commune_code, district_code, province_code) AS unit_code,
           CASE WHEN GROUPING(commune_code) = 0 THEN 'commune' WHEN GROUPING(district_code) = 0 THEN 'district'
                ELSE 'province' END AS level,
           CASE WHEN GROUPING(commune_code) = 0 THEN unit_valid_from WHEN GROUPING(district_code) = 0
                THEN district_from ELSE province_from END AS unit_valid_from,
           CASE WHEN GROUPING(commune_code) = 0 THEN unit_valid_to WHEN GROUPING(district_code) = 0
                THEN district_to ELSE province_to END AS unit_valid_to,
           province_code, count(*) AS villages, count(*) FILTER (WHERE reported) AS villages_reported,
           count(*) FILTER (WHERE reported AND crime_cases = 0) AS crime_free,
           count(*) FILTER (WHERE reported AND new_drug_addicts = 0) AS drug_free,
           sum(camera_model_end) AS camera_groups
    FROM village
    GROUP BY GROUPING SETS ((province_code, province_from, province_to, district_code, district_from, district_to,
                             commune_code, unit_valid_from, unit_valid_to),
                            (province_code, province_from, province_to, district_code, district_from, district_to),
                            (province_code, province_from, province_to))
    HAVING GROUPING(district_code) = 1 OR district_code IS NOT NULL OR GROUPING(commune_code) = 0
)
SELECT :year, r.unit_code, n.name, r.level, r.province_code, r.villages, r.villages_reported, r.crime_free,
       r.drug_free, r.camera_groups, r.unit_valid_from, r.unit_valid_to
FROM rolled r
LEFT JOIN ref.unit n ON n.code = r.unit_code AND n.level = r.level AND n.valid_from = r.unit_valid_from
