package org.safetystats.warehouse;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.safetystats.warehouse.WarehouseContract.Basis;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Cùng kỳ" month by month: one indicator of a unit over a window of months and over the
 * same months a year earlier, as then (the unit's code at its level, its versions summed
 * month by month) or as now (each month re-aggregated onto the units valid on the as-of
 * date, {@code warehouse.as_now_window}, for the unit's province only). What the
 * console's same-period chart draws; the figures of the window are
 * {@link WarehouseContract#samePeriod}'s.
 */
@Component
public class MonthlySeries {

	private static final String THEN = """
			SELECT to_char(m.period, 'YYYY-MM') AS month, sum(m.value) AS value
			FROM warehouse.agg_indicator_month m
			WHERE m.unit_code = :unit AND m.level = :level AND m.indicator = :indicator
			  AND m.year BETWEEN :firstYear AND :lastYear AND m.period BETWEEN :first AND :last
			GROUP BY m.period
			""";

	private static final String NOW = """
			SELECT to_char(g.month, 'YYYY-MM') AS month, w.value
			FROM generate_series(CAST(:first AS date), CAST(:last AS date), INTERVAL '1 month') AS g (month)
			CROSS JOIN LATERAL warehouse.as_now_window(CAST(g.month AS date), CAST(g.month AS date),
			    ARRAY(SELECT DISTINCT now_province_code FROM warehouse.unit_map
			          WHERE (now_code = :unit OR now_province_code = :unit) AND now_province_code IS NOT NULL),
			    -- a ward or commune alone, by index; a province over its wards
			    CASE WHEN :level = 'commune' THEN ARRAY[CAST(:unit AS text)] END) w
			WHERE w.unit_code = :unit AND w.level = :level AND w.indicator = :indicator
			""";

	private static final String LEVEL = """
			SELECT level FROM warehouse.dim_unit WHERE unit_code = :unit AND level IN ('commune', 'district', 'province')
			ORDER BY valid_from DESC LIMIT 1
			""";

	private static final String LAST_OWED = "SELECT to_char(max(period), 'YYYY-MM') FROM warehouse.commune_month WHERE expected";

	private final JdbcClient jdbc;

	MonthlySeries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One month of the window and the same month a year earlier. */
	public record Month(YearMonth month, @Nullable BigDecimal value, @Nullable BigDecimal prevValue) {
	}

	/** The indicator month by month over {@code from..to}, beside the year before. */
	public List<Month> of(YearMonth from, YearMonth to, String unit, String level, String indicator, Basis basis) {
		Map<YearMonth, BigDecimal> current = values(from, to, unit, level, indicator, basis);
		Map<YearMonth, BigDecimal> previous = values(from.minusYears(1), to.minusYears(1), unit, level, indicator,
				basis);
		List<Month> months = new ArrayList<>();
		for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
			months.add(new Month(month, current.get(month), previous.get(month.minusYears(1))));
		}
		return months;
	}

	/** The level of the unit's latest version: commune, district or province. */
	public Optional<String> levelOf(String unit) {
		return this.jdbc.sql(LEVEL).param("unit", unit).query(String.class).optional();
	}

	/** The latest month owed by the last build's as-of date, if any. */
	public Optional<YearMonth> lastMonthOwed() {
		return Optional.ofNullable(this.jdbc.sql(LAST_OWED).query(String.class).single()).map(YearMonth::parse);
	}

	private Map<YearMonth, BigDecimal> values(YearMonth from, YearMonth to, String unit, String level, String indicator,
			Basis basis) {
		Map<YearMonth, BigDecimal> values = new HashMap<>();
		this.jdbc.sql((basis == Basis.NOW) ? NOW : THEN)
			.param("unit", unit)
			.param("level", level)
			.param("indicator", indicator)
			.param("first", from.atDay(1))
			.param("last", to.atDay(1))
			.param("firstYear", from.getYear())
			.param("lastYear", to.getYear())
			.query((RowCallbackHandler) (rs) -> {
				BigDecimal value = rs.getBigDecimal("value");
				if (value != null) {
					values.put(YearMonth.parse(rs.getString("month")), value);
				}
			});
		return values;
	}

}
