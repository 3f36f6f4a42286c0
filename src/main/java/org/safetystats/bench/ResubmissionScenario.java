package org.safetystats.bench;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.safetystats.ingest.IngestJob;
import org.safetystats.schedule.NightlyJob;
import org.safetystats.warehouse.WarehouseJob;

/**
 * One ward resubmits one month: ingest plus incremental build, the time until the
 * warehouse shows it.
 */
final class ResubmissionScenario {

	private ResubmissionScenario() {
	}

	static void run(BenchContext bench, YearMonth month) throws Exception {
		// not timed: the warehouse catches up with the months just ingested, and another
		// ward resubmits once, so that the runs timed measure the pipeline, not this JVM
		// loading and compiling its classes
		bench.completed(NightlyJob.NAME, Map.of());
		// versions of their own at each size of history: a file already loaded at a
		// smaller size would be a duplicate, rejected, and leave the build nothing to do
		int versions = bench.options().historyMonths() * 1000;
		resubmit(bench, bench.catalogue().communes().get(1), month, versions + 1);
		List<Double> times = new ArrayList<>();
		String commune = bench.catalogue().communes().get(0);
		for (int run = 0; run < bench.options().runs(); run++) {
			times.add(resubmit(bench, commune, month, versions + run + 1));
		}
		double median = BenchResults.median(times);
		bench.results()
			.record("one ward resubmits one month: ingest + incremental build", median, "s", "", "",
					(median < 0.5) ? "met" : "missed");
	}

	/**
	 * Writes a new version of the ward's month, ingests and builds; returns the seconds.
	 */
	private static double resubmit(BenchContext bench, String commune, YearMonth month, int version) throws Exception {
		Files.createDirectories(bench.inbox());
		try (Writer file = Files.newBufferedWriter(bench.inbox().resolve(commune + "_" + month + ".csv"),
				StandardCharsets.UTF_8)) {
			BenchData.writeSubmission(file, commune, month, bench.options().villages(), version);
		}
		long started = System.nanoTime();
		bench.completed(IngestJob.NAME, Map.of());
		bench.completed(WarehouseJob.NAME, Map.of());
		double seconds = BenchResults.seconds(started);
		// a measure of a resubmission only if one was loaded (not a duplicate)
		String status = bench.jdbc().sql("""
				SELECT status FROM ops.submission WHERE unit_code = :commune AND period = :period
				ORDER BY submission_id DESC LIMIT 1
				""").param("commune", commune).param("period", month.toString()).query(String.class).single();
		if (!"LOADED".equals(status)) {
			throw new IllegalStateException("the resubmission of " + commune + " " + month + " was " + status);
		}
		return seconds;
	}

}
