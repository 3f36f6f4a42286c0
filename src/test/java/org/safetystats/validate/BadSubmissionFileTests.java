package org.safetystats.validate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safetystats.reference.Indicator;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.UnitVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deliberately bad file of src/test/resources/ingest/ per rule, under the name it is
 * submitted as: the validator finds the rule at its line and field, as an error with a
 * Vietnamese and an English message, the file is not loadable and nothing of it is kept.
 * The catalogue holds the units, villages and indicators of config/ the fixtures name.
 * That the ingest job turns such findings into a rejected submission, its stored findings
 * and a moved file with its error report is RejectedSubmissionIntegrationTests' part.
 */
class BadSubmissionFileTests {

	private static final ReferenceCatalog CATALOG = catalog();

	/** The integration suites' fixed instant ({@code TestClock}): 2026-11 not over. */
	private final SubmissionValidator validator = new SubmissionValidator(CATALOG,
			Clock.fixed(Instant.parse("2026-11-20T03:00:00Z"), ZoneOffset.UTC));

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
	void badFileBreaksItsRule(String fixture, String name, Rule rule, Long line, String field) throws IOException {
		// given
		KeptValues sink = new KeptValues();
		// when
		ValidationResult result;
		try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/ingest/" + fixture), fixture)) {
			result = this.validator.validate(name, in, sink);
		}
		// then
		assertThat(result.loadable()).isFalse();
		assertThat(result.findings().list())
			.filteredOn((finding) -> finding.rule() == rule && finding.severity() == Severity.ERROR)
			.anySatisfy((finding) -> {
				assertThat(finding.line()).isEqualTo(line);
				assertThat(finding.field()).isEqualTo(field);
				assertThat(finding.messageVi()).isNotBlank();
				assertThat(finding.messageEn()).isNotBlank();
			});
		assertThat(sink.abandoned).isTrue();
		assertThat(sink.kept).isEmpty();
		assertThat(sink.afterAbandon).isZero();
	}

	@Test
	void casualtiesWithoutAnAccidentFollowWhatTheIndicatorsFeedNotTheirCodes() throws Exception {
		// given a catalogue whose traffic indicators have codes of their own, and a code
		// of the config/ catalogue that feeds nothing
		List<Indicator> indicators = List.of(new Indicator("tngt_vu", false, false, 1000, "accidents"),
				new Indicator("tngt_chet", false, false, 1000, "deaths"),
				new Indicator("tngt_bi_thuong", false, false, 1000, "injuries"),
				new Indicator("traffic_accidents", false, false, 1000));
		SubmissionValidator renamed = new SubmissionValidator(catalog(indicators),
				Clock.fixed(Instant.parse("2026-11-20T03:00:00Z"), ZoneOffset.UTC));
		String file = """
				unit_code,period,village_code,indicator,value,note
				14347,2019-03,,tngt_vu,0,
				14347,2019-03,,tngt_chet,1,
				14347,2019-03,,tngt_bi_thuong,0,
				14347,2019-03,,traffic_accidents,3,
				""";
		// when it is checked
		ValidationResult result = renamed.validate("14347_2019-03.csv",
				new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), ValueSink.DISCARD);
		// then the deaths without an accident are found under the code that feeds deaths
		assertThat(result.findings().list()).filteredOn((finding) -> finding.rule() == Rule.CASUALTIES_WITHOUT_ACCIDENT)
			.singleElement()
			.satisfies((finding) -> assertThat(finding.field()).isEqualTo("tngt_chet"));
	}

	/**
	 * Keeps what it is given until the validator abandons the file, as the ingest job's
	 * COPY does (cancelled, rolled back): what it keeps at the end is what would load.
	 */
	private static final class KeptValues implements ValueSink {

		final List<AcceptedValue> kept = new ArrayList<>();

		boolean abandoned;

		int afterAbandon;

		@Override
		public void accept(AcceptedValue value) {
			if (this.abandoned) {
				this.afterAbandon++;
			}
			this.kept.add(value);
		}

		@Override
		public void abandon() {
			this.abandoned = true;
			this.kept.clear();
		}

	}

	/**
	 * What config/ says of the units the fixtures name (units.csv, villages.csv,
	 * lineage.csv) and its eight indicators (indicators.csv: level, value type and
	 * bound). 14347 and 14350 are communes of district 369, then of 374 from 2025-01-01,
	 * until 2025-07-01, with 12 and 14 villages; 14326 ended on 2025-01-01, merged into
	 * 14329.
	 */
	private static ReferenceCatalog catalog() {
		return catalog(ConfigIndicators.ALL);
	}

	private static ReferenceCatalog catalog(List<Indicator> indicators) {
		LocalDate merged = LocalDate.of(2025, 1, 1);
		LocalDate reformed = LocalDate.of(2025, 7, 1);
		List<UnitVersion> units = new ArrayList<>();
		units.add(new UnitVersion("14326", "Phường Thanh Bình", "commune", "369", LocalDate.MIN, merged));
		units.add(new UnitVersion("14329", "Phường Vân Giang", "commune", "369", LocalDate.MIN, merged));
		units.add(new UnitVersion("14329", "Phường Vân Giang", "commune", "374", merged, reformed));
		units.add(new UnitVersion("14347", "Xã Ninh Nhất", "commune", "369", LocalDate.MIN, merged));
		units.add(new UnitVersion("14347", "Xã Ninh Nhất", "commune", "374", merged, reformed));
		units.add(new UnitVersion("14350", "Xã Ninh Tiến", "commune", "369", LocalDate.MIN, merged));
		units.add(new UnitVersion("14350", "Xã Ninh Tiến", "commune", "374", merged, reformed));
		units.addAll(villages("14347", 12, reformed));
		units.addAll(villages("14350", 14, reformed));
		return new ReferenceCatalog(indicators, units,
				List.of(new ReferenceCatalog.Succession("14326", "14329", merged)));
	}

	/** Villages {@code <commune>-01} to {@code -NN}, valid until the day given. */
	private static List<UnitVersion> villages(String commune, int count, LocalDate validTo) {
		return IntStream.rangeClosed(1, count)
			.mapToObj((i) -> new UnitVersion(String.format("%s-%02d", commune, i), "Thôn " + i, "village", commune,
					LocalDate.MIN, validTo))
			.toList();
	}

}
