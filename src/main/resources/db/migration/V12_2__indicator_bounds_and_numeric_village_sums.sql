-- Why: two accepted months of 9223372036854775807 crime cases in one village made every later build fail with
-- "bigint out of range" in village_year, so no correction reached the warehouse again (issue 16). Each indicator now
-- carries the largest value a month can plausibly hold (config/indicators.csv, max_value; a file above it is
-- rejected), and the village sums are numeric, so any sum of accepted values fits, bound or not.
ALTER TABLE ref.indicator ADD COLUMN max_value bigint CHECK (max_value >= 0);
COMMENT ON COLUMN ref.indicator.max_value IS 'Largest value one month of one ward or commune (of one village for village-level indicators) can plausibly hold; a submission above it is rejected (VALUE_ABOVE_BOUND). NULL: no bound.';

ALTER TABLE warehouse.village_year ALTER COLUMN crime_cases TYPE numeric,
    ALTER COLUMN new_drug_addicts TYPE numeric, ALTER COLUMN camera_model_end TYPE numeric;
COMMENT ON COLUMN warehouse.village_year.crime_cases IS 'Crime cases over the months reported; NULL when none was (numeric: holds any sum of accepted values).';
