package org.safetystats.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.admin.JobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deliberately bad file per rule: each is REJECTED with all its findings (rule, line,
 * field), loads nothing, and goes to the rejected folder with an error report that Excel
 * opens safely.
 */
class RejectedSubmissionIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRunner jobRunner;

	@ParameterizedTest(name = "{0} as {1}: {2} at line {3}")
	@CsvSource(nullValues = "-", textBlock = """
			bad-empty.csv,                        14347_2019-03.csv, FILE_EMPTY,                  -,  -
			bad-header-only.csv,                  14347_2019-03.csv, NO_DATA,                     -,  -
			bad-missing-column.csv,               14347_2019-03.csv, HEADER_MISSING_COLUMN,       1,  value
			bad-windows-1258.csv,                 14347_2019-03.csv, ENCODING,                    2,  encoding
			bad-unclosed-quote.csv,               14347_2019-03.csv, CSV_MALFORMED,               11, -
			bad-field-count.csv,                  14347_2019-03.csv, FIELD_COUNT,                 13, -
			good.csv,                             14350_2019-03.csv, UNIT_MISMATCH,               2,  unit_code
			good.csv,                             14347_2019-04.csv, PERIOD_MISMATCH,             2,  period
			good.csv,                             2019-03.csv,       FILE_NAME,                   -,  file_name
			good.csv,                             99999_2019-03.csv, UNIT_UNKNOWN,                -,  file_name
			bad-unit-not-valid.csv,               14326_2025-03.csv, UNIT_ENDED,                  -,  file_name
			bad-unit-mismatch.csv,                14347_2019-03.csv, UNIT_MISMATCH,               5,  unit_code
			bad-period-mismatch.csv,              14347_2019-03.csv, PERIOD_MISMATCH,             6,  period
			bad-period-format.csv,                14347_2019-03.csv, PERIOD_FORMAT,               9,  period
			bad-future-period.csv,                14347_2099-01.csv, PERIOD_FUTURE,               -,  file_name
			bad-indicator-unknown.csv,            14347_2019-03.csv, INDICATOR_UNKNOWN,           10, indicator
			bad-indicator-level.csv,              14347_2019-03.csv, INDICATOR_NO_VILLAGE,        2,  village_code
			bad-indicator-level.csv,              14347_2019-03.csv, INDICATOR_NEEDS_VILLAGE,     11, village_code
			bad-value-type.csv,                   14347_2019-03.csv, VALUE_NEGATIVE,              7,  value
			bad-value-type.csv,                   14347_2019-03.csv, VALUE_NOT_INTEGER,           9,  value
			bad-value-type.csv,                   14347_2019-03.csv, VALUE_NOT_FLAG,              10, value
			bad-value-type.csv,                   14347_2019-03.csv, VALUE_TOO_LARGE,             11, value
			bad-value-type.csv,                   14347_2019-03.csv, VALUE_NOT_INTEGER,           12, value
			bad-value-type.csv,                   14347_2019-03.csv, VALUE_MISSING,               13, value
			bad-village-not-in-unit.csv,          14347_2019-03.csv, VILLAGE_UNKNOWN,             7,  village_code
			bad-duplicate-row.csv,                14347_2019-03.csv, DUPLICATE_ROW,               44, village_code
			bad-incomplete.csv,                   14347_2019-03.csv, INCOMPLETE,                  -,  indicator
			bad-incomplete.csv,                   14347_2019-03.csv, INCOMPLETE,                  -,  village_code
			bad-casualties-without-accident.csv,  14347_2019-03.csv, CASUALTIES_WITHOUT_ACCIDENT, -,  traffic_deaths
			bad-casualties-without-accident.csv,  14347_2019-03.csv, CASUALTIES_WITHOUT_ACCIDENT, -,  traffic_injuries
			""")
	void badFileIsRejectedWithItsFinding(String fixture, String name, String rule, Long line, String field)
			throws Exception {
		// given
		drop(fixture, name);
		// when
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// then
		Map<String, Object> submission = this.jdbc.sql("SELECT * FROM ops.submissions").query().singleRow();
		assertThat(submission).containsEntry("status", "REJECTED").containsEntry("version", null);
		List<Map<String, Object>> findings = this.jdbc
			.sql("SELECT * FROM ops.findings WHERE rule = :rule AND severity = 'ERROR'")
			.param("rule", rule)
			.query()
			.listOfRows();
		assertThat(findings).anySatisfy((finding) -> {
			assertThat(finding.get("line")).isEqualTo(line);
			assertThat(finding.get("field")).isEqualTo(field);
			assertThat((String) finding.get("message_vi")).isNotBlank();
			assertThat((String) finding.get("message_en")).isNotBlank();
		});
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.submission_value").query(Long.class).single()).isZero();
		String kept = submission.get("submission_id") + "_" + name;
		assertThat(inbox()).isEmptyDirectory();
		assertThat(rejected().resolve(kept)).exists();
		assertThat(rejected().resolve(kept + ".errors.csv")).exists();
	}

	@Test
	void everyFindingOfAFileIsStoredNotJustTheFirst() throws Exception {
		drop("bad-value-type.csv", "14347_2019-03.csv");
		this.jobRunner.run(IngestJob.NAME);
		assertThat(this.jdbc.sql("SELECT line FROM ops.findings ORDER BY line").query(Long.class).list())
			.containsExactly(7L, 9L, 10L, 11L, 12L, 13L);
		assertThat(this.jdbc.sql("SELECT errors FROM ops.submissions").query(Long.class).single()).isEqualTo(6);
	}

	@Test
	void legacyEncodingIsRefusedWithHowToResaveAsUtf8() throws Exception {
		drop("bad-windows-1258.csv", "14347_2019-03.csv");
		this.jobRunner.run(IngestJob.NAME);
		String message = this.jdbc.sql("SELECT message_en FROM ops.findings").query(String.class).single();
		assertThat(message).contains("not UTF-8").contains("Windows-1258").contains("CSV UTF-8");
	}

	@Test
	void errorReportHasABomAndNoCellThatASpreadsheetRunsAsAFormula() throws Exception {
		// given a file whose unit_code cell is a formula
		drop("bad-formula-in-cell.csv", "14347_2019-03.csv");
		// when
		this.jobRunner.run(IngestJob.NAME);
		// then
		long id = this.jdbc.sql("SELECT submission_id FROM ops.submission").query(Long.class).single();
		Path report = rejected().resolve(id + "_14347_2019-03.csv.errors.csv");
		byte[] bytes = Files.readAllBytes(report);
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		String text = new String(bytes, StandardCharsets.UTF_8);
		assertThat(text).contains("\"'=HYPERLINK(\"\"http://evil.example/x\"\"");
		assertThat(text.lines().skip(1))
			.allSatisfy((row) -> assertThat(row).doesNotContain(",\"=").doesNotStartWith("\"="));
		assertThat(text.lines().findFirst().orElseThrow())
			.isEqualTo("\uFEFF\"line\",\"field\",\"value\",\"rule\",\"severity\",\"message_vi\",\"message_en\"");
	}

}
