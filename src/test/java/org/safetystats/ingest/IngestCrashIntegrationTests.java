package org.safetystats.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.admin.JobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crashes injected at the two dangerous points of an ingest: after the COPY but before
 * the commit (no partial rows, the file stays in the inbox, the rerun completes), and
 * after the commit but before the file moves (the next run finishes the move without
 * counting the file again).
 */
@Import(InjectedIngestFaults.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IngestCrashIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRunner jobRunner;

	@Autowired
	JobOperator jobOperator;

	@AfterEach
	void noMoreCrashes() {
		InjectedIngestFaults.reset();
	}

	@Test
	void crashBetweenCopyAndCommitLeavesNoPartialRowsAndTheRestartCompletes() throws Exception {
		// given three files, the second of which crashes after its values were copied
		drop("good.csv", "14347_2019-03.csv");
		drop("bad-header-only.csv", "14320_2019-01.csv");
		drop("bad-header-only.csv", "14350_2019-03.csv");
		// received in that order (files copied within one clock tick would otherwise be
		// taken in name order, and a tick between the copies put the crashing file first)
		receivedInOrder("14320_2019-01.csv", "14347_2019-03.csv", "14350_2019-03.csv");
		InjectedIngestFaults.crashOn("14347_2019-03.csv");
		// when
		JobExecution crashed = this.jobRunner.run(IngestJob.NAME);
		// then the crashed file left nothing behind and stays in the inbox; the file
		// before it is done
		assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.submission WHERE file_name = '14347_2019-03.csv'")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql(
				"SELECT count(*) FROM ops.submission_value sv JOIN ops.submission s USING (submission_id) WHERE s.period = '2019-03'")
			.query(Long.class)
			.single()).isZero();
		assertThat(inbox().resolve("14347_2019-03.csv")).exists();
		assertThat(inbox().resolve("14320_2019-01.csv")).doesNotExist();
		// when the failed execution is restarted
		InjectedIngestFaults.reset();
		JobExecution restarted = this.jobRunner.await(this.jobOperator.restart(crashed), Duration.ofSeconds(10),
				(progress) -> {
				});
		// then it completes and ends in the state of an uninterrupted run
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT file_name || ':' || status FROM ops.submission ORDER BY file_name")
			.query(String.class)
			.list())
			.containsExactly("14320_2019-01.csv:REJECTED", "14347_2019-03.csv:LOADED", "14350_2019-03.csv:REJECTED");
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.accepted_values").query(Long.class).single()).isEqualTo(41);
		assertThat(inbox()).isEmptyDirectory();
	}

	@Test
	void crashAfterCommitBeforeTheMoveIsFinishedByTheNextRunWithoutCountingTwice() throws Exception {
		// given a committed submission whose file never left the inbox
		drop("good.csv", "14347_2019-03.csv");
		this.jobRunner.run(IngestJob.NAME);
		Map<String, Object> row = this.jdbc.sql("SELECT submission_id, stored_as FROM ops.submission")
			.query()
			.singleRow();
		Path archived = archive().resolve((String) row.get("stored_as"));
		Files.move(archived, inbox().resolve("14347_2019-03.csv"));
		this.jdbc.sql("UPDATE ops.submission SET disposed_at = NULL").update();
		// when
		JobExecution next = this.jobRunner.run(IngestJob.NAME);
		// then
		assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission").query(String.class).list())
			.containsExactly("LOADED");
		assertThat(archived).exists();
		assertThat(inbox()).isEmptyDirectory();
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.accepted_values").query(Long.class).single()).isEqualTo(41);
	}

	private static void receivedInOrder(String... names) throws java.io.IOException {
		java.time.Instant first = java.time.Instant.now().minusSeconds(60);
		for (int i = 0; i < names.length; i++) {
			java.nio.file.Files.setLastModifiedTime(inbox().resolve(names[i]),
					java.nio.file.attribute.FileTime.from(first.plusSeconds(i)));
		}
	}

}
