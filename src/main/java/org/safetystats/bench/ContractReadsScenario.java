package org.safetystats.bench;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The warehouse contract read as analysts and the console read it, once built: each
 * year-over-year view and same-period function, as then and as now, for one ward and for
 * the whole country (targets: under 50 ms for a unit, under 2 s for the country); the
 * same-period functions for one ward both filtered and asked for alone (their third
 * argument), over a window across the 2025 reform (2025-04 to 2025-09, when the history
 * reaches it), and over the twelve months to the history's last month, across a year's
 * end (as now, its end-of-period values are computed from the facts: the longest window
 * there is).
 */
final class ContractReadsScenario {

	private static final double UNIT_TARGET = 0.05;

	private static final double COUNTRY_TARGET = 2;

	private static final YearMonth ACROSS_THE_REFORM_FROM = YearMonth.of(2025, 4);

	private static final YearMonth ACROSS_THE_REFORM_TO = YearMonth.of(2025, 9);

	private ContractReadsScenario() {
	}

	/**
	 * @param year a year of the history, compared with the year before
	 * @param last the last month of the history (the same-period window is its year's
	 * January to it)
	 */
	static void run(BenchContext bench, int year, YearMonth last) {
		String unit = bench.catalogue().communes().get(0);
		String from = "'" + YearMonth.of(last.getYear(), 1) + "'";
		String to = "'" + last + "'";
		for (String basis : new String[] { "", "_as_now" }) {
			for (String view : new String[] { "indicator_yoy", "traffic_yoy", "village_safety_yoy" }) {
				String relation = "warehouse." + view + basis;
				measure(bench, relation + ", one ward",
						"SELECT count(*) FROM " + relation + " WHERE unit_code = '" + unit + "' AND year = " + year,
						UNIT_TARGET);
				measure(bench, relation + ", the country", "SELECT count(*) FROM " + relation + " WHERE year = " + year,
						COUNTRY_TARGET);
			}
			String function = "warehouse.same_period" + basis + "(" + from + ", " + to + ")";
			measure(bench, function + ", one ward",
					"SELECT count(*) FROM " + function + " WHERE unit_code = '" + unit + "'", UNIT_TARGET);
			// the same ward asked for alone (the third argument): computed for it only
			String alone = "warehouse.same_period" + basis + "(" + from + ", " + to + ", '" + unit + "')";
			measure(bench, alone + ", one ward asked for alone", "SELECT count(*) FROM " + alone, UNIT_TARGET);
			measure(bench, function + ", the country", "SELECT count(*) FROM " + function, COUNTRY_TARGET);
			// a window across the 2025 reform: the year before's communes are the ones
			// before it, about three times as many
			if (!last.isBefore(ACROSS_THE_REFORM_TO)) {
				String across = "warehouse.same_period" + basis + "('" + ACROSS_THE_REFORM_FROM + "', '"
						+ ACROSS_THE_REFORM_TO + "'";
				measure(bench, across + ", '" + unit + "'), one ward asked for alone",
						"SELECT count(*) FROM " + across + ", '" + unit + "')", UNIT_TARGET);
				measure(bench, across + "), the country", "SELECT count(*) FROM " + across + ")", COUNTRY_TARGET);
			}
			// the twelve months to the last, across a year's end (in a history of a year
			// or more that does not end in December)
			if (last.getMonthValue() < 12 && bench.options().historyMonths() >= 12) {
				String year12 = "warehouse.same_period" + basis + "('" + last.minusMonths(11) + "', '" + last + "'";
				measure(bench, year12 + ", '" + unit + "'), one ward asked for alone",
						"SELECT count(*) FROM " + year12 + ", '" + unit + "')", UNIT_TARGET);
				measure(bench, year12 + "), the country", "SELECT count(*) FROM " + year12 + ")", COUNTRY_TARGET);
			}
		}
	}

	private static void measure(BenchContext bench, String name, String sql, double target) {
		List<Double> times = new ArrayList<>();
		long rows = 0;
		for (int run = 0; run < Math.max(3, bench.options().runs()); run++) {
			long started = System.nanoTime();
			rows = bench.jdbc().sql(sql).query(Long.class).single();
			times.add(BenchResults.seconds(started));
		}
		double median = BenchResults.median(times);
		bench.results().record("read " + name, median, "s", rows + " rows", "", (median < target) ? "met" : "missed");
	}

}
