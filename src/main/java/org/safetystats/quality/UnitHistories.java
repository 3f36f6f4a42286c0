package org.safetystats.quality;

import java.sql.Array;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Reads units' histories ({@link UnitHistory}): for a batch of files, from
 * {@code ops.unit_month_summary}, one row per month judged against (its values for the
 * {@link UnitHistory#CELL_MONTHS} months before the file's, its totals per indicator for
 * the older ones); value by value from the submissions when a check needs every value of
 * every month (a file that may be a copy) or for a file already stored.
 */
final class UnitHistories {

	private static final String KINDS = "SELECT code, value_type, aggregation, level FROM ref.indicator";

	/**
	 * The summaries of (unit, month) pairs given as arrays, in the pairs' order, each
	 * looked up in the primary key (OFFSET 0 keeps the planner from hashing the whole
	 * table instead, as it does when it cannot see the arrays' length).
	 */
	private static final String SUMMARIES = """
			SELECT w.unit, w.period, m.names, m.villages, m.vals
			FROM unnest(CAST(:units AS text[]), CAST(:periods AS text[]), CAST(:cells AS boolean[]))
			     WITH ORDINALITY AS w(unit, period, cells, n)
			CROSS JOIN LATERAL (SELECT CASE WHEN w.cells THEN m.indicators ELSE m.total_indicators END AS names,
			        CASE WHEN w.cells THEN m.villages END AS villages,
			        CASE WHEN w.cells THEN m.vals ELSE m.totals END AS vals
			    FROM ops.unit_month_summary m WHERE m.unit_code = w.unit AND m.period = w.period OFFSET 0) AS m
			ORDER BY w.n
			""";

	/** Every value of (unit, month) pairs given as arrays, looked up as above. */
	private static final String MANY_VALUES = """
			SELECT s.unit_code, s.period, v.village_code, v.indicator, v.value
			FROM unnest(CAST(:units AS text[]), CAST(:periods AS text[])) AS w(unit, period)
			CROSS JOIN LATERAL (SELECT s.submission_id, s.unit_code, s.period FROM ops.submission s
			    WHERE s.unit_code = w.unit AND s.period = w.period AND s.status = 'LOADED' OFFSET 0) AS s
			JOIN ops.submission_value v ON v.submission_id = s.submission_id
			""";

	/**
	 * Every value of one unit's months and of a stored file (its month), each month in
	 * line order.
	 */
	private static final String VALUES = """
			SELECT s.period, v.village_code, v.indicator, v.value, i.value_type, i.aggregation, i.level, v.line
			FROM ops.submission s
			JOIN ops.submission_value v ON v.submission_id = s.submission_id
			JOIN ref.indicator i ON i.code = v.indicator
			WHERE s.unit_code = :unit AND s.status = 'LOADED' AND s.period IN (:periods)
			UNION ALL
			SELECT :period, v.village_code, v.indicator, v.value, i.value_type, i.aggregation, i.level, v.line
			FROM ops.submission_value v JOIN ref.indicator i ON i.code = v.indicator
			WHERE v.submission_id = :id
			ORDER BY 1, 8
			""";

	private UnitHistories() {
	}

	/** How the catalogue says each indicator is judged. */
	static Map<String, UnitHistory.Kind> kinds(JdbcClient jdbc) {
		Map<String, UnitHistory.Kind> kinds = new HashMap<>();
		jdbc.sql(KINDS)
			.query((RowCallbackHandler) (rs) -> kinds.put(rs.getString(1),
					UnitHistory.kind(rs.getString(2), rs.getString(3), rs.getString(4))));
		return kinds;
	}

	/**
	 * The histories of several files of distinct units from the unit-month summaries, in
	 * one query, each with the new file's own values (not yet stored) added; older months
	 * hold totals only.
	 */
	static List<UnitHistory> fromSummaries(JdbcClient jdbc, List<OutlierWarnings.Candidate> candidates,
			Map<String, UnitHistory.Kind> kinds) {
		Map<String, UnitHistory> byUnit = new HashMap<>();
		List<String> units = new ArrayList<>();
		List<String> periods = new ArrayList<>();
		List<String> cells = new ArrayList<>();
		for (OutlierWarnings.Candidate candidate : candidates) {
			YearMonth period = month(candidate.period());
			Assert.isNull(byUnit.put(candidate.unit(), new UnitHistory(period, true)), "one file per unit");
			List<String> judged = UnitHistory.judgedAgainst(period);
			for (int i = 0; i < judged.size(); i++) {
				units.add(candidate.unit());
				periods.add(judged.get(i));
				// the months just before the file's come first: those are read cell by
				// cell
				cells.add(Boolean.toString(i < UnitHistory.CELL_MONTHS));
			}
		}
		jdbc.sql(SUMMARIES)
			.param("units", units.toArray(String[]::new))
			.param("periods", periods.toArray(String[]::new))
			.param("cells", cells.toArray(String[]::new))
			.query((RowCallbackHandler) (rs) -> {
				UnitHistory history = byUnit.get(rs.getString(1));
				YearMonth month = month(rs.getString(2));
				history.addMonth(month, (String[]) rs.getArray(3).getArray(), strings(rs.getArray(4)),
						(Long[]) rs.getArray(5).getArray(), kinds);
			});
		return withCandidates(candidates, byUnit, kinds);
	}

	/**
	 * The histories of several files of distinct units value by value, in one query, each
	 * with the new file's own values (not yet stored) added.
	 */
	static List<UnitHistory> fromValues(JdbcClient jdbc, List<OutlierWarnings.Candidate> candidates,
			Map<String, UnitHistory.Kind> kinds) {
		Map<String, UnitHistory> byUnit = new HashMap<>();
		List<String> units = new ArrayList<>();
		List<String> periods = new ArrayList<>();
		for (OutlierWarnings.Candidate candidate : candidates) {
			YearMonth period = month(candidate.period());
			Assert.isNull(byUnit.put(candidate.unit(), new UnitHistory(period, false)), "one file per unit");
			for (String month : UnitHistory.judgedAgainst(period)) {
				units.add(candidate.unit());
				periods.add(month);
			}
		}
		jdbc.sql(MANY_VALUES)
			.param("units", units.toArray(String[]::new))
			.param("periods", periods.toArray(String[]::new))
			.query((RowCallbackHandler) (rs) -> byUnit.get(rs.getString(1))
				.add(month(rs.getString(2)), rs.getString(4), rs.getString(3), rs.getLong(5), kinds));
		return withCandidates(candidates, byUnit, kinds);
	}

	private static List<UnitHistory> withCandidates(List<OutlierWarnings.Candidate> candidates,
			Map<String, UnitHistory> byUnit, Map<String, UnitHistory.Kind> kinds) {
		List<UnitHistory> histories = new ArrayList<>();
		for (OutlierWarnings.Candidate candidate : candidates) {
			UnitHistory history = byUnit.get(candidate.unit());
			candidate.values()
				.forEach((v) -> history.add(history.period, v.indicator(), v.villageCode(), v.value(), kinds));
			histories.add(history);
		}
		return histories;
	}

	/**
	 * A month as the database writes it ({@code YYYY-MM}), read without the general
	 * parser, which took about 7% of the judging (sixteen months read a file).
	 */
	private static YearMonth month(String text) {
		if (text.length() == 7 && text.charAt(4) == '-' && digits(text, 0, 4) && digits(text, 5, 7)) {
			return YearMonth.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10));
		}
		return YearMonth.parse(text);
	}

	private static boolean digits(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			if (text.charAt(i) < '0' || text.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	private static String @Nullable [] strings(@Nullable Array array) throws SQLException {
		return (array != null) ? (String[]) array.getArray() : null;
	}

	/** The history of a file already stored (its values are the submission's). */
	static UnitHistory load(JdbcClient jdbc, long submissionId, String unit, YearMonth period) {
		List<String> periods = UnitHistory.judgedAgainst(period);
		UnitHistory history = new UnitHistory(period, false);
		jdbc.sql(VALUES)
			.param("unit", unit)
			.param("periods", periods)
			.param("period", period.toString())
			.param("id", submissionId)
			.query((rs) -> {
				String indicator = rs.getString(3);
				history.months.computeIfAbsent(month(rs.getString(1)), (m) -> new LinkedHashMap<>())
					.put(new UnitHistory.Cell(indicator, (rs.getString(2) != null) ? rs.getString(2) : ""),
							rs.getLong(4));
				history.kinds.putIfAbsent(indicator,
						UnitHistory.kind(rs.getString(5), rs.getString(6), rs.getString(7)));
			});
		return history;
	}

}
