-- Why: the as-now views re-aggregate history through the lineage on every query; walking the lineage inside each
-- query left the planner guessing one row for it (and looping over whole result sets). Each warehouse build now
-- stores where every unit version and every village counts today, analysed, and the as-now function joins these.
CREATE TABLE warehouse.unit_map (
    unit_code         text NOT NULL,
    unit_name         text NOT NULL,
    unit_valid_from   date NOT NULL,
    unit_valid_to     date NOT NULL,
    now_code          text NOT NULL,
    now_valid_from    date NOT NULL,
    now_name          text NOT NULL,
    now_province_code text,
    now_province_name text,
    weight            numeric NOT NULL,
    estimated         boolean NOT NULL,
    mapped_on         date NOT NULL,
    PRIMARY KEY (unit_code, unit_valid_from, now_code)
);
COMMENT ON TABLE warehouse.unit_map IS 'warehouse.unit_as_now as of the last warehouse build: each ward or commune version, past or present, with the ward or commune valid on mapped_on it counts for, and the share.';
COMMENT ON COLUMN warehouse.unit_map.unit_code IS 'Code of the version (as then).';
COMMENT ON COLUMN warehouse.unit_map.unit_name IS 'Its name then.';
COMMENT ON COLUMN warehouse.unit_map.unit_valid_from IS 'First day of the version.';
COMMENT ON COLUMN warehouse.unit_map.unit_valid_to IS 'First day it is no longer valid.';
COMMENT ON COLUMN warehouse.unit_map.now_code IS 'Ward or commune valid on mapped_on that took it in (itself when still valid).';
COMMENT ON COLUMN warehouse.unit_map.now_valid_from IS 'First day of that unit''s current version.';
COMMENT ON COLUMN warehouse.unit_map.now_name IS 'Its name.';
COMMENT ON COLUMN warehouse.unit_map.now_province_code IS 'Province it belongs to.';
COMMENT ON COLUMN warehouse.unit_map.now_province_name IS 'Its name.';
COMMENT ON COLUMN warehouse.unit_map.weight IS 'Share of the old version''s unit-level counts that goes to now_code (1 for full merges).';
COMMENT ON COLUMN warehouse.unit_map.estimated IS 'Whether a partial split lies on the way.';
COMMENT ON COLUMN warehouse.unit_map.mapped_on IS 'The day "today" was when the map was made (the last warehouse build).';

CREATE TABLE warehouse.village_map (
    village_code      text PRIMARY KEY,
    now_code          text NOT NULL,
    now_province_code text,
    estimated         boolean NOT NULL
);
COMMENT ON TABLE warehouse.village_map IS 'warehouse.village_as_now as of the last warehouse build: the ward or commune each village counts under today.';
COMMENT ON COLUMN warehouse.village_map.village_code IS 'Village code.';
COMMENT ON COLUMN warehouse.village_map.now_code IS 'Ward or commune it counts under.';
COMMENT ON COLUMN warehouse.village_map.now_province_code IS 'Province of that ward or commune.';
COMMENT ON COLUMN warehouse.village_map.estimated IS 'Whether the village no longer exists and its ward was split (its place is then a guess).';
