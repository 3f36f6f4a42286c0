-- as now, the year re-aggregated onto the units valid on the as-of date, from the year's own tables as built above:
-- month by month (the rules of warehouse.as_now_window_of), then the year as the window January..December of those
-- months, then the villages; for every province, or, for a slice of communes, the rows it can change: those of the
-- wards and communes its communes and villages count in today and of their provinces (today's), each province's rows
-- computed from all of its parts
-- the villages placed by a guess (warehouse.village_map.estimated: gone, their last ward split) whose parent a commune
-- of the slice ever was: the slice may change their rows under every commune they reported under (the months a
-- village reported in decide how long its end-of-period value counts), which may belong to any unit their wards went to
DROP TABLE IF EXISTS slice_guessed_village;
CREATE TEMP TABLE slice_guessed_village ON COMMIT DROP AS
SELECT DISTINCT g.village_code FROM warehouse.village_map g
JOIN ref.unit v ON v.code = g.village_code AND v.level = 'village' AND v.parent_code = ANY (:communes)
WHERE NOT :all AND g.estimated;
-- the wards and communes whose as-now rows a slice can change: those its communes' versions went to, those their
-- villages are counted in, and those a village placed by a guess of theirs may belong to (every other ward's rows are
-- made of what the slice leaves as it was: rebuilt, they would be the same)
DROP TABLE IF EXISTS slice_ward_changed;
CREATE TEMP TABLE slice_ward_changed ON COMMIT DROP AS
SELECT now_code, now_province_code FROM warehouse.unit_map WHERE NOT :all AND unit_code = ANY (:communes)
UNION
SELECT m.now_code, m.now_province_code FROM warehouse.village_map m
JOIN ref.unit v ON v.code = m.village_code AND v.level = 'village' AND v.parent_code = ANY (:communes)
WHERE NOT :all
UNION
SELECT u.now_code, u.now_province_code FROM slice_guessed_village g
JOIN ref.unit v ON v.code = g.village_code AND v.level = 'village'
JOIN warehouse.unit_map u ON u.unit_code = v.parent_code;
-- their provinces (today's), whose rows are computed from all of their parts
DROP TABLE IF EXISTS slice_province_now;
CREATE TEMP TABLE slice_province_now ON COMMIT DROP AS
SELECT DISTINCT now_province_code AS province_code FROM slice_ward_changed WHERE now_province_code IS NOT NULL;
-- the units valid today in those provinces, and the provinces: the parts a slice reads
DROP TABLE IF EXISTS slice_unit_now;
CREATE TEMP TABLE slice_unit_now ON COMMIT DROP AS
SELECT 'province' AS level, province_code AS unit_code FROM slice_province_now
UNION
SELECT 'commune', now_code FROM warehouse.unit_map
WHERE now_province_code IN (SELECT province_code FROM slice_province_now);
-- and the rows it rewrites: those wards and the provinces
DROP TABLE IF EXISTS slice_unit_changed;
CREATE TEMP TABLE slice_unit_changed ON COMMIT DROP AS
SELECT 'province' AS level, province_code AS unit_code FROM slice_province_now
UNION
SELECT 'commune', now_code FROM slice_ward_changed;
-- known to the planner as the few rows they are (a slice's villages are then found from its province's, not by
-- joining every village)
ANALYZE slice_province_now;
ANALYZE slice_unit_now;
ANALYZE slice_unit_changed;
-- the working tables below are analysed on a sample of 3,000 rows (a slice's are small: 100 ms of a resubmission went
-- to sampling them at the default 30,000), the warehouse's tables at the default again before they are filled
SET LOCAL default_statistics_target = 10;
-- the commune months of the year under the units valid today, for those provinces (or all)
DROP TABLE IF EXISTS now_cm;
CREATE TEMP TABLE now_cm ON COMMIT DROP AS
WITH cm AS (
    SELECT c.period, c.commune_code, c.unit_valid_from, c.expected, c.submission_id IS NOT NULL AS submitted,
           m.now_code, m.now_name, m.now_province_code, m.now_province_name, m.weight
    FROM warehouse.unit_map m
    JOIN {commune_month} c ON c.year = :year AND c.commune_code = m.unit_code AND c.unit_valid_from = m.unit_valid_from
    WHERE :all
    UNION ALL
    -- a slice's versions' months looked up by the primary key (not the year's every commune month scanned)
    SELECT c.period, m.unit_code, m.unit_valid_from, c.expected, c.submission_id IS NOT NULL,
           m.now_code, m.now_name, m.now_province_code, m.now_province_name, m.weight
    FROM warehouse.unit_map m
    CROSS JOIN LATERAL (SELECT c.period, c.expected, c.submission_id FROM {commune_month} c
                        WHERE c.year = :year AND c.commune_code = m.unit_code AND c.unit_valid_from = m.unit_valid_from
                        OFFSET 0) c
    WHERE NOT :all AND m.now_code IN (SELECT unit_code FROM slice_unit_now WHERE level = 'commune')
), went_to AS (
    -- where each of their unit versions went: placed exactly in a ward or commune that took all of it (one unit) and
    -- in the province of all the units it went to (one province)
    SELECT m.unit_code, m.unit_valid_from, count(*) = 1 AS one_unit,
           CASE WHEN count(DISTINCT m.now_province_code) = 1 AND count(m.now_province_code) = count(*)
                THEN min(m.now_province_code) END AS one_province
    FROM warehouse.unit_map m
    WHERE m.unit_code IN (SELECT commune_code FROM cm)
    GROUP BY m.unit_code, m.unit_valid_from
)
SELECT cm.*, w.one_unit, w.one_province
FROM cm
JOIN went_to w ON w.unit_code = cm.commune_code AND w.unit_valid_from = cm.unit_valid_from;
ANALYZE now_cm;
-- the villages whose every fact of the year a slice reads: those counted in its units today, and those placed by a
-- guess that reported under a commune in its units (some of their rows may belong there; how long each end-of-period
-- value counts depends on the months they reported in under any commune)
DROP TABLE IF EXISTS slice_village_now;
CREATE TEMP TABLE slice_village_now ON COMMIT DROP AS
SELECT village_code FROM warehouse.village_map
WHERE NOT :all AND now_code IN (SELECT unit_code FROM slice_unit_now WHERE level = 'commune')
UNION
SELECT g.village_code FROM warehouse.village_map g
JOIN ref.unit v ON v.code = g.village_code AND v.level = 'village'
WHERE NOT :all AND g.estimated AND v.parent_code IN (SELECT commune_code FROM now_cm);
ANALYZE slice_village_now;
-- a slice's facts: those of its communes, and those of its villages under whatever commune they reported, looked up
-- by index commune by commune (its provinces' share of the year's facts, not all)
DROP TABLE IF EXISTS now_facts;
CREATE TEMP TABLE now_facts ON COMMIT DROP AS
SELECT f.commune_code, f.village_code, f.period, f.indicator, f.value, i.aggregation
FROM (SELECT commune_code FROM now_cm
      UNION
      -- each village's versions by the index on its code (not every village hashed)
      SELECT v.parent_code FROM slice_village_now s
      CROSS JOIN LATERAL (SELECT v.parent_code FROM ref.unit v
                          WHERE v.code = s.village_code AND v.level = 'village' OFFSET 0) v) k
CROSS JOIN LATERAL (SELECT * FROM {fact_value} f
                    WHERE f.year = :year AND f.commune_code = k.commune_code
                    OFFSET 0) f
JOIN warehouse.dim_indicator i ON i.indicator = f.indicator
WHERE NOT :all
  AND (f.commune_code IN (SELECT commune_code FROM now_cm)
       OR f.village_code IN (SELECT village_code FROM slice_village_now));
-- the unit-level facts, and the village-level ones of the villages placed today (each with its place), apart: each is
-- read several times below
DROP TABLE IF EXISTS now_unit_facts;
CREATE TEMP TABLE now_unit_facts ON COMMIT DROP AS
SELECT f.commune_code, f.period, f.indicator, f.value, i.aggregation
FROM {fact_value} f
JOIN warehouse.dim_indicator i ON i.indicator = f.indicator
WHERE :all AND f.year = :year AND f.village_code IS NULL
UNION ALL
SELECT commune_code, period, indicator, value, aggregation FROM now_facts WHERE village_code IS NULL;
ANALYZE now_unit_facts;
DROP TABLE IF EXISTS now_village_facts;
CREATE TEMP TABLE now_village_facts ON COMMIT DROP AS
SELECT f.commune_code, f.village_code, f.period, CAST(extract(month FROM f.period) AS integer) AS month, f.indicator,
       f.value, f.aggregation, v.now_code, v.now_province_code, v.estimated AS guessed
FROM (SELECT f.commune_code, f.village_code, f.period, f.indicator, f.value, i.aggregation
      FROM {fact_value} f
      JOIN warehouse.dim_indicator i ON i.indicator = f.indicator
      WHERE :all AND f.year = :year AND f.village_code IS NOT NULL
      UNION ALL
      SELECT commune_code, village_code, period, indicator, value, aggregation FROM now_facts
      WHERE village_code IS NOT NULL) f
-- a slice's villages only: another village's rows belong to wards and provinces the slice does not rebuild
JOIN (SELECT * FROM warehouse.village_map
      WHERE :all OR village_code IN (SELECT village_code FROM slice_village_now)) v ON v.village_code = f.village_code;
ANALYZE now_village_facts;
DROP TABLE now_facts;
-- each month's, and each end of a window's, parts (docs/warehouse.md, "The rules of the contract"; the same rules as
-- warehouse.as_now_window_of, month by month): a sum's every month (reported_month = period); an end-of-period
-- indicator's, at each month T, what a window ending in T takes: the versions valid in the last month by T that
-- was owed or reported give the value of the last month they reported by T, each village that of the last month it
-- reported by T, by the month it was reported in (a window from a later month leaves it out)
DROP TABLE IF EXISTS now_last_reported;
CREATE TEMP TABLE now_last_reported ON COMMIT DROP AS
WITH months AS (
    SELECT CAST(m AS date) AS month
    FROM generate_series(make_date(:year, 1, 1), make_date(:year, 12, 1), INTERVAL '1 month') AS g (m)
), ends AS (
    -- each unit's last month by each month T that some predecessor owed or reported (by equal joins and running
    -- maxima: a join on months before T would loop)
    SELECT g.now_code, g.month,
           max(CASE WHEN a.active THEN g.month END) OVER (PARTITION BY g.now_code ORDER BY g.month) AS last_month
    FROM (SELECT u.now_code, m.month FROM (SELECT DISTINCT now_code FROM now_cm) u CROSS JOIN months m) g
    LEFT JOIN (SELECT now_code, period, bool_or(expected OR submitted) AS active FROM now_cm
               GROUP BY now_code, period) a ON a.now_code = g.now_code AND a.period = g.month
)
-- the versions valid in that month, each with its last month reported by then (none later by T: it would have been
-- that month)
SELECT e.month, p.now_code, p.commune_code, p.unit_valid_from, p.reported_by AS reported_month
FROM ends e
JOIN (SELECT now_code, commune_code, unit_valid_from, period,
             max(period) FILTER (WHERE submitted)
                 OVER (PARTITION BY now_code, commune_code, unit_valid_from ORDER BY period) AS reported_by
      FROM now_cm) p ON p.now_code = e.now_code AND p.period = e.last_month;
ANALYZE now_last_reported;
DROP TABLE IF EXISTS now_parts;
CREATE TEMP TABLE now_parts ON COMMIT DROP AS
WITH village_bits AS (
    -- the months each village reported in, as bits (January the lowest)
    SELECT village_code, bit_or(1 << (month - 1)) AS months
    FROM now_village_facts
    GROUP BY village_code
), lowest_bit AS (
    -- the lowest bit set of each set of later months (0: the next month)
    SELECT x AS later, min(b) AS bit
    FROM generate_series(1, 4095) AS x
    CROSS JOIN generate_series(0, 11) AS b
    WHERE x & (1 << b) <> 0
    GROUP BY x
), village_months AS (
    -- each month a village reported in, and the last month before the next it reported in (December when none)
    SELECT b.village_code, make_date(:year, m.month, 1) AS period, m.month + coalesce(l.bit, 12 - m.month) AS until
    FROM village_bits b
    CROSS JOIN generate_series(1, 12) AS m (month)
    LEFT JOIN lowest_bit l ON l.later = b.months >> m.month
    WHERE b.months & (1 << (m.month - 1)) <> 0
)
-- a unit version's rows: value its share (whole * weight), whole its own; the versions that went whole to one unit
-- are placed exactly (low = value = high) and summed together (commune_code NULL), the others kept apart
SELECT 'unit' AS part, cm.period AS month, cm.period AS reported_month, cm.now_code, cm.now_province_code,
       CASE WHEN NOT cm.one_unit THEN cm.commune_code END AS commune_code,
       CASE WHEN NOT cm.one_unit THEN cm.unit_valid_from END AS unit_valid_from, CAST(NULL AS text) AS village_code,
       f.indicator, sum(f.value * cm.weight) AS value, sum(f.value) AS whole,
       bool_or(cm.weight < 1) FILTER (WHERE f.value IS NOT NULL) AS estimated, cm.one_unit, min(cm.one_province) AS one_province
FROM now_unit_facts f
JOIN now_cm cm ON cm.commune_code = f.commune_code AND cm.period = f.period
WHERE f.aggregation = 'sum'
GROUP BY cm.period, cm.now_code, cm.now_province_code, 6, 7, f.indicator, cm.one_unit
UNION ALL
SELECT 'unit', l.month, l.reported_month, cm.now_code, cm.now_province_code,
       CASE WHEN NOT cm.one_unit THEN cm.commune_code END, CASE WHEN NOT cm.one_unit THEN cm.unit_valid_from END,
       NULL, f.indicator, sum(f.value * cm.weight), sum(f.value),
       bool_or(cm.weight < 1) FILTER (WHERE f.value IS NOT NULL), cm.one_unit, min(cm.one_province)
FROM now_last_reported l
JOIN now_cm cm ON cm.now_code = l.now_code AND cm.commune_code = l.commune_code
              AND cm.unit_valid_from = l.unit_valid_from AND cm.period = l.reported_month
JOIN now_unit_facts f ON f.commune_code = cm.commune_code AND f.period = cm.period
WHERE f.aggregation <> 'sum'
GROUP BY l.month, l.reported_month, cm.now_code, cm.now_province_code, 6, 7, f.indicator, cm.one_unit
UNION ALL
-- the villages, summed under the unit each is placed in today; one placed by a guess kept apart, with the commune
-- it reported under
SELECT 'village', f.period, f.period, f.now_code, f.now_province_code,
       CASE WHEN f.guessed THEN f.commune_code END, NULL, CASE WHEN f.guessed THEN f.village_code END,
       f.indicator, sum(f.value), NULL, f.guessed, NULL, NULL
FROM now_village_facts f
WHERE f.aggregation = 'sum'
GROUP BY f.period, f.now_code, f.now_province_code, 6, 8, f.indicator, f.guessed
UNION ALL
-- a village's end-of-period value counts at each month T from the month it was reported until the month before the
-- next month the village reported anything in (the lowest bit set among its later months), or December
SELECT 'village', make_date(:year, t.month, 1), e.period, e.now_code, e.now_province_code, e.commune_code, NULL,
       e.village_code, e.indicator, e.whole, NULL, e.guessed, NULL, NULL
FROM (SELECT f.period, f.now_code, f.now_province_code, CASE WHEN f.guessed THEN f.commune_code END AS commune_code,
             CASE WHEN f.guessed THEN f.village_code END AS village_code, f.indicator, sum(f.value) AS whole,
             f.guessed, k.until
      FROM now_village_facts f
      JOIN village_months k ON k.village_code = f.village_code AND k.period = f.period
      WHERE f.aggregation <> 'sum'
      GROUP BY f.period, f.now_code, f.now_province_code, 4, 5, f.indicator, f.guessed, k.until) e
CROSS JOIN LATERAL generate_series(CAST(extract(month FROM e.period) AS integer), e.until) AS t (month);
ANALYZE now_parts;
SET LOCAL default_statistics_target TO DEFAULT;
-- the months' rows; a slice writes only those that differ from the rows it replaces (most of a province's months are
-- as they were: deleting and inserting them all cost a ward's resubmission 0.15 s), deleting the others first (the
-- insert waits for the delete: it counts its rows)
WITH unit_part AS (
    SELECT * FROM now_parts WHERE part = 'unit'
), unit_value AS (
    SELECT month, reported_month, now_code AS unit_code, 'commune' AS level, indicator, sum(value) AS value,
           sum(warehouse.share_low(value, one_unit)) AS value_low,
           sum(warehouse.share_high(value, whole, one_unit)) AS value_high, bool_or(estimated) AS estimated
    FROM unit_part
    WHERE :all OR now_code IN (SELECT unit_code FROM slice_unit_changed WHERE level = 'commune')
    GROUP BY month, reported_month, now_code, indicator
), unit_province AS (
    -- a province counts a unit version's rows once: its shares to the units in it, or whole
    SELECT month, reported_month, province_code AS unit_code, 'province' AS level, indicator, sum(share) AS value,
           sum(warehouse.share_low(share, exact)) AS value_low, sum(warehouse.share_high(share, whole, exact)) AS value_high,
           bool_or(estimated) AS estimated
    FROM (SELECT month, reported_month, now_province_code AS province_code, indicator, sum(value) AS share,
                 max(whole) AS whole, coalesce(min(one_province) = now_province_code, false) AS exact,
                 bool_or(estimated) AS estimated
          FROM unit_part
          WHERE now_province_code IS NOT NULL
          GROUP BY month, reported_month, now_province_code, commune_code, unit_valid_from, indicator) x
    GROUP BY month, reported_month, province_code, indicator
), village_part AS (
    SELECT p.month, p.reported_month, p.village_code, p.commune_code, p.indicator, p.value, p.now_code,
           p.now_province_code, p.estimated AS guessed
    FROM now_parts p
    WHERE p.part = 'village'
), guess AS (
    -- a guessed village's rows may belong to any unit its ward's version went to, or to the one it is placed in
    SELECT g.month, g.reported_month, g.village_code, g.indicator, g.value, m.now_code, m.now_province_code,
           m.now_code = g.now_code AS placed
    FROM village_part g
    JOIN {commune_month} c ON c.year = :year AND c.commune_code = g.commune_code AND c.period = g.reported_month
    JOIN warehouse.unit_map m ON m.unit_code = c.commune_code AND m.unit_valid_from = c.unit_valid_from
    WHERE g.guessed
    UNION
    SELECT month, reported_month, village_code, indicator, value, now_code, now_province_code, true
    FROM village_part WHERE guessed
), guess_row AS (
    SELECT month, reported_month, village_code, indicator, count(*) = 1 AS one_unit,
           CASE WHEN count(DISTINCT now_province_code) = 1 AND count(now_province_code) = count(*)
                THEN min(now_province_code) END AS one_province
    FROM guess
    GROUP BY month, reported_month, village_code, indicator
), village_unit AS (
    -- the villages placed in a unit (their sum; low: those placed exactly), and those placed by a guess here or
    -- elsewhere that may belong to it (low: placed here and nowhere else possible; high: placed elsewhere)
    SELECT month, reported_month, unit_code, 'commune' AS level, indicator, sum(value) AS value,
           sum(low) AS value_low, sum(high) AS value_high, bool_or(guessed) AS estimated
    FROM (SELECT month, reported_month, now_code AS unit_code, indicator, value,
                 CASE WHEN guessed THEN 0 ELSE value END AS low, value AS high, guessed
          FROM village_part
          WHERE :all OR now_code IN (SELECT unit_code FROM slice_unit_changed WHERE level = 'commune')
          UNION ALL
          SELECT g.month, g.reported_month, g.now_code, g.indicator, NULL,
                 CASE WHEN g.placed AND r.one_unit THEN g.value ELSE 0 END,
                 CASE WHEN NOT g.placed THEN g.value ELSE 0 END, NULL
          FROM guess g
          JOIN guess_row r USING (month, reported_month, village_code, indicator)) x
    GROUP BY month, reported_month, unit_code, indicator
), village_province AS (
    SELECT month, reported_month, province_code AS unit_code, 'province' AS level, indicator, sum(value) AS value,
           sum(low) AS value_low, coalesce(sum(value), 0) + coalesce(sum(high), 0) AS value_high,
           bool_or(guessed) AS estimated
    FROM (SELECT month, reported_month, now_province_code AS province_code, indicator, sum(value) AS value,
                 coalesce(sum(value) FILTER (WHERE NOT guessed), 0) AS low, NULL::numeric AS high,
                 bool_or(guessed) AS guessed
          FROM village_part
          GROUP BY month, reported_month, now_province_code, indicator
          UNION ALL
          SELECT month, reported_month, province_code, indicator, NULL,
                 coalesce(sum(value) FILTER (WHERE exact), 0), coalesce(sum(value) FILTER (WHERE NOT placed), 0), NULL
          FROM (SELECT g.month, g.reported_month, g.now_province_code AS province_code, g.indicator,
                       min(g.value) AS value, bool_or(g.placed) AS placed,
                       coalesce(min(r.one_province) = g.now_province_code, false) AS exact
                FROM guess g
                JOIN guess_row r USING (month, reported_month, village_code, indicator)
                WHERE g.now_province_code IS NOT NULL
                GROUP BY g.month, g.reported_month, g.now_province_code, g.village_code, g.indicator) x
          GROUP BY month, reported_month, province_code, indicator) y
    WHERE province_code IS NOT NULL
    GROUP BY month, reported_month, province_code, indicator
), built AS NOT MATERIALIZED (
    -- not kept aside: a whole year's rows go straight into the table (a slice computes its few twice)
    SELECT CAST(:year AS integer) AS year, month AS period, unit_code, level, indicator, reported_month, value,
           value_low, value_high, estimated
    FROM (SELECT * FROM unit_value UNION ALL SELECT * FROM unit_province
          UNION ALL SELECT * FROM village_unit UNION ALL SELECT * FROM village_province) a
    WHERE :all OR (level, unit_code) IN (SELECT level, unit_code FROM slice_unit_changed)
), old AS MATERIALIZED (
    -- by the primary key's index, unit by unit (a hash join read the whole year's partition)
    SELECT a.* FROM slice_unit_changed s
    CROSS JOIN LATERAL (SELECT * FROM {agg_indicator_month_as_now} a
                        WHERE a.unit_code = s.unit_code AND a.level = s.level AND a.year = :year OFFSET 0) a
    WHERE NOT :all
), same AS (
    SELECT o.* FROM old o
    JOIN built b ON (b.unit_code, b.level, b.indicator, b.period, b.reported_month)
                  = (o.unit_code, o.level, o.indicator, o.period, o.reported_month)
                -- as text: a value equal in another scale (5 and 5.00000) is written as a full build writes it
                AND CAST(ROW(b.value, b.value_low, b.value_high, b.estimated) AS text)
                    = CAST(ROW(o.value, o.value_low, o.value_high, o.estimated) AS text)
), gone AS (
    DELETE FROM {agg_indicator_month_as_now} a
    WHERE NOT :all AND a.year = :year
      AND (a.unit_code, a.level, a.indicator, a.period, a.reported_month)
          IN (SELECT unit_code, level, indicator, period, reported_month FROM old
              EXCEPT ALL
              SELECT unit_code, level, indicator, period, reported_month FROM same)
    RETURNING 1
)
INSERT INTO {agg_indicator_month_as_now} (year, period, unit_code, level, indicator, reported_month, value, value_low,
                                          value_high, estimated)
SELECT b.* FROM built b
WHERE (SELECT count(*) FROM gone) >= 0
  AND (:all OR (b.unit_code, b.level, b.indicator, b.period, b.reported_month)
               NOT IN (SELECT unit_code, level, indicator, period, reported_month FROM same));
-- each ward's months: whether every predecessor owing the month sent it (a slice writes those that differ, as above)
WITH built AS NOT MATERIALIZED (
    SELECT CAST(:year AS integer) AS year, period, now_code AS unit_code, min(now_name) AS unit_name,
           min(now_province_code) AS province_code, min(now_province_name) AS province_name,
           bool_and(submitted) FILTER (WHERE expected) AS all_in
    FROM now_cm
    WHERE :all OR now_code IN (SELECT unit_code FROM slice_unit_changed WHERE level = 'commune')
    GROUP BY period, now_code
), old AS MATERIALIZED (
    SELECT a.* FROM slice_unit_changed s
    CROSS JOIN LATERAL (SELECT * FROM {commune_month_as_now} a
                        WHERE a.unit_code = s.unit_code AND a.year = :year OFFSET 0) a
    WHERE NOT :all AND s.level = 'commune'
), same AS (
    SELECT o.* FROM old o
    JOIN built b ON (b.unit_code, b.period) = (o.unit_code, o.period)
                AND CAST(ROW(b.unit_name, b.province_code, b.province_name, b.all_in) AS text)
                    = CAST(ROW(o.unit_name, o.province_code, o.province_name, o.all_in) AS text)
), gone AS (
    DELETE FROM {commune_month_as_now} a
    WHERE NOT :all AND a.year = :year
      AND (a.unit_code, a.period) IN (SELECT unit_code, period FROM old EXCEPT ALL SELECT unit_code, period FROM same)
    RETURNING 1
)
INSERT INTO {commune_month_as_now} (year, period, unit_code, unit_name, province_code, province_name, all_in)
SELECT b.* FROM built b
WHERE (SELECT count(*) FROM gone) >= 0
  AND (:all OR (b.unit_code, b.period) NOT IN (SELECT unit_code, period FROM same));
-- the year: the window January..December of those months
DELETE FROM {agg_indicator_year_as_now} a
WHERE NOT :all AND a.year = :year AND (a.level, a.unit_code) IN (SELECT level, unit_code FROM slice_unit_changed);
INSERT INTO {agg_indicator_year_as_now} (year, unit_code, unit_name, level, indicator, value, complete, estimated,
                                         months_complete, value_low, value_high)
SELECT :year, w.* FROM warehouse.as_now_window_built_of(make_date(:year, 1, 1), make_date(:year, 12, 1), NULL, NULL,
    '{agg_indicator_month_as_now}', '{commune_month_as_now}') w
WHERE :all
UNION ALL
-- a slice: its wards alone, and its provinces' rows alone
SELECT :year, w.* FROM warehouse.as_now_window_built_of(make_date(:year, 1, 1), make_date(:year, 12, 1), NULL,
    ARRAY(SELECT unit_code FROM slice_unit_changed WHERE level = 'commune'),
    '{agg_indicator_month_as_now}', '{commune_month_as_now}') w
WHERE NOT :all
UNION ALL
SELECT :year, w.* FROM warehouse.as_now_window_built_of(make_date(:year, 1, 1), make_date(:year, 12, 1),
    ARRAY(SELECT province_code FROM slice_province_now), NULL,
    '{agg_indicator_month_as_now}', '{commune_month_as_now}', true) w
WHERE NOT :all;

-- the villages as now (warehouse.village_counts_as_now reads them): each village of the year counted under the unit
-- it belongs to on the as-of date (warehouse.village_map), whatever unit it reported under, with the bounds that the
-- villages placed by a guess give; for the provinces of the slice, or for every province
DELETE FROM {agg_village_year_as_now} a
WHERE NOT :all AND a.year = :year AND (a.level, a.unit_code) IN (SELECT level, unit_code FROM slice_unit_changed);
INSERT INTO {agg_village_year_as_now} (unit_code, unit_name, level, year, villages, villages_reported, crime_free,
                                       drug_free, camera_groups, estimated, villages_low, villages_high,
                                       villages_reported_low, villages_reported_high, crime_free_low, crime_free_high,
                                       drug_free_low, drug_free_high, camera_groups_low, camera_groups_high,
                                       unit_valid_from, unit_valid_to)
WITH village AS (
    SELECT year, village_code, sum(months_expected) AS months_expected, sum(months_reported) AS months_reported,
           sum(crime_cases) AS crime_cases, sum(new_drug_addicts) AS new_drug_addicts,
           (array_agg(camera_model_end ORDER BY unit_valid_from DESC))[1] AS camera_model_end
    FROM {village_year}
    WHERE year = :year
      AND (:all OR village_code IN (SELECT village_code FROM warehouse.village_map
                                    WHERE now_code IN (SELECT unit_code FROM slice_unit_now WHERE level = 'commune')))
    GROUP BY year, village_code
), counted AS (
    SELECT coalesce(m.now_code, m.now_province_code) AS unit_code,
           CASE WHEN GROUPING(m.now_code) = 0 THEN 'commune' ELSE 'province' END AS level, v.year,
           count(*) AS villages,
           count(*) FILTER (WHERE v.months_expected > 0 AND v.months_reported = v.months_expected) AS villages_reported,
           count(*) FILTER (WHERE v.months_expected > 0 AND v.months_reported = v.months_expected
                            AND v.crime_cases = 0) AS crime_free,
           count(*) FILTER (WHERE v.months_expected > 0 AND v.months_reported = v.months_expected
                            AND v.new_drug_addicts = 0) AS drug_free,
           sum(v.camera_model_end) AS camera_groups, bool_or(m.estimated) AS estimated
    FROM village v
    JOIN warehouse.village_map m ON m.village_code = v.village_code
    WHERE :all OR m.now_code IN (SELECT unit_code FROM slice_unit_now WHERE level = 'commune')
    GROUP BY GROUPING SETS ((v.year, m.now_province_code, m.now_code), (v.year, m.now_province_code))
), guessed AS (
    -- the bounds differ from the figures only by the villages placed by a guess (they no longer exist and their ward
    -- was split: village_map.estimated), a handful: each with its figures of the year
    SELECT y.year, y.village_code, m.now_code, m.now_province_code,
           sum(y.months_expected) > 0 AND sum(y.months_reported) = sum(y.months_expected) AS reported,
           sum(y.crime_cases) AS crime_cases, sum(y.new_drug_addicts) AS new_drug_addicts,
           (array_agg(y.camera_model_end ORDER BY y.unit_valid_from DESC))[1] AS camera_model_end
    FROM {village_year} y
    JOIN warehouse.village_map m ON m.village_code = y.village_code AND m.estimated
    WHERE y.year = :year
    GROUP BY y.year, y.village_code, m.now_code, m.now_province_code
), candidate AS (
    -- such a village may belong to any unit its ward's versions of the year went to (warehouse.unit_map)
    SELECT DISTINCT y.year, y.village_code, u.now_code, u.now_province_code
    FROM {village_year} y
    JOIN warehouse.village_map g ON g.village_code = y.village_code AND g.estimated
    JOIN warehouse.unit_map u ON u.unit_code = y.commune_code AND u.unit_valid_from = y.unit_valid_from
    WHERE y.year = :year
), uncertain AS (
    -- where it makes a bound differ: placed in a ward or commune (province) it may not belong to, the low bound leaves
    -- it out; in one it may belong to without being placed there, the high bound counts it
    SELECT g.now_code AS unit_code, 'commune' AS level, g.year, g.reported, g.crime_cases, g.new_drug_addicts,
           g.camera_model_end, true AS placed
    FROM guessed g
    WHERE EXISTS (SELECT 1 FROM candidate c WHERE c.year = g.year AND c.village_code = g.village_code
                                             AND c.now_code <> g.now_code)
    UNION ALL
    SELECT g.now_province_code, 'province', g.year, g.reported, g.crime_cases, g.new_drug_addicts,
           g.camera_model_end, true
    FROM guessed g
    WHERE EXISTS (SELECT 1 FROM candidate c WHERE c.year = g.year AND c.village_code = g.village_code
                                             AND c.now_province_code IS DISTINCT FROM g.now_province_code)
    UNION ALL
    SELECT c.now_code, 'commune', g.year, g.reported, g.crime_cases, g.new_drug_addicts, g.camera_model_end, false
    FROM guessed g
    JOIN candidate c ON c.year = g.year AND c.village_code = g.village_code AND c.now_code <> g.now_code
    UNION ALL
    SELECT c.now_province_code, 'province', g.year, g.reported, g.crime_cases, g.new_drug_addicts,
           g.camera_model_end, false
    FROM guessed g
    JOIN (SELECT DISTINCT year, village_code, now_province_code FROM candidate) c
      ON c.year = g.year AND c.village_code = g.village_code
     AND c.now_province_code IS DISTINCT FROM g.now_province_code
), adjusted AS (
    SELECT unit_code, level, year,
           count(*) FILTER (WHERE placed) AS villages_out, count(*) FILTER (WHERE NOT placed) AS villages_in,
           count(*) FILTER (WHERE placed AND reported) AS reported_out,
           count(*) FILTER (WHERE NOT placed AND reported) AS reported_in,
           count(*) FILTER (WHERE placed AND reported AND crime_cases = 0) AS crime_free_out,
           count(*) FILTER (WHERE NOT placed AND reported AND crime_cases = 0) AS crime_free_in,
           count(*) FILTER (WHERE placed AND reported AND new_drug_addicts = 0) AS drug_free_out,
           count(*) FILTER (WHERE NOT placed AND reported AND new_drug_addicts = 0) AS drug_free_in,
           sum(camera_model_end) FILTER (WHERE placed) AS camera_out,
           sum(camera_model_end) FILTER (WHERE NOT placed) AS camera_in
    FROM uncertain
    GROUP BY unit_code, level, year
), bounded AS (
    -- the figures count the villages placed in the unit; their low bounds those placed exactly, their high bounds
    -- every village that may belong to it
    SELECT c.*,
           c.villages - coalesce(a.villages_out, 0) AS villages_low,
           c.villages + coalesce(a.villages_in, 0) AS villages_high,
           c.villages_reported - coalesce(a.reported_out, 0) AS villages_reported_low,
           c.villages_reported + coalesce(a.reported_in, 0) AS villages_reported_high,
           c.crime_free - coalesce(a.crime_free_out, 0) AS crime_free_low,
           c.crime_free + coalesce(a.crime_free_in, 0) AS crime_free_high,
           c.drug_free - coalesce(a.drug_free_out, 0) AS drug_free_low,
           c.drug_free + coalesce(a.drug_free_in, 0) AS drug_free_high,
           c.camera_groups - coalesce(a.camera_out, 0) AS camera_groups_low,
           c.camera_groups + coalesce(a.camera_in, 0) AS camera_groups_high
    FROM counted c
    LEFT JOIN adjusted a ON a.unit_code = c.unit_code AND a.level = c.level AND a.year = c.year
), named AS (
    -- each unit's version of the as-of date looked up by its code (hashing every unit took a slice 20 ms)
    SELECT c.*, u.name AS unit_name, u.valid_from AS unit_valid_from, u.valid_to AS unit_valid_to
    FROM bounded c
    LEFT JOIN LATERAL (SELECT u.name, u.valid_from, u.valid_to FROM ref.unit u
                       WHERE u.code = c.unit_code AND u.level = c.level AND CAST(:asOf AS date) >= u.valid_from
                         AND CAST(:asOf AS date) < u.valid_to OFFSET 0) u ON true
)
SELECT unit_code, unit_name, level, year, villages, villages_reported, crime_free, drug_free, camera_groups, estimated,
       villages_low, villages_high, villages_reported_low, villages_reported_high, crime_free_low, crime_free_high,
       drug_free_low, drug_free_high, camera_groups_low, camera_groups_high, unit_valid_from, unit_valid_to
FROM named
-- a province-level row needs a province; a slice writes only the units of the provinces it touches
WHERE unit_code IS NOT NULL AND (:all OR (level, unit_code) IN (SELECT level, unit_code FROM slice_unit_changed))
