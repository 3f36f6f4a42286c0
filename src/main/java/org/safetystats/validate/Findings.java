package org.safetystats.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
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

	/** The other lines of a kept finding, by its place among the kept ones. */
	private final Map<Integer, List<Long>> repeats = new HashMap<>();

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
		keep(finding);
	}

	/**
	 * Adds the finding; returns its place among the kept ones for {@link #again}, or -1
	 * when it was only counted.
	 */
	int keep(Finding finding) {
		if (this.locator != null && finding.line() != null && finding.cell() == null) {
			finding = finding.at(this.locator.cell(finding.line(), finding.field()));
		}
		count(finding.rule());
		if (this.kept.size() < this.limit) {
			this.kept.add(finding);
			return this.kept.size() - 1;
		}
		this.dropped.merge(finding.rule(), 1L, Long::sum);
		return -1;
	}

	/**
	 * The finding kept at {@code index} ({@link #keep}) once more, on another line:
	 * counted like any other, and named in that finding's message (" also on lines 3-42")
	 * rather than listed again, so that a mistake made on every row reads as one.
	 */
	void again(int index, Rule rule, long line) {
		count(rule);
		if (index < 0) {
			this.dropped.merge(rule, 1L, Long::sum);
			return;
		}
		this.repeats.computeIfAbsent(index, (key) -> new ArrayList<>()).add(line);
	}

	private void count(Rule rule) {
		if (rule.severity() == Severity.ERROR) {
			this.errors++;
		}
		else {
			this.warnings++;
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
		List<Finding> all = new ArrayList<>(this.kept);
		long repeated = 0;
		for (Map.Entry<Integer, List<Long>> lines : this.repeats.entrySet()) {
			all.set(lines.getKey(), all.get(lines.getKey()).alsoOn(lines.getValue()));
			repeated += lines.getValue().size();
		}
		long dropped = this.errors + this.warnings - this.kept.size() - repeated;
		if (dropped == 0) {
			return Collections.unmodifiableList(all);
		}
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
