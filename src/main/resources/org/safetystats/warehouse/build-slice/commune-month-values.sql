-- monthly values of the communes
INSERT INTO {agg_indicator_month} (year, period, unit_code, level, district_code, province_code, indicator,
                                           value, communes_expected, communes_submitted, unit_valid_from, unit_valid_to)
WITH monthly AS (
    -- a commune-month's facts are those of its current submission: grouped by its id, which hashes faster than the
    -- commune's code and month
    SELECT submission_id, indicator, sum(value) AS value
    FROM {fact_value}
    WHERE year = :year AND {slice commune_code}
    GROUP BY submission_id, indicator
)
SELECT :year, cm.period, cm.commune_code, 'commune', cm.district_code, cm.province_code, i.code, m.value,
       CASE WHEN cm.expected THEN 1 ELSE 0 END, CASE WHEN cm.submission_id IS NOT NULL THEN 1 ELSE 0 END,
       cm.unit_valid_from, cm.unit_valid_to
FROM {commune_month} cm
CROSS JOIN ref.indicator i
LEFT JOIN monthly m ON m.submission_id = cm.submission_id AND m.indicator = i.code
WHERE cm.year = :year AND (cm.expected OR cm.submission_id IS NOT NULL)
  AND {slice cm.commune_code}
