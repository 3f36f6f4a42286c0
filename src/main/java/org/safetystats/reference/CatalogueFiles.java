package org.safetystats.reference;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

import org.safetystats.system.UserFacingException;

/**
 * The editable catalogues in {@code config/}: units.csv, villages.csv, indicators.csv and
 * the optional lineage.csv, read with a one-line error naming file, record and field for
 * anything wrong.
 */
final class CatalogueFiles {

	static final String LINEAGE = "lineage.csv";

	private static final Set<String> LEVELS = Set.of("province", "district", "commune", "village");

	private final Path configDir;

	CatalogueFiles(Path configDir) {
		this.configDir = configDir;
	}

	/** SHA-256 of the files, the provinces chosen and the bundle's version. */
	String fingerprint(List<String> provinces) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String name : List.of("units.csv", "villages.csv", "indicators.csv", LINEAGE)) {
				Path file = this.configDir.resolve(name);
				if (Files.isRegularFile(file)) {
					digest.update(Files.readAllBytes(file));
				}
				else if (!name.equals(LINEAGE)) {
					records(name);
				}
				digest.update((byte) 0);
			}
			digest.update(
					(String.join(",", provinces) + "|" + NationalReference.VERSION).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException | IOException ex) {
			throw new UserFacingException(
					"Cannot read the reference catalogues in " + this.configDir + ": " + ex.getMessage(), ex);
		}
	}

	List<UnitRow> units(String name) {
		List<UnitRow> units = new ArrayList<>();
		for (CSVRecord row : records(name)) {
			String level = required(name, row, "level");
			if (!LEVELS.contains(level)) {
				throw error(name, row, "level", "must be one of " + LEVELS + ", not \"" + level + "\"");
			}
			units.add(new UnitRow(required(name, row, "code"), required(name, row, "name"), required(name, row, "kind"),
					level, blankToNull(row.get("parent_code")), date(name, row, "valid_from", LocalDate.MIN),
					date(name, row, "valid_to", LocalDate.MAX), blankToNull(row.get("source"))));
		}
		return units;
	}

	List<CatalogueAssembly.ConfigEdge> lineage() {
		if (!Files.isRegularFile(this.configDir.resolve(LINEAGE))) {
			return List.of();
		}
		List<CatalogueAssembly.ConfigEdge> edges = new ArrayList<>();
		for (CSVRecord row : records(LINEAGE)) {
			String kind = required(LINEAGE, row, "kind");
			if (!kind.equals("full") && !kind.equals("partial")) {
				throw error(LINEAGE, row, "kind", "must be full or partial, not \"" + kind + "\"");
			}
			edges.add(new CatalogueAssembly.ConfigEdge(row.getRecordNumber(), required(LINEAGE, row, "from_code"),
					required(LINEAGE, row, "to_code"), date(LINEAGE, row, "changed_on", null), kind.equals("partial"),
					weight(row, kind), blankToNull(row.get("source"))));
		}
		return edges;
	}

	private @Nullable BigDecimal weight(CSVRecord row, String kind) {
		String text = row.isMapped("weight") ? row.get("weight").strip() : "";
		if (text.isEmpty()) {
			return null;
		}
		try {
			BigDecimal weight = new BigDecimal(text);
			if (kind.equals("full") || weight.signum() <= 0 || weight.compareTo(BigDecimal.ONE) > 0) {
				throw error(LINEAGE, row, "weight", "must be empty for a full edge and between 0 and 1 (0 excluded)"
						+ " for a partial one, not " + text);
			}
			return weight;
		}
		catch (NumberFormatException ex) {
			throw error(LINEAGE, row, "weight", "must be a number between 0 and 1, not \"" + text + "\"");
		}
	}

	List<CSVRecord> records(String name) {
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

	String required(String name, CSVRecord row, String field) {
		String value = row.isMapped(field) ? row.get(field) : "";
		if (value == null || value.isBlank()) {
			throw error(name, row, field, "is required");
		}
		return value.strip();
	}

	// optional column: a catalogue without it (or a blank cell) gives the indicator the
	// default bound, so that no value a file can hold goes unbounded by mistake
	long maxValue(String name, CSVRecord row) {
		String text = row.isMapped("max_value") ? blankToNull(row.get("max_value")) : null;
		try {
			return (text != null) ? Long.parseLong(text) : Indicator.DEFAULT_MAX_VALUE;
		}
		catch (NumberFormatException ex) {
			throw error(name, row, "max_value", "must be a whole number, not \"" + text + "\"");
		}
	}

	private LocalDate date(String name, CSVRecord row, String field, @Nullable LocalDate blank) {
		String text = row.isMapped(field) ? row.get(field).strip() : "";
		if (text.isEmpty() && blank != null) {
			return blank;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw error(name, row, field, "must be a date YYYY-MM-DD, not \"" + text + "\"");
		}
	}

	/**
	 * An error in a unit's parent_code: naming the record of config/units.csv or
	 * villages.csv that gives the unit, or the bundled national lists.
	 */
	UserFacingException parentError(UnitRow unit, String reason) {
		String name = "village".equals(unit.level()) ? "villages.csv" : "units.csv";
		Path file = this.configDir.resolve(name);
		if (Files.isRegularFile(file)) {
			for (CSVRecord row : records(name)) {
				if (unit.code().equals(row.get("code")) && unit.level().equals(row.get("level"))
						&& unit.validFrom().equals(date(name, row, "valid_from", LocalDate.MIN))) {
					return error(name, row, "parent_code", reason);
				}
			}
		}
		return new UserFacingException("Reference catalogues: " + unit.level() + " " + unit.code() + " of the bundled "
				+ "national lists (valid from " + UnitRow.day(unit.validFrom()) + "), parent " + unit.parentCode()
				+ ": " + reason + " (config/units.csv overrides a unit by its code and level)");
	}

	UserFacingException error(String name, CSVRecord row, String field, String reason) {
		return error(name, row.getRecordNumber(), field, reason);
	}

	UserFacingException error(String name, long record, String field, String reason) {
		return new UserFacingException("Reference catalogue " + this.configDir.resolve(name) + ", record " + record
				+ ", field " + field + ": " + reason);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
