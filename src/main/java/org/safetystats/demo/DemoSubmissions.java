package org.safetystats.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes the demo's submission files, as wards really send them, in two rounds. The
 * first: every ward's report for every month of 2018 and 2019, received on the 3rd of the
 * following month, except a late ward (Xã Ninh Phúc sends its 2019 reports on the 15th),
 * one ward that saves from Excel ({@code ;}, BOM, CRLF), and three files with mistakes.
 * The second: the three corrected files, and a duplicate upload of a file already loaded.
 */
final class DemoSubmissions {

	static final List<String> UNIT_INDICATORS = List.of("traffic_accidents", "traffic_deaths", "traffic_injuries",
			"traffic_black_spots", "active_security_models");

	static final List<String> VILLAGE_INDICATORS = List.of("crime_cases", "new_drug_addicts", "camera_model");

	static final String LATE_WARD = "14353";

	static final String EXCEL_FILE = "14347_2019-12.csv";

	static final String DUPLICATE_FILE = "14320_2019-12.csv";

	/** File name to the mistake its first version carries. */
	static final Map<String, UnaryOperator<String>> MISTAKES = Map.of(
			// a negative count
			"14332_2019-05.csv", (csv) -> csv.replaceFirst("(14332-03,crime_cases,)\\d+", "$1-1"),
			// a village left out
			"14341_2019-08.csv", (csv) -> csv.replaceAll("(?m)^14341,2019-08,14341-07,.*\\n", ""),
			// the previous month's period copied into some rows
			"14356_2018-11.csv", (csv) -> csv.replaceFirst("14356,2018-11,,traffic_", "14356,2018-10,,traffic_"));

	private final DemoPlan plan;

	private final ZoneId zone;

	DemoSubmissions(DemoPlan plan, ZoneId zone) {
		this.plan = plan;
		this.zone = zone;
	}

	/** The first round; returns the files written. */
	int writeFirstRound(Path inbox) throws IOException {
		int files = 0;
		for (String ward : this.plan.wards()) {
			for (int year = 2018; year <= 2019; year++) {
				for (int month = 1; month <= 12; month++) {
					YearMonth period = YearMonth.of(year, month);
					String name = ward + "_" + period + ".csv";
					String csv = csv(ward, period);
					UnaryOperator<String> mistake = MISTAKES.get(name);
					write(inbox, name, (mistake != null) ? mistake.apply(csv) : csv, received(ward, period, 0));
					files++;
				}
			}
		}
		return files;
	}

	/** The second round: corrections three days later, and a duplicate upload. */
	int writeSecondRound(Path inbox) throws IOException {
		for (String name : MISTAKES.keySet()) {
			String ward = name.substring(0, 5);
			YearMonth period = YearMonth.parse(name.substring(6, 13));
			write(inbox, name, csv(ward, period), received(ward, period, 3));
		}
		YearMonth december = YearMonth.of(2019, 12);
		write(inbox, DUPLICATE_FILE, csv("14320", december), received("14320", december, 1));
		return MISTAKES.size() + 1;
	}

	String csv(String ward, YearMonth period) {
		StringBuilder csv = new StringBuilder("unit_code,period,village_code,indicator,value,note\n");
		for (String indicator : UNIT_INDICATORS) {
			long value = this.plan.unitValue(ward, period, indicator);
			String note = (indicator.equals("traffic_accidents") && value > 0) ? "\"Quốc lộ 1A, đường Tràng An\"" : "";
			csv.append(String.join(",", ward, period.toString(), "", indicator, Long.toString(value), note))
				.append('\n');
		}
		for (String village : this.plan.villagesOf(ward)) {
			for (String indicator : VILLAGE_INDICATORS) {
				csv.append(String.join(",", ward, period.toString(), village, indicator,
						Long.toString(this.plan.villageValue(village, period, indicator)), ""))
					.append('\n');
			}
		}
		return csv.toString();
	}

	private void write(Path inbox, String name, String csv, LocalDateTime received) throws IOException {
		Path file = inbox.resolve(name);
		byte[] bytes = name.equals(EXCEL_FILE) ? excel(csv) : csv.getBytes(StandardCharsets.UTF_8);
		Files.write(file, bytes);
		Files.setLastModifiedTime(file, FileTime.from(received.atZone(this.zone).toInstant()));
	}

	/**
	 * As Excel on Vietnamese Windows saves it: {@code ;}-delimited, with a BOM and CRLF.
	 */
	private static byte[] excel(String csv) {
		String semicolons = csv.replace("\"Quốc lộ 1A, đường Tràng An\"", "Quốc lộ 1A, đường Tràng An")
			.replace(',', ';')
			.replace("Quốc lộ 1A; đường Tràng An", "Quốc lộ 1A, đường Tràng An")
			.replace("\n", "\r\n");
		byte[] text = semicolons.getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[text.length + 3];
		withBom[0] = (byte) 0xEF;
		withBom[1] = (byte) 0xBB;
		withBom[2] = (byte) 0xBF;
		System.arraycopy(text, 0, withBom, 3, text.length);
		return withBom;
	}

	private LocalDateTime received(String ward, YearMonth period, int daysLater) {
		int day = (ward.equals(LATE_WARD) && period.getYear() == 2019) ? 15 : 3;
		return period.plusMonths(1)
			.atDay(day)
			.atTime(9, 15)
			.plusMinutes(Integer.parseInt(ward) % 60)
			.plusDays(daysLater);
	}

}
