-- facts, the current version of every value
INSERT INTO {fact_value} (year, period, commune_code, village_code, indicator, value, submission_id, province_code)
SELECT :year, cm.period, cm.commune_code, v.village_code, v.indicator, v.value, v.submission_id, cm.province_code
FROM {commune_month} cm
JOIN ops.submission_value v ON v.submission_id = cm.submission_id
WHERE cm.year = :year AND {slice cm.commune_code}
