package org.safetystats.reference;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.CopyText;
import org.safetystats.system.SafetystatsProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings the {@code ref} schema in line with the bundled national lists (for the
 * provinces {@code safetystats.reference.provinces} names) and the catalogues in
 * {@code config/} (units.csv, villages.csv, indicators.csv, lineage.csv), and takes the
 * in-memory {@link ReferenceCatalog} that validation uses. Rows keep their surrogate key
 * across loads; rows no longer there are removed.
 */
@Component
public class ReferenceCatalogLoader {

	private static final Logger logger = LoggerFactory.getLogger(ReferenceCatalogLoader.class);

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
			    max_value)
			VALUES (:code, :vi, :en, :domain, :level, :type, :aggregation, :sort, :max)
			ON CONFLICT (code) DO UPDATE
			SET name_vi = excluded.name_vi, name_en = excluded.name_en, domain = excluded.domain,
			    level = excluded.level, value_type = excluded.value_type, aggregation = excluded.aggregation,
			    sort_order = excluded.sort_order, max_value = excluded.max_value
			""";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final CatalogueFiles files;

	private final List<String> provinces;

	public ReferenceCatalogLoader(JdbcClient jdbc, DataSource dataSource, SafetystatsProperties properties,
			ReferenceProperties reference) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.files = new CatalogueFiles(properties.configDir());
		this.provinces = reference.provinces();
	}

	/**
	 * Loads the bundle and config/ into {@code ref} in one transaction and returns the
	 * resulting catalogue; when the files and the provinces chosen are those loaded last
	 * time, the merge is skipped.
	 */
	@Transactional
	public ReferenceCatalog load() {
		String fingerprint = this.files.fingerprint(this.provinces);
		if (fingerprint.equals(loadedFingerprint())) {
			logger.info("Reference catalogues unchanged since the last load");
			return snapshot();
		}
		CatalogueAssembly catalogue = new CatalogueAssembly(new NationalReference(this.provinces),
				this.files.units("units.csv"), this.files.units("villages.csv"), this.files.lineage(),
				(record, reason) -> this.files.error(CatalogueFiles.LINEAGE, record, "from_code/to_code", reason));
		List<CSVRecord> indicators = this.files.records("indicators.csv");
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
		for (CSVRecord row : indicators) {
			upsertIndicator(row);
		}
		this.jdbc.sql("INSERT INTO ref.catalogue_load (fingerprint, unit_rows) VALUES (:f, :n)")
			.param("f", fingerprint)
			.param("n", catalogue.units.size())
			.update();
		logger.info(
				"Reference catalogues loaded (provinces {} and config/): {} unit versions ({} added or changed, {} "
						+ "removed), {} lineage edges, {} indicators",
				this.provinces, catalogue.units.size(), merged, removed, catalogue.lineage.size(), indicators.size());
		return snapshot();
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

	/**
	 * Fingerprint of the catalogues last loaded into {@code ref} (empty before the first
	 * load): what the warehouse build and the completeness refresh compare to know
	 * whether the catalogues changed under them.
	 */
	public String loadedFingerprint() {
		return this.jdbc.sql("SELECT fingerprint FROM ref.catalogue_load ORDER BY loaded_at DESC LIMIT 1")
			.query(String.class)
			.optional()
			.orElse("");
	}

	/** The catalogue as the database holds it now. */
	public ReferenceCatalog snapshot() {
		List<Indicator> indicators = this.jdbc.sql(
				"SELECT code, level, value_type, coalesce(max_value, :unbounded) FROM ref.indicator ORDER BY sort_order, code")
			.param("unbounded", Long.MAX_VALUE)
			.query((rs, n) -> new Indicator(rs.getString(1), "village".equals(rs.getString(2)),
					"flag".equals(rs.getString(3)), rs.getLong(4)))
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

	private void upsertIndicator(CSVRecord row) {
		String file = "indicators.csv";
		this.jdbc.sql(UPSERT_INDICATOR)
			.param("code", this.files.required(file, row, "code"))
			.param("vi", this.files.required(file, row, "name_vi"))
			.param("en", this.files.required(file, row, "name_en"))
			.param("domain", this.files.required(file, row, "domain"))
			.param("level", this.files.required(file, row, "level"))
			.param("type", this.files.required(file, row, "value_type"))
			.param("aggregation", this.files.required(file, row, "aggregation"))
			.param("sort", Integer.parseInt(this.files.required(file, row, "sort_order")))
			.param("max", this.files.maxValue(file, row))
			.update();
	}

	private static <T> T orElse(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
