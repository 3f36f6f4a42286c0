package org.safetystats.warehouse;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.safetystats.SubmissionFiles;

/**
 * What the warehouse should hold, computed from the files the test sent, independently of
 * the SQL that builds it: the current values of each unit-month (the last valid file
 * whose bytes were new), then each commune's, the city's and the province's year, each
 * village's year and the completeness of each commune-month. Ninh Bình city before the
 * 2025 reform: fourteen wards and communes under district 369, province 37, every month
 * of 2015-2020 owed.
 */
final class WarehouseModel {

	static final List<String> COMMUNES = SubmissionFiles.VILLAGES.keySet().stream().sorted().toList();

	static final List<String> INDICATORS = List.of("traffic_accidents", "traffic_deaths", "traffic_injuries",
			"traffic_black_spots", "active_security_models", "crime_cases", "new_drug_addicts", "camera_model");

	static final Set<String> END_OF_PERIOD = Set.of("traffic_black_spots", "active_security_models", "camera_model");

	/**
	 * The content of one valid file: unit-level values and, per village, crime, addicts,
	 * camera.
	 */
	record Values(Map<String, Long> unit, long[][] villages) {

		long value(String indicator) {
			return switch (indicator) {
				case "crime_cases" -> sum(0);
				case "new_drug_addicts" -> sum(1);
				case "camera_model" -> sum(2);
				default -> this.unit.getOrDefault(indicator, 0L);
			};
		}

		private long sum(int column) {
			long sum = 0;
			for (long[] village : this.villages) {
				sum += village[column];
			}
			return sum;
		}

	}

	record UnitMonth(String unit, YearMonth period) {

	}

	final Map<UnitMonth, Values> current = new TreeMap<>(
			java.util.Comparator.comparing(UnitMonth::unit).thenComparing(UnitMonth::period));

	private final Set<String> acceptedBytes = new HashSet<>();

	private final Set<UnitMonth> rejected = new HashSet<>();

	private YearMonth first;

	/** One file taken by an ingest run: its outcome as the pipeline must decide it. */
	String ingest(UnitMonth month, String text, Values values, boolean valid) {
		this.first = (this.first == null || month.period().isBefore(this.first)) ? month.period() : this.first;
		if (!valid) {
			this.rejected.add(month);
			return "REJECTED";
		}
		if (!this.acceptedBytes.add(text)) {
			return "DUPLICATE";
		}
		this.current.put(month, values);
		return "LOADED";
	}

	Set<Integer> years() {
		Set<Integer> years = new TreeSet<>();
		this.current.keySet().forEach((m) -> years.add(m.period().getYear()));
		return years;
	}

	/**
	 * Rows of agg_indicator_year:
	 * year|unit|level|indicator|value|expected|submitted|complete months|complete.
	 */
	List<String> indicatorYears() {
		List<String> rows = new ArrayList<>();
		for (int year : years()) {
			for (String indicator : INDICATORS) {
				Long cityValue = null;
				int citySubmitted = 0;
				for (String commune : COMMUNES) {
					Long value = null;
					int submitted = 0;
					for (int month = 1; month <= 12; month++) {
						Values v = this.current.get(new UnitMonth(commune, YearMonth.of(year, month)));
						if (v != null) {
							submitted++;
							value = (END_OF_PERIOD.contains(indicator) || value == null) ? v.value(indicator)
									: value + v.value(indicator);
						}
					}
					rows.add(row(year, commune, "commune", indicator, value, 12, submitted, submitted));
					if (value != null) {
						cityValue = (cityValue == null) ? value : Long.valueOf(cityValue + value);
					}
					citySubmitted += submitted;
				}
				int cityComplete = 0;
				for (int month = 1; month <= 12; month++) {
					int m = month;
					if (COMMUNES.stream()
						.allMatch((c) -> this.current.containsKey(new UnitMonth(c, YearMonth.of(year, m))))) {
						cityComplete++;
					}
				}
				rows.add(row(year, "369", "district", indicator, cityValue, 12 * COMMUNES.size(), citySubmitted,
						cityComplete));
				rows.add(row(year, "37", "province", indicator, cityValue, 12 * COMMUNES.size(), citySubmitted,
						cityComplete));
			}
		}
		return rows;
	}

	private static String row(int year, String unit, String level, String indicator, Long value, int expected,
			int submitted, int completeMonths) {
		return String.join("|", Integer.toString(year), unit, level, indicator, String.valueOf(value),
				Integer.toString(expected), Integer.toString(submitted), Integer.toString(completeMonths),
				Boolean.toString(submitted == expected));
	}

	/**
	 * Rows of village_year: year|village|expected|reported|crime|addicts|camera at the
	 * end.
	 */
	List<String> villageYears() {
		List<String> rows = new ArrayList<>();
		for (int year : years()) {
			for (String commune : COMMUNES) {
				for (int village = 1; village <= SubmissionFiles.VILLAGES.get(commune); village++) {
					Long crime = null;
					Long addicts = null;
					Long camera = null;
					int reported = 0;
					for (int month = 1; month <= 12; month++) {
						Values v = this.current.get(new UnitMonth(commune, YearMonth.of(year, month)));
						if (v != null) {
							long[] values = v.villages()[village - 1];
							reported++;
							crime = (crime == null) ? values[0] : crime + values[0];
							addicts = (addicts == null) ? values[1] : addicts + values[1];
							camera = values[2];
						}
					}
					rows.add(String.join("|", Integer.toString(year), String.format("%s-%02d", commune, village), "12",
							Integer.toString(reported), String.valueOf(crime), String.valueOf(addicts),
							String.valueOf(camera)));
				}
			}
		}
		return rows;
	}

	/**
	 * Rows of agg_village_year:
	 * year|unit|level|villages|reported|crime-free|drug-free|camera groups.
	 */
	List<String> villageAggregates(List<String> villageYears) {
		Map<String, long[]> totals = new TreeMap<>();
		Map<String, Long> cameras = new TreeMap<>();
		for (String line : villageYears) {
			String[] f = line.split("\\|");
			String commune = f[1].substring(0, 5);
			boolean reported = f[3].equals("12");
			for (String unit : List.of(f[0] + "|" + commune + "|commune", f[0] + "|369|district",
					f[0] + "|37|province")) {
				long[] t = totals.computeIfAbsent(unit, (k) -> new long[4]);
				t[0]++;
				t[1] += reported ? 1 : 0;
				t[2] += (reported && f[4].equals("0")) ? 1 : 0;
				t[3] += (reported && f[5].equals("0")) ? 1 : 0;
				if (!f[6].equals("null")) {
					cameras.merge(unit, Long.valueOf(f[6]), Long::sum);
				}
			}
		}
		List<String> rows = new ArrayList<>();
		totals.forEach((unit, t) -> rows
			.add(unit + "|" + t[0] + "|" + t[1] + "|" + t[2] + "|" + t[3] + "|" + cameras.get(unit)));
		return rows;
	}

	/**
	 * Rows of completeness up to {@code last}: unit|period|status (every file here
	 * arrived after its due day).
	 */
	List<String> completeness(YearMonth last) {
		List<String> rows = new ArrayList<>();
		if (this.first == null) {
			return rows;
		}
		Set<UnitMonth> accepted = new HashSet<>(this.current.keySet());
		for (String commune : COMMUNES) {
			for (YearMonth m = this.first; !m.isAfter(last); m = m.plusMonths(1)) {
				UnitMonth month = new UnitMonth(commune, m);
				rows.add(commune + "|" + m + "|"
						+ (accepted.contains(month) ? "LATE" : this.rejected.contains(month) ? "REJECTED" : "MISSING"));
			}
		}
		return rows;
	}

}
