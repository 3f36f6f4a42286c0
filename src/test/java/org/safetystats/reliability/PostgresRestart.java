package org.safetystats.reliability;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safetystats.TestDatabase;
import org.safetystats.database.EmbeddedDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL restarted in the middle of a nightly run, on a server of this test's own:
 * the run fails with a clear one-line message, and the next run completes with the same
 * warehouse as an uninterrupted run. It runs inside the crash suite
 * ({@link ProcessCrashIntegrationTests.WhenPostgresRestarts}), whose uninterrupted run of
 * the same workload gives the warehouse to compare with and whose class data archive
 * starts the program.
 */
abstract class PostgresRestart {

	@Test
	void aDatabaseRestartMidRunFailsClearlyAndTheRerunCompletesTheSame(@TempDir Path work) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path data = work.resolve("pgdata");
		EmbeddedDatabase server = EmbeddedDatabase.start(data, port);
		try {
			// the databases are copies of one migrated here, as the crash suite's are
			server.createDatabase("migrated");
			TestDatabase.migrate(server.jdbcUrl("migrated"), server.user(), "");
			// given a run under way (tried again on a fresh database if the run ends
			// before the restart can come)
			Path home = null;
			String restarted = null;
			Process run = null;
			Path output = null;
			for (int attempt = 1; attempt <= 5; attempt++) {
				copy(server, "migrated", "restarted" + attempt);
				restarted = server.jdbcUrl("restarted" + attempt);
				home = ProcessCrashIntegrationTests.workload(work.resolve("restarted" + attempt));
				ProcessBuilder builder = ProcessCrashIntegrationTests.program(restarted, home, "run", "nightlyJob");
				output = work.resolve("restarted" + attempt + ".log");
				builder.redirectOutput(output.toFile());
				Process started = builder.start();
				String url = restarted;
				await().atMost(Duration.ofSeconds(60))
					.until(() -> !started.isAlive() || !ProcessCrashIntegrationTests.stepRunning(url).equals("none"));
				run = started;
				String step = ProcessCrashIntegrationTests.stepRunning(url);
				if (started.isAlive() && java.util.List.of("syncReference", "finishPendingMoves", "ingestSubmissions")
					.contains(step)) {
					break;
				}
				started.waitFor(120, TimeUnit.SECONDS);
			}
			// when PostgreSQL restarts
			server.close();
			server = EmbeddedDatabase.start(data, port);
			// then the run fails with a clear message
			boolean ended = run.waitFor(120, TimeUnit.SECONDS);
			String printed = Files.readString(output, StandardCharsets.UTF_8);
			assertThat(ended).as("the run ended after the restart; it printed:%n%s", printed).isTrue();
			assertThat(run.exitValue()).as(printed).isNotZero();
			assertThat(printed).contains("error: ")
				.contains("connection to PostgreSQL was lost")
				.doesNotContain("\tat org.");
			printed.lines().filter((line) -> line.startsWith("error: ")).forEach(System.out::println);
			// and the next run completes with the same result
			Process rerun = ProcessCrashIntegrationTests.program(restarted, home, "run", "nightlyJob").start();
			assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(rerun.exitValue()).isZero();
			assertThat(ProcessCrashIntegrationTests.snapshot(restarted))
				.isEqualTo(ProcessCrashIntegrationTests.reference);
			ProcessCrashIntegrationTests.filesInExactlyOnePlace(restarted, home);
		}
		finally {
			server.close();
		}
	}

	private static void copy(EmbeddedDatabase server, String template, String name) throws Exception {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
		}
	}

}
