-- Why: rollups from commune rows to districts and provinces are plain GROUP BYs when each commune row carries
-- its district, instead of a join back to commune_month per row (seconds at national scale).
ALTER TABLE warehouse.agg_indicator_month ADD COLUMN district_code text;
ALTER TABLE warehouse.agg_indicator_year ADD COLUMN district_code text;
COMMENT ON COLUMN warehouse.agg_indicator_month.district_code IS 'District or city the unit belonged to that month (NULL for a province, and after districts were abolished).';
COMMENT ON COLUMN warehouse.agg_indicator_year.district_code IS 'District or city the unit belonged to at the end of the year (NULL for a province, and after districts were abolished).';
