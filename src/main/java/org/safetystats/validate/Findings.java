package org.safetystats.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The findings of one submission, in file order. Counts are always exact; the findings
 * themselves are kept up to a limit so that a hostile file with millions of bad rows
 * cannot exhaust memory, and a final {@link Rule#TOO_MANY_FINDINGS} says how many more
 * there were.
 */
public final class Findings {

	/** Findings kept per submission; far above anything a real clerk's file produces. */
	public static final int DEFAULT_LIMIT = 50_000;

	private final List<Finding> kept = new ArrayList<>();

	private final int limit;

	private long errors;

	private long warnings;

	private @Nullable CellLocator locator;

	public Findings() {
		this(DEFAULT_LIMIT);
	}

	public Findings(int limit) {
		this.limit = limit;
	}

	/**
	 * From now on, a finding on a line is placed at its workbook cell (a workbook's
	 * reader sets this once it knows the header).
	 */
	void locateCellsWith(CellLocator locator) {
		this.locator = locator;
	}

	public void add(Finding finding) {
		if (this.locator != null && finding.line() != null && finding.cell() == null) {
			finding = finding.at(this.locator.cell(finding.line(), finding.field()));
		}
		if (finding.severity() == Severity.ERROR) {
			this.errors++;
		}
		else {
			this.warnings++;
		}
		if (this.kept.size() < this.limit) {
			this.kept.add(finding);
		}
	}

	public boolean hasErrors() {
		return this.errors > 0;
	}

	public long errorCount() {
		return this.errors;
	}

	public long warningCount() {
		return this.warnings;
	}

	/** The findings to store and report, with a closing note when some were not kept. */
	public List<Finding> list() {
		long dropped = this.errors + this.warnings - this.kept.size();
		if (dropped == 0) {
			return Collections.unmodifiableList(this.kept);
		}
		List<Finding> all = new ArrayList<>(this.kept);
		all.add(Finding.of(Rule.TOO_MANY_FINDINGS, null, null, null, this.kept.size(), dropped));
		return all;
	}

	/** Names the cell of a line and field. */
	@FunctionalInterface
	interface CellLocator {

		String cell(long line, @Nullable String field);

	}

}
