-- Why: PostgreSQL advisory locks are open to every role, so a read-only analyst could take the pipeline's keys and
-- make every run answer "already running" or stall ingest. The pipeline's locks are now rows and tables in `ops`,
-- which the analysts' role cannot read, lock or write. And the audit trail records refusals with their reason.
CREATE TABLE ops.pipeline_lock (
    name           text PRIMARY KEY,
    holder_pid     integer,
    holder_started timestamptz,
    acquired_at    timestamptz
);
COMMENT ON TABLE ops.pipeline_lock IS 'The one-run-at-a-time lease: held by a database session of the running process for the whole run; free when no holder, or when the holding session is gone (a crashed process).';
COMMENT ON COLUMN ops.pipeline_lock.name IS 'Always pipeline.';
COMMENT ON COLUMN ops.pipeline_lock.holder_pid IS 'Backend pid of the session that holds the lease, NULL when free.';
COMMENT ON COLUMN ops.pipeline_lock.holder_started IS 'backend_start of that session (tells a reused pid apart).';
COMMENT ON COLUMN ops.pipeline_lock.acquired_at IS 'When the run took the lease.';
INSERT INTO ops.pipeline_lock (name) VALUES ('pipeline');

CREATE TABLE ops.change_feed_gate ();
COMMENT ON TABLE ops.change_feed_gate IS 'Never holds rows: ingest transactions lock it in SHARE mode, a warehouse build in EXCLUSIVE mode while it reads its watermark, so no submission commits below a watermark already read.';

CREATE TABLE ops.lock_slot (slot integer PRIMARY KEY);
COMMENT ON TABLE ops.lock_slot IS 'Row locks that serialise work on one unit-month (slot = hash of unit and month modulo 1024) until the transaction ends.';
INSERT INTO ops.lock_slot SELECT generate_series(0, 1023);

ALTER TABLE ops.admin_action ADD COLUMN detail text;
COMMENT ON COLUMN ops.admin_action.detail IS 'Why a request was refused or failed, as the requester was told.';
COMMENT ON COLUMN ops.admin_action.action IS 'run, rerun-warehouse, rerun-ingest, restart, stop, or the HTTP method and path of a refused request.';
COMMENT ON COLUMN ops.admin_action.outcome IS 'STARTED, STOPPING, ALREADY_RUNNING (with the running execution), REFUSED (invalid request, detail says why), NOT_FOUND, FORBIDDEN (a user without the ADMIN role) or FAILED (a fault of the server).';

COMMENT ON TABLE warehouse.completeness IS 'Grain: one ward or commune, one month. Whether its report came on time, late, not at all, or was rejected and not yet corrected; refreshed by the nightly job and every warehouse build (never by a reader): warehouse.completeness_state says when.';
