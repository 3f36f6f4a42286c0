package org.safetystats.warehouse;

import java.nio.file.Files;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.reference.UnitVersion;
import org.safetystats.warehouse.AsNowModel.UnitMonth;
import org.safetystats.warehouse.AsNowModel.Values;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property of {@link WarehousePropertyIntegrationTests} across the 2025 reform, as
 * now (issue 25): random submissions, corrections, duplicates, rejections (bad files, and
 * files of a unit that no longer existed that month) for 2024-01..2026-10 of units whose
 * history crosses the reform: 14326 Thanh Bình, merged into 14329 Vân Giang on
 * 2025-01-01; 14320 Đông Thành and 14329 Vân Giang, merged wholly into Phường Hoa Lư on
 * 2025-07-01, which reuses code 14329; 13324 Hòa Mạc, split by its villages between 13324
 * Duy Tiên and 13330 Duy Tân; 13330 Châu Giang, merged wholly into Duy Tân, which reuses
 * its code too. Builds are incremental, now and then of one year and unit. After every
 * build that follows new files, {@code as_now_year} and {@code indicator_yoy_as_now}
 * (value, bounds, {@code complete}, {@code estimated}, months complete; every unit valid
 * on the build's as-of date, and the province) equal an independent model
 * ({@link AsNowModel}: plain Java from the files sent and the catalogue's lineage); at a
 * third of those builds, and at the end, a full rebuild leaves the as-now years, the maps
 * and the facts as the incremental build left them.
 *
 * <p>
 * Seeded and replayable: {@code -Dsafetystats.propertySeed=S} replays a run (the seed is
 * printed), {@code -Dsafetystats.propertySteps=N} runs longer (default
 * {@value #DEFAULT_STEPS}). It runs in the shared context: its catalogue (province 37,
 * the default) already holds the reform.
 */
class AsNowPropertyIntegrationTests extends IntegrationTestSupport {

	static final int DEFAULT_STEPS = 30;

	private static final List<String> SUBMITTING = List.of("14320", "14326", "14329", "13324", "13330");

	private static final YearMonth FIRST = YearMonth.of(2024, 1);

	// the test clock's 2026-11-20: October is the last month over and owed
	private static final YearMonth LAST = YearMonth.of(2026, 10);

	// the test clock's day, the builds' as-of date
	private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);

	// what an as-now figure is made of and what it is: the as-then tables as a whole are
	// WarehousePropertyIntegrationTests' (a snapshot of them all takes seconds here)
	private static final List<String> AS_NOW = List.of("fact_value", "unit_map", "village_map",
			"agg_indicator_year_as_now", "agg_village_year_as_now", "agg_indicator_month_as_now",
			"commune_month_as_now");

	@Autowired
	JobRunner jobRunner;

	@Autowired
	ReferenceCatalogLoader catalogue;

	@Value("${safetystats.due-day-of-month}")
	int dueDay;

	private AsNowModel model;

	private ReferenceCatalog catalog;

	private final Map<String, Pending> inboxFiles = new LinkedHashMap<>();

	private final List<Pending> sent = new ArrayList<>();

	private final List<String> history = new ArrayList<>();

	private final Map<String, Long> timings = new TreeMap<>();

	private Random random;

	private boolean warehouseStale = true;

	// whether the next check rebuilds the warehouse in full too (a few seconds each)
	private boolean fullRebuild;

	private final Map<String, Long> compared = new TreeMap<>();

	record Pending(UnitMonth month, String text, Values values, boolean valid) {

		String name() {
			return this.month.unit() + "_" + this.month.period() + ".csv";
		}

	}

	@BeforeEach
	@AfterEach
	void emptyWarehouse() {
		WarehouseSnapshot.clear(this.jdbc);
		this.jdbc.sql("""
				TRUNCATE warehouse.agg_indicator_year_as_now, warehouse.agg_village_year_as_now,
				         warehouse.agg_indicator_month_as_now, warehouse.commune_month_as_now
				""").update();
	}

	@Test
	void everyBuildAsNowEqualsTheModelAndAFullRebuild() throws Exception {
		long seed = Long.getLong("safetystats.propertySeed", System.nanoTime());
		int steps = Integer.getInteger("safetystats.propertySteps", DEFAULT_STEPS);
		System.out.printf("AsNowPropertyIntegrationTests: seed %d, %d steps (replay: -Dsafetystats.propertySeed=%d)%n",
				seed, steps, seed);
		this.random = new Random(seed);
		this.catalog = this.catalogue.load();
		this.model = new AsNowModel(this.jdbc, AS_OF, this.dueDay);
		long started = System.nanoTime();
		// every run crosses the reform: Hòa Mạc before its split, code 14329 as Vân Giang
		// and as Phường Hoa Lư
		send(file(new UnitMonth("13324", YearMonth.of(2025, 1 + this.random.nextInt(6))), true));
		send(file(new UnitMonth("14329", YearMonth.of(2025, 1 + this.random.nextInt(6))), true));
		send(file(new UnitMonth("14329", YearMonth.of(2025, 7 + this.random.nextInt(4))), true));
		for (int step = 1; step <= steps; step++) {
			String context = "seed " + seed + ", step " + step + "; steps so far: " + this.history;
			try {
				step();
			}
			catch (AssertionError ex) {
				throw new AssertionError(context + "\n" + ex.getMessage(), ex);
			}
		}
		try {
			ingest();
			this.warehouseStale = true;
			this.fullRebuild = true;
			build();
		}
		catch (AssertionError ex) {
			throw new AssertionError("seed " + seed + ", last build; steps: " + this.history + "\n" + ex.getMessage(),
					ex);
		}
		assertThat(this.compared.get("with a value")).as("rows compared with a value").isPositive();
		assertThat(this.compared.get("estimated")).as("estimated rows compared").isPositive();
		System.out.printf("AsNowPropertyIntegrationTests: %d steps in %d ms (%s); as_now_year rows compared: %s%n",
				steps, (System.nanoTime() - started) / 1_000_000, this.timings, this.compared);
	}

	private void timed(String what, long since) {
		this.timings.merge(what, (System.nanoTime() - since) / 1_000_000, Long::sum);
	}

	private void step() throws Exception {
		int dice = this.random.nextInt(100);
		if (dice < 45) {
			send(file(month(), true));
		}
		else if (dice < 52) {
			send(file(month(), false));
		}
		else if (dice < 60 && !this.sent.isEmpty()) {
			Pending again = this.sent.get(this.random.nextInt(this.sent.size()));
			this.history.add("resend " + again.name());
			write(again);
		}
		else if (dice < 72) {
			ingest();
		}
		else if (dice < 93) {
			build();
		}
		else if (dice < 96) {
			sendYear();
		}
		else {
			rebuildExplicitly();
		}
	}

	/**
	 * A submitting unit and, mostly, a month in which it existed; now and then a month in
	 * which it did not (its file is rejected).
	 */
	private UnitMonth month() {
		String unit = SUBMITTING.get(this.random.nextInt(SUBMITTING.size()));
		int months = (int) FIRST.until(LAST, ChronoUnit.MONTHS) + 1;
		for (int tries = 0; tries < 20; tries++) {
			YearMonth month = FIRST.plusMonths(this.random.nextInt(months));
			if (this.random.nextInt(8) == 0 || this.catalog.commune(unit, month) != null) {
				return new UnitMonth(unit, month);
			}
		}
		return new UnitMonth(unit, FIRST.plusMonths(this.random.nextInt(months)));
	}

	/**
	 * A file with the villages the catalogue gives the unit in the month (none when it
	 * did not exist), small random counts; a bad one has a death without an accident.
	 */
	private Pending file(UnitMonth month, boolean valid) {
		Map<String, Long> unit = new LinkedHashMap<>();
		unit.put("traffic_injuries", (long) this.random.nextInt(4));
		unit.put("traffic_deaths", (long) this.random.nextInt(2));
		long casualties = unit.get("traffic_injuries") + unit.get("traffic_deaths");
		unit.put("traffic_accidents", (casualties > 0 ? 1L : 0L) + this.random.nextInt(3));
		unit.put("traffic_black_spots", (long) this.random.nextInt(3));
		unit.put("active_security_models", (long) this.random.nextInt(6));
		if (!valid) {
			unit.put("traffic_accidents", 0L);
			unit.put("traffic_deaths", 1L);
		}
		Map<String, long[]> villages = new TreeMap<>();
		for (UnitVersion village : this.catalog.villagesOf(month.unit(), month.period())) {
			villages.put(village.code(), new long[] { (this.random.nextInt(8) == 0) ? 1 + this.random.nextInt(2) : 0,
					(this.random.nextInt(12) == 0) ? 1 : 0, (this.random.nextInt(3) == 0) ? 1 : 0 });
		}
		StringBuilder csv = new StringBuilder("unit_code,period,village_code,indicator,value,note\n");
		for (String indicator : SubmissionFiles.UNIT_INDICATORS) {
			csv.append(row(month, "", indicator, unit.get(indicator)));
		}
		villages.forEach((village, values) -> {
			for (int i = 0; i < SubmissionFiles.VILLAGE_INDICATORS.size(); i++) {
				csv.append(row(month, village, SubmissionFiles.VILLAGE_INDICATORS.get(i), values[i]));
			}
		});
		return new Pending(month, csv.toString(), new Values(unit, villages), valid);
	}

	private static String row(UnitMonth month, String village, String indicator, long value) {
		return String.join(",", month.unit(), month.period().toString(), village, indicator, Long.toString(value), "")
				+ "\n";
	}

	/**
	 * Every month of a year a unit existed in, so that a year can be complete (in 2026
	 * the units valid today have no predecessors left).
	 */
	private void sendYear() throws Exception {
		String unit = SUBMITTING.get(this.random.nextInt(SUBMITTING.size()));
		int year = FIRST.getYear() + this.random.nextInt(LAST.getYear() - FIRST.getYear() + 1);
		this.history.add("send year " + unit + " " + year);
		for (YearMonth month = YearMonth.of(year, 1); month.getYear() == year
				&& !month.isAfter(LAST); month = month.plusMonths(1)) {
			if (this.catalog.commune(unit, month) != null) {
				Pending file = file(new UnitMonth(unit, month), true);
				this.sent.add(file);
				write(file);
			}
		}
		ingest();
	}

	private void send(Pending file) throws Exception {
		this.history.add((file.valid() ? "send " : "send bad ") + file.name());
		this.sent.add(file);
		write(file);
		if (this.random.nextInt(3) == 0) {
			ingest();
		}
	}

	private void write(Pending file) throws Exception {
		Files.writeString(inbox().resolve(file.name()), file.text());
		this.inboxFiles.put(file.name(), file);
	}

	private void ingest() throws Exception {
		this.history.add("ingest");
		long t = System.nanoTime();
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		timed("ingest", t);
		for (Pending file : this.inboxFiles.values()) {
			String outcome = this.model.ingest(file.month(), file.text(), file.values(), file.valid());
			assertThat(this.jdbc
				.sql("SELECT status FROM ops.submission WHERE file_name = :name ORDER BY submission_id DESC LIMIT 1")
				.param("name", file.name())
				.query(String.class)
				.single()).as(file.name()).isEqualTo(outcome);
		}
		this.warehouseStale |= !this.inboxFiles.isEmpty();
		this.inboxFiles.clear();
		assertThat(inbox()).isEmptyDirectory();
	}

	private void build() throws Exception {
		this.history.add("build");
		long t = System.nanoTime();
		assertThat(this.jobRunner.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		timed("build", t);
		if (this.warehouseStale) {
			checkWarehouse();
			this.warehouseStale = false;
		}
	}

	private void rebuildExplicitly() throws Exception {
		build();
		if (this.model.years().isEmpty()) {
			return;
		}
		List<Integer> years = List.copyOf(this.model.years());
		int year = years.get(this.random.nextInt(years.size()));
		String unit = SUBMITTING.get(this.random.nextInt(SUBMITTING.size()));
		this.history.add("rebuild " + year + " " + unit);
		assertThat(this.jobRunner.run(WarehouseJob.NAME, WarehouseJob.parameters(false, year, year, unit)).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		checkWarehouse();
	}

	private void checkWarehouse() throws Exception {
		assertThat(this.jdbc.sql("SELECT warehouse.as_of()").query(LocalDate.class).single()).isEqualTo(AS_OF);
		long t = System.nanoTime();
		List<AsNowModel.Year> years = this.model.asNowYears();
		timed("model", t);
		t = System.nanoTime();
		assertSameRows("as_now_year against the model", rows("""
				SELECT concat_ws('|', year, unit_code, level, indicator, coalesce(trim_scale(value)::text, 'null'),
				       coalesce(complete::text, 'null'), coalesce(estimated::text, 'null'), months_complete,
				       coalesce(trim_scale(value_low)::text, 'null'), coalesce(trim_scale(value_high)::text, 'null'))
				FROM warehouse.as_now_year"""), years.stream().map(AsNowModel.Year::row).toList());
		assertSameRows("indicator_yoy_as_now against the model", rows("""
				SELECT concat_ws('|', unit_code, level, indicator, year, coalesce(trim_scale(value)::text, 'null'),
				       coalesce(trim_scale(prev_value)::text, 'null'), coalesce(complete::text, 'null'),
				       coalesce(estimated::text, 'null'), coalesce(trim_scale(value_low)::text, 'null'),
				       coalesce(trim_scale(value_high)::text, 'null'),
				       coalesce(trim_scale(prev_value_low)::text, 'null'),
				       coalesce(trim_scale(prev_value_high)::text, 'null'))
				FROM warehouse.indicator_yoy_as_now"""), this.model.yearOverYear(years));
		assertWindowsAsComputed();
		timed("compare", t);
		count(years);
		if (!this.fullRebuild && this.random.nextInt(3) != 0) {
			return;
		}
		this.fullRebuild = false;
		this.history.add("full rebuild");
		t = System.nanoTime();
		Map<String, List<String>> incremental = snapshot();
		assertThat(this.jobRunner.run(WarehouseJob.NAME, WarehouseJob.parameters(true, null, null, null)).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(WarehouseSnapshot.difference(incremental, snapshot())).as("incremental against full").isEmpty();
		timed("full rebuild", t);
	}

	/**
	 * A window of the history, within a year or (when the history holds the next year,
	 * half the time) across its end, for the country and for a ward alone, as the build
	 * stored its months ({@code as_now_window}; across a year's end, its end-of-period
	 * values computed) and as computed from the facts ({@code as_now_window_of}).
	 */
	private void assertWindowsAsComputed() {
		List<Integer> years = List.copyOf(this.model.years());
		if (years.isEmpty()) {
			return;
		}
		int year = years.get(this.random.nextInt(years.size()));
		boolean acrossItsEnd = years.contains(year + 1) && this.random.nextBoolean();
		int first = acrossItsEnd ? 2 + this.random.nextInt(11) : 1 + this.random.nextInt(12);
		int last = acrossItsEnd ? 1 + this.random.nextInt(first - 1) : first + this.random.nextInt(13 - first);
		int lastYear = acrossItsEnd ? year + 1 : year;
		String unit = SUBMITTING.get(this.random.nextInt(SUBMITTING.size()));
		String window = year + "-" + first + ".." + lastYear + "-" + last;
		for (String units : List.of("NULL", "ARRAY['" + unit + "']")) {
			String arguments = "make_date(" + year + ", " + first + ", 1), make_date(" + lastYear + ", " + last
					+ ", 1)";
			String columns = """
					concat_ws('|', unit_code, unit_name, level, indicator, coalesce(trim_scale(value)::text, 'null'),
					          complete, estimated, months_complete, coalesce(trim_scale(value_low)::text, 'null'),
					          coalesce(trim_scale(value_high)::text, 'null'))""";
			assertSameRows("as_now_window " + window + " " + units + " built against computed",
					rows("SELECT " + columns + " FROM warehouse.as_now_window(" + arguments + ", NULL, " + units + ")"),
					rows("SELECT " + columns + " FROM warehouse.as_now_window_of(" + arguments
							+ ", NULL, 'warehouse.commune_month', 'warehouse.fact_value', " + units + ")"));
		}
	}

	/**
	 * The rows built against the model's, failing with the first few that differ (the
	 * lists run to thousands of rows, most of them units that never report).
	 */
	private static void assertSameRows(String what, List<String> actual, List<String> expected) {
		Map<String, Integer> difference = new TreeMap<>();
		actual.forEach((row) -> difference.merge(row, 1, Integer::sum));
		expected.forEach((row) -> difference.merge(row, -1, Integer::sum));
		difference.values().removeIf((n) -> n == 0);
		List<String> built = difference.entrySet()
			.stream()
			.filter((e) -> e.getValue() > 0)
			.map(Map.Entry::getKey)
			.limit(10)
			.toList();
		List<String> modelled = difference.entrySet()
			.stream()
			.filter((e) -> e.getValue() < 0)
			.map(Map.Entry::getKey)
			.limit(10)
			.toList();
		assertThat(difference)
			.as("%s (%d rows built, %d modelled): built, not modelled %s; modelled, not built %s", what, actual.size(),
					expected.size(), built, modelled)
			.isEmpty();
	}

	private Map<String, List<String>> snapshot() {
		Map<String, List<String>> snapshot = new LinkedHashMap<>();
		for (String relation : AS_NOW) {
			snapshot.put(relation, rows("SELECT t::text FROM warehouse." + relation + " t ORDER BY 1"));
		}
		return snapshot;
	}

	// what the comparisons covered, printed at the end: a run that compared only empty
	// figures proves nothing
	private void count(List<AsNowModel.Year> years) {
		this.compared.merge("all", (long) years.size(), Long::sum);
		this.compared.merge("with a value", years.stream().filter((y) -> y.value() != null).count(), Long::sum);
		this.compared.merge("estimated", years.stream().filter(AsNowModel.Year::estimated).count(), Long::sum);
		this.compared.merge("low < high",
				years.stream().filter((y) -> y.low() != null && y.low().compareTo(y.high()) < 0).count(), Long::sum);
		this.compared.merge("complete", years.stream().filter(AsNowModel.Year::complete).count(), Long::sum);
	}

	private List<String> rows(String sql) {
		return this.jdbc.sql(sql).query(String.class).list();
	}

}
