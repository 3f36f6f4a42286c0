-- Why: the contract analysts and the reports rely on. Year-over-year figures are views over the yearly tables, so a
-- rebuilt year changes its own figures and the next year's comparison at once. Percentages are numeric with one
-- decimal as published (80.4); a change in percent is NULL when last year's value is 0 or unknown, never infinity.

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

CREATE OR REPLACE VIEW warehouse.indicator_yoy AS
SELECT cur.unit_code, cur.unit_name, cur.level, cur.indicator, cur.year, cur.value, prev.value AS prev_value,
       cur.value - prev.value AS change,
       CASE WHEN prev.value <> 0 THEN round(100.0 * (cur.value - prev.value) / prev.value, 1) END AS change_pct,
       cur.complete, cur.months_expected, cur.months_submitted, cur.months_complete,
       prev.complete AS prev_complete, cur.unit_valid_from, cur.unit_valid_to
FROM warehouse.agg_indicator_year cur
LEFT JOIN warehouse.agg_indicator_year prev
       ON prev.year = cur.year - 1 AND prev.unit_code = cur.unit_code AND prev.level = cur.level
      AND prev.indicator = cur.indicator AND prev.unit_valid_from = cur.unit_valid_from
      AND cur.unit_valid_from <= make_date(cur.year - 1, 1, 1);
COMMENT ON VIEW warehouse.indicator_yoy IS 'Grain: unit, level, indicator, year. Each indicator for the year against the year before.';
COMMENT ON COLUMN warehouse.indicator_yoy.unit_code IS 'Code of the unit (ward or commune, district or city, province).';
COMMENT ON COLUMN warehouse.indicator_yoy.unit_name IS 'Its name at the end of the year.';
COMMENT ON COLUMN warehouse.indicator_yoy.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.indicator_yoy.indicator IS 'Indicator code (warehouse.dim_indicator).';
COMMENT ON COLUMN warehouse.indicator_yoy.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.indicator_yoy.value IS 'Value for the year: sum of the months, or the end-of-year value, as the indicator says.';
COMMENT ON COLUMN warehouse.indicator_yoy.prev_value IS 'The same for the year before (NULL if not built).';
COMMENT ON COLUMN warehouse.indicator_yoy.change IS 'value - prev_value.';
COMMENT ON COLUMN warehouse.indicator_yoy.change_pct IS 'Change in percent of prev_value, one decimal; NULL when prev_value is 0 or NULL.';
COMMENT ON COLUMN warehouse.indicator_yoy.complete IS 'Whether every commune-month owed in the year was submitted.';
COMMENT ON COLUMN warehouse.indicator_yoy.months_expected IS 'Commune-months owed.';
COMMENT ON COLUMN warehouse.indicator_yoy.months_submitted IS 'Commune-months accepted.';
COMMENT ON COLUMN warehouse.indicator_yoy.months_complete IS 'Months in which every ward or commune under the unit reported.';
COMMENT ON COLUMN warehouse.indicator_yoy.prev_complete IS 'Whether the year before was complete.';
COMMENT ON COLUMN warehouse.indicator_yoy.unit_valid_from IS 'First day of the unit version (as then: a code naming two units in the year gives two rows; the year before is compared only when the same version covered all of it).';
COMMENT ON COLUMN warehouse.indicator_yoy.unit_valid_to IS 'First day the unit version is no longer valid (infinity: still valid).';

-- The three criteria are the indicators the catalogue says feed accidents, deaths and injuries (ref.indicator.feeds).
CREATE OR REPLACE VIEW warehouse.traffic_yoy AS
SELECT y.unit_code, max(y.unit_name) AS unit_name, y.level, y.year,
       max(y.value) FILTER (WHERE i.feeds = 'accidents') AS accidents,
       max(y.value) FILTER (WHERE i.feeds = 'deaths') AS deaths,
       max(y.value) FILTER (WHERE i.feeds = 'injuries') AS injuries,
       max(y.prev_value) FILTER (WHERE i.feeds = 'accidents') AS prev_accidents,
       max(y.prev_value) FILTER (WHERE i.feeds = 'deaths') AS prev_deaths,
       max(y.prev_value) FILTER (WHERE i.feeds = 'injuries') AS prev_injuries,
       CASE WHEN bool_and(y.complete AND coalesce(y.prev_complete, false)) THEN bool_and(y.value < y.prev_value) END
         AS all_three_fell,
       max(y.months_complete) AS months_complete,
       bool_and(y.complete AND coalesce(y.prev_complete, false)) AS both_years_complete, y.unit_valid_from,
       y.unit_valid_to
FROM warehouse.indicator_yoy y
JOIN ref.indicator i ON i.code = y.indicator AND i.feeds IN ('accidents', 'deaths', 'injuries')
GROUP BY y.unit_code, y.level, y.year, y.unit_valid_from, y.unit_valid_to;
COMMENT ON VIEW warehouse.traffic_yoy IS 'Grain: unit, level, year. Traffic accidents on the three criteria (cases, deaths, injuries) against the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy.unit_code IS 'Code of the unit.';
COMMENT ON COLUMN warehouse.traffic_yoy.unit_name IS 'Its name at the end of the year.';
COMMENT ON COLUMN warehouse.traffic_yoy.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.traffic_yoy.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.traffic_yoy.accidents IS 'Traffic accidents (cases) in the year.';
COMMENT ON COLUMN warehouse.traffic_yoy.deaths IS 'Deaths in the year.';
COMMENT ON COLUMN warehouse.traffic_yoy.injuries IS 'Injuries in the year.';
COMMENT ON COLUMN warehouse.traffic_yoy.prev_accidents IS 'Accidents the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy.prev_deaths IS 'Deaths the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy.prev_injuries IS 'Injuries the year before.';
COMMENT ON COLUMN warehouse.traffic_yoy.all_three_fell IS 'Whether cases, deaths and injuries all fell ("giảm cả 3 tiêu chí"); NULL unless this year and the year before are both complete (a partial year against a full one proves nothing).';
COMMENT ON COLUMN warehouse.traffic_yoy.months_complete IS 'Months of the year in which every ward or commune under the unit reported (12: the year is complete).';
COMMENT ON COLUMN warehouse.traffic_yoy.both_years_complete IS 'Whether this year and the year before are both complete, so the comparison is sound.';
COMMENT ON COLUMN warehouse.traffic_yoy.unit_valid_from IS 'First day of the unit version (2025 for code 14329: Phường Vân Giang until 2025-07-01, Phường Hoa Lư from then, two rows).';
COMMENT ON COLUMN warehouse.traffic_yoy.unit_valid_to IS 'First day the unit version is no longer valid (infinity: still valid).';

CREATE OR REPLACE VIEW warehouse.village_safety_yoy AS
SELECT cur.unit_code, cur.unit_name, cur.level, cur.year, cur.villages, cur.villages_reported,
       cur.crime_free, round(100.0 * cur.crime_free / nullif(cur.villages_reported, 0), 1) AS crime_free_pct,
       round(100.0 * prev.crime_free / nullif(prev.villages_reported, 0), 1) AS prev_crime_free_pct,
       round(100.0 * cur.crime_free / nullif(cur.villages_reported, 0), 1)
         - round(100.0 * prev.crime_free / nullif(prev.villages_reported, 0), 1) AS crime_free_pct_change,
       cur.drug_free, round(100.0 * cur.drug_free / nullif(cur.villages_reported, 0), 1) AS drug_free_pct,
       round(100.0 * prev.drug_free / nullif(prev.villages_reported, 0), 1) AS prev_drug_free_pct,
       round(100.0 * cur.drug_free / nullif(cur.villages_reported, 0), 1)
         - round(100.0 * prev.drug_free / nullif(prev.villages_reported, 0), 1) AS drug_free_pct_change,
       cur.camera_groups, prev.camera_groups AS prev_camera_groups,
       cur.camera_groups - prev.camera_groups AS camera_groups_change, cur.unit_valid_from, cur.unit_valid_to
FROM warehouse.agg_village_year cur
LEFT JOIN warehouse.agg_village_year prev
       ON prev.year = cur.year - 1 AND prev.unit_code = cur.unit_code AND prev.level = cur.level
      AND prev.unit_valid_from = cur.unit_valid_from AND cur.unit_valid_from <= make_date(cur.year - 1, 1, 1);
COMMENT ON VIEW warehouse.village_safety_yoy IS 'Grain: unit, level, year. Villages and residential groups: crime-free and drug-free shares, camera model, against the year before. Shares count only villages that reported every month owed.';
COMMENT ON COLUMN warehouse.village_safety_yoy.unit_code IS 'Code of the unit.';
COMMENT ON COLUMN warehouse.village_safety_yoy.unit_name IS 'Its name at the end of the year.';
COMMENT ON COLUMN warehouse.village_safety_yoy.level IS 'commune, district or province.';
COMMENT ON COLUMN warehouse.village_safety_yoy.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.village_safety_yoy.villages IS 'Villages and residential groups of the unit.';
COMMENT ON COLUMN warehouse.village_safety_yoy.villages_reported IS 'Of those, the ones that reported every month owed (all twelve for a past year).';
COMMENT ON COLUMN warehouse.village_safety_yoy.crime_free IS 'Reported villages with no crime case all year.';
COMMENT ON COLUMN warehouse.village_safety_yoy.crime_free_pct IS 'crime_free in percent of villages_reported, one decimal.';
COMMENT ON COLUMN warehouse.village_safety_yoy.prev_crime_free_pct IS 'The same for the year before.';
COMMENT ON COLUMN warehouse.village_safety_yoy.crime_free_pct_change IS 'Change in percentage points.';
COMMENT ON COLUMN warehouse.village_safety_yoy.drug_free IS 'Reported villages with no new drug addict all year.';
COMMENT ON COLUMN warehouse.village_safety_yoy.drug_free_pct IS 'drug_free in percent of villages_reported, one decimal.';
COMMENT ON COLUMN warehouse.village_safety_yoy.prev_drug_free_pct IS 'The same for the year before.';
COMMENT ON COLUMN warehouse.village_safety_yoy.drug_free_pct_change IS 'Change in percentage points.';
COMMENT ON COLUMN warehouse.village_safety_yoy.camera_groups IS 'Residential groups running the security camera model at the end of the year.';
COMMENT ON COLUMN warehouse.village_safety_yoy.prev_camera_groups IS 'The same at the end of the year before.';
COMMENT ON COLUMN warehouse.village_safety_yoy.camera_groups_change IS 'camera_groups - prev_camera_groups.';
COMMENT ON COLUMN warehouse.village_safety_yoy.unit_valid_from IS 'First day of the unit version the row counts the villages of (a code naming two units in the year gives two rows).';
COMMENT ON COLUMN warehouse.village_safety_yoy.unit_valid_to IS 'First day the unit version is no longer valid (infinity: still valid).';

-- Same-period comparison ("so với cùng kỳ"): a month, a quarter, or the months so far of a year against the same
-- months of the year before.
DROP FUNCTION IF EXISTS warehouse.same_period(text, text);
CREATE FUNCTION warehouse.same_period(p_from text, p_to text)
RETURNS TABLE (unit_code text, level text, indicator text, period_from text, period_to text, value numeric,
               prev_value numeric, change numeric, change_pct numeric, months_expected bigint,
               months_submitted bigint, prev_months_submitted bigint, unit_valid_from date, unit_valid_to date)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
    -- a window over 12 months would overlap its own previous window: refused rather than compared wrongly
    IF to_date(p_to, 'YYYY-MM') < to_date(p_from, 'YYYY-MM')
       OR to_date(p_to, 'YYYY-MM') >= (to_date(p_from, 'YYYY-MM') + INTERVAL '12 months') THEN
        RAISE EXCEPTION 'same_period(%, %): the window must be 1 to 12 months, from its first month to its last', p_from, p_to
            USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
    WITH bounds AS (
        SELECT to_date(p_from, 'YYYY-MM') AS first_month, to_date(p_to, 'YYYY-MM') AS last_month
    ), windowed AS (
        SELECT m.unit_code, m.level, m.indicator, i.aggregation, m.period, m.value, m.communes_expected,
               m.communes_submitted, m.unit_valid_from, m.unit_valid_to,
               CASE WHEN m.period BETWEEN b.first_month AND b.last_month THEN 0 ELSE 1 END AS years_back,
               CASE WHEN m.period BETWEEN b.first_month AND b.last_month THEN b.last_month
                    ELSE (b.last_month - INTERVAL '1 year')::date END AS window_end
        FROM warehouse.agg_indicator_month m
        JOIN warehouse.dim_indicator i ON i.indicator = m.indicator
        CROSS JOIN bounds b
        WHERE m.period BETWEEN b.first_month AND b.last_month
           OR m.period BETWEEN (b.first_month - INTERVAL '1 year')::date AND (b.last_month - INTERVAL '1 year')::date
    ), totals AS (
        SELECT unit_code, level, indicator, years_back, unit_valid_from, unit_valid_to,
               CASE WHEN min(aggregation) = 'sum' THEN sum(value)
                    ELSE max(value) FILTER (WHERE period = window_end) END AS value,
               sum(communes_expected) AS months_expected, sum(communes_submitted) AS months_submitted
        FROM windowed
        GROUP BY unit_code, level, indicator, years_back, unit_valid_from, unit_valid_to
    )
    SELECT cur.unit_code, cur.level, cur.indicator, p_from, p_to, cur.value, prev.value, cur.value - prev.value,
           CASE WHEN prev.value <> 0 THEN round(100.0 * (cur.value - prev.value) / prev.value, 1) END,
           cur.months_expected, cur.months_submitted, prev.months_submitted, cur.unit_valid_from, cur.unit_valid_to
    FROM totals cur
    LEFT JOIN totals prev ON prev.unit_code = cur.unit_code AND prev.level = cur.level
                         AND prev.indicator = cur.indicator AND prev.years_back = 1
                         AND prev.unit_valid_from = cur.unit_valid_from
    WHERE cur.years_back = 0;
END
$$;
COMMENT ON FUNCTION warehouse.same_period(text, text) IS 'Same-period comparison, as then: each unit version and indicator over the months p_from..p_to (YYYY-MM, a window of 1 to 12 months; a longer one is refused) against the same months a year earlier under the same version, e.g. same_period(''2019-01'', ''2019-09''); same_period_as_now re-aggregates history onto today''s units.';

-- Publications (issue 15). current_figures turns every column of the year views into (unit, measure, value) rows,
-- so that a publication freezes whatever the views show, columns added later included; the published_* views turn
-- the frozen rows back into the shape of the views they came from.
CREATE OR REPLACE VIEW warehouse.current_figures AS
WITH cells AS (
    SELECT i.unit_code, i.level, i.year,
           CASE WHEN j.key = 'value' THEN i.indicator ELSE i.indicator || '.' || j.key END AS measure, j.value AS v,
           i.unit_valid_from
    FROM warehouse.indicator_yoy i
    CROSS JOIN LATERAL jsonb_each(to_jsonb(i) - ARRAY['unit_code', 'unit_name', 'level', 'indicator', 'year',
                                                    'unit_valid_from', 'unit_valid_to']) j
    UNION ALL
    SELECT t.unit_code, t.level, t.year, j.key, j.value, t.unit_valid_from
    FROM warehouse.traffic_yoy t
    CROSS JOIN LATERAL jsonb_each(to_jsonb(t) - ARRAY['unit_code', 'unit_name', 'level', 'year', 'unit_valid_from',
                                                    'unit_valid_to']) j
    UNION ALL
    SELECT s.unit_code, s.level, s.year, j.key, j.value, s.unit_valid_from
    FROM warehouse.village_safety_yoy s
    CROSS JOIN LATERAL jsonb_each(to_jsonb(s) - ARRAY['unit_code', 'unit_name', 'level', 'year', 'unit_valid_from',
                                                    'unit_valid_to']) j
    UNION ALL
    SELECT y.village_code, 'village', y.year, j.key, j.value, y.unit_valid_from
    FROM warehouse.village_year y
    CROSS JOIN LATERAL jsonb_each(to_jsonb(y) - ARRAY['village_code', 'village_name', 'commune_code', 'district_code',
                                                    'province_code', 'year', 'unit_valid_from', 'unit_valid_to']) j
)
SELECT unit_code, level, year, measure,
       CASE jsonb_typeof(v) WHEN 'number' THEN (v #>> '{}')::numeric
                            WHEN 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN 1 ELSE 0 END END AS value,
       unit_valid_from
FROM cells
WHERE jsonb_typeof(v) IN ('number', 'boolean', 'null');
COMMENT ON VIEW warehouse.current_figures IS 'Grain: unit version, level, year, measure. Every figure of traffic_yoy, village_safety_yoy, indicator_yoy and village_year as it is now (as corrected), one row per column: what a publication freezes into published_figures.';
COMMENT ON COLUMN warehouse.current_figures.unit_code IS 'Unit (a village code at level village).';
COMMENT ON COLUMN warehouse.current_figures.level IS 'province, district, commune or village.';
COMMENT ON COLUMN warehouse.current_figures.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.current_figures.measure IS 'Indicator code, <indicator>.<column> of indicator_yoy, or a column of the other views (warehouse.published_figures.measure).';
COMMENT ON COLUMN warehouse.current_figures.value IS 'Current value; booleans as 1 and 0; NULL when unknown.';
COMMENT ON COLUMN warehouse.current_figures.unit_valid_from IS 'First day of the unit version (the views'' unit_valid_from; for a village, that of its ward or commune): a code naming two units in the year gives two sets of figures.';

CREATE OR REPLACE VIEW warehouse.published_changes AS
SELECT f.publication_id, f.unit_code, f.level, f.year, f.measure, f.value AS published_value, c.value AS current_value,
       ARRAY(SELECT DISTINCT cm.submission_id
             FROM warehouse.commune_month cm
             JOIN ops.submission s ON s.submission_id = cm.submission_id
             WHERE cm.year IN (f.year, CASE WHEN f.measure ~ '(prev|change)' THEN f.year - 1 END)
               AND ((f.level <> 'village' AND f.unit_code IN (cm.commune_code, cm.district_code, cm.province_code)
                     AND cm.period >= f.unit_valid_from AND cm.period < v.valid_to)
                    OR (f.level = 'village' AND cm.commune_code = split_part(f.unit_code, '-', 1)
                        AND cm.unit_valid_from = f.unit_valid_from))
               AND s.registered_at > f.published_at
             ORDER BY 1) AS submission_ids,
       f.unit_valid_from
FROM warehouse.published_figures f
LEFT JOIN warehouse.current_figures c
       ON c.unit_code = f.unit_code AND c.level = f.level AND c.year = f.year AND c.measure = f.measure
      AND c.unit_valid_from = f.unit_valid_from
LEFT JOIN LATERAL (SELECT coalesce(max(d.valid_to), 'infinity') AS valid_to FROM warehouse.dim_unit d
                   WHERE d.unit_code = f.unit_code AND d.valid_from = f.unit_valid_from) v ON true
WHERE c.value IS DISTINCT FROM f.value;
COMMENT ON VIEW warehouse.published_changes IS 'Grain: publication, unit, measure. Every published figure that differs now, after corrections loaded since the publication, with the submissions that changed it.';
COMMENT ON COLUMN warehouse.published_changes.publication_id IS 'The publication (warehouse.publication).';
COMMENT ON COLUMN warehouse.published_changes.unit_code IS 'Unit of the figure.';
COMMENT ON COLUMN warehouse.published_changes.level IS 'province, district, commune or village.';
COMMENT ON COLUMN warehouse.published_changes.year IS 'Calendar year published.';
COMMENT ON COLUMN warehouse.published_changes.measure IS 'The figure (warehouse.published_figures.measure).';
COMMENT ON COLUMN warehouse.published_changes.published_value IS 'As published.';
COMMENT ON COLUMN warehouse.published_changes.current_value IS 'As corrected, in the warehouse now (NULL if no longer known).';
COMMENT ON COLUMN warehouse.published_changes.submission_ids IS 'Current submissions under the unit version, of the year (and the year before, for comparisons), registered after the publication: the corrections behind the change (ops.submissions, for admins).';
COMMENT ON COLUMN warehouse.published_changes.unit_valid_from IS 'First day of the unit version of the figure (warehouse.published_figures.unit_valid_from).';

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
GRANT EXECUTE ON FUNCTION warehouse.same_period(text, text) TO safetystats_analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA warehouse GRANT SELECT ON TABLES TO safetystats_analyst;
