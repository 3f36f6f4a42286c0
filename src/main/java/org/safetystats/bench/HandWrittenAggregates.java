package org.safetystats.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The minimal hand-written SQL that computes the same yearly aggregates as the warehouse
 * build (indicator values at commune, district and province level, and the village counts
 * behind the ratios), straight from the accepted values, into unlogged scratch tables:
 * the yardstick of the warehouse benchmark.
 */
final class HandWrittenAggregates {

	/**
	 * Each commune version with its district (none after 2025-07-01) and province, as
	 * valid when the commune version began.
	 */
	private static final String PATHS = """
			CREATE UNLOGGED TABLE bench_hand_path AS
			SELECT c.code, c.valid_from, c.valid_to, CASE WHEN p.level = 'district' THEN p.code END AS district,
			       CASE WHEN p.level = 'district' THEN p.parent_code ELSE p.code END AS province
			FROM ref.unit c
			JOIN ref.unit p ON p.code = c.parent_code AND p.valid_from <= c.valid_from AND p.valid_to > c.valid_from
			WHERE c.level = 'commune'
			""";

	private static final String INDICATORS = """
			CREATE UNLOGGED TABLE bench_hand_indicator AS
			WITH v AS (
			    SELECT s.unit_code, CAST(left(s.period, 4) AS int) AS year, s.period, sv.indicator, sum(sv.value) AS value
			    FROM ops.submission s JOIN ops.submission_value sv USING (submission_id)
			    WHERE s.status = 'LOADED'
			    GROUP BY 1, 2, 3, 4
			), commune_year AS (
			    SELECT v.unit_code, v.year, v.indicator, min(v.period) AS period,
			           CASE WHEN min(i.aggregation) = 'sum' THEN sum(v.value)
			                ELSE (array_agg(v.value ORDER BY v.period DESC))[1] END AS value
			    FROM v JOIN ref.indicator i ON i.code = v.indicator
			    GROUP BY 1, 2, 3
			)
			SELECT cy.year, cy.indicator, p.code AS commune, p.district, p.province, sum(cy.value) AS value,
			       CASE WHEN grouping(p.code) = 0 THEN 'commune' WHEN grouping(p.district) = 0 THEN 'district'
			            ELSE 'province' END AS level
			FROM commune_year cy
			JOIN bench_hand_path p ON p.code = cy.unit_code AND p.valid_from <= to_date(cy.period, 'YYYY-MM')
			 AND p.valid_to > to_date(cy.period, 'YYYY-MM')
			GROUP BY GROUPING SETS ((cy.year, cy.indicator, p.province, p.district, p.code),
			                        (cy.year, cy.indicator, p.province, p.district),
			                        (cy.year, cy.indicator, p.province))
			""";

	private static final String VILLAGES = """
			CREATE UNLOGGED TABLE bench_hand_village AS
			WITH village_year AS (
			    SELECT sv.village_code, s.unit_code, CAST(left(s.period, 4) AS int) AS year, min(s.period) AS period,
			           count(DISTINCT s.period) AS months,
			           sum(sv.value) FILTER (WHERE sv.indicator = 'crime_cases') AS crimes,
			           sum(sv.value) FILTER (WHERE sv.indicator = 'new_drug_addicts') AS addicts,
			           (array_agg(sv.value ORDER BY s.period DESC) FILTER (WHERE sv.indicator = 'camera_model'))[1] AS camera
			    FROM ops.submission s JOIN ops.submission_value sv USING (submission_id)
			    WHERE s.status = 'LOADED' AND sv.village_code IS NOT NULL
			    GROUP BY 1, 2, 3
			)
			SELECT vy.year, p.code AS commune, p.district, p.province, count(*) AS villages,
			       count(*) FILTER (WHERE months = 12) AS reported,
			       count(*) FILTER (WHERE months = 12 AND crimes = 0) AS crime_free,
			       count(*) FILTER (WHERE months = 12 AND addicts = 0) AS drug_free, sum(camera) AS cameras
			FROM village_year vy
			JOIN bench_hand_path p ON p.code = vy.unit_code AND p.valid_from <= to_date(vy.period, 'YYYY-MM')
			 AND p.valid_to > to_date(vy.period, 'YYYY-MM')
			GROUP BY GROUPING SETS ((vy.year, p.province, p.district, p.code), (vy.year, p.province, p.district),
			                        (vy.year, p.province))
			""";

	private HandWrittenAggregates() {
	}

	static void run(JdbcClient jdbc) {
		drop(jdbc);
		jdbc.sql(PATHS).update();
		jdbc.sql(INDICATORS).update();
		jdbc.sql(VILLAGES).update();
	}

	/**
	 * Rows where the warehouse's yearly value differs from the hand-written one (0 when
	 * they agree). The warehouse keeps a row per unit version; the hand-written SQL one
	 * per code: a sum is compared with the sum over the versions that hold submitted
	 * months, an end-of-period value with the latest such version. District and province
	 * rows of a year in which communes changed (the 2025 reform) are left out: the
	 * hand-written SQL puts a commune's whole year under the parent of its first month,
	 * where the warehouse counts each month under the parent of that month.
	 */
	static long disagreements(JdbcClient jdbc) {
		return jdbc.sql("""
				WITH w AS (
				    SELECT a.year, a.unit_code, a.level, a.indicator, min(i.aggregation) AS aggregation,
				           sum(a.value) AS total, (array_agg(a.value ORDER BY a.unit_valid_from DESC))[1] AS latest
				    FROM warehouse.agg_indicator_year a JOIN ref.indicator i ON i.code = a.indicator
				    WHERE a.months_submitted > 0
				    GROUP BY a.year, a.unit_code, a.level, a.indicator
				)
				SELECT count(*) FROM bench_hand_indicator h
				LEFT JOIN w ON w.year = h.year AND w.indicator = h.indicator AND w.level = h.level
				 AND w.unit_code = coalesce(h.commune, h.district, h.province)
				WHERE (h.level <> 'district' OR h.district IS NOT NULL)
				  AND (h.level = 'commune' OR NOT EXISTS (
				      SELECT 1 FROM ref.unit c WHERE c.level = 'commune' AND c.valid_from > make_date(h.year, 1, 1)
				         AND c.valid_from < make_date(h.year + 1, 1, 1)))
				  AND h.value IS DISTINCT FROM CASE WHEN w.aggregation = 'sum' THEN w.total ELSE w.latest END
				""").query(Long.class).single();
	}

	static void drop(JdbcClient jdbc) {
		jdbc.sql("DROP TABLE IF EXISTS bench_hand_path, bench_hand_indicator, bench_hand_village").update();
	}

}
