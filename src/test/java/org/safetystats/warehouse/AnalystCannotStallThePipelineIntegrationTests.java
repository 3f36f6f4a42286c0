package org.safetystats.warehouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.springframework.test.annotation.DirtiesContext;

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
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AnalystCannotStallThePipelineIntegrationTests extends IntegrationTestSupport {

	static final String ANALYST = "ss_analyst_" + ProcessHandle.current().pid();

	/** safetystats.reader-grace-seconds, as set above. */
	static final Duration GRACE = Duration.ofSeconds(1);

	/** The advisory keys the pipeline used before its locks moved into ops. */
	static final long[] OLD_KEYS = { 7_243_001L, 7_243_002L };

	@Autowired
	JobRunner runner;

	@Autowired
	PipelineLock lock;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	FreshTables freshTables;

	@Autowired
	YearSwap yearSwap;

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
			s.execute("DROP OWNED BY " + ANALYST);
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
				assertThat(this.jdbc.sql("""
						SELECT a.usename FROM ops.pipeline_lock l JOIN pg_stat_activity a ON a.pid = l.holder_pid
						WHERE l.name = 'pipeline'
						""").query(String.class).optional()).as("the lease's holder").contains(TestDatabase.user());
				assertThat(this.lock.tryAcquire()).as("a second run while the lease is held").isEmpty();
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

	@Test
	void anAnalystCannotReadTheFreshTablesOfAYearBuiltAhead() throws Exception {
		// as a year built ahead leaves them, committed, until the step swaps it in
		Map<String, String> fresh = inOwnTransaction(() -> {
			Map<String, String> tables = this.freshTables.create(2022);
			this.yearSwap.index(2022);
			return tables;
		});
		try (Connection analyst = analyst(); Statement s = analyst.createStatement()) {
			for (String table : fresh.values()) {
				assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM " + table).close()).as(table)
					.hasMessageContaining("permission denied");
			}
		}
		finally {
			inOwnTransaction(() -> {
				this.freshTables.dropLeftovers();
				return null;
			});
		}
	}

	@Test
	void aMultiYearFullBuildWaitsForEachReaderInItsWayOnlyTheGraceAndSaysWhom(CapturedOutput output) throws Exception {
		for (int year = 2019; year <= 2021; year++) {
			SubmissionFiles.write(inbox(), "14347", YearMonth.of(year, 3),
					SubmissionFiles.values("traffic_accidents", year - 2017), (village, indicator) -> 0);
		}
		assertThat(this.runner.run(NightlyJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// a fresh table a stopped build left behind, which the next build drops first,
		// read by a session that was given it by hand
		String leftover = inOwnTransaction(() -> this.freshTables.create(2031)).get("fact_value");
		grantToTheAnalystLogin(leftover);
		try (Connection stepYear = analyst();
				Statement s1 = stepYear.createStatement();
				Connection aheadYear = analyst();
				Statement s2 = aheadYear.createStatement();
				Connection staging = analyst();
				Statement s3 = staging.createStatement()) {
			stepYear.setAutoCommit(false);
			aheadYear.setAutoCommit(false);
			staging.setAutoCommit(false);
			s1.executeQuery("SELECT count(*) FROM warehouse.fact_value_2019").close();
			s2.executeQuery("SELECT count(*) FROM warehouse.agg_indicator_year_2020").close();
			s3.executeQuery("SELECT count(*) FROM " + leftover).close();
			int[] pids = { pid(s1), pid(s2), pid(s3) };
			long started = System.nanoTime();
			JobExecution rebuild = runWithin(Duration.ofSeconds(60), WarehouseJob.NAME,
					WarehouseJob.parameters(true, null, null, null));
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(rebuild.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			// three readers, each in the way of one lock: one grace each, and the build
			assertThat(took).isLessThan(GRACE.multipliedBy(3).plusSeconds(30));
			assertThat(output.getAll()).contains("Warehouse 2020 (every commune) built ahead and swapped in")
				.contains("reader pid " + pids[0] + " (role " + ANALYST + "), which holds "
						+ "warehouse.fact_value_2019 (AccessShareLock)")
				.contains("reader pid " + pids[1] + " (role " + ANALYST + "), which holds "
						+ "warehouse.agg_indicator_year_2020 (AccessShareLock)")
				.contains("reader pid " + pids[2] + " (role " + ANALYST + "), which holds " + leftover
						+ " (AccessShareLock)");
			for (Connection reader : new Connection[] { stepYear, aheadYear, staging }) {
				assertThat(reader.isValid(2)).as("the blocking session was ended").isFalse();
			}
		}
		assertThat(this.jdbc.sql("""
				SELECT sum(value) FROM warehouse.fact_value
				WHERE indicator = 'traffic_accidents' AND year BETWEEN 2019 AND 2021
				""").query(Long.class).single()).as("the three years rebuilt").isEqualTo(2 + 3 + 4);
	}

	@Test
	void theSwapOfAYearBuiltAheadWaitsForAReaderOfItsFreshTablesOnlyTheGraceAndOtherReadersGoOn(CapturedOutput output)
			throws Exception {
		Map<String, String> fresh = inOwnTransaction(() -> {
			Map<String, String> tables = this.freshTables.create(2023);
			this.yearSwap.index(2023);
			return tables;
		});
		grantToTheAnalystLogin(fresh.get("fact_value"));
		try (Connection holder = analyst();
				Statement held = holder.createStatement();
				Connection other = analyst();
				Statement read = other.createStatement()) {
			holder.setAutoCommit(false);
			held.executeQuery("SELECT count(*) FROM " + fresh.get("fact_value")).close();
			int pid = pid(held);
			long started = System.nanoTime();
			CompletableFuture<Void> swap = CompletableFuture.runAsync(() -> inOwnTransaction(() -> {
				this.yearSwap.attach(2023);
				return null;
			}));
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> swap.isDone() || this.jdbc.sql("""
						SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = to_regclass(:fresh)
						""").param("fresh", fresh.get("fact_value")).query(Long.class).single() > 0);
			// the swap is waiting for the holder: a reader of the warehouse is not
			// queued behind it for longer than one of its short tries
			read.execute("SET statement_timeout = '5s'");
			long reading = System.nanoTime();
			read.executeQuery("SELECT count(*) FROM warehouse.fact_value WHERE year = 2023").close();
			assertThat(Duration.ofNanos(System.nanoTime() - reading)).as("the other reader's wait").isLessThan(GRACE);
			swap.get(GRACE.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(GRACE.plusSeconds(10));
			assertThat(output.getAll()).contains("reader pid " + pid + " (role " + ANALYST + "), which holds "
					+ fresh.get("fact_value") + " (AccessShareLock)");
			assertThat(holder.isValid(2)).as("the blocking session was ended").isFalse();
		}
		assertThat(this.jdbc
			.sql("SELECT to_regclass(:fresh) IS NULL AND to_regclass('warehouse.fact_value_2023') " + "IS NOT NULL")
			.param("fresh", fresh.get("fact_value"))
			.query(Boolean.class)
			.single()).as("the fresh table in place of the partition").isTrue();
	}

	/**
	 * A reader that can reach a fresh table (a grant made by hand): the build must not
	 * wait for it beyond the grace either.
	 */
	private void grantToTheAnalystLogin(String table) {
		this.jdbc.sql("GRANT USAGE ON SCHEMA " + table.substring(0, table.indexOf('.')) + " TO " + ANALYST).update();
		this.jdbc.sql("GRANT SELECT ON " + table + " TO " + ANALYST).update();
	}

	/**
	 * Takes back what a test granted the analyst's login by hand (after the test: a
	 * failure here is reported with the test's own).
	 */
	@AfterEach
	void revokeFromTheAnalystLogin() {
		this.jdbc.sql("DROP OWNED BY " + ANALYST).update();
	}

	private <T> T inOwnTransaction(Supplier<T> work) {
		return new TransactionTemplate(this.transactionManager).execute((tx) -> work.get());
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
