package org.safetystats.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.safetystats.schedule.NightlyJob;

/** The nightly job with nothing new. */
final class NoOpScenario {

	private NoOpScenario() {
	}

	static void run(BenchContext bench) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int run = 0; run < bench.options().runs(); run++) {
			long started = System.nanoTime();
			bench.completed(NightlyJob.NAME, Map.of());
			times.add(BenchResults.seconds(started));
		}
		double median = BenchResults.median(times);
		bench.results().record("nightly job with nothing new", median, "s", "", "", (median < 1) ? "met" : "missed");
	}

}
