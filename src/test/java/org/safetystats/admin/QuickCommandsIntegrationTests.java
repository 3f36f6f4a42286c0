package org.safetystats.admin;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.safetystats.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that do no work start a small context ({@code status}, {@code completeness},
 * an {@code ingest} with nothing to do): they must still answer as the whole application
 * would, migrate a database that is not current, and leave to the job whatever it has to
 * do.
 */
class QuickCommandsIntegrationTests extends CommandLineSupport {

	private static final String EXECUTIONS = "SELECT count(*) FROM batch.batch_job_execution";

	@Test
	void anIngestWithNothingToDoStartsNoJobButAMoveACrashLeftPendingStillRunsIt() throws Exception {
		Files.createDirectories(home.resolve("inbox"));
		copy("good.csv", home.resolve("inbox/14347_2019-03.csv"));
		assertThat(run("ingest").out()).contains("files loaded 1");
		long executions = count(EXECUTIONS);
		// an upload still being written is not work for this run
		Files.writeString(home.resolve("inbox/14350_2019-03.csv.part"), "unit_code,");
		Run idle = run("ingest");
		assertThat(idle.exitCode()).as(idle.err()).isZero();
		assertThat(idle.out()).contains("nothing to do, no job started");
		assertThat(count(EXECUTIONS)).isEqualTo(executions);
		// the file is archived, but its move was not recorded (a crash in between)
		execute("UPDATE ops.submission SET disposed_at = NULL");
		Run pending = run("ingest");
		assertThat(pending.exitCode()).as(pending.err()).isZero();
		assertThat(pending.out()).contains("files loaded 0")
			.contains("finishPendingMoves   COMPLETED read 0, written 1");
		assertThat(count(EXECUTIONS)).isEqualTo(executions + 1);
		assertThat(count("SELECT count(*) FROM ops.submission WHERE disposed_at IS NULL")).isZero();
		// and a file in the inbox is work, even one to reject
		copy("bad-empty.csv", home.resolve("inbox/14350_2019-03.csv"));
		assertThat(run("ingest").out()).contains("files loaded 0, rejected 1");
		assertThat(count(EXECUTIONS)).isEqualTo(executions + 2);
	}

	@Test
	void statusAndCompletenessOnADatabaseNotYetMigratedMigrateItFirst() throws Exception {
		String fresh = TestDatabase.createEmpty("cli_fresh");
		String suite = System.getProperty("spring.datasource.url");
		System.setProperty("spring.datasource.url", fresh);
		try {
			Run status = run("status");
			assertThat(status.exitCode()).as(status.err()).isZero();
			Run completeness = run("completeness", "--year", "2019");
			assertThat(completeness.exitCode()).as(completeness.err()).isZero();
			assertThat(completeness.out()).contains("completeness has not been refreshed yet");
		}
		finally {
			System.setProperty("spring.datasource.url", suite);
			TestDatabase.drop(fresh);
		}
	}

}
