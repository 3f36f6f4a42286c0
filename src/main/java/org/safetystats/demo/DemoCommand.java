package org.safetystats.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.admin.AdminService;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.reference.UnitVersion;
import org.safetystats.report.AnnualReport;
import org.safetystats.schedule.NightlyJob;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.RequesterText;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UsageException;
import org.safetystats.warehouse.WarehouseContract;
import org.safetystats.warehouse.WarehouseJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code demo}: the whole pipeline on Ninh Bình city's data. Generates two years of
 * submissions into the inbox (with the mistakes, late ward, duplicate and Excel export
 * real months bring), runs the nightly job twice through the admin service as the
 * scheduler does (before and after the corrections), prints the city's and each ward's
 * year-over-year summary, writes the 2019 annual report, and says how to query the
 * warehouse.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = "Run the whole pipeline on generated Ninh Bình city data (2018-2019) and write its 2019 annual report.")
public class DemoCommand implements Callable<Integer> {

	static final String CITY = "369";

	@Option(names = "--reform", description = "Instead: 2024-01 to 2026-10 across the 2025 reorganisation (the "
			+ "predecessors of the three wards that replaced the city, and a split commune), then each new ward's "
			+ "January-October 2026 against the same months of 2025, as now")
	private boolean reform;

	@Option(names = "--lang", defaultValue = "vi", paramLabel = "vi|en",
			description = "Language of the --reform summary: vi (default) or en")
	private String lang;

	@Override
	public Integer call() throws Exception {
		try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
			return this.reform ? runReform(context, this.lang) : run(context);
		}
	}

	/**
	 * {@code demo --reform} in a started context, its summary in Vietnamese ({@code vi})
	 * or English ({@code en}); returns the exit code.
	 */
	public static int runReform(ConfigurableApplicationContext context, String lang) throws Exception {
		if (!List.of("vi", "en").contains(lang)) {
			throw new UsageException("--lang must be vi or en, not " + RequesterText.clean(lang));
		}
		SafetystatsProperties properties = context.getBean(SafetystatsProperties.class);
		ReferenceCatalog catalog = context.getBean(ReferenceCatalogLoader.class).load();
		Files.createDirectories(properties.inbox());
		int files = new ReformDemo(catalog, properties.zone()).write(properties.inbox());
		System.out.printf(
				"vi".equals(lang)
						? "1. %d báo cáo tháng, từ %s đến %s, của các đơn vị đã hợp thành Phường Hoa Lư, Nam Hoa Lư và "
								+ "Đông Hoa Lư, và của Phường Hòa Mạc (bị chia tách làm hai), vào %s%n"
						: "1. %d monthly reports, %s to %s, of the units that became Phường Hoa Lư, Nam Hoa Lư and "
								+ "Đông Hoa Lư, and of Phường Hòa Mạc (split in two), into %s%n",
				files, ReformDemo.FIRST, ReformDemo.LAST, properties.inbox());
		// the review is written as of the middle of the month after the last one
		// reported, whatever the day the demo
		// runs: October is owed then, November not yet
		Map<String, String> asOf = Map.of(WarehouseJob.AS_OF, ReformDemo.LAST.plusMonths(1).atDay(15).toString());
		if (nightly(context, "reform demo", asOf) != 0) {
			return 1;
		}
		System.out.println();
		System.out.print(ReformSummary.render(context.getBean(WarehouseContract.class), ReformDemo.NEW_UNITS, lang));
		return 0;
	}

	/** Runs the demo in a started context; returns the exit code. */
	public static int run(ConfigurableApplicationContext context) throws Exception {
		SafetystatsProperties properties = context.getBean(SafetystatsProperties.class);
		ReferenceCatalog catalog = context.getBean(ReferenceCatalogLoader.class).load();
		DemoSubmissions submissions = new DemoSubmissions(new DemoPlan(villagesOfCity(catalog)), properties.zone());
		Files.createDirectories(properties.inbox());
		System.out.printf("1. %d monthly reports of 14 wards and communes, 2018-2019, into %s%n",
				submissions.writeFirstRound(properties.inbox()), properties.inbox());
		if (nightly(context, "first nightly run", Map.of()) != 0) {
			return 1;
		}
		System.out.printf("2. %d more: three corrected files and a duplicate upload%n",
				submissions.writeSecondRound(properties.inbox()));
		if (nightly(context, "second nightly run, after the corrections", Map.of()) != 0) {
			return 1;
		}
		System.out.println();
		System.out.print(DemoSummary.render(context.getBean(WarehouseContract.class), CITY, 2019));
		Path reports = properties.home().resolve("reports");
		List<Path> written = context.getBean(AnnualReport.class).write(2019, CITY, "vi", reports);
		System.out.println();
		System.out.println("Annual report: " + String.join(", ", written.stream().map(Path::toString).toList()));
		System.out.println();
		System.out.print(DemoSummary.howToQuery(context.getEnvironment().getProperty("spring.datasource.url", "")));
		return 0;
	}

	/**
	 * One nightly run, showing files done out of the inbox's files every 2 seconds (the
	 * line of each file goes to the log).
	 */
	private static int nightly(ConfigurableApplicationContext context, String reason, Map<String, String> parameters)
			throws Exception {
		AdminService admin = context.getBean(AdminService.class);
		long total;
		try (var files = Files.list(context.getBean(SafetystatsProperties.class).inbox())) {
			total = files.count();
		}
		JobExecution started = admin.start(NightlyJob.NAME, parameters, new AdminService.Request("demo", reason));
		JobExecution ended = context.getBean(JobRunner.class)
			.await(started, Duration.ofSeconds(2),
					(progress) -> System.out.printf("   ... %d / %d files%n", filesDone(progress), total));
		System.out.printf("   nightlyJob execution %d: %s, %d / %d files%n", ended.getId(), ended.getStatus(),
				filesDone(ended), total);
		// the files it did not load, by name: the rejected with their error reports, the
		// duplicates
		admin.runNotes(ended.getId()).forEach((line) -> System.out.println("  " + line));
		return (ended.getStatus() == BatchStatus.COMPLETED) ? 0 : 1;
	}

	private static long filesDone(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().equals(IngestJob.INGEST_SUBMISSIONS))
			.mapToLong((step) -> step.getReadCount())
			.sum();
	}

	static Map<String, List<String>> villagesOfCity(ReferenceCatalog catalog) {
		YearMonth month = YearMonth.of(2019, 1);
		Map<String, List<String>> villages = new LinkedHashMap<>();
		for (UnitVersion ward : catalog.communesOf(CITY, month)) {
			villages.put(ward.code(), catalog.villagesOf(ward.code(), month).stream().map(UnitVersion::code).toList());
		}
		return villages;
	}

}
