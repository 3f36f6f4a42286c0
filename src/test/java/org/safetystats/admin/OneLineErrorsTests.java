package org.safetystats.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/** How a failure the command line did not foresee becomes one line and an exit code. */
class OneLineErrorsTests {

	@Command(name = "probe")
	static class Probe implements Runnable {

		RuntimeException failure;

		@Override
		public void run() {
			throw this.failure;
		}

	}

	@Test
	void aServerThatShutsDownUnderACommandIsALostConnectionNotARootCause() {
		// the server restarted while the command read its result (CI, 2026-12-07: the
		// restart came as the run ended and the report's last read met a closed session)
		SQLException shutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
		Outcome outcome = run(new DataAccessResourceFailureException("reading", shutdown));
		assertThat(outcome.exitCode()).isEqualTo(1);
		assertThat(outcome.printed())
			.startsWith("error: the connection to PostgreSQL was lost (FATAL: terminating connection")
			.contains("run it again once the database is back")
			.doesNotContain("SQLException")
			.doesNotContain("SAFETYSTATS_DEBUG");
	}

	@Test
	void aServerThatCannotBeReachedNamesTheSettings() {
		Outcome outcome = run(new DataAccessResourceFailureException("connecting",
				new SQLException("Connection to 127.0.0.1:1 refused", "08001")));
		assertThat(outcome.exitCode()).isEqualTo(3);
		assertThat(outcome.printed())
			.startsWith("error: cannot connect to PostgreSQL (Connection to 127.0.0.1:1 refused)")
			.contains("SAFETYSTATS_DB_URL");
	}

	record Outcome(int exitCode, String printed) {
	}

	private static Outcome run(RuntimeException failure) {
		Probe probe = new Probe();
		probe.failure = failure;
		CommandLine line = new CommandLine(probe).setExecutionExceptionHandler(new OneLineErrors());
		PrintStream original = System.err;
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		int exitCode;
		try {
			exitCode = line.execute();
		}
		finally {
			System.setErr(original);
		}
		return new Outcome(exitCode, err.toString(StandardCharsets.UTF_8));
	}

}
