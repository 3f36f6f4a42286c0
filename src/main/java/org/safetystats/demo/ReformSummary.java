package org.safetystats.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.safetystats.warehouse.WarehouseContract;
import org.safetystats.warehouse.WarehouseContract.Basis;
import org.safetystats.warehouse.WarehouseContract.FormerUnit;
import org.safetystats.warehouse.WarehouseContract.SamePeriod;

/**
 * What {@code demo --reform} prints: each new ward's January to October 2026 against the
 * same months of 2025, as now (2025 summed over its predecessors), figures apportioned
 * from a split unit marked with {@code *}.
 */
final class ReformSummary {

	private ReformSummary() {
	}

	static String render(WarehouseContract contract, List<String> units) {
		StringBuilder out = new StringBuilder(
				"January to October 2026 against the same months of 2025, as now (units valid today):\n");
		for (String unit : units) {
			List<SamePeriod> rows = contract.samePeriod(YearMonth.of(2026, 1), YearMonth.of(2026, 10), unit, "commune",
					Basis.NOW);
			if (rows.isEmpty()) {
				continue;
			}
			List<String> predecessors = contract.formerUnits(unit, LocalDate.of(2025, 1, 1))
				.stream()
				.map((FormerUnit u) -> u.code() + " " + u.name())
				.toList();
			out.append(String.format("%n%s %s%n  predecessors in 2025: %s%n", unit,
					contract.unitName(unit).orElse(unit), String.join(", ", predecessors)));
			for (SamePeriod row : rows) {
				out.append(String.format("  %-24s %8s  (%8s)  %8s%s%s%n", row.indicator(), number(row.value()),
						number(row.prevValue()), number(row.change()), row.estimated() ? "  * estimated" : "",
						row.complete() ? "" : "  (incomplete)"));
			}
		}
		out.append("\n* apportioned from a split unit by the lineage weights (warehouse.unit_lineage).\n");
		out.append(
				"SQL: SELECT * FROM warehouse.same_period_as_now('2026-01', '2026-10') WHERE unit_code = '14329';\n");
		return out.toString();
	}

	private static String number(@Nullable BigDecimal value) {
		return (value != null) ? value.stripTrailingZeros().toPlainString() : "-";
	}

}
