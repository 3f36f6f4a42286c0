-- Why: every build compared the as-now rows of each year with the maps they were built with by a fingerprint of the
-- maps (an MD5 over their 47,000 rows at national scale), computed afresh by every build even when the maps were not
-- made anew: 45-70 ms of each incremental build. The fingerprint is now kept when the maps are made.
CREATE TABLE warehouse.as_now_maps (
    mapped_on   date PRIMARY KEY,
    fingerprint text NOT NULL
);
COMMENT ON TABLE warehouse.as_now_maps IS 'The fingerprint of warehouse.unit_map and village_map as the last warehouse build made them (one row): warehouse.as_now_built names it for each year built with them.';
COMMENT ON COLUMN warehouse.as_now_maps.mapped_on IS 'The as-of date the maps were made for.';
COMMENT ON COLUMN warehouse.as_now_maps.fingerprint IS 'MD5 of the maps'' rows (without their day).';
