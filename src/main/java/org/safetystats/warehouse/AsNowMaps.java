package org.safetystats.warehouse;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores, when a warehouse build is planned and before any of its slices reads them,
 * where every unit version and every village counts on the build's as-of date
 * ({@code warehouse.unit_map}, {@code warehouse.village_map}), analysed, so that the
 * as-now statements join small tables with known sizes instead of walking the lineage in
 * every query. Their fingerprint, computed when they are made and kept with them
 * ({@code warehouse.as_now_maps}), tells which built years were re-aggregated with other
 * maps ({@code warehouse.as_now_built}): those are rebuilt whole.
 */
@Component
class AsNowMaps {

	private static final Logger logger = LoggerFactory.getLogger(AsNowMaps.class);

	// the maps' rows without their day: maps made as of another day that place every unit
	// and village alike have the same fingerprint
	private static final String FINGERPRINT = """
			SELECT md5(coalesce(string_agg(line, E'\\n' ORDER BY line), '')) FROM (
			    SELECT CAST(ROW(unit_code, unit_name, unit_valid_from, unit_valid_to, now_code, now_valid_from, now_name,
			                    now_province_code, now_province_name, weight, estimated) AS text) AS line
			    FROM warehouse.unit_map
			    UNION ALL
			    SELECT CAST(ROW(village_code, now_code, now_province_code, estimated) AS text) FROM warehouse.village_map
			) maps
			""";

	private final JdbcClient jdbc;

	AsNowMaps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Refreshes the maps for a build's plan, unless they were made as of the same day
	 * with the same catalogues (they move with the catalogues and the as-of date only),
	 * in the planning transaction: the build's own row, whose as-of date the views read,
	 * is not written yet, so the day is given to them for this transaction
	 * ({@code safetystats.as_of}, read by {@code warehouse.as_of()}).
	 * @param referenceHash the fingerprint of the catalogues this build uses
	 * @param asOf the build's as-of date
	 * @return the fingerprint of the maps
	 */
	String refresh(String referenceHash, LocalDate asOf) {
		boolean current = this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM warehouse.unit_map WHERE mapped_on = :asOf)
				       AND NOT EXISTS (SELECT 1 FROM warehouse.unit_map WHERE mapped_on <> :asOf)
				       AND coalesce((SELECT reference_hash FROM warehouse.build ORDER BY build_id DESC LIMIT 1) = :hash,
				                    false)
				""").param("hash", referenceHash).param("asOf", asOf).query(Boolean.class).single();
		if (current) {
			logger.debug("As-now maps up to date");
			return this.jdbc.sql("SELECT fingerprint FROM warehouse.as_now_maps WHERE mapped_on = :asOf")
				.param("asOf", asOf)
				.query(String.class)
				.optional()
				.orElseGet(() -> remember(asOf));
		}
		long started = System.nanoTime();
		this.jdbc.sql("SELECT set_config('safetystats.as_of', :asOf, true)")
			.param("asOf", asOf.toString())
			.query()
			.listOfRows();
		this.jdbc.sql("DELETE FROM warehouse.unit_map").update();
		int units = this.jdbc.sql("""
				INSERT INTO warehouse.unit_map (unit_code, unit_name, unit_valid_from, unit_valid_to, now_code,
				    now_valid_from, now_name, now_province_code, now_province_name, weight, estimated, mapped_on)
				SELECT unit_code, unit_name, unit_valid_from, unit_valid_to, now_code, now_valid_from, now_name,
				       now_province_code, now_province_name, weight, estimated, :asOf
				FROM warehouse.unit_as_now
				""").param("asOf", asOf).update();
		this.jdbc.sql("DELETE FROM warehouse.village_map").update();
		int villages = this.jdbc.sql("""
				INSERT INTO warehouse.village_map (village_code, now_code, now_province_code, estimated)
				SELECT village_code, now_code, now_province_code, estimated FROM warehouse.village_as_now
				""").update();
		this.jdbc.sql("SELECT set_config('safetystats.as_of', '', true)").query().listOfRows();
		this.jdbc.sql("ANALYZE warehouse.unit_map").update();
		this.jdbc.sql("ANALYZE warehouse.village_map").update();
		String fingerprint = remember(asOf);
		logger.info("As-now maps refreshed as of {}: {} unit versions, {} villages in {} ms", asOf, units, villages,
				(System.nanoTime() - started) / 1_000_000);
		return fingerprint;
	}

	// computed once for the maps made as of a day, and kept with them
	private String remember(LocalDate asOf) {
		String fingerprint = fingerprint();
		this.jdbc.sql("DELETE FROM warehouse.as_now_maps").update();
		this.jdbc.sql("INSERT INTO warehouse.as_now_maps (mapped_on, fingerprint) VALUES (:asOf, :fingerprint)")
			.param("asOf", asOf)
			.param("fingerprint", fingerprint)
			.update();
		return fingerprint;
	}

	/** The fingerprint of the maps as they are now. */
	String fingerprint() {
		return this.jdbc.sql(FINGERPRINT).query(String.class).single();
	}

}
