package org.safetystats.report;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.safetystats.report.ReportData.Predecessor;
import org.safetystats.report.ReportData.Village;
import org.safetystats.report.ReportData.Ward;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The parts of the annual report below the unit: its wards or villages, its predecessors
 * (as now) and the completeness of the commune-months behind its figures, each unit owing
 * a report for the months it was valid.
 */
final class ReportChildren {

	private static final String PREDECESSOR_MONTHS = """
			SELECT cm.commune_code, cm.period, cm.unit_valid_from
			FROM warehouse.commune_month cm
			JOIN warehouse.unit_as_now m ON m.unit_code = cm.commune_code AND m.unit_valid_from = cm.unit_valid_from
			WHERE cm.year BETWEEN :y - 1 AND :y AND (m.now_code = :u OR m.now_province_code = :u)
			""";

	private final JdbcClient jdbc;

	private final int year;

	private final String unitCode;

	private final boolean asNow;

	ReportChildren(JdbcClient jdbc, int year, String unitCode, boolean asNow) {
		this.jdbc = jdbc;
		this.year = year;
		this.unitCode = unitCode;
		this.asNow = asNow;
	}

	/** A ward's streets and villages. */
	List<Village> villages() {
		String sql = this.asNow ? """
				SELECT y.village_code AS code, (array_agg(y.village_name ORDER BY y.unit_valid_from DESC))[1] AS name,
				       sum(y.crime_cases) AS crime_cases, sum(y.new_drug_addicts) AS new_drug_addicts,
				       (array_agg(y.camera_model_end ORDER BY y.unit_valid_from DESC))[1] AS camera_model_end,
				       NULL::date AS unit_valid_from
				FROM warehouse.village_year y
				JOIN warehouse.village_as_now v ON v.village_code = y.village_code
				WHERE y.year = :y AND v.now_code = :u
				GROUP BY y.village_code ORDER BY y.village_code
				""" : """
				SELECT village_code AS code, village_name AS name, crime_cases, new_drug_addicts, camera_model_end,
				       unit_valid_from
				FROM warehouse.village_year
				WHERE year = :y AND commune_code = :u
				  AND unit_valid_from = (SELECT max(unit_valid_from) FROM warehouse.village_year
				                         WHERE year = :y AND commune_code = :u)
				ORDER BY village_code
				""";
		return this.jdbc.sql(sql)
			.param("y", this.year)
			.param("u", this.unitCode)
			.query((rs, n) -> new Village(rs.getString("code"), rs.getString("name"),
					rs.getObject("unit_valid_from", LocalDate.class), rs.getBigDecimal("crime_cases"),
					rs.getBigDecimal("new_drug_addicts"), rs.getBigDecimal("camera_model_end")))
			.list();
	}

	/** A city's or province's wards and communes. */
	List<Ward> wards() {
		String view = this.asNow ? "_as_now" : "";
		String inUnit = this.asNow ? "SELECT now_code FROM warehouse.unit_as_now WHERE now_province_code = :u" : """
				SELECT commune_code FROM warehouse.commune_month
				WHERE year = :y AND (district_code = :u OR province_code = :u)
				""";
		return this.jdbc
			.sql("SELECT t.unit_code AS code, t.unit_name AS name, t.accidents, t.prev_accidents, "
					+ "t.deaths, t.prev_deaths, t.injuries, t.prev_injuries, v.crime_free_pct, "
					+ "v.drug_free_pct, v.camera_groups, t.unit_valid_from " + "FROM warehouse.traffic_yoy" + view
					+ " t JOIN warehouse.village_safety_yoy" + view
					+ " v USING (unit_code, level, year, unit_valid_from) "
					+ "WHERE t.level = 'commune' AND t.year = :y AND t.unit_code IN (" + inUnit + ") "
					+ "ORDER BY t.unit_code, t.unit_valid_from")
			.param("y", this.year)
			.param("u", this.unitCode)
			.query((rs, n) -> new Ward(rs.getString("code"), rs.getString("name"),
					rs.getObject("unit_valid_from", LocalDate.class), ReportReader.figure(rs, "accidents"),
					ReportReader.figure(rs, "deaths"), ReportReader.figure(rs, "injuries"),
					rs.getBigDecimal("crime_free_pct"), rs.getBigDecimal("drug_free_pct"),
					rs.getBigDecimal("camera_groups")))
			.list();
	}

	/**
	 * As now: the units whose reports of this year or the year before make up the
	 * figures.
	 */
	List<Predecessor> predecessors() {
		return this.jdbc.sql("""
				SELECT m.unit_code AS code, m.unit_name AS name, m.unit_valid_to AS valid_to, m.estimated
				FROM warehouse.unit_as_now m
				WHERE (m.now_code = :u OR m.now_province_code = :u)
				  AND m.unit_valid_from < make_date(:y + 1, 1, 1) AND m.unit_valid_to > make_date(:y - 1, 1, 1)
				  AND (m.unit_code, m.unit_valid_from) IS DISTINCT FROM (m.now_code, m.now_valid_from)
				  AND EXISTS (SELECT 1 FROM warehouse.commune_month cm WHERE cm.commune_code = m.unit_code
				              AND cm.unit_valid_from = m.unit_valid_from AND cm.year BETWEEN :y - 1 AND :y)
				ORDER BY m.unit_code, m.unit_valid_from
				""")
			.param("y", this.year)
			.param("u", this.unitCode)
			.query((rs, n) -> new Predecessor(rs.getString("code"), rs.getString("name"),
					rs.getObject("valid_to", LocalDate.class), rs.getBoolean("estimated")))
			.list();
	}

	/**
	 * Status to number of commune-months in the year; as now, each predecessor counts for
	 * the months it was the unit owing the report.
	 */
	Map<String, Long> completeness() {
		if (this.asNow) {
			return completeness(PREDECESSOR_MONTHS,
					"(c.unit_code, to_date(c.period, 'YYYY-MM')) IN (SELECT commune_code, period FROM (%s) x)");
		}
		return completeness("""
				SELECT commune_code FROM warehouse.commune_month
				WHERE year = :y AND (commune_code = :u OR district_code = :u OR province_code = :u)
				""", "c.unit_code IN (%s)");
	}

	private Map<String, Long> completeness(String units, String condition) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String status : List.of("ON_TIME", "LATE", "MISSING", "REJECTED", "NOT_DUE")) {
			counts.put(status, 0L);
		}
		this.jdbc
			.sql("SELECT c.status, count(*) FROM warehouse.completeness c "
					+ "JOIN warehouse.dim_period p ON p.period_text = c.period WHERE p.year = :y AND "
					+ condition.formatted(units) + " GROUP BY c.status")
			.param("y", this.year)
			.param("u", this.unitCode)
			.query((rs) -> {
				counts.put(rs.getString(1), rs.getLong(2));
			});
		return counts;
	}

}
