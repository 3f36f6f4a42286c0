package org.safetystats.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.safetystats.warehouse.WarehouseJob;

/**
 * A full warehouse build over the history against the contract's tables written by hand
 * ({@link HandWrittenWarehouse}), and the rows on which they disagree.
 */
final class WarehouseScenario {

	private WarehouseScenario() {
	}

	static void run(BenchContext bench) throws Exception {
		List<Double> build = new ArrayList<>();
		List<Double> hand = new ArrayList<>();
		LocalDate asOf = null;
		for (int run = 0; run < bench.options().runs(); run++) {
			bench.checkpoint();
			long started = System.nanoTime();
			bench.completed(WarehouseJob.NAME, Map.of(WarehouseJob.FULL, "true"));
			build.add(BenchResults.seconds(started));
			asOf = bench.jdbc().sql("SELECT warehouse.as_of()").query(LocalDate.class).single();
			// the build's writes made a checkpoint due: not to run under the yardstick
			bench.checkpoint();
			started = System.nanoTime();
			HandWrittenWarehouse.run(bench.jdbc(), asOf, bench.dueDay());
			hand.add(BenchResults.seconds(started));
			// and the yardstick's, not under the next build
			bench.checkpoint();
		}
		Map<String, Long> disagreements = HandWrittenWarehouse.disagreements(bench.jdbc());
		HandWrittenWarehouse.drop(bench.jdbc());
		double ratio = BenchResults.median(build) / BenchResults.median(hand);
		bench.results()
			.record("warehouse full build (" + bench.options().historyMonths() + " months)", BenchResults.median(build),
					"s", "by hand " + BenchResults.format(BenchResults.median(hand)) + " s",
					BenchResults.format(ratio) + "x", (ratio <= 1.3) ? "met" : "missed");
		long differing = disagreements.values().stream().mapToLong(Long::longValue).sum();
		String where = disagreements.entrySet()
			.stream()
			.filter((e) -> e.getValue() > 0)
			.map((e) -> e.getKey() + " " + e.getValue())
			.collect(Collectors.joining(", "));
		bench.results()
			.record("warehouse rows differing from the tables by hand", differing, "rows", where, "",
					(differing == 0) ? "met" : "missed");
	}

}
