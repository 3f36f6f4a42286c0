-- Why: every command used to run Flyway's full validation at start (scan, checksum and compare every migration),
-- about half a second of a command that does no work. After a successful migration the application records a
-- fingerprint of the migration files it carries; a later start whose files have the same fingerprint skips Flyway.
CREATE TABLE ops.schema_fingerprint (
    fingerprint text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ops.schema_fingerprint IS 'SHA-256 of the migration files of the last application that migrated this database (one row).';
