-- village ratios at every level, each unit under its version
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
