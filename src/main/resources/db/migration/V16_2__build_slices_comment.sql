-- Why: warehouse.build.slices has always held years and communes (the plan's text), not provinces as its comment said;
-- the plan itself now travels between steps as values, and this column is its only text form, for people to read.
COMMENT ON COLUMN warehouse.build.slices IS 'Years and communes rebuilt, for people to read: 2018:*;2019:14320,14347 (* every commune of the year).';
