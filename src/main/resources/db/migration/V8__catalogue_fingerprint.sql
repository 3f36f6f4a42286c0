-- Why: the catalogues are loaded at the start of every job; at national scale (10,000 communes, 100,000
-- villages) re-merging unchanged files costs seconds, so the loader remembers the fingerprint of what it loaded
-- and skips the merge when the files have not changed.
CREATE TABLE ref.catalogue_load (
    loaded_at   timestamptz NOT NULL DEFAULT now() PRIMARY KEY,
    fingerprint text NOT NULL,
    unit_rows   integer NOT NULL
);
COMMENT ON TABLE ref.catalogue_load IS 'Each load of config/ into ref: the SHA-256 of units.csv, villages.csv and indicators.csv taken together.';
COMMENT ON COLUMN ref.catalogue_load.fingerprint IS 'SHA-256 of the catalogue files; the same fingerprint again skips the merge.';
COMMENT ON COLUMN ref.catalogue_load.unit_rows IS 'Unit versions loaded.';
