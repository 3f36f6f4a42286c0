-- Why: year-over-year across the 2025 reform. Each boundary change is an edge from one unit version to its successor
-- version (full, or partial with a weight), so history can be re-aggregated onto the units valid today ("as now").
-- The as-then tables gain the validity of the unit version each row belongs to, so that a code naming two units in
-- one year (14329: Phường Vân Giang until 2025-07-01, Phường Hoa Lư after) gives two rows, never one mixed row.
-- Populations (2019 census for the old units, 2024 administrative figures for the units of 2025-07-01) give the
-- rates per 100,000 people.
CREATE TABLE ref.unit_lineage (
    from_code       text NOT NULL,
    from_valid_from date NOT NULL,
    to_code         text NOT NULL,
    to_valid_from   date NOT NULL,
    changed_on      date NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('full', 'partial')),
    weight          numeric CHECK (weight > 0 AND weight <= 1),
    source          text,
    PRIMARY KEY (from_code, from_valid_from, to_code, to_valid_from),
    FOREIGN KEY (from_code, from_valid_from) REFERENCES ref.unit (code, valid_from),
    FOREIGN KEY (to_code, to_valid_from) REFERENCES ref.unit (code, valid_from)
);
CREATE INDEX unit_lineage_to_idx ON ref.unit_lineage (to_code, to_valid_from);
COMMENT ON TABLE ref.unit_lineage IS 'Boundary changes of wards and communes: one edge from a unit version to a successor version (bundled 2025-07-01 crosswalk for the provinces loaded, plus config/lineage.csv).';
COMMENT ON COLUMN ref.unit_lineage.from_code IS 'Code of the unit version that ended.';
COMMENT ON COLUMN ref.unit_lineage.from_valid_from IS 'valid_from of that version (ref.unit).';
COMMENT ON COLUMN ref.unit_lineage.to_code IS 'Code of the successor version.';
COMMENT ON COLUMN ref.unit_lineage.to_valid_from IS 'valid_from of the successor version.';
COMMENT ON COLUMN ref.unit_lineage.changed_on IS 'Day the change took effect.';
COMMENT ON COLUMN ref.unit_lineage.kind IS 'full: the whole unit went to the successor; partial: a part of it (the unit was split).';
COMMENT ON COLUMN ref.unit_lineage.weight IS 'Share of a split unit''s counts given to this successor; NULL for full edges, and for partial edges without an admin''s weight (then the share of the unit''s villages that went to it).';
COMMENT ON COLUMN ref.unit_lineage.source IS 'Legal act or data set the edge comes from.';

CREATE TABLE ref.unit_population (
    code       text NOT NULL,
    valid_from date NOT NULL,
    population bigint NOT NULL CHECK (population >= 0),
    source     text,
    PRIMARY KEY (code, valid_from),
    FOREIGN KEY (code, valid_from) REFERENCES ref.unit (code, valid_from)
);
COMMENT ON TABLE ref.unit_population IS 'Population of a unit version (wards and communes), for rates per 100,000 people.';
COMMENT ON COLUMN ref.unit_population.code IS 'Unit code.';
COMMENT ON COLUMN ref.unit_population.valid_from IS 'valid_from of the unit version.';
COMMENT ON COLUMN ref.unit_population.population IS 'People living in the unit.';
COMMENT ON COLUMN ref.unit_population.source IS 'Where the figure comes from (2019 census, 2024 administrative figures, config).';

-- As-then rows carry the version of their unit (existing rows: a full rebuild follows, since the catalogue changes).
ALTER TABLE warehouse.commune_month ADD COLUMN unit_valid_from date NOT NULL DEFAULT '-infinity',
                                    ADD COLUMN unit_valid_to date NOT NULL DEFAULT 'infinity';
ALTER TABLE warehouse.agg_indicator_month ADD COLUMN unit_valid_from date NOT NULL DEFAULT '-infinity',
                                          ADD COLUMN unit_valid_to date NOT NULL DEFAULT 'infinity';
ALTER TABLE warehouse.agg_indicator_year ADD COLUMN unit_valid_from date NOT NULL DEFAULT '-infinity',
                                         ADD COLUMN unit_valid_to date NOT NULL DEFAULT 'infinity';
ALTER TABLE warehouse.village_year ADD COLUMN unit_valid_from date NOT NULL DEFAULT '-infinity',
                                   ADD COLUMN unit_valid_to date NOT NULL DEFAULT 'infinity';
ALTER TABLE warehouse.agg_village_year ADD COLUMN unit_valid_from date NOT NULL DEFAULT '-infinity',
                                       ADD COLUMN unit_valid_to date NOT NULL DEFAULT 'infinity';
ALTER TABLE warehouse.agg_indicator_year DROP CONSTRAINT agg_indicator_year_pkey,
    ADD PRIMARY KEY (year, unit_code, level, indicator, unit_valid_from);
ALTER TABLE warehouse.village_year DROP CONSTRAINT village_year_pkey,
    ADD PRIMARY KEY (year, village_code, commune_code, unit_valid_from);
ALTER TABLE warehouse.agg_village_year DROP CONSTRAINT agg_village_year_pkey,
    ADD PRIMARY KEY (year, unit_code, level, unit_valid_from);
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['commune_month', 'agg_indicator_month', 'agg_indicator_year', 'village_year',
                             'agg_village_year'] LOOP
        EXECUTE format('COMMENT ON COLUMN warehouse.%I.unit_valid_from IS %L', t,
            'First day of validity of the unit version the row belongs to (-infinity: since before our records); a code naming two units in one year gives two rows.');
        EXECUTE format('COMMENT ON COLUMN warehouse.%I.unit_valid_to IS %L', t,
            'First day the unit version is no longer valid (infinity: still valid).');
    END LOOP;
END
$$;
COMMENT ON COLUMN warehouse.village_year.unit_valid_from IS 'First day of validity of the ward or commune version the village belonged to (a village that moved in the year has a row per version).';
COMMENT ON COLUMN warehouse.village_year.unit_valid_to IS 'First day that ward or commune version is no longer valid.';
