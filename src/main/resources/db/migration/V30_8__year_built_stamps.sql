-- Why (issue 31, target 4): published_changes compared every publication's figures with the current ones, computed
-- anew: 8.1-9.3 s with the 34 provinces' 2025 published on the national bench, against 1 s. A publication's figures
-- can only differ from the current ones where a build has rewritten their year (or the year before, which their
-- comparisons read) in their provinces since it was published. Each build now stamps the years and provinces it
-- rewrites with its transaction, and each publication keeps the snapshot it was made in: a publication no build has
-- touched since (no stamp outside its snapshot in its provinces) is not computed at all. Transaction ids, not times: a build that started before
-- a publication and committed after it is not in its snapshot, so it counts as after it.
CREATE TABLE warehouse.year_built (
    year          integer NOT NULL,
    province_code text NOT NULL,
    xid           xid8 NOT NULL,
    built_at      timestamptz NOT NULL,
    PRIMARY KEY (year, province_code)
);
COMMENT ON TABLE warehouse.year_built IS 'Grain: year, province. The last build that rewrote the year''s rows of the province (province_code *: of every province, a whole year swapped in), by its transaction: warehouse.published_changes computes a publication''s changes only where a build not in the publication''s snapshot has rewritten its year or the year before.';
COMMENT ON COLUMN warehouse.year_built.year IS 'Calendar year rewritten.';
COMMENT ON COLUMN warehouse.year_built.province_code IS 'Province whose rows were rewritten (as the commune months of the year name it); * for every province.';
COMMENT ON COLUMN warehouse.year_built.xid IS 'The build''s transaction (pg_current_xact_id()).';
COMMENT ON COLUMN warehouse.year_built.built_at IS 'When that transaction started.';

-- the publications made before keep no snapshot (NULL): their changes are always computed
ALTER TABLE warehouse.publication ADD COLUMN snapshot pg_snapshot, ADD COLUMN provinces text[];
ALTER TABLE warehouse.publication ALTER COLUMN snapshot SET DEFAULT pg_current_snapshot();
COMMENT ON COLUMN warehouse.publication.snapshot IS 'The database snapshot the publication was made in (before its figures were frozen): the builds in it are those its figures may reflect (warehouse.year_built); NULL for publications made before it was kept, or restored from another cluster.';
COMMENT ON COLUMN warehouse.publication.provinces IS 'The provinces the commune months of its units name in its year and the year before (as warehouse.year_built names those a build rewrote); NULL for publications made before it was kept.';
