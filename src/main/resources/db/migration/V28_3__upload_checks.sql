-- A clerk's checked upload, held until it is submitted, replaced or too old (issue 26, item 8). Checks used to leave
-- hidden files in the inbox for a day, with no quota, and every view of a check validated its file again (30 s of
-- CPU for a million-row workbook). A row says who holds the file and its size, so that an account's quota is
-- counted across every process serving the console, and the findings of its check are stored with it, so that
-- showing the check again reads them instead of validating again.
CREATE TABLE ops.upload (
    token        text PRIMARY KEY CHECK (token ~ '^[0-9a-f]{32}$'),
    requested_by text NOT NULL,
    unit_code    text NOT NULL,
    period       text NOT NULL,
    file_name    text NOT NULL,
    bytes        bigint NOT NULL,
    rows         bigint NOT NULL DEFAULT 0,
    errors       bigint NOT NULL DEFAULT 0,
    warnings     bigint NOT NULL DEFAULT 0,
    checked_at   timestamptz NOT NULL
);
CREATE INDEX upload_requested_by ON ops.upload (requested_by);
CREATE INDEX upload_checked_at ON ops.upload (checked_at);
COMMENT ON TABLE ops.upload IS 'Checked uploads not yet submitted: the hidden file .upload-<token>-<file_name> in the inbox, who checked it, and its check''s counts.';
COMMENT ON COLUMN ops.upload.bytes IS 'Size of the kept file, counted against the account''s quota (safetystats.uploads.*).';
COMMENT ON COLUMN ops.upload.checked_at IS 'When it was checked; removed with its file after safetystats.uploads.kept.';

CREATE TABLE ops.upload_finding (
    token      text NOT NULL REFERENCES ops.upload ON DELETE CASCADE,
    seq        integer NOT NULL,
    line       bigint,
    field      text,
    value      text,
    rule       text NOT NULL,
    message_vi text NOT NULL,
    message_en text NOT NULL,
    cell       text,
    PRIMARY KEY (token, seq)
);
COMMENT ON TABLE ops.upload_finding IS 'The findings of a checked upload, as ops.finding holds a submission''s (at most 1,000 and a closing note).';
