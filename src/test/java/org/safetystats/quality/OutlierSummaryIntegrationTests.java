package org.safetystats.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.reference.UnitVersion;
import org.safetystats.validate.AcceptedValue;
import org.safetystats.validate.Finding;
import org.safetystats.validate.Rule;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The unit-month summaries ({@code ops.unit_month_summary}) that the OUTLIER warnings of
 * a batch are judged on: given random histories of four wards ingested with corrections,
 * a duplicate and a rejected file, the summaries are exactly the current versions'
 * values, also when a correction is approved; and every warning judged on them is the
 * warning judged on every stored value, for files of the month after the history, of
 * months inside it and of files that repeat their previous month.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutlierSummaryIntegrationTests extends IntegrationTestSupport {

	static final List<String> WARDS = List.of("14320", "14323", "14326", "14329");

	static final YearMonth FIRST = YearMonth.of(2017, 1);

	static final YearMonth LAST = YearMonth.of(2019, 3);

	/** The summaries recomputed from the current versions' stored values. */
	static final String RECOMPUTED = """
			SELECT s.unit_code, s.period, s.submission_id,
			       array_agg(v.indicator ORDER BY v.line), array_agg(v.village_code ORDER BY v.line),
			       array_agg(v.value ORDER BY v.line),
			       (SELECT array_agg(t.indicator ORDER BY t.first) FROM (SELECT indicator, min(line) AS first
			        FROM ops.submission_value WHERE submission_id = s.submission_id GROUP BY indicator) AS t),
			       (SELECT array_agg(t.total ORDER BY t.first) FROM (SELECT min(line) AS first, sum(value) AS total
			        FROM ops.submission_value WHERE submission_id = s.submission_id GROUP BY indicator) AS t)
			FROM ops.submission s JOIN ops.submission_value v ON v.submission_id = s.submission_id
			WHERE s.status = 'LOADED' GROUP BY s.unit_code, s.period, s.submission_id
			""";

	static final String SUMMARIES = """
			SELECT unit_code, period, submission_id, indicators, villages, vals, total_indicators, totals
			FROM ops.unit_month_summary
			""";

	/** Longer than any of these runs takes; a run that hangs fails the test instead. */
	static final Duration HANG_GUARD = Duration.ofSeconds(90);

	/** A copy of config/, whose indicator bounds a test changes. */
	private static Path config;

	@Autowired
	JobRunner jobs;

	@Autowired
	OutlierWarnings outliers;

	@Autowired
	ReferenceCatalogLoader catalogs;

	@Autowired
	PlatformTransactionManager transactionManager;

	private ReferenceCatalog catalog;

	@Test
	void summariesFollowTheCurrentVersionsAndGiveTheWarningsOfEveryValue() throws Exception {
		Random random = seeded();
		// given random histories, every month of every ward but a few, ingested
		assertThat(count("SELECT count(*) FROM ops.unit_month_summary")).isZero();
		writeHistory(random, true);
		ingest();
		// and corrections of some months, a duplicate and a rejected file
		for (String ward : WARDS) {
			for (int i = 0; i < 4; i++) {
				YearMonth month = FIRST.plusMonths(random.nextInt(27));
				write(ward, month, values(ward, month, random));
			}
		}
		String[] first = this.jdbc.sql("""
				SELECT period, stored_as FROM ops.submission WHERE unit_code = :ward AND status = 'LOADED'
				ORDER BY period LIMIT 1
				""")
			.param("ward", WARDS.get(0))
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.single();
		Files.copy(archive().resolve(first[1]), inbox().resolve(WARDS.get(0) + "_" + first[0] + ".csv"),
				StandardCopyOption.REPLACE_EXISTING);
		Files.writeString(inbox().resolve(WARDS.get(1) + "_" + LAST + ".csv"),
				"unit_code,period,village_code,indicator,value,note\n" + WARDS.get(1) + "," + LAST
						+ ",,traffic_accidents,-1,\n");
		ingest();
		assertThat(count("SELECT count(*) FROM ops.submission WHERE status = 'SUPERSEDED'")).isGreaterThan(4);
		assertThat(count("SELECT count(*) FROM ops.submission WHERE status IN ('DUPLICATE', 'REJECTED')")).isEqualTo(2);
		// then the summaries are the current versions' values
		assertSummariesAreTheCurrentValues();
		// and stay so when a version stops being current and an earlier one becomes it
		// again, as an approved correction does
		new TransactionTemplate(this.transactionManager).executeWithoutResult((tx) -> {
			long superseded = count("SELECT min(submission_id) FROM ops.submission WHERE status = 'SUPERSEDED'");
			this.jdbc.sql("""
					UPDATE ops.submission SET status = 'SUPERSEDED' WHERE status = 'LOADED'
					AND (unit_code, period) = (SELECT unit_code, period FROM ops.submission WHERE submission_id = :id)
					""").param("id", superseded).update();
			this.jdbc.sql("UPDATE ops.submission SET status = 'LOADED' WHERE submission_id = :id")
				.param("id", superseded)
				.update();
			assertSummariesAreTheCurrentValues();
			tx.setRollbackOnly();
		});
		// when files are judged: after the history, inside it, and copies of their
		// previous month
		Map<Rule, Integer> rules = new EnumMap<>(Rule.class);
		List<YearMonth> periods = List.of(LAST.plusMonths(1), YearMonth.of(2018, 7), YearMonth.of(2019, 1),
				YearMonth.of(2017, 9));
		for (int round = 0; round < 12; round++) {
			for (YearMonth period : periods) {
				List<OutlierWarnings.Candidate> candidates = new ArrayList<>();
				for (String ward : WARDS) {
					List<AcceptedValue> values = (round % 3 == 0) ? previous(ward, period)
							: values(ward, period, random);
					candidates.add(new OutlierWarnings.Candidate(ward, period.toString(), values));
				}
				// then each gets the warnings judged on every stored value
				List<List<Finding>> fromSummaries = this.outliers.checkAll(candidates);
				assertThat(fromSummaries).isEqualTo(this.outliers.checkAllFromValues(candidates));
				fromSummaries.forEach((found) -> found.forEach((f) -> rules.merge(f.rule(), 1, Integer::sum)));
			}
		}
		System.out.println("OutlierSummaryIntegrationTests warnings compared: " + rules);
		assertThat(rules).containsKeys(Rule.OUTLIER_COUNT, Rule.OUTLIER_FLIP_FLOP, Rule.OUTLIER_COPIED_FILE);
	}

	/**
	 * One run judges most files ahead of the writer, outside its transaction; a file
	 * whose unit has an earlier file in the run waits and is judged by the writer. Either
	 * way every stored warning is the one judged again afterwards on the stored history.
	 */
	@Test
	void warningsStoredByARunAreThoseOfTheHistoryBeforeEachFile() throws Exception {
		Random random = seeded();
		// given two years of history of every ward
		writeHistory(random, false);
		ingest();
		long history = count("SELECT max(submission_id) FROM ops.submission");
		// when one run holds the next three months of every ward, each month of every
		// ward after the one before (the writer commits in groups of many files), the
		// third a copy of the second
		for (String ward : WARDS) {
			write(ward, LAST.plusMonths(1), values(ward, LAST.plusMonths(1), random));
			List<AcceptedValue> second = values(ward, LAST.plusMonths(2), random);
			write(ward, LAST.plusMonths(2), second);
			write(ward, LAST.plusMonths(3), second);
		}
		ingest();
		// then each copy is seen as one: the month before it is in its history
		assertThat(this.jdbc.sql("""
				SELECT count(DISTINCT s.unit_code) FROM ops.submission s JOIN ops.finding f USING (submission_id)
				WHERE s.period = :period AND f.rule = 'OUTLIER_COPIED_FILE'
				""").param("period", LAST.plusMonths(3).toString()).query(Long.class).single()).isEqualTo(WARDS.size());
		// and each file's warnings are those judged again on its history as stored now
		List<Long> loaded = this.jdbc
			.sql("SELECT submission_id FROM ops.submission WHERE submission_id > :id AND status = 'LOADED'")
			.param("id", history)
			.query(Long.class)
			.list();
		assertThat(loaded).hasSize(3 * WARDS.size());
		int warnings = 0;
		for (long id : loaded) {
			String[] unitMonth = this.jdbc.sql("SELECT unit_code, period FROM ops.submission WHERE submission_id = :id")
				.param("id", id)
				.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
				.single();
			List<String> stored = this.jdbc
				.sql("SELECT rule || ' ' || message_en FROM ops.finding WHERE submission_id = :id ORDER BY seq")
				.param("id", id)
				.query(String.class)
				.list();
			List<String> judgedAgain = new TransactionTemplate(this.transactionManager)
				.execute((tx) -> this.outliers.check(id, unitMonth[0], unitMonth[1]))
				.stream()
				.map((f) -> f.rule() + " " + f.messageEn())
				.toList();
			assertThat(stored).as("warnings of %s %s", unitMonth[0], unitMonth[1]).isEqualTo(judgedAgain);
			warnings += stored.size();
		}
		assertThat(warnings).isGreaterThan(0);
	}

	/**
	 * The probe of issue 26: two months of the largest value a file can hold in an
	 * indicator whose catalogue row names no bound, then the next file of the unit, once
	 * looped for ever in {@link CountDistribution#range}, holding the pipeline. Now the
	 * row has the default bound and the two files are rejected; with the bound lifted on
	 * purpose they load (two villages of the largest value, a unit total beyond a
	 * {@code long}), and the next file is judged at once: a fall, against that history.
	 */
	@Test
	void twoMonthsOfTheLargestValueThenTheNextFileCompleteTheirRuns() throws Exception {
		String ward = WARDS.get(0);
		String catalogue = Files.readString(config.resolve("indicators.csv"));
		try {
			// given a catalogue row of crime cases without a bound
			withCrimeCasesBound(catalogue, "");
			// when four ordinary months, two of the largest value, then the next month
			// come, in two runs
			writeHugeHistory(ward);
			assertTimeoutPreemptively(HANG_GUARD, this::ingest);
			SubmissionFiles.write(inbox(), ward, YearMonth.of(2019, 7), Map.of(), (v, i) -> 0);
			assertTimeoutPreemptively(HANG_GUARD, this::ingest);
			// then the two are rejected, above the default bound, and the next one loads
			assertThat(this.jdbc.sql("""
					SELECT s.period || ' ' || s.status || ' ' || coalesce(string_agg(DISTINCT f.rule, ','), '')
					FROM ops.submission s LEFT JOIN ops.finding f USING (submission_id)
					GROUP BY s.submission_id ORDER BY s.period
					""").query(String.class).list()).containsExactly("2019-01 LOADED ", "2019-02 LOADED ",
					"2019-03 LOADED ", "2019-04 LOADED ", "2019-05 REJECTED VALUE_ABOVE_BOUND",
					"2019-06 REJECTED VALUE_ABOVE_BOUND", "2019-07 LOADED ");
			// given the bound lifted on purpose
			emptyFoldersAndSubmissions();
			withCrimeCasesBound(catalogue, Long.toString(Long.MAX_VALUE));
			// when the same files come
			writeHugeHistory(ward);
			assertTimeoutPreemptively(HANG_GUARD, this::ingest);
			SubmissionFiles.write(inbox(), ward, YearMonth.of(2019, 7), Map.of(), (v, i) -> 0);
			assertTimeoutPreemptively(HANG_GUARD, this::ingest);
			// then every file loads, and the next month's count is an outlier (a fall)
			// with a range reaching the largest value
			assertThat(count("SELECT count(*) FROM ops.submission WHERE status = 'LOADED'")).isEqualTo(7);
			assertThat(this.jdbc.sql("""
					SELECT f.message_en FROM ops.finding f JOIN ops.submission s USING (submission_id)
					WHERE s.period = '2019-07' AND f.rule = 'OUTLIER_COUNT' AND f.field = 'crime_cases'
					""").query(String.class).single()).startsWith("Value 0 is unusual for this unit: expected ")
				.contains(" to 9223372036854775807 (mean ", "negative binomial; 6 months: 2019-01..2019-06");
		}
		finally {
			Files.writeString(config.resolve("indicators.csv"), catalogue);
		}
	}

	private static void withCrimeCasesBound(String catalogue, String bound) throws IOException {
		String changed = catalogue.replaceAll("(?m)^(crime_cases,.*),1000,(\\w*)$", "$1," + bound + ",$2");
		assertThat(changed).isNotEqualTo(catalogue);
		Files.writeString(config.resolve("indicators.csv"), changed);
	}

	/**
	 * Four months of two crime cases in a village, then two of the largest value in each
	 * of two villages.
	 */
	private static void writeHugeHistory(String ward) {
		for (int month = 1; month <= 6; month++) {
			boolean huge = month > 4;
			SubmissionFiles.write(inbox(), ward, YearMonth.of(2019, month), Map.of(), (village, indicator) -> {
				if (!indicator.equals("crime_cases")) {
					return 0;
				}
				return huge ? ((village <= 2) ? Long.MAX_VALUE : 0) : ((village == 1) ? 2 : 0);
			});
		}
	}

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) throws IOException {
		config = configOfOurOwn(registry);
	}

	@AfterAll
	static void dropConfig() {
		FileSystemUtils.deleteRecursively(config.toFile());
	}

	private Random seeded() {
		long seed = Long.getLong("safetystats.propertySeed", System.nanoTime());
		System.out.println("OutlierSummaryIntegrationTests seed " + seed);
		this.catalog = this.catalogs.load();
		return new Random(seed);
	}

	/** Random files of every ward from FIRST to LAST, some left out when gaps. */
	private void writeHistory(Random random, boolean gaps) throws IOException {
		for (String ward : WARDS) {
			for (YearMonth month = FIRST; !month.isAfter(LAST); month = month.plusMonths(1)) {
				if (!gaps || random.nextInt(12) != 0) {
					write(ward, month, values(ward, month, random));
				}
			}
		}
	}

	private void assertSummariesAreTheCurrentValues() {
		assertThat(count("SELECT count(*) FROM ops.submission WHERE status = 'LOADED'"))
			.isEqualTo(count("SELECT count(*) FROM ops.unit_month_summary"))
			.isGreaterThan(90);
		assertThat(count("SELECT count(*) FROM ((" + SUMMARIES + " EXCEPT " + RECOMPUTED + ") UNION ALL (" + RECOMPUTED
				+ " EXCEPT " + SUMMARIES + ")) AS d"))
			.isZero();
	}

	/**
	 * Random values of every indicator and village: small counts, now and then a burst,
	 * camera flags that often switch (no casualties without an accident).
	 */
	private List<AcceptedValue> values(String ward, YearMonth month, Random random) {
		List<AcceptedValue> values = new ArrayList<>();
		long line = 2;
		int burst = (random.nextInt(10) == 0) ? 8 : 0;
		long accidents = random.nextInt(3) + burst;
		values.add(new AcceptedValue(line++, null, "traffic_accidents", accidents, null));
		for (String indicator : List.of("traffic_deaths", "traffic_injuries")) {
			values.add(new AcceptedValue(line++, null, indicator, (accidents > 0) ? random.nextInt(3) : 0, null));
		}
		for (String indicator : List.of("traffic_black_spots", "active_security_models")) {
			values.add(new AcceptedValue(line++, null, indicator, random.nextInt(3) + burst, null));
		}
		for (UnitVersion village : this.catalog.villagesOf(ward, month)) {
			values.add(new AcceptedValue(line++, village.code(), "crime_cases",
					(random.nextInt(4) == 0) ? random.nextInt(4) : 0, null));
			values.add(new AcceptedValue(line++, village.code(), "new_drug_addicts", random.nextInt(6) / 5, null));
			values.add(new AcceptedValue(line++, village.code(), "camera_model", random.nextInt(2), null));
		}
		return values;
	}

	/** The stored values of the ward's month before, as a new file's. */
	private List<AcceptedValue> previous(String ward, YearMonth period) {
		return this.jdbc.sql("""
				SELECT v.line, v.village_code, v.indicator, v.value
				FROM ops.submission s JOIN ops.submission_value v ON v.submission_id = s.submission_id
				WHERE s.unit_code = :ward AND s.period = :period AND s.status = 'LOADED' ORDER BY v.line
				""")
			.param("ward", ward)
			.param("period", period.minusMonths(1).toString())
			.query((rs, n) -> new AcceptedValue(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), null))
			.list();
	}

	private static void write(String ward, YearMonth month, List<AcceptedValue> values) throws IOException {
		StringBuilder csv = new StringBuilder("unit_code,period,village_code,indicator,value,note\n");
		for (AcceptedValue value : values) {
			csv.append(ward)
				.append(',')
				.append(month)
				.append(',')
				.append((value.villageCode() != null) ? value.villageCode() : "")
				.append(',')
				.append(value.indicator())
				.append(',')
				.append(value.value())
				.append(",\n");
		}
		Files.writeString(inbox().resolve(ward + "_" + month + ".csv"), csv);
	}

	private void ingest() throws Exception {
		assertThat(this.jobs.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Files.list(inbox())).isEmpty();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
