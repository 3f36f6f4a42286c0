-- Rebuilds one year of the warehouse for some communes (or all when :all is true), inside the caller's
-- transaction, so readers see the old year or the new one, never half of it: first the rows of the communes
-- themselves, then the rollups (district, province) of the provinces they belong to, from commune rows.
-- Parameters: :year, :all, :communes (a text[] of commune codes), :asOf (the build's as-of date) and :dueDay (a month
-- is owed once the due day of the month after it has passed by :asOf: warehouse.owed).
-- {table} stands for a warehouse table: for a whole year, WarehouseSliceBuilder names the year's fresh tables (built
-- beside the live partitions, then swapped in: YearSwap) and skips the "clear" step; for a slice, the live tables.
-- Statements are separated by "-- step:" lines and run in order. Whole tables are joined and grouped, so the build
-- runs with a large work_mem and hash joins (safetystats.warehouse-work-mem).

-- step: clear
DELETE FROM {village_year} WHERE year = :year AND commune_code = ANY (:communes);
DELETE FROM {agg_indicator_year} WHERE year = :year AND level = 'commune' AND unit_code = ANY (:communes);
DELETE FROM {agg_indicator_month} WHERE year = :year AND level = 'commune' AND unit_code = ANY (:communes);
DELETE FROM {fact_value} WHERE year = :year AND commune_code = ANY (:communes);
DELETE FROM {commune_month} WHERE year = :year AND commune_code = ANY (:communes)

-- step: commune months owed, with the path up valid that month and the current submission
INSERT INTO {commune_month} (year, period, commune_code, commune_name, district_code, province_code, expected,
                                     submission_id, received_at, unit_valid_from, unit_valid_to)
SELECT :year, x.period, x.commune_code, x.commune_name, x.district_code, x.province_code,
       warehouse.owed(x.period, CAST(:asOf AS date), :dueDay), s.submission_id, s.received_at, x.valid_from, x.valid_to
FROM (
    SELECT p.period, p.period_text, c.code AS commune_code, c.name AS commune_name, c.valid_from, c.valid_to,
           CASE WHEN d.level = 'district' THEN d.code END AS district_code,
           CASE WHEN d.level = 'province' THEN d.code ELSE d.parent_code END AS province_code
    FROM warehouse.dim_period p
    JOIN ref.unit c ON c.level = 'commune' AND p.period >= c.valid_from AND p.period < c.valid_to
    JOIN ref.unit d ON d.code = c.parent_code AND p.period >= d.valid_from AND p.period < d.valid_to
    WHERE p.year = :year AND (:all OR c.code = ANY (:communes))
) x
LEFT JOIN (
    -- the year's current submissions, hashed (joined to each commune-month by an index, they took three times as long)
    SELECT unit_code, period, submission_id, received_at FROM ops.submission
    WHERE status = 'LOADED' AND period BETWEEN CAST(:year AS text) || '-01' AND CAST(:year AS text) || '-12'
) s ON s.unit_code = x.commune_code AND s.period = x.period_text

-- step: facts, the current version of every value
INSERT INTO {fact_value} (year, period, commune_code, village_code, indicator, value, submission_id, province_code)
SELECT :year, cm.period, cm.commune_code, v.village_code, v.indicator, v.value, v.submission_id, cm.province_code
FROM {commune_month} cm
JOIN ops.submission_value v ON v.submission_id = cm.submission_id
WHERE cm.year = :year AND (:all OR cm.commune_code = ANY (:communes))

-- step: monthly values of the communes
INSERT INTO {agg_indicator_month} (year, period, unit_code, level, district_code, province_code, indicator,
                                           value, communes_expected, communes_submitted, unit_valid_from, unit_valid_to)
WITH monthly AS (
    -- a commune-month's facts are those of its current submission: grouped by its id, which hashes faster than the
    -- commune's code and month
    SELECT submission_id, indicator, sum(value) AS value
    FROM {fact_value}
    WHERE year = :year AND (:all OR commune_code = ANY (:communes))
    GROUP BY submission_id, indicator
)
SELECT :year, cm.period, cm.commune_code, 'commune', cm.district_code, cm.province_code, i.code, m.value,
       CASE WHEN cm.expected THEN 1 ELSE 0 END, CASE WHEN cm.submission_id IS NOT NULL THEN 1 ELSE 0 END,
       cm.unit_valid_from, cm.unit_valid_to
FROM {commune_month} cm
CROSS JOIN ref.indicator i
LEFT JOIN monthly m ON m.submission_id = cm.submission_id AND m.indicator = i.code
WHERE cm.year = :year AND (cm.expected OR cm.submission_id IS NOT NULL)
  AND (:all OR cm.commune_code = ANY (:communes))

-- step: yearly values of the communes
-- The last month of each commune version gives its name and path up at the end of the year. An end-of-period
-- indicator takes the value of the last month reported: max over (month, value) pairs, which needs no sort per group.
INSERT INTO {agg_indicator_year} (year, unit_code, unit_name, level, district_code, province_code, indicator,
                                  value, months_expected, months_submitted, months_complete, complete,
                                  unit_valid_from, unit_valid_to)
WITH last_month AS (
    SELECT DISTINCT ON (commune_code, unit_valid_from) commune_code, unit_valid_from, commune_name, district_code,
           province_code
    FROM {commune_month}
    WHERE year = :year AND (:all OR commune_code = ANY (:communes))
    ORDER BY commune_code, unit_valid_from, period DESC
), yearly AS (
    SELECT m.unit_code, m.unit_valid_from, m.unit_valid_to, m.indicator, sum(m.value) AS total,
           (max(ARRAY[CAST(extract(month FROM m.period) AS numeric), m.value]) FILTER (WHERE m.value IS NOT NULL))[2]
               AS last_value,
           sum(m.communes_expected) AS months_expected, sum(m.communes_submitted) AS months_submitted,
           count(*) FILTER (WHERE m.communes_expected > 0 AND m.communes_submitted >= m.communes_expected)
               AS months_complete
    FROM {agg_indicator_month} m
    WHERE m.year = :year AND m.level = 'commune' AND (:all OR m.unit_code = ANY (:communes))
    GROUP BY m.unit_code, m.unit_valid_from, m.unit_valid_to, m.indicator
)
SELECT :year, y.unit_code, n.commune_name, 'commune', n.district_code, n.province_code, y.indicator,
       CASE WHEN i.aggregation = 'sum' THEN y.total ELSE y.last_value END,
       y.months_expected, y.months_submitted, y.months_complete,
       y.months_expected > 0 AND y.months_submitted >= y.months_expected, y.unit_valid_from, y.unit_valid_to
FROM yearly y
JOIN ref.indicator i ON i.code = y.indicator
JOIN last_month n ON n.commune_code = y.unit_code AND n.unit_valid_from = y.unit_valid_from

-- step: villages, each with the months it reported and its figures for the year
-- A month is reported when the village's own rows were in the accepted file (a village added to the catalogue after
-- its commune's file loaded has none). The indicators feeding the village measures are those the catalogue names
-- (ref.indicator.feeds).
INSERT INTO {village_year} (year, village_code, village_name, commune_code, district_code, province_code,
                            months_expected, months_reported, crime_cases, new_drug_addicts, camera_model_end,
                            unit_valid_from, unit_valid_to)
WITH commune_month AS MATERIALIZED (
    SELECT period, commune_code, district_code, province_code, expected, unit_valid_from, unit_valid_to
    FROM {commune_month}
    WHERE year = :year AND (:all OR commune_code = ANY (:communes))
), village_value AS (
    -- one pass over the village rows: the months reported as a bit mask (a month counts when it was owed and the
    -- village was in the commune that month), the sums, and the camera value of the last month that has one
    SELECT f.village_code, f.commune_code, cm.unit_valid_from,
           bit_count(CAST(bit_or(CASE WHEN cm.expected AND v.code IS NOT NULL
                                      THEN 1 << CAST(extract(month FROM f.period) AS int) ELSE 0 END) AS bit(32)))
               AS months_reported,
           sum(f.value) FILTER (WHERE i.feeds = 'crime_free') AS crime_cases,
           sum(f.value) FILTER (WHERE i.feeds = 'drug_free') AS new_drug_addicts,
           (max(ARRAY[CAST(extract(month FROM f.period) AS bigint), f.value])
               FILTER (WHERE i.feeds = 'camera_groups'))[2] AS camera_model_end
    FROM {fact_value} f
    -- the table, not the CTE: with its statistics the planner hashes the commune-months, not the village rows
    JOIN {commune_month} cm ON cm.year = :year AND cm.commune_code = f.commune_code AND cm.period = f.period
    LEFT JOIN ref.indicator i ON i.code = f.indicator
    LEFT JOIN ref.unit v ON v.level = 'village' AND v.code = f.village_code AND v.parent_code = f.commune_code
                        AND f.period >= v.valid_from AND f.period < v.valid_to
    WHERE f.year = :year AND f.village_code IS NOT NULL AND (:all OR f.commune_code = ANY (:communes))
    GROUP BY f.village_code, f.commune_code, cm.unit_valid_from
), village_year AS (
    -- each village in each version of its commune: the months owed, and the last month (for its name and path up)
    SELECT v.code AS village_code, cm.commune_code, cm.unit_valid_from, cm.unit_valid_to,
           count(*) FILTER (WHERE cm.expected) AS months_expected, max(cm.period) AS last_period
    FROM commune_month cm
    JOIN ref.unit v ON v.level = 'village' AND v.parent_code = cm.commune_code
                   AND cm.period >= v.valid_from AND cm.period < v.valid_to
    GROUP BY v.code, cm.commune_code, cm.unit_valid_from, cm.unit_valid_to
)
SELECT :year, y.village_code, v.name, y.commune_code, cm.district_code, cm.province_code, y.months_expected,
       coalesce(vv.months_reported, 0), vv.crime_cases, vv.new_drug_addicts, vv.camera_model_end, y.unit_valid_from,
       y.unit_valid_to
FROM village_year y
JOIN ref.unit v ON v.level = 'village' AND v.code = y.village_code AND y.last_period >= v.valid_from
               AND y.last_period < v.valid_to
JOIN commune_month cm ON cm.commune_code = y.commune_code AND cm.period = y.last_period
LEFT JOIN village_value vv ON vv.village_code = y.village_code AND vv.commune_code = y.commune_code
                          AND vv.unit_valid_from = y.unit_valid_from

-- step: clear the rollups of the provinces concerned
DROP TABLE IF EXISTS slice_province;
CREATE TEMP TABLE slice_province ON COMMIT DROP AS
SELECT DISTINCT province_code FROM {commune_month}
WHERE year = :year AND (:all OR commune_code = ANY (:communes));
ANALYZE slice_province;
DELETE FROM {agg_indicator_month} WHERE year = :year AND level <> 'commune'
  AND province_code IN (SELECT province_code FROM slice_province);
DELETE FROM {agg_indicator_year} WHERE year = :year AND level <> 'commune'
  AND province_code IN (SELECT province_code FROM slice_province);
DELETE FROM {agg_village_year} WHERE year = :year AND province_code IN (SELECT province_code FROM slice_province)

-- step: monthly rollups to district and province, from the commune rows
INSERT INTO {agg_indicator_month} (year, period, unit_code, level, district_code, province_code, indicator,
                                           value, communes_expected, communes_submitted, unit_valid_from, unit_valid_to)
SELECT r.*, u.valid_from, u.valid_to
FROM (
    SELECT :year, period, coalesce(district_code, province_code) AS unit_code,
           CASE WHEN GROUPING(district_code) = 0 THEN 'district' ELSE 'province' END AS level,
           CASE WHEN GROUPING(district_code) = 0 THEN district_code END, province_code, indicator, sum(value),
           sum(communes_expected), sum(communes_submitted)
    FROM {agg_indicator_month}
    WHERE year = :year AND level = 'commune' AND province_code IN (SELECT province_code FROM slice_province)
    GROUP BY GROUPING SETS ((period, indicator, province_code, district_code), (period, indicator, province_code))
    HAVING GROUPING(district_code) = 1 OR district_code IS NOT NULL
) r
JOIN ref.unit u ON u.code = r.unit_code AND u.level = r.level AND r.period >= u.valid_from AND r.period < u.valid_to

-- step: yearly rollups to district and province, from the monthly rollups
-- A district's or province's year is the sum of its months, each commune month under the parent (and the parent's
-- version) valid that month, as the monthly rollups already hold it: a commune that moves mid-year counts in each
-- parent for its months there. An end-of-period indicator takes each commune's last value reported under the parent
-- version, from the commune rows.
INSERT INTO {agg_indicator_year} (year, unit_code, unit_name, level, district_code, province_code, indicator,
                                  value, months_expected, months_submitted, months_complete, complete,
                                  unit_valid_from, unit_valid_to)
WITH monthly AS MATERIALIZED (
    SELECT unit_code, level, unit_valid_from, unit_valid_to, period, indicator, district_code, province_code, value,
           communes_expected, communes_submitted
    FROM {agg_indicator_month}
    WHERE year = :year AND level <> 'commune' AND province_code IN (SELECT province_code FROM slice_province)
), rolled AS (
    SELECT m.unit_code, m.level, m.unit_valid_from, m.unit_valid_to, m.indicator, min(i.aggregation) AS aggregation,
           (array_agg(m.district_code ORDER BY m.period DESC))[1] AS district_code,
           (array_agg(m.province_code ORDER BY m.period DESC))[1] AS province_code,
           sum(m.value) AS value, sum(m.communes_expected) AS months_expected,
           sum(m.communes_submitted) AS months_submitted
    FROM monthly m
    JOIN ref.indicator i ON i.code = m.indicator
    GROUP BY m.unit_code, m.level, m.unit_valid_from, m.unit_valid_to, m.indicator
), parent AS (
    SELECT DISTINCT unit_code, level, period, unit_valid_from FROM monthly
), end_of_period AS MATERIALIZED (
    SELECT m.unit_code AS commune_code, m.period, m.district_code, m.province_code, m.indicator, m.value
    FROM {agg_indicator_month} m
    JOIN ref.indicator i ON i.code = m.indicator AND i.aggregation = 'end_of_period'
    WHERE m.year = :year AND m.level = 'commune' AND m.value IS NOT NULL
      AND m.province_code IN (SELECT province_code FROM slice_province)
), under_parent AS (
    SELECT p.unit_code, p.level, p.unit_valid_from, e.commune_code, e.period, e.indicator, e.value
    FROM end_of_period e
    JOIN parent p ON p.level = 'district' AND p.unit_code = e.district_code AND p.period = e.period
    UNION ALL
    SELECT p.unit_code, p.level, p.unit_valid_from, e.commune_code, e.period, e.indicator, e.value
    FROM end_of_period e
    JOIN parent p ON p.level = 'province' AND p.unit_code = e.province_code AND p.period = e.period
), last_reported AS (
    -- each commune's value of its last month under the parent version: max over (month, value) pairs, hashed
    -- rather than sorted (a commune has one row a month under a parent)
    SELECT unit_code, level, unit_valid_from, indicator,
           (max(ARRAY[CAST(extract(month FROM period) AS numeric), value]))[2] AS value
    FROM under_parent
    GROUP BY unit_code, level, unit_valid_from, indicator, commune_code
), end_values AS (
    SELECT unit_code, level, unit_valid_from, indicator, sum(value) AS value
    FROM last_reported GROUP BY unit_code, level, unit_valid_from, indicator
), full_months AS (
    -- every indicator of a unit-month carries the same counts of communes: a month is full or not for all of them
    SELECT unit_code, level, unit_valid_from, count(*) FILTER (WHERE full_month) AS months_complete
    FROM (SELECT unit_code, level, unit_valid_from, period,
                 bool_and(communes_expected > 0 AND communes_submitted >= communes_expected) AS full_month
          FROM monthly
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
INSERT INTO {agg_village_year} (year, unit_code, unit_name, level, province_code, villages, villages_reported,
                                        crime_free, drug_free, camera_groups, unit_valid_from, unit_valid_to)
WITH village AS (
    SELECT v.*, v.months_expected > 0 AND v.months_reported = v.months_expected AS reported,
           d.valid_from AS district_from, d.valid_to AS district_to, p.valid_from AS province_from,
           p.valid_to AS province_to
    FROM {village_year} v
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

-- step: as now, the year re-aggregated onto the units valid on the as-of date (warehouse.as_now_window_of, from the
-- year's own tables as built above), for the provinces (today's) of the slice's communes, or for every province
DROP TABLE IF EXISTS slice_province_now;
CREATE TEMP TABLE slice_province_now ON COMMIT DROP AS
SELECT DISTINCT now_province_code AS province_code FROM warehouse.unit_map
WHERE NOT :all AND unit_code = ANY (:communes) AND now_province_code IS NOT NULL
UNION
SELECT DISTINCT m.now_province_code FROM warehouse.village_map m
JOIN ref.unit v ON v.code = m.village_code AND v.level = 'village' AND v.parent_code = ANY (:communes)
WHERE NOT :all AND m.now_province_code IS NOT NULL;
DELETE FROM {agg_indicator_year_as_now} a
WHERE NOT :all AND a.year = :year
  AND ((a.level = 'province' AND a.unit_code IN (SELECT province_code FROM slice_province_now))
       OR (a.level = 'commune' AND a.unit_code IN (SELECT now_code FROM warehouse.unit_map
                                                  WHERE now_province_code IN (SELECT province_code
                                                                              FROM slice_province_now))));
INSERT INTO {agg_indicator_year_as_now} (year, unit_code, unit_name, level, indicator, value, complete, estimated,
                                         months_complete, value_low, value_high)
SELECT :year, w.* FROM warehouse.as_now_window_of(make_date(:year, 1, 1), make_date(:year, 12, 1),
    CASE WHEN NOT :all THEN ARRAY(SELECT province_code FROM slice_province_now) END, '{commune_month}',
    '{fact_value}') w
