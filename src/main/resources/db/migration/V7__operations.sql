-- Why: admins steer the pipeline (reruns, restarts, stops) and every such request must be on record with who
-- asked and why; and each ward owes a report every month, so completeness and timeliness are tracked per
-- commune-month for admins and analysts alike.
CREATE TABLE ops.admin_action (
    action_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requested_at     timestamptz NOT NULL DEFAULT now(),
    requested_by     text NOT NULL,
    action           text NOT NULL,
    parameters       text NOT NULL,
    reason           text,
    job_execution_id bigint,
    outcome          text NOT NULL
);
COMMENT ON TABLE ops.admin_action IS 'Every run, rerun, restart and stop requested by an admin or the scheduler: who, what, why and what came of it.';
COMMENT ON COLUMN ops.admin_action.requested_by IS 'Admin user name, or scheduler:<schedule> for Quartz.';
COMMENT ON COLUMN ops.admin_action.action IS 'run, rerun-warehouse, rerun-ingest, restart or stop.';
COMMENT ON COLUMN ops.admin_action.parameters IS 'Job and parameters as requested.';
COMMENT ON COLUMN ops.admin_action.reason IS 'Why, in the requester''s words.';
COMMENT ON COLUMN ops.admin_action.job_execution_id IS 'The Spring Batch execution started, restarted or stopped.';
COMMENT ON COLUMN ops.admin_action.outcome IS 'STARTED, ALREADY_RUNNING (with the running execution) or REFUSED.';

CREATE TABLE warehouse.completeness (
    unit_code   text NOT NULL,
    unit_name   text NOT NULL,
    period      text NOT NULL,
    status      text NOT NULL CHECK (status IN ('ON_TIME', 'LATE', 'MISSING', 'REJECTED', 'NOT_DUE')),
    received_at timestamptz,
    due_at      timestamptz NOT NULL,
    submission_id bigint,
    PRIMARY KEY (unit_code, period)
);
COMMENT ON TABLE warehouse.completeness IS 'Grain: one ward or commune, one month. Whether its report came on time, late, not at all, or was rejected and not yet corrected; refreshed by the nightly job.';
COMMENT ON COLUMN warehouse.completeness.unit_code IS 'Ward or commune code.';
COMMENT ON COLUMN warehouse.completeness.unit_name IS 'Its name in that month.';
COMMENT ON COLUMN warehouse.completeness.period IS 'Month, YYYY-MM.';
COMMENT ON COLUMN warehouse.completeness.status IS 'ON_TIME (first accepted version received by due_at), LATE (after it), MISSING (nothing accepted or rejected, and due_at has passed), REJECTED (only rejected files so far), NOT_DUE (nothing yet, not due yet).';
COMMENT ON COLUMN warehouse.completeness.received_at IS 'When the first accepted version arrived (or the latest rejected file, for REJECTED).';
COMMENT ON COLUMN warehouse.completeness.due_at IS 'End of the due day of the following month (safetystats.due-day-of-month) in the reporting time zone.';
COMMENT ON COLUMN warehouse.completeness.submission_id IS 'The current accepted submission, if any.';
