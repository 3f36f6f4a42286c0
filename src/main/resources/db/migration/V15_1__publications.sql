-- Why: a city publishes its yearly review on a date, and wards keep correcting their files after it. The truth
-- moves on (corrections still load), but a published figure must stay reproducible: each publication freezes the
-- figures of every warehouse view for a unit, a year and the units under it, with who published it and when.
-- A correction of a published period can be held until an admin approves it (PENDING_APPROVAL), or refused.
CREATE TABLE warehouse.publication (
    publication_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_code      text NOT NULL,
    year           integer NOT NULL,
    published_at   timestamptz NOT NULL,
    published_by   text NOT NULL,
    reason         text NOT NULL,
    figures        integer NOT NULL
);
CREATE INDEX publication_year_idx ON warehouse.publication (year, unit_code);
COMMENT ON TABLE warehouse.publication IS 'Grain: one publication. An admin published the figures of a unit (and the units under it) for a year; warehouse.published_figures holds them as they were.';
COMMENT ON COLUMN warehouse.publication.publication_id IS 'Number of the publication, cited in reports and in the warnings of later corrections.';
COMMENT ON COLUMN warehouse.publication.unit_code IS 'Unit published (province, district or city, ward or commune); the units under it are published with it.';
COMMENT ON COLUMN warehouse.publication.year IS 'Calendar year published.';
COMMENT ON COLUMN warehouse.publication.published_at IS 'When it was published.';
COMMENT ON COLUMN warehouse.publication.published_by IS 'Admin who published it.';
COMMENT ON COLUMN warehouse.publication.reason IS 'Why, in the admin''s words (e.g. the review it was published in).';
COMMENT ON COLUMN warehouse.publication.figures IS 'How many figures were frozen.';

CREATE TABLE warehouse.published_figures (
    publication_id bigint NOT NULL REFERENCES warehouse.publication,
    published_at   timestamptz NOT NULL,
    published_by   text NOT NULL,
    unit_code      text NOT NULL,
    level          text NOT NULL,
    year           integer NOT NULL,
    measure        text NOT NULL,
    value          numeric,
    PRIMARY KEY (publication_id, unit_code, level, measure)
);
CREATE INDEX published_figures_unit_idx ON warehouse.published_figures (unit_code, year);
COMMENT ON TABLE warehouse.published_figures IS 'Grain: one publication, one unit, one measure. The figures as published: every column of traffic_yoy, village_safety_yoy, indicator_yoy and village_year for the published unit and the units under it, frozen at publication time.';
COMMENT ON COLUMN warehouse.published_figures.publication_id IS 'The publication (warehouse.publication).';
COMMENT ON COLUMN warehouse.published_figures.published_at IS 'When it was published.';
COMMENT ON COLUMN warehouse.published_figures.published_by IS 'Admin who published it.';
COMMENT ON COLUMN warehouse.published_figures.unit_code IS 'Unit of the figure: the published unit or one under it (a village code for village figures).';
COMMENT ON COLUMN warehouse.published_figures.level IS 'province, district, commune or village.';
COMMENT ON COLUMN warehouse.published_figures.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.published_figures.measure IS 'An indicator code (its yearly value), <indicator>.<column> for the other columns of indicator_yoy (crime_cases.prev_value), or a column of traffic_yoy, village_safety_yoy or village_year (crime_free_pct, drug_free_pct, camera_groups, accidents, ...).';
COMMENT ON COLUMN warehouse.published_figures.value IS 'The value as published; booleans as 1 and 0; NULL when the figure was unknown (never a zero for missing data).';

-- PENDING_APPROVAL: a correction of a published period, held until an admin approves it (then LOADED) or refuses
-- it (REFUSED); its values are kept but count nowhere until then.
ALTER TABLE ops.submission DROP CONSTRAINT submission_status_check;
ALTER TABLE ops.submission ADD CONSTRAINT submission_status_check
    CHECK (status IN ('LOADED', 'REJECTED', 'DUPLICATE', 'SUPERSEDED', 'PENDING_APPROVAL', 'REFUSED'));
CREATE INDEX submission_pending_idx ON ops.submission (submission_id) WHERE status = 'PENDING_APPROVAL';
COMMENT ON COLUMN ops.submission.status IS 'LOADED (current version), SUPERSEDED (a later version replaced it), REJECTED (has errors, nothing loaded), DUPLICATE (same bytes as an earlier accepted file, nothing loaded), PENDING_APPROVAL (a correction of a published period waiting for an admin; counts nowhere yet), REFUSED (such a correction an admin refused).';
COMMENT ON COLUMN ops.admin_action.action IS 'run, rerun-warehouse, rerun-ingest, restart, stop, publish, approve or refuse.';
COMMENT ON COLUMN ops.admin_action.outcome IS 'STARTED, ALREADY_RUNNING (with the running execution), REFUSED, or DONE (publish, approve, refuse: done at once).';
