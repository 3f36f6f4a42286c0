package org.safetystats.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safetystats.SubmissionFiles;
import org.safetystats.TestDatabase;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restore drill of docs/operations.md, as an operator performs it: an installation
 * with data, {@code backup create}, a new empty database and home,
 * {@code backup restore}, and everything the installation held is there and works.
 */
class BackupDrillIntegrationTests {

	private static final String PASSWORD = "correct horse battery\n";

	private String original;

	private String restored;

	@AfterEach
	void drop() {
		Installation.forget();
		if (this.original != null) {
			TestDatabase.drop(this.original);
		}
		if (this.restored != null) {
			TestDatabase.drop(this.restored);
		}
	}

	@Test
	void aRestoredBackupHoldsTheSameFiguresFilesUsersAndAuditLogAndTakesTheNextFile(@TempDir Path work)
			throws Exception {
		// given: an installation with two years of reports, a rejected file, a built
		// warehouse, an account and a rebuild on record
		this.original = TestDatabase.create("backup");
		Installation before = new Installation(this.original, work.resolve("home"), Path.of("config"), Path.of("jobs"))
			.use();
		for (String unit : List.of("14347", "14320")) {
			for (int year : new int[] { 2018, 2019 }) {
				SubmissionFiles.write(before.inbox(), unit, YearMonth.of(year, 3),
						SubmissionFiles.values("traffic_accidents", year - 2015), (village, indicator) -> 0);
			}
		}
		Files.copy(new ClassPathResource("ingest/bad-empty.csv").getFilePath(),
				before.inbox().resolve("14350_2019-03.csv"));
		assertThat(Installation.ok("ingest").out()).contains("files loaded 4, rejected 1");
		Installation.ok("build-warehouse");
		Installation.Run add = Installation.runWithInput(PASSWORD + PASSWORD, "user", "add", "lan", "--role", "ADMIN");
		assertThat(add.exitCode()).as(add.toString()).isZero();
		Installation.ok("rerun", "warehouse", "--from-year", "2018", "--to-year", "2019", "--reason", "drill");
		Installation.ok("publish", "--year", "2019", "--unit", "369", "--reason", "drill");
		assertThat(before.rows("SELECT snapshot IS NOT NULL FROM warehouse.publication")).containsExactly("t");
		Map<String, String> figures = before.figures();
		List<String> users = before.rows("SELECT * FROM ops.app_user ORDER BY 1");
		List<String> audit = before.rows("SELECT * FROM ops.admin_action ORDER BY 1");
		List<String> submissions = before.rows("SELECT * FROM ops.submission ORDER BY submission_id");
		Map<String, String> archive = Installation.files(before.archive());
		Map<String, String> rejected = Installation.files(before.rejected());
		assertThat(figures.get("indicator_yoy")).as(figures.toString() + before.rows(
				"SELECT (SELECT count(*) FROM warehouse.fact_value), (SELECT count(*) FROM warehouse.build), (SELECT string_agg(status || ' ' || file_name, ',') FROM ops.submission)"))
			.doesNotStartWith("0 ");
		assertThat(users).hasSize(1);
		assertThat(audit).hasSizeGreaterThanOrEqualTo(2);
		assertThat(archive).hasSize(4);
		assertThat(rejected).isNotEmpty();

		// when: backed up, then restored into a new empty database and home
		Path backup = work.resolve("backup-2026-11-20");
		Installation.Run create = Installation.run("backup", "create", "--out", backup.toString());
		assertThat(create.exitCode()).as(create.toString()).isZero();
		assertThat(create.out()).contains("backup written to " + backup);
		assertThat(backup.resolve("SHA256SUMS")).isRegularFile();
		assertThat(backup.resolve("config/units.csv")).isRegularFile();
		assertThat(backup.resolve("jobs/nightly.yml")).isRegularFile();
		this.restored = TestDatabase.createEmpty("restored");
		Installation after = new Installation(this.restored, work.resolve("new-home"), work.resolve("new-home/config"),
				work.resolve("new-home/jobs"))
			.use();
		Installation.Run restore = Installation.run("backup", "restore", "--from", backup.toString());
		assertThat(restore.exitCode()).as(restore.toString()).isZero();

		// then: the same figures, files, accounts, audit log and submissions
		assertThat(after.figures()).isEqualTo(figures);
		// (the publication's snapshot, transaction ids of the other cluster, dropped:
		// its changes are compared whole)
		assertThat(after.rows("SELECT snapshot IS NULL FROM warehouse.publication")).containsExactly("t");
		assertThat(after.rows("SELECT * FROM ops.app_user ORDER BY 1")).isEqualTo(users);
		assertThat(after.rows("SELECT * FROM ops.admin_action ORDER BY 1")).isEqualTo(audit);
		assertThat(after.rows("SELECT * FROM ops.submission ORDER BY submission_id")).isEqualTo(submissions);
		assertThat(Installation.files(after.archive())).isEqualTo(archive);
		assertThat(Installation.files(after.rejected())).isEqualTo(rejected);
		assertThat(Installation.files(after.config)).isEqualTo(Installation.files(Path.of("config")));
		assertThat(Installation.files(after.jobs)).isEqualTo(Installation.files(Path.of("jobs")));

		// and a restore into what is no longer empty is refused in one line
		Installation.Run again = Installation.run("backup", "restore", "--from", backup.toString());
		assertThat(again.exitCode()).isEqualTo(3);
		assertThat(again.err().strip()).startsWith("error: the database ")
			.contains("is not empty")
			.doesNotContain("\n");

		// and the next file ingests as on the original: a new version of a month
		SubmissionFiles.write(after.inbox(), "14347", YearMonth.of(2019, 3),
				SubmissionFiles.values("traffic_accidents", 9), (village, indicator) -> 0);
		Installation.Run ingest = Installation.run("ingest");
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
		assertThat(ingest.out()).contains("files loaded 1, rejected 0, duplicate 0, superseded 1");
		Installation.ok("build-warehouse");
		assertThat(after.count("SELECT max(submission_id) FROM ops.submission"))
			.isGreaterThan(before.count("SELECT max(submission_id) FROM ops.submission"));
	}

	@Test
	void aDamagedBackupIsRefusedNamingTheFile(@TempDir Path work) throws Exception {
		// given: a backup with one file altered after it was written
		this.original = TestDatabase.create("backup");
		new Installation(this.original, work.resolve("home"), Path.of("config"), Path.of("jobs")).use();
		Path backup = work.resolve("backup");
		Installation.ok("backup", "create", "--out", backup.toString());
		Files.write(backup.resolve("database/ops.app_user.copy.gz"), new byte[] { 0x1f },
				java.nio.file.StandardOpenOption.APPEND);
		this.restored = TestDatabase.createEmpty("restored");
		new Installation(this.restored, work.resolve("new-home"), work.resolve("new-home/config"),
				work.resolve("new-home/jobs"))
			.use();

		// when
		Installation.Run restore = Installation.run("backup", "restore", "--from", backup.toString());

		// then: nothing restored, and the reason names the file
		assertThat(restore.exitCode()).isEqualTo(3);
		assertThat(restore.err().strip()).isEqualTo("error: backup " + backup
				+ ": database/ops.app_user.copy.gz does not match its checksum in SHA256SUMS (line "
				+ lineOf(backup, "database/ops.app_user.copy.gz") + "): the copy is damaged");
		assertThat(new Installation(this.restored, work, work, work)
			.count("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"))
			.isZero();
	}

	@Test
	void aBackupIsRefusedWhileAPipelineRunHoldsTheLock(@TempDir Path work) throws Exception {
		// given: a run's session holding the pipeline lock
		this.original = TestDatabase.create("backup");
		Installation installation = new Installation(this.original, work.resolve("home"), Path.of("config"),
				Path.of("jobs"))
			.use();
		try (java.sql.Connection run = installation.connect()) {
			run.createStatement().execute("""
					UPDATE ops.pipeline_lock SET holder_pid = pg_backend_pid(), acquired_at = now(),
					    holder_started = (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())
					WHERE name = 'pipeline'""");

			// when
			Installation.Run create = Installation.run("backup", "create", "--out", work.resolve("b").toString());

			// then: refused in one line, nothing written
			assertThat(create.exitCode()).isEqualTo(3);
			assertThat(create.err().strip()).startsWith("error: a pipeline run holds the pipeline lock")
				.doesNotContain("\n");
			assertThat(work.resolve("b")).doesNotExist();
		}
	}

	private static int lineOf(Path backup, String path) throws Exception {
		List<String> lines = Files.readAllLines(backup.resolve("SHA256SUMS"));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).endsWith("  " + path)) {
				return i + 1;
			}
		}
		return -1;
	}

}
