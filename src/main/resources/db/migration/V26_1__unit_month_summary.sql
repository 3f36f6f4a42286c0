-- Why: a file's OUTLIER warnings are judged against its unit's months before it (the twelve before and the same
-- month of four earlier years). Reading those months back value by value (35 rows a month with 10 villages, about
-- 450 rows a file at two years of history) was most of ingest's write time. Each current unit-month is kept here as
-- one row: its values in arrays (for the recent months, whose cells the checks compare one by one) and its total per
-- indicator (for the older months, whose totals are all the checks read). The rows follow ops.submission's status in
-- the same transaction, through triggers, so that every way a version becomes current or stops being current
-- (a load superseding the previous version, an approved correction, a crash that rolls back) keeps them exact.
CREATE TABLE ops.unit_month_summary (
    unit_code        text NOT NULL,
    period           text NOT NULL,
    submission_id    bigint NOT NULL,
    indicators       text[] NOT NULL,
    villages         text[] NOT NULL,
    vals             bigint[] NOT NULL,
    total_indicators text[] NOT NULL,
    totals           bigint[] NOT NULL,
    PRIMARY KEY (unit_code, period)
);
COMMENT ON TABLE ops.unit_month_summary IS 'The values of the current (LOADED) version of each unit-month, one row each, for the OUTLIER warnings; kept by triggers on ops.submission.';
COMMENT ON COLUMN ops.unit_month_summary.submission_id IS 'The LOADED submission summarised.';
COMMENT ON COLUMN ops.unit_month_summary.indicators IS 'Indicator of each value, in the order of the file''s lines.';
COMMENT ON COLUMN ops.unit_month_summary.villages IS 'Village of each value (NULL for a unit-level value), aligned with indicators.';
COMMENT ON COLUMN ops.unit_month_summary.vals IS 'Each value, aligned with indicators.';
COMMENT ON COLUMN ops.unit_month_summary.total_indicators IS 'Each indicator of the month once, in the order of its first line.';
COMMENT ON COLUMN ops.unit_month_summary.totals IS 'Sum of the indicator''s values over the unit, aligned with total_indicators.';

-- The rows of the given submissions (those that are LOADED and have values), written over the unit-month's row.
CREATE FUNCTION ops.unit_month_summary_write(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO ops.unit_month_summary AS m (unit_code, period, submission_id, indicators, villages, vals,
                                             total_indicators, totals)
    SELECT s.unit_code, s.period, s.submission_id, c.indicators, c.villages, c.vals, t.indicators, t.totals
    FROM ops.submission s
    CROSS JOIN LATERAL (
        SELECT array_agg(v.indicator ORDER BY v.line) AS indicators, array_agg(v.village_code ORDER BY v.line) AS villages,
               array_agg(v.value ORDER BY v.line) AS vals
        FROM ops.submission_value v WHERE v.submission_id = s.submission_id
    ) AS c
    CROSS JOIN LATERAL (
        SELECT array_agg(i.indicator ORDER BY i.first_line) AS indicators, array_agg(i.total ORDER BY i.first_line) AS totals
        FROM (SELECT v.indicator, min(v.line) AS first_line, sum(v.value) AS total
              FROM ops.submission_value v WHERE v.submission_id = s.submission_id GROUP BY v.indicator) AS i
    ) AS t
    WHERE s.submission_id = ANY (ids) AND s.status = 'LOADED' AND c.indicators IS NOT NULL
    ON CONFLICT (unit_code, period) DO UPDATE
    SET submission_id = excluded.submission_id, indicators = excluded.indicators, villages = excluded.villages,
        vals = excluded.vals, total_indicators = excluded.total_indicators, totals = excluded.totals
$$;

-- Rows inserted as LOADED (a load) get their unit-month's row. The values are written before the submission row
-- (COPY first, then the registration), or in the same statement: statement triggers fire at its end.
CREATE FUNCTION ops.unit_month_summary_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ops.unit_month_summary_write(ARRAY(SELECT submission_id FROM new_rows WHERE status = 'LOADED'));
    RETURN NULL;
END
$$;

-- A version that stops being current (superseded) loses its row; one that becomes current (an approved correction)
-- gets it. A row trigger with a WHEN clause: the many updates that leave the status alone (a file moved) cost
-- nothing.
CREATE FUNCTION ops.unit_month_summary_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'LOADED' THEN
        DELETE FROM ops.unit_month_summary
        WHERE unit_code = OLD.unit_code AND period = OLD.period AND submission_id = OLD.submission_id;
    END IF;
    IF NEW.status = 'LOADED' THEN
        PERFORM ops.unit_month_summary_write(ARRAY[NEW.submission_id]);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION ops.unit_month_summary_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM ops.unit_month_summary;
    RETURN NULL;
END
$$;

CREATE TRIGGER unit_month_summary_inserted AFTER INSERT ON ops.submission
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ops.unit_month_summary_inserted();
CREATE TRIGGER unit_month_summary_updated AFTER UPDATE ON ops.submission
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND (OLD.status = 'LOADED' OR NEW.status = 'LOADED'))
    EXECUTE FUNCTION ops.unit_month_summary_updated();
CREATE TRIGGER unit_month_summary_truncated AFTER TRUNCATE ON ops.submission
    FOR EACH STATEMENT EXECUTE FUNCTION ops.unit_month_summary_truncated();

-- The rows of the submissions already current.
SELECT ops.unit_month_summary_write(ARRAY(SELECT submission_id FROM ops.submission WHERE status = 'LOADED'));
