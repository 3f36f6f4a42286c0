package org.safetystats.console;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads {@code ops.admin_action}, newest first: every request with who, why and what came
 * of it.
 */
@Repository
class AuditLog {

	record Entry(long id, OffsetDateTime at, String by, String action, String parameters, @Nullable String reason,
			@Nullable Long executionId, String outcome, @Nullable String detail) {

	}

	private static final String SELECT = """
			SELECT action_id, requested_at, requested_by, action, parameters, reason, job_execution_id, outcome, detail
			FROM ops.admin_action
			""";

	private static final String ORDER = " ORDER BY action_id DESC LIMIT :count";

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Entry> last(int count, @Nullable String by) {
		return this.jdbc.sql(SELECT + " WHERE CAST(:by AS text) IS NULL OR requested_by = :by" + ORDER)
			.param("by", (by == null || by.isBlank()) ? null : by)
			.param("count", count)
			.query((rs, n) -> entry(rs))
			.list();
	}

	/** The requests that started, restarted or stopped an execution. */
	List<Entry> forExecution(long executionId) {
		return this.jdbc.sql(SELECT + " WHERE job_execution_id = :id" + ORDER)
			.param("id", executionId)
			.param("count", 100)
			.query((rs, n) -> entry(rs))
			.list();
	}

	private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Entry(rs.getLong("action_id"), rs.getObject("requested_at", OffsetDateTime.class),
				rs.getString("requested_by"), rs.getString("action"), rs.getString("parameters"),
				rs.getString("reason"), (Long) rs.getObject("job_execution_id"), rs.getString("outcome"),
				rs.getString("detail"));
	}

}
