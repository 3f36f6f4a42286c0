package org.safetystats.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.safetystats.admin.AdminService;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.system.ApplicationContexts;
import org.safetystats.system.EmbeddedDatabase;
import org.safetystats.system.UserFacingException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: safetystats at national scale on a throw-away database, side by side
 * with PostgreSQL's own COPY and with hand-written SQL; prints a table and writes
 * {@code results.csv} (docs/performance.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = "National-scale benchmark on a throw-away database (dropped and created again): ingest against "
				+ "raw COPY, full warehouse build against hand-written SQL, incremental update, nightly no-op, heap for "
				+ "a large file.")
public class BenchCommand implements Callable<Integer> {

	@Option(names = "--history-months", defaultValue = "36",
			description = "Months loaded before measuring (default 36)")
	private int historyMonths;

	@Option(names = "--villages", defaultValue = "10", description = "Villages per commune (default 10)")
	private int villages;

	@Option(names = "--runs", defaultValue = "3", description = "Runs per measure; the median is reported (default 3)")
	private int runs;

	@Option(names = "--database", defaultValue = "safetystats_bench", description = "Throw-away database name")
	private String database;

	@Option(names = "--large-file-mb", defaultValue = "1024", description = "Size of the large file (0 skips it)")
	private int largeFileMb;

	@Option(names = "--out", defaultValue = "var/bench", description = "Work folder and results")
	private Path out;

	private final List<String[]> results = new ArrayList<>();

	@Override
	public Integer call() throws Exception {
		if (!this.database.matches("[a-z_][a-z0-9_]*")) {
			throw new UserFacingException("--database must be a plain lower-case name");
		}
		FileSystemUtils.deleteRecursively(this.out.resolve("home"));
		Path home = Files.createDirectories(this.out.resolve("home"));
		NationalCatalogue catalogue = new NationalCatalogue();
		catalogue.write(home.resolve("config"), this.villages, Path.of("config", "indicators.csv"));
		EmbeddedDatabase embedded = null;
		String url;
		String base = System.getenv("SAFETYSTATS_DB_URL");
		if (base == null || base.isBlank()) {
			embedded = EmbeddedDatabase.startOrJoin(this.out.resolve("db"), 15433);
			base = embedded.jdbcUrl("postgres");
		}
		url = recreate(base);
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("safetystats.home", home.toString());
		properties.put("safetystats.config-dir", home.resolve("config").toString());
		properties.put("logging.level.org.safetystats", "WARN");
		properties.put("safetystats.inbox-settle-seconds", "0");
		try (ConfigurableApplicationContext context = ApplicationContexts.start(properties)) {
			measure(context, catalogue, home, url);
		}
		finally {
			if (embedded != null) {
				embedded.close();
			}
		}
		return 0;
	}

	private void measure(ConfigurableApplicationContext context, NationalCatalogue catalogue, Path home, String url)
			throws Exception {
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		AdminService admin = context.getBean(AdminService.class);
		String settings = jdbc
			.sql("""
					SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings
					WHERE name IN ('server_version', 'jit', 'synchronous_commit', 'shared_buffers', 'max_wal_size', 'work_mem')
					""")
			.query(String.class)
			.single();
		System.out.println("PostgreSQL: " + settings);
		System.out.printf("Catalogue: %,d communes, %d villages each%n", catalogue.communes().size(), this.villages);
		long started = System.nanoTime();
		context.getBean(ReferenceCatalogLoader.class).load();
		record("catalogue load, first time", seconds(started), "s", "", "", "");
		YearMonth first = YearMonth.of(2020, 1).minusMonths(this.historyMonths);
		started = System.nanoTime();
		long history = BenchData.loadHistory(jdbc, first, YearMonth.of(2019, 12), this.villages);
		jdbc.sql("ANALYZE").update();
		record("history loaded in SQL (" + first + " to 2019-12)", seconds(started), "s", history + " values", "", "");
		warehouse(jdbc, admin);
		ingest(jdbc, admin, catalogue, home, context.getBean(DataSource.class));
		incremental(jdbc, admin, catalogue, home);
		noOp(admin);
		largeFile(home, url);
		print(home);
	}

	// 2. full warehouse build against hand-written SQL
	private void warehouse(JdbcClient jdbc, AdminService admin) throws Exception {
		List<Double> build = new ArrayList<>();
		List<Double> hand = new ArrayList<>();
		for (int run = 0; run < this.runs; run++) {
			long started = System.nanoTime();
			completed(admin, "warehouseJob", Map.of("full", "true"));
			build.add(seconds(started));
			started = System.nanoTime();
			HandWrittenAggregates.run(jdbc);
			hand.add(seconds(started));
		}
		long disagreements = HandWrittenAggregates.disagreements(jdbc);
		HandWrittenAggregates.drop(jdbc);
		double ratio = median(build) / median(hand);
		record("warehouse full build (" + this.historyMonths + " months)", median(build), "s",
				"hand-written SQL " + format(median(hand)) + " s", format(ratio) + "x",
				(ratio <= 1.3) ? "met" : "missed");
		record("warehouse values differing from hand-written SQL", disagreements, "rows", "", "",
				(disagreements == 0) ? "met" : "missed");
	}

	// 1. ingest of one national month against raw COPY of the same rows into the same
	// table
	private void ingest(JdbcClient jdbc, AdminService admin, NationalCatalogue catalogue, Path home,
			DataSource dataSource) throws Exception {
		List<Double> ingestRates = new ArrayList<>();
		List<Double> copyRates = new ArrayList<>();
		for (int run = 0; run < this.runs; run++) {
			YearMonth month = YearMonth.of(2020, 1 + run);
			long values = BenchData.writeMonth(home.resolve("inbox"), catalogue.communes(), month, this.villages, 0);
			long started = System.nanoTime();
			completed(admin, "ingestJob", Map.of());
			ingestRates.add(values / seconds(started));
			copyRates.add(rawCopy(dataSource, catalogue.communes(), month, values));
			jdbc.sql("DELETE FROM ops.submission_value WHERE submission_id < 0").update();
		}
		double ratio = median(ingestRates) / median(copyRates);
		record("ingest one national month, end to end", median(ingestRates), "values/s",
				"raw COPY " + format(median(copyRates)) + " values/s", format(100 * ratio) + "%",
				(ratio >= 0.8) ? "met" : "missed");
	}

	private double rawCopy(DataSource dataSource, List<String> communes, YearMonth month, long expected)
			throws Exception {
		StringWriter text = new StringWriter();
		long id = -1;
		for (String commune : communes) {
			StringWriter file = new StringWriter();
			BenchData.writeSubmission(file, commune, month, this.villages, 0);
			long line = 1;
			for (String row : file.toString().split("\n")) {
				if (line++ == 1) {
					continue;
				}
				String[] f = row.split(",", -1);
				text.append(Long.toString(id))
					.append('\t')
					.append(Long.toString(line))
					.append('\t')
					.append(f[2].isEmpty() ? "\\N" : f[2])
					.append('\t')
					.append(f[3])
					.append('\t')
					.append(f[4])
					.append("\t\\N\n");
			}
			id--;
		}
		String rows = text.toString();
		try (Connection connection = dataSource.getConnection()) {
			long started = System.nanoTime();
			long copied = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY ops.submission_value (submission_id, line, village_code, indicator, value, note) FROM STDIN",
						new StringReader(rows));
			double rate = copied / seconds(started);
			if (copied != expected) {
				throw new IllegalStateException("raw COPY took " + copied + " rows, expected " + expected);
			}
			return rate;
		}
	}

	// 3. one ward resubmits one month: time until the warehouse shows it
	private void incremental(JdbcClient jdbc, AdminService admin, NationalCatalogue catalogue, Path home)
			throws Exception {
		// the warehouse first catches up with the national months just ingested (not
		// timed)
		completed(admin, "nightlyJob", Map.of());
		List<Double> times = new ArrayList<>();
		String commune = catalogue.communes().get(0);
		for (int run = 0; run < this.runs; run++) {
			YearMonth month = YearMonth.of(2019, 6);
			Path inbox = home.resolve("inbox");
			try (Writer file = Files.newBufferedWriter(inbox.resolve(commune + "_" + month + ".csv"),
					StandardCharsets.UTF_8)) {
				BenchData.writeSubmission(file, commune, month, this.villages, run + 1);
			}
			long started = System.nanoTime();
			completed(admin, "ingestJob", Map.of());
			completed(admin, "warehouseJob", Map.of());
			times.add(seconds(started));
		}
		record("one ward resubmits one month: ingest + incremental build", median(times), "s", "", "",
				(median(times) < 1) ? "met" : "missed");
	}

	// 4. the nightly job with nothing new
	private void noOp(AdminService admin) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int run = 0; run < this.runs; run++) {
			long started = System.nanoTime();
			completed(admin, "nightlyJob", Map.of());
			times.add(seconds(started));
		}
		record("nightly job with nothing new", median(times), "s", "", "", (median(times) < 5) ? "met" : "missed");
	}

	// 5. peak heap for one large submission file, in a JVM of its own with a 256 MB heap
	private void largeFile(Path home, String url) throws Exception {
		String jar = System.getProperty("java.class.path");
		if (this.largeFileMb <= 0 || !jar.endsWith(".jar")) {
			record("large file", 0, "", "skipped (run from the jar)", "", "");
			return;
		}
		Path inbox = Files.createDirectories(home.resolve("large-inbox"));
		Path file = inbox.resolve("00001_2020-06.csv");
		long target = this.largeFileMb * 1024L * 1024L;
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("unit_code,period,village_code,indicator,value,note\n");
			String row = "00001,2020-06,00001-01,crime_cases,0," + "x".repeat(200) + "\n";
			for (long written = 0; written < target; written += row.length()) {
				out.write(row);
			}
		}
		ProcessBuilder process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
				"-jar", jar, "ingest", "--inbox", inbox.toString());
		process.environment().put("SAFETYSTATS_DB_URL", url);
		process.environment().put("SAFETYSTATS_HOME", home.toString());
		process.environment().put("SAFETYSTATS_CONFIG_DIR", home.resolve("config").toString());
		process.environment().put("SAFETYSTATS_REPORT_PEAK_HEAP", "1");
		process.environment().put("SAFETYSTATS_INBOX_SETTLE_SECONDS", "0");
		process.redirectErrorStream(true);
		long started = System.nanoTime();
		Process child = process.start();
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = child.waitFor();
		double elapsed = seconds(started);
		String peak = output.lines().filter((l) -> l.startsWith("peak heap")).findFirst().orElse("peak heap unknown");
		record(String.format("%d MB file (rejected: duplicate rows), JVM -Xmx256m", this.largeFileMb), elapsed, "s",
				peak + ", exit " + exit, "", (exit == 0) ? "met" : "missed");
		Files.deleteIfExists(file);
	}

	private static void completed(AdminService admin, String job, Map<String, String> parameters) throws Exception {
		JobExecution ended = admin.await(admin.start(job, parameters, new AdminService.Request("bench", null)), (p) -> {
		});
		if (ended.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException(job + " ended " + ended.getStatus());
		}
	}

	private String recreate(String baseUrl) throws Exception {
		String user = System.getenv().getOrDefault("SAFETYSTATS_DB_USER", "postgres");
		String password = System.getenv().getOrDefault("SAFETYSTATS_DB_PASSWORD", "");
		try (Connection connection = DriverManager.getConnection(baseUrl, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + this.database);
		}
		return baseUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + this.database + "$1");
	}

	private void record(String measure, double value, String unit, String baseline, String ratio, String target) {
		this.results.add(new String[] { measure, format(value), unit, baseline, ratio, target });
		System.out.printf("  %-60s %14s %-9s %-34s %8s %s%n", measure, format(value), unit, baseline, ratio, target);
	}

	private void print(Path home) throws IOException {
		Path csv = this.out.resolve("results.csv");
		StringBuilder text = new StringBuilder("measure,value,unit,baseline,ratio,target\n");
		for (String[] row : this.results) {
			text.append(String.join(",",
					java.util.Arrays.stream(row).map((c) -> "\"" + c.replace("\"", "\"\"") + "\"").toList()))
				.append('\n');
		}
		Files.writeString(csv, text);
		System.out.println("Results: " + csv);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1e9;
	}

	private static String format(double value) {
		return (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.2f", value);
	}

}
