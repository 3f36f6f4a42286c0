package org.safetystats.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The findings of one submission, in file order. Counts are always exact; the findings
 * themselves are kept up to a limit, so that what a file's check holds, stores in
 * {@code ops.finding}, writes to its error report and shows on a page stays small
 * whatever the file, and a final {@link Rule#TOO_MANY_FINDINGS} says how many more there
 * were, of which rules.
 */
public final class Findings {

	/**
	 * Findings kept per submission: more than a clerk reads, and more than a real month's
	 * file gives (a commune's report is a few hundred rows); the rest are the same
	 * mistakes again.
	 */
	public static final int DEFAULT_LIMIT = 1_000;

	private final List<Finding> kept = new ArrayList<>();

	private final Map<Rule, Long> dropped = new EnumMap<>(Rule.class);

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
		else {
			this.dropped.merge(finding.rule(), 1L, Long::sum);
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
		String rules = this.dropped.entrySet()
			.stream()
			.map((e) -> e.getKey().name() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
			.collect(Collectors.joining(", "));
		all.add(Finding.of(Rule.TOO_MANY_FINDINGS, null, null, null, String.format(Locale.ROOT, "%,d", dropped), rules,
				String.format(Locale.ROOT, "%,d", this.kept.size())));
		return all;
	}

	/** Names the cell of a line and field. */
	@FunctionalInterface
	interface CellLocator {

		String cell(long line, @Nullable String field);

	}

}
