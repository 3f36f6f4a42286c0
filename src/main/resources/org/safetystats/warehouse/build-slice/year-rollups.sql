-- yearly rollups to district and province, from the monthly rollups
-- A district's or province's year is the sum of its months, each commune month under the parent (and the parent's
-- version) valid that month, as the monthly rollups already hold it: a commune that moves mid-year counts in each
-- parent for its months there. An end-of-period indicator takes each commune's last value reported under the parent
-- version, from the commune rows.
-- A version that ends within the next year also gets the figures of the months its last year is compared with (cùng
-- kỳ), as the communes' rows do (commune-year-values.sql): from its monthly rollups, the last month reported taken
-- for an end-of-period indicator.
INSERT INTO {agg_indicator_year} (year, unit_code, unit_name, level, district_code, province_code, indicator,
                                  value, months_expected, months_submitted, months_complete, complete,
                                  unit_valid_from, unit_valid_to, same_months_value, same_months_complete)
WITH monthly AS MATERIALIZED (
    SELECT unit_code, level, unit_valid_from, unit_valid_to, period, indicator, district_code, province_code, value,
           communes_expected, communes_submitted,
           unit_valid_to < make_date(:year + 2, 1, 1)
               AND period < CAST(unit_valid_to - INTERVAL '1 year' AS date) AS same_month
    FROM {agg_indicator_month}
    WHERE year = :year AND level <> 'commune' AND province_code IN (SELECT province_code FROM slice_province)
), rolled AS (
    SELECT m.unit_code, m.level, m.unit_valid_from, m.unit_valid_to, m.indicator, min(i.aggregation) AS aggregation,
           (array_agg(m.district_code ORDER BY m.period DESC))[1] AS district_code,
           (array_agg(m.province_code ORDER BY m.period DESC))[1] AS province_code,
           sum(m.value) AS value, sum(m.communes_expected) AS months_expected,
           sum(m.communes_submitted) AS months_submitted,
           sum(m.value) FILTER (WHERE m.same_month) AS same_total,
           (max(ARRAY[CAST(extract(month FROM m.period) AS numeric), m.value])
                FILTER (WHERE m.same_month AND m.value IS NOT NULL AND m.communes_submitted > 0))[2] AS same_last,
           sum(m.communes_expected) FILTER (WHERE m.same_month) AS same_expected,
           sum(m.communes_submitted) FILTER (WHERE m.same_month) AS same_submitted
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
       r.unit_valid_from, r.unit_valid_to,
       CASE WHEN r.unit_valid_to > make_date(:year + 1, 1, 1) AND r.unit_valid_to < make_date(:year + 2, 1, 1)
            THEN CASE WHEN r.aggregation = 'sum' THEN r.same_total ELSE r.same_last END END,
       CASE WHEN r.unit_valid_to > make_date(:year + 1, 1, 1) AND r.unit_valid_to < make_date(:year + 2, 1, 1)
            THEN r.same_expected > 0 AND r.same_submitted >= r.same_expected END
FROM rolled r
LEFT JOIN end_values e ON e.unit_code = r.unit_code AND e.level = r.level AND e.unit_valid_from = r.unit_valid_from
                      AND e.indicator = r.indicator
LEFT JOIN full_months f ON f.unit_code = r.unit_code AND f.level = r.level AND f.unit_valid_from = r.unit_valid_from
LEFT JOIN ref.unit n ON n.code = r.unit_code AND n.level = r.level AND n.valid_from = r.unit_valid_from
