-- Why: a console session outlived the account it was signed in with (issue 26, item 1): a disabled admin kept
-- creating users, and after `user disable` or `user passwd` the old sessions still read pages. Sessions live in the
-- memory of each `serve` process, so the account's database row has to say when they end: session_version goes up
-- whenever the password, the role, the disabled flag or a clerk's units change, whatever writes them (the console,
-- the `user` command, plain SQL). A session keeps the version it signed in with, and each request of the console
-- compares it with this column (a primary-key lookup); a different version, or a disabled account, ends it.
ALTER TABLE ops.app_user ADD COLUMN session_version bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN ops.app_user.session_version IS 'Goes up (by trigger) whenever password_hash, role, disabled or the account''s units change; a console session signed in with another version is ended at its next request.';

CREATE FUNCTION ops.app_user_bump_session_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.session_version := OLD.session_version + 1;
    RETURN NEW;
END
$$;

CREATE TRIGGER app_user_session_version
    BEFORE UPDATE OF password_hash, role, disabled ON ops.app_user
    FOR EACH ROW
    WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash OR OLD.role IS DISTINCT FROM NEW.role
          OR OLD.disabled IS DISTINCT FROM NEW.disabled)
    EXECUTE FUNCTION ops.app_user_bump_session_version();

-- a clerk's units are its authorities too: a unit taken away must not stay in an open session
CREATE FUNCTION ops.app_user_unit_bump_session_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ops.app_user SET session_version = session_version + 1
    WHERE user_name IN (SELECT user_name FROM changed_units);
    RETURN NULL;
END
$$;

CREATE TRIGGER app_user_unit_session_version_insert
    AFTER INSERT ON ops.app_user_unit REFERENCING NEW TABLE AS changed_units
    FOR EACH STATEMENT EXECUTE FUNCTION ops.app_user_unit_bump_session_version();
CREATE TRIGGER app_user_unit_session_version_delete
    AFTER DELETE ON ops.app_user_unit REFERENCING OLD TABLE AS changed_units
    FOR EACH STATEMENT EXECUTE FUNCTION ops.app_user_unit_bump_session_version();
CREATE TRIGGER app_user_unit_session_version_update
    AFTER UPDATE ON ops.app_user_unit REFERENCING NEW TABLE AS changed_units
    FOR EACH STATEMENT EXECUTE FUNCTION ops.app_user_unit_bump_session_version();
