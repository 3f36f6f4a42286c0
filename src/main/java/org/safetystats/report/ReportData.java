package org.safetystats.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything the annual report shows, read from the warehouse views: the unit's year
 * against the year before, its wards (for a city or province) or villages (for a ward),
 * the years so far, and the completeness behind it. As now, the figures are those of the
 * unit valid today with its predecessors' history ({@code *_as_now} views); as then,
 * those of the unit as it reported (for a code naming two units in the year, the later).
 *
 * @param unit traffic row of the unit and year
 * @param villages village safety row
 * @param indicators indicator rows by indicator
 * @param children one row per ward (or village) with the columns of the table
 * @param years traffic and village figures of every year up to this one
 * @param completeness status to number of commune-months in the year
 * @param level commune, district or province
 * @param asNow whether history is re-aggregated onto today's units
 * @param predecessors as now: the units whose reports make up the figures (code, name,
 * valid_from, valid_to, estimated)
 * @param publication the publication whose figures the report shows, {@code null} when
 * the year is not yet published (the warehouse as it is); publications freeze the figures
 * as then, so an as-now report shows the warehouse as it is
 */
record ReportData(Map<String, Object> unit, Map<String, Object> villages, Map<String, Map<String, Object>> indicators,
		List<Map<String, Object>> children, List<Map<String, Object>> years, Map<String, Long> completeness,
		String level, boolean asNow, List<Map<String, Object>> predecessors, @Nullable PublishedFigures publication) {

	static ReportData load(JdbcClient jdbc, int year, String unitCode, boolean asNow) {
		String view = asNow ? "_as_now" : "";
		List<Map<String, Object>> unit = jdbc
			.sql("SELECT * FROM warehouse.traffic_yoy" + view
					+ " WHERE unit_code = :u AND year = :y ORDER BY unit_valid_from DESC")
			.param("u", unitCode)
			.param("y", year)
			.query()
			.listOfRows();
		if (unit.isEmpty() && jdbc.sql("SELECT count(*) > 0 AND count(*) FILTER (WHERE code = :u) = 0 FROM ref.unit")
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
		String level = (String) unit.get(0).get("level");
		Object version = unit.get(0).get("unit_valid_from");
		List<Map<String, Object>> villages = jdbc
			.sql("SELECT * FROM warehouse.village_safety_yoy" + view
					+ " WHERE unit_code = :u AND year = :y AND level = :l AND unit_valid_from = :v")
			.param("u", unitCode)
			.param("y", year)
			.param("l", level)
			.param("v", version)
			.query()
			.listOfRows();
		Map<String, Map<String, Object>> indicators = new LinkedHashMap<>();
		jdbc.sql("SELECT * FROM warehouse.indicator_yoy" + view + " WHERE unit_code = :u AND year = :y AND level = :l"
				+ (asNow ? "" : " AND unit_valid_from = :v"))
			.param("u", unitCode)
			.param("y", year)
			.param("l", level)
			.param("v", version)
			.query()
			.listOfRows()
			.forEach((row) -> indicators.put((String) row.get("indicator"), row));
		List<Map<String, Object>> years = jdbc.sql("SELECT t.year, t.accidents, t.deaths, t.injuries, "
				+ "v.crime_free_pct, v.drug_free_pct, v.camera_groups FROM warehouse.traffic_yoy" + view + " t "
				+ "JOIN warehouse.village_safety_yoy" + view + " v USING (unit_code, level, year, unit_valid_from) "
				+ "WHERE t.unit_code = :u AND t.level = :l AND t.year <= :y AND t.unit_valid_from = :v ORDER BY t.year")
			.param("u", unitCode)
			.param("l", level)
			.param("y", year)
			.param("v", version)
			.query()
			.listOfRows();
		ReportChildren children = new ReportChildren(jdbc, year, unitCode, level);
		ReportData current = new ReportData(unit.get(0), villages.isEmpty() ? Map.of() : villages.get(0), indicators,
				asNow ? children.asNow() : children.asThen(), years,
				asNow ? children.completenessAsNow() : children.completenessAsThen(), level, asNow,
				asNow ? children.predecessors() : List.of(), null);
		PublishedFigures publication = asNow ? null : PublishedFigures.find(jdbc, year, unitCode, version);
		return (publication != null) ? current.asPublished(publication, year, unitCode, version) : current;
	}

	/** The same report with every figure the publication froze as it was published. */
	private ReportData asPublished(PublishedFigures p, int year, String unitCode, Object version) {
		Map<String, Map<String, Object>> publishedIndicators = new LinkedHashMap<>();
		this.indicators.forEach((code, row) -> publishedIndicators.put(code, p.overlay(row, unitCode, version, code)));
		List<Map<String, Object>> publishedChildren = this.children.stream()
			.map((row) -> p.overlay(row, (String) row.get("code"), row.get("unit_valid_from"), null))
			.toList();
		List<Map<String, Object>> publishedYears = this.years.stream()
			.map((row) -> ((Number) row.get("year")).intValue() == year ? p.overlay(row, unitCode, version, null) : row)
			.toList();
		return new ReportData(p.overlay(this.unit, unitCode, version, null),
				p.overlay(this.villages, unitCode, version, null), publishedIndicators, publishedChildren,
				publishedYears, this.completeness, this.level, this.asNow, this.predecessors, p);
	}

	/** Whether the unit is valid today, so that an as-now report exists for it. */
	static boolean validToday(JdbcClient jdbc, String unitCode) {
		return jdbc.sql("""
				SELECT count(*) FROM warehouse.dim_unit
				WHERE unit_code = :u AND level IN ('commune', 'province') AND current_date >= valid_from
				  AND current_date < valid_to
				""").param("u", unitCode).query(Long.class).single() > 0;
	}

}
