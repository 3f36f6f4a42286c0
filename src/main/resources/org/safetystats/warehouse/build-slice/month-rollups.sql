-- monthly rollups to district and province, from the commune rows
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
