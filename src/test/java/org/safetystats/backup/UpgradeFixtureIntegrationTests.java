package org.safetystats.backup;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.safetystats.SubmissionFiles;
import org.safetystats.TestDatabase;
import org.safetystats.startup.ApplicationContexts;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrades keep the figures: every fixture under {@code src/test/resources/upgrade/} (a
 * backup a release made of a small run of itself, with the figures it showed) is restored
 * into an empty database at its release's schema version, migrated by this release, and
 * must show the same figures, restart the execution that failed under the old release,
 * and keep and fire its schedules. {@link #writeFixture} makes the fixture of this
 * release ({@code -Dupgrade.fixture.write=src/test/resources/upgrade/<release>}).
 */
class UpgradeFixtureIntegrationTests {

	private static final String EXPECTED = "expected.properties";

	private static final String FAILED_EXECUTION = "failed-execution";

	private static final String FIGURE = "figure.";

	private String database;

	@AfterEach
	void drop() {
		Installation.forget();
		if (this.database != null) {
			TestDatabase.drop(this.database);
		}
	}

	@Test
	void everyFixtureKeepsItsFiguresRestartsItsFailedExecutionAndFiresItsSchedules(@TempDir Path work)
			throws Exception {
		List<Path> fixtures;
		try (Stream<Path> listed = Files.list(new ClassPathResource("upgrade").getFilePath())) {
			fixtures = listed.filter(Files::isDirectory).sorted().toList();
		}
		assertThat(fixtures).as("upgrade fixtures").isNotEmpty();
		for (Path fixture : fixtures) {
			upgrade(fixture, work.resolve(fixture.getFileName().toString()));
		}
	}

	private void upgrade(Path fixture, Path work) throws Exception {
		// given: the fixture restored into an empty database and home
		Properties expected = new Properties();
		try (InputStream in = Files.newInputStream(fixture.resolve(EXPECTED))) {
			expected.load(in);
		}
		this.database = TestDatabase.createEmpty("upgrade");
		Installation installation = new Installation(this.database, work.resolve("home"), work.resolve("config"),
				work.resolve("jobs"))
			.use();

		// when: restored and migrated by this release
		Installation.ok("backup", "restore", "--from", fixture.resolve("backup").toString());

		// then: every figure of the contract's views as then is the same at once
		Map<String, String> recorded = new TreeMap<>();
		expected.stringPropertyNames()
			.stream()
			.filter((key) -> key.startsWith(FIGURE))
			.forEach((key) -> recorded.put(key.substring(FIGURE.length()), expected.getProperty(key)));
		assertThat(recorded).as(fixture + ": figures recorded").isNotEmpty();
		assertThat(recorded.get("indicator_yoy")).doesNotStartWith("0 ");
		Map<String, String> asThen = new TreeMap<>(recorded);
		asThen.keySet().removeIf((view) -> view.contains("as_now"));
		assertThat(installation.figures()).as(fixture + ": figures as then after the upgrade")
			.containsAllEntriesOf(asThen);
		// and the as-now figures are those recorded, or none at all: a migration that
		// changes how the as-now years are built (V29_5 after this fixture's V29_1)
		// empties
		// them until the next build makes them again (docs/operations.md, "Upgrades");
		// the
		// build below, as of the fixture's day, must give them all
		String asOf = installation.rows("SELECT warehouse.as_of()").get(0);
		Map<String, String> after = installation.figures();
		recorded.keySet().stream().filter((view) -> view.contains("as_now")).forEach((view) -> {
			if (!after.get(view).startsWith("0 ")) {
				assertThat(after.get(view)).as(fixture + ": " + view + " after the upgrade")
					.isEqualTo(recorded.get(view));
			}
		});

		// and the execution that failed under the old release restarts and completes
		String failed = expected.getProperty(FAILED_EXECUTION);
		assertThat(installation.rows("SELECT status FROM batch.batch_job_execution WHERE job_execution_id = " + failed))
			.containsExactly("FAILED");
		Installation.ok("restart", failed, "--reason", "upgrade test");
		assertThat(installation.rows("SELECT status FROM batch.batch_job_execution WHERE job_instance_id = "
				+ "(SELECT job_instance_id FROM batch.batch_job_execution WHERE job_execution_id = " + failed + ") "
				+ "ORDER BY job_execution_id DESC LIMIT 1"))
			.containsExactly("COMPLETED");
		// (its build runs on this machine's clock, and what is owed by then depends on
		// the
		// day the suite runs); a build as of the fixture's day then gives every figure
		// recorded, as now too
		Installation.ok("build-warehouse", "--as-of", asOf);
		assertThat(installation.figures()).as(fixture + ": figures after the upgrade and a build as of its day")
			.containsAllEntriesOf(recorded);

		// and the schedules are kept as they were (reconciled unchanged) and fire
		String schedules = """
				SELECT t.trigger_name || ' ' || c.cron_expression || ' ' || c.time_zone_id || ' ' || j.job_class_name
				FROM quartz.qrtz_triggers t
				JOIN quartz.qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)
				JOIN quartz.qrtz_job_details j USING (sched_name, job_name, job_group)
				ORDER BY 1
				""";
		List<String> kept = installation.rows(schedules);
		assertThat(kept).hasSizeGreaterThanOrEqualTo(1);
		long nightliesBefore = installation
			.count("SELECT count(*) FROM batch.batch_job_instance WHERE job_name = 'nightlyJob'");
		try (ConfigurableApplicationContext service = ApplicationContexts
			.start(Map.of("safetystats.scheduler.enabled", "true"))) {
			assertThat(installation.rows(schedules)).as("reconciled unchanged").isEqualTo(kept);
			service.getBean(Scheduler.class).triggerJob(JobKey.jobKey("nightly", "safetystats"));
			long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
			while (installation
				.count("""
						SELECT count(*) FROM batch.batch_job_execution e JOIN batch.batch_job_instance i USING (job_instance_id)
						WHERE i.job_name = 'nightlyJob' AND e.status = 'COMPLETED'""") == 0
					&& System.nanoTime() < deadline) {
				Thread.sleep(250);
			}
		}
		assertThat(installation.count("""
				SELECT count(*) FROM batch.batch_job_execution e JOIN batch.batch_job_instance i USING (job_instance_id)
				WHERE i.job_name = 'nightlyJob' AND e.status = 'COMPLETED'""")).as("nightly fired by its trigger")
			.isGreaterThan(0);
		assertThat(nightliesBefore).isZero();
		Installation.forget();
		TestDatabase.drop(this.database);
		this.database = null;
	}

	/**
	 * Writes this release's fixture: a small run (reports of two years, a rejected file,
	 * a built warehouse, an account, the schedules of {@code jobs/} in Quartz, a rebuild
	 * that failed), its figures, and its backup.
	 */
	@Test
	@EnabledIfSystemProperty(named = "upgrade.fixture.write", matches = ".+")
	void writeFixture(@TempDir Path work) throws Exception {
		Path fixture = Path.of(System.getProperty("upgrade.fixture.write"));
		assertThat(fixture).doesNotExist();
		this.database = TestDatabase.create("fixture");
		Installation installation = new Installation(this.database, work.resolve("home"), Path.of("config"),
				Path.of("jobs"))
			.use();
		for (String unit : List.of("14347", "14320")) {
			for (int year : new int[] { 2018, 2019 }) {
				SubmissionFiles.write(installation.inbox(), unit, YearMonth.of(year, 3),
						SubmissionFiles.values("traffic_accidents", year - 2015), (village, indicator) -> 0);
			}
		}
		Files.copy(new ClassPathResource("ingest/bad-empty.csv").getFilePath(),
				installation.inbox().resolve("14350_2019-03.csv"));
		Installation.ok("ingest");
		Installation.ok("build-warehouse");
		String password = "correct horse battery\n";
		assertThat(Installation.runWithInput(password + password, "user", "add", "lan", "--role", "ADMIN").exitCode())
			.isZero();
		try (ConfigurableApplicationContext service = ApplicationContexts
			.start(Map.of("safetystats.scheduler.enabled", "true"))) {
			service.getBean(Scheduler.class).standby();
		}
		try (var connection = installation.connect(); var statement = connection.createStatement()) {
			statement.execute("CREATE FUNCTION public.refuse_row() RETURNS trigger LANGUAGE plpgsql AS "
					+ "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
			statement.execute("CREATE TRIGGER refuse_row BEFORE INSERT ON warehouse.commune_month_2019 "
					+ "FOR EACH ROW EXECUTE FUNCTION public.refuse_row()");
		}
		Installation.Run rerun = Installation.run("rerun", "warehouse", "--from-year", "2018", "--to-year", "2019",
				"--reason", "fixture: a rebuild that fails");
		try (var connection = installation.connect(); var statement = connection.createStatement()) {
			statement.execute("DROP TRIGGER refuse_row ON warehouse.commune_month_2019");
			statement.execute("DROP FUNCTION public.refuse_row()");
		}
		assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(1);
		Properties expected = new Properties();
		expected.setProperty(FAILED_EXECUTION, installation.rows("""
				SELECT max(job_execution_id) FROM batch.batch_job_execution WHERE status = 'FAILED'""").get(0));
		installation.figures().forEach((view, figure) -> expected.setProperty(FIGURE + view, figure));
		Installation.ok("backup", "create", "--out", fixture.resolve("backup").toString());
		try (OutputStream out = Files.newOutputStream(fixture.resolve(EXPECTED))) {
			expected.store(out, "figures of the warehouse views (rows and MD5 of their text) when the backup was made");
		}
	}

}
