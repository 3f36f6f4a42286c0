-- Rebuilds one year of the warehouse for some provinces (or all when :all is true), inside the caller's
-- transaction, so readers see the old year or the new one, never half of it. Parameters: :year, :all,
-- :provinces (comma-separated province codes), :today (months before this one are owed).
-- Statements are separated by "-- step:" lines; WarehouseSliceBuilder runs them in order.

-- step: clear
DELETE FROM warehouse.agg_village_year WHERE year = :year AND (:all OR province_code = ANY (string_to_array(:provinces, ',')));
DELETE FROM warehouse.village_year WHERE year = :year AND (:all OR province_code = ANY (string_to_array(:provinces, ',')));
DELETE FROM warehouse.agg_indicator_year WHERE year = :year AND (:all OR province_code = ANY (string_to_array(:provinces, ',')));
DELETE FROM warehouse.agg_indicator_month WHERE year = :year AND (:all OR province_code = ANY (string_to_array(:provinces, ',')));
DELETE FROM warehouse.fact_value WHERE year = :year AND (:all OR province_code = ANY (string_to_array(:provinces, ',')));
DELETE FROM warehouse.commune_month WHERE year = :year AND (:all OR province_code = ANY (string_to_array(:provinces, ',')))

-- step: commune months owed, with the path up valid that month and the current submission
INSERT INTO warehouse.commune_month (year, period, commune_code, commune_name, district_code, province_code, expected,
                                     submission_id, received_at)
SELECT :year, x.period, x.commune_code, x.commune_name, x.district_code, x.province_code,
       x.period < date_trunc('month', CAST(:today AS date)), s.submission_id, s.received_at
FROM (
    SELECT p.period, p.period_text, c.code AS commune_code, c.name AS commune_name,
           CASE WHEN d.level = 'district' THEN d.code END AS district_code,
           CASE WHEN d.level = 'province' THEN d.code ELSE d.parent_code END AS province_code
    FROM warehouse.dim_period p
    JOIN ref.unit c ON c.level = 'commune' AND p.period >= c.valid_from AND p.period < c.valid_to
    JOIN ref.unit d ON d.code = c.parent_code AND p.period >= d.valid_from AND p.period < d.valid_to
    WHERE p.year = :year
) x
LEFT JOIN ops.submission s ON s.status = 'LOADED' AND s.unit_code = x.commune_code AND s.period = x.period_text
WHERE :all OR x.province_code = ANY (string_to_array(:provinces, ','))

-- step: facts, the current version of every value
INSERT INTO warehouse.fact_value (year, period, commune_code, village_code, indicator, value, submission_id, province_code)
SELECT :year, cm.period, cm.commune_code, v.village_code, v.indicator, v.value, v.submission_id, cm.province_code
FROM warehouse.commune_month cm
JOIN ops.submission_value v ON v.submission_id = cm.submission_id
WHERE cm.year = :year AND (:all OR cm.province_code = ANY (string_to_array(:provinces, ',')))

-- step: monthly values at every level
INSERT INTO warehouse.agg_indicator_month (year, period, unit_code, level, province_code, indicator, value,
                                           communes_expected, communes_submitted)
WITH cm AS (
    SELECT * FROM warehouse.commune_month
    WHERE year = :year AND (:all OR province_code = ANY (string_to_array(:provinces, ',')))
), monthly AS (
    SELECT commune_code, period, indicator, sum(value) AS value
    FROM warehouse.fact_value
    WHERE year = :year AND (:all OR province_code = ANY (string_to_array(:provinces, ',')))
    GROUP BY commune_code, period, indicator
), grid AS (
    SELECT cm.period, cm.commune_code, cm.district_code, cm.province_code, cm.expected, cm.submission_id,
           i.code AS indicator, m.value
    FROM cm
    CROSS JOIN ref.indicator i
    LEFT JOIN monthly m ON m.commune_code = cm.commune_code AND m.period = cm.period AND m.indicator = i.code
)
SELECT :year, period, coalesce(commune_code, district_code, province_code),
       CASE WHEN GROUPING(commune_code) = 0 THEN 'commune' WHEN GROUPING(district_code) = 0 THEN 'district'
            ELSE 'province' END,
       province_code, indicator, sum(value),
       count(*) FILTER (WHERE expected), count(submission_id)
FROM grid
GROUP BY GROUPING SETS ((period, indicator, province_code, district_code, commune_code),
                        (period, indicator, province_code, district_code),
                        (period, indicator, province_code))
HAVING GROUPING(district_code) = 1 OR district_code IS NOT NULL

-- step: yearly values at every level
INSERT INTO warehouse.agg_indicator_year (year, unit_code, level, province_code, indicator, value, months_expected,
                                          months_submitted, months_complete, complete)
WITH commune_year AS (
    SELECT commune_code,
           (array_agg(district_code ORDER BY period DESC))[1] AS district_code,
           (array_agg(province_code ORDER BY period DESC))[1] AS province_code,
           count(*) FILTER (WHERE expected) AS months_expected,
           count(*) FILTER (WHERE expected AND submission_id IS NOT NULL) AS months_submitted
    FROM warehouse.commune_month
    WHERE year = :year AND (:all OR province_code = ANY (string_to_array(:provinces, ',')))
    GROUP BY commune_code
), commune_value AS (
    SELECT m.unit_code AS commune_code, m.indicator,
           CASE WHEN i.aggregation = 'sum' THEN sum(m.value)
                ELSE (array_agg(m.value ORDER BY m.period DESC) FILTER (WHERE m.value IS NOT NULL))[1] END AS value
    FROM warehouse.agg_indicator_month m
    JOIN ref.indicator i ON i.code = m.indicator
    WHERE m.year = :year AND m.level = 'commune'
      AND (:all OR m.province_code = ANY (string_to_array(:provinces, ',')))
    GROUP BY m.unit_code, m.indicator, i.aggregation
), full_months AS (
    SELECT unit_code, level, count(*) FILTER (WHERE communes_expected > 0 AND communes_submitted >= communes_expected)
                                 AS months_complete
    FROM warehouse.agg_indicator_month
    WHERE year = :year AND indicator = 'traffic_accidents'
      AND (:all OR province_code = ANY (string_to_array(:provinces, ',')))
    GROUP BY unit_code, level
), rolled AS (
    SELECT coalesce(cy.commune_code, cy.district_code, cy.province_code) AS unit_code,
           CASE WHEN GROUPING(cy.commune_code) = 0 THEN 'commune' WHEN GROUPING(cy.district_code) = 0 THEN 'district'
                ELSE 'province' END AS level,
           cy.province_code, cv.indicator, sum(cv.value) AS value,
           sum(cy.months_expected) AS months_expected, sum(cy.months_submitted) AS months_submitted
    FROM commune_year cy
    JOIN commune_value cv ON cv.commune_code = cy.commune_code
    GROUP BY GROUPING SETS ((cv.indicator, cy.province_code, cy.district_code, cy.commune_code),
                            (cv.indicator, cy.province_code, cy.district_code),
                            (cv.indicator, cy.province_code))
    HAVING GROUPING(cy.district_code) = 1 OR cy.district_code IS NOT NULL
)
SELECT :year, r.unit_code, r.level, r.province_code, r.indicator, r.value, r.months_expected, r.months_submitted,
       coalesce(f.months_complete, 0), r.months_expected > 0 AND r.months_submitted = r.months_expected
FROM rolled r
LEFT JOIN full_months f ON f.unit_code = r.unit_code AND f.level = r.level

-- step: villages, each with the months it reported and its figures for the year
INSERT INTO warehouse.village_year (year, village_code, village_name, commune_code, district_code, province_code,
                                    months_expected, months_reported, crime_cases, new_drug_addicts, camera_model_end)
WITH village_month AS (
    SELECT v.code AS village_code, v.name AS village_name, cm.period, cm.commune_code, cm.district_code,
           cm.province_code, cm.expected, cm.submission_id
    FROM warehouse.commune_month cm
    JOIN ref.unit v ON v.level = 'village' AND v.parent_code = cm.commune_code
                   AND cm.period >= v.valid_from AND cm.period < v.valid_to
    WHERE cm.year = :year AND (:all OR cm.province_code = ANY (string_to_array(:provinces, ',')))
), village_value AS (
    SELECT village_code,
           sum(value) FILTER (WHERE indicator = 'crime_cases') AS crime_cases,
           sum(value) FILTER (WHERE indicator = 'new_drug_addicts') AS new_drug_addicts,
           (array_agg(value ORDER BY period DESC) FILTER (WHERE indicator = 'camera_model'))[1] AS camera_model_end
    FROM warehouse.fact_value
    WHERE year = :year AND village_code IS NOT NULL
      AND (:all OR province_code = ANY (string_to_array(:provinces, ',')))
    GROUP BY village_code
)
SELECT :year, vm.village_code, (array_agg(vm.village_name ORDER BY vm.period DESC))[1],
       (array_agg(vm.commune_code ORDER BY vm.period DESC))[1],
       (array_agg(vm.district_code ORDER BY vm.period DESC))[1],
       (array_agg(vm.province_code ORDER BY vm.period DESC))[1],
       count(*) FILTER (WHERE vm.expected),
       count(*) FILTER (WHERE vm.expected AND vm.submission_id IS NOT NULL),
       max(vv.crime_cases), max(vv.new_drug_addicts), max(vv.camera_model_end)
FROM village_month vm
LEFT JOIN village_value vv ON vv.village_code = vm.village_code
GROUP BY vm.village_code

-- step: village ratios at every level
INSERT INTO warehouse.agg_village_year (year, unit_code, level, province_code, villages, villages_reported, crime_free,
                                        drug_free, camera_groups)
WITH village AS (
    SELECT *, months_expected > 0 AND months_reported = months_expected AS reported
    FROM warehouse.village_year
    WHERE year = :year AND (:all OR province_code = ANY (string_to_array(:provinces, ',')))
)
SELECT :year, coalesce(commune_code, district_code, province_code),
       CASE WHEN GROUPING(commune_code) = 0 THEN 'commune' WHEN GROUPING(district_code) = 0 THEN 'district'
            ELSE 'province' END,
       province_code, count(*), count(*) FILTER (WHERE reported),
       count(*) FILTER (WHERE reported AND crime_cases = 0),
       count(*) FILTER (WHERE reported AND new_drug_addicts = 0),
       sum(camera_model_end)
FROM village
GROUP BY GROUPING SETS ((province_code, district_code, commune_code), (province_code, district_code), (province_code))
HAVING GROUPING(district_code) = 1 OR district_code IS NOT NULL

-- step: names of the units as they were at the end of the year
UPDATE warehouse.agg_indicator_year a
SET unit_name = (SELECT u.name FROM ref.unit u
                 WHERE u.code = a.unit_code AND u.level = a.level AND u.valid_from < make_date(:year + 1, 1, 1)
                 ORDER BY u.valid_from DESC LIMIT 1)
WHERE a.year = :year AND (:all OR a.province_code = ANY (string_to_array(:provinces, ',')));
UPDATE warehouse.agg_village_year a
SET unit_name = (SELECT u.name FROM ref.unit u
                 WHERE u.code = a.unit_code AND u.level = a.level AND u.valid_from < make_date(:year + 1, 1, 1)
                 ORDER BY u.valid_from DESC LIMIT 1)
WHERE a.year = :year AND (:all OR a.province_code = ANY (string_to_array(:provinces, ',')))
