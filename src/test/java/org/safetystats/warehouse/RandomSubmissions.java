package org.safetystats.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.safetystats.SubmissionFiles;
import org.safetystats.warehouse.WarehouseModel.UnitMonth;
import org.safetystats.warehouse.WarehousePropertyIntegrationTests.Pending;
import org.safetystats.warehouse.WarehouseModel.Values;

/**
 * Random submission files: small counts with now and then a value at the indicator's
 * bound; a bad file breaks one rule (a value above its bound, casualties without an
 * accident).
 */
final class RandomSubmissions {

	private RandomSubmissions() {
	}

	static Pending valid(Random random, UnitMonth month) {
		Map<String, Long> unit = new LinkedHashMap<>();
		unit.put("traffic_injuries", (long) random.nextInt(4));
		unit.put("traffic_deaths", (long) random.nextInt(2));
		long casualties = unit.get("traffic_injuries") + unit.get("traffic_deaths");
		unit.put("traffic_accidents", (casualties > 0 ? 1L : 0L) + random.nextInt(3));
		unit.put("traffic_black_spots", (random.nextInt(30) == 0) ? 100L : random.nextInt(3));
		unit.put("active_security_models", (random.nextInt(30) == 0) ? 1000L : random.nextInt(6));
		long[][] villages = new long[SubmissionFiles.VILLAGES.get(month.unit())][3];
		for (long[] village : villages) {
			village[0] = (random.nextInt(8) == 0) ? 1 + random.nextInt(2) : 0;
			village[1] = (random.nextInt(12) == 0) ? 1 : 0;
			village[2] = (random.nextInt(3) == 0) ? 1 : 0;
		}
		if (random.nextInt(30) == 0) {
			villages[0][0] = 1000;
		}
		return file(month, new Values(unit, villages), true);
	}

	static Pending invalid(Random random, UnitMonth month) {
		Pending good = valid(random, month);
		if (random.nextBoolean()) {
			good.values().villages()[0][0] = 1001;
		}
		else {
			good.values().unit().put("traffic_accidents", 0L);
			good.values().unit().put("traffic_deaths", 1L);
		}
		return file(month, good.values(), false);
	}

	private static Pending file(UnitMonth month, Values values, boolean valid) {
		try {
			Path folder = Files.createTempDirectory("safetystats-random");
			Path file = SubmissionFiles.write(folder, month.unit(), month.period(), values.unit(),
					(village, indicator) -> values.villages()[village - 1][SubmissionFiles.VILLAGE_INDICATORS
						.indexOf(indicator)]);
			String text = Files.readString(file);
			Files.delete(file);
			Files.delete(folder);
			return new Pending(month, text, values, valid);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
