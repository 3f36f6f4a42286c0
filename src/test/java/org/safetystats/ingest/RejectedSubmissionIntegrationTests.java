package org.safetystats.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.admin.JobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest job turns a file's findings into a rejection: the submission is REJECTED
 * with all its findings (rule, line, field), loads nothing, and goes to the rejected
 * folder with an error report that Excel opens safely. Each rule's bad file is checked
 * against the validator alone in {@code validate.BadSubmissionFileTests}; here one file
 * of each kind goes through the whole job: a whole-file rule, a row's rule and a rule of
 * the file's name.
 */
class RejectedSubmissionIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRunner jobRunner;

	@Autowired
	MeterRegistry meters;

	@ParameterizedTest(name = "{0} as {1}: {2} at line {3}")
	@CsvSource(nullValues = "-", textBlock = """
			bad-empty.csv,                        14347_2019-03.csv, FILE_EMPTY,                  -,  -
			bad-value-type.csv,                   14347_2019-03.csv, VALUE_NEGATIVE,              7,  value
			good.csv,                             99999_2019-03.csv, UNIT_UNKNOWN,                -,  file_name
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
		assertThat(Files.readString(rejected().resolve(kept + ".errors.csv"))).contains(rule);
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
	void theRowsOfRejectedFilesCountInTheRejectedRowsMetric() throws Exception {
		// given a rejected file and a good one in one run
		double before = rowsRejected();
		drop("bad-value-type.csv", "14347_2019-03.csv");
		Files.writeString(inbox().resolve("14347_2019-05.csv"),
				Files.readString(fixture("good.csv")).replace("2019-03", "2019-05"));
		// when
		this.jobRunner.run(IngestJob.NAME);
		// then the rejected file's data rows count, the loaded file's do not
		Map<String, Object> rejected = this.jdbc
			.sql("SELECT status, row_count FROM ops.submission WHERE file_name = :n")
			.param("n", "14347_2019-03.csv")
			.query()
			.singleRow();
		assertThat(rejected).containsEntry("status", "REJECTED");
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission WHERE file_name = '14347_2019-05.csv'")
			.query(String.class)
			.single()).isEqualTo("LOADED");
		assertThat(rowsRejected() - before).isPositive().isEqualTo(((Number) rejected.get("row_count")).doubleValue());
	}

	private double rowsRejected() {
		Counter counter = this.meters.find("safetystats.rows.rejected")
			.tags("job", "ingestJob", "step", "ingestSubmissions")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void aFileRejectedAgainAsBeforeIsKeptOnceAndAChangedOneAnew() throws Exception {
		// given a rejected file
		drop("bad-formula-in-cell.csv", "14347_2019-03.csv");
		this.jobRunner.run(IngestJob.NAME);
		// when the same file comes twice more, and then with other bytes
		for (int again = 0; again < 2; again++) {
			drop("bad-formula-in-cell.csv", "14347_2019-03.csv");
			this.jobRunner.run(IngestJob.NAME);
		}
		Files.writeString(inbox().resolve("14347_2019-03.csv"),
				Files.readString(fixture("bad-formula-in-cell.csv")) + "\n\n");
		this.jobRunner.run(IngestJob.NAME);
		// then each run recorded its submission, rejected, and out of the inbox
		List<String> kept = this.jdbc
			.sql("SELECT stored_as FROM ops.submission WHERE status = 'REJECTED' ORDER BY submission_id")
			.query(String.class)
			.list();
		assertThat(kept).hasSize(4);
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.submission WHERE disposed_at IS NULL")
			.query(Long.class)
			.single()).isZero();
		assertThat(inbox()).isEmptyDirectory();
		// the two repeats are kept as the first file with its report; the changed one
		// anew
		assertThat(kept.get(1)).isEqualTo(kept.get(0));
		assertThat(kept.get(2)).isEqualTo(kept.get(0));
		assertThat(kept.get(3)).isNotEqualTo(kept.get(0));
		try (java.util.stream.Stream<Path> files = Files.list(rejected())) {
			assertThat(files.map((f) -> f.getFileName().toString())).containsExactlyInAnyOrder(kept.get(0),
					kept.get(0) + ".errors.csv", kept.get(3), kept.get(3) + ".errors.csv");
		}
		assertThat(rejected().resolve(kept.get(0))).hasSameBinaryContentAs(fixture("bad-formula-in-cell.csv"));
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
