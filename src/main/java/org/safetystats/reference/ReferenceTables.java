package org.safetystats.reference;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.safetystats.system.CopyText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * The {@code ref} schema: merges catalogues already read and checked into it (rows keep
 * their surrogate key across loads; rows no longer there are removed), and reads it back.
 */
@Component
class ReferenceTables {

	private static final String MERGE_UNITS = """
			INSERT INTO ref.unit (code, name, kind, level, parent_code, valid_from, valid_to, source)
			SELECT code, name, kind, level, parent_code, valid_from, valid_to, source FROM loaded_unit
			ON CONFLICT (code, valid_from) DO UPDATE
			SET name = excluded.name, kind = excluded.kind, level = excluded.level,
			    parent_code = excluded.parent_code, valid_to = excluded.valid_to, source = excluded.source
			WHERE (ref.unit.name, ref.unit.kind, ref.unit.level, ref.unit.parent_code, ref.unit.valid_to, ref.unit.source)
			      IS DISTINCT FROM (excluded.name, excluded.kind, excluded.level, excluded.parent_code, excluded.valid_to,
			                        excluded.source)
			""";

	private static final String UPSERT_INDICATOR = """
			INSERT INTO ref.indicator (code, name_vi, name_en, domain, level, value_type, aggregation, sort_order,
			    max_value, feeds)
			VALUES (:code, :vi, :en, :domain, :level, :type, :aggregation, :sort, :max, :feeds)
			ON CONFLICT (code) DO UPDATE
			SET name_vi = excluded.name_vi, name_en = excluded.name_en, domain = excluded.domain,
			    level = excluded.level, value_type = excluded.value_type, aggregation = excluded.aggregation,
			    sort_order = excluded.sort_order, max_value = excluded.max_value, feeds = excluded.feeds
			""";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	ReferenceTables(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** Counts of what a merge changed, for the log. */
	record Merged(int unitsChanged, int unitsRemoved) {

	}

	/**
	 * Merges the units, lineage, population and indicators, in the caller's transaction.
	 */
	Merged merge(CatalogueAssembly catalogue, List<IndicatorRow> indicators, String fingerprint) {
		this.jdbc.sql("""
				CREATE TEMP TABLE loaded_unit (code text, name text, kind text, level text, parent_code text,
				    valid_from date, valid_to date, source text) ON COMMIT DROP
				""").update();
		copy("loaded_unit", catalogue.units.stream().map(UnitRow::copyFields).toList());
		this.jdbc.sql("DELETE FROM ref.unit_lineage").update();
		this.jdbc.sql("DELETE FROM ref.unit_population").update();
		int merged = this.jdbc.sql(MERGE_UNITS).update();
		int removed = this.jdbc.sql("""
				DELETE FROM ref.unit u WHERE NOT EXISTS
				  (SELECT 1 FROM loaded_unit l WHERE l.code = u.code AND l.valid_from = u.valid_from)
				""").update();
		copy("ref.unit_lineage (from_code, from_valid_from, to_code, to_valid_from, changed_on, kind, weight, source)",
				catalogue.lineage.stream().map(LineageEdge::copyFields).toList());
		copy("ref.unit_population (code, valid_from, population, source)", catalogue.population);
		// a measure moving from one indicator to another: free it first (feeds is unique)
		this.jdbc.sql("UPDATE ref.indicator SET feeds = NULL WHERE feeds IS NOT NULL").update();
		indicators.forEach(this::upsert);
		this.jdbc.sql("INSERT INTO ref.catalogue_load (fingerprint, unit_rows) VALUES (:f, :n)")
			.param("f", fingerprint)
			.param("n", catalogue.units.size())
			.update();
		return new Merged(merged, removed);
	}

	/** The warehouse measures an indicator can feed, each with the level it takes. */
	Map<String, String> measures() {
		Map<String, String> measures = new TreeMap<>();
		this.jdbc.sql("SELECT code, level FROM ref.measure").query((rs) -> {
			measures.put(rs.getString(1), rs.getString(2));
		});
		return measures;
	}

	String loadedFingerprint() {
		return this.jdbc.sql("SELECT fingerprint FROM ref.catalogue_load ORDER BY loaded_at DESC LIMIT 1")
			.query(String.class)
			.optional()
			.orElse("");
	}

	ReferenceCatalog snapshot() {
		List<Indicator> indicators = this.jdbc.sql(
				"SELECT code, level, value_type, coalesce(max_value, :bound), feeds FROM ref.indicator ORDER BY sort_order, code")
			// a row loaded before the default bound, not loaded again since
			.param("bound", Indicator.DEFAULT_MAX_VALUE)
			.query((rs, n) -> new Indicator(rs.getString(1), "village".equals(rs.getString(2)),
					"flag".equals(rs.getString(3)), rs.getLong(4), rs.getString(5)))
			.list();
		List<UnitVersion> units = this.jdbc.sql("""
				SELECT code, name, level, parent_code,
				       CASE WHEN valid_from = '-infinity' THEN NULL ELSE valid_from END,
				       CASE WHEN valid_to = 'infinity' THEN NULL ELSE valid_to END
				FROM ref.unit
				""")
			.query((rs, n) -> new UnitVersion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					orElse(rs.getObject(5, LocalDate.class), LocalDate.MIN),
					orElse(rs.getObject(6, LocalDate.class), LocalDate.MAX)))
			.list();
		List<ReferenceCatalog.Succession> lineage = this.jdbc.sql("""
				SELECT from_code, to_code, changed_on FROM ref.unit_lineage
				""")
			.query((rs, n) -> new ReferenceCatalog.Succession(rs.getString(1), rs.getString(2),
					rs.getObject(3, LocalDate.class)))
			.list();
		return new ReferenceCatalog(indicators, units, lineage);
	}

	private void upsert(IndicatorRow row) {
		this.jdbc.sql(UPSERT_INDICATOR)
			.param("code", row.code())
			.param("vi", row.nameVi())
			.param("en", row.nameEn())
			.param("domain", row.domain())
			.param("level", row.level())
			.param("type", row.valueType())
			.param("aggregation", row.aggregation())
			.param("sort", row.sortOrder())
			.param("max", row.maxValue())
			.param("feeds", row.feeds())
			.update();
	}

	private void copy(String table, List<String[]> rows) {
		StringWriter text = new StringWriter();
		try {
			for (String[] fields : rows) {
				for (int i = 0; i < fields.length; i++) {
					if (i > 0) {
						CopyText.separator(text);
					}
					CopyText.field(text, fields[i]);
				}
				CopyText.endRow(text);
			}
			Connection connection = DataSourceUtils.getConnection(this.dataSource);
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(text.toString()));
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Cannot stage the catalogue into " + table + ": " + ex.getMessage(), ex);
		}
	}

	private static <T> T orElse(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
