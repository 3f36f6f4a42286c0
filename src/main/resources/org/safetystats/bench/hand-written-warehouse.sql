-- The yardstick of the full build (issue 31): the contract's tables written by hand, as an engineer who knew the
-- rules of docs/warehouse.md would write them, with none of the build's machinery (no slices, no staging tables
-- swapped in, no years in parallel, no incremental comparison): every year at once, one statement a table, into
-- logged tables of a schema of their own (bench_hand), each with the indexes the contract's queries use, created
-- after the rows are in. The same rows analysts query, so that the build is compared like with like: the facts, the
-- commune months, the monthly and yearly values at every level, the villages, and "as now" (the months' figures on
-- today's units with their bounds, each month's completeness, the years and the villages). As now, the yardstick
-- writes each month's rows of the months reported (an end-of-period value carried into later months of a window,
-- which the build also writes, is left out) and places no village by a guess (the bench's catalogue has none): a
-- lighter job than the build's, so the ratio errs against the build. Statements end with a line holding ";".
-- Run by HandWrittenWarehouse, which also counts the rows on which it and the warehouse differ.
CREATE SCHEMA bench_hand
;
-- the memory the build gives its sorts, hashes and indexes (safetystats.warehouse-work-mem); each table is analysed
-- once written, as the build analyses its own, so that the next statement is planned on its real size
SET work_mem = '256MB'
;
SET maintenance_work_mem = '256MB'
;
-- and, as the build, no JIT compilation (it cost seconds a statement here)
SET jit = off
;
-- the day the warehouse was built as of, and the due day, as the build used them
CREATE TABLE bench_hand.run (as_of date NOT NULL, due_day integer NOT NULL)
;
INSERT INTO bench_hand.run VALUES (CAST(:asOf AS date), CAST(:dueDay AS integer))
;
-- every month of the years with a loaded submission, each commune valid that month with its path up and its
-- current submission; a month is owed once its due day in the next month has passed
CREATE TABLE bench_hand.commune_month AS
SELECT CAST(extract(year FROM p.period) AS integer) AS year, p.period, c.code AS commune_code,
       c.name AS commune_name, CASE WHEN d.level = 'district' THEN d.code END AS district_code,
       CASE WHEN d.level = 'province' THEN d.code ELSE d.parent_code END AS province_code,
       (p.period + INTERVAL '1 month')::date + r.due_day <= r.as_of AS expected,
       s.submission_id, s.received_at, c.valid_from AS unit_valid_from, c.valid_to AS unit_valid_to
FROM (SELECT CAST(m AS date) AS period
      FROM (SELECT DISTINCT CAST(left(period, 4) AS integer) AS year FROM ops.submission WHERE status = 'LOADED') y
      CROSS JOIN generate_series(make_date(y.year, 1, 1), make_date(y.year, 12, 1), INTERVAL '1 month') AS g (m)) p
CROSS JOIN bench_hand.run r
JOIN ref.unit c ON c.level = 'commune' AND p.period >= c.valid_from AND p.period < c.valid_to
JOIN ref.unit d ON d.code = c.parent_code AND p.period >= d.valid_from AND p.period < d.valid_to
LEFT JOIN ops.submission s ON s.status = 'LOADED' AND s.unit_code = c.code AND s.period = to_char(p.period, 'YYYY-MM')
;
ALTER TABLE bench_hand.commune_month ADD PRIMARY KEY (year, commune_code, period)
;
ANALYZE bench_hand.commune_month
;
-- the facts: every value of every current submission
CREATE TABLE bench_hand.fact_value AS
SELECT cm.year, cm.period, cm.commune_code, v.village_code, v.indicator, v.value, v.submission_id, cm.province_code
FROM bench_hand.commune_month cm
JOIN ops.submission_value v ON v.submission_id = cm.submission_id
;
CREATE INDEX ON bench_hand.fact_value (commune_code, period)
;
ANALYZE bench_hand.fact_value
;
-- each commune's months owed or submitted, every indicator (NULL where nothing was reported), and the same months
-- summed up to the district and province valid that month
CREATE TABLE bench_hand.agg_indicator_month AS
WITH commune AS MATERIALIZED (
    SELECT cm.year, cm.period, cm.commune_code AS unit_code, cm.district_code, cm.province_code, i.code AS indicator,
           f.value, CASE WHEN cm.expected THEN 1 ELSE 0 END AS communes_expected,
           CASE WHEN cm.submission_id IS NULL THEN 0 ELSE 1 END AS communes_submitted, cm.unit_valid_from,
           cm.unit_valid_to
    FROM bench_hand.commune_month cm
    CROSS JOIN ref.indicator i
    LEFT JOIN (SELECT submission_id, indicator, sum(value) AS value FROM bench_hand.fact_value
               GROUP BY submission_id, indicator) f ON f.submission_id = cm.submission_id AND f.indicator = i.code
    WHERE cm.expected OR cm.submission_id IS NOT NULL
)
SELECT year, period, unit_code, 'commune' AS level, district_code, province_code, indicator, value,
       communes_expected, communes_submitted, unit_valid_from, unit_valid_to
FROM commune
UNION ALL
SELECT r.year, r.period, r.unit_code, r.level, r.district_code, r.province_code, r.indicator, r.value,
       r.communes_expected, r.communes_submitted, u.valid_from, u.valid_to
FROM (SELECT year, period, coalesce(district_code, province_code) AS unit_code,
             CASE WHEN GROUPING(district_code) = 0 THEN 'district' ELSE 'province' END AS level,
             CASE WHEN GROUPING(district_code) = 0 THEN district_code END AS district_code, province_code, indicator,
             sum(value) AS value, sum(communes_expected) AS communes_expected,
             sum(communes_submitted) AS communes_submitted
      FROM commune
      GROUP BY GROUPING SETS ((year, period, indicator, province_code, district_code),
                              (year, period, indicator, province_code))
      HAVING GROUPING(district_code) = 1 OR district_code IS NOT NULL) r
JOIN ref.unit u ON u.code = r.unit_code AND u.level = r.level AND r.period >= u.valid_from AND r.period < u.valid_to
;
ALTER TABLE bench_hand.agg_indicator_month ADD PRIMARY KEY (year, unit_code, level, indicator, period)
;
CREATE INDEX ON bench_hand.agg_indicator_month (province_code, level)
;
ANALYZE bench_hand.agg_indicator_month
;
-- each unit version's year: a sum over its months; an end-of-period value the last month's reported (for a district
-- or province, each commune's last value reported under it, summed); a version ending within the next year also
-- gets the figures of its months before that end, a year earlier (cùng kỳ)
CREATE TABLE bench_hand.agg_indicator_year AS
WITH m AS NOT MATERIALIZED (
    SELECT m.*, i.aggregation, CAST(extract(month FROM m.period) AS integer) AS month,
           m.unit_valid_to < make_date(m.year + 2, 1, 1)
               AND m.period < CAST(m.unit_valid_to - INTERVAL '1 year' AS date) AS same_month
    FROM bench_hand.agg_indicator_month m
    JOIN ref.indicator i ON i.code = m.indicator
), last_of_commune AS (
    -- each commune's last end-of-period value reported under each district and province version
    SELECT p.unit_code, p.level, p.unit_valid_from AS valid_from, x.year, x.indicator,
           (max(ARRAY[CAST(extract(month FROM x.period) AS numeric), x.value]))[2] AS value
    FROM (SELECT year, period, unit_code AS commune_code, 'district' AS level, district_code AS parent_code,
                 indicator, value
          FROM m WHERE level = 'commune' AND aggregation = 'end_of_period' AND value IS NOT NULL
                   AND district_code IS NOT NULL
          UNION ALL
          SELECT year, period, unit_code, 'province', province_code, indicator, value
          FROM m WHERE level = 'commune' AND aggregation = 'end_of_period' AND value IS NOT NULL) x
    -- the parent's version that month, as its monthly row holds it
    JOIN (SELECT DISTINCT unit_code, level, period, unit_valid_from FROM m WHERE level <> 'commune') p
      ON p.unit_code = x.parent_code AND p.level = x.level AND p.period = x.period
    GROUP BY p.unit_code, p.level, p.unit_valid_from, x.year, x.indicator, x.commune_code
), parent_end AS (
    SELECT unit_code, level, valid_from, year, indicator, sum(value) AS value
    FROM last_of_commune GROUP BY unit_code, level, valid_from, year, indicator
), y AS (
    SELECT year, unit_code, level, unit_valid_from, unit_valid_to, indicator, min(aggregation) AS aggregation,
           -- the last month's (the greatest pair of month and value)
           (max(ARRAY[to_char(period, 'MM'), district_code]))[2] AS district_code,
           (max(ARRAY[to_char(period, 'MM'), province_code]))[2] AS province_code,
           sum(value) AS total,
           (max(ARRAY[CAST(month AS numeric), value]) FILTER (WHERE value IS NOT NULL))[2] AS last_value,
           sum(communes_expected) AS months_expected, sum(communes_submitted) AS months_submitted,
           -- a unit version has one row a month for each indicator
           count(*) FILTER (WHERE communes_expected > 0 AND communes_submitted >= communes_expected)
               AS months_complete,
           sum(value) FILTER (WHERE same_month) AS same_total,
           (max(ARRAY[CAST(month AS numeric), value])
                FILTER (WHERE same_month AND value IS NOT NULL AND communes_submitted > 0))[2] AS same_last,
           sum(communes_expected) FILTER (WHERE same_month) AS same_expected,
           sum(communes_submitted) FILTER (WHERE same_month) AS same_submitted
    FROM m
    GROUP BY year, unit_code, level, unit_valid_from, unit_valid_to, indicator
)
SELECT y.year, y.unit_code, coalesce(cn.commune_name, n.name) AS unit_name, y.level,
       CASE WHEN y.level = 'commune' THEN cn.district_code ELSE y.district_code END AS district_code,
       CASE WHEN y.level = 'commune' THEN cn.province_code ELSE y.province_code END AS province_code, y.indicator,
       CASE WHEN y.aggregation = 'sum' THEN y.total WHEN y.level = 'commune' THEN y.last_value ELSE e.value END
           AS value,
       y.months_expected, y.months_submitted, y.months_complete,
       y.months_expected > 0 AND CASE WHEN y.level = 'commune' THEN y.months_submitted >= y.months_expected
                                      ELSE y.months_submitted = y.months_expected END AS complete,
       y.unit_valid_from, y.unit_valid_to,
       CASE WHEN y.unit_valid_to > make_date(y.year + 1, 1, 1) AND y.unit_valid_to < make_date(y.year + 2, 1, 1)
            THEN CASE WHEN y.aggregation = 'sum' THEN y.same_total ELSE y.same_last END END AS same_months_value,
       CASE WHEN y.unit_valid_to > make_date(y.year + 1, 1, 1) AND y.unit_valid_to < make_date(y.year + 2, 1, 1)
            THEN y.same_expected > 0 AND y.same_submitted >= y.same_expected END AS same_months_complete
FROM y
LEFT JOIN parent_end e ON e.unit_code = y.unit_code AND e.level = y.level AND e.valid_from = y.unit_valid_from
                      AND e.year = y.year AND e.indicator = y.indicator
LEFT JOIN ref.unit n ON y.level <> 'commune' AND n.code = y.unit_code AND n.level = y.level
                    AND n.valid_from = y.unit_valid_from
-- a commune version's name and path up: those of its last month in the year
LEFT JOIN (SELECT DISTINCT ON (year, commune_code, unit_valid_from) year, commune_code, unit_valid_from,
                  commune_name, district_code, province_code
           FROM bench_hand.commune_month
           ORDER BY year, commune_code, unit_valid_from, period DESC) cn
       ON y.level = 'commune' AND cn.year = y.year AND cn.commune_code = y.unit_code
      AND cn.unit_valid_from = y.unit_valid_from
;
ALTER TABLE bench_hand.agg_indicator_year ADD PRIMARY KEY (year, unit_code, level, indicator, unit_valid_from)
;
CREATE INDEX ON bench_hand.agg_indicator_year (unit_code, level, indicator)
;
CREATE INDEX ON bench_hand.agg_indicator_year (province_code, level)
;
ANALYZE bench_hand.agg_indicator_year
;
-- each village in each version of its commune: the months owed while it was in the commune, and its name and path
-- up in its last month there, kept apart and analysed (joined in one statement with the village rows below, the
-- planner took it for one row and looped over the other side: hours at 12 months)
CREATE TABLE bench_hand.village_present AS
WITH present AS (
    SELECT cm.year, v.code AS village_code, cm.commune_code, cm.unit_valid_from, cm.unit_valid_to,
           count(*) FILTER (WHERE cm.expected) AS months_expected, max(cm.period) AS last_period
    FROM bench_hand.commune_month cm
    JOIN ref.unit v ON v.level = 'village' AND v.parent_code = cm.commune_code
                   AND cm.period >= v.valid_from AND cm.period < v.valid_to
    GROUP BY cm.year, v.code, cm.commune_code, cm.unit_valid_from, cm.unit_valid_to
)
SELECT p.*, v.name AS village_name, cm.district_code, cm.province_code
FROM present p
JOIN ref.unit v ON v.level = 'village' AND v.code = p.village_code AND p.last_period >= v.valid_from
               AND p.last_period < v.valid_to
JOIN bench_hand.commune_month cm ON cm.year = p.year AND cm.commune_code = p.commune_code
                                AND cm.period = p.last_period
;
ANALYZE bench_hand.village_present
;
-- and the months its own rows were in (owed ones), its sums and its last camera value
CREATE TABLE bench_hand.village_year AS
WITH rows AS (
    SELECT f.year, f.village_code, f.commune_code, cm.unit_valid_from, f.period, f.indicator, f.value, i.feeds,
           cm.expected AND v.code IS NOT NULL AS counts
    FROM bench_hand.fact_value f
    -- its commune month by the submission (one key hashed; by commune and month, the planner looked each up by index)
    JOIN bench_hand.commune_month cm ON cm.submission_id = f.submission_id
    LEFT JOIN ref.indicator i ON i.code = f.indicator
    LEFT JOIN ref.unit v ON v.level = 'village' AND v.code = f.village_code AND v.parent_code = f.commune_code
                        AND f.period >= v.valid_from AND f.period < v.valid_to
    WHERE f.village_code IS NOT NULL
), reported AS (
    -- one pass, hashed (sorting the five million village rows spilled to disk): the months counted as bits, the
    -- last camera value the greatest pair of month and value
    SELECT year, village_code, commune_code, unit_valid_from,
           bit_count(CAST(bit_or(CASE WHEN counts THEN 1 << CAST(extract(month FROM period) AS integer) ELSE 0 END)
                          AS bit(32))) AS months_reported,
           sum(value) FILTER (WHERE feeds = 'crime_free') AS crime_cases,
           sum(value) FILTER (WHERE feeds = 'drug_free') AS new_drug_addicts,
           (max(ARRAY[CAST(extract(month FROM period) AS numeric), value])
               FILTER (WHERE feeds = 'camera_groups'))[2] AS camera_model_end
    FROM rows
    GROUP BY year, village_code, commune_code, unit_valid_from
)
SELECT p.year, p.village_code, p.village_name, p.commune_code, p.district_code, p.province_code,
       p.months_expected, coalesce(r.months_reported, 0) AS months_reported, r.crime_cases, r.new_drug_addicts,
       r.camera_model_end, p.unit_valid_from, p.unit_valid_to
FROM bench_hand.village_present p
LEFT JOIN reported r ON r.year = p.year AND r.village_code = p.village_code AND r.commune_code = p.commune_code
                     AND r.unit_valid_from = p.unit_valid_from
;
ALTER TABLE bench_hand.village_year ADD PRIMARY KEY (year, village_code, commune_code, unit_valid_from)
;
CREATE INDEX ON bench_hand.village_year (commune_code)
;
ANALYZE bench_hand.village_year
;
-- the months each village has rows in under each commune, as bits (January the lowest)
CREATE TABLE bench_hand.village_fact_months AS
SELECT year, village_code, commune_code, bit_or(1 << (CAST(extract(month FROM period) AS integer) - 1)) AS months
FROM bench_hand.fact_value
WHERE village_code IS NOT NULL
GROUP BY year, village_code, commune_code
;
ALTER TABLE bench_hand.village_fact_months ADD PRIMARY KEY (year, village_code, commune_code)
;
CREATE INDEX ON bench_hand.village_fact_months (year, commune_code)
;
ANALYZE bench_hand.village_fact_months
;
-- the villages counted at every level, each unit under its version at the end of the year or of the commune version
CREATE TABLE bench_hand.agg_village_year AS
WITH village AS (
    SELECT v.*, v.months_expected > 0 AND v.months_reported = v.months_expected AS reported,
           least(v.unit_valid_to, make_date(v.year + 1, 1, 1)) - 1 AS last_day
    FROM bench_hand.village_year v
), placed AS (
    SELECT v.*, d.valid_from AS district_from, d.valid_to AS district_to, p.valid_from AS province_from,
           p.valid_to AS province_to
    FROM village v
    LEFT JOIN ref.unit d ON d.code = v.district_code AND d.level = 'district' AND v.last_day >= d.valid_from
                        AND v.last_day < d.valid_to
    JOIN ref.unit p ON p.code = v.province_code AND p.level = 'province' AND v.last_day >= p.valid_from
                   AND v.last_day < p.valid_to
), rolled AS (
    SELECT year, coalesce(commune_code, district_code, province_code) AS unit_code,
           CASE WHEN GROUPING(commune_code) = 0 THEN 'commune' WHEN GROUPING(district_code) = 0 THEN 'district'
                ELSE 'province' END AS level,
           CASE WHEN GROUPING(commune_code) = 0 THEN unit_valid_from WHEN GROUPING(district_code) = 0
                THEN district_from ELSE province_from END AS unit_valid_from,
           CASE WHEN GROUPING(commune_code) = 0 THEN unit_valid_to WHEN GROUPING(district_code) = 0
                THEN district_to ELSE province_to END AS unit_valid_to,
           province_code, count(*) AS villages, count(*) FILTER (WHERE reported) AS villages_reported,
           count(*) FILTER (WHERE reported AND crime_cases = 0) AS crime_free,
           count(*) FILTER (WHERE reported AND new_drug_addicts = 0) AS drug_free,
           sum(camera_model_end) AS camera_groups
    FROM placed
    GROUP BY GROUPING SETS ((year, province_code, province_from, province_to, district_code, district_from,
                             district_to, commune_code, unit_valid_from, unit_valid_to),
                            (year, province_code, province_from, province_to, district_code, district_from,
                             district_to),
                            (year, province_code, province_from, province_to))
    HAVING GROUPING(district_code) = 1 OR district_code IS NOT NULL OR GROUPING(commune_code) = 0
)
SELECT r.year, r.unit_code, n.name AS unit_name, r.level, r.province_code, r.villages, r.villages_reported,
       r.crime_free, r.drug_free, r.camera_groups, r.unit_valid_from, r.unit_valid_to
FROM rolled r
LEFT JOIN ref.unit n ON n.code = r.unit_code AND n.level = r.level AND n.valid_from = r.unit_valid_from
;
ALTER TABLE bench_hand.agg_village_year ADD PRIMARY KEY (year, unit_code, level, unit_valid_from)
;
ANALYZE bench_hand.agg_village_year
;
-- as now: each commune month under the units valid on the as-of date (warehouse.unit_map, the build's maps), with
-- whether the version went whole to one unit and to one province
CREATE TABLE bench_hand.now_month AS
WITH went_to AS (
    SELECT unit_code, unit_valid_from, count(*) = 1 AS one_unit,
           CASE WHEN count(DISTINCT now_province_code) = 1 AND count(now_province_code) = count(*)
                THEN min(now_province_code) END AS one_province
    FROM warehouse.unit_map
    GROUP BY unit_code, unit_valid_from
)
SELECT cm.year, cm.period, cm.commune_code, cm.unit_valid_from, cm.expected, cm.submission_id IS NOT NULL AS submitted,
       m.now_code, m.now_name, m.now_province_code, m.now_province_name, m.weight, w.one_unit,
       coalesce(w.one_province = m.now_province_code, false) AS one_province
FROM bench_hand.commune_month cm
JOIN warehouse.unit_map m ON m.unit_code = cm.commune_code AND m.unit_valid_from = cm.unit_valid_from
JOIN went_to w ON w.unit_code = cm.commune_code AND w.unit_valid_from = cm.unit_valid_from
;
ANALYZE bench_hand.now_month
;
-- each unit's months: whether every predecessor owing the month sent it
CREATE TABLE bench_hand.commune_month_as_now AS
SELECT year, period, now_code AS unit_code, min(now_name) AS unit_name, min(now_province_code) AS province_code,
       min(now_province_name) AS province_name, bool_and(submitted) FILTER (WHERE expected) AS all_in
FROM bench_hand.now_month
GROUP BY year, period, now_code
;
ALTER TABLE bench_hand.commune_month_as_now ADD PRIMARY KEY (unit_code, period, year)
;
CREATE INDEX ON bench_hand.commune_month_as_now (year, period)
;
ANALYZE bench_hand.commune_month_as_now
;
-- each month's figures on today's units, as reported that month: a version's unit-level values by its share (exact
-- where it went whole to the unit; low leaves a share out, high counts the whole), its villages' values under the
-- unit each village belongs to today; a province counts a version once, exactly when all of it went to the province
CREATE TABLE bench_hand.agg_indicator_month_as_now AS
WITH unit_part AS (
    SELECT n.year, n.period, n.commune_code, n.unit_valid_from, n.now_code, n.now_province_code, n.one_unit,
           n.one_province, f.indicator, sum(f.value * n.weight) AS value, sum(f.value) AS whole, n.weight < 1 AS shared
    FROM bench_hand.now_month n
    JOIN bench_hand.fact_value f ON f.year = n.year AND f.commune_code = n.commune_code AND f.period = n.period
                                AND f.village_code IS NULL
    GROUP BY n.year, n.period, n.commune_code, n.unit_valid_from, n.now_code, n.now_province_code, n.one_unit,
             n.one_province, n.weight, f.indicator
), village_part AS (
    SELECT f.year, f.period, m.now_code, m.now_province_code, f.indicator, sum(f.value) AS value
    FROM bench_hand.fact_value f
    JOIN warehouse.village_map m ON m.village_code = f.village_code
    GROUP BY f.year, f.period, m.now_code, m.now_province_code, f.indicator
)
SELECT year, period, now_code AS unit_code, 'commune' AS level, indicator, period AS reported_month,
       sum(value) AS value, sum(CASE WHEN one_unit THEN value WHEN value IS NOT NULL THEN 0 END) AS value_low,
       sum(CASE WHEN value IS NULL THEN NULL WHEN one_unit THEN value ELSE whole END) AS value_high,
       bool_or(shared) FILTER (WHERE value IS NOT NULL) AS estimated
FROM unit_part
GROUP BY year, period, now_code, indicator
UNION ALL
SELECT year, period, now_province_code, 'province', indicator, period, sum(share), sum(low), sum(high), bool_or(shared)
FROM (SELECT year, period, now_province_code, indicator, sum(value) AS share,
             CASE WHEN sum(value) IS NULL THEN NULL WHEN bool_and(one_province) THEN sum(value) ELSE 0 END AS low,
             CASE WHEN sum(value) IS NULL THEN NULL WHEN bool_and(one_province) THEN sum(value) ELSE max(whole) END
                 AS high,
             bool_or(shared) FILTER (WHERE value IS NOT NULL) AS shared
      FROM unit_part
      WHERE now_province_code IS NOT NULL
      GROUP BY year, period, now_province_code, commune_code, unit_valid_from, indicator) p
GROUP BY year, period, now_province_code, indicator
UNION ALL
SELECT year, period, now_code, 'commune', indicator, period, sum(value), sum(value), sum(value), false
FROM village_part
GROUP BY year, period, now_code, indicator
UNION ALL
SELECT year, period, now_province_code, 'province', indicator, period, sum(value), sum(value), sum(value), false
FROM village_part
WHERE now_province_code IS NOT NULL
GROUP BY year, period, now_province_code, indicator
;
ALTER TABLE bench_hand.agg_indicator_month_as_now ADD PRIMARY KEY (unit_code, level, indicator, period, reported_month, year)
;
CREATE INDEX ON bench_hand.agg_indicator_month_as_now (year, period, level)
;
ANALYZE bench_hand.agg_indicator_month_as_now
;
-- each unit's year as now, every indicator (NULL where nothing was reported): a sum over its months, an
-- end-of-period value its last month's (the build's year carries each version's last value to December: only the
-- sums are compared); complete when every month owed is all in
CREATE TABLE bench_hand.agg_indicator_year_as_now AS
WITH unit_year AS (
    -- every unit of the year's months and its province, each indicator, whether anything was reported or not
    SELECT year, unit_code, 'commune' AS level, min(unit_name) AS unit_name,
           count(*) FILTER (WHERE all_in) AS months_complete,
           bool_and(all_in) FILTER (WHERE all_in IS NOT NULL) AS complete
    FROM bench_hand.commune_month_as_now
    GROUP BY year, unit_code
    UNION ALL
    SELECT year, province_code, 'province', min(province_name), count(DISTINCT period) FILTER (WHERE all_in),
           bool_and(all_in) FILTER (WHERE all_in IS NOT NULL)
    FROM bench_hand.commune_month_as_now
    WHERE province_code IS NOT NULL
    GROUP BY year, province_code
), figures AS (
    SELECT a.year, a.unit_code, a.level, a.indicator,
           CASE WHEN min(i.aggregation) = 'sum' THEN sum(a.value)
                ELSE (array_agg(a.value ORDER BY a.period DESC))[1] END AS value,
           bool_or(a.estimated) AS estimated,
           CASE WHEN min(i.aggregation) = 'sum' THEN sum(a.value_low)
                ELSE (array_agg(a.value_low ORDER BY a.period DESC))[1] END AS value_low,
           CASE WHEN min(i.aggregation) = 'sum' THEN sum(a.value_high)
                ELSE (array_agg(a.value_high ORDER BY a.period DESC))[1] END AS value_high
    FROM bench_hand.agg_indicator_month_as_now a
    JOIN ref.indicator i ON i.code = a.indicator
    GROUP BY a.year, a.unit_code, a.level, a.indicator
)
SELECT u.year, u.unit_code, u.unit_name, u.level, i.code AS indicator, f.value, u.complete, f.estimated,
       u.months_complete, f.value_low, f.value_high
FROM unit_year u
CROSS JOIN ref.indicator i
LEFT JOIN figures f ON f.year = u.year AND f.unit_code = u.unit_code AND f.level = u.level AND f.indicator = i.code
;
ALTER TABLE bench_hand.agg_indicator_year_as_now ADD PRIMARY KEY (unit_code, level, indicator, year)
;
CREATE INDEX ON bench_hand.agg_indicator_year_as_now (year, level)
;
ANALYZE bench_hand.agg_indicator_year_as_now
;
-- the villages of each year counted under the unit each belongs to today, whatever unit it reported under
CREATE TABLE bench_hand.agg_village_year_as_now AS
WITH village AS (
    SELECT year, village_code, sum(months_expected) AS months_expected, sum(months_reported) AS months_reported,
           sum(crime_cases) AS crime_cases, sum(new_drug_addicts) AS new_drug_addicts,
           (array_agg(camera_model_end ORDER BY unit_valid_from DESC))[1] AS camera_model_end
    FROM bench_hand.village_year
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
    GROUP BY GROUPING SETS ((v.year, m.now_province_code, m.now_code), (v.year, m.now_province_code))
)
SELECT c.unit_code, u.name AS unit_name, c.level, c.year, c.villages, c.villages_reported, c.crime_free, c.drug_free,
       c.camera_groups, c.estimated, c.villages AS villages_low, c.villages AS villages_high,
       c.villages_reported AS villages_reported_low, c.villages_reported AS villages_reported_high,
       c.crime_free AS crime_free_low, c.crime_free AS crime_free_high, c.drug_free AS drug_free_low,
       c.drug_free AS drug_free_high, c.camera_groups AS camera_groups_low, c.camera_groups AS camera_groups_high,
       u.valid_from AS unit_valid_from, u.valid_to AS unit_valid_to
FROM counted c
CROSS JOIN bench_hand.run r
LEFT JOIN ref.unit u ON u.code = c.unit_code AND u.level = c.level AND r.as_of >= u.valid_from AND r.as_of < u.valid_to
WHERE c.unit_code IS NOT NULL
;
ALTER TABLE bench_hand.agg_village_year_as_now ADD PRIMARY KEY (unit_code, level, year)
;
ANALYZE bench_hand.agg_village_year_as_now
;
