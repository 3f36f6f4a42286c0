-- as now, the year re-aggregated onto the units valid on the as-of date (warehouse.as_now_window_of, from the
-- year's own tables as built above), for the provinces (today's) of the slice's communes, or for every province
DROP TABLE IF EXISTS slice_province_now;
CREATE TEMP TABLE slice_province_now ON COMMIT DROP AS
SELECT DISTINCT now_province_code AS province_code FROM warehouse.unit_map
WHERE NOT :all AND unit_code = ANY (:communes) AND now_province_code IS NOT NULL
UNION
SELECT DISTINCT m.now_province_code FROM warehouse.village_map m
JOIN ref.unit v ON v.code = m.village_code AND v.level = 'village' AND v.parent_code = ANY (:communes)
WHERE NOT :all AND m.now_province_code IS NOT NULL;
-- the units valid today in those provinces, and the provinces: the as-now rows a slice rebuilds
DROP TABLE IF EXISTS slice_unit_now;
CREATE TEMP TABLE slice_unit_now ON COMMIT DROP AS
SELECT 'province' AS level, province_code AS unit_code FROM slice_province_now
UNION
SELECT 'commune', now_code FROM warehouse.unit_map
WHERE now_province_code IN (SELECT province_code FROM slice_province_now);
DELETE FROM {agg_indicator_year_as_now} a
WHERE NOT :all AND a.year = :year AND (a.level, a.unit_code) IN (SELECT level, unit_code FROM slice_unit_now);
INSERT INTO {agg_indicator_year_as_now} (year, unit_code, unit_name, level, indicator, value, complete, estimated,
                                         months_complete, value_low, value_high)
SELECT :year, w.* FROM warehouse.as_now_window_of(make_date(:year, 1, 1), make_date(:year, 12, 1),
    CASE WHEN NOT :all THEN ARRAY(SELECT province_code FROM slice_province_now) END, '{commune_month}',
    '{fact_value}') w;

-- the villages as now (warehouse.village_counts_as_now reads them): each village of the year counted under the unit
-- it belongs to on the as-of date (warehouse.village_map), whatever unit it reported under, with the bounds that the
-- villages placed by a guess give; for the provinces of the slice, or for every province
DELETE FROM {agg_village_year_as_now} a
WHERE NOT :all AND a.year = :year AND (a.level, a.unit_code) IN (SELECT level, unit_code FROM slice_unit_now);
INSERT INTO {agg_village_year_as_now} (unit_code, unit_name, level, year, villages, villages_reported, crime_free,
                                       drug_free, camera_groups, estimated, villages_low, villages_high,
                                       villages_reported_low, villages_reported_high, crime_free_low, crime_free_high,
                                       drug_free_low, drug_free_high, camera_groups_low, camera_groups_high,
                                       unit_valid_from, unit_valid_to)
WITH village AS (
    SELECT year, village_code, sum(months_expected) AS months_expected, sum(months_reported) AS months_reported,
           sum(crime_cases) AS crime_cases, sum(new_drug_addicts) AS new_drug_addicts,
           (array_agg(camera_model_end ORDER BY unit_valid_from DESC))[1] AS camera_model_end
    FROM {village_year}
    WHERE year = :year
    GROUP BY year, village_code
), counted AS (
    SELECT coalesce(m.now_code, m.now_province_code) AS unit_code,
           CASE WHEN GROUPING(m.now_code) = 0 THEN 'commune' ELSE 'province' END AS level, v.year,
           count(*) AS villages,
           count(*) FILTER (WHERE v.months_expected > 0 AND v.months_reported = v.months_expected) AS villages_reported,
           count(*) FILTER (WHERE v.months_expected > 0 AND v.months_reported = v.months_expected
                            AND v.crime_cases = 0) AS crime_free,
           count(*) FILTER (WHERE v.months_expected > 0 AND v.months_reported = v.months_expected
                            AND v.new_drug_addicts = 0) AS drug_free,
           sum(v.camera_model_end) AS camera_groups, bool_or(m.estimated) AS estimated
    FROM village v
    JOIN warehouse.village_map m ON m.village_code = v.village_code
    WHERE :all OR m.now_province_code IN (SELECT province_code FROM slice_province_now)
    GROUP BY GROUPING SETS ((v.year, m.now_province_code, m.now_code), (v.year, m.now_province_code))
), guessed AS (
    -- the bounds differ from the figures only by the villages placed by a guess (they no longer exist and their ward
    -- was split: village_map.estimated), a handful: each with its figures of the year
    SELECT y.year, y.village_code, m.now_code, m.now_province_code,
           sum(y.months_expected) > 0 AND sum(y.months_reported) = sum(y.months_expected) AS reported,
           sum(y.crime_cases) AS crime_cases, sum(y.new_drug_addicts) AS new_drug_addicts,
           (array_agg(y.camera_model_end ORDER BY y.unit_valid_from DESC))[1] AS camera_model_end
    FROM {village_year} y
    JOIN warehouse.village_map m ON m.village_code = y.village_code AND m.estimated
    WHERE y.year = :year
    GROUP BY y.year, y.village_code, m.now_code, m.now_province_code
), candidate AS (
    -- such a village may belong to any unit its ward's versions of the year went to (warehouse.unit_map)
    SELECT DISTINCT y.year, y.village_code, u.now_code, u.now_province_code
    FROM {village_year} y
    JOIN warehouse.village_map g ON g.village_code = y.village_code AND g.estimated
    JOIN warehouse.unit_map u ON u.unit_code = y.commune_code AND u.unit_valid_from = y.unit_valid_from
    WHERE y.year = :year
), uncertain AS (
    -- where it makes a bound differ: placed in a ward or commune (province) it may not belong to, the low bound leaves
    -- it out; in one it may belong to without being placed there, the high bound counts it
    SELECT g.now_code AS unit_code, 'commune' AS level, g.year, g.reported, g.crime_cases, g.new_drug_addicts,
           g.camera_model_end, true AS placed
    FROM guessed g
    WHERE EXISTS (SELECT 1 FROM candidate c WHERE c.year = g.year AND c.village_code = g.village_code
                                             AND c.now_code <> g.now_code)
    UNION ALL
    SELECT g.now_province_code, 'province', g.year, g.reported, g.crime_cases, g.new_drug_addicts,
           g.camera_model_end, true
    FROM guessed g
    WHERE EXISTS (SELECT 1 FROM candidate c WHERE c.year = g.year AND c.village_code = g.village_code
                                             AND c.now_province_code IS DISTINCT FROM g.now_province_code)
    UNION ALL
    SELECT c.now_code, 'commune', g.year, g.reported, g.crime_cases, g.new_drug_addicts, g.camera_model_end, false
    FROM guessed g
    JOIN candidate c ON c.year = g.year AND c.village_code = g.village_code AND c.now_code <> g.now_code
    UNION ALL
    SELECT c.now_province_code, 'province', g.year, g.reported, g.crime_cases, g.new_drug_addicts,
           g.camera_model_end, false
    FROM guessed g
    JOIN (SELECT DISTINCT year, village_code, now_province_code FROM candidate) c
      ON c.year = g.year AND c.village_code = g.village_code
     AND c.now_province_code IS DISTINCT FROM g.now_province_code
), adjusted AS (
    SELECT unit_code, level, year,
           count(*) FILTER (WHERE placed) AS villages_out, count(*) FILTER (WHERE NOT placed) AS villages_in,
           count(*) FILTER (WHERE placed AND reported) AS reported_out,
           count(*) FILTER (WHERE NOT placed AND reported) AS reported_in,
           count(*) FILTER (WHERE placed AND reported AND crime_cases = 0) AS crime_free_out,
           count(*) FILTER (WHERE NOT placed AND reported AND crime_cases = 0) AS crime_free_in,
           count(*) FILTER (WHERE placed AND reported AND new_drug_addicts = 0) AS drug_free_out,
           count(*) FILTER (WHERE NOT placed AND reported AND new_drug_addicts = 0) AS drug_free_in,
           sum(camera_model_end) FILTER (WHERE placed) AS camera_out,
           sum(camera_model_end) FILTER (WHERE NOT placed) AS camera_in
    FROM uncertain
    GROUP BY unit_code, level, year
), bounded AS (
    -- the figures count the villages placed in the unit; their low bounds those placed exactly, their high bounds
    -- every village that may belong to it
    SELECT c.*,
           c.villages - coalesce(a.villages_out, 0) AS villages_low,
           c.villages + coalesce(a.villages_in, 0) AS villages_high,
           c.villages_reported - coalesce(a.reported_out, 0) AS villages_reported_low,
           c.villages_reported + coalesce(a.reported_in, 0) AS villages_reported_high,
           c.crime_free - coalesce(a.crime_free_out, 0) AS crime_free_low,
           c.crime_free + coalesce(a.crime_free_in, 0) AS crime_free_high,
           c.drug_free - coalesce(a.drug_free_out, 0) AS drug_free_low,
           c.drug_free + coalesce(a.drug_free_in, 0) AS drug_free_high,
           c.camera_groups - coalesce(a.camera_out, 0) AS camera_groups_low,
           c.camera_groups + coalesce(a.camera_in, 0) AS camera_groups_high
    FROM counted c
    LEFT JOIN adjusted a ON a.unit_code = c.unit_code AND a.level = c.level AND a.year = c.year
), named AS (
    SELECT c.*, u.name AS unit_name, u.valid_from AS unit_valid_from, u.valid_to AS unit_valid_to
    FROM bounded c
    LEFT JOIN ref.unit u ON u.code = c.unit_code AND u.level = c.level AND CAST(:asOf AS date) >= u.valid_from
                        AND CAST(:asOf AS date) < u.valid_to
)
SELECT unit_code, unit_name, level, year, villages, villages_reported, crime_free, drug_free, camera_groups, estimated,
       villages_low, villages_high, villages_reported_low, villages_reported_high, crime_free_low, crime_free_high,
       drug_free_low, drug_free_high, camera_groups_low, camera_groups_high, unit_valid_from, unit_valid_to
FROM named
-- a province-level row needs a province; a slice writes only the units of the provinces it touches
WHERE unit_code IS NOT NULL AND (:all OR (level, unit_code) IN (SELECT level, unit_code FROM slice_unit_now))
