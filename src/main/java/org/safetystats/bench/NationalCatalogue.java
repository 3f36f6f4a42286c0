package org.safetystats.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The benchmark's reference catalogue, one of two: {@code 2025} (the default) loads the
 * bundled national lists of every province through the setting
 * {@code safetystats.reference.provinces}, so the 34 provinces and 3,321 communes of
 * 2025-07-01 with every earlier unit and the lineage between them; {@code 2020} writes
 * the GSO list of 2020-02-02 (63 provinces, 711 districts, 10,767 communes) into
 * config/units.csv. Either way config/villages.csv gets a given number of villages per
 * commune that reports in the measured months.
 */
final class NationalCatalogue {

	private static final String NATIONAL = "/org/safetystats/reference/national/";

	private static final String[] HEADER = { "code", "name", "kind", "level", "parent_code", "valid_from", "valid_to",
			"source" };

	private final boolean reform;

	private final List<String[]> units = new ArrayList<>();

	private final List<String> communes = new ArrayList<>();

	private final TreeSet<String> provinces = new TreeSet<>();

	NationalCatalogue(String edition) throws IOException {
		this.reform = switch (edition) {
			case "2025" -> true;
			case "2020" -> false;
			default -> throw new IllegalArgumentException("--catalogue must be 2025 or 2020, not " + edition);
		};
		if (this.reform) {
			read("communes-2025-07-01.csv.gz", (row) -> {
				this.communes.add(row.get("code"));
				this.provinces.add(row.get("province_code"));
			});
		}
		else {
			read("gso-units-2020-02-02.csv.gz", (row) -> {
				this.units
					.add(new String[] { row.get("code"), row.get("name"), row.get("level"), row.get("parent_code") });
				if (row.get("level").equals("commune")) {
					this.communes.add(row.get("code"));
				}
			});
		}
	}

	private static void read(String resource, Consumer<CSVRecord> rows) throws IOException {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new GZIPInputStream(NationalCatalogue.class.getResourceAsStream(NATIONAL + resource)),
				StandardCharsets.UTF_8))) {
			CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).forEach(rows);
		}
	}

	/** The communes that report in the measured months. */
	List<String> communes() {
		return this.communes;
	}

	String describe() {
		return this.reform
				? String.format("2025-07-01 lists of %d provinces with lineage (%,d communes)", this.provinces.size(),
						this.communes.size())
				: String.format("GSO list of 2020-02-02 (%,d communes)", this.communes.size());
	}

	/** The first month measured; history ends the month before. */
	YearMonth firstMeasuredMonth() {
		return this.reform ? YearMonth.of(2026, 7) : YearMonth.of(2020, 1);
	}

	/** The settings that make the application load this catalogue. */
	Map<String, Object> settings() {
		return Map.of("safetystats.reference.provinces", this.reform ? String.join(",", this.provinces) : "");
	}

	/** Writes units.csv, villages.csv, indicators.csv and lineage.csv into the folder. */
	void write(Path folder, int villagesPerCommune, Path indicators) throws IOException {
		Files.createDirectories(folder);
		try (CSVPrinter csv = printer(folder.resolve("units.csv"))) {
			for (String[] unit : this.units) {
				csv.printRecord(unit[0], unit[1], unit[1].split(" ")[0], unit[2], unit[3], "", "", "GSO 2020-02-02");
			}
		}
		String from = this.reform ? "2025-07-01" : "";
		try (CSVPrinter csv = printer(folder.resolve("villages.csv"))) {
			for (String commune : this.communes) {
				for (int v = 1; v <= villagesPerCommune; v++) {
					csv.printRecord(village(commune, v), "Thôn " + v, "Thôn", "village", commune, from, "",
							"benchmark");
				}
			}
		}
		Files.writeString(folder.resolve("lineage.csv"), "from_code,to_code,changed_on,kind,weight,source\n");
		Files.copy(indicators, folder.resolve("indicators.csv"), StandardCopyOption.REPLACE_EXISTING);
	}

	private static CSVPrinter printer(Path file) throws IOException {
		Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		return new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
	}

	static String village(String commune, int number) {
		return String.format("%s-%02d", commune, number);
	}

}
