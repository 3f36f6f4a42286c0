package org.safetystats.warehouse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.safetystats.EmptyTables;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every row of every table and view of the {@code warehouse} schema (partitions through
 * their parent; the build and refresh logs, and the builds' stamps, left out), as text in
 * a stable order: two snapshots are equal exactly when an analyst could not tell the
 * warehouses apart. {@code current_figures} and {@code published_changes} are left out
 * too: the first turns the rows of four views of the snapshot into one row per column,
 * the second sets it beside {@code published_figures}, a table of the snapshot, so they
 * are equal when those are; they were half the time the suite's snapshots took.
 */
final class WarehouseSnapshot {

	private static final String RELATIONS = """
			SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = 'warehouse' AND c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition
			  AND c.relname NOT IN ('build', 'completeness_state', 'year_built', 'current_figures', 'published_changes')
			ORDER BY c.relname
			""";

	private WarehouseSnapshot() {
	}

	/**
	 * Empties the warehouse and its build and refresh logs, for a test that starts from
	 * nothing.
	 */
	static void clear(JdbcClient jdbc) {
		EmptyTables.empty(jdbc, List.of("warehouse.build", "warehouse.completeness", "warehouse.completeness_state",
				"warehouse.commune_month", "warehouse.fact_value", "warehouse.agg_indicator_month",
				"warehouse.agg_indicator_year", "warehouse.village_year", "warehouse.agg_village_year",
				"warehouse.agg_indicator_year_as_now", "warehouse.agg_village_year_as_now",
				"warehouse.agg_indicator_month_as_now", "warehouse.commune_month_as_now", "warehouse.as_now_built"));
	}

	static Map<String, List<String>> take(JdbcClient jdbc) {
		return take(jdbc, Set.of());
	}

	/**
	 * A snapshot without some relations (the calendar and catalogues, which no build
	 * changes).
	 */
	static Map<String, List<String>> take(JdbcClient jdbc, Set<String> except) {
		Map<String, List<String>> snapshot = new LinkedHashMap<>();
		for (String relation : jdbc.sql(RELATIONS).query(String.class).list()) {
			if (except.contains(relation)) {
				continue;
			}
			snapshot.put(relation,
					jdbc.sql("SELECT t::text FROM warehouse." + relation + " t ORDER BY 1").query(String.class).list());
		}
		return snapshot;
	}

	/**
	 * The rows of each relation in one snapshot and not the other, for a readable
	 * failure.
	 */
	static Map<String, String> difference(Map<String, List<String>> actual, Map<String, List<String>> expected) {
		Map<String, String> differences = new LinkedHashMap<>();
		for (String relation : expected.keySet()) {
			List<String> a = actual.getOrDefault(relation, List.of());
			List<String> e = expected.get(relation);
			if (!a.equals(e)) {
				List<String> extra = a.stream().filter((row) -> !e.contains(row)).limit(5).toList();
				List<String> missing = e.stream().filter((row) -> !a.contains(row)).limit(5).toList();
				differences.put(relation,
						a.size() + " rows vs " + e.size() + "; extra " + extra + "; missing " + missing);
			}
		}
		return differences;
	}

}
