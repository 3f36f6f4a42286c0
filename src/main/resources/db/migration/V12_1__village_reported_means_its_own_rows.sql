-- Why: a village added to the catalogue after its commune's files loaded has no rows in them, and counted as
-- reported all the same (issue 16); a month now counts only when the village's own rows were in the accepted file.
COMMENT ON COLUMN warehouse.village_year.months_reported IS 'Of those, months in which the accepted report of its commune held the village''s own rows.';
