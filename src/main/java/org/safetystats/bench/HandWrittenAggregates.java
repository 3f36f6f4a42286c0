package org.safetystats.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The minimal hand-written SQL that computes the same yearly aggregates as the warehouse
 * build (indicator values at commune, district and province level, and the village counts
 * behind the ratios), straight from the accepted values, into unlogged scratch tables:
 * the yardstick of the warehouse benchmark.
 */
final class HandWrittenAggregates {

	private static final String INDICATORS = """
			CREATE UNLOGGED TABLE bench_hand_indicator AS
			WITH v AS (
			    SELECT s.unit_code, CAST(left(s.period, 4) AS int) AS year, s.period, sv.indicator, sum(sv.value) AS value
			    FROM ops.submission s JOIN ops.submission_value sv USING (submission_id)
			    WHERE s.status = 'LOADED'
			    GROUP BY 1, 2, 3, 4
			), commune_year AS (
			    SELECT v.unit_code, v.year, v.indicator,
			           CASE WHEN min(i.aggregation) = 'sum' THEN sum(v.value)
			                ELSE (array_agg(v.value ORDER BY v.period DESC))[1] END AS value
			    FROM v JOIN ref.indicator i ON i.code = v.indicator
			    GROUP BY 1, 2, 3
			)
			SELECT cy.year, cy.indicator, c.code AS commune, d.code AS district, d.parent_code AS province, sum(cy.value) AS value
			FROM commune_year cy
			JOIN ref.unit c ON c.code = cy.unit_code AND c.level = 'commune'
			JOIN ref.unit d ON d.code = c.parent_code
			GROUP BY GROUPING SETS ((cy.year, cy.indicator, d.parent_code, d.code, c.code),
			                        (cy.year, cy.indicator, d.parent_code, d.code),
			                        (cy.year, cy.indicator, d.parent_code))
			""";

	private static final String VILLAGES = """
			CREATE UNLOGGED TABLE bench_hand_village AS
			WITH village_year AS (
			    SELECT sv.village_code, s.unit_code, CAST(left(s.period, 4) AS int) AS year, count(DISTINCT s.period) AS months,
			           sum(sv.value) FILTER (WHERE sv.indicator = 'crime_cases') AS crimes,
			           sum(sv.value) FILTER (WHERE sv.indicator = 'new_drug_addicts') AS addicts,
			           (array_agg(sv.value ORDER BY s.period DESC) FILTER (WHERE sv.indicator = 'camera_model'))[1] AS camera
			    FROM ops.submission s JOIN ops.submission_value sv USING (submission_id)
			    WHERE s.status = 'LOADED' AND sv.village_code IS NOT NULL
			    GROUP BY 1, 2, 3
			)
			SELECT vy.year, c.code AS commune, d.code AS district, d.parent_code AS province, count(*) AS villages,
			       count(*) FILTER (WHERE months = 12) AS reported,
			       count(*) FILTER (WHERE months = 12 AND crimes = 0) AS crime_free,
			       count(*) FILTER (WHERE months = 12 AND addicts = 0) AS drug_free, sum(camera) AS cameras
			FROM village_year vy
			JOIN ref.unit c ON c.code = vy.unit_code AND c.level = 'commune'
			JOIN ref.unit d ON d.code = c.parent_code
			GROUP BY GROUPING SETS ((vy.year, d.parent_code, d.code, c.code), (vy.year, d.parent_code, d.code),
			                        (vy.year, d.parent_code))
			""";

	private HandWrittenAggregates() {
	}

	static void run(JdbcClient jdbc) {
		jdbc.sql("DROP TABLE IF EXISTS bench_hand_indicator, bench_hand_village").update();
		jdbc.sql(INDICATORS).update();
		jdbc.sql(VILLAGES).update();
	}

	/**
	 * Rows where the warehouse's yearly value differs from the hand-written one (0 when
	 * they agree).
	 */
	static long disagreements(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT count(*) FROM warehouse.agg_indicator_year a
				JOIN bench_hand_indicator h ON h.year = a.year AND h.indicator = a.indicator
				 AND coalesce(h.commune, h.district, h.province) = a.unit_code
				 AND (CASE WHEN h.commune IS NOT NULL THEN 'commune' WHEN h.district IS NOT NULL THEN 'district'
				           ELSE 'province' END) = a.level
				WHERE a.value IS DISTINCT FROM h.value
				""").query(Long.class).single();
	}

	static void drop(JdbcClient jdbc) {
		jdbc.sql("DROP TABLE IF EXISTS bench_hand_indicator, bench_hand_village").update();
	}

}
