package org.safetystats.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.time.YearMonth;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.QuietDemo;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OUTLIER warnings measured on the demo's generated history (two years of 14 wards,
 * no planted outlier): how many false warnings, per ward, indicator and year; then jumps
 * of 2 to 6 extra accidents, crime jumps, copied files and a camera flag flip-flop
 * planted as corrections, and how many are caught. The figures are printed and are those
 * of docs/data-quality.md.
 */
class OutlierWarningsIntegrationTests extends IntegrationTestSupport {

	static final List<String> WARDS = List.of("14320", "14323", "14326", "14329", "14332", "14335", "14338", "14341",
			"14344", "14347", "14350", "14353", "14356", "14359");

	/**
	 * Count indicators tested each month (catalogue: value_type count, aggregation sum).
	 */
	static final int COUNT_INDICATORS = 5;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JobRunner jobs;

	@Test
	void fewFalseWarningsOnTheSteadyDemoHistoryAndPlantedOutliersAreCaught() throws Exception {
		// given the demo's two years, which hold no planted outlier
		QuietDemo.run(this.context);
		// then false warnings are rare: well under one per ward and indicator and year
		long judgedMonths = count(
				"""
						SELECT count(*) FROM ops.submission s
						WHERE s.status IN ('LOADED', 'SUPERSEDED') AND (SELECT count(*) FROM ops.submission e
						      WHERE e.unit_code = s.unit_code AND e.status IN ('LOADED', 'SUPERSEDED')
						        AND e.period < s.period AND e.period >= to_char(to_date(s.period, 'YYYY-MM') - INTERVAL '12 months', 'YYYY-MM')) >= 6
						""");
		long falseCounts = count("SELECT count(*) FROM ops.finding WHERE rule = 'OUTLIER_COUNT'");
		long falseOther = count(
				"SELECT count(*) FROM ops.finding WHERE rule LIKE 'OUTLIER%' AND rule <> 'OUTLIER_COUNT'");
		double perIndicatorYear = falseCounts / (judgedMonths * COUNT_INDICATORS / 12.0);
		System.out.printf(
				"demo: %d judged ward-months, %d count tests, OUTLIER_COUNT %d (%.4f per ward, indicator "
						+ "and year), other OUTLIER %d%n",
				judgedMonths, judgedMonths * COUNT_INDICATORS, falseCounts, perIndicatorYear, falseOther);
		this.jdbc.sql("SELECT submission_id, rule, field, message_en FROM ops.finding WHERE rule LIKE 'OUTLIER%'")
			.query((rs) -> {
				System.out.printf("  false warning: %s %s %s %s%n", rs.getLong(1), rs.getString(2), rs.getString(3),
						rs.getString(4));
			});
		assertThat(judgedMonths).isGreaterThan(200);
		assertThat(perIndicatorYear).isLessThan(0.1);
		assertThat(falseOther).isLessThanOrEqualTo(3);
		// when every ward sends September's file again as October's
		long beforeCopies = maxSubmission();
		for (String ward : WARDS) {
			String september = archived(ward, YearMonth.of(2019, 9));
			drop(ward, YearMonth.of(2019, 10), september.replace(",2019-09,", ",2019-10,"));
		}
		ingest();
		long copiesCaught = caught(beforeCopies, "OUTLIER_COPIED_FILE", "file");
		long copiesWithCounts = WARDS.stream().filter((w) -> hasNonZeroCount(w, YearMonth.of(2019, 9))).count();
		System.out.printf("copied files: %d of %d caught (%d of them have a non-zero count)%n", copiesCaught,
				WARDS.size(), copiesWithCounts);
		assertThat(copiesCaught).isGreaterThan(0).isLessThanOrEqualTo(copiesWithCounts);
		// when jumps of k extra accidents are planted, one per ward, in month 2 + k of
		// 2019 (latest first: no planted month is in the history of another)
		for (int k = 6; k >= 2; k--) {
			int extra = k;
			long before = maxSubmission();
			for (String ward : WARDS) {
				plant(ward, YearMonth.of(2019, 2 + k), (csv) -> addToUnitValue(csv, "traffic_accidents", extra));
			}
			ingest();
			long caught = caught(before, "OUTLIER_COUNT", "traffic_accidents");
			System.out.printf("planted +%d accidents: %d of %d caught%n", k, caught, WARDS.size());
			if (k >= 5) {
				assertThat(caught).isEqualTo(WARDS.size());
			}
			if (k == 2) {
				assertThat(caught).isLessThan(WARDS.size() / 2);
			}
		}
		// when 4 crime cases appear in one village in November 2019
		long beforeCrime = maxSubmission();
		for (String ward : WARDS) {
			plant(ward, YearMonth.of(2019, 11),
					(csv) -> csv.replaceFirst("(" + ward + "-01,crime_cases,)(\\d+)", "$1" + 4));
		}
		ingest();
		long crimeCaught = count("SELECT count(DISTINCT submission_id) FROM ops.finding WHERE submission_id > "
				+ beforeCrime + " AND rule IN ('OUTLIER_COUNT', 'OUTLIER_CROSS_LEVEL') AND field = 'crime_cases'");
		System.out.printf("planted 4 crime cases in one village: %d of %d caught%n", crimeCaught, WARDS.size());
		assertThat(crimeCaught).isGreaterThanOrEqualTo(WARDS.size() - 2);
		// when a residential group without cameras reports the model in February only
		String group = this.jdbc.sql("""
				SELECT min(village_code) FROM warehouse.village_year
				WHERE year = 2019 AND commune_code = '14320' AND camera_model_end = 0
				""").query(String.class).single();
		plant("14320", YearMonth.of(2019, 2),
				(csv) -> csv.replace(group + ",camera_model,0", group + ",camera_model,1"));
		ingest();
		long beforeFlip = maxSubmission();
		drop("14320", YearMonth.of(2019, 3), archived("14320", YearMonth.of(2019, 3)) + "\n");
		ingest();
		// then March, back to 0, is a flip-flop
		assertThat(this.jdbc
			.sql("SELECT message_en FROM ops.findings WHERE submission_id > :id AND rule = 'OUTLIER_FLIP_FLOP'")
			.param("id", beforeFlip)
			.query(String.class)
			.single()).contains("camera_model of " + group, "0 → 1 → 0", "2019-01..2019-03");
	}

	private void plant(String ward, YearMonth month, UnaryOperator<String> change) throws IOException {
		String csv = archived(ward, month);
		String planted = change.apply(csv);
		assertThat(planted).isNotEqualTo(csv);
		drop(ward, month, planted);
	}

	private static String addToUnitValue(String csv, String indicator, int extra) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(,," + indicator + ",)(\\d+)").matcher(csv);
		assertThat(m.find()).isTrue();
		return csv.substring(0, m.start(2)) + (Long.parseLong(m.group(2)) + extra) + csv.substring(m.end(2));
	}

	private String archived(String ward, YearMonth month) throws IOException {
		String storedAs = this.jdbc
			.sql("SELECT stored_as FROM ops.submission WHERE unit_code = :w AND period = :p AND status = 'LOADED'")
			.param("w", ward)
			.param("p", month.toString())
			.query(String.class)
			.single();
		return Files.readString(archive().resolve(storedAs)).replace(';', ',').replace("\r", "").replace("\uFEFF", "");
	}

	private static void drop(String ward, YearMonth month, String csv) throws IOException {
		Files.writeString(inbox().resolve(ward + "_" + month + ".csv"), csv);
	}

	private boolean hasNonZeroCount(String ward, YearMonth month) {
		return count("""
				SELECT count(*) FROM ops.accepted_values a JOIN ref.indicator i ON i.code = a.indicator
				WHERE a.unit_code = '%s' AND a.period = '%s' AND i.aggregation = 'sum' AND a.value > 0
				""".formatted(ward, month)) > 0;
	}

	private void ingest() throws Exception {
		assertThat(this.jobs.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT count(*) FROM ops.submission WHERE status = 'REJECTED' AND submission_id > 336 + 4"))
			.isZero();
	}

	private long caught(long after, String rule, String field) {
		return count("SELECT count(DISTINCT submission_id) FROM ops.finding WHERE submission_id > " + after
				+ " AND rule = '" + rule + "' AND field = '" + field + "'");
	}

	private long maxSubmission() {
		return count("SELECT max(submission_id) FROM ops.submission");
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
