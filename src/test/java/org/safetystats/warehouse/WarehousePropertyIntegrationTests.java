package org.safetystats.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.admin.AdminService;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.safetystats.ingest.IngestReruns;
import org.safetystats.warehouse.WarehouseModel.UnitMonth;
import org.safetystats.warehouse.WarehouseModel.Values;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property behind issue 16: random sequences of submissions, corrections, duplicates,
 * rejections, late and out-of-order months, files dated in the future, reruns, explicit
 * and incremental builds and completeness refreshes; after every build the warehouse
 * equals a full rebuild (done in a transaction rolled back) and an independent model of
 * the accepted files ({@link WarehouseModel}), and after every refresh completeness
 * equals a full refresh and the model.
 *
 * <p>
 * Seeded and replayable: {@code -Dsafetystats.propertySeed=S} replays a run (the seed is
 * printed), {@code -Dsafetystats.propertySteps=N} runs longer (default
 * {@value #DEFAULT_STEPS}).
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WarehousePropertyIntegrationTests extends IntegrationTestSupport {

	// the model knows the city alone: no bundled national units, only config/ (the
	// city's units and its 2025 versions)
	@DynamicPropertySource
	static void cityAlone(DynamicPropertyRegistry registry) {
		registry.add("safetystats.reference.provinces", () -> "");
	}

	static final int DEFAULT_STEPS = 60;

	private static final List<String> SUBMITTING = List.of("14320", "14347", "14350");

	private static final Set<String> STATIC = Set.of("dim_period", "dim_unit", "dim_indicator");

	@Autowired
	JobRunner jobRunner;

	@Autowired
	IngestReruns ingestReruns;

	@Autowired
	AdminService admin;

	@Autowired
	WarehouseSliceBuilder sliceBuilder;

	@Autowired
	CompletenessRefresher refresher;

	@Autowired
	PlatformTransactionManager transactionManager;

	private final WarehouseModel model = new WarehouseModel();

	private final Map<String, Pending> inboxFiles = new LinkedHashMap<>();

	private final List<Pending> sent = new ArrayList<>();

	private final List<String> history = new ArrayList<>();

	private Random random;

	// whether the submissions changed since the warehouse, or completeness, was last
	// checked: an unchanged state was
	// checked already
	private boolean warehouseStale = true;

	private boolean completenessStale = true;

	record Pending(UnitMonth month, String text, Values values, boolean valid) {

		String name() {
			return this.month.unit() + "_" + this.month.period() + ".csv";
		}

	}

	@BeforeEach
	void emptyWarehouse() {
		WarehouseSnapshot.clear(this.jdbc);
	}

	@Test
	void everyBuildEqualsAFullRebuildAndTheModel() throws Exception {
		long seed = Long.getLong("safetystats.propertySeed", System.nanoTime());
		int steps = Integer.getInteger("safetystats.propertySteps", DEFAULT_STEPS);
		System.out.printf(
				"WarehousePropertyIntegrationTests: seed %d, %d steps (replay: -Dsafetystats.propertySeed=%d)%n", seed,
				steps, seed);
		this.random = new Random(seed);
		long started = System.nanoTime();
		for (int step = 1; step <= steps; step++) {
			String context = "seed " + seed + ", step " + step + "; steps so far: " + this.history;
			try {
				step();
			}
			catch (AssertionError ex) {
				throw new AssertionError(context + "\n" + ex.getMessage(), ex);
			}
		}
		build();
		refresh();
		System.out.printf("WarehousePropertyIntegrationTests: %d steps in %d ms (%s)%n", steps,
				(System.nanoTime() - started) / 1_000_000, this.timings);
	}

	private final Map<String, Long> timings = new java.util.TreeMap<>();

	private void timed(String what, long since) {
		this.timings.merge(what, (System.nanoTime() - since) / 1_000_000, Long::sum);
	}

	private void step() throws Exception {
		int dice = this.random.nextInt(100);
		if (dice < 40) {
			send(RandomSubmissions.valid(this.random, month()));
		}
		else if (dice < 48) {
			send(RandomSubmissions.invalid(this.random, month()));
		}
		else if (dice < 56 && !this.sent.isEmpty()) {
			Pending again = this.sent.get(this.random.nextInt(this.sent.size()));
			this.history.add("resend " + again.name());
			write(again);
		}
		else if (dice < 64) {
			ingest();
		}
		else if (dice < 70) {
			rerun();
		}
		else if (dice < 88) {
			build();
		}
		else if (dice < 92) {
			rebuildExplicitly();
		}
		else {
			refresh();
		}
	}

	// the years files come for so far: it widens now and then, so that new years (and
	// months before the earliest
	// so far) keep arriving after the warehouse and completeness were first built
	private int firstYear = 2017;

	private int lastYear = 2017;

	/** Any month of the years so far; sometimes of a year before or after them. */
	private UnitMonth month() {
		String unit = SUBMITTING.get(this.random.nextInt(SUBMITTING.size()));
		int year = this.firstYear + this.random.nextInt(this.lastYear - this.firstYear + 1);
		int widen = this.random.nextInt(12);
		if (widen == 0 && this.firstYear > 2015) {
			year = --this.firstYear;
		}
		else if (widen == 1 && this.lastYear < 2020) {
			year = ++this.lastYear;
		}
		return new UnitMonth(unit, YearMonth.of(year, 1 + this.random.nextInt(12)));
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
		Path path = inbox().resolve(file.name());
		Files.writeString(path, file.text());
		if (this.random.nextInt(20) == 0) {
			this.history.add("dated 2030");
			Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
		}
		this.inboxFiles.put(file.name(), file);
	}

	private void ingest() throws Exception {
		this.history.add("ingest");
		long t = System.nanoTime();
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		timed("ingest", t);
		takeInbox();
	}

	// what the model expects of the files an ingest run takes, checked against
	// ops.submission
	private void takeInbox() {
		for (Pending file : this.inboxFiles.values()) {
			String outcome = this.model.ingest(file.month(), file.text(), file.values(), file.valid());
			assertThat(this.jdbc
				.sql("SELECT status FROM ops.submission WHERE file_name = :name ORDER BY submission_id DESC LIMIT 1")
				.param("name", file.name())
				.query(String.class)
				.single()).as(file.name()).isEqualTo(outcome);
		}
		this.warehouseStale |= !this.inboxFiles.isEmpty();
		this.completenessStale |= !this.inboxFiles.isEmpty();
		this.inboxFiles.clear();
		assertThat(inbox()).isEmptyDirectory();
	}

	private void rerun() throws Exception {
		List<UnitMonth> loaded = this.model.current.keySet()
			.stream()
			.filter((m) -> !this.inboxFiles.containsKey(m.unit() + "_" + m.period() + ".csv"))
			.toList();
		if (loaded.isEmpty()) {
			return;
		}
		UnitMonth month = loaded.get(this.random.nextInt(loaded.size()));
		this.history.add("rerun ingest " + month);
		assertThat(this.admin.await(this.ingestReruns.rerunMonth(month.period().toString(), month.unit(),
				new AdminService.Request("property", "random rerun")), (p) -> {
				})
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		takeInbox();
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

	private void checkWarehouse() {
		long t = System.nanoTime();
		Map<String, List<String>> incremental = WarehouseSnapshot.take(this.jdbc, STATIC);
		timed("snapshot", t);
		t = System.nanoTime();
		LocalDate asOf = this.jdbc.sql("SELECT warehouse.as_of()").query(LocalDate.class).single();
		Map<String, List<String>> full = new TransactionTemplate(this.transactionManager).execute((tx) -> {
			for (int year : this.model.years()) {
				this.sliceBuilder.build(year, Set.of(), asOf);
			}
			tx.setRollbackOnly();
			return WarehouseSnapshot.take(this.jdbc, STATIC);
		});
		timed("full rebuild", t);
		t = System.nanoTime();
		assertThat(WarehouseSnapshot.difference(incremental, full)).as("incremental against full").isEmpty();
		assertThat(rows("""
				SELECT concat_ws('|', year, unit_code, level, indicator, coalesce(value::text, 'null'), months_expected,
				       months_submitted, months_complete, complete::text)
				FROM warehouse.agg_indicator_year""")).as("agg_indicator_year against the model")
			.containsExactlyInAnyOrderElementsOf(this.model.indicatorYears());
		List<String> villages = this.model.villageYears();
		assertThat(rows("""
				SELECT concat_ws('|', year, village_code, months_expected, months_reported,
				       coalesce(crime_cases::text, 'null'), coalesce(new_drug_addicts::text, 'null'),
				       coalesce(camera_model_end::text, 'null'))
				FROM warehouse.village_year""")).as("village_year against the model")
			.containsExactlyInAnyOrderElementsOf(villages);
		assertThat(rows("""
				SELECT concat_ws('|', year, unit_code, level, villages, villages_reported, crime_free, drug_free,
				       coalesce(camera_groups::text, 'null'))
				FROM warehouse.agg_village_year""")).as("agg_village_year against the model")
			.containsExactlyInAnyOrderElementsOf(this.model.villageAggregates(villages));
		timed("model", t);
	}

	private void refresh() {
		this.history.add("refresh completeness");
		long t = System.nanoTime();
		this.refresher.refresh();
		if (!this.completenessStale) {
			return;
		}
		this.completenessStale = false;
		Map<String, List<String>> incremental = WarehouseSnapshot.take(this.jdbc, STATIC);
		Map<String, List<String>> full = new TransactionTemplate(this.transactionManager).execute((tx) -> {
			this.jdbc.sql("DELETE FROM warehouse.completeness_state").update();
			this.refresher.refresh();
			tx.setRollbackOnly();
			return WarehouseSnapshot.take(this.jdbc, STATIC);
		});
		assertThat(WarehouseSnapshot.difference(incremental, full)).as("incremental against full refresh").isEmpty();
		assertThat(rows("""
				SELECT concat_ws('|', unit_code, period, status) FROM warehouse.completeness
				WHERE period <= '2020-12' AND unit_code LIKE '143__'""")).as("completeness against the model")
			.containsExactlyInAnyOrderElementsOf(this.model.completeness(YearMonth.of(2020, 12)));
		timed("completeness", t);
	}

	private List<String> rows(String sql) {
		return this.jdbc.sql(sql).query(String.class).list();
	}

}
