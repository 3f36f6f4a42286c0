package org.safetystats.quality;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.safetystats.validate.Finding;
import org.springframework.util.Assert;
import org.safetystats.validate.Rule;

/**
 * Warnings about values that repeat or swing: a long-reporting unit whose file repeats
 * last month's exactly (when such a repeat is improbable on its history), and a village
 * whose flag switches back and forth (0, 1, 0) or whose crime-free or drug-free status
 * alternates every month for six months.
 */
final class RepeatChecks {

	/** Months a unit must have reported before its file can be called a copy. */
	static final int LONG_REPORTING = 12;

	/** Months of strict alternation that make a status flip-flop. */
	static final int STATUS_WINDOW = 6;

	private RepeatChecks() {
	}

	/**
	 * Warns when every value equals last month's and the chance of that, value by value
	 * on the unit's history, is below the threshold.
	 */
	static void copiedFile(UnitHistory history, double threshold, List<Finding> found) {
		if (!mayBeCopied(history)) {
			return;
		}
		Assert.state(!history.totalsOnly, "a possible copy is judged on every value of every month");
		YearMonth previous = history.period.minusMonths(1);
		Map<UnitHistory.Cell, Long> now = history.current();
		double chance = 1;
		for (Map.Entry<UnitHistory.Cell, Long> cell : now.entrySet()) {
			UnitHistory.Kind kind = history.kinds.get(cell.getKey().indicator());
			if (kind != null && kind.summedCount()) {
				long[] values = history.earlierMonths()
					.stream()
					.map(history.months::get)
					.filter((month) -> month.containsKey(cell.getKey()))
					.mapToLong((month) -> month.get(cell.getKey()))
					.toArray();
				chance *= CountDistribution.fromHistory(values).pmf(cell.getValue());
			}
		}
		if (chance < threshold) {
			found.add(Finding.of(Rule.OUTLIER_COPIED_FILE, null, "file", null, now.size(), previous,
					String.format(Locale.ROOT, "%.1e", chance), history.earlierMonths().size()));
		}
	}

	/**
	 * Whether the file repeats last month's exactly after a long history: only then is
	 * the chance of a copy computed, value by value over every month.
	 */
	static boolean mayBeCopied(UnitHistory history) {
		Map<UnitHistory.Cell, Long> before = history.month(history.period.minusMonths(1));
		return before != null && history.earlierMonths().size() >= LONG_REPORTING && history.current().equals(before);
	}

	/** Warns about each village flag or status that switches back and forth. */
	static void flipFlops(UnitHistory history, List<Finding> found) {
		List<Map<UnitHistory.Cell, Long>> window = history.lastMonths(STATUS_WINDOW);
		for (UnitHistory.Cell cell : history.current().keySet()) {
			UnitHistory.Kind kind = history.kinds.get(cell.indicator());
			if (kind == null || cell.village().isEmpty()) {
				continue;
			}
			int months = kind.flag() ? 3 : (kind.summedCount() ? STATUS_WINDOW : 0);
			List<Long> values = lastValues(window.subList(STATUS_WINDOW - months, STATUS_WINDOW), cell);
			if (months > 0 && values.size() == months && alternates(values)) {
				found.add(Finding.of(Rule.OUTLIER_FLIP_FLOP, null, cell.indicator(),
						Long.toString(values.get(months - 1)), cell.indicator(), cell.village(),
						values.stream().map(String::valueOf).collect(Collectors.joining(" → ")),
						history.period.minusMonths(months - 1) + ".." + history.period, months));
			}
		}
	}

	/**
	 * The cell's values over these months, oldest first; none when a month is missing or
	 * lacks the cell.
	 */
	private static List<Long> lastValues(List<Map<UnitHistory.Cell, Long>> months, UnitHistory.Cell cell) {
		List<Long> values = new ArrayList<>(months.size());
		for (Map<UnitHistory.Cell, Long> month : months) {
			Long value = (month != null) ? month.get(cell) : null;
			if (value == null) {
				return List.of();
			}
			values.add(value);
		}
		return values;
	}

	/** Whether zero and non-zero alternate at every step. */
	private static boolean alternates(List<Long> values) {
		for (int i = 1; i < values.size(); i++) {
			if ((values.get(i) == 0) == (values.get(i - 1) == 0)) {
				return false;
			}
		}
		return true;
	}

}
