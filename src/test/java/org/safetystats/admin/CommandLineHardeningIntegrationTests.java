package org.safetystats.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer and an outside trial tripped over on the command line, kept fixed:
 * numbers in other scripts, stored files that validate differently, a fresh home, an
 * unknown unit, a missing inbox said late, readers that wrote.
 */
class CommandLineHardeningIntegrationTests extends CommandLineSupport {

	@Test
	void onlyAsciiDigitsAreNumbers() {
		Run restart = run("restart", "١٢");
		assertThat(restart.exitCode()).isEqualTo(2);
		assertThat(restart.err()).contains("digits 0-9");
		assertThat(run("completeness", "--year", "٢٠١٩").exitCode()).isEqualTo(2);
	}

	@Test
	void aFreshHomeGetsItsFoldersAndTheNightlyRunWorks() throws Exception {
		FileSystemUtils.deleteRecursively(home.resolve("inbox"));
		Run nightly = run("run", "nightlyJob");
		assertThat(nightly.exitCode()).as(nightly.err()).isZero();
		assertThat(home.resolve("inbox")).isDirectory();
	}

	@Test
	void aMissingInboxGivenExplicitlyIsSaidBeforeTheDatabaseStarts() {
		long started = System.nanoTime();
		Run missing = run("ingest", "--inbox", home.resolve("nowhere").toString());
		assertThat(missing.exitCode()).isEqualTo(3);
		assertThat(missing.err()).contains("is not a folder");
		// a context start (database, migrations) takes seconds; the check comes before it
		assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1500);
	}

	@Test
	void aReportOfAnUnknownUnitIsAUsageError() throws Exception {
		Files.createDirectories(home.resolve("inbox"));
		assertThat(run("run", "nightlyJob").exitCode()).isZero();
		Run report = run("report", "--year", "2019", "--unit", "99999");
		assertThat(report.exitCode()).isEqualTo(2);
		assertThat(report.err()).contains("Unit 99999 does not exist").doesNotContain("nightly");
	}

	@Test
	void aReportOfAYearWithoutDataSaysSoAndFails() throws Exception {
		Files.createDirectories(home.resolve("inbox"));
		assertThat(run("run", "nightlyJob").exitCode()).isZero();
		Run report = run("report", "--year", "2031", "--unit", "369");
		// no data is not a wrong argument (2) nor a wrong setting (3)
		assertThat(report.exitCode()).as(report.err()).isEqualTo(1);
		assertThat(report.err().strip()).startsWith("error: The warehouse has no figures for unit 369 in 2031")
			.doesNotContain("\tat ");
	}

	@Test
	void wrongArgumentsAreUsageErrors() throws Exception {
		// a command that needs a subcommand
		Run rerun = run("rerun");
		assertThat(rerun.exitCode()).isEqualTo(2);
		assertThat(rerun.err()).contains("rerun needs what to redo: warehouse or ingest").contains("Usage: ");
		// a file that is not there
		Run validate = run("validate", home.resolve("nonexistent.csv").toString());
		assertThat(validate.exitCode()).isEqualTo(2);
		assertThat(validate.err()).contains("nonexistent.csv is not a file");
		// a year of two digits
		Run completeness = run("completeness", "--year", "19");
		assertThat(completeness.exitCode()).isEqualTo(2);
		assertThat(completeness.err()).contains("--year must be a year from 1990 to 2100, not 19");
	}

	@Test
	void aDryRunSaysNothingOfCataloguesItDidNotLoad() throws Exception {
		// given a database whose catalogues were never loaded
		Path file = copy("good.csv", home.resolve("14347_2019-03.csv"));
		// when a file is validated (the catalogues merged in a transaction rolled back)
		Run validate = run("validate", file.toString());
		// then nothing claims they were loaded
		assertThat(validate.exitCode()).as(validate.err()).isZero();
		assertThat(validate.out() + validate.err()).doesNotContain("Reference catalogues loaded")
			.contains(file + ": would load");
	}

	@Test
	void aStoredFileValidatesWithTheFindingsIngestGaveIt() throws Exception {
		Files.createDirectories(home.resolve("inbox"));
		copy("bad-value-type.csv", home.resolve("inbox/14347_2019-03.csv"));
		assertThat(run("ingest").exitCode()).isZero();
		copy("good.csv", home.resolve("inbox/14347_2019-03.csv"));
		assertThat(run("ingest").exitCode()).isZero();
		Path rejected = home.resolve("rejected").resolve(storedAs("REJECTED"));
		Path archived = home.resolve("archive").resolve(storedAs("LOADED"));
		Run validate = run("validate", "--lang", "en", rejected.toString(), archived.toString());
		assertThat(validate.out()).doesNotContain("FILE_NAME")
			.contains("line 7 [value] VALUE_NEGATIVE: Value -1 is negative: counts cannot be negative")
			.contains(archived + ": would load");
	}

	@Test
	void aValidateRunChangesNoRowOfRef() throws Exception {
		// given ref behind config/ (never loaded, or its last load forgotten)
		assertThat(run("status").exitCode()).isZero();
		execute("DELETE FROM ref.catalogue_load");
		String before = refRows();
		// when a clerk's dry run checks a file
		Path file = copy("good.csv", Files.createTempDirectory(home, "dry").resolve("14347_2019-03.csv"));
		Run validate = run("validate", file.toString());
		// then it is checked against the catalogues of config/, and no row of ref changed
		assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
		assertThat(validate.out()).contains(file + ": would load");
		assertThat(refRows()).isEqualTo(before);
	}

	@Test
	void aSettingForbidsTheEmbeddedDatabase() {
		String url = System.getProperty("spring.datasource.url");
		System.clearProperty("spring.datasource.url");
		System.setProperty("safetystats.embedded-database", "forbidden");
		try {
			Run status = run("status");
			assertThat(status.exitCode()).isEqualTo(3);
			assertThat(status.err()).startsWith("error: No database named (SAFETYSTATS_DB_URL is not set)")
				.contains("forbidden")
				.doesNotContain("\tat ");
			assertThat(home.resolve("db")).doesNotExist();
		}
		finally {
			System.clearProperty("safetystats.embedded-database");
			System.setProperty("spring.datasource.url", url);
		}
	}

	/** Every row of every table of ref, in one text. */
	private static String refRows() throws Exception {
		StringBuilder rows = new StringBuilder();
		for (String table : new String[] { "unit", "unit_lineage", "unit_population", "indicator", "measure",
				"catalogue_load" }) {
			try (var c = java.sql.DriverManager.getConnection(databaseUrl, org.safetystats.TestDatabase.user(),
					org.safetystats.TestDatabase.password());
					var rs = c.createStatement()
						.executeQuery(
								"SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
										+ " FROM ref." + table + " t")) {
				rs.next();
				rows.append(table).append(' ').append(rs.getString(1)).append('\n');
			}
		}
		return rows.toString();
	}

	@Test
	void theCompletenessCommandOnlyReads() throws Exception {
		Files.createDirectories(home.resolve("inbox"));
		copy("good.csv", home.resolve("inbox/14347_2019-03.csv"));
		assertThat(run("run", "nightlyJob").exitCode()).isZero();
		long refreshes = count("SELECT count(*) FROM warehouse.completeness_state");
		Run completeness = run("completeness", "--year", "2019");
		assertThat(completeness.exitCode()).isZero();
		// times in the reporting zone, with its offset (Asia/Ho_Chi_Minh, +07:00)
		assertThat(completeness.out())
			.containsPattern("as refreshed at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+07:00 ");
		java.util.regex.Matcher at = java.util.regex.Pattern.compile("as refreshed at (\\S+ \\S+ \\S+)")
			.matcher(completeness.out());
		assertThat(at.find()).isTrue();
		assertThat(java.time.OffsetDateTime
			.parse(at.group(1), java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx"))
			.toEpochSecond())
			.isEqualTo(count(
					"SELECT CAST(floor(extract(epoch FROM max(refreshed_at))) AS bigint) FROM warehouse.completeness_state"));
		assertThat(run("status").out()).containsPattern(
				"nightlyJob +COMPLETED +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+07:00 -> \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+07:00");
		// by default the deployment's own unit (config/application.yml: 369, the city)
		// and every ward and commune
		// under it, those that never reported included, a summary first; --unit all for
		// every unit loaded
		List<String> lines = completeness.out().lines().toList();
		assertThat(lines.get(0)).isEqualTo("completeness 2019, 369 Thành phố Ninh Bình and the wards and communes "
				+ "under it: 14 wards and communes, 140 reports owed: 0 on time, 1 late, 139 missing, 0 rejected");
		assertThat(lines).filteredOn((line) -> line.matches("143\\d\\d .*")).hasSize(14);
		assertThat(run("completeness", "--year", "2019", "--unit", "all").out().lines().findFirst().orElseThrow())
			.startsWith("completeness 2019, every unit: 484 wards and communes, 4,840 reports owed: 0 on time, 1 late");
		assertThat(count("SELECT count(*) FROM warehouse.completeness_state")).isEqualTo(refreshes);
	}

	private static String storedAs(String status) throws Exception {
		try (var c = java.sql.DriverManager.getConnection(databaseUrl, org.safetystats.TestDatabase.user(),
				org.safetystats.TestDatabase.password()); var statement = c.prepareStatement("""
						SELECT stored_as FROM ops.submission WHERE status = ? AND file_name = '14347_2019-03.csv'
						ORDER BY submission_id DESC LIMIT 1""")) {
			statement.setString(1, status);
			try (var rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

}
