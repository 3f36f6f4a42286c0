package org.safetystats.reform;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SamePeriodOfOneUnit;
import org.safetystats.admin.JobRunner;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.report.AnnualReport;
import org.safetystats.warehouse.WarehouseJob;
import org.safetystats.ingest.IngestJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files from before and after the 2025 reform through ingest and the warehouse build,
 * then the same questions as then and as now. Hand-computed fixture, accidents a month:
 * <ul>
 * <li>2025-01..06, the nine wards of 2025-01-01 that became Phường Hoa Lư (14320, 14323,
 * 14329 Vân Giang, 14332, 14338, 14341, 14344, 14347, 14350): 1, 2, ... 9 (45 a month,
 * 270 in six months; Vân Giang 3) and 14527, 14536 of old Hoa Lư district that went to it
 * too: 1 each (12 in six months); 14356 and 14359 (to Nam Hoa Lư): 2 each; 13324 Phường
 * Hòa Mạc of old Hà Nam (split between 13324 Duy Tiên, 7 of its 10 villages, and 13330
 * Duy Tân, 3 villages): 10, and one crime in its village 13324-08 (which went to Duy Tân)
 * in February.</li>
 * <li>2025-07..10: 14329 Phường Hoa Lư 30, 14359 Nam Hoa Lư 5, 13324 Duy Tiên 5.</li>
 * <li>2026-01..10: Hoa Lư 40, Nam Hoa Lư 6, Duy Tiên 5, Duy Tân 2.</li>
 * </ul>
 * Nam Hoa Lư's predecessors from old Hoa Lư district (14551, 14554, 14557) never report.
 */
class ReformIntegrationTests extends IntegrationTestSupport {

	/** Numbers by value, whatever their scale (62 = 62.000000); NULL first. */
	private static final Comparator<Object> NUMERICALLY = Comparator
		.nullsFirst((a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b));

	private static final List<String> HOA_LU_2025_01 = List.of("14320", "14323", "14329", "14332", "14338", "14341",
			"14344", "14347", "14350");

	@Autowired
	JobRunner jobRunner;

	@Autowired
	ReferenceCatalogLoader catalogue;

	@Autowired
	AnnualReport report;

	private void acrossTheReform() throws Exception {
		ReformFixture files = new ReformFixture(this.catalogue.load(), inbox());
		for (int i = 0; i < HOA_LU_2025_01.size(); i++) {
			files.submit(HOA_LU_2025_01.get(i), YearMonth.of(2025, 1), YearMonth.of(2025, 6), i + 1);
		}
		files.submit("14527", YearMonth.of(2025, 1), YearMonth.of(2025, 6), 1);
		files.submit("14536", YearMonth.of(2025, 1), YearMonth.of(2025, 6), 1);
		files.submit("14356", YearMonth.of(2025, 1), YearMonth.of(2025, 6), 2);
		files.submit("14359", YearMonth.of(2025, 1), YearMonth.of(2025, 6), 2);
		for (int month = 1; month <= 6; month++) {
			files.submit("13324", YearMonth.of(2025, month), 10, (month == 2) ? Map.of("13324-08", 1L) : Map.of());
		}
		files.submit("14329", YearMonth.of(2025, 7), YearMonth.of(2025, 10), 30);
		files.submit("14359", YearMonth.of(2025, 7), YearMonth.of(2025, 10), 5);
		files.submit("13324", YearMonth.of(2025, 7), YearMonth.of(2025, 10), 5);
		files.submit("14329", YearMonth.of(2026, 1), YearMonth.of(2026, 10), 40);
		files.submit("14359", YearMonth.of(2026, 1), YearMonth.of(2026, 10), 6);
		files.submit("13324", YearMonth.of(2026, 1), YearMonth.of(2026, 10), 5);
		files.submit("13330", YearMonth.of(2026, 1), YearMonth.of(2026, 10), 2);
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT count(*) FROM ops.submission WHERE status <> 'LOADED'")).isZero();
		assertThat(this.jobRunner.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void fullMergeSumsItsPredecessorsExactlyAsNowWhileAsThenKeepsTheUnitsApart() throws Exception {
		acrossTheReform();
		// as now: Phường Hoa Lư, January to October 2026 against its predecessors' same
		// months of 2025
		assertThat(samePeriod("14329", "traffic_accidents")).containsEntry("unit_name", "Phường Hoa Lư")
			.containsEntry("value", decimal(400))
			.containsEntry("prev_value", decimal(270 + 12 + 120))
			.containsEntry("change", decimal(-2))
			.containsEntry("change_pct", new BigDecimal("-0.5"))
			.containsEntry("complete", true)
			.containsEntry("estimated", false);
		// Nam Hoa Lư: exact over what came in, but three predecessors never reported
		assertThat(samePeriod("14359", "traffic_accidents")).containsEntry("value", decimal(60))
			.containsEntry("prev_value", decimal(24 + 20))
			.containsEntry("complete", false);
		assertThat(this.jdbc.sql("""
				SELECT value, prev_value, complete FROM warehouse.indicator_yoy_as_now
				WHERE unit_code = '14329' AND level = 'commune' AND indicator = 'traffic_accidents' AND year = 2026
				""").query().singleRow()).containsEntry("value", decimal(400))
			.containsEntry("prev_value", decimal(402))
			.containsEntry("complete", false);
		// as then: 2025 under code 14329 is two units, never one mixed row
		assertThat(this.jdbc.sql("""
				SELECT unit_name || ' ' || unit_valid_from || '..' || unit_valid_to || ' ' || accidents
				FROM warehouse.traffic_yoy WHERE unit_code = '14329' AND level = 'commune' AND year = 2025
				ORDER BY unit_valid_from
				""").query(String.class).list()).containsExactly("Phường Vân Giang 2025-01-01..2025-07-01 18",
				"Phường Hoa Lư 2025-07-01..infinity 120");
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM warehouse.same_period('2025-01', '2025-12')
				WHERE unit_code = '14329' AND level = 'commune' AND indicator = 'traffic_accidents'
				""").query(Long.class).single()).isEqualTo(2);
		// the city's old wards owed reports until 2025-06 only, Phường Hoa Lư from
		// 2025-07
		assertThat(this.jdbc.sql("""
				SELECT string_agg(DISTINCT to_char(period, 'YYYY-MM'), ',') FROM warehouse.commune_month
				WHERE commune_code = '14320' AND year = 2025
				""").query(String.class).single()).isEqualTo("2025-01,2025-02,2025-03,2025-04,2025-05,2025-06");
	}

	@Test
	void partialSplitIsApportionedByVillagesAndMarkedEstimatedWithRatesPer100k() throws Exception {
		acrossTheReform();
		assertThat(samePeriod("13324", "traffic_accidents")).containsEntry("value", decimal(50))
			.containsEntry("prev_value", new BigDecimal("62.000000"))
			.containsEntry("estimated", true);
		assertThat(samePeriod("13330", "traffic_accidents")).containsEntry("value", decimal(20))
			.containsEntry("prev_value", new BigDecimal("18.000000"))
			.containsEntry("estimated", true);
		// village-level counts follow the village itself: exact, not estimated
		assertThat(samePeriod("13330", "crime_cases")).containsEntry("prev_value", decimal(1))
			.containsEntry("estimated", false);
		assertThat(samePeriod("13324", "crime_cases")).containsEntry("prev_value", decimal(0));
		assertThat(this.jdbc.sql("""
				SELECT value, prev_value, estimated FROM warehouse.same_period_as_now('2026-01', '2026-10')
				WHERE unit_code = '37' AND level = 'province' AND indicator = 'traffic_accidents'
				""").query().singleRow()).containsEntry("value", decimal(400 + 60 + 50 + 20))
			.containsEntry("prev_value", new BigDecimal("526.000000"))
			.containsEntry("estimated", true);
		// per 100,000 people: Phường Hoa Lư has 148,406 (2024 figures of the 2025 units)
		assertThat(this.jdbc.sql("SELECT * FROM warehouse.traffic_yoy_as_now WHERE unit_code = '14329' AND year = 2026")
			.query()
			.singleRow()).containsEntry("accidents", decimal(400))
			.containsEntry("population", 148406L)
			.containsEntry("accidents_per_100k", new BigDecimal("269.5"))
			.containsEntry("prev_accidents_per_100k", new BigDecimal("270.9"))
			.containsEntry("estimated", false);
		assertThat(this.jdbc.sql("""
				SELECT villages, villages_reported, crime_free_pct FROM warehouse.village_safety_yoy_as_now
				WHERE unit_code = '13330' AND level = 'commune' AND year = 2026
				""").query().singleRow()).containsEntry("villages", 3L)
			.containsEntry("villages_reported", 3L)
			.containsEntry("crime_free_pct", new BigDecimal("100.0"));
	}

	/**
	 * Bounds (issue 25): low counts only what is placed exactly, high every split
	 * predecessor whole. Hòa Mạc's 60 accidents of 2025-01..06 went 7/10 to Duy Tiên
	 * (13324) and 3/10 to Duy Tân (13330): Duy Tiên's 2025-01..10 is 42 + its own 20 =
	 * 62, between 20 (its own) and 80 (Hòa Mạc whole); Duy Tân's is 18, between 0 and 60.
	 * Province 37 holds both successors, so there Hòa Mạc is placed exactly.
	 */
	@Test
	void asNowFiguresCarryBoundsOfWhatIsPlacedExactly() throws Exception {
		acrossTheReform();
		// partial split, apportioned by villages
		assertBounds(samePeriod("13324", "traffic_accidents"), 50, 50, 50, 62, 20, 80);
		assertBounds(samePeriod("13330", "traffic_accidents"), 20, 20, 20, 18, 0, 60);
		assertBounds(this.jdbc.sql("""
				SELECT * FROM warehouse.indicator_yoy_as_now
				WHERE unit_code = '13330' AND level = 'commune' AND indicator = 'traffic_accidents' AND year = 2026
				""").query().singleRow(), 20, 20, 20, 18, 0, 60);
		assertThat(yearAsNow("13330", 2025, "traffic_accidents")).usingElementComparator(NUMERICALLY)
			.containsExactly(decimal(18), decimal(0), decimal(60));
		Map<String, Object> duyTien = this.jdbc
			.sql("SELECT * FROM warehouse.traffic_yoy_as_now WHERE unit_code = '13324' AND year = 2026")
			.query()
			.singleRow();
		assertThat((BigDecimal) duyTien.get("prev_accidents")).isEqualByComparingTo("62");
		assertThat((BigDecimal) duyTien.get("prev_accidents_low")).isEqualByComparingTo("20");
		assertThat((BigDecimal) duyTien.get("prev_accidents_high")).isEqualByComparingTo("80");
		// 39,957 people: 20 and 80 accidents per 100,000
		assertThat(duyTien).containsEntry("population", 39957L)
			.containsEntry("prev_accidents_per_100k_low", new BigDecimal("50.1"))
			.containsEntry("prev_accidents_per_100k_high", new BigDecimal("200.2"));
		// the province holds every unit Hòa Mạc went to: exact there
		assertBounds(this.jdbc.sql("""
				SELECT * FROM warehouse.same_period_as_now('2026-01', '2026-10')
				WHERE unit_code = '37' AND level = 'province' AND indicator = 'traffic_accidents'
				""").query().singleRow(), 530, 530, 530, 526, 526, 526);
		// full merges: low = value = high
		assertBounds(samePeriod("14329", "traffic_accidents"), 400, 400, 400, 402, 402, 402);
		assertThat(yearAsNow("14329", 2025, "traffic_accidents")).usingElementComparator(NUMERICALLY)
			.containsExactly(decimal(402), decimal(402), decimal(402));
		// exact figures: a village's crime placed by the village itself; Duy Tiên's own
		// end-of-period black spots
		assertBounds(samePeriod("13330", "crime_cases"), 0, 0, 0, 1, 1, 1);
		assertBounds(samePeriod("13324", "traffic_black_spots"), 0, 0, 0, 0, 0, 0);
		assertThat(this.jdbc.sql("""
				SELECT crime_free_pct, crime_free_pct_low, crime_free_pct_high, villages_low, villages_high
				FROM warehouse.village_safety_yoy_as_now WHERE unit_code = '13330' AND level = 'commune' AND year = 2026
				""").query().singleRow()).containsEntry("crime_free_pct_low", new BigDecimal("100.0"))
			.containsEntry("crime_free_pct_high", new BigDecimal("100.0"))
			.containsEntry("villages_low", 3L)
			.containsEntry("villages_high", 3L);
		// everywhere: low <= value <= high, NULL only with the value, and equal where no
		// weight entered (no village of this catalogue is placed by a guess)
		assertThat(count("""
				SELECT count(*) FROM warehouse.as_now_year
				WHERE (value_low IS NULL) <> (value IS NULL) OR (value_high IS NULL) <> (value IS NULL)
				   OR value_low > value OR value > value_high
				   OR (NOT estimated AND (value_low <> value OR value_high <> value))
				""")).isZero();
		assertThat(count("SELECT count(*) FROM warehouse.as_now_year WHERE value_low < value_high")).isEqualTo(2);
		// each unit asked for alone: the same rows, a split and a merge among them
		assertThat(SamePeriodOfOneUnit.check(this.jdbc, "2026-01", "2026-10", "14329", "13324", "13330", "13327",
				"14320", "37"))
			.isGreaterThan(20);
	}

	private void assertBounds(Map<String, Object> row, long value, long low, long high, long prev, long prevLow,
			long prevHigh) {
		assertThat(Arrays.asList(row.get("value"), row.get("value_low"), row.get("value_high"), row.get("prev_value"),
				row.get("prev_value_low"), row.get("prev_value_high")))
			.usingElementComparator(NUMERICALLY)
			.containsExactly(decimal(value), decimal(low), decimal(high), decimal(prev), decimal(prevLow),
					decimal(prevHigh));
	}

	private List<Object> yearAsNow(String unit, int year, String indicator) {
		Map<String, Object> row = this.jdbc.sql("""
				SELECT value, value_low, value_high FROM warehouse.as_now_year
				WHERE unit_code = :unit AND level = 'commune' AND year = :year AND indicator = :indicator
				""").param("unit", unit).param("year", year).param("indicator", indicator).query().singleRow();
		return Arrays.asList(row.get("value"), row.get("value_low"), row.get("value_high"));
	}

	@Test
	void asNowYearsAreRebuiltOnlyForTheYearsBuiltWithOtherMaps() throws Exception {
		// given the history built as of the test clock's day
		acrossTheReform();
		List<String> asNow = asNowYears();
		String maps = this.jdbc.sql("SELECT maps FROM warehouse.as_now_built WHERE year = 2026")
			.query(String.class)
			.single();
		assertThat(asNow).isNotEmpty();
		// when it is built as of the next day, on which no unit and no owed month moves
		String slices = slicesBuiltAsOf(LocalDate.of(2026, 11, 21));
		// then the maps are made for that day, alike, and no year is rebuilt
		assertThat(this.jdbc.sql("SELECT DISTINCT mapped_on FROM warehouse.unit_map").query(LocalDate.class).list())
			.containsExactly(LocalDate.of(2026, 11, 21));
		assertThat(slices).isEmpty();
		assertThat(this.jdbc.sql("SELECT year || ' ' || maps FROM warehouse.as_now_built ORDER BY year")
			.query(String.class)
			.list()).containsExactly("2025 " + maps, "2026 " + maps);
		// when a year's as-now rows were built with other maps (and are wrong)
		this.jdbc.sql("UPDATE warehouse.as_now_built SET maps = 'other' WHERE year = 2025").update();
		this.jdbc.sql("UPDATE warehouse.agg_indicator_year_as_now SET value = 0 WHERE year = 2025").update();
		slices = slicesBuiltAsOf(LocalDate.of(2026, 11, 22));
		// then that year alone is rebuilt whole, and its as-now rows are those of the
		// maps
		assertThat(slices).isEqualTo("2025:*");
		assertThat(
				this.jdbc.sql("SELECT maps FROM warehouse.as_now_built WHERE year = 2025").query(String.class).single())
			.isEqualTo(maps);
		assertThat(asNowYears()).isEqualTo(asNow);
	}

	@Test
	void aYearWhoseOwedMonthsMoveWithTheAsOfDateIsRebuiltWhole() throws Exception {
		// given the history built as of the test clock's day (2026-11-20): October 2026
		// is owed (due on the 5th), November not yet
		acrossTheReform();
		// when it is built as of a day on which November has come due, then 2026 is
		// rebuilt whole, and no other year
		assertThat(slicesBuiltAsOf(LocalDate.of(2026, 12, 6))).isEqualTo("2026:*");
		// when it is built as of the next January, after December has come due: the year
		// before's last month moves
		assertThat(slicesBuiltAsOf(LocalDate.of(2027, 1, 10))).isEqualTo("2026:*");
		// when it is built as of an earlier day (to reproduce a past report), in the new
		// year: December, built as owed, is not yet due, and the year before is rebuilt
		// whole
		assertThat(slicesBuiltAsOf(LocalDate.of(2027, 1, 3))).isEqualTo("2026:*");
		// and as of the first day again: November is not owed either
		assertThat(slicesBuiltAsOf(LocalDate.of(2026, 11, 20))).isEqualTo("2026:*");
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM warehouse.commune_month
				WHERE year = 2026 AND period >= DATE '2026-11-01' AND expected
				""").query(Long.class).single()).isZero();
		// and as of the next day, on which no owed month moves, nothing is
		assertThat(slicesBuiltAsOf(LocalDate.of(2026, 11, 21))).isEmpty();
	}

	private List<String> asNowYears() {
		return this.jdbc.sql("SELECT CAST(y AS text) FROM warehouse.as_now_year y ORDER BY 1")
			.query(String.class)
			.list();
	}

	// the warehouse built as of the day; the slices the build recorded
	private String slicesBuiltAsOf(LocalDate day) throws Exception {
		assertThat(this.jobRunner.run(WarehouseJob.NAME, asOf(day)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return lastBuildSlices();
	}

	private String lastBuildSlices() {
		return this.jdbc.sql("SELECT slices FROM warehouse.build ORDER BY build_id DESC LIMIT 1")
			.query(String.class)
			.single();
	}

	private static JobParameters asOf(LocalDate day) {
		return WarehouseJob.parameters(false, null, null, null, day);
	}

	/**
	 * The as-now windows the build stored month by month (read by {@code as_now_window})
	 * are those computed from the facts ({@code as_now_window_of}), for every window
	 * within a year of the history, for the country, for a province and for a ward alone:
	 * the merges, the split, the code reused, the months missing at a window's end, the
	 * villages; and for windows across the year's end (2025 into 2026), whose sums are
	 * read from both years' months and whose end-of-period values are computed.
	 */
	@Test
	void asNowWindowsReadFromTheBuiltMonthsAreThoseComputedFromTheFacts() throws Exception {
		acrossTheReform();
		Map<String, Object> compared = AsNowWindowsCompared.compare(this.jdbc,
				"""
						months AS (
						    SELECT CAST(f AS date) AS first, CAST(t AS date) AS last
						    FROM generate_series(DATE '2025-01-01', DATE '2026-12-01', INTERVAL '1 month') AS f
						    CROSS JOIN LATERAL generate_series(f, date_trunc('year', f) + INTERVAL '11 months',
						                                       INTERVAL '1 month') AS t
						), windows AS (
						    -- the country: every start against the ends of a half year, of the months reported in 2026
						    -- and of the year, and every month alone; a ward alone, from the quarters' starts
						    SELECT first, last, CAST(NULL AS text[]) AS provinces, CAST(NULL AS text[]) AS units FROM months
						    WHERE extract(month FROM last) IN (6, 10, 12) OR first = last
						    UNION ALL
						    SELECT first, last, ARRAY['37'], ARRAY[u] FROM months CROSS JOIN unnest(ARRAY['14329', '13330']) AS u
						    WHERE extract(month FROM last) IN (6, 10, 12) AND extract(month FROM first) IN (1, 4, 7, 10)
						    UNION ALL
						    -- across the year's end (sums and months complete read from both years' months, end-of-period
						    -- values computed): the country, and each ward alone
						    SELECT f, t, p, u
						    FROM (VALUES (DATE '2025-07-01'), (DATE '2025-10-01'), (DATE '2025-12-01')) AS a (f)
						    CROSS JOIN (VALUES (DATE '2026-01-01'), (DATE '2026-02-01'), (DATE '2026-06-01')) AS b (t)
						    CROSS JOIN (VALUES (CAST(NULL AS text[]), CAST(NULL AS text[])), (ARRAY['37'], ARRAY['14329']),
						                       (ARRAY['37'], ARRAY['13330'])) AS w (p, u)
						)
						""");
		assertThat(compared).containsEntry("windows", 2L * (6 + 10 + 12 - 3 + 12) + 2 * 2 * (2 + 4 + 4) + 3 * 3 * 3);
		assertThat((Long) compared.get("values")).isGreaterThan(2000);
		assertThat((Long) compared.get("uncertain")).isPositive();
		assertThat(compared).containsEntry("only_built", 0L).containsEntry("only_computed", 0L);
	}

	@Test
	void annualReportAsNowListsThePredecessorsAndMarksEstimatedFigures() throws Exception {
		acrossTheReform();
		Path folder = home().resolve("reports");
		String asNow = Files.readString(this.report.write(2026, "13330", "en", folder).get(0));
		assertThat(asNow).contains("As now: the unit as it is today")
			.contains("Predecessors: 13324 Phường Hòa Mạc (until 2025-07-01, in part)")
			.contains("Traffic accidents *")
			.contains("* Estimated: apportioned from a split unit by weight.")
			// the months the figures rest on, counted over the predecessors (no "–" of an
			// unknown count)
			.containsPattern("The figures rest on [0-9,]+ of [0-9,]+ monthly reports")
			.doesNotContain("rest on – of –");
		String hoaLu = Files.readString(this.report.write(2026, "14329", "en", folder).get(0));
		assertThat(hoaLu).contains("14320 Phường Đông Thành (until 2025-07-01)")
			.contains("14527 Phường Ninh Mỹ (until 2025-07-01)")
			.doesNotContain("Traffic accidents *");
		String asThen = Files.readString(this.report.write(2026, "14329", "en", folder, false).get(0));
		assertThat(asThen).contains("As then: the units as they reported.").doesNotContain("Predecessors");
	}

	@Test
	void fileOfAnAbolishedUnitIsRejectedNamingTheUnitValidThen() throws Exception {
		ReformFixture files = new ReformFixture(this.catalogue.load(), inbox());
		files.submit("14329", YearMonth.of(2025, 8), 1, Map.of());
		files.submit("14329", YearMonth.of(2025, 3), 1, Map.of());
		files.submit("14320", YearMonth.of(2025, 2), 1, Map.of());
		files.submit("14320", YearMonth.of(2025, 8), 1, Map.of());
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT file_name || ' ' || status FROM ops.submission ORDER BY file_name")
			.query(String.class)
			.list()).containsExactly("14320_2025-02.csv LOADED", "14320_2025-08.csv REJECTED",
					"14329_2025-03.csv LOADED", "14329_2025-08.csv LOADED");
		assertThat(this.jdbc.sql("""
				SELECT rule || ': ' || message_en FROM ops.finding f JOIN ops.submission s USING (submission_id)
				WHERE s.file_name = '14320_2025-08.csv'
				""").query(String.class).list()).containsExactly(
				"UNIT_ENDED: Unit 14320 no longer existed in 2025-08: the unit valid then is 14329 Phường Hoa Lư");
		// Vân Giang's March and Hoa Lư's August carry different villages
		assertThat(
				count("""
						SELECT count(DISTINCT v.village_code) FROM ops.submission_value v JOIN ops.submission s USING (submission_id)
						WHERE s.file_name = '14329_2025-08.csv'
						"""))
			.isEqualTo(172);
		assertThat(
				count("""
						SELECT count(DISTINCT v.village_code) FROM ops.submission_value v JOIN ops.submission s USING (submission_id)
						WHERE s.file_name = '14329_2025-03.csv'
						"""))
			.isEqualTo(50);
	}

	/**
	 * The contract's rules where they bite (issue 25): 13324 Phường Hòa Mạc until
	 * 2025-07-01 (2024 whole: 10 accidents and 4 black spots a month; 2025-01..05: 10
	 * accidents, black spots 1..5, June missing), then Phường Duy Tiên (2025-07..10 and
	 * 2026-01..10: 5 accidents, 2 black spots); 14329 Vân Giang 2025-01..06 (3 accidents,
	 * 1 death, 1 injury a month), Phường Hoa Lư 2025-07..10 (30, 1, 1) and 2026-01..10 (5
	 * accidents, none hurt).
	 */
	@Test
	void yearOverYearComparesTheSameMonthsUnderTheSameVersionAndMarksOnlyWhatIsEstimatedOrComplete() throws Exception {
		clearWarehouse();
		ReformFixture files = new ReformFixture(this.catalogue.load(), inbox());
		files.submit("13324", YearMonth.of(2024, 1), YearMonth.of(2024, 12),
				Map.of("traffic_accidents", 10L, "traffic_black_spots", 4L));
		for (int month = 1; month <= 5; month++) {
			files.submit("13324", YearMonth.of(2025, month),
					Map.of("traffic_accidents", 10L, "traffic_black_spots", (long) month), Map.of());
		}
		Map<String, Long> duyTien = Map.of("traffic_accidents", 5L, "traffic_black_spots", 2L);
		files.submit("13324", YearMonth.of(2025, 7), YearMonth.of(2025, 10), duyTien);
		files.submit("13324", YearMonth.of(2026, 1), YearMonth.of(2026, 10), duyTien);
		files.submit("14329", YearMonth.of(2025, 1), YearMonth.of(2025, 6),
				Map.of("traffic_accidents", 3L, "traffic_deaths", 1L, "traffic_injuries", 1L));
		files.submit("14329", YearMonth.of(2025, 7), YearMonth.of(2025, 10),
				Map.of("traffic_accidents", 30L, "traffic_deaths", 1L, "traffic_injuries", 1L));
		files.submit("14329", YearMonth.of(2026, 1), YearMonth.of(2026, 10), 5);
		try {
			assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(count("SELECT count(*) FROM ops.submission WHERE status <> 'LOADED'")).isZero();
			assertThat(this.jobRunner.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(this.jdbc.sql("SELECT warehouse.as_of()").query(LocalDate.class).single())
				.isEqualTo(LocalDate.of(2026, 11, 20));

			// cùng kỳ, as then: Phường Hoa Lư began on 2025-07-01, so January-October
			// 2025 was
			// not its own: no comparison (it was 400 against 120, +233%)
			assertThat(this.jdbc
				.sql("""
						SELECT value, prev_value, change_pct, months_compared FROM warehouse.same_period('2026-01', '2026-10')
						WHERE unit_code = '14329' AND level = 'commune' AND indicator = 'traffic_accidents'
						""")
				.query()
				.singleRow()).containsEntry("value", decimal(50))
				.containsEntry("prev_value", null)
				.containsEntry("change_pct", null)
				.containsEntry("months_compared", "2026-01..2026-10");
			// a version that ended within the year against the same months of the year
			// before
			Map<String, Object> hoaMac = this.jdbc.sql("""
					SELECT value, prev_value, months_compared FROM warehouse.indicator_yoy
					WHERE unit_code = '13324' AND level = 'commune' AND indicator = 'traffic_accidents' AND year = 2025
					  AND unit_valid_to = DATE '2025-07-01'
					""").query().singleRow();
			assertThat(hoaMac).containsEntry("value", decimal(50))
				.containsEntry("prev_value", decimal(60))
				.containsEntry("months_compared", "2025-01..2025-06");
			// end of period: the last month reported within the months the version covers
			// (May, June missing), not NULL; and not complete
			assertThat(this.jdbc.sql("""
					SELECT value, prev_value, months_compared, complete FROM warehouse.same_period('2025-04', '2025-09')
					WHERE unit_code = '13324' AND level = 'commune' AND indicator = 'traffic_black_spots'
					  AND unit_valid_to = DATE '2025-07-01'
					""").query().singleRow()).containsEntry("value", decimal(5))
				.containsEntry("prev_value", decimal(4))
				.containsEntry("months_compared", "2025-04..2025-06")
				.containsEntry("complete", false);

			// as now: all three fell for Phường Hoa Lư (50, 0, 0 against 138, 10, 10),
			// but
			// its predecessors did not all report in 2025: not a sound comparison
			assertThat(this.jdbc
				.sql("""
						SELECT accidents, prev_accidents, all_three_fell, both_years_complete FROM warehouse.traffic_yoy_as_now
						WHERE unit_code = '14329' AND level = 'commune' AND year = 2026
						""")
				.query()
				.singleRow()).containsEntry("accidents", decimal(50))
				.containsEntry("prev_accidents", decimal(138))
				.containsEntry("both_years_complete", false)
				.containsEntry("all_three_fell", null);
			assertThat(count("""
					SELECT count(*) FROM warehouse.traffic_yoy_as_now WHERE all_three_fell AND NOT both_years_complete
					""")).isZero();
			// Duy Tiên's black spots at the end of either window are its own: exact, no
			// weight entered them; its accidents include 7/10 of Hòa Mạc's: estimated
			Map<String, Object> blackSpots = this.jdbc.sql("""
					SELECT value, prev_value, estimated FROM warehouse.same_period_as_now('2026-01', '2026-10')
					WHERE unit_code = '13324' AND level = 'commune' AND indicator = 'traffic_black_spots'
					""").query().singleRow();
			assertThat(blackSpots).containsEntry("estimated", false);
			assertThat((BigDecimal) blackSpots.get("value")).isEqualByComparingTo("2");
			assertThat((BigDecimal) blackSpots.get("prev_value")).isEqualByComparingTo("2");
			assertThat(this.jdbc.sql("""
					SELECT estimated FROM warehouse.same_period_as_now('2026-01', '2026-10')
					WHERE unit_code = '13324' AND level = 'commune' AND indicator = 'traffic_accidents'
					""").query(Boolean.class).single()).isTrue();
		}
		finally {
			clearWarehouse();
		}
	}

	/** A test that builds its own history leaves no year behind for the others. */
	private void clearWarehouse() {
		this.jdbc.sql("""
				TRUNCATE warehouse.build, warehouse.completeness, warehouse.completeness_state,
				    warehouse.commune_month, warehouse.fact_value, warehouse.agg_indicator_month,
				    warehouse.agg_indicator_year, warehouse.village_year, warehouse.agg_village_year,
				    warehouse.agg_indicator_year_as_now, warehouse.agg_village_year_as_now, warehouse.as_now_built,
				    warehouse.agg_indicator_month_as_now, warehouse.commune_month_as_now
				""").update();
	}

	private Map<String, Object> samePeriod(String unit, String indicator) {
		return this.jdbc.sql("""
				SELECT * FROM warehouse.same_period_as_now('2026-01', '2026-10')
				WHERE unit_code = :unit AND level = 'commune' AND indicator = :indicator
				""").param("unit", unit).param("indicator", indicator).query().singleRow();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private static BigDecimal decimal(long value) {
		return BigDecimal.valueOf(value);
	}

}
