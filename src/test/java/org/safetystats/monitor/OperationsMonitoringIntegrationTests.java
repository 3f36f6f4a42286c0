package org.safetystats.monitor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.safetystats.ApiUsers;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.TestClock;
import org.safetystats.admin.PipelineLock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * What an IT team's monitoring sees of {@code serve}: {@code /actuator/prometheus} only
 * for an ADMIN or the scrape token, its gauges after a real nightly run (validated by
 * {@code promtool check metrics}), deploy/prometheus/alerts.yml valid for
 * {@code promtool check rules}, and {@code /actuator/health} with its folders, nightly,
 * readiness and liveness.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OperationsMonitoringIntegrationTests extends IntegrationTestSupport {

	private static final String TOKEN = "0123456789abcdef-scrape";

	private static final String ADMIN = "admin:admin-secret";

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void usersAndToken(DynamicPropertyRegistry registry) {
		ApiUsers.register(registry);
		registry.add("safetystats.metrics.scrape-token", () -> TOKEN);
	}

	@LocalServerPort
	int port;

	@Autowired
	PipelineLock lock;

	@Autowired
	Clock clock;

	@Test
	void prometheusIsNeverAnonymous() throws Exception {
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "Bearer wrong-token").statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", basic("viewer:viewer-secret")).statusCode()).isEqualTo(403);
		assertThat(get("/actuator/prometheus", basic(ADMIN)).statusCode()).isEqualTo(200);
		HttpResponse<String> scraped = get("/actuator/prometheus", "Bearer " + TOKEN);
		assertThat(scraped.statusCode()).isEqualTo(200);
		assertThat(scraped.body()).contains("safetystats_inbox_files");
		// the token opens the metrics, nothing else
		assertThat(get("/actuator/health", "Bearer " + TOKEN).statusCode()).isEqualTo(401);
		assertThat(get("/api/executions", "Bearer " + TOKEN).statusCode()).isEqualTo(401);
	}

	@Test
	void aScrapeAfterTheNightlyRunCarriesTheOperatorsGaugesAndPassesPromtool() throws Exception {
		// given a good and a bad file, ingested by a nightly run
		drop("good.csv", "14347_2019-03.csv");
		drop("bad-value-type.csv", "14347_2019-04.csv");
		String written = "safetystats_rows_written_total{job=\"nightlyJob\",step=\"ingestSubmissions\"}";
		double writtenBefore = valueOrZero(get("/actuator/prometheus", "Bearer " + TOKEN).body(), written);
		Instant ended = runNightly();
		long writtenByTheRun = this.jdbc.sql("""
				SELECT write_count FROM batch.batch_step_execution
				WHERE step_name = 'ingestSubmissions' ORDER BY step_execution_id DESC LIMIT 1""")
			.query(Long.class)
			.single();
		// and a file waiting three hours, one being uploaded, and the lock held for ten
		// minutes
		// Batch records the wall clock's time: the run is put two hours before the
		// application's clock
		this.jdbc.sql("UPDATE batch.batch_job_execution SET end_time = :at WHERE end_time = :ended")
			.param("at",
					LocalDateTime.ofInstant(this.clock.instant().minus(Duration.ofHours(2)), ZoneId.systemDefault()))
			.param("ended", LocalDateTime.ofInstant(ended, ZoneId.systemDefault()))
			.update();
		Path waiting = inbox().resolve("14320_2019-05.csv");
		Files.copy(fixture("good.csv"), waiting);
		Files.setLastModifiedTime(waiting, FileTime.from(this.clock.instant().minus(Duration.ofHours(3))));
		Files.writeString(inbox().resolve("14320_2019-06.csv.part"), "half");
		try (AutoCloseable held = this.lock.tryAcquire().orElseThrow()) {
			this.jdbc.sql("UPDATE ops.pipeline_lock SET acquired_at = :at WHERE name = 'pipeline'")
				.param("at", java.sql.Timestamp.from(this.clock.instant().minus(Duration.ofMinutes(10))))
				.update();

			// when Prometheus scrapes
			String scrape = get("/actuator/prometheus", "Bearer " + TOKEN).body();

			// then the files by outcome, rows, Batch's timings, the nightly's age, the
			// inbox and the lock
			assertThat(value(scrape, "safetystats_files{outcome=\"loaded\"}")).isEqualTo(1.0);
			assertThat(value(scrape, "safetystats_files{outcome=\"rejected\"}")).isEqualTo(1.0);
			assertThat(value(scrape, "safetystats_files{outcome=\"duplicate\"}")).isEqualTo(0.0);
			assertThat(value(scrape, "safetystats_files{outcome=\"superseded\"}")).isEqualTo(0.0);
			assertThat(writtenByTheRun).isEqualTo(2);
			assertThat(value(scrape, written)).isEqualTo(writtenBefore + writtenByTheRun);
			assertThat(scrape).contains("safetystats_rows_rejected_total");
			assertThat(scrape)
				.containsPattern("spring_batch_job_seconds_count\\{[^}]*spring_batch_job_name=\"nightlyJob\"")
				.containsPattern("spring_batch_step_seconds_count\\{[^}]*spring_batch_step_name=\"ingestSubmissions\"");
			assertThat(value(scrape, "safetystats_nightly_last_success_age_seconds")).isEqualTo(7200.0);
			assertThat(value(scrape, "safetystats_nightly_last_failed")).isEqualTo(0.0);
			assertThat(value(scrape, "safetystats_inbox_files")).isEqualTo(1.0);
			assertThat(value(scrape, "safetystats_inbox_oldest_age_seconds")).isEqualTo(10800.0);
			assertThat(value(scrape, "safetystats_pipeline_lock_held")).isEqualTo(1.0);
			assertThat(value(scrape, "safetystats_pipeline_lock_age_seconds")).isEqualTo(600.0);
			assertThat(value(scrape, "safetystats_pipeline_lock_holder")).isPositive();
			// the unit-months of this month and the last (the clock's, in the reporting
			// zone)
			String last = java.time.YearMonth.now(this.clock).minusMonths(1).toString();
			long owed = this.jdbc.sql("SELECT count(*) FROM warehouse.completeness WHERE period = :p")
				.param("p", last)
				.query(Long.class)
				.single();
			long missing = this.jdbc
				.sql("SELECT count(*) FROM warehouse.completeness WHERE period = :p AND status <> 'ON_TIME' "
						+ "AND status <> 'LATE'")
				.param("p", last)
				.query(Long.class)
				.single();
			assertThat(owed).isPositive();
			assertThat(value(scrape, "safetystats_unit_months_owed{month=\"last\"}")).isEqualTo((double) owed);
			assertThat(value(scrape, "safetystats_unit_months_missing{month=\"last\"}")).isEqualTo((double) missing);
			assertThat(value(scrape, "safetystats_unit_months_due_timestamp_seconds{month=\"last\"}"))
				.isEqualTo((double) java.time.YearMonth.parse(last)
					.plusMonths(1)
					.atDay(6)
					.atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh"))
					.toEpochSecond());
			// and promtool parses the scrape and has nothing to say of our own meters (it
			// lints the JVM's and
			// Spring's too: no help text on Spring Batch's timers, "ms" in the JVM's; not
			// ours to rename)
			String lint = promtool(scrape, List.of(0, 3), "check", "metrics");
			assertThat(lint).doesNotContain("error while linting").doesNotContain("parsing error");
			assertThat(lint.lines().filter((line) -> line.startsWith("safetystats_"))).as(lint).isEmpty();
		}
		assertThat(value(get("/actuator/prometheus", "Bearer " + TOKEN).body(), "safetystats_pipeline_lock_held"))
			.isEqualTo(0.0);
	}

	@Test
	void theAlertRulesPassPromtool() throws Exception {
		String output = promtool(null, List.of(0), "check", "rules",
				Path.of("deploy/prometheus/alerts.yml").toString());
		assertThat(output).contains("SUCCESS: 6 rules found");
		// and they fire when they should, not before
		// (src/test/resources/prometheus/alerts-test.yml)
		Path folder = Files.createTempDirectory("safetystats-alerts");
		try {
			Files.copy(Path.of("deploy/prometheus/alerts.yml"), folder.resolve("alerts.yml"));
			Path test = Files.copy(Path.of("src/test/resources/prometheus/alerts-test.yml"),
					folder.resolve("alerts-test.yml"));
			assertThat(promtool(null, List.of(0), "test", "rules", test.toString())).contains("SUCCESS");
		}
		finally {
			org.springframework.util.FileSystemUtils.deleteRecursively(folder);
		}
	}

	@Test
	void healthReportsTheFoldersTheNightlyRunAndTheProbes() throws Exception {
		// before any nightly run: the nightly unknown, the folders and the database up
		HttpResponse<String> health = get("/actuator/health", basic(ADMIN));
		assertThat(health.body()).contains("\"db\"", "\"scheduler\"", "\"folders\"", "\"nightly\"", "\"freeBytes\"");
		assertThat(get("/actuator/health/liveness", null).body()).contains("\"status\":\"UP\"");
		HttpResponse<String> ready = get("/actuator/health/readiness", null);
		assertThat(ready.statusCode()).isEqualTo(200);
		assertThat(ready.body()).contains("\"status\":\"UP\"").doesNotContain("freeBytes");

		// a completed nightly run: up; 27 hours later without another: down
		Instant ended = runNightly();
		TestClock.at(ended.plus(Duration.ofHours(1)).toString());
		assertThat(component(get("/actuator/health", basic(ADMIN)).body(), "nightly")).isEqualTo("UP");
		TestClock.at(ended.plus(Duration.ofHours(27)).toString());
		String late = get("/actuator/health", basic(ADMIN)).body();
		assertThat(component(late, "nightly")).isEqualTo("DOWN");
		assertThat(late).contains("no nightly run completed in the last 26 hours");
		// readiness does not hang on the nightly
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);

		// an archive that is a file, not a folder: the folders are down, and the service
		// not ready
		Files.delete(archive());
		Files.writeString(archive(), "not a folder");
		try {
			String broken = get("/actuator/health", basic(ADMIN)).body();
			assertThat(component(broken, "folders")).isEqualTo("DOWN");
			assertThat(broken).contains("not a folder");
			assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(503);
		}
		finally {
			Files.delete(archive());
			Files.createDirectories(archive());
		}
	}

	@Test
	void theSchedulerIsUpWhenAnotherNodeOfTheClusterFires() throws Exception {
		// this test server does not start its scheduler: no node fires
		assertThat(component(get("/actuator/health", basic(ADMIN)).body(), "scheduler")).isEqualTo("OUT_OF_SERVICE");
		try {
			// another node checked in a second ago (Quartz's own wall-clock stamp), every
			// 10 s
			checkIn("node-b", System.currentTimeMillis() - 1000);
			String health = get("/actuator/health", basic(ADMIN)).body();
			assertThat(component(health, "scheduler")).isEqualTo("UP");
			assertThat(health).contains("\"instanceId\":\"node-b\"").contains("\"firingHere\":false");
			// that node stopped checking in a minute ago: gone
			checkIn("node-b", System.currentTimeMillis() - 60_000);
			assertThat(component(get("/actuator/health", basic(ADMIN)).body(), "scheduler"))
				.isEqualTo("OUT_OF_SERVICE");
		}
		finally {
			this.jdbc.sql("DELETE FROM quartz.qrtz_scheduler_state WHERE instance_name = 'node-b'").update();
		}
	}

	private void checkIn(String node, long at) {
		this.jdbc.sql("""
				INSERT INTO quartz.qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval)
				VALUES ('safetystats', :node, :at, 10000)
				ON CONFLICT (sched_name, instance_name) DO UPDATE SET last_checkin_time = :at""")
			.param("node", node)
			.param("at", at)
			.update();
	}

	/** Runs the nightly job through the API and returns when it ended (Batch's time). */
	private Instant runNightly() throws Exception {
		HttpResponse<String> started = this.http
			.send(request("/api/jobs/nightlyJob/executions", basic(ADMIN)).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"monitoring test\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long id = Long.parseLong(started.body().replaceAll(".*\"executionId\":(\\d+).*", "$1"));
		await().atMost(Duration.ofSeconds(120))
			.until(() -> this.jdbc.sql("SELECT status FROM batch.batch_job_execution WHERE job_execution_id = :id")
				.param("id", id)
				.query(String.class)
				.single(), (status) -> !status.equals("STARTING") && !status.equals("STARTED"));
		// the lock is released after Batch records the end
		await().atMost(Duration.ofSeconds(30)).until(() -> this.lock.tryAcquire().map((held) -> {
			try {
				held.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return true;
		}).orElse(false));
		return this.jdbc.sql("SELECT status, end_time FROM batch.batch_job_execution WHERE job_execution_id = :id")
			.param("id", id)
			.query((rs, row) -> {
				assertThat(rs.getString("status")).isEqualTo("COMPLETED");
				return rs.getObject("end_time", LocalDateTime.class).atZone(ZoneId.systemDefault()).toInstant();
			})
			.single();
	}

	private static double value(String scrape, String series) {
		Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
		if (!line.find()) {
			fail("no series " + series + " in the scrape:\n" + scrape);
		}
		return Double.parseDouble(line.group(1));
	}

	private static double valueOrZero(String scrape, String series) {
		return scrape.lines().anyMatch((line) -> line.startsWith(series + " ")) ? value(scrape, series) : 0.0;
	}

	@SuppressWarnings("unchecked")
	private static String component(String health, String name) {
		Map<String, Object> components = (Map<String, Object>) JsonParserFactory.getJsonParser()
			.parseMap(health)
			.get("components");
		assertThat(components).as(health).containsKey(name);
		return (String) ((Map<String, Object>) components.get(name)).get("status");
	}

	/**
	 * Runs promtool (Debian's prometheus package), failing clearly when it is absent; its
	 * exit code must be one of those given (3: lint findings only, 1: a failure).
	 */
	private static String promtool(String input, List<Integer> exitCodes, String... arguments)
			throws IOException, InterruptedException {
		Path promtool = Path.of("/usr/bin/promtool");
		if (!Files.isExecutable(promtool)) {
			fail("promtool is not installed: apt-get install prometheus (Debian's package; .ci/run installs it)");
		}
		List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (input != null) {
			process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
		}
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("promtool %s:\n%s", String.join(" ", arguments), output).isIn(exitCodes);
		return output;
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		return this.http.send(request(path, authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String authorization) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		return builder;
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

}
