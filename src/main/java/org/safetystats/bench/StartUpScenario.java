package org.safetystats.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * The time from process start to answer of the commands that do no work ({@code status},
 * {@code ingest} of an empty inbox, {@code completeness}), each in a process of its own:
 * as the README runs them (the launcher {@code ./safetystats} at the top of the
 * repository, when the benchmark runs there) and as
 * {@code java -jar target/safetystats.jar}; first on the README's default, the embedded
 * PostgreSQL of a home of its own, already running (an earlier command started it and
 * left it running, the normal state; stopped again at the end), then on the benchmark's
 * database through {@code SAFETYSTATS_DB_URL}. The launcher is timed with its class data
 * sharing archive written, as every command after the first finds it.
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
		Path home = bench.home().resolveSibling("startup-home");
		FileSystemUtils.deleteRecursively(home);
		Files.createDirectories(home.resolve("inbox"));
		Map<String, String> embedded = new HashMap<>(Map.of("SAFETYSTATS_HOME", home.toString(),
				"SAFETYSTATS_INBOX_SETTLE_SECONDS", "0", "SAFETYSTATS_DB_URL", ""));
		List<String> java = List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar);
		try {
			// the first command starts the server and migrates, the first ingest loads
			// the
			// catalogue: what a user's first commands do once
			run(concat(java, "status"), embedded);
			run(concat(java, "ingest"), embedded);
			archiveLauncher(embedded);
			measureAll(bench, year, java, embedded, "embedded, running");
		}
		finally {
			run(concat(java, "db", "--stop"), embedded);
		}
		measureAll(bench, year, java, bench.environment(), "SAFETYSTATS_DB_URL");
	}

	private static void measureAll(BenchContext bench, int year, List<String> java, Map<String, String> environment,
			String database) throws Exception {
		List<List<String>> commands = List.of(List.of("status"), List.of("ingest"),
				List.of("completeness", "--year", Integer.toString(year)));
		Path launcher = Path.of("safetystats");
		for (List<String> command : commands) {
			String name = String.join(" ", command) + " (" + database + ")";
			if (Files.isExecutable(launcher)) {
				measure(bench, "./safetystats " + name,
						concat(List.of(launcher.toAbsolutePath().toString()), command.toArray(String[]::new)),
						environment);
			}
			measure(bench, "java -jar " + name, concat(java, command.toArray(String[]::new)), environment);
		}
	}

	private static void measure(BenchContext bench, String name, List<String> line, Map<String, String> environment)
			throws Exception {
		List<Double> times = new ArrayList<>();
		for (int run = 0; run < RUNS; run++) {
			long started = System.nanoTime();
			run(line, environment);
			times.add(BenchResults.seconds(started));
		}
		double median = BenchResults.median(times);
		bench.results()
			.record("start-up to answer: " + name, median, "s", "median of " + RUNS, "",
					(median < 1.5) ? "met" : "missed");
	}

	/**
	 * Brings the launcher to its normal state, that of every command after the first:
	 * with its class data sharing archive written. After a build the first command lists
	 * its classes and writes the archive in the background, on a core the timed commands
	 * would otherwise share.
	 */
	static void archiveLauncher(Map<String, String> environment) throws Exception {
		Path launcher = Path.of("safetystats");
		Path cds = Path.of("target", "cds");
		if (!Files.isExecutable(launcher) || Files.exists(cds.resolve("app.jsa"))) {
			return;
		}
		run(List.of(launcher.toAbsolutePath().toString(), "status"), environment);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while ((!Files.exists(cds.resolve("app.jsa")) || Files.exists(cds.resolve("dumping")))
				&& System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
	}

	/** Runs a command to its end; an empty variable is removed from the environment. */
	static void run(List<String> line, Map<String, String> environment) throws Exception {
		ProcessBuilder process = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		environment.forEach((key, value) -> {
			if (value.isEmpty()) {
				process.environment().remove(key);
			}
			else {
				process.environment().put(key, value);
			}
		});
		Process child = process.start();
		if (!child.waitFor(2, TimeUnit.MINUTES) || child.exitValue() != 0) {
			child.destroyForcibly();
			throw new IllegalStateException(String.join(" ", line) + " failed");
		}
	}

	private static List<String> concat(List<String> head, String... tail) {
		List<String> line = new ArrayList<>(head);
		line.addAll(List.of(tail));
		return line;
	}

}
