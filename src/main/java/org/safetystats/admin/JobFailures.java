package org.safetystats.admin;

import java.sql.SQLException;

import org.springframework.batch.core.job.JobExecution;

/** The reason a job execution failed, in one line. */
final class JobFailures {

	private static final String LOST = "the connection to PostgreSQL was lost (";

	private static final String RERUN = "; nothing half-done was kept: run it again once the database is back";

	/** What a lost connection looks like in a recorded exit description. */
	private static final java.util.List<String> CONNECTION_LOST = java.util.List.of("I/O error occurred while sending",
			"Connection refused", "terminating connection", "This connection has been closed",
			"CannotCreateTransactionException", "Connection is not available", "JDBC rollback failed",
			"JDBC commit failed", "DataAccessResourceFailureException", "Connection is closed");

	private JobFailures() {
	}

	static String firstLine(JobExecution execution) {
		Throwable failure = execution.getAllFailureExceptions().stream().findFirst().orElse(null);
		if (failure == null) {
			String description = execution.getExitStatus().getExitDescription();
			if (CONNECTION_LOST.stream().anyMatch(description::contains)) {
				return LOST + description.lines().findFirst().orElse("") + ")" + RERUN;
			}
			return description.lines().findFirst().orElse("no reason recorded");
		}
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return LOST + sql.getMessage().lines().findFirst().orElse("") + ")" + RERUN;
			}
		}
		// a connection the pool had already closed under the job (no SQL state)
		for (Throwable t = failure; t != null; t = t.getCause()) {
			String message = String.valueOf(t.getMessage());
			if (t instanceof SQLException && CONNECTION_LOST.stream().anyMatch(message::contains)) {
				return LOST + message.lines().findFirst().orElse("") + ")" + RERUN;
			}
		}
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage() != null ? root.getMessage() : root.toString();
	}

}
