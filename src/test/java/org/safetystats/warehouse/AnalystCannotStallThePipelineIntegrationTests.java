package org.safetystats.warehouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.ingest.IngestJob;
import org.safetystats.SubmissionFiles;
import org.safetystats.TestDatabase;
import org.safetystats.admin.JobRunner;
import org.safetystats.admin.PipelineLock;
import org.safetystats.schedule.NightlyJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read-only warehouse user (a login role in {@code safetystats_analyst}) cannot block,
 * delay beyond the grace, or fail the pipeline: the pipeline's locks are not advisory
 * locks an analyst could take, and a reader in the way of a full rebuild is cancelled
 * after {@code safetystats.reader-grace-seconds}; a query during a full rebuild of its
 * year answers at once from the previous rows.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "safetystats.reader-grace-seconds=1")
class AnalystCannotStallThePipelineIntegrationTests extends IntegrationTestSupport {

	static final String ANALYST = "ss_analyst_" + ProcessHandle.current().pid();

	/** The advisory keys the pipeline used before its locks moved into ops. */
	static final long[] OLD_KEYS = { 7_243_001L, 7_243_002L };

	@Autowired
	JobRunner runner;

	@Autowired
	PipelineLock lock;

	@Autowired
	JobRepository jobRepository;

	@BeforeEach
	void analystLogin() {
		this.jdbc.sql("""
				DO $$ BEGIN
				    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN
				        CREATE ROLE %s LOGIN IN ROLE safetystats_analyst;
				    END IF;
				END $$""".formatted(ANALYST, ANALYST)).update();
	}

	@AfterAll
	static void dropAnalyst() throws SQLException {
		try (Connection c = DriverManager.getConnection(databaseUrl(), TestDatabase.user(), TestDatabase.password());
				Statement s = c.createStatement()) {
			s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + ANALYST + "'");
			s.execute("DROP ROLE IF EXISTS " + ANALYST);
		}
	}

	@Test
	void anAnalystHoldingEveryAdvisoryKeyDoesNotMakeRunsAnswerAlreadyRunning() throws Exception {
		try (Connection analyst = analyst(); Statement s = analyst.createStatement()) {
			for (long key : OLD_KEYS) {
				s.execute("SELECT pg_advisory_lock(" + key + ")");
			}
			try (AutoCloseable held = this.lock.tryAcquire().orElseThrow()) {
				assertThat(held).isNotNull();
			}
			assertThatThrownBy(() -> s.execute("SELECT * FROM ops.pipeline_lock FOR UPDATE"))
				.hasMessageContaining("permission denied");
		}
	}

	@Test
	void anAnalystHoldingTheOldChangeFeedKeyDoesNotStallIngestAndCannotTakeTheNewGate() throws Exception {
		SubmissionFiles.write(inbox(), "14347", YearMonth.of(2019, 3), SubmissionFiles.values("traffic_accidents", 1),
				(village, indicator) -> 0);
		try (Connection analyst = analyst(); Statement s = analyst.createStatement()) {
			s.execute("SELECT pg_advisory_lock(7243001)");
			s.execute("SELECT pg_advisory_lock(hashtext('14347/2019-03'))");
			assertThat(runWithin(Duration.ofSeconds(30), IngestJob.NAME, new JobParameters()).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
			assertThat(this.jdbc.sql("SELECT status FROM ops.submission").query(String.class).single())
				.isEqualTo("LOADED");
			analyst.setAutoCommit(false);
			assertThatThrownBy(() -> s.execute("LOCK TABLE ops.change_feed_gate IN EXCLUSIVE MODE"))
				.hasMessageContaining("permission denied");
		}
	}

	@Test
	void aReaderLeftInATransactionIsEndedAfterTheGraceAndTheFullRebuildCompletes(CapturedOutput output)
			throws Exception {
		SubmissionFiles.write(inbox(), "14347", YearMonth.of(2019, 3), SubmissionFiles.values("traffic_accidents", 2),
				(village, indicator) -> 0);
		assertThat(this.runner.run(NightlyJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		try (Connection analyst = analyst(); Statement s = analyst.createStatement()) {
			analyst.setAutoCommit(false);
			s.executeQuery("SELECT count(*) FROM warehouse.fact_value_2019").close();
			int pid = pid(s);
			JobExecution rebuild = runWithin(Duration.ofSeconds(20), WarehouseJob.NAME,
					WarehouseJob.parameters(true, null, null, null));
			assertThat(rebuild.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(output.getAll()).contains("reader pid " + pid + " (role " + ANALYST + ")");
			assertThat(analyst.isValid(2)).as("the blocking session was ended").isFalse();
		}
		assertThat(this.jdbc.sql("SELECT sum(value) FROM warehouse.fact_value WHERE indicator = 'traffic_accidents'")
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aQueryDuringAFullRebuildOfItsYearAnswersFromThePreviousDataWithoutWaiting() throws Exception {
		SubmissionFiles.write(inbox(), "14347", YearMonth.of(2019, 5), SubmissionFiles.values("traffic_black_spots", 3),
				(village, indicator) -> 0);
		assertThat(this.runner.run(NightlyJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		SubmissionFiles.write(inbox(), "14347", YearMonth.of(2019, 5), SubmissionFiles.values("traffic_black_spots", 7),
				(village, indicator) -> 0);
		assertThat(this.runner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String blackSpots = "SELECT sum(value) FROM warehouse.fact_value WHERE indicator = 'traffic_black_spots' "
				+ "AND commune_code = '14347'";
		try (Connection pause = DriverManager.getConnection(databaseUrl(), TestDatabase.user(),
				TestDatabase.password());
				Statement paused = pause.createStatement();
				Connection reader = analyst();
				Statement read = reader.createStatement()) {
			// the build stops at its facts step, which reads the accepted values, held
			// here
			pause.setAutoCommit(false);
			paused.execute("LOCK TABLE ops.submission_value IN ACCESS EXCLUSIVE MODE");
			JobExecution rebuild = this.runner.start(WarehouseJob.NAME,
					WarehouseJob.parameters(true, null, null, null));
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.jdbc.sql("""
						SELECT count(*) FROM pg_locks
						WHERE NOT granted AND relation = CAST('ops.submission_value' AS regclass)
						""").query(Long.class).single() > 0);
			long started = System.nanoTime();
			read.execute("SET statement_timeout = '5s'");
			try (var rs = read.executeQuery(blackSpots)) {
				rs.next();
				assertThat(rs.getLong(1)).as("the previous data").isEqualTo(3);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the reader's wait")
				.isLessThan(Duration.ofMillis(1000));
			pause.commit();
			this.runner.await(rebuild, Duration.ofSeconds(30), (progress) -> {
			});
			assertThat(this.jobRepository.getJobExecution(rebuild.getId()).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
			try (var rs = read.executeQuery(blackSpots)) {
				rs.next();
				assertThat(rs.getLong(1)).as("the rebuilt data").isEqualTo(7);
			}
		}
	}

	/**
	 * Runs a job; a run still waiting after the patience fails the test instead of
	 * hanging it.
	 */
	private JobExecution runWithin(Duration patience, String job, JobParameters parameters) throws Exception {
		JobExecution started = this.runner.start(job, parameters);
		try {
			CompletableFuture.runAsync(() -> {
				try {
					this.runner.await(started, patience, (progress) -> {
					});
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}).get(patience.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError(job + " still running after " + patience + ": the analyst stalled it");
		}
		return this.jobRepository.getJobExecution(started.getId());
	}

	private static Connection analyst() throws SQLException {
		return DriverManager.getConnection(databaseUrl(), ANALYST, "");
	}

	private static int pid(Statement s) throws SQLException {
		try (var rs = s.executeQuery("SELECT pg_backend_pid()")) {
			rs.next();
			return rs.getInt(1);
		}
	}

}
