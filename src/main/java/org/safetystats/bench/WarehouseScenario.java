package org.safetystats.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.safetystats.warehouse.WarehouseJob;

/**
 * A full warehouse build over the history against the minimal hand-written SQL computing
 * the same yearly aggregates ({@link HandWrittenAggregates}), and the values on which
 * they disagree.
 */
final class WarehouseScenario {

	private WarehouseScenario() {
	}

	static void run(BenchContext bench) throws Exception {
		List<Double> build = new ArrayList<>();
		List<Double> hand = new ArrayList<>();
		for (int run = 0; run < bench.options().runs(); run++) {
			bench.checkpoint();
			long started = System.nanoTime();
			bench.completed(WarehouseJob.NAME, Map.of(WarehouseJob.FULL, "true"));
			build.add(BenchResults.seconds(started));
			// the build's writes made a checkpoint due: not to run under the yardstick
			bench.checkpoint();
			started = System.nanoTime();
			HandWrittenAggregates.run(bench.jdbc());
			hand.add(BenchResults.seconds(started));
		}
		long disagreements = HandWrittenAggregates.disagreements(bench.jdbc());
		HandWrittenAggregates.drop(bench.jdbc());
		double ratio = BenchResults.median(build) / BenchResults.median(hand);
		bench.results()
			.record("warehouse full build (" + bench.options().historyMonths() + " months)", BenchResults.median(build),
					"s", "hand-written SQL " + BenchResults.format(BenchResults.median(hand)) + " s",
					BenchResults.format(ratio) + "x", (ratio <= 1.3) ? "met" : "missed");
		bench.results()
			.record("warehouse values differing from hand-written SQL", disagreements, "rows", "", "",
					(disagreements == 0) ? "met" : "missed");
	}

}
