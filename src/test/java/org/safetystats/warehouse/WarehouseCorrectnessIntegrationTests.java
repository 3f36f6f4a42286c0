package org.safetystats.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cases an adversarial run found where the warehouse differed from a full rebuild or from
 * the figures the accepted files give (issue 16): each builds a few files and checks the
 * exact figure, and that an incremental build equals a full one.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WarehouseCorrectnessIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRunner jobRunner;

	@Autowired
	CompletenessRefresher completeness;

	private static Path config;

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) throws IOException {
		config = configOfOurOwn(registry);
	}

	@AfterAll
	static void dropConfig() {
		FileSystemUtils.deleteRecursively(config.toFile());
	}

	@BeforeEach
	void emptyWarehouse() {
		WarehouseSnapshot.clear(this.jdbc);
	}

	@Test
	void aYearFirstBuiltIncrementallyHoldsEveryCommune() throws Exception {
		// given a warehouse built with 2019 only
		write("14350", YearMonth.of(2019, 1), 1);
		ingestAndBuild();
		// when 2020 first appears with files from two communes
		write("14320", YearMonth.of(2020, 1), 2);
		write("14347", YearMonth.of(2020, 1), 3);
		ingestAndBuild();
		// then 2020 holds the fourteen communes of the city, as a full build does
		assertThat(slicesOfLastBuild()).isEqualTo("2020:*");
		assertThat(this.jdbc.sql("""
				SELECT months_expected FROM warehouse.agg_indicator_year
				WHERE year = 2020 AND unit_code = '369' AND indicator = 'traffic_accidents'
				""").query(Integer.class).single()).isEqualTo(14 * 12);
		assertThat(this.jdbc
			.sql("SELECT villages FROM warehouse.village_safety_yoy WHERE year = 2020 AND unit_code = '369'")
			.query(Integer.class)
			.single()).isEqualTo(225);
		assertIncrementalEqualsFull();
	}

	@Test
	void aCommuneThatMovesDistrictCountsInEachDistrictForItsMonthsThere() throws Exception {
		// given 14320 and 14329 under Thành phố Hoa Lư (374) in March 2025, and 14329
		// directly under the province in August, after districts were abolished
		write("14320", YearMonth.of(2025, 3), 2);
		SubmissionFiles.write(inbox(), "14329", YearMonth.of(2025, 3), SubmissionFiles.values("traffic_accidents", 5),
				villagesOf("14329", YearMonth.of(2025, 3)), (village, indicator) -> 0);
		SubmissionFiles.write(inbox(), "14329", YearMonth.of(2025, 8),
				SubmissionFiles.values("traffic_accidents", 4, "traffic_black_spots", 1, "active_security_models", 6),
				villagesOf("14329", YearMonth.of(2025, 8)), (village, indicator) -> 0);
		// when
		ingestAndBuild();
		// then the district's year is the sum of its months, and the province's of its
		assertThat(yearly("374", "traffic_accidents")).isEqualTo(monthlySum("374", "traffic_accidents")).isEqualTo(7);
		assertThat(yearly("37", "traffic_accidents")).isEqualTo(monthlySum("37", "traffic_accidents")).isEqualTo(11);
		assertThat(this.jdbc.sql("""
				SELECT unit_valid_from || ' ' || value FROM warehouse.agg_indicator_year
				WHERE year = 2025 AND unit_code = '37' AND indicator = 'traffic_accidents' ORDER BY unit_valid_from
				""").query(String.class).list()).containsExactly("-infinity 7", "2025-07-01 4");
		// an end-of-period value: each commune's last month under the unit
		assertThat(yearly("374", "active_security_models")).isEqualTo(0);
		assertThat(yearly("37", "active_security_models")).isEqualTo(6);
		assertThat(this.jdbc.sql("""
				SELECT months_submitted FROM warehouse.agg_indicator_year
				WHERE year = 2025 AND unit_code = '374' AND indicator = 'traffic_accidents'
				""").query(Integer.class).single()).isEqualTo(2);
		assertIncrementalEqualsFull();
	}

	@Test
	void completenessTakesInTheMonthsBeforeTheEarliestSoFar() throws Exception {
		// given completeness refreshed while the earliest report was January 2019
		write("14320", YearMonth.of(2019, 1), 1);
		ingestAndBuild();
		this.completeness.refresh();
		// when a report for June 2018 arrives
		write("14320", YearMonth.of(2018, 6), 1);
		ingestAndBuild();
		this.completeness.refresh();
		// then June to December 2018 are there for the fourteen communes, as after a full
		// refresh
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM warehouse.completeness WHERE period LIKE '2018-%' AND unit_code IN (:city)")
			.param("city", SubmissionFiles.VILLAGES.keySet())
			.query(Integer.class)
			.single()).isEqualTo(7 * 14);
		Map<String, List<String>> incremental = WarehouseSnapshot.take(this.jdbc);
		this.jdbc.sql("TRUNCATE warehouse.completeness_state").update();
		this.completeness.refresh();
		assertThat(WarehouseSnapshot.difference(incremental, WarehouseSnapshot.take(this.jdbc))).isEmpty();
	}

	@Test
	void aVillageWithoutRowsInTheFilesIsNotReported() throws Exception {
		// given Ninh Nhất's twelve villages reported all 2019, one with a new drug addict
		for (int month = 1; month <= 12; month++) {
			int m = month;
			SubmissionFiles.write(inbox(), "14347", YearMonth.of(2019, month), SubmissionFiles.values(),
					(village, indicator) -> (village == 3 && m == 7 && indicator.equals("new_drug_addicts")) ? 1 : 0);
		}
		ingestAndBuild();
		// when a thirteenth village is added to the catalogue afterwards
		Path villages = config.resolve("villages.csv");
		String catalogue = Files.readString(villages);
		try {
			Files.writeString(villages, catalogue
					+ "14347-13,Thôn 13,Thôn,village,14347,,2025-07-01,added after the files of 2019 loaded\n");
			ingestAndBuild();
			// then it has owed twelve months, reported none, and stays out of the shares
			assertThat(this.jdbc.sql(
					"SELECT months_expected, months_reported, new_drug_addicts FROM warehouse.village_year WHERE village_code = '14347-13'")
				.query()
				.singleRow()).containsEntry("months_expected", 12)
				.containsEntry("months_reported", 0)
				.containsEntry("new_drug_addicts", null);
			assertThat(this.jdbc.sql("""
					SELECT villages, villages_reported, drug_free_pct::text FROM warehouse.village_safety_yoy
					WHERE year = 2019 AND unit_code = '14347'
					""").query().singleRow()).containsEntry("villages", 13)
				.containsEntry("villages_reported", 12)
				.containsEntry("drug_free_pct", "91.7");
		}
		finally {
			Files.writeString(villages, catalogue);
		}
	}

	@Test
	void aValueAboveTheIndicatorsBoundIsRejected() throws Exception {
		SubmissionFiles.write(inbox(), "14347", YearMonth.of(2019, 1), SubmissionFiles.values(),
				(village, indicator) -> (village == 1 && indicator.equals("crime_cases")) ? 1001 : 0);
		ingestAndBuild();
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission").query(String.class).single())
			.isEqualTo("REJECTED");
		assertThat(this.jdbc.sql("SELECT rule || ': ' || message_en FROM ops.finding").query(String.class).list())
			.containsExactly("VALUE_ABOVE_BOUND: Value 1001 is above 1000, the most one month can plausibly hold for "
					+ "crime_cases: check it");
	}

	@Test
	void everyWarehouseColumnHoldsAnySumOfAcceptedValues() throws Exception {
		// given a catalogue that lifts the bound on crime cases to the largest value a
		// file can carry (a blank bound is the default one), and two months of it for one
		// village
		Path indicators = config.resolve("indicators.csv");
		String catalogue = Files.readString(indicators);
		try {
			Files.writeString(indicators,
					catalogue.replaceAll("(?m)^(crime_cases,.*),1000,(\\w*)$", "$1,9223372036854775807,$2"));
			for (int month = 1; month <= 2; month++) {
				SubmissionFiles.write(inbox(), "14347", YearMonth.of(2019, month), SubmissionFiles.values(),
						(village, indicator) -> (village == 1 && indicator.equals("crime_cases")) ? Long.MAX_VALUE : 0);
			}
			// when
			ingestAndBuild();
			this.completeness.refresh();
			// then the warehouse holds the sum, and completeness is there
			assertThat(this.jdbc
				.sql("SELECT crime_cases::text FROM warehouse.village_year WHERE village_code = '14347-01'")
				.query(String.class)
				.single()).isEqualTo("18446744073709551614");
			assertThat(this.jdbc.sql(
					"SELECT value::text FROM warehouse.agg_indicator_year WHERE year = 2019 AND unit_code = '37' AND indicator = 'crime_cases'")
				.query(String.class)
				.single()).isEqualTo("18446744073709551614");
			assertThat(this.jdbc
				.sql("SELECT count(*) FROM warehouse.completeness WHERE period = '2019-01' AND unit_code IN (:city)")
				.param("city", SubmissionFiles.VILLAGES.keySet())
				.query(Integer.class)
				.single()).isEqualTo(14);
		}
		finally {
			Files.writeString(indicators, catalogue);
		}
	}

	// summed over the unit's versions: province 37 before and after 2025-07-01 are two
	// rows
	long yearly(String unit, String indicator) {
		return this.jdbc.sql("""
				SELECT sum(value) FROM warehouse.agg_indicator_year
				WHERE year = 2025 AND unit_code = :unit AND level <> 'commune' AND indicator = :indicator
				""").param("unit", unit).param("indicator", indicator).query(Long.class).single();
	}

	long monthlySum(String unit, String indicator) {
		return this.jdbc.sql("""
				SELECT sum(value) FROM warehouse.agg_indicator_month
				WHERE year = 2025 AND unit_code = :unit AND level <> 'commune' AND indicator = :indicator
				""").param("unit", unit).param("indicator", indicator).query(Long.class).single();
	}

	void write(String unit, YearMonth period, long accidents) {
		SubmissionFiles.write(inbox(), unit, period, SubmissionFiles.values("traffic_accidents", accidents),
				(village, indicator) -> 0);
	}

	/** The villages the catalogue holds under a unit in a month. */
	List<String> villagesOf(String unit, YearMonth month) {
		return this.jdbc.sql("""
				SELECT code FROM ref.unit WHERE level = 'village' AND parent_code = :unit
				  AND valid_from <= :day AND valid_to > :day ORDER BY code
				""").param("unit", unit).param("day", month.atDay(1)).query(String.class).list();
	}

	void ingestAndBuild() throws Exception {
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jobRunner.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	String slicesOfLastBuild() {
		return this.jdbc.sql("SELECT slices FROM warehouse.build ORDER BY build_id DESC LIMIT 1")
			.query(String.class)
			.single();
	}

	/**
	 * The warehouse as the incremental builds left it is the one a full rebuild gives.
	 */
	void assertIncrementalEqualsFull() throws Exception {
		Map<String, List<String>> incremental = WarehouseSnapshot.take(this.jdbc);
		assertThat(this.jobRunner.run(WarehouseJob.NAME, WarehouseJob.parameters(true, null, null, null)).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(WarehouseSnapshot.difference(incremental, WarehouseSnapshot.take(this.jdbc))).isEmpty();
	}

}
