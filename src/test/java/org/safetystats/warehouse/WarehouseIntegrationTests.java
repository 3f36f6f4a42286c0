package org.safetystats.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.safetystats.system.UsageException;
import org.safetystats.warehouse.WarehouseContract.Basis;
import org.safetystats.warehouse.WarehouseContract.FormerUnit;
import org.safetystats.warehouse.WarehouseContract.IndicatorYear;
import org.safetystats.warehouse.WarehouseContract.Predecessor;
import org.safetystats.warehouse.WarehouseContract.SamePeriod;
import org.safetystats.warehouse.WarehouseContract.TrafficYear;
import org.safetystats.warehouse.WarehouseContract.UnitYear;
import org.safetystats.warehouse.WarehouseContract.VillageSafetyYear;
import org.safetystats.warehouse.WarehouseContract.VillageYear;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * Two years of submissions for two communes of Ninh Bình city, built into the warehouse:
 * exact yearly values, changes, village ratios and rollups to the city and province; a
 * resubmission changes exactly the figures it touches; a second build changes nothing; a
 * missing month shows as incomplete, never as zero.
 *
 * <p>
 * Xã Ninh Nhất (14347, 12 villages), every month of 2018 and 2019: 2 accidents a month in
 * 2018 and 1 in 2019; 1 death in January 2018 only; 2 injuries a month in 2018, 1 in
 * 2019; black spots 2 (1 in December 2018, 0 in December 2019); crimes in village 1
 * (March 2018, February 2019) and village 2 (May 2018); a new drug addict in village 3 in
 * July 2019; camera model in villages 1-2 all along and 3-5 from September 2019. Xã Ninh
 * Tiến (14350, 14 villages): 1 accident a month, no deaths, nothing in the villages, and
 * no report for June 2019. The warehouse's readers see them through
 * {@link WarehouseContract}, as then and as now.
 */
class WarehouseIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRunner jobRunner;

	@Autowired
	WarehouseContract contract;

	@Autowired
	MonthlySeries months;

	@BeforeEach
	void twoYearsOfTwoCommunes() throws Exception {
		this.jdbc.sql("TRUNCATE warehouse.build").update();
		for (int year = 2018; year <= 2019; year++) {
			for (int month = 1; month <= 12; month++) {
				YearMonth period = YearMonth.of(year, month);
				ninhNhat(period, (year == 2018) ? 2 : 1);
				if (!period.equals(YearMonth.of(2019, 6))) {
					SubmissionFiles.write(inbox(), "14350", period, SubmissionFiles.values("traffic_accidents", 1),
							(village, indicator) -> 0);
				}
			}
		}
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(build(new JobParameters()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	private void ninhNhat(YearMonth period, long accidents) {
		int year = period.getYear();
		int month = period.getMonthValue();
		long blackSpots = (month == 12) ? ((year == 2018) ? 1 : 0) : 2;
		SubmissionFiles.write(inbox(), "14347", period,
				SubmissionFiles.values("traffic_accidents", accidents, "traffic_deaths",
						(year == 2018 && month == 1) ? 1 : 0, "traffic_injuries", (year == 2018) ? 2 : 1,
						"traffic_black_spots", blackSpots, "active_security_models", (year == 2018) ? 3 : 4),
				(village, indicator) -> switch (indicator) {
					case "crime_cases" ->
						((village == 1 && year == 2018 && month == 3) || (village == 1 && year == 2019 && month == 2)
								|| (village == 2 && year == 2018 && month == 5)) ? 1 : 0;
					case "new_drug_addicts" -> (village == 3 && year == 2019 && month == 7) ? 1 : 0;
					default -> (village <= 2 || (village <= 5 && year == 2019 && month >= 9)) ? 1 : 0;
				});
	}

	/**
	 * The warehouse contract as the console, the report and the demo read it, as then:
	 * the figures above, as records.
	 */
	@Test
	void theContractReadsTheUnitsAsTheyReported() {
		assertThat(this.contract.years("14347")).containsExactly(2019, 2018);
		List<IndicatorYear> nhat = this.contract.indicatorYears("14347", 2019, Basis.THEN);
		assertThat(nhat).extracting(IndicatorYear::indicator)
			.containsExactly("traffic_accidents", "traffic_deaths", "traffic_injuries", "traffic_black_spots",
					"active_security_models", "crime_cases", "new_drug_addicts", "camera_model");
		assertThat(nhat.get(0)).isEqualTo(new IndicatorYear("14347", "commune", LocalDate.MIN, "traffic_accidents",
				"Số vụ tai nạn giao thông", "Traffic accidents (cases)", decimal(12), decimal(24), decimal(-12),
				new BigDecimal("-50.0"), true, 12, 12, false));
		assertThat(this.contract.traffic("369", 2019, Basis.THEN))
			.containsExactly(new TrafficYear("369", "Thành phố Ninh Bình", "district", 2019, LocalDate.MIN, decimal(23),
					decimal(36), decimal(0), decimal(1), decimal(12), decimal(24), null, 0, false));
		assertThat(this.contract.villageSafety("14347", 2019, Basis.THEN))
			.containsExactly(new VillageSafetyYear("14347", "Xã Ninh Nhất", "commune", 2019, LocalDate.MIN, 12, 12,
					new BigDecimal("91.7"), new BigDecimal("83.3"), new BigDecimal("91.7"), new BigDecimal("100.0"),
					decimal(5), decimal(2), false));
		assertThat(this.contract.history("14347", "commune", LocalDate.MIN, 2019, Basis.THEN))
			.extracting((y) -> y.traffic().year() + " " + y.traffic().accidents() + " " + y.crimeFreePct())
			.containsExactly("2018 24 83.3", "2019 12 91.7");
		// the city's 14 wards and communes, of which two reported (Ninh Tiến missed June:
		// none of its villages reported every month)
		List<UnitYear> wards = this.contract.communesUnder("369", 2019, Basis.THEN);
		assertThat(wards).hasSize(14);
		assertThat(wards.stream().filter((w) -> w.traffic().accidents() != null))
			.extracting((w) -> w.traffic().unitCode() + " " + w.traffic().accidents() + " " + w.crimeFreePct())
			.containsExactly("14347 12 91.7", "14350 11 null");
		List<VillageYear> villages = this.contract.villages("14347", 2019, Basis.THEN);
		assertThat(villages).hasSize(12);
		assertThat(villages.stream().filter((v) -> v.crimeCases().signum() > 0)).extracting(VillageYear::villageCode)
			.containsExactly("14347-01");
		assertThat(villages.stream().filter((v) -> v.cameraModelEnd().signum() > 0))
			.extracting(VillageYear::villageCode)
			.containsExactly("14347-01", "14347-02", "14347-03", "14347-04", "14347-05");
		// the files came in years after their due day
		assertThat(this.contract.completeness("14350", 2019, Basis.THEN)).containsExactly(entry("ON_TIME", 0L),
				entry("LATE", 11L), entry("MISSING", 1L), entry("REJECTED", 0L), entry("NOT_DUE", 0L));
		assertThat(
				this.contract.samePeriod(YearMonth.of(2019, 1), YearMonth.of(2019, 9), "14347", "commune", Basis.THEN))
			.first()
			.isEqualTo(new SamePeriod("14347", "commune", LocalDate.MIN, "traffic_accidents",
					"Số vụ tai nạn giao thông", "Traffic accidents (cases)", decimal(9), decimal(18), decimal(-9),
					new BigDecimal("-50.0"), true, false, decimal(9), decimal(9), decimal(18), decimal(18)));
		assertThat(this.contract.unitName("14347")).contains("Xã Ninh Nhất");
		assertThat(this.contract.unitName("99999")).isEmpty();
		assertThat(this.contract.isUnknownUnit("99999")).isTrue();
		assertThat(this.contract.isUnknownUnit("14347")).isFalse();
	}

	/**
	 * The contract as now: the warehouse is built as of the test clock's day
	 * (2026-11-20), when Ninh Nhất and Ninh Tiến are two of the eleven predecessors of
	 * Phường Hoa Lư (14329, from 2025-07-01), the only ones that reported; a full merge,
	 * so exact.
	 */
	@Test
	void theContractReadsHistoryOntoTheUnitsValidOnTheAsOfDate() {
		assertThat(this.contract.validOnAsOfDate("14329")).isTrue();
		assertThat(this.contract.validOnAsOfDate("14347")).isFalse();
		LocalDate hoaLu = LocalDate.of(2025, 7, 1);
		assertThat(this.contract.traffic("14329", 2019, Basis.NOW))
			.containsExactly(new TrafficYear("14329", "Phường Hoa Lư", "commune", 2019, hoaLu, decimal(12 + 11),
					decimal(24 + 12), decimal(0), decimal(1), decimal(12), decimal(24), null, 0, false));
		assertThat(this.contract.indicatorYears("14329", 2019, Basis.NOW)).first()
			.isEqualTo(new IndicatorYear("14329", "commune", null, "traffic_accidents", "Số vụ tai nạn giao thông",
					"Traffic accidents (cases)", decimal(23), decimal(36), decimal(-13), new BigDecimal("-36.1"), false,
					null, null, false));
		// January to September: Ninh Nhất 9, Ninh Tiến 8 (no June), against 18 and 9
		assertThat(
				this.contract.samePeriod(YearMonth.of(2019, 1), YearMonth.of(2019, 9), "14329", "commune", Basis.NOW))
			.first()
			.isEqualTo(new SamePeriod("14329", "commune", null, "traffic_accidents", "Số vụ tai nạn giao thông",
					"Traffic accidents (cases)", decimal(17), decimal(27), decimal(-10), new BigDecimal("-37.0"), false,
					false, decimal(17), decimal(17), decimal(27), decimal(27)));
		// and month by month, as the console's chart draws it: nine months whose values
		// add up to the window's, both years, as now and as then
		List<MonthlySeries.Month> months = this.months.of(YearMonth.of(2019, 1), YearMonth.of(2019, 9), "14329",
				"commune", "traffic_accidents", Basis.NOW);
		assertThat(months).hasSize(9).first().satisfies((m) -> assertThat(m.month()).isEqualTo(YearMonth.of(2019, 1)));
		assertThat(months.stream()
			.map(MonthlySeries.Month::value)
			.filter(Objects::nonNull)
			.reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("17");
		assertThat(months.stream()
			.map(MonthlySeries.Month::prevValue)
			.filter(Objects::nonNull)
			.reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("27");
		List<MonthlySeries.Month> asThen = this.months.of(YearMonth.of(2019, 1), YearMonth.of(2019, 9), "14347",
				"commune", "traffic_accidents", Basis.THEN);
		assertThat(asThen.stream()
			.map(MonthlySeries.Month::value)
			.filter(Objects::nonNull)
			.reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("9");
		assertThat(asThen.stream()
			.map(MonthlySeries.Month::prevValue)
			.filter(Objects::nonNull)
			.reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("18");
		assertThat(this.months.levelOf("14329")).contains("commune");
		// a window over 12 months is the caller's mistake, in the functions' words
		assertThatThrownBy(() -> this.contract.samePeriod(YearMonth.of(2019, 1), YearMonth.of(2020, 6), "14329",
				"commune", Basis.NOW))
			.isInstanceOf(UsageException.class)
			.hasMessageContaining("the window must be 1 to 12 months");
		assertThat(this.months.lastMonthOwed()).isPresent();
		// Hoa Lư's 172 villages today, of which Ninh Nhất's 12 reported every month
		VillageSafetyYear villages = this.contract.villageSafety("14329", 2019, Basis.NOW).get(0);
		assertThat(villages.villages()).isEqualTo(172);
		assertThat(villages.villagesReported()).isEqualTo(12);
		assertThat(villages.crimeFreePct()).isEqualTo(new BigDecimal("91.7"));
		assertThat(this.contract.villages("14329", 2019, Basis.NOW)).hasSize(172)
			.filteredOn((v) -> v.crimeCases() != null && v.crimeCases().signum() > 0)
			.extracting(VillageYear::villageCode)
			.containsExactly("14347-01");
		assertThat(this.contract.history("14329", "commune", hoaLu, 2019, Basis.NOW))
			.extracting((y) -> y.traffic().year() + " " + y.traffic().accidents())
			.containsExactly("2018 36", "2019 23");
		assertThat(this.contract.communesUnder("37", 2019, Basis.NOW))
			.filteredOn((w) -> w.traffic().accidents() != null)
			.extracting((w) -> w.traffic().unitCode() + " " + w.traffic().accidents())
			.containsExactly("14329 23");
		assertThat(this.contract.formerUnits("14329", LocalDate.of(2025, 1, 1))).extracting(FormerUnit::code)
			.containsExactly("14320", "14323", "14329", "14332", "14338", "14341", "14344", "14347", "14350", "14527",
					"14536");
		assertThat(this.contract.predecessors("14329", 2019)).extracting(Predecessor::name)
			.contains("Xã Ninh Nhất", "Xã Ninh Tiến", "Phường Vân Giang")
			.doesNotContain("Phường Hoa Lư");
		// each predecessor owed its twelve months: 23 came in late, the others are
		// missing
		long owed = 12L * this.contract.predecessors("14329", 2019).size();
		assertThat(this.contract.completeness("14329", 2019, Basis.NOW)).containsEntry("LATE", 23L)
			.containsEntry("MISSING", owed - 23);
	}

	@Test
	void trafficFiguresForCommunesCityAndProvince() {
		assertThat(traffic("14347", 2019)).containsEntry("accidents", decimal(12))
			.containsEntry("prev_accidents", decimal(24))
			.containsEntry("deaths", decimal(0))
			.containsEntry("prev_deaths", decimal(1))
			.containsEntry("injuries", decimal(12))
			.containsEntry("prev_injuries", decimal(24))
			.containsEntry("all_three_fell", true)
			.containsEntry("months_complete", 12);
		assertThat(traffic("369", 2019)).containsEntry("level", "district")
			.containsEntry("unit_name", "Thành phố Ninh Bình")
			.containsEntry("accidents", decimal(23))
			.containsEntry("prev_accidents", decimal(36))
			.containsEntry("all_three_fell", null)
			.containsEntry("both_years_complete", false)
			.containsEntry("months_complete", 0);
		assertThat(traffic("37", 2019)).containsEntry("level", "province").containsEntry("accidents", decimal(23));
	}

	@Test
	void yearlyIndicatorsWithChangesAndNullPercentWhenLastYearWasZero() {
		assertThat(indicator("14347", "traffic_accidents", 2019)).containsEntry("change", decimal(-12))
			.containsEntry("change_pct", new BigDecimal("-50.0"));
		assertThat(indicator("14347", "traffic_deaths", 2019)).containsEntry("change_pct", new BigDecimal("-100.0"));
		assertThat(indicator("14350", "traffic_deaths", 2019)).containsEntry("value", decimal(0))
			.containsEntry("prev_value", decimal(0))
			.containsEntry("change_pct", null);
		assertThat(indicator("14347", "traffic_black_spots", 2018)).containsEntry("value", decimal(1));
		assertThat(indicator("14347", "traffic_black_spots", 2019)).containsEntry("value", decimal(0))
			.containsEntry("prev_value", decimal(1));
		assertThat(indicator("369", "active_security_models", 2019)).containsEntry("value", decimal(4));
		assertThat(indicator("369", "camera_model", 2019)).containsEntry("value", decimal(5))
			.containsEntry("prev_value", decimal(2));
	}

	@Test
	void aMissingMonthIsIncompleteNotZero() {
		Map<String, Object> tienJune = this.jdbc.sql("""
				SELECT value, communes_expected, communes_submitted FROM warehouse.agg_indicator_month
				WHERE unit_code = '14350' AND period = DATE '2019-06-01' AND indicator = 'traffic_accidents'
				""").query().singleRow();
		assertThat(tienJune).containsEntry("value", null).containsEntry("communes_submitted", 0);
		assertThat(indicator("14350", "traffic_accidents", 2019)).containsEntry("value", decimal(11))
			.containsEntry("complete", false)
			.containsEntry("months_expected", 12)
			.containsEntry("months_submitted", 11);
		assertThat(indicator("14350", "traffic_accidents", 2018)).containsEntry("complete", true);
		assertThat(indicator("369", "traffic_accidents", 2019)).containsEntry("months_expected", 14 * 12)
			.containsEntry("months_submitted", 23);
		assertThat(village("14350", 2019)).containsEntry("villages", 14)
			.containsEntry("villages_reported", 0)
			.containsEntry("crime_free_pct", null);
	}

	@Test
	void villageRatiosCountOnlyVillagesThatReportedEveryMonth() {
		assertThat(village("14347", 2018)).containsEntry("villages", 12)
			.containsEntry("villages_reported", 12)
			.containsEntry("crime_free", 10)
			.containsEntry("crime_free_pct", new BigDecimal("83.3"))
			.containsEntry("drug_free_pct", new BigDecimal("100.0"))
			.containsEntry("camera_groups", 2);
		assertThat(village("14347", 2019)).containsEntry("crime_free", 11)
			.containsEntry("crime_free_pct", new BigDecimal("91.7"))
			.containsEntry("prev_crime_free_pct", new BigDecimal("83.3"))
			.containsEntry("crime_free_pct_change", new BigDecimal("8.4"))
			.containsEntry("drug_free_pct", new BigDecimal("91.7"))
			.containsEntry("camera_groups", 5)
			.containsEntry("prev_camera_groups", 2);
		// the city: 225 villages, of which 12 (Ninh Nhất) reported all 2019; Ninh Tiến
		// missed June
		assertThat(village("369", 2019)).containsEntry("villages", 225)
			.containsEntry("villages_reported", 12)
			.containsEntry("crime_free_pct", new BigDecimal("91.7"));
		assertThat(village("369", 2018)).containsEntry("villages_reported", 26)
			.containsEntry("crime_free", 24)
			.containsEntry("crime_free_pct", new BigDecimal("92.3"));
	}

	@Test
	void samePeriodComparesTheMonthsSoFarWithTheSameMonthsLastYear() {
		Map<String, Object> ninthMonths = this.jdbc.sql("""
				SELECT * FROM warehouse.same_period('2019-01', '2019-09')
				WHERE unit_code = '14347' AND indicator = 'traffic_accidents'
				""").query().singleRow();
		assertThat(ninthMonths).containsEntry("value", decimal(9))
			.containsEntry("prev_value", decimal(18))
			.containsEntry("change_pct", new BigDecimal("-50.0"));
		Map<String, Object> camerasQ3 = this.jdbc.sql("""
				SELECT * FROM warehouse.same_period('2019-07', '2019-09')
				WHERE unit_code = '369' AND indicator = 'camera_model'
				""").query().singleRow();
		assertThat(camerasQ3).containsEntry("value", decimal(5)).containsEntry("prev_value", decimal(2));
		// one unit asked for alone (a ward, a city, a province, as then and as now) gives
		// its rows of every unit, computed for it only
		assertThat(org.safetystats.SamePeriodOfOneUnit.check(this.jdbc, "2019-01", "2019-09", "14347", "369", "37"))
			.isGreaterThan(16);
	}

	@Test
	void samePeriodRefusesAWindowOverTwelveMonths() {
		assertThatThrownBy(
				() -> this.jdbc.sql("SELECT * FROM warehouse.same_period('2018-01', '2019-06')").query().listOfRows())
			.hasMessageContaining("same_period(2018-01, 2019-06): the window must be 1 to 12 months");
		assertThatThrownBy(
				() -> this.jdbc.sql("SELECT * FROM warehouse.same_period('2019-06', '2019-05')").query().listOfRows())
			.hasMessageContaining("the window must be 1 to 12 months");
		// the same check, as now (warehouse.checked_window)
		assertThatThrownBy(() -> this.jdbc.sql("SELECT * FROM warehouse.same_period_as_now('2018-01', '2019-06')")
			.query()
			.listOfRows())
			.hasMessageContaining("same_period_as_now(2018-01, 2019-06): the window must be 1 to 12 months");
		assertThat(this.jdbc.sql("""
				SELECT value FROM warehouse.same_period('2019-01', '2019-12')
				WHERE unit_code = '14347' AND indicator = 'traffic_accidents'
				""").query(Long.class).single()).isEqualTo(12);
	}

	@Test
	void aResubmissionChangesExactlyTheFiguresItTouches() throws Exception {
		// given
		List<Map<String, Object>> before = snapshot();
		// when March 2019 of Ninh Nhất is resubmitted with 5 accidents instead of 1
		ninhNhat(YearMonth.of(2019, 3), 5);
		this.jobRunner.run(IngestJob.NAME);
		JobExecution incremental = build(new JobParameters());
		// then only 2019 of Ninh Nhất (and the rollups of its province) was rebuilt, and
		// only the accident figures
		// moved
		assertThat(this.jdbc.sql("SELECT slices FROM warehouse.build ORDER BY build_id DESC LIMIT 1")
			.query(String.class)
			.single()).isEqualTo("2019:14347");
		assertThat(incremental.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> after = snapshot();
		List<Map<String, Object>> changed = after.stream().filter((row) -> !before.contains(row)).toList();
		assertThat(changed).extracting((row) -> row.get("unit_code") + "/" + row.get("year") + "/" + row.get("value"))
			.containsExactlyInAnyOrder("14347/2019/16", "369/2019/27", "37/2019/27");
		assertThat(traffic("14347", 2019)).containsEntry("accidents", decimal(16));
	}

	@Test
	void aSecondBuildChangesNothing() throws Exception {
		List<Map<String, Object>> before = snapshot();
		long facts = count("SELECT count(*) FROM warehouse.fact_value");
		build(new JobParameters());
		assertThat(this.jdbc.sql("SELECT slices FROM warehouse.build ORDER BY build_id DESC LIMIT 1")
			.query(String.class)
			.single()).isEmpty();
		build(WarehouseJob.parameters(true, null, null, null));
		assertThat(snapshot()).isEqualTo(before);
		assertThat(count("SELECT count(*) FROM warehouse.fact_value")).isEqualTo(facts)
			.isEqualTo(24L * (5 + 12 * 3) + 23L * (5 + 14 * 3));
	}

	@Test
	void unitsCarryTheirPathUpToCityAndProvinceAsItWasAtTheTime() {
		assertThat(this.jdbc.sql("""
				SELECT commune_code, district_code, district_name, province_code FROM warehouse.dim_unit
				WHERE unit_code = '14347-01' AND valid_from = '-infinity'
				""").query().singleRow()).containsEntry("commune_code", "14347")
			.containsEntry("district_code", "369")
			.containsEntry("district_name", "Thành phố Ninh Bình")
			.containsEntry("province_code", "37");
		assertThat(this.jdbc.sql("""
				SELECT unit_name || ' / ' || coalesce(district_code, '-') || ' / ' || province_code
				FROM warehouse.dim_unit WHERE unit_code = '14329' ORDER BY valid_from
				""").query(String.class).list()).containsExactly("Phường Vân Giang / 369 / 37",
				"Phường Vân Giang / 374 / 37", "Phường Hoa Lư / - / 37");
	}

	@Test
	void everyFactTracesToTheSubmissionItCameFrom() {
		// 47 loaded files (Tiến's June is missing), each with facts: the check below is
		// not run on nothing
		assertThat(count("SELECT count(*) FROM ops.submission WHERE status = 'LOADED'")).isEqualTo(47);
		assertThat(count("SELECT count(DISTINCT submission_id) FROM warehouse.fact_value")).isEqualTo(47);
		// Ninh Nhất's 24 files: 5 ward figures and 3 for each of 12 villages; Tiến's 23:
		// 5 and 3 for each of 14
		assertThat(count("SELECT count(*) FROM warehouse.fact_value"))
			.isEqualTo(24L * (5 + 12 * 3) + 23L * (5 + 14 * 3));
		assertThat(count("""
				SELECT count(*) FROM warehouse.fact_value f
				LEFT JOIN ops.submission s ON s.submission_id = f.submission_id AND s.status = 'LOADED'
				   AND s.unit_code = f.commune_code AND s.period = to_char(f.period, 'YYYY-MM')
				WHERE s.submission_id IS NULL
				""")).isZero();
	}

	private List<Map<String, Object>> snapshot() {
		return this.jdbc.sql("""
				SELECT unit_code, level, indicator, year, value::text AS value, months_submitted
				FROM warehouse.agg_indicator_year ORDER BY year, level, unit_code, indicator
				""").query().listOfRows();
	}

	private Map<String, Object> traffic(String unit, int year) {
		return this.jdbc.sql("SELECT * FROM warehouse.traffic_yoy WHERE unit_code = :unit AND year = :year")
			.param("unit", unit)
			.param("year", year)
			.query()
			.singleRow();
	}

	private Map<String, Object> indicator(String unit, String indicator, int year) {
		return this.jdbc.sql(
				"SELECT * FROM warehouse.indicator_yoy WHERE unit_code = :unit AND indicator = :indicator AND year = :year")
			.param("unit", unit)
			.param("indicator", indicator)
			.param("year", year)
			.query()
			.singleRow();
	}

	private Map<String, Object> village(String unit, int year) {
		return this.jdbc.sql("SELECT * FROM warehouse.village_safety_yoy WHERE unit_code = :unit AND year = :year")
			.param("unit", unit)
			.param("year", year)
			.query()
			.singleRow();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private JobExecution build(JobParameters parameters) throws Exception {
		return this.jobRunner.run(WarehouseJob.NAME, parameters);
	}

	private static BigDecimal decimal(long value) {
		return BigDecimal.valueOf(value);
	}

}
