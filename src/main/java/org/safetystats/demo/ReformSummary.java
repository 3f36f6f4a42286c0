package org.safetystats.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.safetystats.warehouse.WarehouseContract;
import org.safetystats.warehouse.WarehouseContract.Basis;
import org.safetystats.warehouse.WarehouseContract.FormerUnit;
import org.safetystats.warehouse.WarehouseContract.SamePeriod;

/**
 * What {@code demo --reform} prints, for a statistician: each new ward's January to
 * October 2026 against the same months of 2025 ("so với cùng kỳ"), as now (2025 summed
 * over its predecessors), in Vietnamese by default or in English: the indicators' names,
 * a heading over each column, whole numbers, and for a figure apportioned from a split
 * unit its bounds and a {@code *} that the footnote explains.
 */
final class ReformSummary {

	/** The words of the summary, Vietnamese and English. */
	private record Words(String title, String predecessors, String indicator, String thisYear, String lastYear,
			String change, String incomplete, String footnote, String incompleteNote) {

		static final Words VI = new Words(
				"Tháng 1 đến tháng 10 năm 2026 so với cùng kỳ năm 2025, theo đơn vị hành chính hiện nay "
						+ "(năm 2025 cộng từ các đơn vị tiền thân):",
				"Đơn vị tiền thân năm 2025", "Chỉ tiêu", "Năm 2026", "Cùng kỳ 2025", "Tăng (+), giảm (-)",
				"chưa đủ báo cáo",
				"* Số ước tính: phân bổ từ đơn vị bị chia tách theo tỷ trọng (warehouse.unit_lineage); trong ngoặc "
						+ "là khoảng chắc chắn, từ phần xếp được chính xác đến khi tính cả đơn vị bị chia tách.",
				"\"chưa đủ báo cáo\": còn tháng hoặc đơn vị chưa nộp báo cáo trong một trong hai kỳ.");

		static final Words EN = new Words(
				"January to October 2026 against the same months of 2025, as now (units valid today, "
						+ "2025 summed over their predecessors):",
				"Predecessors in 2025", "Indicator", "2026", "Same months 2025", "Change", "incomplete",
				"* Estimated: apportioned from a split unit by the lineage weights (warehouse.unit_lineage); in "
						+ "brackets the bounds, from what is placed exactly to the split unit counted whole.",
				"\"incomplete\": a month or a unit did not report in one of the two periods.");

	}

	private ReformSummary() {
	}

	static String render(WarehouseContract contract, List<String> units, String lang) {
		boolean vi = !"en".equals(lang);
		Words words = vi ? Words.VI : Words.EN;
		StringBuilder out = new StringBuilder(words.title()).append('\n');
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
			out.append(String.format("%n%s %s%n  %s: %s%n", unit, contract.unitName(unit).orElse(unit),
					words.predecessors(), String.join(", ", predecessors)));
			int nameWidth = Math.max(words.indicator().length(),
					rows.stream().mapToInt((row) -> name(row, vi).length()).max().orElse(0));
			String line = "  %-" + nameWidth + "s  %16s  %16s  %18s%s%n";
			out.append(String.format(line, words.indicator(), words.thisYear(), words.lastYear(), words.change(), ""));
			for (SamePeriod row : rows) {
				out.append(String.format(line, name(row, vi), figure(row.value(), row.valueLow(), row.valueHigh()),
						figure(row.prevValue(), row.prevValueLow(), row.prevValueHigh()),
						change(row.change(), row.estimated()), row.complete() ? "" : "  (" + words.incomplete() + ")"));
			}
		}
		out.append('\n').append(words.footnote()).append('\n').append(words.incompleteNote()).append('\n');
		out.append("SQL: SELECT * FROM warehouse.same_period_as_now('2026-01', '2026-10', '14329');\n");
		return out.toString();
	}

	private static String name(SamePeriod row, boolean vi) {
		return vi ? row.nameVi() : row.nameEn();
	}

	/**
	 * A count as a whole number; an estimate (its bounds differ) with its bounds and a
	 * star: {@code 30 (28-33)*}.
	 */
	static String figure(@Nullable BigDecimal value, @Nullable BigDecimal low, @Nullable BigDecimal high) {
		if (value == null) {
			return "-";
		}
		String whole = whole(value, RoundingMode.HALF_UP);
		if (low == null || high == null || low.compareTo(high) == 0) {
			return whole;
		}
		return whole + " (" + whole(low, RoundingMode.FLOOR) + "-" + whole(high, RoundingMode.CEILING) + ")*";
	}

	/** A change as a whole number with its sign: {@code +11}, {@code -3}, {@code 0}. */
	static String change(@Nullable BigDecimal change, boolean estimated) {
		if (change == null) {
			return "-";
		}
		String whole = whole(change, RoundingMode.HALF_UP);
		return (change.signum() > 0 && !whole.equals("0") ? "+" : "") + whole + (estimated ? "*" : "");
	}

	private static String whole(BigDecimal value, RoundingMode rounding) {
		return value.setScale(0, rounding).toPlainString();
	}

}
