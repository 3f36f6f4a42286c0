package org.safetystats.admin;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.TestClock;
import org.safetystats.SubmissionFiles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an outside trial of the API found, kept fixed: reads that wrote, requests that
 * broke the lock or became 500s, refusals missing from the audit trail, unthrottled
 * password guessing, non-ASCII digits taken as numbers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "safetystats.login.free-failures=3")
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ApiHardeningIntegrationTests extends IntegrationTestSupport {

	/** How far the application's clock is ahead of the system's, set by a test. */
	static final String ADMIN = "admin:admin-secret";

	static final String VIEWER = "viewer:viewer-secret";

	@DynamicPropertySource
	static void users(DynamicPropertyRegistry registry) {
		ApiClient.users(registry);
	}

	@LocalServerPort
	int port;

	ApiClient api;

	ApiClient api() {
		if (this.api == null) {
			this.api = new ApiClient(this.port);
		}
		return this.api;
	}

	@Test
	void readersOnlyReadCompletenessWhileNightlyRunsRefreshIt() throws Exception {
		for (int month = 1; month <= 4; month++) {
			SubmissionFiles.write(inbox(), "14347", YearMonth.of(2019, month),
					SubmissionFiles.values("traffic_accidents", month), (village, indicator) -> 0);
		}
		long refreshesBefore = count("SELECT count(*) FROM warehouse.completeness_state");
		List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService readers = Executors.newFixedThreadPool(16);
		for (int reader = 0; reader < 16; reader++) {
			readers.submit(() -> {
				while (running.get()) {
					statuses.add(api().get("/api/completeness?year=2019", VIEWER).statusCode());
				}
				return null;
			});
		}
		try {
			for (int run = 0; run < 3; run++) {
				HttpResponse<String> started = api().post("/api/jobs/nightlyJob/executions", ADMIN,
						"{\"reason\":\"nightly with readers\"}");
				assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
				String id = started.body().replaceAll(".*\"executionId\":(\\d+).*", "$1");
				await().atMost(Duration.ofSeconds(60))
					.until(() -> api().get("/api/executions/" + id, VIEWER).body().contains("\"COMPLETED\""));
			}
		}
		finally {
			running.set(false);
			readers.shutdown();
		}
		await().atMost(Duration.ofSeconds(30)).until(readers::isTerminated);
		assertThat(statuses).hasSizeGreaterThan(16).containsOnly(200);
		// every refresh is the pipeline's: one per nightly run, none by a reader
		assertThat(count("SELECT count(*) FROM warehouse.completeness_state") - refreshesBefore).isEqualTo(3);
		HttpResponse<String> read = api().get("/api/completeness?year=2019&unit=14347", VIEWER);
		assertThat(read.headers().firstValue("Last-Modified")).isPresent();
		assertThat(read.body()).contains("\"4\":\"LATE\"");
	}

	@Test
	void aControlCharacterOrAHugeReasonIsRefusedAndStartsNothing() throws Exception {
		long executions = count("SELECT count(*) FROM batch.batch_job_execution");
		for (String body : new String[] { "{\"reason\":\"a\\u0000b\"}", "{\"reason\":\"a\\u001bb\"}",
				"{\"reason\":\"" + "x".repeat(100_000) + "\"}" }) {
			HttpResponse<String> refused = api().post("/api/jobs/nightlyJob/executions", ADMIN, body);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("reason").doesNotContain("Exception");
		}
		HttpResponse<String> rerun = api().post("/api/reruns/warehouse", ADMIN, "{\"reason\":\"a\\u0000b\"}");
		assertThat(rerun.statusCode()).isEqualTo(400);
		assertThat(count("SELECT count(*) FROM batch.batch_job_execution")).isEqualTo(executions);
		assertThat(this.jdbc.sql("SELECT reason FROM ops.admin_action WHERE outcome = 'REFUSED' ORDER BY action_id")
			.query(String.class)
			.list()).contains("a\\u0000b", "a\\u001bb")
			.allSatisfy((reason) -> assertThat(reason).hasSizeLessThan(1100));
		// and the lock is free: the next good request starts
		HttpResponse<String> good = api().post("/api/jobs/nightlyJob/executions", ADMIN, "{\"reason\":\"ok\"}");
		assertThat(good.statusCode()).isEqualTo(202);
		String id = good.body().replaceAll(".*\"executionId\":(\\d+).*", "$1");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api().get("/api/executions/" + id, VIEWER).body().contains("\"COMPLETED\""));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					/api/jobs/warehouseJob/executions | {"parameters":{"fromYear":"-1"},"reason":"x"}        | 400 | fromYear
					/api/jobs/warehouseJob/executions | {"parameters":{"fromYear":"0"},"reason":"x"}         | 400 | fromYear
					/api/jobs/warehouseJob/executions | {"parameters":{"fromYear":"2147483647"},"reason":"x"} | 400 | fromYear
					/api/jobs/warehouseJob/executions | {"parameters":{"fromYear":"twenty"},"reason":"x"}    | 400 | fromYear
					/api/jobs/warehouseJob/executions | {"parameters":{"fromYear":"٢٠١٩"},"reason":"x"}      | 400 | fromYear
					/api/jobs/warehouseJob/executions | {"parameters":{"unit":"3\\u00009"},"reason":"x"}     | 400 | unit
					/api/jobs/warehouseJob/executions | {"parameters":{"colour":"red"},"reason":"x"}         | 400 | Unknown parameter
					/api/jobs/ingestJob/executions    | {"parameters":{"period":"a\\u0000"},"reason":"x"}    | 400 | period
					/api/jobs/ingestJob/executions    | {"parameters":{"inbox":"/tmp"},"reason":"x"}         | 400 | Unknown parameter
					/api/jobs/warehouseJob/executions | {"parameters":{"year":"2019"},"reason":"x"}         | 400 | Unknown parameter
					/api/jobs/reportJob/executions    | {"reason":"x"}                                        | 400 | Unknown job
					/api/reruns/warehouse             | {"unit":"3\\u00009","reason":"x"}                    | 400 | unit
					/api/reruns/warehouse             | {"fromYear":0,"reason":"x"}                           | 400 | fromYear
					/api/reruns/warehouse             | {"reason":""}                                         | 400 | reason
					/api/reruns/ingest                | {"reason":"x"}                                        | 400 | period is required
					/api/reruns/ingest                | {"period":"2019-13","reason":"x"}                     | 400 | period
					/api/reruns/ingest                | not json                                              | 400 | JSON
					/api/executions/-1/restart        | {"reason":"x"}                                        | 400 | id
					/api/executions/0/restart         | {"reason":"x"}                                        | 400 | id
					/api/executions/2147483648/restart | {"reason":"x"}                                       | 404 | No job execution 2147483648
					/api/executions/9223372036854775808/restart | {"reason":"x"}                              | 400 | id
					/api/executions/١٢/restart        | {"reason":"x"}                                        | 400 | digits 0-9
					/api/executions/-1/stop           | {"reason":"x"}                                        | 400 | id
					/api/executions/2147483648/stop   | {"reason":"x"}                                        | 404 | No job execution
					/api/executions/9223372036854775807/stop | {"reason":"x"}                                 | 404 | No job execution
					/api/jobs/nightlyJob/executions   | {}                                                    | 400 | reason is required
					/api/jobs/nightlyJob/executions   | {"reason":"  "}                                       | 400 | reason is required
					/api/executions/1/restart         | {}                                                    | 400 | reason is required
					/api/executions/1/stop            | {"reason":""}                                         | 400 | reason is required
					""")
	void aBadRequestIsA400Or404InOneLineStartsNothingAndIsRecorded(String path, String body, int status, String message)
			throws Exception {
		long instances = count("SELECT count(*) FROM batch.batch_job_instance");
		long refusals = count("SELECT count(*) FROM ops.admin_action WHERE outcome IN ('REFUSED', 'NOT_FOUND')");
		HttpResponse<String> response = api().post(path, ADMIN, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.body()).contains(message).doesNotContain("Exception").doesNotContain("\n");
		assertThat(count("SELECT count(*) FROM batch.batch_job_instance")).isEqualTo(instances);
		assertThat(count("SELECT count(*) FROM ops.admin_action WHERE outcome IN ('REFUSED', 'NOT_FOUND')"))
			.isEqualTo(refusals + 1);
	}

	@Test
	void aChangeAnotherSiteCouldSendIsRefusedWith415AndRecorded() throws Exception {
		// a page of another origin, with the admin's Basic credentials cached by the
		// browser, can send a form, text/plain (a no-cors fetch) or multipart, never
		// application/json nor a header of its own
		long executions = count("SELECT count(*) FROM batch.batch_job_execution");
		long refusals = count("SELECT count(*) FROM ops.admin_action WHERE outcome = 'REFUSED'");
		String[][] requests = { { "/api/jobs/nightlyJob/executions", "text/plain;charset=UTF-8" },
				{ "/api/jobs/nightlyJob/executions", "application/x-www-form-urlencoded" },
				{ "/api/jobs/nightlyJob/executions", "multipart/form-data; boundary=x" },
				{ "/api/reruns/warehouse", "text/plain" }, { "/api/jobs/nightlyJob/executions", null },
				{ "/api/executions/1/stop", null }, { "/api/units/14320/uploads", "multipart/form-data; boundary=x" } };
		for (String[] request : requests) {
			HttpResponse<String> refused = api().post(request[0], ADMIN, request[1], "{\"reason\":\"from elsewhere\"}");
			assertThat(refused.statusCode()).as(request[0] + " " + request[1]).isEqualTo(415);
			assertThat(refused.body()).contains("application/json").doesNotContain("Exception").doesNotContain("\n");
		}
		assertThat(count("SELECT count(*) FROM batch.batch_job_execution")).isEqualTo(executions);
		assertThat(count("SELECT count(*) FROM ops.admin_action WHERE outcome = 'REFUSED'"))
			.isEqualTo(refusals + requests.length);
	}

	@Test
	void readsWithBadNumbersAreA400() throws Exception {
		for (String path : new String[] { "/api/executions/١٢", "/api/executions/-1", "/api/completeness?year=abc",
				"/api/completeness?year=٢٠١٩", "/api/completeness", "/api/executions?last=%D9%A1" }) {
			HttpResponse<String> response = api().get(path, VIEWER);
			assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(400);
			assertThat(response.body()).doesNotContain("Exception");
		}
	}

	@Test
	void aViewerAskingForAChangeIsLoggedAndRecorded(CapturedOutput output) throws Exception {
		assertThat(api().post("/api/reruns/warehouse", VIEWER, "{\"reason\":\"x\"}").statusCode()).isEqualTo(403);
		assertThat(count("SELECT count(*) FROM ops.admin_action WHERE requested_by = 'viewer' AND outcome = 'FORBIDDEN'"
				+ " AND action = 'POST /api/reruns/warehouse'"))
			.isEqualTo(1);
		assertThat(output.getAll()).contains("Forbidden: user viewer from 127.0.0.1 asked POST /api/reruns/warehouse");
	}

	@Test
	void repeatedFailedLoginsAreSlowedDownAndTheRightPasswordWorksAfterTheWait(CapturedOutput output) throws Exception {
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		HttpResponse<String> last = null;
		for (int attempt = 0; attempt < 50; attempt++) {
			last = api().get("/api/executions", "viewer:guess" + attempt);
			statuses.merge(last.statusCode(), 1, Integer::sum);
		}
		// the application's clock stands still: the three free failures are checked, and
		// every later guess comes before the first wait (1 s) is over
		assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(401, 3, 429, 47));
		assertThat(output.getAll()).contains("Failed login of user viewer from 127.0.0.1 (1 in a row)")
			.contains("Failed login of user viewer from 127.0.0.1 (3 in a row)")
			.doesNotContain("(4 in a row)");
		HttpResponse<String> early = api().get("/api/executions", VIEWER);
		assertThat(early.statusCode()).isEqualTo(429);
		assertThat(early.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(early.body()).contains("\"status\":429").contains("\"error\":\"too many failed logins");
		long wait = Long.parseLong(early.headers().firstValue("Retry-After").orElseThrow());
		assertThat(wait).isEqualTo(1);
		// the application's clock moves past the wait (the wall clock need not)
		TestClock.advance(Duration.ofSeconds(wait + 1));
		assertThat(api().get("/api/executions", VIEWER).statusCode()).isEqualTo(200);
		assertThat(api().get("/api/executions", "admin:" + "admin-secret").statusCode()).isEqualTo(200);
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
