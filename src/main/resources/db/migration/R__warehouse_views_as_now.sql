-- Why: "so với cùng kỳ" across the 2025 reform. The views of R__warehouse_views.sql answer with the units as they
-- were ("as then"); these re-aggregate the same facts onto the units valid today ("as now"), following
-- ref.unit_lineage: a full merge adds its predecessors exactly; a partial split gives each successor a share of the
-- old unit's unit-level counts (the admin's weight, else the share of the old unit's villages that went to it) and
-- marks the figure estimated; village-level figures follow each village to the unit it belongs to today, so village
-- ratios are recounted from villages, never averaged from percentages. They read the as-then tables that the
-- nightly build keeps; the yearly figures (as_now_year) are stored by the build itself, by each year's slice in its
-- transaction, for the years and provinces it changed (warehouse.agg_indicator_year_as_now).
-- "Today" is never the clock: it is the warehouse's as-of date, recorded by each build (warehouse.as_of(),
-- build-warehouse --as-of), so figures change only with a build. Below, "today" and "valid today" mean on that day.

CREATE OR REPLACE VIEW warehouse.unit_lineage AS
WITH village_move AS (
    SELECT e.from_code, e.from_valid_from, e.to_code, e.to_valid_from, count(DISTINCT after.code) AS villages
    FROM ref.unit_lineage e
    JOIN ref.unit before ON before.level = 'village' AND before.parent_code = e.from_code
                        AND e.changed_on - 1 >= before.valid_from AND e.changed_on - 1 < before.valid_to
    JOIN ref.unit after ON after.level = 'village' AND after.code = before.code AND after.parent_code = e.to_code
                       AND e.changed_on >= after.valid_from AND e.changed_on < after.valid_to
    WHERE e.kind = 'partial'
    GROUP BY e.from_code, e.from_valid_from, e.to_code, e.to_valid_from
), split AS (
    SELECT e.from_code, e.from_valid_from, count(*) AS successors, sum(m.villages) AS villages
    FROM ref.unit_lineage e
    LEFT JOIN village_move m ON m.from_code = e.from_code AND m.from_valid_from = e.from_valid_from
                            AND m.to_code = e.to_code AND m.to_valid_from = e.to_valid_from
    WHERE e.kind = 'partial'
    GROUP BY e.from_code, e.from_valid_from
)
SELECT e.from_code, e.from_valid_from, e.to_code, e.to_valid_from, e.changed_on, e.kind,
       CASE WHEN e.kind = 'full' THEN 1::numeric
            WHEN e.weight IS NOT NULL THEN e.weight
            WHEN s.villages > 0 THEN round(coalesce(m.villages, 0)::numeric / s.villages, 6)
            ELSE round(1::numeric / s.successors, 6) END AS weight,
       CASE WHEN e.kind = 'full' THEN 'full' WHEN e.weight IS NOT NULL THEN 'admin'
            WHEN s.villages > 0 THEN 'villages' ELSE 'equal' END AS weight_basis,
       e.source
FROM ref.unit_lineage e
LEFT JOIN village_move m ON m.from_code = e.from_code AND m.from_valid_from = e.from_valid_from
                        AND m.to_code = e.to_code AND m.to_valid_from = e.to_valid_from
LEFT JOIN split s ON s.from_code = e.from_code AND s.from_valid_from = e.from_valid_from;
COMMENT ON VIEW warehouse.unit_lineage IS 'Boundary changes of wards and communes (one row per edge from a unit version to a successor version) with the weight the as-now views use.';
COMMENT ON COLUMN warehouse.unit_lineage.from_code IS 'Code of the unit version that ended.';
COMMENT ON COLUMN warehouse.unit_lineage.from_valid_from IS 'First day of that version.';
COMMENT ON COLUMN warehouse.unit_lineage.to_code IS 'Code of the successor version.';
COMMENT ON COLUMN warehouse.unit_lineage.to_valid_from IS 'First day of the successor version.';
COMMENT ON COLUMN warehouse.unit_lineage.changed_on IS 'Day the change took effect.';
COMMENT ON COLUMN warehouse.unit_lineage.kind IS 'full (the whole unit went to the successor) or partial (the unit was split).';
COMMENT ON COLUMN warehouse.unit_lineage.weight IS 'Share of the old unit''s unit-level counts given to the successor: 1 for full edges.';
COMMENT ON COLUMN warehouse.unit_lineage.weight_basis IS 'full; admin (weight from config/lineage.csv); villages (share of the old unit''s villages that went to the successor); equal (no villages known: equal shares).';
COMMENT ON COLUMN warehouse.unit_lineage.source IS 'Legal act or data set of the edge.';

CREATE OR REPLACE VIEW warehouse.unit_as_now AS
WITH RECURSIVE walk AS (
    SELECT u.code, u.valid_from, u.valid_to, u.code AS cur_code, u.valid_from AS cur_from, u.valid_to AS cur_to,
           1::numeric AS weight, false AS partial, 0 AS steps
    FROM ref.unit u
    WHERE u.level = 'commune'
    UNION ALL
    SELECT w.code, w.valid_from, w.valid_to, t.code, t.valid_from, t.valid_to, w.weight * l.weight,
           w.partial OR l.kind = 'partial', w.steps + 1
    FROM walk w
    JOIN warehouse.unit_lineage l ON l.from_code = w.cur_code AND l.from_valid_from = w.cur_from
    JOIN ref.unit t ON t.code = l.to_code AND t.valid_from = l.to_valid_from
    WHERE w.cur_to <= (SELECT warehouse.as_of()) AND w.steps < 20
)
SELECT w.code AS unit_code, min(o.name) AS unit_name, w.valid_from AS unit_valid_from, w.valid_to AS unit_valid_to,
       w.cur_code AS now_code,
       w.cur_from AS now_valid_from, min(n.name) AS now_name,
       min(CASE WHEN p.level = 'province' THEN p.code ELSE pp.code END) AS now_province_code,
       min(CASE WHEN p.level = 'province' THEN p.name ELSE pp.name END) AS now_province_name,
       sum(w.weight) AS weight, bool_or(w.partial) AS estimated
FROM walk w
JOIN ref.unit n ON n.code = w.cur_code AND n.valid_from = w.cur_from
JOIN ref.unit o ON o.code = w.code AND o.valid_from = w.valid_from
LEFT JOIN ref.unit p ON p.code = n.parent_code AND (SELECT warehouse.as_of()) >= p.valid_from AND (SELECT warehouse.as_of()) < p.valid_to
LEFT JOIN ref.unit pp ON pp.code = p.parent_code AND (SELECT warehouse.as_of()) >= pp.valid_from AND (SELECT warehouse.as_of()) < pp.valid_to
WHERE (SELECT warehouse.as_of()) >= w.cur_from AND (SELECT warehouse.as_of()) < w.cur_to
GROUP BY w.code, w.valid_from, w.valid_to, w.cur_code, w.cur_from;
COMMENT ON VIEW warehouse.unit_as_now IS 'Each version of a ward or commune, past or present, with the ward or commune valid today it went to (through every change in between) and the share of its counts that went there.';
COMMENT ON COLUMN warehouse.unit_as_now.unit_code IS 'Code of the version (as then).';
COMMENT ON COLUMN warehouse.unit_as_now.unit_name IS 'Its name then.';
COMMENT ON COLUMN warehouse.unit_as_now.unit_valid_from IS 'First day of the version.';
COMMENT ON COLUMN warehouse.unit_as_now.unit_valid_to IS 'First day it is no longer valid.';
COMMENT ON COLUMN warehouse.unit_as_now.now_code IS 'Ward or commune valid today that took it in (itself when still valid).';
COMMENT ON COLUMN warehouse.unit_as_now.now_valid_from IS 'First day of that unit''s current version.';
COMMENT ON COLUMN warehouse.unit_as_now.now_name IS 'Its name.';
COMMENT ON COLUMN warehouse.unit_as_now.now_province_code IS 'Province it belongs to today.';
COMMENT ON COLUMN warehouse.unit_as_now.now_province_name IS 'Its name.';
COMMENT ON COLUMN warehouse.unit_as_now.weight IS 'Share of the old version''s unit-level counts that goes to now_code (product of the edge weights on the way; 1 for full merges).';
COMMENT ON COLUMN warehouse.unit_as_now.estimated IS 'Whether a partial split lies on the way (the share is an estimate).';

CREATE OR REPLACE VIEW warehouse.village_as_now AS
SELECT DISTINCT ON (v.code) v.code AS village_code, m.now_code, m.now_province_code,
       m.estimated AND NOT ((SELECT warehouse.as_of()) >= v.valid_from AND (SELECT warehouse.as_of()) < v.valid_to) AS estimated
FROM ref.unit v
JOIN ref.unit c ON c.level = 'commune' AND c.code = v.parent_code
               AND least(v.valid_to, (SELECT warehouse.as_of()) + 1) - 1 >= c.valid_from
               AND least(v.valid_to, (SELECT warehouse.as_of()) + 1) - 1 < c.valid_to
JOIN warehouse.unit_as_now m ON m.unit_code = c.code AND m.unit_valid_from = c.valid_from
WHERE v.level = 'village' AND v.valid_from <= (SELECT warehouse.as_of())
ORDER BY v.code, v.valid_from DESC, m.weight DESC, m.now_code;
COMMENT ON VIEW warehouse.village_as_now IS 'Each village or residential group with the ward or commune it belongs to today (the parent of its current version; for a village that no longer exists, the main successor of its last ward).';
COMMENT ON COLUMN warehouse.village_as_now.village_code IS 'Village code.';
COMMENT ON COLUMN warehouse.village_as_now.now_code IS 'Ward or commune valid today it is counted under.';
COMMENT ON COLUMN warehouse.village_as_now.now_province_code IS 'Province of that ward or commune today.';
COMMENT ON COLUMN warehouse.village_as_now.estimated IS 'Whether the village no longer exists and its ward was split (its place is then a guess).';

-- Bounds (docs/warehouse.md, "The rules of the contract"): a figure re-aggregated onto today's units is exact only where
-- everything in it can be placed: a unit version's unit-level counts are placed exactly in a ward or commune that took
-- all of it (every unit valid today it went to is that one) and in a province that holds every unit it went to; a
-- village's rows are placed by the village, except for a village that no longer exists whose ward was split (its place
-- is a guess among the units that ward's version went to). value_low counts only what is placed exactly; value_high
-- counts whole every part that is not (a split unit's counts, a guessed village's rows) for every unit it may belong to.
-- Both are NULL when the value is. Counts are never negative, so value_low <= value <= value_high.
CREATE OR REPLACE FUNCTION warehouse.share_low(p_share numeric, p_exact boolean) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN p_share IS NULL THEN NULL WHEN p_exact THEN p_share ELSE 0 END $$;
COMMENT ON FUNCTION warehouse.share_low(numeric, boolean) IS 'A part''s contribution to a figure''s low bound: its share when it is placed exactly (p_exact), else 0; NULL when p_share is.';

CREATE OR REPLACE FUNCTION warehouse.share_high(p_share numeric, p_whole numeric, p_exact boolean) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN p_share IS NULL THEN NULL WHEN p_exact THEN p_share ELSE p_whole END $$;
COMMENT ON FUNCTION warehouse.share_high(numeric, numeric, boolean) IS 'A part''s contribution to a figure''s high bound: its share when it is placed exactly (p_exact), else the whole part (p_whole); NULL when p_share is.';

CREATE OR REPLACE FUNCTION warehouse.pct_low(p_part_low numeric, p_part_high numeric, p_whole_low numeric,
                                             p_whole_high numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT warehouse.pct(p_part_low, p_whole_high - (p_part_high - p_part_low)) $$;
COMMENT ON FUNCTION warehouse.pct_low(numeric, numeric, numeric, numeric) IS 'Low bound of a share (warehouse.pct) of items some of which may or may not count (an uncertain item in the part is in the whole too): the uncertain items outside the part counted, those in it not.';

CREATE OR REPLACE FUNCTION warehouse.pct_high(p_part_low numeric, p_part_high numeric, p_whole_low numeric,
                                              p_whole_high numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT warehouse.pct(p_part_high, p_whole_low + (p_part_high - p_part_low)) $$;
COMMENT ON FUNCTION warehouse.pct_high(numeric, numeric, numeric, numeric) IS 'High bound of a share (warehouse.pct) of items some of which may or may not count: the uncertain items in the part counted, the others not.';

-- One window of months re-aggregated onto today's units, at commune and province level: for the provinces named
-- (today's), or all when p_provinces is NULL. It is written once over the commune months and facts it is given
-- (as_now_window_of); the build stores the same rules month by month (build-slice/as-now.sql), from which a window
-- within one year is read (as_now_window_built_of): a test compares the two over the windows of its history. Its columns changed (the bounds): a
-- function's result type cannot be replaced, so it and those returning it are made anew.
DROP FUNCTION IF EXISTS warehouse.as_now_window(date, date);
DROP FUNCTION IF EXISTS warehouse.as_now_window(date, date, text[]);
DROP FUNCTION IF EXISTS warehouse.as_now_window(date, date, text[], text[]);
DROP FUNCTION IF EXISTS warehouse.as_now_window_of(date, date, text[], regclass, regclass);
DROP FUNCTION IF EXISTS warehouse.as_now_window_of(date, date, text[], regclass, regclass, text[]);
DROP FUNCTION IF EXISTS warehouse.as_now_window_of(date, date, text[], regclass, regclass, text[], boolean);
DROP FUNCTION IF EXISTS warehouse.as_now_window_of(date, date, text[], regclass, regclass, text[], date);
CREATE FUNCTION warehouse.as_now_window_of(p_first date, p_last date, p_provinces text[], p_commune_month regclass,
                                           p_fact_value regclass, p_units text[] DEFAULT NULL,
                                           p_reported_before date DEFAULT NULL)
RETURNS TABLE (unit_code text, unit_name text, level text, indicator text, value numeric, complete boolean,
               estimated boolean, months_complete bigint, value_low numeric, value_high numeric)
-- The parts are joined by hash: a freshly built year has no statistics yet and the planner would otherwise guess
-- one row and loop over whole parts per row (and, with those plans priced out, compile them with JIT). Grouped by
-- hashing too: the planner, blind to the parts' sizes, sorted 85,000 unit parts to group them (10% of a window).
-- A few wards or communes asked for (p_units) are looked up by index instead: their predecessors' rows only, and no
-- province rows (which would count only those).
LANGUAGE plpgsql STABLE SET enable_nestloop = off SET enable_sort = off SET jit = off AS $fn$
DECLARE
    -- the window's years, written into the query: each year partition found at once, and by equality in the index
    years CONSTANT text := CAST(ARRAY(SELECT generate_series(CAST(extract(year FROM p_first) AS integer),
                                                             CAST(extract(year FROM p_last) AS integer))) AS text);
    cm_rows text;
    fact_rows text;
    -- the villages whose facts count (placed in the units or the provinces asked for)
    villages CONSTANT text := CASE WHEN p_units IS NOT NULL THEN 'now_code = ANY ($4)'
                                   ELSE 'now_province_code = ANY ($3)' END;
BEGIN
    IF p_units IS NULL THEN
        -- the provinces' (or every) commune months
        cm_rows := format($c$
            SELECT c.period, c.commune_code, c.unit_valid_from, c.expected, c.submission_id, m.now_code, m.now_name,
                   m.now_province_code, m.now_province_name, m.weight, m.estimated
            FROM %1$s c
            JOIN warehouse.unit_map m ON m.unit_code = c.commune_code AND m.unit_valid_from = c.unit_valid_from
            WHERE c.year = ANY (%2$L::integer[]) AND c.period BETWEEN $1 AND $2
              AND ($3 IS NULL OR m.now_province_code = ANY ($3))$c$, p_commune_month, years);
    ELSE
        -- the units' predecessors' months, looked up by index (LATERAL, kept a subquery by OFFSET 0: the one join
        -- that loops); their few rows are joined by index too (nested loops, for this call only: the function's SET
        -- clause restores the setting when it returns)
        PERFORM set_config('enable_nestloop', 'on', true);
        cm_rows := format($c$
            SELECT c.period, c.commune_code, c.unit_valid_from, c.expected, c.submission_id, m.now_code, m.now_name,
                   m.now_province_code, m.now_province_name, m.weight, m.estimated
            FROM warehouse.unit_map m
            CROSS JOIN LATERAL (SELECT * FROM %1$s c
                                WHERE c.year = ANY (%2$L::integer[]) AND c.commune_code = m.unit_code
                                  AND c.unit_valid_from = m.unit_valid_from AND c.period BETWEEN $1 AND $2
                                OFFSET 0) c
            WHERE m.now_code = ANY ($4)$c$, p_commune_month, years);
    END IF;
    IF p_reported_before IS NOT NULL THEN
        -- the end-of-period facts of the unit versions and villages whose last report within the window came before
        -- p_reported_before (none since), found by index: the versions' last month from their commune months, the
        -- villages' from the months they have rows in under each commune (warehouse.village_fact_months; each
        -- village's last month under any commune): for some units or provinces, the villages that
        -- reported under their communes or are placed in them, by index (the country's every village took 0.1 s)
        fact_rows := format($f$
            SELECT f.commune_code, f.village_code, f.period, f.indicator, f.value, i.aggregation, i.level
            FROM (SELECT c.commune_code, CAST(NULL AS text) AS village_code, max(c.period) AS period
                  FROM cm c
                  WHERE c.submission_id IS NOT NULL
                  GROUP BY c.commune_code, c.unit_valid_from
                  HAVING max(c.period) < $5
                  UNION ALL
                  -- each village's last month with rows of any kind, under whichever commune (its end-of-period
                  -- facts, if any, are those of that month, as the rules over every fact find them)
                  SELECT v.commune_code, v.village_code, v.period
                  FROM (SELECT l.*, max(l.period) OVER (PARTITION BY l.village_code) AS last_period
                        FROM (SELECT m.commune_code, m.village_code,
                                     make_date(m.year, 13 - position('1' IN CAST(m.months & x.since AS bit(12))), 1)
                                         AS period
                              FROM (%2$s) m
                              CROSS JOIN (SELECT 4096 - (1 << (CAST(extract(month FROM $1) AS integer) - 1)) AS since,
                                                 (1 << (CAST(extract(month FROM $2) AS integer))) - 1 AS until) x
                              WHERE m.months & x.since <> 0
                                AND NOT EXISTS (SELECT FROM warehouse.village_fact_months n
                                                WHERE n.year = CAST(extract(year FROM $2) AS integer)
                                                  AND n.village_code = m.village_code
                                                  AND n.months & x.until <> 0%3$s)) l) v
                  WHERE v.period = v.last_period) k
            CROSS JOIN LATERAL (SELECT * FROM %1$s f
                                WHERE f.year = CAST(extract(year FROM k.period) AS integer)
                                  AND f.commune_code = k.commune_code AND f.period = k.period
                                  AND f.village_code IS NOT DISTINCT FROM k.village_code
                                OFFSET 0) f
            JOIN warehouse.dim_indicator i ON i.indicator = f.indicator
            WHERE i.aggregation = 'end_of_period'$f$, p_fact_value,
            CASE WHEN p_units IS NULL AND p_provinces IS NULL
                 THEN 'SELECT * FROM warehouse.village_fact_months WHERE year = CAST(extract(year FROM $1) AS integer)'
                 -- (each looked up by index, kept a subquery by OFFSET 0)
                 ELSE format($v$SELECT m.* FROM (SELECT DISTINCT commune_code FROM cm) k
                                CROSS JOIN LATERAL (SELECT * FROM warehouse.village_fact_months m
                                                    WHERE m.year = CAST(extract(year FROM $1) AS integer)
                                                      AND m.commune_code = k.commune_code OFFSET 0) m
                                UNION
                                SELECT m.* FROM (SELECT village_code FROM warehouse.village_map WHERE %s) k
                                CROSS JOIN LATERAL (SELECT * FROM warehouse.village_fact_months m
                                                    WHERE m.year = CAST(extract(year FROM $1) AS integer)
                                                      AND m.village_code = k.village_code OFFSET 0) m$v$, villages)
            END,
            -- their later year looked up village by village too (not joined to the whole year's)
            CASE WHEN p_units IS NOT NULL OR p_provinces IS NOT NULL THEN ' OFFSET 0' ELSE '' END);
    ELSIF p_units IS NULL AND p_provinces IS NULL THEN
        -- every fact of the window
        fact_rows := format($f$
            SELECT f.commune_code, f.village_code, f.period, f.indicator, f.value, i.aggregation, i.level
            FROM %1$s f
            JOIN warehouse.dim_indicator i ON i.indicator = f.indicator
            WHERE f.year = ANY (%2$L::integer[]) AND f.period BETWEEN $1 AND $2$f$, p_fact_value, years);
    ELSE
        -- a few units or provinces (a slice's): their communes' facts, and those of the villages counted in them
        -- under each commune they ever belonged to, looked up by index commune by commune (a slice of one ward's
        -- province read the year's whole partition: 0.25 s of the ward's resubmission at national scale)
        fact_rows := format($f$
            SELECT f.commune_code, f.village_code, f.period, f.indicator, f.value, i.aggregation, i.level
            FROM (SELECT commune_code FROM cm
                  UNION
                  SELECT v.parent_code FROM ref.unit v
                  JOIN warehouse.village_map m ON m.village_code = v.code
                  WHERE v.level = 'village' AND m.%3$s) k
            CROSS JOIN LATERAL (SELECT * FROM %1$s f
                                WHERE f.year = ANY (%2$L::integer[]) AND f.commune_code = k.commune_code
                                  AND f.period BETWEEN $1 AND $2
                                OFFSET 0) f
            JOIN warehouse.dim_indicator i ON i.indicator = f.indicator
            WHERE f.commune_code IN (SELECT commune_code FROM cm)
               OR f.village_code IN (SELECT village_code FROM warehouse.village_map WHERE %3$s)$f$,
            p_fact_value, years, villages);
    END IF;
    RETURN QUERY EXECUTE format($q$
    -- units and villages as they are mapped at the last build (warehouse.unit_map, village_map)
    WITH cm AS MATERIALIZED (%2$s
    ), facts AS MATERIALIZED (%3$s
    ), went_to AS (
        -- where each unit version went, whatever provinces are asked for: it is placed exactly in a ward or commune
        -- that took all of it (one unit) and in the province of all the units it went to (one province)
        SELECT m.unit_code, m.unit_valid_from, count(*) = 1 AS one_unit,
               CASE WHEN count(DISTINCT m.now_province_code) = 1 AND count(m.now_province_code) = count(*)
                    THEN min(m.now_province_code) END AS one_province
        FROM warehouse.unit_map m
        WHERE $4 IS NULL OR m.unit_code IN (SELECT commune_code FROM cm)
        GROUP BY m.unit_code, m.unit_valid_from
    ), window_end AS (
        SELECT now_code, max(period) AS last_month FROM cm WHERE expected OR submission_id IS NOT NULL GROUP BY now_code
    ), last_reported AS (
        -- end of period: the unit versions valid in the window's last month each give the value of the last month
        -- they reported within the window (not NULL when only that last month is missing)
        SELECT cm.now_code, cm.commune_code, cm.unit_valid_from,
               max(cm.period) FILTER (WHERE cm.submission_id IS NOT NULL) AS period
        FROM cm
        JOIN window_end e ON e.now_code = cm.now_code
        GROUP BY cm.now_code, cm.commune_code, cm.unit_valid_from, e.last_month
        HAVING bool_or(cm.period = e.last_month)
    ), unit_part AS (
        -- a unit version's unit-level rows counted for a unit valid today: whole, and the weight of its share
        SELECT cm.now_code, cm.now_province_code, cm.commune_code, cm.unit_valid_from, f.indicator,
               sum(f.value) FILTER (WHERE f.aggregation = 'sum' OR l.period IS NOT NULL) AS whole,
               min(cm.weight) AS weight
        FROM facts f
        JOIN cm ON cm.commune_code = f.commune_code AND cm.period = f.period
        LEFT JOIN last_reported l ON l.now_code = cm.now_code AND l.commune_code = cm.commune_code
                                 AND l.unit_valid_from = cm.unit_valid_from AND l.period = cm.period
        WHERE f.village_code IS NULL
        GROUP BY cm.now_code, cm.now_province_code, cm.commune_code, cm.unit_valid_from, f.indicator
    ), unit_value AS (
        -- estimated only where an apportioning weight entered the figure
        SELECT p.now_code, p.indicator, sum(p.whole * p.weight) AS value,
               sum(warehouse.share_low(p.whole * p.weight, w.one_unit)) AS value_low,
               sum(warehouse.share_high(p.whole * p.weight, p.whole, w.one_unit)) AS value_high,
               bool_or(p.weight < 1) FILTER (WHERE p.whole IS NOT NULL) AS estimated
        FROM unit_part p
        JOIN went_to w ON w.unit_code = p.commune_code AND w.unit_valid_from = p.unit_valid_from
        GROUP BY p.now_code, p.indicator
    ), unit_province AS (
        -- a province counts a unit version's rows once: its shares to the units in it, or whole
        SELECT province_code, indicator, sum(warehouse.share_low(share, exact)) AS value_low,
               sum(warehouse.share_high(share, whole, exact)) AS value_high
        FROM (SELECT p.now_province_code AS province_code, p.indicator, sum(p.whole * p.weight) AS share,
                     max(p.whole) AS whole, coalesce(min(w.one_province) = p.now_province_code, false) AS exact
              FROM unit_part p
              JOIN went_to w ON w.unit_code = p.commune_code AND w.unit_valid_from = p.unit_valid_from
              WHERE p.now_province_code IS NOT NULL
              GROUP BY p.now_province_code, p.commune_code, p.unit_valid_from, p.indicator) x
        GROUP BY province_code, indicator
    ), village_last AS (
        SELECT village_code, max(period) AS period FROM facts WHERE village_code IS NOT NULL GROUP BY village_code
    ), village_part AS (
        -- each village's rows counted (sums: every month; end of period: its last month), where it is placed
        SELECT f.village_code, f.commune_code, f.period, f.indicator, f.value, v.now_code, v.now_province_code,
               v.estimated AS guessed
        FROM facts f
        JOIN warehouse.village_map v ON v.village_code = f.village_code
        JOIN village_last l ON l.village_code = f.village_code
        WHERE f.village_code IS NOT NULL AND (f.aggregation = 'sum' OR f.period = l.period)
    ), village_value AS (
        SELECT now_code, indicator, sum(value) AS value, coalesce(sum(value) FILTER (WHERE NOT guessed), 0) AS exact,
               bool_or(guessed) AS estimated
        FROM village_part
        WHERE ($3 IS NULL OR now_province_code = ANY ($3)) AND ($4 IS NULL OR now_code = ANY ($4))
        GROUP BY now_code, indicator
    ), guess AS (
        -- a guessed village's rows may belong to any unit its ward's version went to, or to the one it is placed in
        SELECT g.village_code, g.period, g.indicator, g.value, m.now_code, m.now_province_code,
               m.now_code = g.now_code AS placed
        FROM village_part g
        JOIN %1$s c ON c.year = CAST(extract(year FROM g.period) AS integer)
                                      AND c.commune_code = g.commune_code AND c.period = g.period
        JOIN warehouse.unit_map m ON m.unit_code = c.commune_code AND m.unit_valid_from = c.unit_valid_from
        WHERE g.guessed
        UNION
        SELECT village_code, period, indicator, value, now_code, now_province_code, true
        FROM village_part WHERE guessed
    ), guess_row AS (
        SELECT village_code, period, indicator, count(*) = 1 AS one_unit,
               CASE WHEN count(DISTINCT now_province_code) = 1 AND count(now_province_code) = count(*)
                    THEN min(now_province_code) END AS one_province
        FROM guess
        GROUP BY village_code, period, indicator
    ), guess_unit AS (
        SELECT g.now_code, g.indicator, coalesce(sum(g.value) FILTER (WHERE g.placed AND r.one_unit), 0) AS low,
               coalesce(sum(g.value) FILTER (WHERE NOT g.placed), 0) AS high
        FROM guess g
        JOIN guess_row r USING (village_code, period, indicator)
        GROUP BY g.now_code, g.indicator
    ), guess_province AS (
        SELECT province_code, indicator, coalesce(sum(value) FILTER (WHERE exact), 0) AS low,
               coalesce(sum(value) FILTER (WHERE NOT placed), 0) AS high
        FROM (SELECT g.now_province_code AS province_code, g.indicator, min(g.value) AS value,
                     bool_or(g.placed) AS placed, coalesce(min(r.one_province) = g.now_province_code, false) AS exact
              FROM guess g
              JOIN guess_row r USING (village_code, period, indicator)
              WHERE g.now_province_code IS NOT NULL
              GROUP BY g.now_province_code, g.village_code, g.period, g.indicator) x
        GROUP BY province_code, indicator
    ), month_state AS (
        SELECT now_code, min(now_province_code) AS province_code, period,
               bool_and(submission_id IS NOT NULL) FILTER (WHERE expected) AS all_in
        FROM cm
        GROUP BY now_code, period
    ), names AS (
        SELECT now_code, min(now_name) AS name, min(now_province_name) AS province_name FROM cm GROUP BY now_code
    ), unit_state AS (
        SELECT now_code, min(province_code) AS province_code, coalesce(bool_and(all_in), false) AS complete,
               count(*) FILTER (WHERE all_in) AS months_complete
        FROM month_state
        GROUP BY now_code
    ), commune AS (
        SELECT s.now_code AS unit_code, s.province_code, i.indicator, i.level AS indicator_level,
               CASE WHEN i.level = 'unit' THEN u.value ELSE v.value END AS value, s.complete,
               coalesce(CASE WHEN i.level = 'unit' THEN u.estimated ELSE v.estimated END, false) AS estimated,
               s.months_complete,
               -- (the part of a window reported before p_reported_before: bounds that add up with the rest's, set
               -- though the value be NULL)
               CASE WHEN i.level = 'unit' THEN u.value_low
                    WHEN v.value IS NOT NULL THEN v.exact + coalesce(g.low, 0)
                    WHEN $5 IS NOT NULL THEN g.low END AS value_low,
               CASE WHEN i.level = 'unit' THEN u.value_high WHEN $5 IS NOT NULL AND v.value IS NULL THEN g.high
                    ELSE v.value + coalesce(g.high, 0) END AS value_high,
               CASE WHEN i.level <> 'unit' THEN v.exact END AS village_exact
        FROM unit_state s
        CROSS JOIN warehouse.dim_indicator i
        LEFT JOIN unit_value u ON u.now_code = s.now_code AND u.indicator = i.indicator
        LEFT JOIN village_value v ON v.now_code = s.now_code AND v.indicator = i.indicator
        LEFT JOIN guess_unit g ON g.now_code = s.now_code AND g.indicator = i.indicator
        WHERE $5 IS NULL OR i.aggregation = 'end_of_period'
    ), province_months AS (
        SELECT province_code, count(*) FILTER (WHERE all_in) AS months_complete
        FROM (SELECT province_code, period, coalesce(bool_and(all_in), false) AS all_in FROM month_state
              GROUP BY province_code, period) x
        GROUP BY province_code
    ), province AS (
        SELECT c.province_code, min(n.province_name) AS name, c.indicator, min(c.indicator_level) AS indicator_level,
               sum(c.value) AS value, bool_and(c.complete) AS complete, bool_or(c.estimated) AS estimated,
               min(pm.months_complete) AS months_complete, sum(c.village_exact) AS village_exact
        FROM commune c
        JOIN province_months pm ON pm.province_code = c.province_code
        JOIN names n ON n.now_code = c.unit_code
        WHERE c.province_code IS NOT NULL
        GROUP BY c.province_code, c.indicator
    )
    SELECT c.unit_code, n.name, 'commune', c.indicator, c.value, c.complete, c.estimated, c.months_complete,
           c.value_low, c.value_high
    FROM commune c
    JOIN names n ON n.now_code = c.unit_code
    UNION ALL
    SELECT p.province_code, p.name, 'province', p.indicator, p.value, p.complete, p.estimated, p.months_complete,
           CASE WHEN p.indicator_level = 'unit' THEN u.value_low
                WHEN p.value IS NOT NULL THEN p.village_exact + coalesce(g.low, 0) WHEN $5 IS NOT NULL THEN g.low END,
           CASE WHEN p.indicator_level = 'unit' THEN u.value_high WHEN $5 IS NOT NULL AND p.value IS NULL THEN g.high
                ELSE p.value + coalesce(g.high, 0) END
    FROM province p
    LEFT JOIN unit_province u ON u.province_code = p.province_code AND u.indicator = p.indicator
    LEFT JOIN guess_province g ON g.province_code = p.province_code AND g.indicator = p.indicator
    WHERE $4 IS NULL
    $q$, p_commune_month, cm_rows, fact_rows)
    USING p_first, p_last, p_provinces, p_units, p_reported_before;
END
$fn$;
COMMENT ON FUNCTION warehouse.as_now_window_of(date, date, text[], regclass, regclass, text[], date) IS 'The months p_first..p_last re-aggregated onto today''s units, computed from the tables named (commune months and facts): the rules of the as-now window written over the facts. warehouse.as_now_window reads the months the build stored (as_now_window_built_of) instead, which give the same rows, and, for a window across a year''s end, uses this function with p_reported_before (the later year''s January) for the part the months built leave out: the end-of-period rows alone, of the unit versions and villages whose last report within the window came before that month, from their facts alone (found by index), with bounds that add up with the rest''s. With p_units, the rows of those wards and communes only (no province rows), looked up by index.';

-- The same window read from what the build stored month by month (warehouse.agg_indicator_month_as_now and
-- commune_month_as_now, or a year's fresh ones while it builds): a window within one calendar year sums its months'
-- sums and bounds, takes the end-of-period values stored with its last month that were reported from its first month
-- on, and counts each ward's months complete. It gives the rows as_now_window_of computes from the facts (a test
-- compares the two over every window of its years), in milliseconds at national scale. Across the end of a year its
-- sums, bounds of sums and months complete are read the same way from both years' months, but the end-of-period
-- values stored with the window's last month hold only what was reported within that month's year: as_now_window
-- adds the rest.
DROP FUNCTION IF EXISTS warehouse.as_now_window_built_of(date, date, text[], text[], regclass, regclass);
DROP FUNCTION IF EXISTS warehouse.as_now_window_built_of(date, date, text[], text[], regclass, regclass, boolean);
DROP FUNCTION IF EXISTS warehouse.as_now_window_built_of(date, date, text[], text[], regclass, regclass, boolean,
                                                         boolean);
CREATE FUNCTION warehouse.as_now_window_built_of(p_first date, p_last date, p_provinces text[], p_units text[],
                                                 p_months regclass, p_communes regclass,
                                                 p_provinces_only boolean DEFAULT false,
                                                 p_raw_bounds boolean DEFAULT false)
RETURNS TABLE (unit_code text, unit_name text, level text, indicator text, value numeric, complete boolean,
               estimated boolean, months_complete bigint, value_low numeric, value_high numeric)
LANGUAGE plpgsql STABLE SET jit = off AS $fn$
BEGIN
    RETURN QUERY EXECUTE format($q$
    WITH st AS MATERIALIZED (
        SELECT s.unit_code, s.unit_name, s.province_code, s.province_name, s.period, s.all_in
        FROM %2$s s
        WHERE s.year BETWEEN CAST(extract(year FROM $1) AS integer) AND CAST(extract(year FROM $2) AS integer)
          AND s.period BETWEEN $1 AND $2
          -- wards asked for alone: those, whatever the provinces (as as_now_window_of); else the provinces'
          AND CASE WHEN $4 IS NOT NULL THEN s.unit_code = ANY ($4) ELSE $3 IS NULL OR s.province_code = ANY ($3) END
    ), unit_state AS (
        SELECT s.unit_code, min(s.unit_name) AS name, min(s.province_code) AS province_code,
               min(s.province_name) AS province_name, coalesce(bool_and(s.all_in), false) AS complete,
               count(*) FILTER (WHERE s.all_in) AS months_complete
        FROM st s
        GROUP BY s.unit_code
    ), vals AS (
        -- sums over the window's months; end-of-period values stored with its last month, reported within it
        SELECT g.unit_code, g.level, g.indicator, sum(g.value) AS value, sum(g.value_low) AS value_low,
               sum(g.value_high) AS value_high, bool_or(g.estimated) AS estimated
        FROM %3$s g
        JOIN warehouse.dim_indicator i ON i.indicator = g.indicator
        WHERE g.year BETWEEN CAST(extract(year FROM $1) AS integer) AND CAST(extract(year FROM $2) AS integer)
          AND CASE WHEN i.aggregation = 'sum' THEN g.period BETWEEN $1 AND $2
                   -- stored with the window's last month, reported from its first on (across a year's end, those
                   -- reported within the last month's year: the rest is as_now_window's to add)
                   ELSE g.period = $2 AND g.reported_month >= $1 END
        GROUP BY g.unit_code, g.level, g.indicator
    ), province_months AS (
        SELECT x.province_code, count(*) FILTER (WHERE x.all_in) AS months_complete
        FROM (SELECT s.province_code, s.period, coalesce(bool_and(s.all_in), false) AS all_in FROM st s
              WHERE s.province_code IS NOT NULL GROUP BY s.province_code, s.period) x
        GROUP BY x.province_code
    ), province AS (
        SELECT u.province_code, min(u.province_name) AS name, bool_and(u.complete) AS complete,
               min(pm.months_complete) AS months_complete
        FROM unit_state u
        JOIN province_months pm ON pm.province_code = u.province_code
        GROUP BY u.province_code
    ), rows AS (
        SELECT u.unit_code, u.name, 'commune' AS level, i.indicator, u.complete, u.months_complete
        FROM unit_state u
        CROSS JOIN warehouse.dim_indicator i
        WHERE NOT $5
        UNION ALL
        SELECT p.province_code, p.name, 'province', i.indicator, p.complete, p.months_complete
        FROM province p
        CROSS JOIN warehouse.dim_indicator i
        WHERE $4 IS NULL
    )
    SELECT r.unit_code, r.name, r.level, r.indicator, v.value, r.complete, coalesce(v.estimated, false),
           r.months_complete,
           -- (raw: as summed, that they add up with another part's, set though the value be NULL)
           CASE WHEN $6 THEN v.value_low WHEN v.value IS NOT NULL THEN coalesce(v.value_low, 0) END,
           CASE WHEN $6 OR v.value IS NOT NULL THEN v.value_high END
    FROM rows r
    LEFT JOIN vals v ON v.unit_code = r.unit_code AND v.level = r.level AND v.indicator = r.indicator
    $q$, p_months, p_communes,
    -- the country's months are read whole; some units' (wards alone, or some provinces' units and the provinces) by
    -- the primary key's index, unit by unit (a slice's year: a province's 127 units read 8,000 rows, not a year's
    -- 450,000 of the country)
    CASE WHEN p_provinces IS NULL AND p_units IS NULL THEN format('%s', p_months)
         ELSE format($k$(SELECT m.* FROM (SELECT u.unit_code, 'commune' AS level FROM unit_state u WHERE NOT $5
                                          UNION ALL
                                          SELECT p.code, 'province' FROM unnest($3) AS p (code) WHERE $4 IS NULL) k
                         CROSS JOIN LATERAL (SELECT * FROM %s m
                                             WHERE m.unit_code = k.unit_code AND m.level = k.level
                                               AND m.year BETWEEN CAST(extract(year FROM $1) AS integer)
                                                              AND CAST(extract(year FROM $2) AS integer)
                                             OFFSET 0) m)$k$,
                     p_months) END)
    USING p_first, p_last, p_provinces, p_units, p_provinces_only, p_raw_bounds;
END
$fn$;
COMMENT ON FUNCTION warehouse.as_now_window_built_of(date, date, text[], text[], regclass, regclass, boolean, boolean) IS 'warehouse.as_now_window_of read from the months the build stored (across a year''s end, the end-of-period values reported within the later year only: warehouse.as_now_window adds the rest) (the tables named: warehouse.agg_indicator_month_as_now and commune_month_as_now, or a year''s fresh ones): the provinces p_provinces (NULL: all), or the wards and communes p_units alone (no province rows); with p_provinces_only, the provinces'' rows alone (what a build of some communes rewrites beside their wards); with p_raw_bounds, the bounds as summed, set though the value be NULL (to be added to another part''s).';

-- A window within one calendar year is read from the months built. Across a year's end, so are its sums, their bounds
-- and the months complete (sums add up month by month), and the end-of-period values reported within the later year
-- (stored with the window's last month); to them are added those of the unit versions and villages whose last report
-- within the window came in the earlier year, computed from their few facts (read by index: the versions' last
-- months from the commune months, the villages' from warehouse.village_fact_months). Computed from every fact of its
-- months, the country's twelve months to 2026-06 took 3.5 s.
CREATE OR REPLACE FUNCTION warehouse.as_now_window(p_first date, p_last date, p_provinces text[], p_units text[])
RETURNS TABLE (unit_code text, unit_name text, level text, indicator text, value numeric, complete boolean,
               estimated boolean, months_complete bigint, value_low numeric, value_high numeric)
LANGUAGE plpgsql STABLE SET enable_nestloop = off AS $$
#variable_conflict use_column
DECLARE
    later_year CONSTANT date := date_trunc('year', p_last)::date;
BEGIN
    IF date_trunc('year', p_first) = later_year THEN
        RETURN QUERY SELECT * FROM warehouse.as_now_window_built_of(p_first, p_last, p_provinces, p_units,
            'warehouse.agg_indicator_month_as_now', 'warehouse.commune_month_as_now');
    ELSIF date_trunc('year', p_first) = later_year - INTERVAL '1 year' THEN
        RETURN QUERY
        SELECT x.unit_code, x.unit_name, x.level, x.indicator, x.value, x.complete, x.estimated, x.months_complete,
               CASE WHEN x.value IS NOT NULL THEN coalesce(x.low_built, 0) + coalesce(x.low_before, 0) END,
               CASE WHEN x.value IS NOT NULL THEN coalesce(x.high_built, 0) + coalesce(x.high_before, 0) END
        FROM (SELECT b.unit_code, b.unit_name, b.level, b.indicator, b.complete, b.months_complete,
                     CASE WHEN b.value IS NULL AND e.value IS NULL THEN NULL
                          ELSE coalesce(b.value, 0) + coalesce(e.value, 0) END AS value,
                     b.estimated OR coalesce(e.estimated, false) AS estimated,
                     b.value_low AS low_built, e.value_low AS low_before, b.value_high AS high_built,
                     e.value_high AS high_before
              FROM warehouse.as_now_window_built_of(p_first, p_last, p_provinces, p_units,
                       'warehouse.agg_indicator_month_as_now', 'warehouse.commune_month_as_now', false, true) b
              LEFT JOIN warehouse.as_now_window_of(p_first, p_last, p_provinces, 'warehouse.commune_month',
                            'warehouse.fact_value', p_units, later_year) e
                     ON e.unit_code = b.unit_code AND e.level = b.level AND e.indicator = b.indicator) x;
    ELSE
        -- longer than any window the contract asks for: computed from every fact
        RETURN QUERY SELECT * FROM warehouse.as_now_window_of(p_first, p_last, p_provinces, 'warehouse.commune_month',
            'warehouse.fact_value', p_units);
    END IF;
END
$$;
COMMENT ON FUNCTION warehouse.as_now_window(date, date, text[], text[]) IS 'The months p_first..p_last re-aggregated onto the wards, communes and provinces valid today, for the provinces p_provinces (NULL: all) or the wards and communes p_units alone (no province rows): read from the months the build stored (as_now_window_built_of); across a year''s end, with the end-of-period values of what was last reported in the earlier year computed from their facts (as_now_window_of).';

CREATE FUNCTION warehouse.as_now_window(p_first date, p_last date, p_provinces text[])
RETURNS TABLE (unit_code text, unit_name text, level text, indicator text, value numeric, complete boolean,
               estimated boolean, months_complete bigint, value_low numeric, value_high numeric)
LANGUAGE sql STABLE AS $$ SELECT * FROM warehouse.as_now_window(p_first, p_last, p_provinces, NULL) $$;
COMMENT ON FUNCTION warehouse.as_now_window(date, date, text[]) IS 'The months p_first..p_last re-aggregated onto the wards, communes and provinces valid today: value, complete (every predecessor-month owed was submitted), estimated (a partial split was apportioned), months in which every predecessor reported, and the bounds of the value (value_low counts only what is placed exactly, value_high every part that is not whole; equal to value when it is exact). Only the provinces p_provinces (today''s codes), or all when NULL.';

CREATE FUNCTION warehouse.as_now_window(p_first date, p_last date)
RETURNS TABLE (unit_code text, unit_name text, level text, indicator text, value numeric, complete boolean,
               estimated boolean, months_complete bigint, value_low numeric, value_high numeric)
LANGUAGE sql STABLE AS $$ SELECT * FROM warehouse.as_now_window(p_first, p_last, NULL, NULL) $$;
COMMENT ON FUNCTION warehouse.as_now_window(date, date) IS 'The months p_first..p_last re-aggregated onto the wards, communes and provinces valid today: value, complete (every predecessor-month owed was submitted), estimated (a partial split was apportioned), months in which every predecessor reported, and the bounds of the value (value_low, value_high).';

CREATE OR REPLACE VIEW warehouse.as_now_year AS
SELECT year, unit_code, unit_name, level, indicator, value, complete, estimated, months_complete, value_low,
       value_high
FROM warehouse.agg_indicator_year_as_now;
COMMENT ON VIEW warehouse.as_now_year IS 'Grain: unit valid today (commune or province), indicator, built year: the year re-aggregated onto today''s units (warehouse.as_now_window over January..December), as the build of the year stored it (warehouse.agg_indicator_year_as_now).';
COMMENT ON COLUMN warehouse.as_now_year.year IS 'Calendar year.';
COMMENT ON COLUMN warehouse.as_now_year.unit_code IS 'Code of the unit valid today.';
COMMENT ON COLUMN warehouse.as_now_year.unit_name IS 'Its name today.';
COMMENT ON COLUMN warehouse.as_now_year.level IS 'commune or province.';
COMMENT ON COLUMN warehouse.as_now_year.indicator IS 'Indicator code.';
COMMENT ON COLUMN warehouse.as_now_year.value IS 'Value over its predecessors'' months (sum, or end-of-year value); NULL when nothing was submitted.';
COMMENT ON COLUMN warehouse.as_now_year.complete IS 'Whether every predecessor-month owed was submitted.';
COMMENT ON COLUMN warehouse.as_now_year.estimated IS 'Whether part of the value was apportioned from a split unit.';
COMMENT ON COLUMN warehouse.as_now_year.months_complete IS 'Months in which every predecessor owing a report sent it.';
COMMENT ON COLUMN warehouse.as_now_year.value_low IS 'Low bound of value: only what is placed exactly (whole predecessors, villages placed by village); equal to value when it is exact.';
COMMENT ON COLUMN warehouse.as_now_year.value_high IS 'High bound of value: every part of a split predecessor (and every village placed by a guess) that may belong to the unit, counted whole; equal to value when it is exact.';

-- Each ward, commune and province valid on the as-of date with the villages it holds today (each village under the
-- unit it belongs to now, whatever unit it reported under) and their counts, with bounds: what
-- warehouse.village_safety_yoy_as_now compares year by year (R__warehouse_yoy.sql). Counted by each year's slice of
-- the build (build-slice/as-now.sql) into warehouse.agg_village_year_as_now.
CREATE OR REPLACE VIEW warehouse.village_counts_as_now AS
SELECT unit_code, unit_name, level, year, villages, villages_reported, crime_free, drug_free, camera_groups, estimated,
       villages_low, villages_high, villages_reported_low, villages_reported_high, crime_free_low, crime_free_high,
       drug_free_low, drug_free_high, camera_groups_low, camera_groups_high, unit_valid_from, unit_valid_to
FROM warehouse.agg_village_year_as_now;
COMMENT ON VIEW warehouse.village_counts_as_now IS 'Grain: unit valid on the as-of date, level, year. Its villages counted as now (each under the unit it belongs to today), with low and high bounds; village_safety_yoy_as_now sets each year beside the one before.';


GRANT SELECT ON ALL TABLES IN SCHEMA warehouse TO safetystats_analyst;
GRANT EXECUTE ON FUNCTION warehouse.as_now_window(date, date), warehouse.as_now_window(date, date, text[]),
    warehouse.as_now_window(date, date, text[], text[]),
    warehouse.as_now_window_built_of(date, date, text[], text[], regclass, regclass, boolean, boolean),
    warehouse.as_now_window_of(date, date, text[], regclass, regclass, text[], date) TO safetystats_analyst;
GRANT EXECUTE ON FUNCTION warehouse.share_low(numeric, boolean), warehouse.share_high(numeric, numeric, boolean),
    warehouse.pct_low(numeric, numeric, numeric, numeric), warehouse.pct_high(numeric, numeric, numeric, numeric)
    TO safetystats_analyst;
GRANT EXECUTE ON FUNCTION warehouse.as_of() TO safetystats_analyst;
GRANT EXECUTE ON FUNCTION warehouse.owed(date, date, integer) TO safetystats_analyst;
