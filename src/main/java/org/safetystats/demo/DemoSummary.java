package org.safetystats.demo;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The year-over-year summary the demo prints, read from the warehouse views. */
final class DemoSummary {

	private DemoSummary() {
	}

	static String render(JdbcClient jdbc, String city, int year) {
		StringBuilder out = new StringBuilder();
		Map<String, Object> traffic = jdbc.sql("SELECT * FROM warehouse.traffic_yoy WHERE unit_code = :u AND year = :y")
			.param("u", city)
			.param("y", year)
			.query()
			.singleRow();
		Map<String, Object> villages = jdbc
			.sql("SELECT * FROM warehouse.village_safety_yoy WHERE unit_code = :u AND year = :y")
			.param("u", city)
			.param("y", year)
			.query()
			.singleRow();
		Map<String, Object> models = indicator(jdbc, city, year, "active_security_models");
		Map<String, Object> spots = indicator(jdbc, city, year, "traffic_black_spots");
		out.append(String.format("%s, %d against %d%n", traffic.get("unit_name"), year, year - 1));
		out.append(String.format("  crime-free streets and villages     %5s%%  (%s%% in %d)%n",
				villages.get("crime_free_pct"), villages.get("prev_crime_free_pct"), year - 1));
		out.append(String.format("  no new drug addict                  %5s%%  (%s%%)%n", villages.get("drug_free_pct"),
				villages.get("prev_drug_free_pct")));
		out.append(String.format("  residential groups with cameras     %5s   (%s)%n", villages.get("camera_groups"),
				villages.get("prev_camera_groups")));
		out.append(String.format("  movement models in operation        %5s   (%s)%n", models.get("value"),
				models.get("prev_value")));
		out.append(String.format("  traffic black spots at year end     %5s   (%s)%n", spots.get("value"),
				spots.get("prev_value")));
		out.append(String.format("  traffic accidents, deaths, injuries %s / %s / %s  (%s / %s / %s)%s%n",
				traffic.get("accidents"), traffic.get("deaths"), traffic.get("injuries"), traffic.get("prev_accidents"),
				traffic.get("prev_deaths"), traffic.get("prev_injuries"),
				Boolean.TRUE.equals(traffic.get("all_three_fell")) ? ": down on all three criteria" : ""));
		out.append(String
			.format("%nWard or commune          accidents    deaths   injuries  crime-free  drug-free  cameras%n"));
		List<Map<String, Object>> wards = jdbc
			.sql("""
					SELECT t.unit_code, t.unit_name, t.accidents, t.prev_accidents, t.deaths, t.prev_deaths, t.injuries,
					       t.prev_injuries, v.crime_free_pct, v.drug_free_pct, v.camera_groups
					FROM warehouse.traffic_yoy t
					JOIN warehouse.village_safety_yoy v USING (unit_code, level, year)
					JOIN warehouse.agg_indicator_year a ON a.unit_code = t.unit_code AND a.level = 'commune'
					     AND a.year = t.year AND a.indicator = 'traffic_accidents'
					WHERE t.level = 'commune' AND t.year = :y
					  AND a.unit_code IN (SELECT commune_code FROM warehouse.commune_month WHERE year = :y AND district_code = :u)
					ORDER BY t.unit_code
					""")
			.param("y", year)
			.param("u", city)
			.query()
			.listOfRows();
		for (Map<String, Object> w : wards) {
			out.append(String.format("%-24.24s %4s (%3s) %4s (%3s) %4s (%3s) %9s%% %9s%% %7s%n", w.get("unit_name"),
					w.get("accidents"), w.get("prev_accidents"), w.get("deaths"), w.get("prev_deaths"),
					w.get("injuries"), w.get("prev_injuries"), w.get("crime_free_pct"), w.get("drug_free_pct"),
					w.get("camera_groups")));
		}
		return out.toString();
	}

	static String howToQuery(String url) {
		String where = url.replaceFirst("^jdbc:postgresql://", "");
		return String.format(
				"""
						Query the warehouse (docs/warehouse.md has the tables and more questions):
						  java -jar target/safetystats.jar db        # keeps the embedded database up; Ctrl-C stops it
						  psql postgresql://postgres@%s
						  SELECT * FROM warehouse.traffic_yoy WHERE unit_code = '369';
						  SELECT unit_name, crime_free_pct, drug_free_pct FROM warehouse.village_safety_yoy WHERE year = 2019 AND level = 'commune';
						  SELECT * FROM warehouse.same_period('2019-01', '2019-09') WHERE unit_code = '369';
						""",
				where);
	}

	private static Map<String, Object> indicator(JdbcClient jdbc, String unit, int year, String indicator) {
		return jdbc.sql(
				"SELECT value, prev_value FROM warehouse.indicator_yoy WHERE unit_code = :u AND year = :y AND indicator = :i")
			.param("u", unit)
			.param("y", year)
			.param("i", indicator)
			.query()
			.singleRow();
	}

}
