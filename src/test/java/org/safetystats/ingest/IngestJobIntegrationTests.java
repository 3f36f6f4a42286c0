package org.safetystats.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.admin.JobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest job end to end on PostgreSQL: good files, versions, duplicates, dialects and
 * file moves.
 */
class IngestJobIntegrationTests extends IntegrationTestSupport {

	static final String NAME = "14347_2019-03.csv";

	static final String MULTILINE_NOTE = "Vụ trộm xe máy, đã bắt \"đối tượng\" tại chợ\nĐã chuyển hồ sơ, chờ xử lý";

	@Autowired
	JobRunner jobRunner;

	@Test
	void goodFileLoadsEveryValueAndMovesToTheArchive() throws Exception {
		// given
		drop("good.csv", NAME);
		// when
		JobExecution execution = ingest();
		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Object> submission = this.jdbc.sql("SELECT * FROM ops.submissions").query().singleRow();
		assertThat(submission).containsEntry("status", "LOADED")
			.containsEntry("unit_code", "14347")
			.containsEntry("period", "2019-03")
			.containsEntry("version", 1)
			.containsEntry("rows", 41L)
			.containsEntry("errors", 0L);
		assertThat(count("SELECT count(*) FROM ops.accepted_values")).isEqualTo(41);
		assertThat(count("SELECT sum(value) FROM ops.accepted_values WHERE indicator = 'camera_model'")).isEqualTo(3);
		assertThat(inbox()).isEmptyDirectory();
		assertThat(archive().resolve("2019-03/" + submission.get("submission_id") + "_" + NAME))
			.hasSameBinaryContentAs(fixture("good.csv"));
		assertThat(this.jdbc.sql("SELECT disposed_at IS NOT NULL FROM ops.submission").query(Boolean.class).single())
			.isTrue();
	}

	@Test
	void notesWithCommasQuotesAndLineBreaksComeBackByteForByte() throws Exception {
		drop("good.csv", NAME);
		ingest();
		List<String> notes = this.jdbc.sql("SELECT note FROM ops.accepted_values WHERE note IS NOT NULL ORDER BY note")
			.query(String.class)
			.list();
		assertThat(notes).containsExactly("Phối hợp với Công an xã, tuần tra ban đêm; 3 tổ, 12 người",
				"Quốc lộ 1A, km 259", MULTILINE_NOTE);
	}

	@Test
	void excelSemicolonExportWithBomAndCrlfLoadsExactlyLikeItsCommaTwin() throws Exception {
		drop("good.csv", NAME);
		ingest();
		List<Map<String, Object>> comma = values();
		drop("good-excel-semicolon.csv", NAME);
		ingest();
		assertThat(statuses()).containsExactly("SUPERSEDED", "LOADED");
		assertThat(values()).isEqualTo(comma);
	}

	@Test
	void columnsInAnyOrderAndCaseLoadTheSameValues() throws Exception {
		drop("good.csv", NAME);
		ingest();
		List<Map<String, Object>> expected = values().stream()
			.map((row) -> (Map<String, Object>) new java.util.HashMap<>(row))
			.peek((row) -> row.put("note", null))
			.toList();
		drop("good-columns-reordered.csv", NAME);
		ingest();
		assertThat(values()).isEqualTo(expected);
	}

	@Test
	void resubmissionSupersedesTheEarlierVersionAndNothingCountsTwice() throws Exception {
		// given
		drop("good.csv", NAME);
		ingest();
		// when
		drop("good-resubmission.csv", NAME);
		ingest();
		// then
		List<Map<String, Object>> rows = this.jdbc
			.sql("SELECT submission_id, version, status, superseded_by FROM ops.submissions ORDER BY submission_id")
			.query()
			.listOfRows();
		assertThat(rows).extracting((r) -> r.get("status")).containsExactly("SUPERSEDED", "LOADED");
		assertThat(rows).extracting((r) -> r.get("version")).containsExactly(1, 2);
		assertThat(rows.get(0).get("superseded_by")).isEqualTo(rows.get(1).get("submission_id"));
		assertThat(count("SELECT count(*) FROM ops.accepted_values")).isEqualTo(41);
		assertThat(count("SELECT value FROM ops.accepted_values WHERE indicator = 'traffic_accidents'")).isEqualTo(3);
		assertThat(count("SELECT count(*) FROM ops.submission_value")).isEqualTo(82);
		try (Stream<Path> kept = Files.list(archive().resolve("2019-03"))) {
			assertThat(kept).hasSize(2);
		}
	}

	@Test
	void sameBytesAgainAreADuplicateAndLoadNothing() throws Exception {
		drop("good.csv", NAME);
		ingest();
		drop("good.csv", NAME);
		JobExecution second = ingest();
		Map<String, Object> duplicate = this.jdbc.sql("SELECT * FROM ops.submissions WHERE status = 'DUPLICATE'")
			.query()
			.singleRow();
		assertThat(duplicate.get("duplicate_of"))
			.isEqualTo(this.jdbc.sql("SELECT submission_id FROM ops.submission WHERE status = 'LOADED'")
				.query(Long.class)
				.single());
		assertThat(count("SELECT count(*) FROM ops.accepted_values")).isEqualTo(41);
		assertThat(count("SELECT count(*) FROM ops.submission_value")).isEqualTo(41);
		assertThat(IngestSummary.of(this.jdbc, second.getId()).duplicate()).isEqualTo(1);
		assertThat(inbox()).isEmptyDirectory();
	}

	@Test
	void oneRunTakesGoodAndBadFilesAndLosesNeither() throws Exception {
		drop("good.csv", NAME);
		drop("bad-value-type.csv", "14350_2019-03.csv");
		JobExecution execution = ingest();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		IngestSummary summary = IngestSummary.of(this.jdbc, execution.getId());
		assertThat(summary.loaded()).isEqualTo(1);
		assertThat(summary.rejected()).isEqualTo(1);
		assertThat(summary.rows()).isEqualTo(41);
		assertThat(inbox()).isEmptyDirectory();
	}

	@Test
	void oneGroupDecidesEachFileAsIfTheyCameOneByOne() throws Exception {
		// given, in one run: a file, the same bytes again under another spelling of its
		// name, a bad file and another unit's file
		drop("good.csv", NAME);
		drop("good.csv", "14347_2019-03.CSV");
		drop("bad-value-type.csv", "14350_2019-03.csv");
		drop("good.csv", "14347_2019-03.Csv");
		// when
		JobExecution execution = ingest();
		// then the first received loads, the repeats are duplicates of it, the bad file
		// is
		// rejected with its findings, and nothing counts twice
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("""
				SELECT status || ':' || coalesce(duplicate_of = (SELECT submission_id FROM ops.submission
				    WHERE status = 'LOADED'), false) FROM ops.submission ORDER BY 1
				""").query(String.class).list()).containsExactly("DUPLICATE:true", "DUPLICATE:true", "LOADED:false",
				"REJECTED:false");
		// the bad file under another ward's name: its 41 records name the wrong unit (one
		// finding that names every line), each of its 36 village rows a village the ward
		// does not have, its six bad values are refused as under its own name, and the
		// ward's 14 villages miss their 3 village indicators each
		Map<String, Long> errors = new java.util.HashMap<>();
		this.jdbc.sql("""
				SELECT f.rule, count(*) FROM ops.finding f JOIN ops.submission s USING (submission_id)
				WHERE s.status = 'REJECTED' AND f.severity = 'ERROR' GROUP BY f.rule
				""").query((rs) -> {
			errors.put(rs.getString(1), rs.getLong(2));
		});
		assertThat(errors).containsExactlyInAnyOrderEntriesOf(
				Map.of("UNIT_MISMATCH", 1L, "VILLAGE_UNKNOWN", 36L, "VALUE_NEGATIVE", 1L, "VALUE_NOT_INTEGER", 2L,
						"VALUE_NOT_FLAG", 1L, "VALUE_TOO_LARGE", 1L, "VALUE_MISSING", 1L, "INCOMPLETE", 14L * 3));
		assertThat(this.jdbc.sql("SELECT line || ' ' || message_en FROM ops.finding WHERE rule = 'UNIT_MISMATCH'")
			.query(String.class)
			.single())
			.isEqualTo("2 Unit code 14347 differs from the one in the file name (14350) "
					+ "(also on lines 3-7, 9-43: 41 rows)"); // the record of line 7 goes
																// on to line 8
		assertThat(count("SELECT count(*) FROM ops.submission_value")).isEqualTo(41);
		assertThat(inbox()).isEmptyDirectory();
	}

	private JobExecution ingest() throws Exception {
		return this.jobRunner.run(IngestJob.NAME);
	}

	private List<String> statuses() {
		return this.jdbc.sql("SELECT status FROM ops.submission ORDER BY submission_id").query(String.class).list();
	}

	private List<Map<String, Object>> values() {
		return this.jdbc.sql("""
				SELECT unit_code, village_code, period, indicator, value, note FROM ops.accepted_values
				ORDER BY indicator, village_code NULLS FIRST
				""").query().listOfRows();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
