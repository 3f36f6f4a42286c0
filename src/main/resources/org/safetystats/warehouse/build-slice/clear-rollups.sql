-- clear the rollups of the provinces concerned
DROP TABLE IF EXISTS slice_province;
CREATE TEMP TABLE slice_province ON COMMIT DROP AS
SELECT DISTINCT province_code FROM {commune_month}
WHERE year = :year AND {slice commune_code};
ANALYZE slice_province;
DELETE FROM {agg_indicator_month} WHERE year = :year AND level <> 'commune'
  AND province_code IN (SELECT province_code FROM slice_province);
DELETE FROM {agg_indicator_year} WHERE year = :year AND level <> 'commune'
  AND province_code IN (SELECT province_code FROM slice_province);
DELETE FROM {agg_village_year} WHERE year = :year AND province_code IN (SELECT province_code FROM slice_province)
