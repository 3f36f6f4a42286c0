-- Why: every as-now figure carries its bounds (issue 25, "Bounds"): history apportioned from a split unit is an
-- estimate, so each figure says how low and how high it can be given what can be placed exactly. The build stores
-- them beside the yearly values (warehouse.as_now_window computes them). The years stored before lack them: they are
-- emptied, and the next build, finding the as-now years empty while the warehouse holds years, builds them all again.
ALTER TABLE warehouse.agg_indicator_year_as_now ADD COLUMN value_low numeric, ADD COLUMN value_high numeric;
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.value_low IS 'Low bound of value: only what is placed exactly (whole predecessors, villages placed by village); equal to value when it is exact; NULL when value is.';
COMMENT ON COLUMN warehouse.agg_indicator_year_as_now.value_high IS 'High bound of value: every part of a split predecessor (and every village placed by a guess) that may belong to the unit, counted whole; equal to value when it is exact; NULL when value is.';
TRUNCATE warehouse.agg_indicator_year_as_now;
