-- villages, each with the months it reported and its figures for the year
-- A month is reported when the village's own rows were in the accepted file (a village added to the catalogue after
-- its commune's file loaded has none). The indicators feeding the village measures are those the catalogue names
-- (ref.indicator.feeds). In the same pass, the months each village has rows in under each commune, whatever they
-- hold (warehouse.village_fact_months, for as-now windows across a year's end).
WITH commune_month AS MATERIALIZED (
    SELECT period, commune_code, district_code, province_code, expected, unit_valid_from, unit_valid_to
    FROM {commune_month}
    WHERE year = :year AND {slice commune_code}
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
               FILTER (WHERE i.feeds = 'camera_groups'))[2] AS camera_model_end,
           bit_or(1 << (CAST(extract(month FROM f.period) AS int) - 1)) AS months
    FROM {fact_value} f
    -- the table, not the CTE: with its statistics the planner hashes the commune-months, not the village rows
    JOIN {commune_month} cm ON cm.year = :year AND cm.commune_code = f.commune_code AND cm.period = f.period
    LEFT JOIN ref.indicator i ON i.code = f.indicator
    LEFT JOIN ref.unit v ON v.level = 'village' AND v.code = f.village_code AND v.parent_code = f.commune_code
                        AND f.period >= v.valid_from AND f.period < v.valid_to
    WHERE f.year = :year AND f.village_code IS NOT NULL AND {slice f.commune_code}
    GROUP BY f.village_code, f.commune_code, cm.unit_valid_from
), village_year AS (
    -- each village in each version of its commune: the months owed, and the last month (for its name and path up)
    SELECT v.code AS village_code, cm.commune_code, cm.unit_valid_from, cm.unit_valid_to,
           count(*) FILTER (WHERE cm.expected) AS months_expected, max(cm.period) AS last_period
    FROM commune_month cm
    JOIN ref.unit v ON v.level = 'village' AND v.parent_code = cm.commune_code
                   AND cm.period >= v.valid_from AND cm.period < v.valid_to
    GROUP BY v.code, cm.commune_code, cm.unit_valid_from, cm.unit_valid_to
), fact_months AS (
    INSERT INTO {village_fact_months} (year, village_code, commune_code, months)
    SELECT :year, village_code, commune_code, bit_or(months) FROM village_value GROUP BY village_code, commune_code
)
INSERT INTO {village_year} (year, village_code, village_name, commune_code, district_code, province_code,
                            months_expected, months_reported, crime_cases, new_drug_addicts, camera_model_end,
                            unit_valid_from, unit_valid_to)
SELECT :year, y.village_code, v.name, y.commune_code, cm.district_code, cm.province_code, y.months_expected,
       coalesce(vv.months_reported, 0), vv.crime_cases, vv.new_drug_addicts, vv.camera_model_end, y.unit_valid_from,
       y.unit_valid_to
FROM village_year y
JOIN ref.unit v ON v.level = 'village' AND v.code = y.village_code AND y.last_period >= v.valid_from
               AND y.last_period < v.valid_to
JOIN commune_month cm ON cm.commune_code = y.commune_code AND cm.period = y.last_period
LEFT JOIN village_value vv ON vv.village_code = y.village_code AND vv.commune_code = y.commune_code
                          AND vv.unit_valid_from = y.unit_valid_from
