package org.safetystats.quality;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A unit's accepted values for the months a new file is judged against (the twelve months
 * before it and the same month of up to four earlier years), with the new file's own
 * values, cell by cell (village or unit, indicator). How an indicator is judged comes
 * from the catalogue: counts that add up over months are tested as counts, flags for
 * flip-flops. Read by {@link UnitHistories}.
 */
final class UnitHistory {

	static final int RECENT_MONTHS = 12;

	static final int EARLIER_YEARS = 4;

	/**
	 * The months before the file's whose values the checks compare cell by cell (a status
	 * flip-flop's window, the file's own month excepted); older months are judged by
	 * their totals.
	 */
	static final int CELL_MONTHS = RepeatChecks.STATUS_WINDOW - 1;

	/** A value's place: indicator and village ("" for unit-level indicators). */
	record Cell(String indicator, String village) {
	}

	/** How the catalogue says an indicator is judged. */
	record Kind(boolean summedCount, boolean flag, boolean villageLevel) {
	}

	final YearMonth period;

	/**
	 * Month to cell to value, the new file's month included; each month's cells in the
	 * order they were read (the file's lines), so that its findings come in that order
	 * whichever way the history was read.
	 */
	final TreeMap<YearMonth, Map<Cell, Long>> months = new TreeMap<>();

	final Map<String, Kind> kinds = new LinkedHashMap<>();

	private final Map<YearMonth, Map<String, Long>> totals = new HashMap<>();

	/** {@link #earlierMonths()}, once the months are read; {@code null} until asked. */
	private @Nullable List<YearMonth> earlier;

	/**
	 * Whether the months before {@link #CELL_MONTHS} hold each indicator's total only
	 * (one cell with no village), as read from {@code ops.unit_month_summary}.
	 */
	final boolean totalsOnly;

	UnitHistory(YearMonth period, boolean totalsOnly) {
		this.period = period;
		this.totalsOnly = totalsOnly;
	}

	/**
	 * The months a file of this month is judged against: the {@link #RECENT_MONTHS}
	 * before it, nearest first, then the same month of earlier years.
	 */
	static List<String> judgedAgainst(YearMonth period) {
		List<String> periods = new ArrayList<>();
		for (int back = 1; back <= RECENT_MONTHS; back++) {
			periods.add(period.minusMonths(back).toString());
		}
		for (int years = 2; years <= EARLIER_YEARS + 1; years++) {
			periods.add(period.minusYears(years).toString());
		}
		return periods;
	}

	void add(YearMonth month, String indicator, @Nullable String village, long value, Map<String, Kind> kinds) {
		Kind kind = kinds.get(indicator);
		if (kind != null) {
			this.totals.remove(month);
			this.earlier = null;
			this.months.computeIfAbsent(month, (m) -> new LinkedHashMap<>())
				.put(new Cell(indicator, (village != null) ? village : ""), value);
			this.kinds.putIfAbsent(indicator, kind);
		}
	}

	/**
	 * A month's values at once (the order of {@link #add} kept): the names of their
	 * indicators, their villages ({@code null} for none) and the values, aligned.
	 */
	void addMonth(YearMonth month, String[] indicators, @Nullable String @Nullable [] villages, Long[] values,
			Map<String, Kind> kinds) {
		this.totals.remove(month);
		this.earlier = null;
		Map<Cell, Long> cells = null;
		for (int i = 0; i < indicators.length; i++) {
			Kind kind = kinds.get(indicators[i]);
			if (kind != null) {
				if (cells == null) {
					cells = this.months.computeIfAbsent(month, (m) -> new LinkedHashMap<>());
				}
				String village = (villages != null) ? villages[i] : null;
				cells.put(new Cell(indicators[i], (village != null) ? village : ""), values[i]);
				this.kinds.putIfAbsent(indicators[i], kind);
			}
		}
	}

	static Kind kind(String valueType, String aggregation, String level) {
		return new Kind("sum".equals(aggregation) && "count".equals(valueType), "flag".equals(valueType),
				"village".equals(level));
	}

	Map<Cell, Long> current() {
		return this.months.getOrDefault(this.period, Map.of());
	}

	@Nullable Map<Cell, Long> month(YearMonth month) {
		return this.months.get(month);
	}

	/**
	 * The months before the new file's that were reported, oldest first: listed at the
	 * first call, once the history is read ({@link #add} and {@link #addMonth} list them
	 * again; {@link UnitHistories#load} fills {@link #months} before any call).
	 */
	List<YearMonth> earlierMonths() {
		if (this.earlier == null) {
			this.earlier = List.copyOf(this.months.headMap(this.period).keySet());
		}
		return this.earlier;
	}

	/**
	 * The last {@code count} months up to the new file's, oldest first, each {@code null}
	 * when not reported.
	 */
	List<@Nullable Map<Cell, Long>> lastMonths(int count) {
		List<@Nullable Map<Cell, Long>> last = new ArrayList<>(count);
		for (int back = count - 1; back >= 0; back--) {
			last.add(this.months.get(this.period.minusMonths(back)));
		}
		return last;
	}

	/** Whether the month holds a value of the indicator. */
	boolean reports(YearMonth month, String indicator) {
		return totals(month).containsKey(indicator);
	}

	/** The indicator's total over the unit (all its villages) in a month, 0 if none. */
	long total(YearMonth month, String indicator) {
		return totals(month).getOrDefault(indicator, 0L);
	}

	/** Indicator to total of a month, summed once the month is read. */
	private Map<String, Long> totals(YearMonth month) {
		return this.totals.computeIfAbsent(month, (m) -> {
			Map<String, Long> totals = new HashMap<>();
			this.months.getOrDefault(m, Map.of())
				.forEach((cell, value) -> totals.merge(cell.indicator(), value, UnitHistory::saturatedSum));
			return totals;
		});
	}

	/**
	 * The sum of two values, or {@link Long#MAX_VALUE} when it would overflow: villages'
	 * values may each be as large as a bound allows, and a total that wrapped round to a
	 * negative number would be judged as a fall.
	 */
	static long saturatedSum(long a, long b) {
		long sum = a + b;
		return (((a ^ sum) & (b ^ sum)) < 0) ? ((a < 0) ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
	}

	/** The months of the history, written short: 2018-04..2019-03 + 2017-03, 2016-03. */
	String describe(List<YearMonth> used) {
		List<String> recent = used.stream()
			.filter((m) -> !m.isBefore(this.period.minusMonths(RECENT_MONTHS)))
			.map(YearMonth::toString)
			.toList();
		List<String> earlier = used.stream()
			.filter((m) -> m.isBefore(this.period.minusMonths(RECENT_MONTHS)))
			.map(YearMonth::toString)
			.toList();
		String text = recent.isEmpty() ? "" : recent.get(0) + ".." + recent.get(recent.size() - 1);
		if (!earlier.isEmpty()) {
			text += (text.isEmpty() ? "" : " + ") + String.join(", ", earlier);
		}
		return text;
	}

}
