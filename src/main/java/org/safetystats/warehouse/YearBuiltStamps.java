package org.safetystats.warehouse;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records, in {@code warehouse.year_built}, that the current transaction rewrote a year's
 * rows of some provinces: a publication made before it (whose snapshot does not hold this
 * transaction) has its changes computed there, and nowhere else
 * ({@code warehouse.published_changes}).
 */
final class YearBuiltStamps {

	private static final String STAMP = """
			INSERT INTO warehouse.year_built (year, province_code, xid, built_at)
			SELECT :year, p.province_code, pg_current_xact_id(), now() FROM (%s) p
			ON CONFLICT (year, province_code) DO UPDATE SET xid = EXCLUDED.xid, built_at = EXCLUDED.built_at
			""";

	private YearBuiltStamps() {
	}

	/**
	 * Stamps the year for every province (a whole year rebuilt), or for those of the
	 * slice being built ({@code slice_province}, made by its {@code clear-rollups} step).
	 */
	static void stamp(JdbcClient jdbc, int year, boolean everyProvince) {
		String provinces = everyProvince ? "SELECT '*' AS province_code"
				: "SELECT DISTINCT province_code FROM slice_province";
		jdbc.sql(STAMP.formatted(provinces)).param("year", year).update();
	}

}
