package org.safetystats.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safetystats.SubmissionFiles;
import org.safetystats.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real program as a separate process, killed with SIGKILL at seeded random points of
 * a nightly run (a share of the 20 points in each run, every point over consecutive runs:
 * {@link KillPoints}), or stopped with SIGTERM: after recovery the warehouse equals the
 * one an uninterrupted run gives, and every file is in exactly one place (inbox, archive,
 * rejected) with the matching status; and PostgreSQL restarted under a run
 * ({@link PostgresRestart}).
 */
@Tag("process")
class ProcessCrashIntegrationTests {

	/**
	 * Kills run at a time ({@code safetystats.crashParallel}, default: half the cores).
	 */
	static final int PARALLEL = Integer.getInteger("safetystats.crashParallel",
			Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

	static final String[] WARDS = { "14320", "14323", "14329", "14347", "14350", "14353" };

	static String referenceUrl;

	/**
	 * A database already migrated, copied for the kills that land inside the job (they
	 * skip migrations).
	 */
	static String migratedUrl;

	static Map<String, String> reference;

	static double jobStart;

	static double jobEnd;

	/**
	 * The steps of the reference run in order with how long each took: an in-job kill
	 * lands at a point of this timeline.
	 */
	static List<KillPoints.Step> steps;

	@TempDir
	static Path work;

	@BeforeAll
	static void uninterruptedRun() throws Exception {
		referenceUrl = TestDatabase.createEmpty("crashref");
		Path home = workload(work.resolve("reference"));
		// the moments the job begins its first step and ends, seen as the kills see them
		// (the process itself goes on a while after: it writes the class data archive)
		long started = System.nanoTime();
		Process run = Program.listingClasses(referenceUrl, home, "run", "nightlyJob").start();
		try (Watch watch = new Watch(referenceUrl)) {
			while (run.isAlive() && (jobStart == 0 || jobEnd == 0)) {
				double now = (System.nanoTime() - started) / 1e9;
				if (jobStart == 0 && !watch.stepRunning().equals("none")) {
					jobStart = now;
				}
				if (jobStart != 0 && jobEnd == 0 && "COMPLETED".equals(watch
					.query("SELECT status FROM batch.batch_job_execution ORDER BY job_execution_id DESC LIMIT 1"))) {
					jobEnd = now;
				}
				Thread.sleep(20);
			}
		}
		assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(run.exitValue()).as(output(run, home)).isZero();
		double total = (System.nanoTime() - started) / 1e9;
		reference = snapshot(referenceUrl);
		steps = stepTimeline(referenceUrl);
		Program.writeArchive();
		assertThat(jobEnd).as("the reference run's job seen running, then ended").isGreaterThan(jobStart);
		System.out.printf("reference run: %.1f s; the job from %.1f s to %.1f s; steps %s%n", total, jobStart, jobEnd,
				steps);
		migratedUrl = TestDatabase.create("crashtpl");
	}

	@AfterAll
	static void dropReference() {
		if (referenceUrl != null) {
			TestDatabase.drop(referenceUrl);
		}
		if (migratedUrl != null) {
			TestDatabase.drop(migratedUrl);
		}
	}

	@Test
	void killedAtRandomPointsTheRunRecoversToTheSameWarehouse() throws Exception {
		KillPoints points = KillPoints.forThisRun();
		System.out.println(points.describe());
		// as many kills at a time as the machine has cores for, each on a database and
		// home
		// of its own
		ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
		try {
			List<Future<String>> kills = new ArrayList<>();
			for (KillPoints.Point point : points.thisRun()) {
				kills.add(pool.submit(() -> killAndRecover(point)));
			}
			List<String> diedIn = new ArrayList<>();
			for (Future<String> kill : kills) {
				try {
					diedIn.add(kill.get());
				}
				catch (ExecutionException ex) {
					throw (ex.getCause() instanceof Exception cause) ? cause : ex;
				}
			}
			System.out.println("kill points (step running when killed): " + diedIn);
			// the kills meant for the job must have hit it inside a step, not between
			// steps
			// or after the run
			long inJob = points.thisRun().stream().filter((point) -> !point.inStartUp()).count();
			long inStep = diedIn.stream()
				.filter((step) -> !List.of("none", "finished", "start-up").contains(step))
				.count();
			assertThat(inStep).as("kills that landed inside a step: %s", diedIn)
				.isGreaterThanOrEqualTo((inJob + 1) / 2);
			if (points.everyPoint() && diedIn.size() >= 8) {
				assertThat(diedIn).as("kills in ingestSubmissions").contains("ingestSubmissions");
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Kills a nightly run at the point, runs the next one, and checks the warehouse and
	 * the files; returns the step that was running when the kill landed.
	 */
	private static String killAndRecover(KillPoints.Point point) throws Exception {
		// given a nightly run killed at the point: in start-up (migrations, recovery)
		// of a fresh database, or inside a step of the nightly job, on a copy of a
		// migrated database (the migrations are over by then anyway)
		int kill = point.index();
		String url = point.inStartUp() ? TestDatabase.createEmpty("crash") : TestDatabase.copyOf(migratedUrl, "crash");
		try {
			Path home = workload(work.resolve("kill" + kill));
			Process victim = program(url, home, "run", "nightlyJob").start();
			String diedIn;
			long delay;
			try (Watch watch = new Watch(url)) {
				if (point.inStartUp()) {
					delay = (long) (1000 * jobStart * point.fraction());
				}
				else {
					// at a moment inside a step of the reference run's timeline: once
					// that step has begun here, as far into it as into the reference's
					// (a process slowed by the machine's load is then still in it)
					KillPoints.Moment moment = KillPoints.Moment.of(steps, point.fraction());
					await().atMost(Duration.ofSeconds(60))
						.pollInterval(Duration.ofMillis(10))
						.until(() -> !victim.isAlive() || watch.stepBegun(moment.step()));
					delay = moment.offsetMillis();
				}
				// a start-up kill comes at the latest when the first step begins: later
				// runs start faster than the reference, which listed its classes
				long deadline = System.nanoTime() + delay * 1_000_000;
				while (point.inStartUp() && victim.isAlive() && System.nanoTime() < deadline
						&& watch.stepRunning().equals("none")) {
					Thread.sleep(10);
				}
				boolean finished = point.inStartUp() ? !victim.isAlive() : victim.waitFor(delay, TimeUnit.MILLISECONDS);
				victim.destroyForcibly().waitFor();
				diedIn = finished ? "finished" : watch.stepRunning();
			}
			if (point.inStartUp() && diedIn.equals("none")) {
				diedIn = "start-up";
			}
			// when the next run comes
			Process recovery = program(url, home, "run", "nightlyJob").start();
			assertThat(recovery.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(recovery.exitValue()).as(output(recovery, home)).isZero();
			// then
			assertThat(snapshot(url)).as("warehouse after kill %d at %d ms (%s)", kill, delay, diedIn)
				.isEqualTo(reference);
			filesInExactlyOnePlace(url, home);
			return diedIn;
		}
		finally {
			TestDatabase.drop(url);
		}
	}

	/**
	 * PostgreSQL restarted mid-run ({@link PostgresRestart}), compared with this suite's
	 * uninterrupted run.
	 */
	@Nested
	class WhenPostgresRestarts extends PostgresRestart {

	}

	@Test
	void sigtermStopsAfterTheCurrentChunkAndRestartFinishes() throws Exception {
		String url = TestDatabase.copyOf(migratedUrl, "sigterm");
		try (Connection holder = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
				Statement hold = holder.createStatement()) {
			// given a nightly run held in its ingest step: its first batch waits for the
			// table of the submitted values, which the test holds
			holder.setAutoCommit(false);
			hold.execute("LOCK TABLE ops.submission_value IN ACCESS EXCLUSIVE MODE");
			Path home = workload(work.resolve("sigterm"));
			Process run = program(url, home, "run", "nightlyJob").start();
			await().atMost(Duration.ofSeconds(60)).until(() -> !run.isAlive() || waitsForSubmissionValues(url));
			assertThat(run.isAlive()).as(() -> run.isAlive() ? "" : output(run, home)).isTrue();
			// when it gets SIGTERM, and the stop is asked, the table is let go
			run.destroy();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> "STOPPING".equals(query(url,
						"SELECT status FROM batch.batch_job_execution ORDER BY job_execution_id DESC LIMIT 1")));
			holder.rollback();
			assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
			// then the ingest step stopped after its chunk and no later step ran
			long id = Long.parseLong(query(url, "SELECT max(job_execution_id) FROM batch.batch_job_execution"));
			assertThat(query(url, "SELECT status FROM batch.batch_job_execution WHERE job_execution_id = " + id))
				.as(output(run, home))
				.isEqualTo("STOPPED");
			assertThat(query(url, """
					SELECT string_agg(step_name || ' ' || status, ', ' ORDER BY step_execution_id)
					FROM batch.batch_step_execution WHERE job_execution_id = %d
					""".formatted(id)))
				.isEqualTo("syncReference COMPLETED, finishPendingMoves COMPLETED, ingestSubmissions STOPPED");
			// and a restart finishes the run as an uninterrupted one
			Process restart = program(url, home, "restart", Long.toString(id)).start();
			assertThat(restart.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(restart.exitValue()).as(output(restart, home)).isZero();
			assertThat(snapshot(url)).isEqualTo(reference);
			filesInExactlyOnePlace(url, home);
		}
		finally {
			TestDatabase.drop(url);
		}
	}

	/** Whether a session waits for a lock on the table of the submitted values. */
	private static boolean waitsForSubmissionValues(String url) throws Exception {
		String waiting = query(url, """
				SELECT count(*) FROM pg_locks
				WHERE NOT granted AND relation = CAST('ops.submission_value' AS regclass)
				""");
		return waiting != null && waiting.matches("[1-9]\\d*");
	}

	/**
	 * Six wards, twelve months, two rejected files, and a file still being uploaded.
	 */
	static Path workload(Path home) throws Exception {
		Path inbox = Files.createDirectories(home.resolve("inbox"));
		for (String ward : WARDS) {
			for (int month = 1; month <= 12; month++) {
				int w = Integer.parseInt(ward);
				int m = month;
				SubmissionFiles.write(inbox, ward, YearMonth.of(2019, month),
						SubmissionFiles.values("traffic_accidents", (w + m) % 4, "traffic_deaths",
								(w + m) % 4 > 1 ? 1 : 0),
						(village, indicator) -> (indicator.equals("crime_cases") && (village * m + w) % 29 == 0) ? 1
								: 0);
			}
		}
		Files.writeString(inbox.resolve("14320_2018-12.csv"), "unit_code,period\n");
		Files.writeString(inbox.resolve("14347_2018-12.csv"), "not a csv at all \0");
		Files.copy(inbox.resolve("14350_2019-05.csv"), inbox.resolve("14350_2019-05.csv.tmp"));
		return home;
	}

	static ProcessBuilder program(String url, Path home, String... args) {
		return Program.of(url, home, args);
	}

	/**
	 * The exit code, the console output of the home's runs and the end of its log, so
	 * that a failed run says why.
	 */
	static String output(Process process, Path home) {
		StringBuilder text = new StringBuilder("exit " + process.exitValue());
		try (Stream<Path> files = Files.list(home)) {
			for (Path file : files.filter((f) -> f.getFileName().toString().startsWith("output-")).sorted().toList()) {
				text.append("\n--- ").append(file.getFileName()).append('\n').append(Files.readString(file));
			}
			Path log = home.resolve("var/logs/safetystats.log");
			if (Files.exists(log)) {
				List<String> lines = Files.readAllLines(log);
				text.append("\n--- end of the log\n")
					.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
			}
		}
		catch (IOException ex) {
			text.append(" (output unreadable: ").append(ex.getMessage()).append(')');
		}
		return text.toString();
	}

	/** Every figure analysts see, as text, keyed by table and row. */
	static Map<String, String> snapshot(String url) throws Exception {
		Map<String, String> rows = new TreeMap<>();
		String[] queries = {
				"SELECT 'year/' || unit_code || '/' || level || '/' || indicator || '/' || year, concat_ws('|', value, months_expected, months_submitted, months_complete, complete) FROM warehouse.agg_indicator_year",
				"SELECT 'month/' || unit_code || '/' || level || '/' || indicator || '/' || period, concat_ws('|', value, communes_expected, communes_submitted) FROM warehouse.agg_indicator_month",
				"SELECT 'village/' || unit_code || '/' || level || '/' || year, concat_ws('|', villages, villages_reported, crime_free, drug_free, camera_groups) FROM warehouse.agg_village_year",
				"SELECT 'facts/' || year, count(*) || '|' || sum(value) FROM warehouse.fact_value GROUP BY year",
				"SELECT 'accepted/' || unit_code || '/' || period, count(*) || '|' || sum(value) FROM ops.accepted_values GROUP BY unit_code, period",
				"SELECT 'status/' || status, count(*)::text FROM ops.submission GROUP BY status",
				"SELECT 'completeness/' || unit_code || '/' || period, status FROM warehouse.completeness WHERE period LIKE '2019-%' OR period LIKE '2018-12'" };
		try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
				Statement s = c.createStatement()) {
			for (String sql : queries) {
				try (ResultSet rs = s.executeQuery(sql)) {
					while (rs.next()) {
						rows.put(rs.getString(1), rs.getString(2));
					}
				}
			}
		}
		return rows;
	}

	static void filesInExactlyOnePlace(String url, Path home) throws Exception {
		try (Stream<Path> left = Files.list(home.resolve("inbox"))) {
			assertThat(left.map((p) -> p.getFileName().toString())).containsExactly("14350_2019-05.csv.tmp");
		}
		try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
				Statement s = c.createStatement();
				ResultSet rs = s
					.executeQuery("SELECT file_name, status, stored_as, disposed_at IS NOT NULL FROM ops.submission")) {
			int files = 0;
			while (rs.next()) {
				files++;
				boolean rejected = rs.getString(2).equals("REJECTED");
				Path kept = home.resolve(rejected ? "rejected" : "archive").resolve(rs.getString(3));
				Path elsewhere = home.resolve(rejected ? "archive" : "rejected").resolve(rs.getString(3));
				assertThat(Files.exists(kept, LinkOption.NOFOLLOW_LINKS)).as(rs.getString(1)).isTrue();
				assertThat(Files.exists(elsewhere)).isFalse();
				assertThat(rs.getBoolean(4)).isTrue();
			}
			assertThat(files).as("one submission per file, none twice").isEqualTo(WARDS.length * 12 + 2);
		}
	}

	/** The reference run's steps in order, each with its length in seconds. */
	static List<KillPoints.Step> stepTimeline(String url) throws Exception {
		List<KillPoints.Step> timeline = new ArrayList<>();
		try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("""
						SELECT step_name, extract(epoch FROM end_time - start_time)
						FROM batch.batch_step_execution ORDER BY step_execution_id
						""")) {
			while (rs.next()) {
				timeline.add(new KillPoints.Step(rs.getString(1), rs.getDouble(2)));
			}
		}
		return timeline;
	}

	/**
	 * One connection that follows a run's progress: polled every few milliseconds, a
	 * fresh connection per poll would cost the server a backend each time.
	 */
	static final class Watch implements AutoCloseable {

		private final String url;

		private Connection connection;

		Watch(String url) {
			this.url = url;
		}

		/** The step running now in the database's latest job execution, or "none". */
		String stepRunning() {
			String step = query(STEP_RUNNING);
			return (step != null) ? step : "none";
		}

		/** Whether the step has begun (or ended) in the latest job execution. */
		boolean stepBegun(String step) {
			return "1".equals(query("""
					SELECT 1 FROM batch.batch_step_execution
					WHERE step_name = '%s'
					  AND job_execution_id = (SELECT max(job_execution_id) FROM batch.batch_job_execution)
					""".formatted(step)));
		}

		/**
		 * The first column of the first row, null for none, "none" while the schema or
		 * the server is not there (the connection is opened again at the next call).
		 */
		String query(String sql) {
			try {
				if (this.connection == null) {
					this.connection = DriverManager.getConnection(this.url, TestDatabase.user(),
							TestDatabase.password());
				}
				try (Statement s = this.connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
					return rs.next() ? rs.getString(1) : null;
				}
			}
			catch (java.sql.SQLException ex) {
				// the tables not made yet keep the connection; a lost one is let go
				if (ex.getSQLState() == null || ex.getSQLState().startsWith("08")) {
					close();
				}
				return "none";
			}
		}

		@Override
		public void close() {
			try {
				if (this.connection != null) {
					this.connection.close();
				}
			}
			catch (java.sql.SQLException ex) {
				// going away anyway
			}
			this.connection = null;
		}

	}

	private static final String STEP_RUNNING = """
			SELECT coalesce((SELECT step_name FROM batch.batch_step_execution WHERE status = 'STARTED'
			                 ORDER BY step_execution_id DESC LIMIT 1), 'none')
			""";

	static String stepRunning(String url) throws Exception {
		try (Watch watch = new Watch(url)) {
			return watch.stepRunning();
		}
	}

	static String query(String url, String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(sql)) {
			return rs.next() ? rs.getString(1) : null;
		}
		catch (java.sql.SQLException ex) {
			return "none";
		}
	}

}
