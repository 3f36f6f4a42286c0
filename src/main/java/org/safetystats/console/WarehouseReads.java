package org.safetystats.console;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the console reads from the warehouse views ({@code docs/warehouse.md}): a unit's
 * year over year, as then ({@code warehouse.indicator_yoy}) or as now
 * ({@code warehouse.indicator_yoy_as_now}), and unit names. Reads only.
 */
@Repository
class WarehouseReads {

	/** One indicator's year against the year before. */
	record YoyRow(String indicator, String nameVi, String nameEn, @Nullable BigDecimal value,
			@Nullable BigDecimal prevValue, @Nullable BigDecimal change, @Nullable BigDecimal changePct,
			boolean complete) {

		/** Bar widths for the chart, in percent of the larger of both years. */
		public int width(@Nullable BigDecimal of) {
			double max = Math.max((this.value != null) ? this.value.doubleValue() : 0,
					(this.prevValue != null) ? this.prevValue.doubleValue() : 0);
			return (of == null || max == 0) ? 0 : (int) Math.round(100.0 * of.doubleValue() / max);
		}

	}

	private static final String YOY = """
			SELECT y.indicator, coalesce(i.name_vi, y.indicator) AS name_vi, coalesce(i.name_en, y.indicator) AS name_en,
			       y.value, y.prev_value, y.change, y.change_pct, coalesce(y.complete, false) AS complete
			FROM %s y LEFT JOIN ref.indicator i ON i.code = y.indicator
			WHERE y.unit_code = :unit AND y.year = :year
			ORDER BY i.sort_order, y.indicator
			""";

	private final JdbcClient jdbc;

	WarehouseReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<YoyRow> yearOverYear(String unit, int year, boolean asNow) {
		String view = asNow ? "warehouse.indicator_yoy_as_now" : "warehouse.indicator_yoy";
		return this.jdbc.sql(YOY.formatted(view))
			.param("unit", unit)
			.param("year", year)
			.query((rs, n) -> new YoyRow(rs.getString("indicator"), rs.getString("name_vi"), rs.getString("name_en"),
					rs.getBigDecimal("value"), rs.getBigDecimal("prev_value"), rs.getBigDecimal("change"),
					rs.getBigDecimal("change_pct"), rs.getBoolean("complete")))
			.list();
	}

	/** Years the warehouse has for the unit, newest first. */
	List<Integer> years(String unit) {
		return this.jdbc
			.sql("SELECT DISTINCT year FROM warehouse.indicator_yoy WHERE unit_code = :unit ORDER BY 1 DESC")
			.param("unit", unit)
			.query(Integer.class)
			.list();
	}

	/** The unit's latest name. */
	Optional<String> unitName(String unit) {
		return this.jdbc.sql("SELECT name FROM ref.unit WHERE code = :unit ORDER BY valid_from DESC LIMIT 1")
			.param("unit", unit)
			.query(String.class)
			.optional();
	}

}
