package org.safetystats.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safetystats.TestDatabase;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as an admin or a clerk uses it: exit codes, one-line errors, and what
 * it prints.
 */
class CommandLineIntegrationTests extends CommandLineSupport {

	@Test
	void helpListsCommandsWithoutADatabase() {
		Run help = run("--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("ingest").contains("validate");
		Run ingestHelp = run("ingest", "--help");
		assertThat(ingestHelp.exitCode()).isZero();
		assertThat(ingestHelp.out()).contains("--inbox");
	}

	@Test
	void unknownCommandIsAUsageError() {
		assertThat(run("bogus").exitCode()).isEqualTo(2);
	}

	@Test
	void validateSaysAGoodFileWouldLoadAndLoadsNothing(@TempDir Path dir) throws Exception {
		Path file = copy("good.csv", dir.resolve("14347_2019-03.csv"));
		run("validate", file.toString());
		long before = submissions();
		Run validate = run("validate", file.toString());
		assertThat(validate.exitCode()).isZero();
		assertThat(validate.out()).contains("would load").contains("41 rows");
		assertThat(submissions()).isEqualTo(before);
		assertThat(file).exists();
	}

	@Test
	void validatePrintsEveryFindingOfABadFileAndExitsNonZero(@TempDir Path dir) throws Exception {
		Path file = copy("bad-value-type.csv", dir.resolve("14347_2019-03.csv"));
		Run validate = run("validate", "--lang", "en", file.toString());
		assertThat(validate.exitCode()).isEqualTo(1);
		assertThat(validate.out()).contains("would be REJECTED")
			.contains("line 7 [value] VALUE_NEGATIVE")
			.contains("line 13 [value] VALUE_MISSING")
			.doesNotContain("Exception");
	}

	@Test
	void validateNamesTheSheetAndCellOfAWorkbooksFinding(@TempDir Path dir) throws Exception {
		Path file = copy("bad-value-cell.xlsx", dir.resolve("14347_2019-03.xlsx"));
		Path legacy = copy("bad-legacy.xls", dir.resolve("14347_2019-04.xls"));
		Run validate = run("validate", "--lang", "en", file.toString(), legacy.toString());
		assertThat(validate.exitCode()).isEqualTo(1);
		assertThat(validate.out()).contains("would be REJECTED (41 rows, 2 errors, 0 warnings)")
			.contains("ERROR Sheet1!E7 [value] VALUE_NOT_INTEGER: Value \"x\" is not a whole number")
			.contains("ERROR file [file] XLS_LEGACY: Excel 97-2003 workbooks (.xls)");
	}

	@Test
	void templateWritesTheMonthsWorkbookAndAUnitNotValidIsAUsageError(@TempDir Path dir) throws Exception {
		Run template = run("template", "--unit", "14347", "--period", "2019-03", "--out", dir.toString());
		assertThat(template.exitCode()).isZero();
		assertThat(template.out()).endsWith(dir.resolve("14347_2019-03.xlsx") + System.lineSeparator());
		assertThat(dir.resolve("14347_2019-03.xlsx")).isNotEmptyFile();
		Run ended = run("template", "--unit", "14320", "--period", "2025-08", "--format", "csv");
		assertThat(ended.exitCode()).isEqualTo(2);
		assertThat(ended.err()).contains("the unit valid then is 14329 Phường Hoa Lư").doesNotContain("Exception");
		assertThat(run("template", "--unit", "14347", "--period", "2019-3").exitCode()).isEqualTo(2);
	}

	@Test
	void ingestPrintsASummaryAndAMissingInboxIsAOneLineError() throws Exception {
		Files.createDirectories(home.resolve("inbox"));
		copy("good.csv", home.resolve("inbox/14347_2019-03.csv"));
		copy("bad-empty.csv", home.resolve("inbox/14350_2019-03.csv"));
		Run ingest = run("ingest");
		assertThat(ingest.exitCode()).isZero();
		assertThat(ingest.out()).contains("files loaded 1, rejected 1, duplicate 0, superseded 0; rows loaded 41");
		// the rejected file by name, with its first error and its error report
		String storedAs = jdbcString("SELECT stored_as FROM ops.submission WHERE status = 'REJECTED'");
		assertThat(ingest.out()).contains("  rejected  14350_2019-03.csv: 1 error (")
			.contains("; report " + home.resolve("rejected").toAbsolutePath().resolve(storedAs + ".errors.csv"));
		assertThat(home.resolve("rejected").resolve(storedAs + ".errors.csv")).isRegularFile();
		copy("good.csv", home.resolve("inbox/14347_2019-03.csv"));
		assertThat(run("ingest").out()).contains("  duplicate 14347_2019-03.csv: the same content as submission ");
		Run missing = run("ingest", "--inbox", home.resolve("nowhere").toString());
		assertThat(missing.exitCode()).isEqualTo(3);
		assertThat(missing.err().strip()).startsWith("error: Inbox")
			.endsWith("is not a folder")
			.doesNotContain("\n\tat ");
	}

	@Test
	void publishFreezesABuiltYearAndApprovalOfAFileNotHeldIsAOneLineError() throws Exception {
		Files.createDirectories(home.resolve("inbox"));
		copy("good.csv", home.resolve("inbox/14347_2019-03.csv"));
		assertThat(run("ingest").exitCode()).isZero();
		assertThat(run("build-warehouse").exitCode()).isZero();
		Run noReason = run("publish", "--year", "2019", "--unit", "369");
		assertThat(noReason.exitCode()).isEqualTo(2);
		Run publish = run("publish", "--year", "2019", "--unit", "369", "--reason", "2019 review");
		assertThat(publish.exitCode()).as(publish.err()).isZero();
		assertThat(publish.out()).containsPattern("publication \\d+: unit 369, year 2019, \\d+ figures, by cli:\\S+ at "
				+ "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+07:00");
		Run approve = run("approve", "999999", "--reason", "checked");
		assertThat(approve.exitCode()).isEqualTo(3);
		assertThat(approve.err().strip())
			.isEqualTo("error: Submission 999999 is not waiting for approval (see ops.submissions)");
	}

	@Test
	void aBadScheduleFileStopsServiceStartUpWithItsMessage(@TempDir Path jobs) throws Exception {
		Path bad = Files.writeString(jobs.resolve("nightly.yml"), """
				name: nightly
				description: the nightly run
				job: nightlyJob
				cron: "every night at half past one"
				""");
		System.setProperty("safetystats.jobs-dir", jobs.toString());
		System.setProperty("server.port", "0");
		try {
			Run serve = run("serve");
			assertThat(serve.exitCode()).isEqualTo(3);
			assertThat(serve.err().strip()).startsWith("error: Schedule file " + bad)
				.contains("field cron")
				.doesNotContain("\tat ");
		}
		finally {
			System.clearProperty("safetystats.jobs-dir");
			System.clearProperty("server.port");
		}
	}

}
