-- Why: the contract analysts and the reports rely on. Year-over-year figures are views over the yearly tables, so a
-- rebuilt year changes its own figures and the next year's comparison at once. Percentages are numeric with one
-- decimal as published (80.4); a change in percent is NULL when last year's value is 0 or unknown, never infinity.

-- The rules every year-over-year figure follows, as then and as now, spelled once (docs/warehouse.md, "The rules of
-- the contract"): percentages, changes in percent, and which months a unit version's window covers and compares.
CREATE OR REPLACE FUNCTION warehouse.pct(p_part numeric, p_whole numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT round(100.0 * p_part / nullif(p_whole, 0), 1) $$;
COMMENT ON FUNCTION warehouse.pct(numeric, numeric) IS 'p_part in percent of p_whole, one decimal as published (80.4); NULL when p_whole is 0 or NULL.';

CREATE OR REPLACE FUNCTION warehouse.pct_change(p_value numeric, p_prev numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN p_prev <> 0 THEN round(100.0 * (p_value - p_prev) / p_prev, 1) END $$;
COMMENT ON FUNCTION warehouse.pct_change(numeric, numeric) IS 'Change from p_prev to p_value in percent of p_prev, one decimal; NULL when p_prev is 0 or NULL, never infinity.';

-- The helpers' dates are truncated as timestamps without a time zone: date_trunc of a date would take it as a
-- timestamp with one, which depends on the session's zone, and an immutable function that calls a stable one is not
-- inlined but called once per row (30,000 calls, most of a window's time, in same_period over the country).
CREATE OR REPLACE FUNCTION warehouse.covered_first(p_first date, p_valid_from date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT greatest(p_first, CASE WHEN isfinite(p_valid_from)
                                  THEN (date_trunc('month', CAST(p_valid_from - 1 AS timestamp))
                                        + INTERVAL '1 month')::date END)
$$;
COMMENT ON FUNCTION warehouse.covered_first(date, date) IS 'The first month of a window starting p_first that a unit version valid from p_valid_from covers (a month counts when the version is valid on its first day).';

CREATE OR REPLACE FUNCTION warehouse.covered_last(p_last date, p_valid_to date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT least(p_last, CASE WHEN isfinite(p_valid_to)
                              THEN date_trunc('month', CAST(p_valid_to - 1 AS timestamp))::date END)
$$;
COMMENT ON FUNCTION warehouse.covered_last(date, date) IS 'The last month of a window ending p_last that a unit version valid until p_valid_to (exclusive) covers.';

CREATE OR REPLACE FUNCTION warehouse.comparable(p_valid_from date, p_covered_first date) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT p_valid_from <= (p_covered_first - INTERVAL '1 year')::date $$;
COMMENT ON FUNCTION warehouse.comparable(date, date) IS 'Cùng kỳ: whether a unit version valid from p_valid_from also covered the same months a year earlier than its covered window starting p_covered_first, so that the year before can be compared.';

CREATE OR REPLACE VIEW warehouse.dim_unit AS
SELECT u.unit_id AS unit_key, u.code AS unit_code, u.name AS unit_name, u.kind, u.level, u.parent_code,
       u.valid_from, u.valid_to,
       CASE WHEN u.level = 'village' THEN p1.code END AS commune_code,
       CASE WHEN u.level = 'district' THEN u.code WHEN p1.level = 'district' THEN p1.code
            WHEN p2.level = 'district' THEN p2.code END AS district_code,
       CASE WHEN u.level = 'district' THEN u.name WHEN p1.level = 'district' THEN p1.name
            WHEN p2.level = 'district' THEN p2.name END AS district_name,
       CASE WHEN u.level = 'province' THEN u.code WHEN p1.level = 'province' THEN p1.code
            WHEN p2.level = 'province' THEN p2.code ELSE p3.code END AS province_code,
       CASE WHEN u.level = 'province' THEN u.name WHEN p1.level = 'province' THEN p1.name
            WHEN p2.level = 'province' THEN p2.name ELSE p3.name END AS province_name
FROM ref.unit u
LEFT JOIN LATERAL (SELECT * FROM ref.unit p WHERE p.code = u.parent_code AND p.valid_from <= u.valid_from
                   ORDER BY p.valid_from DESC LIMIT 1) p1 ON true
LEFT JOIN LATERAL (SELECT * FROM ref.unit p WHERE p.code = p1.parent_code AND p.valid_from <= u.valid_from
                   ORDER BY p.valid_from DESC LIMIT 1) p2 ON true
LEFT JOIN LATERAL (SELECT * FROM ref.unit p WHERE p.code = p2.parent_code AND p.valid_from <= u.valid_from
                   ORDER BY p.valid_from DESC LIMIT 1) p3 ON true;
COMMENT ON VIEW warehouse.dim_unit IS 'Administrative units at every level, one row per version (valid on days valid_from <= d < valid_to), with the path up as it was when the version began; the same code can name different units at different times.';
COMMENT ON COLUMN warehouse.dim_unit.unit_key IS 'Surrogate key of the version.';
COMMENT ON COLUMN warehouse.dim_unit.unit_code IS 'GSO code, or <commune>-<NN> for a village or residential group.';
COMMENT ON COLUMN warehouse.dim_unit.unit_name IS 'Vietnamese name with its type.';
COMMENT ON COLUMN warehouse.dim_unit.kind IS 'Tỉnh, Thành phố, Phường, Xã, Phố, Thôn, Tổ dân phố.';
COMMENT ON COLUMN warehouse.dim_unit.level IS 'province, district (a district, town or city such as Thành phố Ninh Bình), commune (ward or commune) or village.';
COMMENT ON COLUMN warehouse.dim_unit.parent_code IS 'Code of the parent unit valid on the same day.';
COMMENT ON COLUMN warehouse.dim_unit.valid_from IS 'First valid day (-infinity: since before our records).';
COMMENT ON COLUMN warehouse.dim_unit.valid_to IS 'First day no longer valid (infinity: still valid).';
COMMENT ON COLUMN warehouse.dim_unit.commune_code IS 'For a village: its ward or commune.';
COMMENT ON COLUMN warehouse.dim_unit.district_code IS 'District or city above (or the unit itself at district level); NULL where there is none.';
COMMENT ON COLUMN warehouse.dim_unit.district_name IS 'Its name.';
COMMENT ON COLUMN warehouse.dim_unit.province_code IS 'Province above (or the unit itself).';
COMMENT ON COLUMN warehouse.dim_unit.province_name IS 'Its name.';

-- The window of a same-period comparison, for both bases: 1 to 12 months, from its first month to its last (a window
-- over 12 months would overlap its own previous window: refused rather than compared wrongly).
CREATE OR REPLACE FUNCTION warehouse.checked_window(p_function text, p_from text, p_to text) RETURNS void
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF to_date(p_to, 'YYYY-MM') < to_date(p_from, 'YYYY-MM')
       OR to_date(p_to, 'YYYY-MM') >= (to_date(p_from, 'YYYY-MM') + INTERVAL '12 months') THEN
        RAISE EXCEPTION '%(%, %): the window must be 1 to 12 months, from its first month to its last', p_function,
            p_from, p_to USING ERRCODE = '22023';
    END IF;
END
$$;
COMMENT ON FUNCTION warehouse.checked_window(text, text, text) IS 'Refuses (SQLSTATE 22023) a same-period window p_from..p_to (YYYY-MM) that is not 1 to 12 months, naming the function asked; the one window check of same_period and same_period_as_now.';

-- The windows of a same-period comparison ("so với cùng kỳ") as then, which warehouse.same_period_basis
-- (R__warehouse_yoy.sql) sets side by side with one rule for both bases: for each unit version and indicator, the
-- months p_from..p_to it covers (years_back 0) and the same months a year earlier (years_back 1). The rules
-- (docs/warehouse.md, "The rules of the contract"):
-- * cùng kỳ (warehouse.covered_first, covered_last, comparable): a unit version is compared over the months of the
--   window it covers, with the same months a year earlier, and only when the same version covered those too;
--   otherwise prev_value is NULL; months_compared names the months;
-- * end of period: each contributing commune's value of the last month it reported within those months (a
--   district or province sums its communes' last values under its version); complete is false when a commune's
--   last month reported is not the last month compared;
-- * complete: every commune-month owed in both windows is in.
DROP FUNCTION IF EXISTS warehouse.same_period_windows(text, text);
DROP FUNCTION IF EXISTS warehouse.same_period_windows(text, text, text);
DROP FUNCTION IF EXISTS warehouse.same_period_pairs(text, text, text);
CREATE FUNCTION warehouse.same_period_pairs(p_from text, p_to text, p_unit text DEFAULT NULL)
RETURNS TABLE (unit_code text, level text, indicator text, unit_valid_from date, unit_valid_to date,
               months_compared text, value numeric, months_expected bigint, months_submitted bigint,
               complete boolean, prev_value numeric, prev_months_expected bigint, prev_months_submitted bigint,
               prev_complete boolean)
-- joined by hashing: the planner cannot know how many months a window holds and would loop over them; planned
-- for each call's unit (one unit: its rows found by the index; NULL, every unit: the whole months scanned), never
-- with a plan made for another; grouped by hashing too (sorted, the country's 0.6 million months of a window across
-- the reform took 4.3-4.7 s on the bench's national history, hashed 3.3 s), each month placed in its window by its
-- own row and summed in one pass (joined to its version first and kept aside: 2.8 s, now 1.8-1.9 s); with the memory
-- to hash the country's 0.2 million version windows at once (PostgreSQL's default of 4 MB spilled them to disk)
LANGUAGE plpgsql STABLE SET enable_nestloop = off SET enable_mergejoin = off SET enable_sort = off SET jit = off
SET plan_cache_mode = force_custom_plan SET work_mem = '64MB' AS $$
#variable_conflict use_column
DECLARE
    -- constants of the query, not a row of it: the planner prunes the year partitions and ranges the months by them
    first_month CONSTANT date := to_date(p_from, 'YYYY-MM');
    last_month CONSTANT date := to_date(p_to, 'YYYY-MM');
    prev_first CONSTANT date := (to_date(p_from, 'YYYY-MM') - INTERVAL '1 year')::date;
    prev_last CONSTANT date := (to_date(p_to, 'YYYY-MM') - INTERVAL '1 year')::date;
    first_year CONSTANT integer := CAST(extract(year FROM to_date(p_from, 'YYYY-MM')) AS integer);
    last_year CONSTANT integer := CAST(extract(year FROM to_date(p_to, 'YYYY-MM')) AS integer);
    -- the years, each by equality (a unit's rows are then a range of the index on year and unit)
    years CONSTANT integer[] := ARRAY(SELECT generate_series(first_year, last_year));
    with_year_before CONSTANT integer[] := ARRAY(SELECT generate_series(first_year - 1, last_year));
    -- the provinces the unit asked for lies in (its versions'), so that its communes' rows are found by province
    provinces CONSTANT text[] := ARRAY(SELECT DISTINCT d.province_code FROM warehouse.dim_unit d
                                       WHERE d.unit_code = p_unit AND d.province_code IS NOT NULL);
    workers CONSTANT text := current_setting('max_parallel_workers_per_gather');
    -- the end-of-period indicators (a constant: the month rows tell theirs apart without a join)
    end_of_period CONSTANT text[] := ARRAY(SELECT i.indicator FROM warehouse.dim_indicator i
                                           WHERE i.aggregation = 'end_of_period');
BEGIN
    IF p_unit IS NOT NULL THEN
        -- a unit's few rows are read by this process alone: starting parallel workers for its province's months
        -- took 50 ms of a 60 ms call (set back below, or by the transaction's end on an error)
        PERFORM set_config('max_parallel_workers_per_gather', '0', true);
    END IF;
    RETURN QUERY
    WITH months AS NOT MATERIALIZED (
        -- each month row of the window (years_back 0) or of the same months a year earlier (1), placed by its own
        -- columns, row by row, with no join: a month of the window is covered by the row's version (its rows are
        -- its covered months); a month a year earlier counts when the same version covered the window's first month
        -- a year earlier (warehouse.comparable; a version valid from later covers the window's months from one it
        -- did not cover a year before, and is not compared) and still covers the month a year later
        SELECT m.unit_code, m.level, m.unit_valid_from, m.unit_valid_to, m.indicator, m.period, m.value,
               m.communes_expected, m.communes_submitted,
               CASE WHEN m.period BETWEEN first_month AND last_month THEN 0 ELSE 1 END AS years_back
        FROM warehouse.agg_indicator_month m
        WHERE m.year = ANY (with_year_before)
          AND (m.period BETWEEN first_month AND last_month
               -- (warehouse.comparable(m.unit_valid_from, first_month) written out: called per row, it took a
               -- third longer)
               OR (m.period BETWEEN prev_first AND prev_last AND m.unit_valid_from <= prev_first
                   AND m.unit_valid_to > (m.period + INTERVAL '1 year')))
          AND (p_unit IS NULL OR m.unit_code = p_unit)
    ), grouped AS (
        -- each version and indicator's two windows side by side, summed in one pass (0.9 million month rows across
        -- the reform for the country: joined to their versions first and kept aside, they took half as long again);
        -- a ward or commune's end-of-period value (the last month it reported within the months) in the same pass;
        -- the versions with months in the window only
        SELECT m.unit_code, m.level, m.unit_valid_from, m.unit_valid_to, m.indicator,
               sum(m.value) FILTER (WHERE m.years_back = 0) AS value,
               sum(m.communes_expected) FILTER (WHERE m.years_back = 0) AS months_expected,
               sum(m.communes_submitted) FILTER (WHERE m.years_back = 0) AS months_submitted,
               (max(ARRAY[CAST(m.period - DATE '2000-01-01' AS numeric), m.value])
                    FILTER (WHERE m.years_back = 0 AND m.level = 'commune' AND m.value IS NOT NULL
                              AND m.indicator = ANY (end_of_period)))[2] AS last_value,
               max(m.period) FILTER (WHERE m.years_back = 0 AND m.value IS NOT NULL) AS last_period,
               sum(m.value) FILTER (WHERE m.years_back = 1) AS prev_value,
               sum(m.communes_expected) FILTER (WHERE m.years_back = 1) AS prev_months_expected,
               sum(m.communes_submitted) FILTER (WHERE m.years_back = 1) AS prev_months_submitted,
               (max(ARRAY[CAST(m.period - DATE '2000-01-01' AS numeric), m.value])
                    FILTER (WHERE m.years_back = 1 AND m.level = 'commune' AND m.value IS NOT NULL
                              AND m.indicator = ANY (end_of_period)))[2] AS prev_last_value,
               max(m.period) FILTER (WHERE m.years_back = 1 AND m.value IS NOT NULL) AS prev_last_period
        FROM months m
        GROUP BY m.unit_code, m.level, m.unit_valid_from, m.unit_valid_to, m.indicator
        HAVING count(*) FILTER (WHERE m.years_back = 0) > 0
    ), commune_months AS MATERIALIZED (
        SELECT m.unit_code, m.district_code, m.province_code, m.period, m.indicator, m.value
        FROM warehouse.agg_indicator_month m
        WHERE m.level = 'commune' AND m.value IS NOT NULL AND m.indicator = ANY (end_of_period)
          AND m.year = ANY (with_year_before)
          AND (m.period BETWEEN first_month AND last_month OR m.period BETWEEN prev_first AND prev_last)
          AND (p_unit IS NULL OR (m.province_code = ANY (provinces)
                                  AND p_unit IN (m.unit_code, m.district_code, m.province_code)))
    ), parent_months AS (
        -- the end-of-period months of the districts and provinces compared (a few), each with its communes' values
        -- that month: the small side is hashed, the communes' months looked up in it
        SELECT c.unit_code, c.level, c.unit_valid_from, c.years_back, c.indicator, v.unit_code AS commune_code,
               v.period, v.value
        FROM months c
        JOIN commune_months v ON v.district_code = c.unit_code AND v.period = c.period AND v.indicator = c.indicator
        WHERE c.level = 'district' AND c.indicator = ANY (end_of_period)
        UNION ALL
        SELECT c.unit_code, c.level, c.unit_valid_from, c.years_back, c.indicator, v.unit_code, v.period, v.value
        FROM months c
        JOIN commune_months v ON v.province_code = c.unit_code AND v.period = c.period AND v.indicator = c.indicator
        WHERE c.level = 'province' AND c.indicator = ANY (end_of_period)
    ), parent_last AS (
        -- end of period of a district or province: its communes' last values under its version, summed, in each
        -- window (the earliest of those last months tells whether all of them are the window's last)
        SELECT u.unit_code, u.level, u.unit_valid_from, u.indicator,
               sum(u.last_value) FILTER (WHERE u.years_back = 0) AS value,
               min(u.last_period) FILTER (WHERE u.years_back = 0) AS first_last_period,
               sum(u.last_value) FILTER (WHERE u.years_back = 1) AS prev_value,
               min(u.last_period) FILTER (WHERE u.years_back = 1) AS prev_first_last_period
        FROM (
            SELECT p.unit_code, p.level, p.unit_valid_from, p.years_back, p.indicator, max(p.period) AS last_period,
                   (max(ARRAY[CAST(p.period - DATE '2000-01-01' AS numeric), p.value]))[2] AS last_value
            FROM parent_months p
            GROUP BY p.unit_code, p.level, p.unit_valid_from, p.years_back, p.indicator, p.commune_code
        ) u
        GROUP BY u.unit_code, u.level, u.unit_valid_from, u.indicator
    )
    -- end of period: the last month reported within the months compared, under the unit version (a ward or
    -- commune: its own months, as they are; a district or province: each of its communes' last, summed); at the end
    -- when every one of them is the last month compared; the year before's columns NULL when the same version did
    -- not cover its months
    SELECT g.unit_code, g.level, g.indicator, g.unit_valid_from, g.unit_valid_to,
           to_char(v.cur_first, 'YYYY-MM') || '..' || to_char(v.cur_last, 'YYYY-MM'),
           CASE WHEN g.indicator <> ALL (end_of_period) THEN g.value
                WHEN g.level = 'commune' THEN g.last_value ELSE e.value END,
           g.months_expected, g.months_submitted,
           g.months_submitted >= g.months_expected
           AND CASE WHEN g.indicator <> ALL (end_of_period) THEN true
                    WHEN g.level = 'commune' THEN coalesce(g.last_period = v.cur_last, true)
                    ELSE coalesce(e.first_last_period = v.cur_last, true) END,
           CASE WHEN g.indicator <> ALL (end_of_period) THEN g.prev_value
                WHEN g.level = 'commune' THEN g.prev_last_value ELSE e.prev_value END,
           g.prev_months_expected, g.prev_months_submitted,
           g.prev_months_submitted >= g.prev_months_expected
           AND CASE WHEN g.indicator <> ALL (end_of_period) THEN true
                    WHEN g.level = 'commune' THEN coalesce(g.prev_last_period = v.prev_last, true)
                    ELSE coalesce(e.prev_first_last_period = v.prev_last, true) END
    FROM grouped g
    CROSS JOIN LATERAL (SELECT warehouse.covered_first(first_month, g.unit_valid_from) AS cur_first,
                               warehouse.covered_last(last_month, g.unit_valid_to) AS cur_last,
                               (warehouse.covered_last(last_month, g.unit_valid_to) - INTERVAL '1 year')::date
                                   AS prev_last) v
    LEFT JOIN parent_last e ON e.unit_code = g.unit_code AND e.level = g.level
                           AND e.unit_valid_from = g.unit_valid_from AND e.indicator = g.indicator;
    PERFORM set_config('max_parallel_workers_per_gather', workers, true);
END
$$;
COMMENT ON FUNCTION warehouse.same_period_pairs(text, text, text) IS 'The windows of warehouse.same_period (as then) side by side: of the unit p_unit only when given (NULL: every unit); each unit version and indicator over the months p_from..p_to it covers (months_compared: value, months expected and submitted, complete) and over the same months a year earlier when the same version covered them (prev_value, prev_months_expected, prev_months_submitted, prev_complete; NULL otherwise); end-of-period indicators take each commune''s last month reported; complete when every commune-month owed is in and every commune reported the last month. warehouse.same_period_basis compares the two.';

-- the same windows, one row each (years_back 0 and, when compared, 1), as before same_period_pairs set them side by
-- side
CREATE FUNCTION warehouse.same_period_windows(p_from text, p_to text, p_unit text DEFAULT NULL)
RETURNS TABLE (unit_code text, level text, indicator text, years_back integer, value numeric,
               months_expected bigint, months_submitted bigint, unit_valid_from date, unit_valid_to date,
               months_compared text, complete boolean)
LANGUAGE sql STABLE AS $$
    SELECT p.unit_code, p.level, p.indicator, w.years_back, w.value, w.months_expected, w.months_submitted,
           p.unit_valid_from, p.unit_valid_to, p.months_compared, w.complete
    FROM warehouse.same_period_pairs(p_from, p_to, p_unit) p
    CROSS JOIN LATERAL (VALUES (0, p.value, p.months_expected, p.months_submitted, p.complete),
                               (1, p.prev_value, p.prev_months_expected, p.prev_months_submitted, p.prev_complete))
        AS w (years_back, value, months_expected, months_submitted, complete)
    WHERE w.years_back = 0 OR p.prev_months_expected IS NOT NULL
$$;
COMMENT ON FUNCTION warehouse.same_period_windows(text, text, text) IS 'The windows of warehouse.same_period (as then): of the unit p_unit only when given (NULL: every unit); each unit version and indicator over the months p_from..p_to it covers (years_back 0, months_compared) and over the same months a year earlier when the same version covered them (years_back 1); value (end-of-period indicators: each commune''s last month reported), months expected and submitted, complete (every commune-month owed is in and every commune reported the last month). warehouse.same_period_basis sets the two side by side.';

CREATE OR REPLACE VIEW warehouse.published_traffic_yoy AS
SELECT f.publication_id, max(f.published_at) AS published_at, f.unit_code, f.level, f.year,
       max(f.value) FILTER (WHERE f.measure = 'accidents') AS accidents,
       max(f.value) FILTER (WHERE f.measure = 'deaths') AS deaths,
       max(f.value) FILTER (WHERE f.measure = 'injuries') AS injuries,
       max(f.value) FILTER (WHERE f.measure = 'prev_accidents') AS prev_accidents,
       max(f.value) FILTER (WHERE f.measure = 'prev_deaths') AS prev_deaths,
       max(f.value) FILTER (WHERE f.measure = 'prev_injuries') AS prev_injuries,
       bool_or(f.value = 1) FILTER (WHERE f.measure = 'all_three_fell') AS all_three_fell,
       max(f.value) FILTER (WHERE f.measure = 'months_complete')::integer AS months_complete,
       bool_or(f.value = 1) FILTER (WHERE f.measure = 'both_years_complete') AS both_years_complete,
       f.unit_valid_from
FROM warehouse.published_figures f
WHERE f.level <> 'village'
GROUP BY f.publication_id, f.unit_code, f.level, f.year, f.unit_valid_from;
COMMENT ON VIEW warehouse.published_traffic_yoy IS 'Grain: publication, unit, level, year. traffic_yoy as it was published (warehouse.published_figures).';
COMMENT ON COLUMN warehouse.published_traffic_yoy.publication_id IS 'The publication.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.published_at IS 'When it was published.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.unit_code IS 'Code of the unit.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.accidents IS 'Traffic accidents (cases), as published.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.deaths IS 'Deaths, as published.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.injuries IS 'Injuries, as published.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.prev_accidents IS 'Accidents the year before, as published.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.prev_deaths IS 'Deaths the year before, as published.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.prev_injuries IS 'Injuries the year before, as published.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.all_three_fell IS 'Whether cases, deaths and injuries all fell, as published.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.months_complete IS 'Months complete, as published.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.both_years_complete IS 'Whether both years were complete, as published.';
COMMENT ON COLUMN warehouse.published_traffic_yoy.unit_valid_from IS 'First day of the unit version, as published (traffic_yoy.unit_valid_from: a code naming two units in the year gives two rows).';

CREATE OR REPLACE VIEW warehouse.published_village_safety_yoy AS
SELECT f.publication_id, max(f.published_at) AS published_at, f.unit_code, f.level, f.year,
       max(f.value) FILTER (WHERE f.measure = 'villages')::integer AS villages,
       max(f.value) FILTER (WHERE f.measure = 'villages_reported')::integer AS villages_reported,
       max(f.value) FILTER (WHERE f.measure = 'crime_free') AS crime_free,
       max(f.value) FILTER (WHERE f.measure = 'crime_free_pct') AS crime_free_pct,
       max(f.value) FILTER (WHERE f.measure = 'prev_crime_free_pct') AS prev_crime_free_pct,
       max(f.value) FILTER (WHERE f.measure = 'crime_free_pct_change') AS crime_free_pct_change,
       max(f.value) FILTER (WHERE f.measure = 'drug_free') AS drug_free,
       max(f.value) FILTER (WHERE f.measure = 'drug_free_pct') AS drug_free_pct,
       max(f.value) FILTER (WHERE f.measure = 'prev_drug_free_pct') AS prev_drug_free_pct,
       max(f.value) FILTER (WHERE f.measure = 'drug_free_pct_change') AS drug_free_pct_change,
       max(f.value) FILTER (WHERE f.measure = 'camera_groups')::integer AS camera_groups,
       max(f.value) FILTER (WHERE f.measure = 'prev_camera_groups')::integer AS prev_camera_groups,
       max(f.value) FILTER (WHERE f.measure = 'camera_groups_change')::integer AS camera_groups_change,
       f.unit_valid_from
FROM warehouse.published_figures f
WHERE f.level <> 'village'
GROUP BY f.publication_id, f.unit_code, f.level, f.year, f.unit_valid_from;
COMMENT ON VIEW warehouse.published_village_safety_yoy IS 'Grain: publication, unit, level, year. village_safety_yoy as it was published (warehouse.published_figures).';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.publication_id IS 'The publication.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.published_at IS 'When it was published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.unit_code IS 'Code of the unit.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.villages IS 'Villages and residential groups, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.villages_reported IS 'Of those, the ones that had reported every month owed, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.crime_free IS 'Crime-free villages, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.crime_free_pct IS 'Crime-free share in percent, one decimal, as published (80.4).';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.prev_crime_free_pct IS 'The same for the year before, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.crime_free_pct_change IS 'Change in percentage points, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.drug_free IS 'Villages with no new drug addict, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.drug_free_pct IS 'Their share in percent, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.prev_drug_free_pct IS 'The same for the year before, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.drug_free_pct_change IS 'Change in percentage points, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.camera_groups IS 'Groups running the security camera model at the end of the year, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.prev_camera_groups IS 'The same at the end of the year before, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.camera_groups_change IS 'Change, as published.';
COMMENT ON COLUMN warehouse.published_village_safety_yoy.unit_valid_from IS 'First day of the unit version, as published (village_safety_yoy.unit_valid_from: a code naming two units in the year gives two rows).';

CREATE OR REPLACE VIEW warehouse.published_indicator_yoy AS
SELECT f.publication_id, max(f.published_at) AS published_at, f.unit_code, f.level, i.code AS indicator, f.year,
       max(f.value) FILTER (WHERE f.measure = i.code) AS value,
       max(f.value) FILTER (WHERE f.measure = i.code || '.prev_value') AS prev_value,
       max(f.value) FILTER (WHERE f.measure = i.code || '.change') AS change,
       max(f.value) FILTER (WHERE f.measure = i.code || '.change_pct') AS change_pct,
       bool_or(f.value = 1) FILTER (WHERE f.measure = i.code || '.complete') AS complete,
       max(f.value) FILTER (WHERE f.measure = i.code || '.months_expected')::integer AS months_expected,
       max(f.value) FILTER (WHERE f.measure = i.code || '.months_submitted')::integer AS months_submitted,
       max(f.value) FILTER (WHERE f.measure = i.code || '.months_complete')::integer AS months_complete,
       f.unit_valid_from
FROM warehouse.published_figures f
JOIN (SELECT indicator AS code FROM warehouse.dim_indicator) i ON f.measure = i.code OR f.measure LIKE i.code || '.%'
WHERE f.level <> 'village'
GROUP BY f.publication_id, f.unit_code, f.level, i.code, f.year, f.unit_valid_from;
COMMENT ON VIEW warehouse.published_indicator_yoy IS 'Grain: publication, unit, level, indicator, year. indicator_yoy as it was published (warehouse.published_figures).';
COMMENT ON COLUMN warehouse.published_indicator_yoy.publication_id IS 'The publication.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.published_at IS 'When it was published.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.unit_code IS 'Code of the unit.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.indicator IS 'Indicator code.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.value IS 'Value for the year, as published.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.prev_value IS 'The year before, as published.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.change IS 'value - prev_value, as published.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.change_pct IS 'Change in percent, as published.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.complete IS 'Whether the year was complete, as published.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.months_expected IS 'Commune-months owed, as published.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.months_submitted IS 'Commune-months accepted, as published.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.months_complete IS 'Months complete, as published.';
COMMENT ON COLUMN warehouse.published_indicator_yoy.unit_valid_from IS 'First day of the unit version, as published (indicator_yoy.unit_valid_from: a code naming two units in the year gives two rows).';

-- The analysts' role: read the warehouse, nothing else. Grant it to real login roles.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'safetystats_analyst') THEN
        CREATE ROLE safetystats_analyst NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    -- roles belong to the whole server: another database migrating at the same moment made it first
    NULL;
END
$$;
REVOKE ALL ON SCHEMA ops, ref, batch FROM safetystats_analyst;
GRANT USAGE ON SCHEMA warehouse TO safetystats_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA warehouse TO safetystats_analyst;
GRANT EXECUTE ON FUNCTION warehouse.same_period_windows(text, text, text), warehouse.same_period_pairs(text, text, text)
    TO safetystats_analyst;
GRANT EXECUTE ON FUNCTION warehouse.checked_window(text, text, text) TO safetystats_analyst;
GRANT EXECUTE ON FUNCTION warehouse.pct(numeric, numeric), warehouse.pct_change(numeric, numeric),
    warehouse.covered_first(date, date), warehouse.covered_last(date, date), warehouse.comparable(date, date)
    TO safetystats_analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA warehouse GRANT SELECT ON TABLES TO safetystats_analyst;

-- The year views may read differently once this file has run again (an upgrade): every published year counts as
-- rebuilt, so that published_changes compares its publications (warehouse.year_built).
INSERT INTO warehouse.year_built (year, province_code, xid, built_at)
SELECT DISTINCT p.year, '*', pg_current_xact_id(), now() FROM warehouse.publication p
ON CONFLICT (year, province_code) DO UPDATE SET xid = EXCLUDED.xid, built_at = EXCLUDED.built_at;
