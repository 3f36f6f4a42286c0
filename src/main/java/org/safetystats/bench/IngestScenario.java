package org.safetystats.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.safetystats.ingest.IngestJob;

import org.springframework.util.FileSystemUtils;

/**
 * Ingest of one month's commune files, end to end through the admin service (register,
 * parse, validate, COPY, warnings, commit, move), against PostgreSQL's per-file COPY
 * floor and its single-stream COPY of the same files ({@link CopyFloor}), side by side:
 * the files are written first, the floors read them, then ingest takes them from the
 * inbox. Then as a user meets it: another month's files taken by the
 * {@code ./safetystats ingest} command (process start to exit, less the same command on
 * an empty inbox, run just before), against psql's {@code \copy} of each of those files.
 */
final class IngestScenario {

	private final BenchContext bench;

	private final String label;

	private final List<String> communes;

	IngestScenario(BenchContext bench, String label, List<String> communes) {
		this.bench = bench;
		this.label = label;
		this.communes = communes;
	}

	/** Measures the months {@code first} to {@code first + runs - 1}. */
	void run(YearMonth first) throws Exception {
		List<Double> ingest = new ArrayList<>();
		List<Double> floor = new ArrayList<>();
		List<Double> psql = new ArrayList<>();
		List<Double> stream = new ArrayList<>();
		List<Double> launcher = new ArrayList<>();
		List<Double> launcherPsql = new ArrayList<>();
		long values = 0;
		for (int run = 0; run < this.bench.options().runs(); run++) {
			Path staged = this.bench.home().resolve("staged");
			FileSystemUtils.deleteRecursively(staged);
			List<Path> files = new ArrayList<>();
			values = write(staged, first.plusMonths(run), files);
			// each measure starts with no checkpoint due (the scenario before, or the
			// measure before, wrote enough to make one)
			this.bench.checkpoint();
			floor.add(CopyFloor.perFile(this.bench.dataSource(), files));
			this.bench.checkpoint();
			Double viaPsql = CopyFloor.perFileWithPsql(this.bench.dataSource(), this.bench.url(), files,
					this.bench.home());
			if (viaPsql != null) {
				psql.add(viaPsql);
			}
			stream.add(CopyFloor.singleStream(this.bench.dataSource(), files));
			Files.createDirectories(this.bench.inbox());
			for (Path file : files) {
				Files.copy(file, this.bench.inbox().resolve(file.getFileName()));
			}
			this.bench.checkpoint();
			long started = System.nanoTime();
			this.bench.completed(IngestJob.NAME, Map.of());
			ingest.add(BenchResults.seconds(started));
			// months after those of this scenario's runs and the next scenario's
			throughLauncher(first.plusMonths(run + 2L * this.bench.options().runs()), launcher, launcherPsql);
		}
		BenchResults results = this.bench.results();
		double seconds = BenchResults.median(ingest);
		String what = String.format("ingest %s (%,d files, %,d values)", this.label, this.communes.size(), values);
		results.againstFloor(what, seconds, "per-file COPY, Java", BenchResults.median(floor), 1.0);
		if (!psql.isEmpty()) {
			results.againstFloor("  same, against psql \\copy per file", seconds, "psql \\copy per file",
					BenchResults.median(psql), 1.0);
		}
		results.againstFloor("  same, against one COPY stream", seconds, "one COPY stream", BenchResults.median(stream),
				0);
		if (!launcher.isEmpty()) {
			results.againstFloor("  through ./safetystats ingest (less an empty inbox's run)",
					BenchResults.median(launcher), "psql \\copy per file", BenchResults.median(launcherPsql), 1.0);
		}
		results.record(
				"  ingest per file", 1000 * seconds / this.communes.size(), "ms", "per-file COPY "
						+ BenchResults.format(1000 * BenchResults.median(floor) / this.communes.size()) + " ms",
				"", "");
	}

	/**
	 * The month's files ingested by the launcher in a process of its own, less the same
	 * command on an empty inbox, and psql's per-file {@code \copy} of the same files; not
	 * measured where the benchmark does not run from the jar at the top of the
	 * repository, or without psql.
	 */
	private void throughLauncher(YearMonth month, List<Double> launcher, List<Double> psql) throws Exception {
		Path command = Path.of("safetystats");
		if (!Files.isExecutable(command) || !System.getProperty("java.class.path").endsWith(".jar")) {
			return;
		}
		Path staged = this.bench.home().resolve("staged-launcher");
		FileSystemUtils.deleteRecursively(staged);
		List<Path> files = new ArrayList<>();
		write(staged, month, files);
		this.bench.checkpoint();
		Double floor = CopyFloor.perFileWithPsql(this.bench.dataSource(), this.bench.url(), files, this.bench.home());
		if (floor == null) {
			return;
		}
		List<String> ingest = List.of(command.toAbsolutePath().toString(), "ingest");
		StartUpScenario.archiveLauncher(this.bench.environment());
		long started = System.nanoTime();
		StartUpScenario.run(ingest, this.bench.environment());
		double empty = BenchResults.seconds(started);
		for (Path file : files) {
			Files.copy(file, this.bench.inbox().resolve(file.getFileName()));
		}
		this.bench.checkpoint();
		started = System.nanoTime();
		StartUpScenario.run(ingest, this.bench.environment());
		launcher.add(BenchResults.seconds(started) - empty);
		psql.add(floor);
		long left = this.bench.jdbc()
			.sql("SELECT count(*) FROM ops.submission WHERE period = :period AND status = 'LOADED'")
			.param("period", month.toString())
			.query(Long.class)
			.single();
		if (left != files.size()) {
			throw new IllegalStateException("./safetystats ingest loaded " + left + " of " + files.size() + " files");
		}
	}

	private long write(Path folder, YearMonth month, List<Path> files) throws IOException {
		Files.createDirectories(folder);
		long values = 0;
		for (String commune : this.communes) {
			Path file = folder.resolve(commune + "_" + month + ".csv");
			try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				values += BenchData.writeSubmission(out, commune, month, this.bench.options().villages(), 0);
			}
			files.add(file);
		}
		return values;
	}

}
