-- Why: submissions are validated against versioned administrative units (one code can name different units
-- at different times: 14329 is Phường Vân Giang until 2025-07-01 and Phường Hoa Lư after) and against the
-- indicator catalogue that defines the submission format. The rows come from config/ at the start of each job.
CREATE TABLE ref.unit (
    unit_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL,
    name        text NOT NULL,
    kind        text NOT NULL,
    level       text NOT NULL CHECK (level IN ('province', 'district', 'commune', 'village')),
    parent_code text,
    valid_from  date NOT NULL DEFAULT '-infinity',
    valid_to    date NOT NULL DEFAULT 'infinity',
    source      text,
    UNIQUE (code, valid_from),
    CHECK (valid_from < valid_to),
    CHECK ((level = 'province') = (parent_code IS NULL))
);
CREATE INDEX unit_parent_idx ON ref.unit (parent_code, valid_from);

COMMENT ON TABLE ref.unit IS 'Administrative units at every level (province, district or city, ward or commune, village or residential group), one row per version. A version is valid on days valid_from <= d < valid_to.';
COMMENT ON COLUMN ref.unit.unit_id IS 'Surrogate key of this version of the unit.';
COMMENT ON COLUMN ref.unit.code IS 'GSO code (province, district, commune) or <commune>-<NN> for villages; the same code may name different units in different intervals.';
COMMENT ON COLUMN ref.unit.name IS 'Vietnamese name with its type, as published (Phường Đông Thành).';
COMMENT ON COLUMN ref.unit.kind IS 'Type of unit in Vietnamese: Tỉnh, Thành phố, Phường, Xã, Phố, Thôn, Tổ dân phố.';
COMMENT ON COLUMN ref.unit.level IS 'province, district, commune (ward or commune) or village (village or residential group).';
COMMENT ON COLUMN ref.unit.parent_code IS 'Code of the parent unit; the parent version is the one valid on the same day.';
COMMENT ON COLUMN ref.unit.valid_from IS 'First day of validity; -infinity means since before our records.';
COMMENT ON COLUMN ref.unit.valid_to IS 'First day no longer valid; infinity means still valid.';
COMMENT ON COLUMN ref.unit.source IS 'Where this row comes from (legal act or data set).';

CREATE TABLE ref.indicator (
    code        text PRIMARY KEY,
    name_vi     text NOT NULL,
    name_en     text NOT NULL,
    domain      text NOT NULL,
    level       text NOT NULL CHECK (level IN ('unit', 'village')),
    value_type  text NOT NULL CHECK (value_type IN ('count', 'flag')),
    aggregation text NOT NULL CHECK (aggregation IN ('sum', 'end_of_period')),
    sort_order  integer NOT NULL
);

COMMENT ON TABLE ref.indicator IS 'Indicators a submission reports; their codes are part of the submission format.';
COMMENT ON COLUMN ref.indicator.code IS 'Code used in the indicator column of a submission.';
COMMENT ON COLUMN ref.indicator.name_vi IS 'Vietnamese name.';
COMMENT ON COLUMN ref.indicator.name_en IS 'English name.';
COMMENT ON COLUMN ref.indicator.domain IS 'traffic, crime, drugs or community.';
COMMENT ON COLUMN ref.indicator.level IS 'unit: one value per ward or commune; village: one value per village or residential group.';
COMMENT ON COLUMN ref.indicator.value_type IS 'count: non-negative whole number; flag: 0 or 1.';
COMMENT ON COLUMN ref.indicator.aggregation IS 'How months make a quarter or a year: sum of the months, or the value at the end of the period.';
COMMENT ON COLUMN ref.indicator.sort_order IS 'Order in reports.';
