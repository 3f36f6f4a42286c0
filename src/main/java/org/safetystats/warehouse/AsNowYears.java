package org.safetystats.warehouse;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Stores, at the end of each warehouse build and in its transaction, the years it changed
 * re-aggregated onto the units valid on its as-of date
 * ({@code warehouse.agg_indicator_year_as_now}, read through {@code as_now_year}), so
 * that the as-now yearly views read a table instead of re-aggregating the country in
 * every query. Only the provinces (as of the as-of date) of the communes a build changed
 * are recomputed; every year with data when the maps moved (new as-of date or
 * catalogues), or when no as-now year is stored at all (a migration emptied them).
 */
@Component
class AsNowYears {

	private static final Logger logger = LoggerFactory.getLogger(AsNowYears.class);

	private static final String YEARS_WITH_DATA = """
			SELECT DISTINCT year FROM warehouse.commune_month ORDER BY year
			""";

	private static final String PROVINCES_OF = """
			SELECT DISTINCT now_province_code FROM warehouse.unit_map
			WHERE unit_code = ANY (:communes) AND now_province_code IS NOT NULL
			UNION
			SELECT DISTINCT m.now_province_code FROM warehouse.village_map m
			JOIN ref.unit v ON v.code = m.village_code AND v.level = 'village' AND v.parent_code = ANY (:communes)
			WHERE m.now_province_code IS NOT NULL
			""";

	private static final String NONE_STORED = """
			SELECT NOT EXISTS (SELECT 1 FROM warehouse.agg_indicator_year_as_now)
			""";

	private static final String DELETE = """
			DELETE FROM warehouse.agg_indicator_year_as_now a
			WHERE a.year = :year
			  AND (CAST(:provinces AS text[]) IS NULL
			       OR (a.level = 'province' AND a.unit_code = ANY (:provinces))
			       OR (a.level = 'commune' AND a.unit_code IN (SELECT now_code FROM warehouse.unit_map
			                                                  WHERE now_province_code = ANY (:provinces))))
			""";

	private static final String INSERT = """
			INSERT INTO warehouse.agg_indicator_year_as_now (year, unit_code, unit_name, level, indicator, value,
			                                                 complete, estimated, months_complete, value_low,
			                                                 value_high)
			SELECT :year, w.* FROM warehouse.as_now_window(make_date(:year, 1, 1), make_date(:year, 12, 1),
			                                               CAST(:provinces AS text[])) w
			""";

	private final JdbcClient jdbc;

	AsNowYears(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Recomputes the as-now years of a build.
	 * @param slices the build's plan: year and communes (empty: every commune), in year
	 * order
	 * @param remapped whether the maps moved (then every year and province is recomputed)
	 */
	void refresh(List<Map.Entry<Integer, List<String>>> slices, boolean remapped) {
		long started = System.nanoTime();
		if (remapped || this.jdbc.sql(NONE_STORED).query(Boolean.class).single()) {
			this.jdbc.sql("TRUNCATE warehouse.agg_indicator_year_as_now").update();
			List<Integer> years = this.jdbc.sql(YEARS_WITH_DATA).query(Integer.class).list();
			years.forEach((year) -> recompute(year, null));
			analyse();
			logger.info("As-now years recomputed: {} in {} ms", years, (System.nanoTime() - started) / 1_000_000);
			return;
		}
		slices.forEach((slice) -> recompute(slice.getKey(),
				slice.getValue().isEmpty() ? null : provincesOf(slice.getValue())));
		if (!slices.isEmpty()) {
			analyse();
			logger.info("As-now years recomputed: {} in {} ms", slices.stream().map(Map.Entry::getKey).toList(),
					(System.nanoTime() - started) / 1_000_000);
		}
	}

	// the views self-join the table by unit and year: without statistics the planner
	// guessed a few rows and looped over a whole year per row (40 s for the country)
	private void analyse() {
		this.jdbc.sql("ANALYZE warehouse.agg_indicator_year_as_now").update();
	}

	private Set<String> provincesOf(Collection<String> communes) {
		return new TreeSet<>(this.jdbc.sql(PROVINCES_OF)
			.param("communes", new SqlArrayValue("text", communes.toArray()))
			.query(String.class)
			.list());
	}

	private void recompute(int year, @Nullable Set<String> provinces) {
		@Nullable SqlArrayValue names = (provinces != null) ? new SqlArrayValue("text", provinces.toArray()) : null;
		this.jdbc.sql(DELETE).param("year", year).param("provinces", names).update();
		this.jdbc.sql(INSERT).param("year", year).param("provinces", names).update();
	}

}
