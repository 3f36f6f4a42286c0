-- Why: the browser console and the JSON API sign in named people (issue 13): admins who steer the pipeline,
-- viewers who only read, and clerks of a ward or commune who upload their own units' files. Accounts live in
-- PostgreSQL so that every process on the database (each `serve`, the command line) sees the same ones. Only a
-- bcrypt hash is kept, never a password, and there is no default account: the first admin is created with
-- `safetystats user add NAME --role ADMIN`, which reads the password from standard input.
CREATE TABLE ops.app_user (
    user_name           text PRIMARY KEY CHECK (user_name ~ '^[A-Za-z0-9._@-]{1,64}$'),
    password_hash       text NOT NULL CHECK (password_hash LIKE '{bcrypt}%'),
    role                text NOT NULL CHECK (role IN ('ADMIN', 'VIEWER', 'CLERK')),
    disabled            boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ops.app_user IS 'People who sign in to the console and the JSON API.';
COMMENT ON COLUMN ops.app_user.user_name IS 'Login name: letters, digits and . _ @ - (at most 64).';
COMMENT ON COLUMN ops.app_user.password_hash IS 'bcrypt hash with its algorithm prefix ({bcrypt}$2a$10$...); never the password.';
COMMENT ON COLUMN ops.app_user.role IS 'ADMIN steers the pipeline and reads everything; VIEWER reads everything; CLERK reads and uploads for the units of ops.app_user_unit only.';
COMMENT ON COLUMN ops.app_user.disabled IS 'A disabled user cannot sign in; the row stays for the audit log''s sake.';

CREATE TABLE ops.app_user_unit (
    user_name text NOT NULL REFERENCES ops.app_user ON DELETE CASCADE,
    unit_code text NOT NULL,
    PRIMARY KEY (user_name, unit_code)
);
COMMENT ON TABLE ops.app_user_unit IS 'The wards and communes a clerk reports for (codes of ref.unit at commune level).';
