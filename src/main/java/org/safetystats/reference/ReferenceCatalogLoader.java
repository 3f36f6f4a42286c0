package org.safetystats.reference;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

import javax.sql.DataSource;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.CopyText;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UserFacingException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings the {@code ref} schema in line with the catalogues in {@code config/}
 * (units.csv, villages.csv, indicators.csv) and takes the in-memory
 * {@link ReferenceCatalog} that validation uses. Rows keep their surrogate key across
 * loads; rows no longer in the files are removed.
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

	private final Path configDir;

	private final DataSource dataSource;

	public ReferenceCatalogLoader(JdbcClient jdbc, DataSource dataSource, SafetystatsProperties properties) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.configDir = properties.configDir();
	}

	/**
	 * Loads config/ into {@code ref} in one transaction and returns the resulting
	 * catalogue; when the files are byte for byte those loaded last time, the merge is
	 * skipped.
	 */
	@Transactional
	public ReferenceCatalog load() {
		String fingerprint = fingerprint();
		if (fingerprint.equals(loadedFingerprint())) {
			logger.info("Reference catalogues in {} unchanged since the last load", this.configDir);
			return snapshot();
		}
		List<CSVRecord> units = read("units.csv");
		units.addAll(read("villages.csv"));
		List<CSVRecord> indicators = read("indicators.csv");
		this.jdbc.sql("""
				CREATE TEMP TABLE loaded_unit (code text, name text, kind text, level text, parent_code text,
				    valid_from date, valid_to date, source text) ON COMMIT DROP
				""").update();
		copyUnits(units);
		int merged = this.jdbc.sql(MERGE_UNITS).update();
		int removed = this.jdbc.sql("""
				DELETE FROM ref.unit u WHERE NOT EXISTS
				  (SELECT 1 FROM loaded_unit l WHERE l.code = u.code AND l.valid_from = u.valid_from)
				""").update();
		for (CSVRecord row : indicators) {
			upsertIndicator(row);
		}
		this.jdbc.sql("INSERT INTO ref.catalogue_load (fingerprint, unit_rows) VALUES (:f, :n)")
			.param("f", fingerprint)
			.param("n", units.size())
			.update();
		logger.info(
				"Reference catalogues loaded from {}: {} unit versions ({} added or changed, {} removed), {} indicators",
				this.configDir, units.size(), merged, removed, indicators.size());
		return snapshot();
	}

	private void copyUnits(List<CSVRecord> units) {
		StringWriter text = new StringWriter();
		try {
			for (CSVRecord row : units) {
				String[] fields = { required(row, "code"), required(row, "name"), required(row, "kind"),
						required(row, "level"), blankToNull(row.get("parent_code")),
						row.get("valid_from").isBlank() ? "-infinity" : date(row, "valid_from"),
						row.get("valid_to").isBlank() ? "infinity" : date(row, "valid_to"),
						blankToNull(row.get("source")) };
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
			copy.copyIn("COPY loaded_unit FROM STDIN", new StringReader(text.toString()));
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Cannot stage the unit catalogue: " + ex.getMessage(), ex);
		}
	}

	private String fingerprint() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String name : List.of("units.csv", "villages.csv", "indicators.csv")) {
				Path file = this.configDir.resolve(name);
				if (!Files.isRegularFile(file)) {
					read(name);
				}
				digest.update(Files.readAllBytes(file));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException | IOException ex) {
			throw new UserFacingException(
					"Cannot read the reference catalogues in " + this.configDir + ": " + ex.getMessage(), ex);
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
		return new ReferenceCatalog(indicators, units);
	}

	private void upsertIndicator(CSVRecord row) {
		this.jdbc.sql(UPSERT_INDICATOR)
			.param("code", required(row, "code"))
			.param("vi", required(row, "name_vi"))
			.param("en", required(row, "name_en"))
			.param("domain", required(row, "domain"))
			.param("level", required(row, "level"))
			.param("type", required(row, "value_type"))
			.param("aggregation", required(row, "aggregation"))
			.param("sort", Integer.parseInt(required(row, "sort_order")))
			.param("max", maxValue(row))
			.update();
	}

	// optional column: a catalogue without it (or a blank cell) leaves the indicator
	// unbounded
	private @Nullable Long maxValue(CSVRecord row) {
		String text = row.isMapped("max_value") ? blankToNull(row.get("max_value")) : null;
		try {
			return (text != null) ? Long.valueOf(text) : null;
		}
		catch (NumberFormatException ex) {
			throw configError(row, "max_value", "must be a whole number, not \"" + text + "\"");
		}
	}

	private List<CSVRecord> read(String name) {
		Path file = this.configDir.resolve(name);
		if (!Files.isRegularFile(file)) {
			throw new UserFacingException("Reference catalogue " + file.toAbsolutePath()
					+ " not found: set safetystats.config-dir (SAFETYSTATS_CONFIG_DIR) to the folder holding it");
		}
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.parse(reader, format)) {
			return new ArrayList<>(parser.getRecords());
		}
		catch (IOException | RuntimeException ex) {
			throw new UserFacingException("Cannot read reference catalogue " + file + ": " + ex.getMessage(), ex);
		}
	}

	private String required(CSVRecord row, String field) {
		String value = row.isMapped(field) ? row.get(field) : "";
		if (value == null || value.isBlank()) {
			throw configError(row, field, "is required");
		}
		return value.strip();
	}

	private String date(CSVRecord row, String field) {
		try {
			return LocalDate.parse(row.get(field).strip()).toString();
		}
		catch (DateTimeParseException ex) {
			throw configError(row, field, "must be a date YYYY-MM-DD, not \"" + row.get(field) + "\"");
		}
	}

	private UserFacingException configError(CSVRecord row, String field, String reason) {
		return new UserFacingException("Reference catalogue in " + this.configDir + ", record " + row.getRecordNumber()
				+ ", field " + field + ": " + reason);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static <T> T orElse(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
