package org.safetystats.quality;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * A unit's accepted values for the months a new file is judged against (the twelve months
 * before it and the same month of up to four earlier years), with the new file's own
 * values, cell by cell (village or unit, indicator). How an indicator is judged comes
 * from the catalogue: counts that add up over months are tested as counts, flags for
 * flip-flops.
 */
final class UnitHistory {

	static final int RECENT_MONTHS = 12;

	static final int EARLIER_YEARS = 4;

	private static final String VALUES = """
			SELECT s.period, v.village_code, v.indicator, v.value, i.value_type, i.aggregation, i.level
			FROM ops.submission s
			JOIN ops.submission_value v ON v.submission_id = s.submission_id
			JOIN ref.indicator i ON i.code = v.indicator
			WHERE s.unit_code = :unit AND s.status = 'LOADED' AND s.period IN (:periods)
			UNION ALL
			SELECT :period, v.village_code, v.indicator, v.value, i.value_type, i.aggregation, i.level
			FROM ops.submission_value v JOIN ref.indicator i ON i.code = v.indicator
			WHERE v.submission_id = :id
			""";

	/**
	 * Several units' accepted values in the months each is judged against, in one query:
	 * the pairs (unit, month) as two arrays, each looked up in the index of current
	 * versions (OFFSET 0 keeps the planner from hashing the whole table instead, as it
	 * does when it cannot see the arrays' length).
	 */
	private static final String MANY_VALUES = """
			SELECT s.unit_code, s.period, v.village_code, v.indicator, v.value
			FROM unnest(CAST(:units AS text[]), CAST(:periods AS text[])) AS w(unit, period)
			CROSS JOIN LATERAL (SELECT s.submission_id, s.unit_code, s.period FROM ops.submission s
			    WHERE s.unit_code = w.unit AND s.period = w.period AND s.status = 'LOADED' OFFSET 0) AS s
			JOIN ops.submission_value v ON v.submission_id = s.submission_id
			""";

	private static final String KINDS = "SELECT code, value_type, aggregation, level FROM ref.indicator";

	/** A value's place: indicator and village ("" for unit-level indicators). */
	record Cell(String indicator, String village) {
	}

	/** How the catalogue says an indicator is judged. */
	record Kind(boolean summedCount, boolean flag, boolean villageLevel) {
	}

	final YearMonth period;

	/** Month to cell to value, the new file's month included. */
	final Map<YearMonth, Map<Cell, Long>> months = new TreeMap<>();

	final Map<String, Kind> kinds = new LinkedHashMap<>();

	private UnitHistory(YearMonth period) {
		this.period = period;
	}

	/** The months a file of this month is judged against. */
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

	/**
	 * The histories of several files of distinct units, in one query, each with the new
	 * file's own values (not yet stored) added.
	 */
	static List<UnitHistory> loadAll(JdbcClient jdbc, List<OutlierWarnings.Candidate> candidates) {
		Map<String, Kind> kinds = new HashMap<>();
		jdbc.sql(KINDS)
			.query((RowCallbackHandler) (rs) -> kinds.put(rs.getString(1),
					kind(rs.getString(2), rs.getString(3), rs.getString(4))));
		Map<String, UnitHistory> byUnit = new HashMap<>();
		List<String> units = new ArrayList<>();
		List<String> periods = new ArrayList<>();
		for (OutlierWarnings.Candidate candidate : candidates) {
			YearMonth period = YearMonth.parse(candidate.period());
			Assert.isNull(byUnit.put(candidate.unit(), new UnitHistory(period)), "one file per unit");
			for (String month : judgedAgainst(period)) {
				units.add(candidate.unit());
				periods.add(month);
			}
		}
		jdbc.sql(MANY_VALUES)
			.param("units", units.toArray(String[]::new))
			.param("periods", periods.toArray(String[]::new))
			.query((RowCallbackHandler) (rs) -> byUnit.get(rs.getString(1))
				.add(YearMonth.parse(rs.getString(2)), rs.getString(4), rs.getString(3), rs.getLong(5), kinds));
		List<UnitHistory> histories = new ArrayList<>();
		for (OutlierWarnings.Candidate candidate : candidates) {
			UnitHistory history = byUnit.get(candidate.unit());
			candidate.values()
				.forEach((v) -> history.add(history.period, v.indicator(), v.villageCode(), v.value(), kinds));
			histories.add(history);
		}
		return histories;
	}

	private void add(YearMonth month, String indicator, @Nullable String village, long value, Map<String, Kind> kinds) {
		Kind kind = kinds.get(indicator);
		if (kind != null) {
			this.months.computeIfAbsent(month, (m) -> new HashMap<>())
				.put(new Cell(indicator, (village != null) ? village : ""), value);
			this.kinds.putIfAbsent(indicator, kind);
		}
	}

	private static Kind kind(String valueType, String aggregation, String level) {
		return new Kind("sum".equals(aggregation) && "count".equals(valueType), "flag".equals(valueType),
				"village".equals(level));
	}

	static UnitHistory load(JdbcClient jdbc, long submissionId, String unit, YearMonth period) {
		List<String> periods = judgedAgainst(period);
		UnitHistory history = new UnitHistory(period);
		jdbc.sql(VALUES)
			.param("unit", unit)
			.param("periods", periods)
			.param("period", period.toString())
			.param("id", submissionId)
			.query((rs) -> {
				String indicator = rs.getString(3);
				history.months.computeIfAbsent(YearMonth.parse(rs.getString(1)), (m) -> new HashMap<>())
					.put(new Cell(indicator, (rs.getString(2) != null) ? rs.getString(2) : ""), rs.getLong(4));
				history.kinds.putIfAbsent(indicator, kind(rs.getString(5), rs.getString(6), rs.getString(7)));
			});
		return history;
	}

	Map<Cell, Long> current() {
		return this.months.getOrDefault(this.period, Map.of());
	}

	@Nullable Map<Cell, Long> month(YearMonth month) {
		return this.months.get(month);
	}

	/** The months before the new file's that were reported, oldest first. */
	List<YearMonth> earlierMonths() {
		return this.months.keySet().stream().filter((m) -> m.isBefore(this.period)).toList();
	}

	/** The indicator's total over the unit (all its villages) in a month. */
	static long total(Map<Cell, Long> month, String indicator) {
		long total = 0;
		for (Map.Entry<Cell, Long> cell : month.entrySet()) {
			if (cell.getKey().indicator().equals(indicator)) {
				total += cell.getValue();
			}
		}
		return total;
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
