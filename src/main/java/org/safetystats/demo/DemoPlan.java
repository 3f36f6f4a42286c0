package org.safetystats.demo;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The monthly values of every ward and village of Ninh Bình city for 2018 and 2019, drawn
 * once from a fixed seed so that every run writes the same bytes. The totals are chosen
 * to give the city's published 2019 review: 80.4% of streets and villages crime-free
 * (75.6% in 2018), 97.3% with no new drug addict, the camera model in 5 residential
 * groups at the end of 2018 and 17 at the end of 2019, 18 movement models at the end of
 * 2019, no traffic black spot left, and traffic accidents down on cases, deaths and
 * injuries.
 */
final class DemoPlan {

	static final long SEED = 20191231L;

	/**
	 * Published figures the plan is built to give, per year: crime villages, drug
	 * villages, cameras at year end.
	 */
	static final Map<Integer, int[]> VILLAGE_TARGETS = Map.of(2018, new int[] { 55, 9, 5 }, 2019,
			new int[] { 44, 6, 17 });

	/** Traffic accidents, deaths, injuries per year. */
	static final Map<Integer, int[]> TRAFFIC = Map.of(2018, new int[] { 52, 23, 41 }, 2019, new int[] { 45, 19, 35 });

	private final List<String> wards;

	private final Map<String, List<String>> villages;

	private final Map<String, Long> cells = new HashMap<>();

	DemoPlan(Map<String, List<String>> villagesByWard) {
		this.wards = new ArrayList<>(villagesByWard.keySet());
		Collections.sort(this.wards);
		this.villages = new LinkedHashMap<>(villagesByWard);
		Random random = new Random(SEED);
		List<String> allVillages = this.wards.stream().flatMap((w) -> this.villages.get(w).stream()).toList();
		for (int year = 2018; year <= 2019; year++) {
			traffic(random, year);
			villageCounts(random, allVillages, year, "crime_cases", VILLAGE_TARGETS.get(year)[0]);
			villageCounts(random, allVillages, year, "new_drug_addicts", VILLAGE_TARGETS.get(year)[1]);
		}
		cameras(random, allVillages);
	}

	List<String> wards() {
		return this.wards;
	}

	List<String> villagesOf(String ward) {
		return this.villages.get(ward);
	}

	/** Value of a unit-level indicator of a ward in a month. */
	long unitValue(String ward, YearMonth month, String indicator) {
		return switch (indicator) {
			case "traffic_black_spots" -> blackSpots(ward, month);
			case "active_security_models" -> securityModels(ward, month);
			default -> this.cells.getOrDefault(key(ward, month, indicator), 0L);
		};
	}

	/** Value of a village-level indicator in a month. */
	long villageValue(String village, YearMonth month, String indicator) {
		if (indicator.equals("camera_model")) {
			Long since = this.cells.get("camera/" + village);
			return (since != null && month.getYear() * 12L + month.getMonthValue() >= since) ? 1 : 0;
		}
		return this.cells.getOrDefault(key(village, month, indicator), 0L);
	}

	private void traffic(Random random, int year) {
		int[] totals = TRAFFIC.get(year);
		List<String> withAccidents = new ArrayList<>();
		for (int i = 0; i < totals[0]; i++) {
			String cell = randomCell(random, year);
			add(cell + "traffic_accidents");
			withAccidents.add(cell);
		}
		for (int i = 0; i < totals[1]; i++) {
			add(withAccidents.get(random.nextInt(withAccidents.size())) + "traffic_deaths");
		}
		for (int i = 0; i < totals[2]; i++) {
			add(withAccidents.get(random.nextInt(withAccidents.size())) + "traffic_injuries");
		}
	}

	private void villageCounts(Random random, List<String> allVillages, int year, String indicator, int villageCount) {
		List<String> chosen = new ArrayList<>(allVillages);
		Collections.shuffle(chosen, random);
		for (String village : chosen.subList(0, villageCount)) {
			int cases = 1 + random.nextInt(2);
			for (int i = 0; i < cases; i++) {
				add(key(village, YearMonth.of(year, 1 + random.nextInt(12)), indicator));
			}
		}
	}

	/**
	 * 5 groups take up the camera model during 2018, 12 more during 2019; none gives it
	 * up.
	 */
	private void cameras(Random random, List<String> allVillages) {
		List<String> chosen = new ArrayList<>(allVillages);
		Collections.shuffle(chosen, random);
		int[] endOf2018 = VILLAGE_TARGETS.get(2018);
		int[] endOf2019 = VILLAGE_TARGETS.get(2019);
		for (int i = 0; i < endOf2019[2]; i++) {
			int year = (i < endOf2018[2]) ? 2018 : 2019;
			this.cells.put("camera/" + chosen.get(i), year * 12L + 2 + random.nextInt(10));
		}
	}

	/**
	 * Three wards had a black spot through 2018; the city removed them in April, July and
	 * October 2019.
	 */
	private long blackSpots(String ward, YearMonth month) {
		int index = this.wards.indexOf(ward);
		int[] removedIn2019 = { 4, 7, 10 };
		if (index >= removedIn2019.length) {
			return 0;
		}
		return (month.getYear() == 2018 || month.getMonthValue() < removedIn2019[index]) ? 1 : 0;
	}

	/**
	 * One movement model per ward (the last two start theirs in April and September 2018:
	 * 14 at the end of 2018); four wards add a second one in 2019 (18 at the end of
	 * 2019).
	 */
	private long securityModels(String ward, YearMonth month) {
		int index = this.wards.indexOf(ward);
		int n = this.wards.size();
		long models = 1;
		if (index == n - 2 && month.isBefore(YearMonth.of(2018, 4))
				|| index == n - 1 && month.isBefore(YearMonth.of(2018, 9))) {
			models = 0;
		}
		int[] secondIn2019 = { 3, 5, 8, 10 };
		if (index >= 3 && index < 3 + secondIn2019.length && month.getYear() == 2019
				&& month.getMonthValue() >= secondIn2019[index - 3]) {
			models++;
		}
		return models;
	}

	private String randomCell(Random random, int year) {
		String ward = this.wards.get(random.nextInt(this.wards.size()));
		return ward + "/" + YearMonth.of(year, 1 + random.nextInt(12)) + "/";
	}

	private void add(String key) {
		this.cells.merge(key, 1L, Long::sum);
	}

	private static String key(String unit, YearMonth month, String indicator) {
		return unit + "/" + month + "/" + indicator;
	}

}
