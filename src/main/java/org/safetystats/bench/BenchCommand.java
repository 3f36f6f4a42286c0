package org.safetystats.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

import org.safetystats.admin.AdminService;
import org.safetystats.database.EmbeddedServer;
import org.safetystats.publish.PublicationAdmin;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UserFacingException;
import org.safetystats.warehouse.WarehouseJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * {@code bench}: safetystats at national scale on a throw-away database, side by side
 * with PostgreSQL's own COPY and with hand-written SQL; prints a table and writes
 * {@code results.csv} (docs/performance.md). This class holds the options and the
 * database's life; each scenario is a class of its own.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = "National-scale benchmark on a throw-away database (dropped and created again): full warehouse "
				+ "build against hand-written SQL, ingest against PostgreSQL's per-file and single-stream COPY, "
				+ "incremental update, nightly no-op, start-up of no-work commands, heap for a large file.")
public class BenchCommand implements Callable<Integer> {

	@Option(names = "--catalogue", defaultValue = "2025",
			description = "2025 (34 provinces, 3,321 communes, with lineage; default) or 2020 (10,767 communes)")
	private String edition;

	@Option(names = "--history-months", defaultValue = "12", split = ",", paramLabel = "MONTHS",
			description = "Months loaded before measuring (default 12); several (12,24,60): the warehouse, the "
					+ "resubmission and the no-op are measured at each, the history growing, and a table shows how "
					+ "each cost grows")
	private List<Integer> historyMonths = List.of(12);

	// the values of history loaded so far
	private long historyValues;

	@Option(names = "--villages", defaultValue = "10", description = "Villages per commune (default 10)")
	private int villages;

	@Option(names = "--runs", defaultValue = "1", description = "Runs per measure; the median is reported (default 1)")
	private int runs;

	@Option(names = "--files", defaultValue = "2000",
			description = "Commune files of the per-file measure, besides the national month (default 2000)")
	private int files;

	@Option(names = "--database", defaultValue = "safetystats_bench", description = "Throw-away database name")
	private String database;

	@Option(names = "--large-file-mb", defaultValue = "256",
			description = "Size of the large file (default 256; 0 skips it)")
	private int largeFileMb;

	@Option(names = "--out", defaultValue = "var/bench", description = "Work folder and results")
	private Path out;

	@Option(names = "--only", split = ",", paramLabel = "SCENARIO",
			description = "Run only these scenarios: warehouse, published, ingest, resubmission, noop, startup, large-file "
					+ "(default: all)")
	private Set<String> only = Set.of();

	@Override
	public Integer call() throws Exception {
		if (!this.database.matches("[a-z_][a-z0-9_]*")) {
			throw new UserFacingException("--database must be a plain lower-case name");
		}
		Set<String> scenarios = Set.of("warehouse", "published", "ingest", "resubmission", "noop", "startup",
				"large-file");
		if (!scenarios.containsAll(this.only)) {
			throw new UserFacingException("--only takes " + String.join(", ", new TreeSet<>(scenarios)));
		}
		NationalCatalogue catalogue;
		try {
			catalogue = new NationalCatalogue(this.edition);
		}
		catch (IllegalArgumentException ex) {
			throw new UserFacingException(ex.getMessage());
		}
		FileSystemUtils.deleteRecursively(this.out.resolve("home"));
		Path home = Files.createDirectories(this.out.resolve("home"));
		catalogue.write(home.resolve("config"), this.villages, Path.of("config", "indicators.csv"));
		// with no server named, the embedded one the README's commands use, with its
		// settings (durable), on a folder of the bench's own
		boolean started = false;
		String base = System.getenv("SAFETYSTATS_DB_URL");
		if (base == null || base.isBlank()) {
			EmbeddedServer embedded = EmbeddedServer.startOrJoin(this.out.resolve("db"), 15433, false);
			started = embedded.started();
			base = embedded.jdbcUrl("postgres");
		}
		String url = recreate(base);
		Map<String, Object> properties = new HashMap<>(catalogue.settings());
		properties.put("spring.datasource.url", url);
		properties.put("safetystats.home", home.toString());
		properties.put("safetystats.config-dir", home.resolve("config").toString());
		properties.put("logging.level.org.safetystats", "WARN");
		properties.put("safetystats.inbox-settle-seconds", "0");
		List<Integer> sizes = new TreeSet<>(this.historyMonths).stream().toList();
		if (sizes.get(0) < 1) {
			throw new UserFacingException("--history-months takes numbers of months, 1 or more");
		}
		try (ConfigurableApplicationContext context = ApplicationContexts.start(properties)) {
			BenchResults results = new BenchResults();
			BenchContext bench = null;
			for (int months : sizes) {
				bench = new BenchContext(context.getBean(AdminService.class), context.getBean(JdbcClient.class),
						context.getBean(DataSource.class), url, home, catalogue,
						new BenchOptions(months, this.villages, this.runs, this.files, this.largeFileMb), results,
						context.getBean(SafetystatsProperties.class).dueDayOfMonth());
				measureHistory(bench, context, months == sizes.get(0));
			}
			measureOnce(bench);
			results.printGrowth();
			results.write(this.out.resolve("results.csv"));
		}
		finally {
			if (started) {
				EmbeddedServer.stop(this.out.resolve("db"));
			}
		}
		return 0;
	}

	/**
	 * Loads the months of history the options name that are not loaded yet (the earlier
	 * ones: the history grows backwards from the measured months), then measures what
	 * grows with it: the full build and the contract's reads, the resubmission and the
	 * no-op.
	 */
	private void measureHistory(BenchContext bench, ConfigurableApplicationContext context, boolean firstSize)
			throws Exception {
		BenchResults results = bench.results();
		results.history(bench.options().historyMonths());
		YearMonth measured = bench.catalogue().firstMeasuredMonth();
		YearMonth first = measured.minusMonths(bench.options().historyMonths());
		YearMonth last = measured.minusMonths(1);
		if (firstSize) {
			System.out.println("PostgreSQL: " + bench.jdbc()
				.sql("""
						SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings
						WHERE name IN ('server_version', 'jit', 'synchronous_commit', 'shared_buffers', 'max_wal_size', 'work_mem')
						""")
				.query(String.class)
				.single());
			System.out.printf("Catalogue: %s, %d villages each; load average at start %s%n",
					bench.catalogue().describe(), this.villages, BenchResults.load());
			long started = System.nanoTime();
			context.getBean(ReferenceCatalogLoader.class).load();
			results.record("catalogue load, first time", BenchResults.seconds(started), "s", "", "", "");
		}
		else {
			// only the months before those loaded already
			YearMonth loaded = bench.jdbc()
				.sql("SELECT min(period) FROM ops.submission")
				.query(String.class)
				.optional()
				.map(YearMonth::parse)
				.orElse(measured);
			last = loaded.minusMonths(1);
		}
		if (!first.isAfter(last)) {
			long started = System.nanoTime();
			long history = BenchData.loadHistory(bench.jdbc(), first, last, this.villages);
			this.historyValues += history;
			bench.jdbc().sql("ANALYZE").update();
			checkpoint(bench);
			results.record("history loaded in SQL (" + first + " to " + last + ")", BenchResults.seconds(started), "s",
					history + " values", "", "");
		}
		results.historyValues(this.historyValues);
		if (runs("warehouse")) {
			WarehouseScenario.run(bench);
			ContractReadsScenario.run(bench, measured.minusMonths(1).getYear(), measured.minusMonths(1));
		}
		if (runs("published")) {
			if (!runs("warehouse")) {
				bench.completed(WarehouseJob.NAME, Map.of());
			}
			// the last whole year (a correction of a published year's month waits for
			// approval: the
			// resubmission below is of the year after)
			PublishedChangesScenario published = new PublishedChangesScenario(bench,
					context.getBean(PublicationAdmin.class), measured.minusMonths(1).getYear() - 1);
			published.publishEveryProvince();
			published.measure();
		}
		if (runs("resubmission")) {
			ResubmissionScenario.run(bench, measured.minusMonths(1));
		}
		if (runs("noop")) {
			NoOpScenario.run(bench);
		}
	}

	/** The scenarios that do not read the history: once, after the last history. */
	private void measureOnce(BenchContext bench) throws Exception {
		YearMonth measured = bench.catalogue().firstMeasuredMonth();
		if (runs("ingest")) {
			new IngestScenario(bench, "of a national month", bench.catalogue().communes()).run(measured);
			int n = Math.min(this.files, bench.catalogue().communes().size());
			new IngestScenario(bench, "of " + n + " commune files", bench.catalogue().communes().subList(0, n))
				.run(measured.plusMonths(this.runs));
		}
		if (runs("startup")) {
			StartUpScenario.run(bench, measured.getYear());
		}
		if (runs("large-file")) {
			LargeFileScenario.run(bench);
		}
	}

	/**
	 * Writes the history's pages out now, so that the checkpoint the history load makes
	 * due does not run during the first measures (it slowed the first floor by 2-4x);
	 * each scenario does the same between its measures.
	 */
	private static void checkpoint(BenchContext bench) {
		String refused = bench.checkpoint();
		if (refused != null) {
			System.out.println("CHECKPOINT refused (" + refused + "): the measures may share the machine with it");
		}
	}

	private boolean runs(String scenario) {
		return this.only.isEmpty() || this.only.contains(scenario);
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

}
