-- Workbook submissions (.xlsx) locate a finding by sheet and cell ("Sheet1!C7"), which a line number cannot say:
-- the column is the field's place in that file's header. CSV findings keep line and leave cell NULL.
ALTER TABLE ops.finding ADD COLUMN cell text;
COMMENT ON COLUMN ops.finding.cell IS 'For a workbook (.xlsx): the sheet and cell of the finding (Sheet1!C7), or its row (Sheet1!7:7); line then holds the row number. NULL for CSV files and for findings about the whole file.';

CREATE OR REPLACE VIEW ops.findings AS
SELECT f.submission_id, f.line, f.field, f.value, f.rule, f.severity, f.message_vi, f.message_en, f.cell
FROM ops.finding f;
