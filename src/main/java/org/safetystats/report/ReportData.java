package org.safetystats.report;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.safetystats.system.UserFacingException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything the annual report shows, read from the warehouse views: the unit's year
 * against the year before, its wards (for a city or province) or villages (for a ward),
 * the years so far, and the completeness behind it.
 *
 * @param unit traffic_yoy row of the unit and year
 * @param villages village_safety_yoy row
 * @param indicators indicator_yoy rows by indicator
 * @param children one row per ward (or village) with the columns of the table
 * @param years traffic and village figures of every year up to this one
 * @param completeness status to number of commune-months in the year
 * @param level commune, district or province
 * @param publication the publication whose figures the report shows, {@code null} when
 * the year is not yet published (the warehouse as it is)
 */
record ReportData(Map<String, Object> unit, Map<String, Object> villages, Map<String, Map<String, Object>> indicators,
		List<Map<String, Object>> children, List<Map<String, Object>> years, Map<String, Long> completeness,
		String level, @Nullable PublishedFigures publication) {

	static ReportData load(JdbcClient jdbc, int year, String unitCode) {
		List<Map<String, Object>> unit = jdbc
			.sql("SELECT * FROM warehouse.traffic_yoy WHERE unit_code = :u AND year = :y")
			.param("u", unitCode)
			.param("y", year)
			.query()
			.listOfRows();
		if (unit.isEmpty()) {
			throw new UserFacingException("The warehouse has no figures for unit " + unitCode + " in " + year
					+ ": run the nightly job (or build-warehouse) first");
		}
		String level = (String) unit.get(0).get("level");
		Map<String, Object> villages = jdbc
			.sql("SELECT * FROM warehouse.village_safety_yoy WHERE unit_code = :u AND year = :y AND level = :l")
			.param("u", unitCode)
			.param("y", year)
			.param("l", level)
			.query()
			.singleRow();
		Map<String, Map<String, Object>> indicators = new java.util.LinkedHashMap<>();
		jdbc.sql("SELECT * FROM warehouse.indicator_yoy WHERE unit_code = :u AND year = :y AND level = :l")
			.param("u", unitCode)
			.param("y", year)
			.param("l", level)
			.query()
			.listOfRows()
			.forEach((row) -> indicators.put((String) row.get("indicator"), row));
		List<Map<String, Object>> years = jdbc.sql("""
				SELECT t.year, t.accidents, t.deaths, t.injuries, v.crime_free_pct, v.drug_free_pct, v.camera_groups
				FROM warehouse.traffic_yoy t JOIN warehouse.village_safety_yoy v USING (unit_code, level, year)
				WHERE t.unit_code = :u AND t.level = :l AND t.year <= :y ORDER BY t.year
				""").param("u", unitCode).param("l", level).param("y", year).query().listOfRows();
		ReportData current = new ReportData(unit.get(0), villages, indicators, children(jdbc, year, unitCode, level),
				years, completeness(jdbc, year, unitCode), level, null);
		PublishedFigures publication = PublishedFigures.find(jdbc, year, unitCode);
		return (publication != null) ? current.asPublished(publication, year, unitCode) : current;
	}

	/** The same report with every figure the publication froze as it was published. */
	private ReportData asPublished(PublishedFigures p, int year, String unitCode) {
		Map<String, Map<String, Object>> publishedIndicators = new java.util.LinkedHashMap<>();
		this.indicators.forEach((code, row) -> publishedIndicators.put(code, p.overlay(row, unitCode, code)));
		List<Map<String, Object>> publishedChildren = this.children.stream()
			.map((row) -> p.overlay(row, (String) row.get("code"), null))
			.toList();
		List<Map<String, Object>> publishedYears = this.years.stream()
			.map((row) -> ((Number) row.get("year")).intValue() == year ? p.overlay(row, unitCode, null) : row)
			.toList();
		return new ReportData(p.overlay(this.unit, unitCode, null), p.overlay(this.villages, unitCode, null),
				publishedIndicators, publishedChildren, publishedYears, this.completeness, this.level, p);
	}

	private static List<Map<String, Object>> children(JdbcClient jdbc, int year, String unitCode, String level) {
		if (level.equals("commune")) {
			return jdbc.sql("""
					SELECT village_code AS code, village_name AS name, crime_cases, new_drug_addicts, camera_model_end,
					       months_reported, months_expected
					FROM warehouse.village_year WHERE year = :y AND commune_code = :u ORDER BY village_code
					""").param("y", year).param("u", unitCode).query().listOfRows();
		}
		return jdbc.sql("""
				SELECT t.unit_code AS code, t.unit_name AS name, t.accidents, t.prev_accidents, t.deaths, t.prev_deaths,
				       t.injuries, t.prev_injuries, v.crime_free_pct, v.prev_crime_free_pct, v.drug_free_pct,
				       v.camera_groups, t.months_complete
				FROM warehouse.traffic_yoy t
				JOIN warehouse.village_safety_yoy v USING (unit_code, level, year)
				WHERE t.level = 'commune' AND t.year = :y
				  AND t.unit_code IN (SELECT commune_code FROM warehouse.commune_month
				                      WHERE year = :y AND (district_code = :u OR province_code = :u))
				ORDER BY t.unit_code
				""").param("y", year).param("u", unitCode).query().listOfRows();
	}

	private static Map<String, Long> completeness(JdbcClient jdbc, int year, String unitCode) {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (String status : List.of("ON_TIME", "LATE", "MISSING", "REJECTED", "NOT_DUE")) {
			counts.put(status, 0L);
		}
		jdbc.sql("""
				SELECT c.status, count(*) FROM warehouse.completeness c
				JOIN warehouse.dim_period p ON p.period_text = c.period
				WHERE p.year = :y AND (c.unit_code = :u OR c.unit_code IN (
				      SELECT commune_code FROM warehouse.commune_month
				      WHERE year = :y AND (district_code = :u OR province_code = :u)))
				GROUP BY c.status
				""").param("y", year).param("u", unitCode).query((rs) -> {
			counts.put(rs.getString(1), rs.getLong(2));
		});
		return counts;
	}

}
