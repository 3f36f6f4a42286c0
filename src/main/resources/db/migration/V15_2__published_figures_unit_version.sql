-- Why: since the 2025 reform the year views hold a row per unit version (code 14329 is Phường Vân Giang until
-- 2025-07-01 and Phường Hoa Lư from then; province 37 before and after its merger), so a publication must freeze
-- the version with each figure: otherwise two versions of one code collide on the key, or mix.
ALTER TABLE warehouse.published_figures ADD COLUMN unit_valid_from date;
-- Existing publications could only hold units with one version in the year (two would have collided): the version
-- the warehouse has for it, else the first version of every unit, '-infinity' (valid since before our records).
UPDATE warehouse.published_figures f
SET unit_valid_from = coalesce(
        CASE WHEN f.level = 'village'
             THEN (SELECT max(y.unit_valid_from) FROM warehouse.village_year y
                   WHERE y.year = f.year AND y.village_code = f.unit_code)
             ELSE (SELECT max(a.unit_valid_from) FROM warehouse.agg_indicator_year a
                   WHERE a.year = f.year AND a.unit_code = f.unit_code AND a.level = f.level) END,
        '-infinity');
ALTER TABLE warehouse.published_figures ALTER COLUMN unit_valid_from SET NOT NULL,
    DROP CONSTRAINT published_figures_pkey,
    ADD PRIMARY KEY (publication_id, unit_code, level, unit_valid_from, measure);
COMMENT ON TABLE warehouse.published_figures IS 'Grain: one publication, one unit version, one measure. The figures as published: every column of traffic_yoy, village_safety_yoy, indicator_yoy and village_year for the published unit and the units under it, frozen at publication time.';
COMMENT ON COLUMN warehouse.published_figures.unit_valid_from IS 'First day of the unit version the figure belongs to, as in the views it was frozen from (-infinity: valid since before our records; for a village, the version of its ward or commune). In 2025 code 14329 has two: 2025-01-01 Phường Vân Giang, 2025-07-01 Phường Hoa Lư.';
