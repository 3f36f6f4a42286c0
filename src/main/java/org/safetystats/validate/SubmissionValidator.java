package org.safetystats.validate;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.UnitVersion;

/**
 * Checks one submission in a single streaming pass: its name, its format (a CSV file's
 * encoding and structure, or a workbook's first sheet, {@link SubmissionWorkbook}), its
 * header, every row, and at the end completeness and the cross-indicator rules. Rows that
 * pass go to a {@link ValueSink} until the first error; all findings are collected
 * whatever happens. Memory is bounded by the size of the unit, not of the file.
 */
public final class SubmissionValidator {

	private final ReferenceCatalog catalog;

	private final Clock clock;

	public SubmissionValidator(ReferenceCatalog catalog, Clock clock) {
		this.catalog = catalog;
		this.clock = clock;
	}

	/**
	 * Validates a file's content.
	 * @param fileName the file's name, which must agree with its content
	 * @param content the bytes, read once: CSV, or a workbook told by its first bytes
	 * (spooled to a temporary file, as a zip is read from its end)
	 * @param sink receives accepted rows until the first error
	 * @return what was found and how many rows were read
	 */
	public ValidationResult validate(String fileName, InputStream content, ValueSink sink) throws IOException {
		Findings findings = new Findings();
		SubmissionFileName name = SubmissionFileName.parse(fileName);
		ExpectedCells expected = checkName(fileName, name, findings);
		Function<Character, RowFeed> feeds = (decimalMark) -> new RowFeed(
				new RowChecker(this.catalog, name, expected, decimalMark, findings), sink, findings);
		BufferedInputStream in = new BufferedInputStream(content, SubmissionFormat.bufferSize(content));
		RowFeed feed = switch (SubmissionFormat.of(in)) {
			case CSV -> SubmissionCsv.read(in, feeds, findings);
			case WORKBOOK -> SubmissionWorkbook.read(in, feeds, findings);
			case LEGACY_WORKBOOK -> {
				findings.add(Finding.of(Rule.XLS_LEGACY, null, "file", null));
				yield null;
			}
		};
		long rows = (feed != null) ? feed.finish() : 0;
		if (findings.hasErrors()) {
			sink.abandon();
		}
		return new ValidationResult(name, rows, findings);
	}

	private @Nullable ExpectedCells checkName(String fileName, @Nullable SubmissionFileName name, Findings findings) {
		if (name == null) {
			findings.add(Finding.of(Rule.FILE_NAME, null, "file_name", fileName));
			int bytes = fileName.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
			if (bytes > SubmissionFileName.MAX_KEPT_BYTES) {
				findings.add(Finding.of(Rule.FILE_NAME_TOO_LONG, null, "file_name", fileName, bytes,
						SubmissionFileName.MAX_KEPT_BYTES, SubmissionFileName.storable(fileName)));
			}
			return null;
		}
		YearMonth now = YearMonth.now(this.clock);
		// a month in the future says so first: it is the clerk's likelier mistake
		if (name.period().isAfter(now)) {
			findings.add(Finding.of(Rule.PERIOD_FUTURE, null, "file_name", fileName, name.periodText()));
		}
		else if (name.period().isBefore(CoveredMonths.FIRST) || name.period().isAfter(CoveredMonths.LAST)) {
			findings.add(Finding.of(Rule.PERIOD_OUT_OF_RANGE, null, "file_name", fileName, name.periodText(),
					CoveredMonths.FIRST, CoveredMonths.LAST));
		}
		else if (name.period().equals(now)) {
			findings.add(Finding.of(Rule.PERIOD_NOT_OVER, null, "file_name", fileName, name.periodText()));
		}
		UnitVersion unit = this.catalog.commune(name.unitCode(), name.period());
		if (unit == null) {
			findings.add(unitNotValid(fileName, name));
			return null;
		}
		List<String> villages = this.catalog.villagesOf(unit.code(), name.period())
			.stream()
			.map(UnitVersion::code)
			.toList();
		return new ExpectedCells(this.catalog.indicators(), villages);
	}

	/**
	 * A file from a unit for a month it did not exist in: names the unit valid then (its
	 * successor or predecessor) when the lineage knows it.
	 */
	private Finding unitNotValid(String fileName, SubmissionFileName name) {
		if (!this.catalog.knowsUnit(name.unitCode())) {
			return Finding.of(Rule.UNIT_UNKNOWN, null, "file_name", fileName, name.unitCode(), name.periodText());
		}
		List<UnitVersion> instead = this.catalog.validInstead(name.unitCode(), name.period());
		if (instead.isEmpty()) {
			return Finding.of(Rule.UNIT_NOT_VALID, null, "file_name", fileName, name.unitCode(), name.periodText());
		}
		boolean ended = this.catalog.endedBefore(name.unitCode(), name.period());
		String units = String.join(", ", instead.stream().map((unit) -> unit.code() + " " + unit.name()).toList());
		return Finding.of(ended ? Rule.UNIT_ENDED : Rule.UNIT_NOT_YET, null, "file_name", fileName, name.unitCode(),
				name.periodText(), units);
	}

}
