-- Why: a year built ahead was committed as warehouse.<table>_<year>_next until the step swapped it in, and the
-- analysts' role reads every table of warehouse through its default privileges: an analyst could read a year the
-- build had not published, and by holding that table's lock in an open transaction keep the swap's ATTACH PARTITION
-- waiting for ever, while the swap's exclusive locks on the parents froze every other reader (issue 26, item 4).
-- Fresh tables are now built in a schema of their own, which no role but the pipeline's (its owner) may use, and
-- move into warehouse in the swap's transaction, under its locks.
CREATE SCHEMA warehouse_staging;
REVOKE ALL ON SCHEMA warehouse_staging FROM PUBLIC;
COMMENT ON SCHEMA warehouse_staging IS 'Fresh tables of the years a warehouse build is making (<table>_<year>_next), until they are swapped into warehouse. Not for analysts.';

-- Fresh tables an earlier version left in warehouse (readable by analysts) are dropped: they are only a shortcut,
-- the next build builds their year again. A session holding one fails the migration after 30 s with a lock
-- timeout, rather than hold up the start for as long as it likes: end it and start again.
SET LOCAL lock_timeout = '30s';
DO $$
DECLARE
    fresh text;
BEGIN
    FOR fresh IN
        SELECT relname FROM pg_class
        WHERE relnamespace = CAST('warehouse' AS regnamespace) AND relkind = 'r' AND relname ~ '_[0-9]{4}_next$'
    LOOP
        EXECUTE format('DROP TABLE warehouse.%I', fresh);
    END LOOP;
END
$$;
