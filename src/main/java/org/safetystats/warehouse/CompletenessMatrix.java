package org.safetystats.warehouse;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The units × months view of {@code warehouse.completeness} for one year: every ward or
 * commune under a unit (or the unit itself), with the status of each month.
 */
@Component
public class CompletenessMatrix {

	private static final String QUERY = """
			SELECT c.unit_code, c.unit_name, c.period, c.status
			FROM warehouse.completeness c
			JOIN warehouse.dim_period p ON p.period_text = c.period
			WHERE p.year = :year
			  AND (CAST(:unit AS text) IS NULL OR c.unit_code = :unit OR c.unit_code IN (
			        -- under the unit when it reported, or in the catalogue during the year (one that never
			        -- reported is missing there too)
			        SELECT commune_code FROM warehouse.commune_month m
			        WHERE m.year = :year AND (m.district_code = :unit OR m.province_code = :unit)
			        UNION
			        SELECT d.unit_code FROM warehouse.dim_unit d
			        WHERE d.level = 'commune' AND (d.district_code = :unit OR d.province_code = :unit)
			          AND d.valid_from < make_date(:year + 1, 1, 1) AND d.valid_to > make_date(:year, 1, 1)))
			ORDER BY c.unit_code, c.period
			""";

	/**
	 * One ward or commune's year.
	 *
	 * @param unitCode its code
	 * @param unitName its name
	 * @param statuses month number (1-12) to status
	 */
	public record Row(String unitCode, String unitName, Map<Integer, String> statuses) {

	}

	private final JdbcClient jdbc;

	public CompletenessMatrix(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * When the pipeline last refreshed completeness (readers never refresh it: the
	 * nightly job and every warehouse build do, under the pipeline lock); empty before
	 * the first refresh.
	 */
	public Optional<Instant> refreshedAt() {
		return this.jdbc.sql("SELECT max(refreshed_at) FROM warehouse.completeness_state")
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	/** The name of a unit code (its latest version's), or null when no unit has it. */
	public @Nullable String unitName(String unit) {
		return this.jdbc.sql("SELECT name FROM ref.unit WHERE code = :unit ORDER BY valid_from DESC LIMIT 1")
			.param("unit", unit)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	public List<Row> year(int year, @Nullable String unit) {
		Map<String, Row> rows = new LinkedHashMap<>();
		this.jdbc.sql(QUERY).param("year", year).param("unit", unit).query((rs) -> {
			Row row = rows.computeIfAbsent(rs.getString("unit_code"),
					(code) -> new Row(code, getName(rs), new LinkedHashMap<>()));
			row.statuses().put(Integer.parseInt(rs.getString("period").substring(5)), rs.getString("status"));
		});
		return List.copyOf(rows.values());
	}

	private static String getName(java.sql.ResultSet rs) {
		try {
			return rs.getString("unit_name");
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
