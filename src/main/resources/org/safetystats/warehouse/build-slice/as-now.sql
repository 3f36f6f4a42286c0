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
