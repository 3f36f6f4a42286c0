package org.safetystats.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.admin.JobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workbooks in the inbox: the same rules, the same all-or-nothing load, the same moves
 * and reports as CSV files, with findings placed at their sheet and cell.
 */
class WorkbookIngestIntegrationTests extends IntegrationTestSupport {

	private static final String VALUES = """
			SELECT coalesce(village_code, '') || ' ' || indicator || ' ' || value || ' ' || coalesce(note, '')
			FROM ops.accepted_values ORDER BY village_code NULLS FIRST, indicator
			""";

	@Autowired
	JobRunner jobRunner;

	@ParameterizedTest
	@CsvSource({ "good.xlsx", "good-libreoffice.xlsx" })
	void aWorkbookLoadsTheFiguresOfTheSameCsvFile(String fixture) throws Exception {
		// given the CSV file loaded
		drop("good.csv", "14347_2019-03.csv");
		ingest();
		List<String> fromCsv = this.jdbc.sql(VALUES).query(String.class).list();
		// when the same report comes as a workbook
		drop(fixture, "14347_2019-03.xlsx");
		ingest();
		// then it is the current version, with the same figures, archived as received
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission ORDER BY submission_id").query(String.class).list())
			.containsExactly("SUPERSEDED", "LOADED");
		assertThat(this.jdbc.sql(VALUES).query(String.class).list()).isEqualTo(fromCsv).hasSize(41);
		long id = this.jdbc.sql("SELECT submission_id FROM ops.submission WHERE status = 'LOADED'")
			.query(Long.class)
			.single();
		assertThat(archive().resolve("2019-03/" + id + "_14347_2019-03.xlsx")).exists();
		assertThat(inbox()).isEmptyDirectory();
	}

	@Test
	void aLongCellOnThousandsOfRowsStoresABoundedListAndReport() throws Exception {
		// given a value of 30,000 characters on 3,000 rows of villages 14347 does not
		// have: 6,041 findings
		org.safetystats.Workbooks.oneSharedValue(home().resolve("long.xlsx"), "14347", "2019-03", "x".repeat(30_000),
				3_000);
		Files.move(home().resolve("long.xlsx"), inbox().resolve("14347_2019-03.xlsx"));
		// when
		ingest();
		// then the counts are exact, the first 1,000 findings and a note are stored,
		// each short, and the error report is small
		assertThat(this.jdbc.sql("SELECT status || ' ' || errors FROM ops.submissions").query(String.class).single())
			.isEqualTo("REJECTED 6041");
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.finding").query(Long.class).single()).isEqualTo(1001);
		assertThat(this.jdbc.sql("SELECT max(length(value)) FROM ops.finding").query(Long.class).single())
			.isLessThan(220);
		assertThat(this.jdbc.sql("SELECT max(greatest(length(message_vi), length(message_en))) FROM ops.finding")
			.query(Long.class)
			.single()).isLessThan(400);
		assertThat(this.jdbc.sql("SELECT message_en FROM ops.finding ORDER BY seq DESC LIMIT 1")
			.query(String.class)
			.single()).startsWith("... and 5,041 more findings of the same kinds");
		long id = this.jdbc.sql("SELECT submission_id FROM ops.submission").query(Long.class).single();
		assertThat(Files.size(rejected().resolve(id + "_14347_2019-03.xlsx.errors.csv"))).isLessThan(1_000_000);
	}

	@Test
	void aBadCellRejectsTheWholeWorkbookAndTheReportNamesTheCell() throws Exception {
		// given
		drop("bad-value-cell.xlsx", "14347_2019-03.xlsx");
		// when
		ingest();
		// then nothing loaded, findings at their cells
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission").query(String.class).single())
			.isEqualTo("REJECTED");
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.submission_value").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT cell || ' ' || line || ' ' || field || ' ' || rule FROM ops.findings")
			.query(String.class)
			.list()).containsExactly("Sheet1!E7 7 value VALUE_NOT_INTEGER", "Sheet1!E9 9 value VALUE_NEGATIVE");
		long id = this.jdbc.sql("SELECT submission_id FROM ops.submission").query(Long.class).single();
		assertThat(rejected().resolve(id + "_14347_2019-03.xlsx")).exists();
		List<String> report = Files.readAllLines(rejected().resolve(id + "_14347_2019-03.xlsx.errors.csv"),
				StandardCharsets.UTF_8);
		assertThat(report.get(0))
			.isEqualTo("\uFEFF\"cell\",\"field\",\"value\",\"rule\",\"severity\",\"message_vi\",\"message_en\"");
		assertThat(report.get(1)).startsWith("\"Sheet1!E7\",\"value\",\"x\",\"VALUE_NOT_INTEGER\",\"ERROR\",");
	}

	@Test
	void aFormulaLoadsItsComputedValueWithAWarningAtItsCell() throws Exception {
		drop("good-formula.xlsx", "14347_2019-03.xlsx");
		ingest();
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission").query(String.class).single()).isEqualTo("LOADED");
		assertThat(this.jdbc.sql("SELECT value FROM ops.accepted_values WHERE indicator = 'traffic_injuries'")
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThat(this.jdbc.sql("SELECT cell || ' ' || severity || ' ' || rule FROM ops.findings")
			.query(String.class)
			.list()).contains("Sheet1!E4 WARNING XLSX_FORMULA");
	}

	@ParameterizedTest(name = "{0} as {1}: {2}")
	@CsvSource({ "bad-legacy.xls, 14347_2019-03.xls, XLS_LEGACY", "bad-macros.xlsm, 14347_2019-03.xlsx, XLSX_MACROS",
			"bad-zip-bomb.xlsx, 14347_2019-03.xlsx, XLSX_ZIP_BOMB" })
	void refusedWorkbooksAreRejectedWithTheirFinding(String fixture, String name, String rule) throws Exception {
		drop(fixture, name);
		ingest();
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission").query(String.class).single())
			.isEqualTo("REJECTED");
		assertThat(this.jdbc.sql("SELECT rule FROM ops.findings").query(String.class).list()).contains(rule);
		long id = this.jdbc.sql("SELECT submission_id FROM ops.submission").query(Long.class).single();
		assertThat(Path.of(rejected().resolve(id + "_" + name + ".errors.csv").toString())).content().contains(rule);
	}

	private void ingest() throws Exception {
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

}
