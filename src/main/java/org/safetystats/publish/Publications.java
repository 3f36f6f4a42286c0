package org.safetystats.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.safetystats.system.UserFacingException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Freezes a unit's year as a publication and answers which publication covers a unit and
 * what changed since. The caller holds the pipeline lock, so no build moves the warehouse
 * while its figures are copied.
 */
@Repository
public class Publications {

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
	 * The unit and every unit under it in the year: its communes (and their districts,
	 * for a province) from the commune-months, their villages from village_year; every
	 * version of each (in 2025 code 14329 is Vân Giang, then Hoa Lư: both are frozen).
	 */
	private static final String FREEZE = """
			WITH communes AS (
			    SELECT DISTINCT commune_code, district_code, province_code FROM warehouse.commune_month
			    WHERE year = :year AND :unit IN (commune_code, district_code, province_code)
			), units AS (
			    SELECT CAST(:unit AS text) AS unit_code
			    UNION SELECT commune_code FROM communes
			    UNION SELECT district_code FROM communes WHERE province_code = :unit AND district_code IS NOT NULL
			    UNION SELECT village_code FROM warehouse.village_year
			          WHERE year = :year AND commune_code IN (SELECT commune_code FROM communes)
			)
			INSERT INTO warehouse.published_figures
			    (publication_id, published_at, published_by, unit_code, level, year, measure, value, unit_valid_from)
			SELECT :id, :at, :by, f.unit_code, f.level, f.year, f.measure, f.value, f.unit_valid_from
			FROM warehouse.current_figures f
			WHERE f.year = :year AND f.unit_code IN (SELECT unit_code FROM units)
			""";

	private static final String SELECT = """
			SELECT publication_id, unit_code, year, published_at, published_by, reason, figures
			FROM warehouse.publication
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	public Publications(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
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
		Instant at = this.clock.instant();
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
		this.jdbc.sql("UPDATE warehouse.publication SET figures = :n WHERE publication_id = :id")
			.param("n", figures)
			.param("id", id)
			.update();
		return new Publication(id, unit, year, at, by, reason, figures);
	}

	/** Every publication, latest first. */
	public List<Publication> all() {
		return this.jdbc.sql(SELECT + " ORDER BY publication_id DESC").query(Publications::row).list();
	}

	/** The latest publication that holds figures of the unit for the year. */
	public Optional<Publication> covering(String unit, int year) {
		return this.jdbc.sql(SELECT + """
				WHERE year = :year AND publication_id IN (
				    SELECT publication_id FROM warehouse.published_figures WHERE unit_code = :unit AND year = :year)
				ORDER BY publication_id DESC LIMIT 1
				""").param("unit", unit).param("year", year).query(Publications::row).optional();
	}

	private static Publication row(ResultSet rs, int n) throws SQLException {
		return new Publication(rs.getLong("publication_id"), rs.getString("unit_code"), rs.getInt("year"),
				rs.getTimestamp("published_at").toInstant(), rs.getString("published_by"), rs.getString("reason"),
				rs.getInt("figures"));
	}

}
