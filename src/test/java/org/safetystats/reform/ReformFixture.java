package org.safetystats.reform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.safetystats.SubmissionFiles;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.UnitVersion;

/**
 * Writes submissions across the 2025 reform with the villages the catalogue gives the
 * unit in the month (so {@code 14329_2025-03} lists Vân Giang's villages and
 * {@code 14329_2025-08} Hoa Lư's): the unit-level values given (0 for the others) and 0
 * in every village except the crimes given.
 */
public final class ReformFixture {

	private final ReferenceCatalog catalog;

	private final Path inbox;

	public ReformFixture(ReferenceCatalog catalog, Path inbox) {
		this.catalog = catalog;
		this.inbox = inbox;
	}

	public void submit(String unit, YearMonth month, long accidents, Map<String, Long> villageCrimes) {
		submit(unit, month, Map.of("traffic_accidents", accidents), villageCrimes);
	}

	/** A unit's month with these unit-level values (0 for the others). */
	void submit(String unit, YearMonth month, Map<String, Long> unitValues, Map<String, Long> villageCrimes) {
		Map<String, Map<String, Long>> villageValues = new HashMap<>();
		villageCrimes.forEach((village, crimes) -> villageValues.put(village, Map.of("crime_cases", crimes)));
		submitWithVillageValues(unit, month, unitValues, villageValues);
	}

	/**
	 * A unit's month with these unit-level values and these values of its villages, by
	 * village and indicator (0 for the others).
	 */
	void submitWithVillageValues(String unit, YearMonth month, Map<String, Long> unitValues,
			Map<String, Map<String, Long>> villageValues) {
		StringBuilder csv = new StringBuilder("unit_code,period,village_code,indicator,value,note\n");
		for (String indicator : SubmissionFiles.UNIT_INDICATORS) {
			csv.append(row(unit, month, "", indicator, unitValues.getOrDefault(indicator, 0L)));
		}
		List<UnitVersion> villages = this.catalog.villagesOf(unit, month);
		for (UnitVersion village : villages) {
			for (String indicator : SubmissionFiles.VILLAGE_INDICATORS) {
				long value = villageValues.getOrDefault(village.code(), Map.of()).getOrDefault(indicator, 0L);
				csv.append(row(unit, month, village.code(), indicator, value));
			}
		}
		try {
			Files.writeString(this.inbox.resolve(unit + "_" + month + ".csv"), csv, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void submit(String unit, YearMonth from, YearMonth to, long accidents) {
		submit(unit, from, to, Map.of("traffic_accidents", accidents));
	}

	void submit(String unit, YearMonth from, YearMonth to, Map<String, Long> unitValues) {
		for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
			submit(unit, month, unitValues, Map.of());
		}
	}

	/**
	 * Code 14329 across the reform: Phường Vân Giang's months of 2025 (3 accidents each),
	 * then Phường Hoa Lư's from 2025-07 to {@code last} (30 each).
	 */
	public void submitVanGiangThenHoaLu(YearMonth last) {
		submit("14329", YearMonth.of(2025, 1), YearMonth.of(2025, 6), 3);
		submit("14329", YearMonth.of(2025, 7), last, 30);
	}

	private static String row(String unit, YearMonth month, String village, String indicator, long value) {
		return String.join(",", unit, month.toString(), village, indicator, Long.toString(value), "") + "\n";
	}

}
