package org.safetystats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongBiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes complete, valid submission files for tests: the unit-level values given (0 for
 * any not given) and, for each village {@code <unit>-01..NN}, the value a function gives
 * for each village-level indicator.
 */
public final class SubmissionFiles {

	public static final List<String> UNIT_INDICATORS = List.of("traffic_accidents", "traffic_deaths",
			"traffic_injuries", "traffic_black_spots", "active_security_models");

	public static final List<String> VILLAGE_INDICATORS = List.of("crime_cases", "new_drug_addicts", "camera_model");

	/** Villages per ward or commune, as in config/villages.csv. */
	public static final Map<String, Integer> VILLAGES = Map.ofEntries(Map.entry("14320", 18), Map.entry("14323", 16),
			Map.entry("14326", 15), Map.entry("14329", 20), Map.entry("14332", 14), Map.entry("14335", 15),
			Map.entry("14338", 17), Map.entry("14341", 16), Map.entry("14344", 15), Map.entry("14347", 12),
			Map.entry("14350", 14), Map.entry("14353", 16), Map.entry("14356", 19), Map.entry("14359", 18));

	private SubmissionFiles() {
	}

	/**
	 * Writes {@code <unit>_<month>.csv} into the folder.
	 * @param unitValues unit-level indicator to value
	 * @param villageValue (village number from 1, indicator) to value
	 */
	public static Path write(Path folder, String unit, YearMonth month, Map<String, Long> unitValues,
			ToLongBiFunction<Integer, String> villageValue) {
		return write(folder, unit, month, unitValues, VILLAGES.get(unit), villageValue);
	}

	/**
	 * Writes {@code <unit>_<month>.csv} with villages {@code 01..villages} (0: a unit
	 * without villages that month, such as a ward after the 2025 reform).
	 */
	public static Path write(Path folder, String unit, YearMonth month, Map<String, Long> unitValues, int villages,
			ToLongBiFunction<Integer, String> villageValue) {
		List<String> codes = IntStream.rangeClosed(1, villages)
			.mapToObj((village) -> String.format("%s-%02d", unit, village))
			.toList();
		return write(folder, unit, month, unitValues, codes, villageValue);
	}

	/**
	 * Writes {@code <unit>_<month>.csv} with the villages given (those the catalogue
	 * holds under the unit that month, for a unit whose villages changed).
	 */
	public static Path write(Path folder, String unit, YearMonth month, Map<String, Long> unitValues,
			List<String> villages, ToLongBiFunction<Integer, String> villageValue) {
		String period = month.toString();
		StringBuilder csv = new StringBuilder("unit_code,period,village_code,indicator,value,note\n");
		for (String indicator : UNIT_INDICATORS) {
			csv.append(row(unit, period, "", indicator, unitValues.getOrDefault(indicator, 0L)));
		}
		for (int village = 1; village <= villages.size(); village++) {
			for (String indicator : VILLAGE_INDICATORS) {
				csv.append(row(unit, period, villages.get(village - 1), indicator,
						villageValue.applyAsLong(village, indicator)));
			}
		}
		Path file = folder.resolve(unit + "_" + period + ".csv");
		try {
			Files.createDirectories(folder);
			Files.writeString(file, csv, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	/** Unit-level values as a map, from alternating indicator and value. */
	public static Map<String, Long> values(Object... pairs) {
		return IntStream.range(0, pairs.length / 2)
			.boxed()
			.collect(Collectors.toMap((i) -> (String) pairs[2 * i], (i) -> ((Number) pairs[2 * i + 1]).longValue()));
	}

	private static String row(String unit, String period, String village, String indicator, long value) {
		return String.join(",", unit, period, village, indicator, Long.toString(value), "") + "\n";
	}

}
