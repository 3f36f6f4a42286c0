package org.safetystats.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.safetystats.report.ReportData.ChartYear;
import org.safetystats.report.ReportData.Figure;
import org.safetystats.report.ReportData.Indicator;
import org.safetystats.report.ReportData.UnitTraffic;
import org.safetystats.report.ReportData.VillageSafety;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the annual report's figures of a unit and year from the warehouse views. As now,
 * the figures are those of the unit valid today with its predecessors' history
 * ({@code *_as_now} views, which alone say whether a figure is estimated); as then, those
 * of the unit as it reported (for a code naming two units in the year, the later), with
 * the latest publication's figures where the year is published.
 */
final class ReportReader {

	private static final String UNIT = """
			SELECT unit_name, level, unit_valid_from, accidents, prev_accidents, deaths, prev_deaths, injuries,
			       prev_injuries, all_three_fell, months_complete, %2$s
			FROM warehouse.traffic_yoy%1$s WHERE unit_code = :u AND year = :y ORDER BY unit_valid_from DESC
			""";

	private static final String VILLAGES = """
			SELECT crime_free_pct, prev_crime_free_pct, drug_free_pct, prev_drug_free_pct, camera_groups,
			       prev_camera_groups, villages, villages_reported, %2$s
			FROM warehouse.village_safety_yoy%1$s
			WHERE unit_code = :u AND year = :y AND level = :l AND unit_valid_from = :v
			""";

	private static final String INDICATORS = """
			SELECT indicator, value, prev_value, %2$s
			FROM warehouse.indicator_yoy%1$s WHERE unit_code = :u AND year = :y AND level = :l%3$s
			""";

	private static final String YEARS = """
			SELECT t.year, t.accidents, t.deaths, t.injuries, v.crime_free_pct, v.drug_free_pct, v.camera_groups
			FROM warehouse.traffic_yoy%1$s t
			JOIN warehouse.village_safety_yoy%1$s v USING (unit_code, level, year, unit_valid_from)
			WHERE t.unit_code = :u AND t.level = :l AND t.year <= :y AND t.unit_valid_from = :v ORDER BY t.year
			""";

	private final JdbcClient jdbc;

	ReportReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ReportData read(int year, String unitCode, boolean asNow) {
		String view = asNow ? "_as_now" : "";
		String estimated = asNow ? "estimated" : "false AS estimated";
		UnitTraffic unit = unit(year, unitCode, asNow, view, estimated);
		List<VillageSafety> villages = sql(VILLAGES.formatted(view, estimated), year, unitCode, unit)
			.query((rs, n) -> new VillageSafety(figure(rs, "crime_free_pct"), figure(rs, "drug_free_pct"),
					figure(rs, "camera_groups"), rs.getBigDecimal("villages"), rs.getBigDecimal("villages_reported"),
					rs.getBoolean("estimated")))
			.list();
		List<ChartYear> years = sql(YEARS.formatted(view), year, unitCode, unit)
			.query((rs, n) -> new ChartYear(rs.getInt("year"), rs.getBigDecimal("accidents"),
					rs.getBigDecimal("deaths"), rs.getBigDecimal("injuries"), rs.getBigDecimal("crime_free_pct"),
					rs.getBigDecimal("drug_free_pct"), rs.getBigDecimal("camera_groups")))
			.list();
		ReportChildren children = new ReportChildren(this.jdbc, year, unitCode, asNow);
		boolean wardReport = unit.level().equals("commune");
		ReportData current = new ReportData(unit, villages.isEmpty() ? VillageSafety.UNKNOWN : villages.get(0),
				indicators(year, unitCode, asNow, unit), wardReport ? List.of() : children.wards(),
				wardReport ? children.villages() : List.of(), years, children.completeness(), unit.level(), asNow,
				asNow ? children.predecessors() : List.of(), null);
		PublishedFigures publication = asNow ? null : PublishedFigures.find(this.jdbc, year, unitCode, unit.version());
		return (publication != null) ? current.asPublished(publication, year, unitCode) : current;
	}

	/** A statement with the unit (u), year (y), level (l) and unit version (v) bound. */
	private JdbcClient.StatementSpec sql(String sql, int year, String unitCode, UnitTraffic unit) {
		return this.jdbc.sql(sql)
			.param("u", unitCode)
			.param("y", year)
			.param("l", unit.level())
			.param("v", unit.version());
	}

	/** As then, of the unit version; as now, the view has no months and no versions. */
	private Map<String, Indicator> indicators(int year, String unitCode, boolean asNow, UnitTraffic unit) {
		String sql = asNow
				? INDICATORS.formatted("_as_now",
						"NULL::int AS months_submitted, NULL::int AS months_expected, estimated", "")
				: INDICATORS.formatted("", "months_submitted, months_expected, false AS estimated",
						" AND unit_valid_from = :v");
		Map<String, Indicator> indicators = new LinkedHashMap<>();
		sql(sql, year, unitCode, unit).query((rs) -> {
			indicators.put(rs.getString("indicator"),
					new Indicator(new Figure(rs.getBigDecimal("value"), rs.getBigDecimal("prev_value")),
							rs.getBigDecimal("months_submitted"), rs.getBigDecimal("months_expected"),
							rs.getBoolean("estimated")));
		});
		return indicators;
	}

	private UnitTraffic unit(int year, String unitCode, boolean asNow, String view, String estimated) {
		List<UnitTraffic> unit = this.jdbc.sql(UNIT.formatted(view, estimated))
			.param("u", unitCode)
			.param("y", year)
			.query((rs, n) -> new UnitTraffic(rs.getString("unit_name"), rs.getString("level"),
					rs.getObject("unit_valid_from", LocalDate.class), figure(rs, "accidents"), figure(rs, "deaths"),
					figure(rs, "injuries"), rs.getObject("all_three_fell", Boolean.class),
					rs.getBigDecimal("months_complete"), rs.getBoolean("estimated")))
			.list();
		if (unit.isEmpty()
				&& this.jdbc.sql("SELECT count(*) > 0 AND count(*) FILTER (WHERE code = :u) = 0 FROM ref.unit")
					.param("u", unitCode)
					.query(Boolean.class)
					.single()) {
			throw new UsageException("Unit " + unitCode + " does not exist (the units are in config/units.csv)");
		}
		if (unit.isEmpty()) {
			throw new UserFacingException("The warehouse has no figures for unit " + unitCode + " in " + year
					+ (asNow ? " as now (is it a unit valid today?)" : "")
					+ ": run the nightly job (or build-warehouse) first");
		}
		return unit.get(0);
	}

	/** A column {@code x} of a view with its {@code prev_x}. */
	static Figure figure(ResultSet rs, String column) throws SQLException {
		return new Figure(rs.getBigDecimal(column), rs.getBigDecimal("prev_" + column));
	}

	/**
	 * Whether the unit is valid on the warehouse's as-of date, so that an as-now report
	 * exists for it.
	 */
	boolean validToday(String unitCode) {
		return this.jdbc.sql("""
				SELECT count(*) FROM warehouse.dim_unit
				WHERE unit_code = :u AND level IN ('commune', 'province') AND (SELECT warehouse.as_of()) >= valid_from
				  AND (SELECT warehouse.as_of()) < valid_to
				""").param("u", unitCode).query(Long.class).single() > 0;
	}

}
