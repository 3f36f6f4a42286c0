package org.safetystats.admin;

import java.sql.SQLException;

import org.safetystats.system.ExitCodes;
import org.safetystats.system.NoDataException;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import picocli.CommandLine;

/**
 * Turns a failure into one line on standard error and an exit code: the message of a
 * {@link UserFacingException}, a hint for a database that cannot be reached, a lost
 * connection when the server shut down under the command, and for anything else the root
 * cause (the stack trace only with {@code SAFETYSTATS_DEBUG=1}).
 */
public class OneLineErrors implements CommandLine.IExecutionExceptionHandler {

	@Override
	public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
		if ("1".equals(System.getenv("SAFETYSTATS_DEBUG"))) {
			ex.printStackTrace();
		}
		UserFacingException userFacing = find(ex, UserFacingException.class);
		if (userFacing != null) {
			System.err.println("error: " + userFacing.getMessage());
			if (userFacing instanceof UsageException) {
				return commandLine.getCommandSpec().exitCodeOnInvalidInput();
			}
			return (userFacing instanceof NoDataException) ? ExitCodes.FAILED : ExitCodes.UNUSABLE_SETTING;
		}
		SQLException sql = find(ex, SQLException.class);
		if (sql != null && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
				|| sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
			System.err.println("error: cannot connect to PostgreSQL (" + sql.getMessage()
					+ "); set SAFETYSTATS_DB_URL, SAFETYSTATS_DB_USER and SAFETYSTATS_DB_PASSWORD");
			return ExitCodes.UNUSABLE_SETTING;
		}
		if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("57P")) {
			// the server shut down or restarted under a command that had connected
			System.err.println(
					"error: the connection to PostgreSQL was lost (" + sql.getMessage().lines().findFirst().orElse("")
							+ "); nothing half-done was kept: run it again once the database is back");
			return ExitCodes.FAILED;
		}
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		System.err.println("error: " + root + " (SAFETYSTATS_DEBUG=1 shows where)");
		return ExitCodes.FAILED;
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
