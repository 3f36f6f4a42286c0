package org.safetystats.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchResultsTests {

	@Test
	void theGrowthTableSetsEachMeasureAtEachSizeOfHistoryAgainstTheHistorysGrowth() {
		BenchResults results = new BenchResults();
		results.history(12);
		results.record("catalogue load, first time", 1.5, "s", "", "", "");
		results.record("history loaded in SQL (2025-07 to 2026-06)", 8, "s", "", "", "");
		results.historyValues(1_000_000);
		results.record("warehouse full build (12 months)", 10, "s", "", "", "");
		results.record("read warehouse.indicator_yoy, the country", 0.1, "s", "", "", "");
		results.record("warehouse values differing from hand-written SQL", 0, "rows", "", "", "");
		results.history(60);
		results.record("history loaded in SQL (2021-07 to 2025-06)", 70, "s", "", "", "");
		results.historyValues(5_000_000);
		results.record("warehouse full build (60 months)", 100, "s", "", "", "");
		results.record("read warehouse.indicator_yoy, the country", 0.1, "s", "", "", "");
		results.record("ingest of a national month", 2, "s", "", "", "");

		// the build grew twice as fast as the history's values (10x against 5x), the read
		// not at all; what was measured at one size only, the loads and the counts are
		// left out
		assertThat(results.growthTable()).hasSize(3)
			.first()
			.asString()
			.contains("[12, 60] months")
			.contains("grew 5.0x, in values");
		assertThat(results.growthTable().get(1)).startsWith("  warehouse full build ")
			.contains("10.000", "100", "10.00x,  2.00 of the history's");
		assertThat(results.growthTable().get(2)).startsWith("  read warehouse.indicator_yoy, the country")
			.contains("1.00x,  0.20 of the history's");
	}

	@Test
	void withoutTheValuesTheHistoryGrowsByItsMonths() {
		BenchResults results = new BenchResults();
		results.history(12);
		results.record("nightly job with nothing new", 0.1, "s", "", "", "");
		results.history(24);
		results.record("nightly job with nothing new", 0.2, "s", "", "", "");
		assertThat(results.growthTable()).containsExactly(
				"Growth with the history (seconds at [12, 24] months; from 12 to 24 months the history grew 2.0x, in months):",
				"  nightly job with nothing new" + " ".repeat(36)
						+ "      0.100      0.200     2.00x,  1.00 of the history's");
	}

	@Test
	void oneSizeOfHistoryHasNoGrowthTable() {
		BenchResults results = new BenchResults();
		results.history(24);
		results.record("warehouse full build (24 months)", 40, "s", "", "", "");
		assertThat(results.growthTable()).isEmpty();
	}

}
