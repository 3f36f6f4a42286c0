-- Why: a clerk's upload submitted into the inbox (console or API) changes what the next run loads, so it is audited
-- like every other state-changing request.
COMMENT ON COLUMN ops.admin_action.outcome IS 'STARTED, STOPPING, ALREADY_RUNNING (with the running execution), REFUSED (invalid request, detail says why), NOT_FOUND, FORBIDDEN (a user without the ADMIN role), FAILED (a fault of the server), or SUBMITTED (action upload: a clerk''s file placed into the inbox; detail says whether it would load).';
