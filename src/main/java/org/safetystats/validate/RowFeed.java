package org.safetystats.validate;

import java.util.List;

/**
 * Takes a file's records in order, whatever the format they were read from (CSV lines,
 * workbook rows): the header first, then each data row to the row rules and, while the
 * file has no error, its value to the sink. At the end it applies the rules that need the
 * whole file.
 */
final class RowFeed {

	private final RowChecker checker;

	private final ValueSink sink;

	private final Findings findings;

	private boolean headerSeen;

	private boolean headerUsable;

	private boolean abandoned;

	private long rows;

	RowFeed(RowChecker checker, ValueSink sink, Findings findings) {
		this.checker = checker;
		this.sink = sink;
		this.findings = findings;
	}

	/** The header record; returns whether rows can be read with it. */
	boolean header(List<String> cells, long line) {
		this.headerSeen = true;
		this.headerUsable = this.checker.header(cells, line);
		return this.headerUsable;
	}

	/** One data record (blank ones are the reader's to skip). */
	void row(List<String> cells, long line) {
		this.rows++;
		AcceptedValue value = this.checker.check(cells, line);
		if (!this.abandoned && this.findings.hasErrors()) {
			this.sink.abandon();
			this.abandoned = true;
		}
		if (value != null && !this.abandoned) {
			this.sink.accept(value);
		}
	}

	/** Reading stopped on an unreadable part: completeness cannot be judged. */
	void stoppedEarly() {
		this.checker.stoppedEarly();
	}

	/** The rules of the whole file, once every record is read; returns the data rows. */
	long finish() {
		if (this.checker.readToEnd()) {
			if (!this.headerSeen) {
				this.findings.add(Finding.of(Rule.FILE_EMPTY, null, null, null));
			}
			else if (this.headerUsable && this.rows == 0) {
				this.findings.add(Finding.of(Rule.NO_DATA, null, null, null));
			}
			else if (this.rows > 0) {
				this.checker.finish();
			}
		}
		return this.rows;
	}

}
