package org.safetystats.demo;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@code demo --reform} prints: each new ward's January to October 2026 against the
 * same months of 2025, as now (2025 summed over its predecessors), figures apportioned
 * from a split unit marked with {@code *}.
 */
final class ReformSummary {

	private ReformSummary() {
	}

	static String render(JdbcClient jdbc, List<String> units) {
		StringBuilder out = new StringBuilder(
				"January to October 2026 against the same months of 2025, as now (units valid today):\n");
		for (String unit : units) {
			List<Map<String, Object>> rows = jdbc.sql("""
					SELECT s.* FROM warehouse.same_period_as_now('2026-01', '2026-10') s
					JOIN warehouse.dim_indicator i USING (indicator)
					WHERE s.unit_code = :u AND s.level = 'commune' ORDER BY i.sort_order
					""").param("u", unit).query().listOfRows();
			if (rows.isEmpty()) {
				continue;
			}
			List<String> predecessors = jdbc
				.sql("""
						SELECT DISTINCT unit_code || ' ' || unit_name FROM warehouse.unit_as_now
						WHERE now_code = :u AND unit_valid_to > DATE '2025-01-01' AND unit_valid_to <= (SELECT warehouse.as_of())
						ORDER BY 1
						""")
				.param("u", unit)
				.query(String.class)
				.list();
			out.append(String.format("%n%s %s%n  predecessors in 2025: %s%n", unit, rows.get(0).get("unit_name"),
					String.join(", ", predecessors)));
			for (Map<String, Object> row : rows) {
				boolean estimated = Boolean.TRUE.equals(row.get("estimated"));
				out.append(String.format("  %-24s %8s  (%8s)  %8s%s%s%n", row.get("indicator"),
						number(row.get("value")), number(row.get("prev_value")), number(row.get("change")),
						estimated ? "  * estimated" : "",
						Boolean.TRUE.equals(row.get("complete")) ? "" : "  (incomplete)"));
			}
		}
		out.append("\n* apportioned from a split unit by the lineage weights (warehouse.unit_lineage).\n");
		out.append(
				"SQL: SELECT * FROM warehouse.same_period_as_now('2026-01', '2026-10') WHERE unit_code = '14329';\n");
		return out.toString();
	}

	private static String number(Object value) {
		if (value == null) {
			return "-";
		}
		return new java.math.BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
	}

}
