package org.safetystats.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The yardstick of the full build: the contract's tables written by hand
 * ({@code hand-written-warehouse.sql}: every year at once, one statement a table, logged,
 * indexed as the contract's queries need), and the rows on which they and the warehouse
 * differ.
 */
final class HandWrittenWarehouse {

	private static final List<String> STATEMENTS = load();

	/**
	 * Each table's rows compared with the warehouse's, both ways, on the columns both
	 * write: every column of the as-then tables (the facts by commune month: their count
	 * and sum), as now the months' rows of the month reported and the years' sums.
	 */
	private static final Map<String, String> COMPARED = compared();

	private HandWrittenWarehouse() {
	}

	/** Writes the tables as of the warehouse's last build and the due day it used. */
	static void run(JdbcClient jdbc, LocalDate asOf, int dueDay) {
		drop(jdbc);
		for (String statement : STATEMENTS) {
			if (statement.contains(":asOf")) {
				jdbc.sql(statement).param("asOf", asOf).param("dueDay", dueDay).update();
			}
			else {
				jdbc.sql(statement).update();
			}
		}
	}

	/** The rows on which each table differs from the warehouse's (0 when they agree). */
	static Map<String, Long> disagreements(JdbcClient jdbc) {
		Map<String, Long> counts = new LinkedHashMap<>();
		COMPARED.forEach((table, columns) -> {
			String[] parts = columns.split(" \\| ", 2);
			String select = "SELECT " + parts[0] + " FROM %s " + ((parts.length > 1) ? parts[1] : "");
			String warehouse = select.formatted("warehouse." + table);
			String hand = select.formatted("bench_hand." + table);
			counts.put(table,
					jdbc.sql("SELECT (SELECT count(*) FROM (" + warehouse + " EXCEPT ALL " + hand
							+ ") a) + (SELECT count(*) FROM (" + hand + " EXCEPT ALL " + warehouse + ") b)")
						.query(Long.class)
						.single());
		});
		return counts;
	}

	static void drop(JdbcClient jdbc) {
		jdbc.sql("DROP SCHEMA IF EXISTS bench_hand CASCADE").update();
	}

	private static Map<String, String> compared() {
		Map<String, String> compared = new LinkedHashMap<>();
		compared.put("commune_month", "year, period, commune_code, commune_name, district_code, province_code, "
				+ "expected, submission_id, received_at, unit_valid_from, unit_valid_to");
		compared.put("fact_value", "year, period, commune_code, count(*), sum(value) | GROUP BY 1, 2, 3");
		compared.put("agg_indicator_month", "year, period, unit_code, level, district_code, province_code, "
				+ "indicator, value, communes_expected, communes_submitted, unit_valid_from, unit_valid_to");
		compared.put("agg_indicator_year", "year, unit_code, unit_name, level, district_code, province_code, "
				+ "indicator, value, months_expected, months_submitted, months_complete, complete, unit_valid_from, "
				+ "unit_valid_to, same_months_value, same_months_complete");
		compared.put("village_year",
				"year, village_code, village_name, commune_code, district_code, province_code, "
						+ "months_expected, months_reported, crime_cases, new_drug_addicts, camera_model_end, "
						+ "unit_valid_from, unit_valid_to");
		compared.put("village_fact_months", "year, village_code, commune_code, months");
		compared.put("agg_village_year", "year, unit_code, unit_name, level, province_code, villages, "
				+ "villages_reported, crime_free, drug_free, camera_groups, unit_valid_from, unit_valid_to");
		compared.put("commune_month_as_now",
				"year, period, unit_code, unit_name, province_code, province_name, all_in");
		compared.put("agg_indicator_month_as_now", "year, period, unit_code, level, indicator, value, value_low, "
				+ "value_high, estimated | WHERE reported_month = period");
		compared.put("agg_indicator_year_as_now", "year, unit_code, level, indicator, value, value_low, value_high "
				+ "| WHERE indicator IN (SELECT code FROM ref.indicator WHERE aggregation = 'sum')");
		compared.put("agg_village_year_as_now", "year, unit_code, unit_name, level, villages, villages_reported, "
				+ "crime_free, drug_free, camera_groups, unit_valid_from, unit_valid_to");
		return compared;
	}

	private static List<String> load() {
		try (InputStream in = HandWrittenWarehouse.class.getResourceAsStream("hand-written-warehouse.sql")) {
			if (in == null) {
				throw new IllegalStateException("hand-written-warehouse.sql is missing from the bench's package");
			}
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return Arrays.stream(text.split("\n;\n")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
