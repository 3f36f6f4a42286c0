package org.safetystats.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.UnitVersion;

/**
 * Checks one submission in a single streaming pass: its name, its encoding and CSV
 * structure, its header, every row, and at the end completeness and the cross-indicator
 * rules. Rows that pass go to a {@link ValueSink} until the first error; all findings are
 * collected whatever happens. Memory is bounded by the size of the unit, not of the file.
 */
public final class SubmissionValidator {

	// the months warehouse.dim_period and the yearly partitions cover (V5): a file
	// outside them would load and never
	// reach the warehouse, so it is refused
	static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);

	static final YearMonth LAST_MONTH = YearMonth.of(2040, 12);

	private final ReferenceCatalog catalog;

	private final Clock clock;

	public SubmissionValidator(ReferenceCatalog catalog, Clock clock) {
		this.catalog = catalog;
		this.clock = clock;
	}

	/**
	 * Validates a file's content.
	 * @param fileName the file's name, which must agree with its content
	 * @param content the bytes, read once
	 * @param sink receives accepted rows until the first error
	 * @return what was found and how many rows were read
	 */
	public ValidationResult validate(String fileName, InputStream content, ValueSink sink) throws IOException {
		Findings findings = new Findings();
		SubmissionFileName name = SubmissionFileName.parse(fileName);
		ExpectedCells expected = checkName(fileName, name, findings);
		SubmissionCsv.Opened csv = SubmissionCsv.open(content, findings);
		long rows = 0;
		if (csv != null) {
			RowChecker rowChecker = new RowChecker(this.catalog, name, expected, csv.decimalMark(), findings);
			rows = readRows(csv, rowChecker, sink, findings);
			if (rows > 0 && rowChecker.readToEnd()) {
				rowChecker.finish();
			}
		}
		if (findings.hasErrors()) {
			sink.abandon();
		}
		return new ValidationResult(name, rows, findings);
	}

	private @Nullable ExpectedCells checkName(String fileName, @Nullable SubmissionFileName name, Findings findings) {
		if (name == null) {
			findings.add(Finding.of(Rule.FILE_NAME, null, "file_name", fileName));
			return null;
		}
		YearMonth now = YearMonth.now(this.clock);
		if (name.period().isAfter(now)) {
			findings.add(Finding.of(Rule.PERIOD_FUTURE, null, "file_name", fileName, name.periodText()));
		}
		else if (name.period().isBefore(FIRST_MONTH) || name.period().isAfter(LAST_MONTH)) {
			findings.add(Finding.of(Rule.PERIOD_OUT_OF_RANGE, null, "file_name", fileName, name.periodText(),
					FIRST_MONTH, LAST_MONTH));
		}
		else if (name.period().equals(now)) {
			findings.add(Finding.of(Rule.PERIOD_NOT_OVER, null, "file_name", fileName, name.periodText()));
		}
		UnitVersion unit = this.catalog.commune(name.unitCode(), name.period());
		if (unit == null) {
			Rule rule = this.catalog.knowsUnit(name.unitCode()) ? Rule.UNIT_NOT_VALID : Rule.UNIT_UNKNOWN;
			findings.add(Finding.of(rule, null, "file_name", fileName, name.unitCode(), name.periodText()));
			return null;
		}
		List<String> villages = this.catalog.villagesOf(unit.code(), name.period())
			.stream()
			.map(UnitVersion::code)
			.toList();
		return new ExpectedCells(this.catalog.indicators(), villages);
	}

	private long readRows(SubmissionCsv.Opened csv, RowChecker rowChecker, ValueSink sink, Findings findings)
			throws IOException {
		Iterator<CSVRecord> records = csv.parser().iterator();
		long rows = 0;
		long line = 1;
		boolean abandoned = false;
		try {
			if (!records.hasNext()) {
				findings.add(Finding.of(Rule.FILE_EMPTY, null, null, null));
				return 0;
			}
			if (!rowChecker.header(records.next())) {
				return 0;
			}
			while (true) {
				line = csv.parser().getCurrentLineNumber() + 1;
				if (!records.hasNext()) {
					break;
				}
				CSVRecord record = records.next();
				if (record.size() == 1 && record.get(0).isBlank()) {
					continue;
				}
				rows++;
				AcceptedValue value = rowChecker.check(record, line);
				if (!abandoned && findings.hasErrors()) {
					sink.abandon();
					abandoned = true;
				}
				if (value != null && !abandoned) {
					sink.accept(value);
				}
			}
			if (rows == 0) {
				findings.add(Finding.of(Rule.NO_DATA, null, null, null));
			}
		}
		catch (UncheckedIOException ex) {
			rowChecker.stoppedEarly();
			findings.add(unreadable(ex.getCause(), line));
		}
		return rows;
	}

	private static Finding unreadable(IOException cause, long line) {
		if (cause instanceof Utf8CheckingInputStream.NotUtf8Exception notUtf8) {
			return Finding.of(Rule.ENCODING, notUtf8.line(), "encoding", null);
		}
		if (cause instanceof RecordSizeLimitingReader.RecordTooLongException) {
			return Finding.of(Rule.RECORD_TOO_LONG, line, null, null,
					String.format("%,d", SubmissionCsv.MAX_RECORD_LENGTH));
		}
		if (cause instanceof CharacterCodingException) {
			return Finding.of(Rule.ENCODING, line, "encoding", null);
		}
		return Finding.of(Rule.CSV_MALFORMED, line, null, null, String.valueOf(cause.getMessage()));
	}

}
