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
			SELECT c.unit_code, c.unit_name, c.period, c.status, d.code AS district_code, d.name AS district_name
			FROM warehouse.completeness c
			JOIN warehouse.dim_period p ON p.period_text = c.period
			-- the district (or city) the ward or commune belonged to that month; none after 2025-07-01
			LEFT JOIN ref.unit u ON u.code = c.unit_code AND u.level = 'commune'
			                    AND p.period >= u.valid_from AND p.period < u.valid_to
			LEFT JOIN ref.unit d ON d.code = u.parent_code AND d.level = 'district'
			                    AND p.period >= d.valid_from AND p.period < d.valid_to
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
	 * @param districtCode the district or city it belonged to in the last month of the
	 * year it reported under one, or null (none since the 2025 reform)
	 * @param districtName its name
	 */
	public record Row(String unitCode, String unitName, Map<Integer, String> statuses, @Nullable String districtCode,
			@Nullable String districtName) {

		/** A ward or commune whose district is not known. */
		public Row(String unitCode, String unitName, Map<Integer, String> statuses) {
			this(unitCode, unitName, statuses, null, null);
		}

		/** Months of the year whose report is missing (owed, nothing accepted). */
		public long missing() {
			return this.statuses.values().stream().filter("MISSING"::equals).count();
		}

		/** Months whose report came only as rejected files. */
		public long rejected() {
			return this.statuses.values().stream().filter("REJECTED"::equals).count();
		}

		/** Months whose report came late. */
		public long late() {
			return this.statuses.values().stream().filter("LATE"::equals).count();
		}

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
			String code = rs.getString("unit_code");
			Row row = rows.get(code);
			String district = rs.getString("district_code");
			if (row == null || (district != null && !district.equals(row.districtCode()))) {
				// the months come in order: the row keeps the last district it reported
				// under
				row = new Row(code, rs.getString("unit_name"), (row != null) ? row.statuses() : new LinkedHashMap<>(),
						(district != null) ? district : (row != null) ? row.districtCode() : null,
						(district != null) ? rs.getString("district_name") : (row != null) ? row.districtName() : null);
				rows.put(code, row);
			}
			row.statuses().put(Integer.parseInt(rs.getString("period").substring(5)), rs.getString("status"));
		});
		return List.copyOf(rows.values());
	}

}
