package org.safetystats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code same_period(from, to, unit)} and {@code same_period_as_now(from, to, unit)}
 * compute one unit alone (by index, as now over its predecessors only): for each unit
 * named, its rows alone are exactly its rows among all units'.
 */
public final class SamePeriodOfOneUnit {

	private SamePeriodOfOneUnit() {
	}

	/**
	 * Checks the units over the window, in both functions; returns how many rows were
	 * compared.
	 */
	public static int check(JdbcClient jdbc, String from, String to, String... units) {
		int rows = 0;
		for (String function : new String[] { "same_period", "same_period_as_now" }) {
			String window = "'" + from + "', '" + to + "'";
			// every unit's rows, read once
			Map<String, List<String>> all = new TreeMap<>();
			jdbc.sql("SELECT unit_code, s::text FROM warehouse.%s(%s) s ORDER BY 2".formatted(function, window))
				.query((rs) -> {
					all.computeIfAbsent(rs.getString(1), (unit) -> new ArrayList<>()).add(rs.getString(2));
				});
			for (String unit : units) {
				String alone = "SELECT s::text FROM warehouse.%s(%s, '%s') s ORDER BY 1".formatted(function, window,
						unit);
				List<String> expected = all.getOrDefault(unit, List.of());
				assertThat(jdbc.sql(alone).query(String.class).list()).as(alone).isEqualTo(expected);
				rows += expected.size();
			}
		}
		return rows;
	}

}
