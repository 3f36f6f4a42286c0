package org.safetystats.quality;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.safetystats.validate.AcceptedValue;
import org.safetystats.validate.Finding;
import org.safetystats.validate.Rule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The OUTLIER warnings of a file about to load, against its unit's own history: each
 * monthly count far out in the tail of what the unit's history predicts
 * ({@link CountDistribution}); a unit total that jumps out of a month when every village
 * reported 0; a copied file; flags switching back and forth ({@link RepeatChecks}).
 * Warnings never stop a load. The tail probability is
 * {@code safetystats.outliers.tail-probability} (0 turns the checks off).
 */
@Component
public class OutlierWarnings {

	/** Fewer months of history than this and a count is not judged. */
	static final int MIN_HISTORY = 6;

	/** The cross-level check flags at this multiple of the tail probability. */
	static final double CROSS_LEVEL_FACTOR = 2;

	private final JdbcClient jdbc;

	private final double alpha;

	private final double copiedFileProbability;

	OutlierWarnings(JdbcClient jdbc, @Value("${safetystats.outliers.tail-probability:0.005}") double alpha,
			@Value("${safetystats.outliers.copied-file-probability:0.01}") double copiedFileProbability) {
		this.jdbc = jdbc;
		this.alpha = alpha;
		this.copiedFileProbability = copiedFileProbability;
	}

	/**
	 * The warnings for a submission whose values are already copied (in the caller's
	 * transaction).
	 */
	public List<Finding> check(long submissionId, String unit, String period) {
		if (this.alpha <= 0) {
			return List.of();
		}
		return judge(UnitHistories.load(this.jdbc, submissionId, unit, YearMonth.parse(period)));
	}

	/**
	 * A file not yet stored: its unit, month and accepted values.
	 *
	 * @param unit the unit's code
	 * @param period the month, YYYY-MM
	 * @param values the file's accepted values
	 */
	public record Candidate(String unit, String period, List<AcceptedValue> values) {
	}

	/**
	 * The warnings of several files of distinct units whose values are not stored yet,
	 * with one read of their histories; in the order of the candidates.
	 */
	public List<List<Finding>> checkAll(List<Candidate> candidates) {
		if (this.alpha <= 0 || candidates.isEmpty()) {
			return candidates.stream().map((c) -> List.<Finding>of()).toList();
		}
		Map<String, UnitHistory.Kind> kinds = UnitHistories.kinds(this.jdbc);
		List<UnitHistory> histories = new ArrayList<>(UnitHistories.fromSummaries(this.jdbc, candidates, kinds));
		// A file that repeats last month's is judged value by value over every month:
		// those few read every value.
		List<Integer> copies = new ArrayList<>();
		for (int i = 0; i < histories.size(); i++) {
			if (RepeatChecks.mayBeCopied(histories.get(i))) {
				copies.add(i);
			}
		}
		if (!copies.isEmpty()) {
			Iterator<UnitHistory> full = UnitHistories
				.fromValues(this.jdbc, copies.stream().map(candidates::get).toList(), kinds)
				.iterator();
			copies.forEach((i) -> histories.set(i, full.next()));
		}
		return histories.stream().map(this::judge).toList();
	}

	/**
	 * As {@link #checkAll}, each history read value by value from the submissions rather
	 * than from the summaries: the same warnings, more slowly.
	 */
	List<List<Finding>> checkAllFromValues(List<Candidate> candidates) {
		if (this.alpha <= 0 || candidates.isEmpty()) {
			return candidates.stream().map((c) -> List.<Finding>of()).toList();
		}
		return UnitHistories.fromValues(this.jdbc, candidates, UnitHistories.kinds(this.jdbc))
			.stream()
			.map(this::judge)
			.toList();
	}

	private List<Finding> judge(UnitHistory history) {
		List<Finding> found = new ArrayList<>();
		if (history.earlierMonths().isEmpty()) {
			return found;
		}
		Set<String> flagged = counts(history, found);
		crossLevel(history, flagged, found);
		RepeatChecks.copiedFile(history, this.copiedFileProbability, found);
		RepeatChecks.flipFlops(history, found);
		return found;
	}

	private Set<String> counts(UnitHistory history, List<Finding> found) {
		Set<String> flagged = new HashSet<>();
		for (Map.Entry<String, UnitHistory.Kind> kind : history.kinds.entrySet()) {
			String indicator = kind.getKey();
			if (!kind.getValue().summedCount() || !history.reports(history.period, indicator)) {
				continue;
			}
			Judged judged = judge(history, indicator);
			if (judged == null) {
				continue;
			}
			double tail = Math.min(judged.distribution().upperTail(judged.value()),
					judged.distribution().lowerTail(judged.value()));
			if (tail < this.alpha) {
				flagged.add(indicator);
				found.add(judged.finding(Rule.OUTLIER_COUNT, this.alpha, tail, List.of(judged.value())));
			}
		}
		return flagged;
	}

	private void crossLevel(UnitHistory history, Set<String> flagged, List<Finding> found) {
		YearMonth before = history.period.minusMonths(1);
		if (history.month(before) == null) {
			return;
		}
		for (Map.Entry<String, UnitHistory.Kind> kind : history.kinds.entrySet()) {
			String indicator = kind.getKey();
			if (!kind.getValue().summedCount() || !kind.getValue().villageLevel() || flagged.contains(indicator)
					|| !history.reports(before, indicator) || history.total(before, indicator) != 0) {
				continue;
			}
			Judged judged = judge(history, indicator);
			double level = this.alpha * CROSS_LEVEL_FACTOR;
			if (judged != null && judged.value() >= 2 && judged.distribution().upperTail(judged.value()) < level) {
				found.add(judged.finding(Rule.OUTLIER_CROSS_LEVEL, level,
						judged.distribution().upperTail(judged.value()), List.of(indicator, judged.value(), before)));
			}
		}
	}

	private static @Nullable Judged judge(UnitHistory history, String indicator) {
		List<YearMonth> used = history.earlierMonths().stream().filter((m) -> history.reports(m, indicator)).toList();
		if (used.size() < MIN_HISTORY) {
			return null;
		}
		long[] totals = used.stream().mapToLong((m) -> history.total(m, indicator)).toArray();
		return new Judged(indicator, history.total(history.period, indicator), CountDistribution.fromHistory(totals),
				used, history);
	}

	/**
	 * A count judged against its history (the months used described only for a finding).
	 */
	private record Judged(String indicator, long value, CountDistribution distribution, List<YearMonth> used,
			UnitHistory history) {

		Finding finding(Rule rule, double level, double tail, List<Object> lead) {
			long[] range = this.distribution.range(level);
			List<Object> args = new ArrayList<>(lead);
			args.addAll(List.of(range[0], range[1], String.format(Locale.ROOT, "%.2f", this.distribution.mean()),
					this.distribution.model(), this.used.size(), this.history.describe(this.used),
					String.format(Locale.ROOT, "%.1e", tail)));
			return Finding.of(rule, null, this.indicator, Long.toString(this.value), args.toArray());
		}

	}

}
