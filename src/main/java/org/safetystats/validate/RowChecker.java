package org.safetystats.validate;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.safetystats.reference.Indicator;
import org.safetystats.reference.ReferenceCatalog;

/**
 * The row-level rules of one file, and at the end of it completeness and the rule that
 * casualties need an accident. Codes are compared stripped; notes are kept as written,
 * NFC-normalised.
 */
final class RowChecker {

	static final int MAX_NOTE_LENGTH = 2000;

	static final int MAX_CODE_LENGTH = 50;

	private final ReferenceCatalog catalog;

	private final @Nullable SubmissionFileName name;

	private final @Nullable ExpectedCells expected;

	private final ValueReader values;

	private final Findings findings;

	private @Nullable HeaderLayout header;

	private boolean complete = true;

	/**
	 * The values of the indicators that feed the traffic measures (accidents, deaths,
	 * injuries: {@link #TRAFFIC}), and their codes, for the rule that casualties need an
	 * accident.
	 */
	private final long[] traffic = { -1, -1, -1 };

	private final String[] trafficCodes = new String[3];

	/** The measures of a traffic accident, in the order of {@link #traffic}. */
	private static final List<String> TRAFFIC = List.of("accidents", "deaths", "injuries");

	/** The finding of each wrong unit code met so far ({@link Findings#keep}). */
	private final Map<String, Integer> unitMismatches = new HashMap<>();

	RowChecker(ReferenceCatalog catalog, @Nullable SubmissionFileName name, @Nullable ExpectedCells expected,
			char decimalMark, Findings findings) {
		this.catalog = catalog;
		this.name = name;
		this.expected = expected;
		this.values = new ValueReader(decimalMark);
		this.findings = findings;
	}

	boolean header(List<String> record, long line) {
		this.header = HeaderLayout.read(record, line, this.findings);
		return this.header != null;
	}

	/**
	 * Checks one record; returns the value to load, or {@code null} when the row has an
	 * error.
	 */
	@Nullable AcceptedValue check(List<String> record, long line) {
		if (record.size() != this.header.width()) {
			this.findings.add(Finding.of(Rule.FIELD_COUNT, line, null, null, record.size(), this.header.width()));
			return null;
		}
		long errorsBefore = this.findings.errorCount();
		String unit = code(record, "unit_code", line);
		String period = code(record, "period", line);
		String village = code(record, "village_code", line);
		String indicatorCode = code(record, "indicator", line).toLowerCase(Locale.ROOT);
		String note = note(record, line);
		checkUnitAndPeriod(unit, period, line);
		Indicator indicator = this.catalog.indicator(indicatorCode);
		if (indicator == null) {
			this.findings.add(Finding.of(Rule.INDICATOR_UNKNOWN, line, "indicator", indicatorCode, indicatorCode));
			return null;
		}
		long errorsBeforeVillage = this.findings.errorCount();
		String villageCode = checkVillage(indicator, village, line);
		// A row whose cell is identifiable counts as present even if its value is bad:
		// completeness then
		// reports only rows that are truly absent, and a duplicate is caught whatever its
		// value.
		if (this.expected != null && this.findings.errorCount() == errorsBeforeVillage) {
			long first = this.expected.record(villageCode, indicator.code(), line);
			if (first != 0) {
				this.findings.add(Finding.of(Rule.DUPLICATE_ROW, line, "village_code",
						(villageCode != null) ? villageCode : indicator.code(), first));
				return null;
			}
		}
		Long value = this.values.read(this.header.get(record, "value"), indicator, line, this.findings);
		if (value == null || this.findings.errorCount() > errorsBefore) {
			return null;
		}
		rememberTraffic(indicator, value);
		return new AcceptedValue(line, villageCode, indicator.code(), value, note);
	}

	/**
	 * Called when reading stopped before the end of the file: completeness cannot be
	 * judged.
	 */
	void stoppedEarly() {
		this.complete = false;
	}

	boolean readToEnd() {
		return this.complete;
	}

	/** The rules that need the whole file. */
	void finish() {
		if (this.expected != null) {
			this.expected.missing().forEach(this.findings::add);
		}
		if (this.traffic[0] == 0) {
			if (this.traffic[1] > 0) {
				this.findings.add(Finding.of(Rule.CASUALTIES_WITHOUT_ACCIDENT, null, this.trafficCodes[1],
						String.valueOf(this.traffic[1]), this.trafficCodes[1], this.traffic[1]));
			}
			if (this.traffic[2] > 0) {
				this.findings.add(Finding.of(Rule.CASUALTIES_WITHOUT_ACCIDENT, null, this.trafficCodes[2],
						String.valueOf(this.traffic[2]), this.trafficCodes[2], this.traffic[2]));
			}
		}
	}

	private void checkUnitAndPeriod(String unit, String period, long line) {
		if (this.name == null) {
			return;
		}
		if (!unit.equals(this.name.unitCode())) {
			// the same wrong code on many rows (often every row) is one finding
			Integer first = this.unitMismatches.get(unit);
			if (first == null) {
				this.unitMismatches.put(unit, this.findings
					.keep(Finding.of(Rule.UNIT_MISMATCH, line, "unit_code", unit, unit, this.name.unitCode())));
			}
			else {
				this.findings.again(first, Rule.UNIT_MISMATCH, line);
			}
		}
		if (!SubmissionFileName.isPeriod(period)) {
			this.findings.add(Finding.of(Rule.PERIOD_FORMAT, line, "period", period, period));
		}
		else if (!period.equals(this.name.periodText())) {
			this.findings.add(Finding.of(Rule.PERIOD_MISMATCH, line, "period", period, period, this.name.periodText()));
		}
	}

	private @Nullable String checkVillage(Indicator indicator, String village, long line) {
		if (!indicator.villageLevel()) {
			if (!village.isEmpty()) {
				this.findings
					.add(Finding.of(Rule.INDICATOR_NO_VILLAGE, line, "village_code", village, indicator.code()));
			}
			return null;
		}
		if (village.isEmpty()) {
			this.findings
				.add(Finding.of(Rule.INDICATOR_NEEDS_VILLAGE, line, "village_code", village, indicator.code()));
			return null;
		}
		if (this.expected != null && !this.expected.hasVillage(village)) {
			this.findings.add(Finding.of(Rule.VILLAGE_UNKNOWN, line, "village_code", village, village,
					this.name.unitCode(), this.name.periodText()));
		}
		return village;
	}

	private String code(List<String> record, String column, long line) {
		String raw = this.header.get(record, column);
		String value = raw.strip();
		if (value.length() > MAX_CODE_LENGTH) {
			this.findings.add(Finding.of(Rule.FIELD_TOO_LONG, line, column, raw, value.length(), MAX_CODE_LENGTH));
			return "";
		}
		if (value.indexOf('\0') >= 0) {
			this.findings.add(Finding.of(Rule.CONTROL_CHARACTER, line, column, raw.replace('\0', '?')));
			return "";
		}
		return value;
	}

	private @Nullable String note(List<String> record, long line) {
		String raw = this.header.get(record, HeaderLayout.NOTE);
		if (raw.isEmpty()) {
			return null;
		}
		if (raw.length() > MAX_NOTE_LENGTH) {
			this.findings.add(Finding.of(Rule.FIELD_TOO_LONG, line, "note", raw, raw.length(), MAX_NOTE_LENGTH));
			return null;
		}
		if (raw.indexOf('\0') >= 0) {
			this.findings.add(Finding.of(Rule.CONTROL_CHARACTER, line, "note", raw.replace('\0', '?')));
			return null;
		}
		return Normalizer.isNormalized(raw, Normalizer.Form.NFC) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC);
	}

	private void rememberTraffic(Indicator indicator, long value) {
		int measure = (indicator.feeds() != null) ? TRAFFIC.indexOf(indicator.feeds()) : -1;
		if (measure >= 0) {
			this.traffic[measure] = value;
			this.trafficCodes[measure] = indicator.code();
		}
	}

}
