package org.safetystats.warehouse;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores, at the end of each warehouse build and in its transaction, where every unit
 * version and every village counts today ({@code warehouse.unit_map},
 * {@code warehouse.village_map}), analysed, so that the as-now views join small tables
 * with known sizes instead of walking the lineage in every query.
 */
@Component
class AsNowMaps {

	private static final Logger logger = LoggerFactory.getLogger(AsNowMaps.class);

	private final JdbcClient jdbc;

	AsNowMaps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Refreshes the maps, unless they were made as of the same day with the same
	 * catalogues (they move with the catalogues and the as-of date only). Called after
	 * the build's own row is written, whose as-of date the views read.
	 * @param referenceHash the fingerprint of the catalogues this build used
	 * @param asOf the build's as-of date
	 * @return whether the maps were made anew
	 */
	boolean refresh(String referenceHash, LocalDate asOf) {
		boolean current = this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM warehouse.unit_map WHERE mapped_on = :asOf)
				       AND NOT EXISTS (SELECT 1 FROM warehouse.unit_map WHERE mapped_on <> :asOf)
				       AND coalesce((SELECT reference_hash FROM warehouse.build
				                     WHERE build_id < (SELECT max(build_id) FROM warehouse.build)
				                     ORDER BY build_id DESC LIMIT 1) = :hash, false)
				""").param("hash", referenceHash).param("asOf", asOf).query(Boolean.class).single();
		if (current) {
			logger.debug("As-now maps up to date");
			return false;
		}
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
		this.jdbc.sql("ANALYZE warehouse.unit_map").update();
		this.jdbc.sql("ANALYZE warehouse.village_map").update();
		logger.info("As-now maps refreshed: {} unit versions, {} villages", units, villages);
		return true;
	}

}
