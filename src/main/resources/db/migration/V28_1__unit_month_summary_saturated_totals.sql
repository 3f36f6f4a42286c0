-- Why: a unit's total of an indicator is the sum of its villages' values, each as large as the indicator's bound allows
-- (up to 9223372036854775807 when the catalogue says so). PostgreSQL sums bigints as numeric, and a sum above the
-- bigint range failed the registration's statement ("bigint out of range"): the file failed its run, and every later
-- run, from the inbox. The total is now held at the largest bigint, as quality/UnitHistory sums the same values
-- (the warehouse keeps the exact sums in numeric columns).
CREATE OR REPLACE FUNCTION ops.unit_month_summary_write(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO ops.unit_month_summary AS m (unit_code, period, submission_id, indicators, villages, vals,
                                             total_indicators, totals)
    SELECT s.unit_code, s.period, s.submission_id, c.indicators, c.villages, c.vals, t.indicators, t.totals
    FROM ops.submission s
    CROSS JOIN LATERAL (
        SELECT array_agg(v.indicator) AS indicators, array_agg(v.village_code) AS villages,
               array_agg(v.value) AS vals
        FROM (SELECT v.indicator, v.village_code, v.value FROM ops.submission_value v
              WHERE v.submission_id = s.submission_id ORDER BY v.line) AS v
    ) AS c
    CROSS JOIN LATERAL (
        SELECT array_agg(i.indicator) AS indicators, array_agg(i.total) AS totals
        FROM (SELECT v.indicator, least(sum(v.value), 9223372036854775807)::bigint AS total
              FROM ops.submission_value v
              WHERE v.submission_id = s.submission_id GROUP BY v.indicator ORDER BY min(v.line)) AS i
    ) AS t
    WHERE s.submission_id = ANY (ids) AND s.status = 'LOADED' AND c.indicators IS NOT NULL
    ON CONFLICT (unit_code, period) DO UPDATE
    SET submission_id = excluded.submission_id, indicators = excluded.indicators, villages = excluded.villages,
        vals = excluded.vals, total_indicators = excluded.total_indicators, totals = excluded.totals
$$;
