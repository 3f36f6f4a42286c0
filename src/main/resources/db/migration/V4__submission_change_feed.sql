-- Why: the warehouse rebuilds only what changed since its last build. Every change that affects accepted values
-- (a submission loaded, or superseded by a later one) takes a number from this sequence; a build records the
-- highest number it has taken in.
CREATE SEQUENCE ops.submission_change_seq;

ALTER TABLE ops.submission ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('ops.submission_change_seq');
CREATE INDEX submission_change_idx ON ops.submission (change_seq);

COMMENT ON COLUMN ops.submission.change_seq IS 'Position in the change feed: set when registered and again when superseded; the warehouse build picks up rows above its last watermark.';
