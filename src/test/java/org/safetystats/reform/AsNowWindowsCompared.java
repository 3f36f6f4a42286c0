package org.safetystats.reform;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The as-now windows as {@code as_now_window} reads them (from the months the build
 * stored; across a year's end, with the end-of-period values reported in the earlier year
 * computed) against {@code as_now_window_of} (every fact of the window), over the windows
 * a query names.
 */
final class AsNowWindowsCompared {

	private AsNowWindowsCompared() {
	}

	/**
	 * @param windows the SQL of the CTEs ending in {@code windows}: its columns
	 * {@code first}, {@code last} (dates), {@code provinces} and {@code units} (text
	 * arrays, NULL for all)
	 * @return {@code windows}, {@code built_rows}, {@code values} (computed rows with a
	 * value), {@code uncertain} (computed rows whose bounds differ), {@code only_built}
	 * and {@code only_computed} (rows of one not in the other)
	 */
	static Map<String, Object> compare(JdbcClient jdbc, String windows) {
		return jdbc
			.sql("WITH " + windows
					+ """
							, built AS (
							    SELECT w.first, w.last, w.provinces, w.units, b.* FROM windows w
							    CROSS JOIN LATERAL warehouse.as_now_window(w.first, w.last, w.provinces, w.units) b
							), computed AS (
							    SELECT w.first, w.last, w.provinces, w.units, c.* FROM windows w
							    CROSS JOIN LATERAL warehouse.as_now_window_of(w.first, w.last, w.provinces, 'warehouse.commune_month',
							                                                  'warehouse.fact_value', w.units) c
							)
							SELECT (SELECT count(*) FROM windows) AS windows, (SELECT count(*) FROM built) AS built_rows,
							       (SELECT count(*) FROM computed WHERE value IS NOT NULL) AS values,
							       (SELECT count(*) FROM computed WHERE value_low < value_high) AS uncertain,
							       (SELECT count(*) FROM (SELECT * FROM built EXCEPT ALL SELECT * FROM computed) d) AS only_built,
							       (SELECT count(*) FROM (SELECT * FROM computed EXCEPT ALL SELECT * FROM built) d) AS only_computed
							""")
			.query()
			.singleRow();
	}

}
