-- Why: analysts query year-over-year figures in SQL, and a rebuild must be cheap and atomic. Every warehouse
-- table is partitioned by year (PostgreSQL declarative partitioning, one partition per year from 2000 to 2040 and a
-- default one), so a year rebuilds or drops on its own; the build replaces a year's rows for the provinces that
-- changed in one transaction. Rollups above the commune are GROUPING SETS over commune rows, with the path up
-- (district or city, province) valid at the time. Missing data is never a zero: every aggregate carries what it
-- rests on (months and units submitted out of those expected).

CREATE TABLE warehouse.dim_period (
    period      date PRIMARY KEY,
    period_text text NOT NULL UNIQUE,
    year        integer NOT NULL,
    quarter     integer NOT NULL,
    month       integer NOT NULL
);
INSERT INTO warehouse.dim_period
SELECT d::date, to_char(d, 'YYYY-MM'), extract(year FROM d)::int, extract(quarter FROM d)::int, extract(month FROM d)::int
FROM generate_series(DATE '2000-01-01', DATE '2040-12-01', INTERVAL '1 month') AS d;
COMMENT ON TABLE warehouse.dim_period IS 'Calendar months 2000-01 to 2040-12; each month knows its quarter and year.';
COMMENT ON COLUMN warehouse.dim_period.period IS 'First day of the month.';
COMMENT ON COLUMN warehouse.dim_period.period_text IS 'The month as written in submissions: YYYY-MM.';
COMMENT ON COLUMN warehouse.dim_period.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.dim_period.quarter IS 'Quarter of the year, 1 to 4.';
COMMENT ON COLUMN warehouse.dim_period.month IS 'Month of the year, 1 to 12.';

CREATE VIEW warehouse.dim_indicator AS
SELECT code AS indicator, name_vi, name_en, domain, level, value_type, aggregation, sort_order FROM ref.indicator;
COMMENT ON VIEW warehouse.dim_indicator IS 'Indicators of the submission format and how each aggregates over time.';
COMMENT ON COLUMN warehouse.dim_indicator.indicator IS 'Indicator code.';
COMMENT ON COLUMN warehouse.dim_indicator.name_vi IS 'Vietnamese name.';
COMMENT ON COLUMN warehouse.dim_indicator.name_en IS 'English name.';
COMMENT ON COLUMN warehouse.dim_indicator.domain IS 'traffic, crime, drugs or community.';
COMMENT ON COLUMN warehouse.dim_indicator.level IS 'unit (reported once per ward or commune) or village.';
COMMENT ON COLUMN warehouse.dim_indicator.value_type IS 'count or flag (0/1).';
COMMENT ON COLUMN warehouse.dim_indicator.aggregation IS 'sum: months add up; end_of_period: the value of the last month of the period.';
COMMENT ON COLUMN warehouse.dim_indicator.sort_order IS 'Order in reports.';

CREATE TABLE warehouse.commune_month (
    year          integer NOT NULL,
    period        date NOT NULL,
    commune_code  text NOT NULL,
    commune_name  text NOT NULL,
    district_code text,
    province_code text NOT NULL,
    expected      boolean NOT NULL,
    submission_id bigint,
    received_at   timestamptz,
    PRIMARY KEY (year, commune_code, period)
) PARTITION BY LIST (year);
COMMENT ON TABLE warehouse.commune_month IS 'Grain: one ward or commune, one month of a built year. Which units owed a report, and the submission that answers it: the backbone of completeness.';
COMMENT ON COLUMN warehouse.commune_month.year IS 'Calendar year (partition key).';
COMMENT ON COLUMN warehouse.commune_month.period IS 'First day of the month.';
COMMENT ON COLUMN warehouse.commune_month.commune_code IS 'Ward or commune code.';
COMMENT ON COLUMN warehouse.commune_month.commune_name IS 'Its name in that month.';
COMMENT ON COLUMN warehouse.commune_month.district_code IS 'District or city it belonged to that month (NULL after districts were abolished on 2025-07-01).';
COMMENT ON COLUMN warehouse.commune_month.province_code IS 'Province it belonged to that month.';
COMMENT ON COLUMN warehouse.commune_month.expected IS 'Whether the month is over when the year was built, so a report is owed.';
COMMENT ON COLUMN warehouse.commune_month.submission_id IS 'The current (LOADED) submission for the month; NULL when none was accepted.';
COMMENT ON COLUMN warehouse.commune_month.received_at IS 'When that submission arrived.';

CREATE TABLE warehouse.fact_value (
    year          integer NOT NULL,
    period        date NOT NULL,
    commune_code  text NOT NULL,
    village_code  text,
    indicator     text NOT NULL,
    value         bigint NOT NULL,
    submission_id bigint NOT NULL,
    province_code text NOT NULL,
    UNIQUE NULLS NOT DISTINCT (year, commune_code, period, indicator, village_code)
) PARTITION BY LIST (year);
COMMENT ON TABLE warehouse.fact_value IS 'Grain: one value of one indicator for one ward or commune (or one of its villages) in one month: the current version only, traceable to its file through submission_id.';
COMMENT ON COLUMN warehouse.fact_value.year IS 'Calendar year (partition key).';
COMMENT ON COLUMN warehouse.fact_value.period IS 'First day of the month.';
COMMENT ON COLUMN warehouse.fact_value.commune_code IS 'Ward or commune that reported.';
COMMENT ON COLUMN warehouse.fact_value.village_code IS 'Village or residential group for village-level indicators; NULL for unit-level ones.';
COMMENT ON COLUMN warehouse.fact_value.indicator IS 'Indicator code (warehouse.dim_indicator).';
COMMENT ON COLUMN warehouse.fact_value.value IS 'The value reported.';
COMMENT ON COLUMN warehouse.fact_value.submission_id IS 'The submission it came from (ops.submissions, for admins).';
COMMENT ON COLUMN warehouse.fact_value.province_code IS 'Province of the commune that month (the unit of incremental rebuilds).';

CREATE TABLE warehouse.agg_indicator_month (
    year               integer NOT NULL,
    period             date NOT NULL,
    unit_code          text NOT NULL,
    level              text NOT NULL,
    province_code      text NOT NULL,
    indicator          text NOT NULL,
    value              numeric,
    communes_expected  integer NOT NULL,
    communes_submitted integer NOT NULL,
    PRIMARY KEY (year, unit_code, level, indicator, period)
) PARTITION BY LIST (year);
COMMENT ON TABLE warehouse.agg_indicator_month IS 'Grain: one unit at one level (commune, district, province), one indicator, one month. Village-level indicators are summed over the villages (for camera_model: the number of groups running it).';
COMMENT ON COLUMN warehouse.agg_indicator_month.year IS 'Calendar year (partition key).';
COMMENT ON COLUMN warehouse.agg_indicator_month.period IS 'First day of the month.';
COMMENT ON COLUMN warehouse.agg_indicator_month.unit_code IS 'Code of the unit.';
COMMENT ON COLUMN warehouse.agg_indicator_month.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.agg_indicator_month.province_code IS 'Province the unit belongs to (itself for a province).';
COMMENT ON COLUMN warehouse.agg_indicator_month.indicator IS 'Indicator code.';
COMMENT ON COLUMN warehouse.agg_indicator_month.value IS 'Sum over the communes that submitted; NULL when none did (never a zero for missing data).';
COMMENT ON COLUMN warehouse.agg_indicator_month.communes_expected IS 'Wards and communes that owed a report for the month (0 while the month is not over).';
COMMENT ON COLUMN warehouse.agg_indicator_month.communes_submitted IS 'Wards and communes whose report was accepted.';

CREATE TABLE warehouse.agg_indicator_year (
    year             integer NOT NULL,
    unit_code        text NOT NULL,
    unit_name        text,
    level            text NOT NULL,
    province_code    text NOT NULL,
    indicator        text NOT NULL,
    value            numeric,
    months_expected  integer NOT NULL,
    months_submitted integer NOT NULL,
    months_complete  integer NOT NULL,
    complete         boolean NOT NULL,
    PRIMARY KEY (year, unit_code, level, indicator)
) PARTITION BY LIST (year);
COMMENT ON TABLE warehouse.agg_indicator_year IS 'Grain: one unit at one level, one indicator, one year. The value is the sum of the months, or for end_of_period indicators the value of the last month each commune reported, summed over communes.';
COMMENT ON COLUMN warehouse.agg_indicator_year.year IS 'Calendar year (partition key).';
COMMENT ON COLUMN warehouse.agg_indicator_year.unit_code IS 'Code of the unit.';
COMMENT ON COLUMN warehouse.agg_indicator_year.unit_name IS 'Its name at the end of the year.';
COMMENT ON COLUMN warehouse.agg_indicator_year.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.agg_indicator_year.province_code IS 'Province the unit belongs to.';
COMMENT ON COLUMN warehouse.agg_indicator_year.indicator IS 'Indicator code.';
COMMENT ON COLUMN warehouse.agg_indicator_year.value IS 'Value for the year over what was submitted; NULL when nothing was.';
COMMENT ON COLUMN warehouse.agg_indicator_year.months_expected IS 'Commune-months owed (12 per ward or commune for a past year).';
COMMENT ON COLUMN warehouse.agg_indicator_year.months_submitted IS 'Commune-months accepted.';
COMMENT ON COLUMN warehouse.agg_indicator_year.months_complete IS 'Months of the year in which every ward or commune under the unit reported.';
COMMENT ON COLUMN warehouse.agg_indicator_year.complete IS 'Whether every commune-month owed was submitted.';

CREATE TABLE warehouse.village_year (
    year              integer NOT NULL,
    village_code      text NOT NULL,
    village_name      text NOT NULL,
    commune_code      text NOT NULL,
    district_code     text,
    province_code     text NOT NULL,
    months_expected   integer NOT NULL,
    months_reported   integer NOT NULL,
    crime_cases       bigint,
    new_drug_addicts  bigint,
    camera_model_end  bigint,
    PRIMARY KEY (year, village_code)
) PARTITION BY LIST (year);
COMMENT ON TABLE warehouse.village_year IS 'Grain: one village or residential group, one year: how many months it reported and its yearly figures.';
COMMENT ON COLUMN warehouse.village_year.year IS 'Calendar year (partition key).';
COMMENT ON COLUMN warehouse.village_year.village_code IS 'Village code <commune>-<NN>.';
COMMENT ON COLUMN warehouse.village_year.village_name IS 'Its name.';
COMMENT ON COLUMN warehouse.village_year.commune_code IS 'Ward or commune at the end of the year.';
COMMENT ON COLUMN warehouse.village_year.district_code IS 'District or city at the end of the year.';
COMMENT ON COLUMN warehouse.village_year.province_code IS 'Province at the end of the year.';
COMMENT ON COLUMN warehouse.village_year.months_expected IS 'Months of the year its commune owed a report while the village existed.';
COMMENT ON COLUMN warehouse.village_year.months_reported IS 'Of those, months with an accepted report.';
COMMENT ON COLUMN warehouse.village_year.crime_cases IS 'Crime cases over the months reported; NULL when none was.';
COMMENT ON COLUMN warehouse.village_year.new_drug_addicts IS 'New drug addicts over the months reported.';
COMMENT ON COLUMN warehouse.village_year.camera_model_end IS 'camera_model in the last month reported (1: runs the security camera model).';

CREATE TABLE warehouse.agg_village_year (
    year              integer NOT NULL,
    unit_code         text NOT NULL,
    unit_name         text,
    level             text NOT NULL,
    province_code     text NOT NULL,
    villages          integer NOT NULL,
    villages_reported integer NOT NULL,
    crime_free        integer NOT NULL,
    drug_free         integer NOT NULL,
    camera_groups     integer,
    PRIMARY KEY (year, unit_code, level)
) PARTITION BY LIST (year);
COMMENT ON TABLE warehouse.agg_village_year IS 'Grain: one unit at one level, one year: village counts behind the crime-free, drug-free and camera figures. Only villages that reported every month owed count in the ratios.';
COMMENT ON COLUMN warehouse.agg_village_year.year IS 'Calendar year (partition key).';
COMMENT ON COLUMN warehouse.agg_village_year.unit_code IS 'Code of the unit.';
COMMENT ON COLUMN warehouse.agg_village_year.unit_name IS 'Its name at the end of the year.';
COMMENT ON COLUMN warehouse.agg_village_year.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.agg_village_year.province_code IS 'Province the unit belongs to.';
COMMENT ON COLUMN warehouse.agg_village_year.villages IS 'Villages and residential groups of the unit in the year.';
COMMENT ON COLUMN warehouse.agg_village_year.villages_reported IS 'Of those, villages that reported every month owed (all twelve for a past year).';
COMMENT ON COLUMN warehouse.agg_village_year.crime_free IS 'Reported villages with no crime case all year.';
COMMENT ON COLUMN warehouse.agg_village_year.drug_free IS 'Reported villages with no new drug addict all year.';
COMMENT ON COLUMN warehouse.agg_village_year.camera_groups IS 'Villages running the security camera model in the last month they reported.';

-- One partition per year 2000..2040 for each table, and a default partition for anything outside.
DO $$
DECLARE
    t text;
    y integer;
BEGIN
    FOREACH t IN ARRAY ARRAY['commune_month', 'fact_value', 'agg_indicator_month', 'agg_indicator_year',
                             'village_year', 'agg_village_year'] LOOP
        FOR y IN 2000..2040 LOOP
            EXECUTE format('CREATE TABLE warehouse.%I PARTITION OF warehouse.%I FOR VALUES IN (%s)', t || '_' || y, t, y);
        END LOOP;
        EXECUTE format('CREATE TABLE warehouse.%I PARTITION OF warehouse.%I DEFAULT', t || '_other', t);
    END LOOP;
END
$$;

CREATE TABLE warehouse.build (
    build_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_execution_id bigint,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL DEFAULT now(),
    full_rebuild     boolean NOT NULL,
    watermark        bigint NOT NULL,
    reference_hash   text NOT NULL,
    slices           text NOT NULL
);
COMMENT ON TABLE warehouse.build IS 'Each completed warehouse build: what it rebuilt and up to which submission change it has taken in.';
COMMENT ON COLUMN warehouse.build.build_id IS 'Build number.';
COMMENT ON COLUMN warehouse.build.job_execution_id IS 'Spring Batch job execution of the build.';
COMMENT ON COLUMN warehouse.build.started_at IS 'When the build started.';
COMMENT ON COLUMN warehouse.build.finished_at IS 'When it committed its last slice.';
COMMENT ON COLUMN warehouse.build.full_rebuild IS 'Whether every year was rebuilt.';
COMMENT ON COLUMN warehouse.build.watermark IS 'Highest ops.submission.change_seq taken in; the next incremental build starts above it.';
COMMENT ON COLUMN warehouse.build.reference_hash IS 'Fingerprint of the reference catalogues built with; a change forces a full rebuild.';
COMMENT ON COLUMN warehouse.build.slices IS 'Years and provinces rebuilt, e.g. 2019:37.';
