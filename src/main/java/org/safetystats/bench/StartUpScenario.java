package org.safetystats.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The time from process start to answer of the commands that do no work ({@code status},
 * {@code ingest} of an empty inbox, {@code completeness}), each in a process of its own
 * on the benchmark's database: as the README runs them (the launcher
 * {@code ./safetystats} at the top of the repository, when the benchmark runs there) and
 * as {@code java -jar target/safetystats.jar}.
 */
final class StartUpScenario {

	static final int RUNS = 3;

	private StartUpScenario() {
	}

	static void run(BenchContext bench, int year) throws Exception {
		String jar = System.getProperty("java.class.path");
		if (!jar.endsWith(".jar")) {
			bench.results().record("start-up of a no-work command", 0, "", "skipped (run from the jar)", "", "");
			return;
		}
		Files.createDirectories(bench.inbox());
		List<List<String>> commands = List.of(List.of("status"), List.of("ingest"),
				List.of("completeness", "--year", Integer.toString(year)));
		Path launcher = Path.of("safetystats");
		for (List<String> command : commands) {
			if (Files.isExecutable(launcher)) {
				List<String> line = new ArrayList<>(List.of(launcher.toAbsolutePath().toString()));
				line.addAll(command);
				measure(bench, "./safetystats " + String.join(" ", command), line);
			}
			List<String> line = new ArrayList<>(
					List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar));
			line.addAll(command);
			measure(bench, "java -jar " + String.join(" ", command), line);
		}
	}

	private static void measure(BenchContext bench, String name, List<String> line) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int run = 0; run < RUNS; run++) {
			ProcessBuilder process = new ProcessBuilder(line).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			process.environment().putAll(bench.environment());
			long started = System.nanoTime();
			Process child = process.start();
			if (!child.waitFor(2, TimeUnit.MINUTES) || child.exitValue() != 0) {
				throw new IllegalStateException(name + " failed (exit " + child.exitValue() + ")");
			}
			times.add(BenchResults.seconds(started));
		}
		double median = BenchResults.median(times);
		bench.results()
			.record("start-up to answer: " + name, median, "s", "median of " + RUNS, "",
					(median < 1.5) ? "met" : "missed");
	}

}
