-- yearly values of the communes
-- The last month of each commune version gives its name and path up at the end of the year. An end-of-period
-- indicator takes the value of the last month reported: max over (month, value) pairs, which needs no sort per group.
-- A version that ends within the next year also gets the figures of the months its last year is compared with (cùng
-- kỳ): this year's months before the month it ends, a year later (same_month).
INSERT INTO {agg_indicator_year} (year, unit_code, unit_name, level, district_code, province_code, indicator,
                                  value, months_expected, months_submitted, months_complete, complete,
                                  unit_valid_from, unit_valid_to, same_months_value, same_months_complete)
WITH last_month AS (
    SELECT DISTINCT ON (commune_code, unit_valid_from) commune_code, unit_valid_from, commune_name, district_code,
           province_code
    FROM {commune_month}
    WHERE year = :year AND {slice commune_code}
    ORDER BY commune_code, unit_valid_from, period DESC
), yearly AS (
    SELECT m.unit_code, m.unit_valid_from, m.unit_valid_to, m.indicator, sum(m.value) AS total,
           (max(ARRAY[CAST(extract(month FROM m.period) AS numeric), m.value]) FILTER (WHERE m.value IS NOT NULL))[2]
               AS last_value,
           sum(m.communes_expected) AS months_expected, sum(m.communes_submitted) AS months_submitted,
           count(*) FILTER (WHERE m.communes_expected > 0 AND m.communes_submitted >= m.communes_expected)
               AS months_complete,
           sum(m.value) FILTER (WHERE m.same_month) AS same_total,
           (max(ARRAY[CAST(extract(month FROM m.period) AS numeric), m.value])
                FILTER (WHERE m.same_month AND m.value IS NOT NULL AND m.communes_submitted > 0))[2] AS same_last,
           sum(m.communes_expected) FILTER (WHERE m.same_month) AS same_expected,
           sum(m.communes_submitted) FILTER (WHERE m.same_month) AS same_submitted
    FROM (SELECT m.*, m.unit_valid_to < make_date(:year + 2, 1, 1)
                      AND m.period < CAST(m.unit_valid_to - INTERVAL '1 year' AS date) AS same_month
          FROM {agg_indicator_month} m
          WHERE m.year = :year AND m.level = 'commune' AND {slice m.unit_code}) m
    GROUP BY m.unit_code, m.unit_valid_from, m.unit_valid_to, m.indicator
)
SELECT :year, y.unit_code, n.commune_name, 'commune', n.district_code, n.province_code, y.indicator,
       CASE WHEN i.aggregation = 'sum' THEN y.total ELSE y.last_value END,
       y.months_expected, y.months_submitted, y.months_complete,
       y.months_expected > 0 AND y.months_submitted >= y.months_expected, y.unit_valid_from, y.unit_valid_to,
       CASE WHEN y.unit_valid_to > make_date(:year + 1, 1, 1) AND y.unit_valid_to < make_date(:year + 2, 1, 1)
            THEN CASE WHEN i.aggregation = 'sum' THEN y.same_total ELSE y.same_last END END,
       CASE WHEN y.unit_valid_to > make_date(:year + 1, 1, 1) AND y.unit_valid_to < make_date(:year + 2, 1, 1)
            THEN y.same_expected > 0 AND y.same_submitted >= y.same_expected END
FROM yearly y
JOIN ref.indicator i ON i.code = y.indicator
JOIN last_month n ON n.commune_code = y.unit_code AND n.unit_valid_from = y.unit_valid_from
