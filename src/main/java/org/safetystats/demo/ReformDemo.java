package org.safetystats.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.UnitVersion;

/**
 * The submissions of {@code demo --reform}: every month from 2024-01 to 2026-10, a report
 * from each unit valid that month among the three wards that replaced Ninh Bình city on
 * 2025-07-01 (14329 Phường Hoa Lư, 14359 Phường Nam Hoa Lư, 14566 Phường Đông Hoa Lư) and
 * their predecessors (through the 2025-01-01 step), and from Phường Hòa Mạc of old Hà Nam
 * (13324), split between 13324 Phường Duy Tiên and 13330 Phường Duy Tân, the other units
 * that went to these two (13327, 13330, 13345, 13351, 13360), and those two. Each file
 * lists the villages the catalogue gives its unit in its month; the figures are seeded,
 * so a run reproduces them.
 */
final class ReformDemo {

	static final YearMonth FIRST = YearMonth.of(2024, 1);

	static final YearMonth LAST = YearMonth.of(2026, 10);

	/**
	 * Codes whose versions reported at some time (a code is written for each month it is
	 * valid).
	 */
	static final List<String> UNITS = List.of("14320", "14323", "14326", "14329", "14332", "14335", "14338", "14341",
			"14344", "14347", "14350", "14353", "14356", "14359", "14527", "14536", "14551", "14554", "14557", "14566",
			"14569", "14575", "13324", "13327", "13330", "13345", "13351", "13360");

	/** The wards of 2025-07-01 the demo prints, then the successors of the split. */
	static final List<String> NEW_UNITS = List.of("14329", "14359", "14566", "13324", "13330");

	private final ReferenceCatalog catalog;

	private final ZoneId zone;

	ReformDemo(ReferenceCatalog catalog, ZoneId zone) {
		this.catalog = catalog;
		this.zone = zone;
	}

	/** Writes the files into the inbox; returns how many. */
	int write(Path inbox) throws IOException {
		int files = 0;
		for (YearMonth month = FIRST; !month.isAfter(LAST); month = month.plusMonths(1)) {
			for (String code : UNITS) {
				UnitVersion unit = this.catalog.commune(code, month);
				if (unit != null) {
					Path file = inbox.resolve(code + "_" + month + ".csv");
					Files.writeString(file, csv(unit, month), StandardCharsets.UTF_8);
					Files.setLastModifiedTime(file,
							FileTime.from(month.plusMonths(1).atDay(3).atTime(9, 0).atZone(this.zone).toInstant()));
					files++;
				}
			}
		}
		return files;
	}

	private String csv(UnitVersion unit, YearMonth month) {
		Random random = new Random((unit.code() + month).hashCode());
		String period = month.toString();
		StringBuilder csv = new StringBuilder("unit_code,period,village_code,indicator,value,note\n");
		int size = 1 + this.catalog.villagesOf(unit.code(), month).size() / 20;
		long accidents = random.nextInt(2 * size + 1);
		long[] values = { accidents, (accidents > 0) ? random.nextInt(2) : 0,
				(accidents > 0) ? random.nextInt((int) accidents + 2) : 0, random.nextInt(3), 2 + random.nextInt(3) };
		for (int i = 0; i < DemoSubmissions.UNIT_INDICATORS.size(); i++) {
			csv.append(String.join(",", unit.code(), period, "", DemoSubmissions.UNIT_INDICATORS.get(i),
					Long.toString(values[i]), ""))
				.append('\n');
		}
		for (UnitVersion village : this.catalog.villagesOf(unit.code(), month)) {
			Random villageRandom = new Random((village.code() + month).hashCode());
			long[] villageValues = { (villageRandom.nextInt(100) < 3) ? 1 : 0, (villageRandom.nextInt(100) < 1) ? 1 : 0,
					(village.code().hashCode() % 3 == 0 || month.getYear() == 2026) ? 1 : 0 };
			for (int i = 0; i < DemoSubmissions.VILLAGE_INDICATORS.size(); i++) {
				csv.append(String.join(",", unit.code(), period, village.code(),
						DemoSubmissions.VILLAGE_INDICATORS.get(i), Long.toString(villageValues[i]), ""))
					.append('\n');
			}
		}
		return csv.toString();
	}

}
