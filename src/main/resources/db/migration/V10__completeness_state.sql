-- Why: recomputing completeness for every commune-month of every year takes seconds at national scale, while a
-- night changes a few months: the refresh remembers the last submission change it took in and the catalogue it
-- used, and recomputes only the months touched since, plus the recent months whose status moves with the clock.
CREATE TABLE warehouse.completeness_state (
    refreshed_at   timestamptz NOT NULL DEFAULT now() PRIMARY KEY,
    watermark      bigint NOT NULL,
    reference_hash text NOT NULL,
    months         integer NOT NULL
);
COMMENT ON TABLE warehouse.completeness_state IS 'Each refresh of warehouse.completeness: up to which submission change and with which catalogue, and how many months it recomputed.';
COMMENT ON COLUMN warehouse.completeness_state.refreshed_at IS 'When the refresh committed.';
COMMENT ON COLUMN warehouse.completeness_state.watermark IS 'Highest ops.submission.change_seq taken in.';
COMMENT ON COLUMN warehouse.completeness_state.reference_hash IS 'Fingerprint of the reference catalogues (a change recomputes every month).';
COMMENT ON COLUMN warehouse.completeness_state.months IS 'Months recomputed (all of them on a full refresh).';
CREATE INDEX completeness_period_idx ON warehouse.completeness (period);
