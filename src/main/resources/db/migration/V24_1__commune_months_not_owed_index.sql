-- Why: every incremental build asks which built years hold months that have come due since they were built
-- (warehouse.commune_month rows not expected, before this month); without an index that is a scan of every
-- commune-month of every year, a third of a second at national scale, for a handful of rows.
CREATE INDEX commune_month_not_owed_idx ON warehouse.commune_month (period) WHERE NOT expected;
