-- Why: an incremental build now replaces the rows of the communes whose submissions changed (and the rollups of
-- their provinces), not whole provinces. The unique index on facts cost more at national scale than it guarded
-- (each fact comes from the one LOADED submission of its commune-month, which ops.submission already makes
-- unique); a plain index on the commune serves the slice deletes and analysts' lookups alike.
ALTER TABLE warehouse.fact_value DROP CONSTRAINT fact_value_year_commune_code_period_indicator_village_code_key;
CREATE INDEX fact_value_commune_idx ON warehouse.fact_value (commune_code, period);
CREATE INDEX village_year_commune_idx ON warehouse.village_year (commune_code);
CREATE INDEX agg_indicator_month_province_idx ON warehouse.agg_indicator_month (province_code, level);
CREATE INDEX agg_indicator_year_province_idx ON warehouse.agg_indicator_year (province_code, level);
