package org.safetystats.bench;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One large submission (a valid header, then millions of rows that are duplicates, so the
 * file is rejected after reading all of it), ingested by a JVM of its own with a 256 MB
 * heap, which reports its peak heap.
 */
final class LargeFileScenario {

	private LargeFileScenario() {
	}

	static void run(BenchContext bench) throws Exception {
		int megabytes = bench.options().largeFileMb();
		String jar = System.getProperty("java.class.path");
		if (megabytes <= 0 || !jar.endsWith(".jar")) {
			bench.results()
				.record("large file", 0, "", (megabytes <= 0) ? "skipped" : "skipped (run from the jar)", "", "");
			return;
		}
		Path inbox = Files.createDirectories(bench.home().resolve("large-inbox"));
		String commune = bench.catalogue().communes().get(0);
		Path file = inbox.resolve(commune + "_2020-06.csv");
		long target = megabytes * 1024L * 1024L;
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("unit_code,period,village_code,indicator,value,note\n");
			String row = commune + ",2020-06," + NationalCatalogue.village(commune, 1) + ",crime_cases,0,"
					+ "x".repeat(200) + "\n";
			for (long written = 0; written < target; written += row.length()) {
				out.write(row);
			}
		}
		ProcessBuilder process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
				"-jar", jar, "ingest", "--inbox", inbox.toString());
		process.environment().putAll(bench.environment());
		process.environment().put("SAFETYSTATS_REPORT_PEAK_HEAP", "1");
		process.redirectErrorStream(true);
		long started = System.nanoTime();
		Process child = process.start();
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = child.waitFor();
		double elapsed = BenchResults.seconds(started);
		String peak = output.lines().filter((l) -> l.startsWith("peak heap")).findFirst().orElse("peak heap unknown");
		bench.results()
			.record(String.format("%d MB file (rejected: duplicate rows), JVM -Xmx256m", megabytes), elapsed, "s",
					peak + ", exit " + exit, "", (exit == 0) ? "met" : "missed");
		Files.deleteIfExists(file);
	}

}
