-- Why: the completeness refresh starts at the first month anyone reported (min(period) over every submission) and
-- reads the submissions of the months it recomputes; at national scale with years of history both were scans of
-- the whole table on every build.
CREATE INDEX submission_period_idx ON ops.submission (period);
-- And each build asks which months are still not due (their status moves with the clock): a handful of rows.
CREATE INDEX completeness_not_due_idx ON warehouse.completeness (period) WHERE status = 'NOT_DUE';
