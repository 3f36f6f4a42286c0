package org.safetystats.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.safetystats.system.UserFacingException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Freezes a unit's year as a publication, unit version by unit version, and lists the
 * publications. The caller holds the pipeline lock, so no build moves the warehouse while
 * its figures are copied.
 */
@Repository
class Publications {

	private static final String UNBUILT_CHANGES = """
			SELECT count(*) FROM ops.submission
			WHERE status IN ('LOADED', 'SUPERSEDED')
			  AND change_seq > coalesce((SELECT watermark FROM warehouse.build ORDER BY build_id DESC LIMIT 1), 0)
			""";

	private static final String INSERT_PUBLICATION = """
			INSERT INTO warehouse.publication (unit_code, year, published_at, published_by, reason, figures)
			VALUES (:unit, :year, :at, :by, :reason, 0)
			RETURNING publication_id
			""";

	/**
	 * The unit (every version of it in the year) and every unit version under it: its
	 * communes in the versions whose months it held (and their districts' versions, for a
	 * province), from the commune-months, their villages from village_year. A code can
	 * name two units in a year (14329: Phường Vân Giang until 2025-07-01, in the city of
	 * Hoa Lư, then Phường Hoa Lư, under the province): the city's publication freezes Vân
	 * Giang and never Hoa Lư, whose corrections are not corrections of it; a publication
	 * of 14329 or of the province freezes both.
	 */
	private static final String FREEZE = """
			WITH months AS (
			    SELECT commune_code, district_code, province_code, period, unit_valid_from FROM warehouse.commune_month
			    WHERE year = :year AND :unit IN (commune_code, district_code, province_code)
			), versions AS (
			    SELECT DISTINCT commune_code AS unit_code, unit_valid_from FROM months
			    UNION SELECT d.code, d.valid_from FROM months m
			          JOIN ref.unit d ON d.code = m.district_code AND d.level = 'district'
			           AND m.period >= d.valid_from AND m.period < d.valid_to
			          WHERE m.province_code = :unit
			    UNION SELECT y.village_code, y.unit_valid_from FROM warehouse.village_year y
			          WHERE y.year = :year AND (y.commune_code, y.unit_valid_from) IN (
			              SELECT commune_code, unit_valid_from FROM months)
			)
			INSERT INTO warehouse.published_figures
			    (publication_id, published_at, published_by, unit_code, level, year, measure, value, unit_valid_from)
			SELECT :id, :at, :by, f.unit_code, f.level, f.year, f.measure, f.value, f.unit_valid_from
			FROM warehouse.current_figures f
			-- the codes alone first, as the views are best filtered, then the versions of each
			WHERE f.year = :year AND f.unit_code IN (SELECT unit_code FROM versions UNION SELECT CAST(:unit AS text))
			  AND (f.unit_code = :unit OR (f.unit_code, f.unit_valid_from) IN (SELECT unit_code, unit_valid_from FROM versions))
			""";

	/**
	 * How many figures, and the provinces the commune months of the frozen units name in
	 * the year and the year before: where a build since (warehouse.year_built) may have
	 * changed them.
	 */
	private static final String RECORD_FIGURES = """
			WITH units AS (
			    SELECT DISTINCT unit_code FROM warehouse.published_figures
			    WHERE publication_id = :id AND level <> 'village'
			)
			UPDATE warehouse.publication SET figures = :n, provinces = ARRAY(
			    SELECT DISTINCT cm.province_code FROM warehouse.commune_month cm
			    WHERE cm.year IN (:year, :year - 1)
			      AND (cm.commune_code IN (SELECT unit_code FROM units) OR cm.district_code IN (SELECT unit_code FROM units)
			           OR cm.province_code IN (SELECT unit_code FROM units)))
			WHERE publication_id = :id
			""";

	private static final String SELECT = """
			SELECT publication_id, unit_code, year, published_at, published_by, reason, figures
			FROM warehouse.publication
			""";

	private final JdbcClient jdbc;

	public Publications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Publishes the unit's year; refused when the warehouse has not taken in every
	 * accepted file yet.
	 */
	@Transactional
	public Publication publish(String unit, int year, String by, String reason) {
		if (reason.isBlank()) {
			throw new UserFacingException("A publication needs a reason (--reason)");
		}
		long unbuilt = this.jdbc.sql(UNBUILT_CHANGES).query(Long.class).single();
		if (unbuilt > 0) {
			throw new UserFacingException(unbuilt + " accepted submission changes are not in the warehouse yet: "
					+ "run build-warehouse (or the nightly job) first, then publish");
		}
		// the database's clock, which also stamps when each submission was registered:
		// the
		// corrections since a publication are those registered after it
		Instant at = this.jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single().toInstant();
		long id = this.jdbc.sql(INSERT_PUBLICATION)
			.param("unit", unit)
			.param("year", year)
			.param("at", Timestamp.from(at))
			.param("by", by)
			.param("reason", reason)
			.query(Long.class)
			.single();
		int figures = this.jdbc.sql(FREEZE)
			.param("id", id)
			.param("at", Timestamp.from(at))
			.param("by", by)
			.param("unit", unit)
			.param("year", year)
			.update();
		if (figures == 0) {
			throw new UserFacingException(
					"The warehouse has no figures for unit " + unit + " in " + year + ": nothing to publish");
		}
		this.jdbc.sql(RECORD_FIGURES).param("n", figures).param("id", id).param("year", year).update();
		return new Publication(id, unit, year, at, by, reason, figures);
	}

	/** Every publication, latest first. */
	public List<Publication> all() {
		return this.jdbc.sql(SELECT + " ORDER BY publication_id DESC").query(Publications::row).list();
	}

	private static Publication row(ResultSet rs, int n) throws SQLException {
		return new Publication(rs.getLong("publication_id"), rs.getString("unit_code"), rs.getInt("year"),
				rs.getTimestamp("published_at").toInstant(), rs.getString("published_by"), rs.getString("reason"),
				rs.getInt("figures"));
	}

}
