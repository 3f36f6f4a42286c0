package org.safetystats.admin;

import java.net.http.HttpResponse;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP API: authentication on every endpoint, roles, JSON answers, 409 when busy,
 * OpenAPI, health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AdminApiIntegrationTests extends IntegrationTestSupport {

	@DynamicPropertySource
	static void users(DynamicPropertyRegistry registry) {
		ApiClient.users(registry);
	}

	@Autowired
	DataSource dataSource;

	@LocalServerPort
	int port;

	@Test
	void anonymousCallsAreRefusedEverywhere() throws Exception {
		for (String path : new String[] { "/api/executions", "/api/completeness?year=2019", "/api/openapi",
				"/actuator/health", "/actuator/metrics" }) {
			assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
		}
		assertThat(post("/api/jobs/ingestJob/executions", null, "{}").statusCode()).isEqualTo(401);
	}

	@Test
	void wrongPasswordIsRefused() throws Exception {
		assertThat(get("/api/executions", "admin:guess").statusCode()).isEqualTo(401);
	}

	@Test
	void aViewerReadsButCannotChangeAnything() throws Exception {
		assertThat(get("/api/executions", "viewer:viewer-secret").statusCode()).isEqualTo(200);
		for (String path : new String[] { "/api/jobs/ingestJob/executions", "/api/executions/1/restart",
				"/api/executions/1/stop", "/api/reruns/warehouse", "/api/reruns/ingest" }) {
			assertThat(post(path, "viewer:viewer-secret", "{\"reason\":\"x\"}").statusCode()).as(path).isEqualTo(403);
		}
	}

	@Test
	void anAdminRunsAJobAndSeesItInTheListing() throws Exception {
		drop("good.csv", "14347_2019-03.csv");
		HttpResponse<String> started = post("/api/jobs/ingestJob/executions", "admin:admin-secret",
				"{\"reason\":\"first load\"}");
		assertThat(started.statusCode()).isEqualTo(202);
		assertThat(started.body()).contains("\"executionId\"").contains("\"job\":\"ingestJob\"");
		String id = started.body().replaceAll(".*\"executionId\":(\\d+).*", "$1");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/api/executions/" + id, "viewer:viewer-secret").body()
				.contains("\"status\":\"COMPLETED\""));
		// (the job's own status: its steps say COMPLETED before it ends)
		HttpResponse<String> listing = get("/api/executions?last=5", "viewer:viewer-secret");
		assertThat(listing.body()).contains("\"id\":" + id).contains("\"requestedBy\":\"admin\"");
		// times in ISO 8601 with the reporting zone's offset
		assertThat(listing.body())
			.containsPattern("\"startTime\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[.\\d]*\\+07:00\"")
			.containsPattern("\"endTime\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[.\\d]*\\+07:00\"");
		assertThat(this.jdbc.sql("SELECT reason FROM ops.admin_action WHERE requested_by = 'admin'")
			.query(String.class)
			.single()).isEqualTo("first load");
		HttpResponse<String> written = get("/actuator/metrics/safetystats.rows.written?tag=step:ingestSubmissions",
				"viewer:viewer-secret");
		assertThat(written.statusCode()).isEqualTo(200);
		assertThat(written.body()).contains("\"value\":1.0");
	}

	@Test
	void aSecondRunWhileOneIsRunningGetsAConflictWithTheRunningExecution() throws Exception {
		try (AutoCloseable held = new PipelineLock(this.dataSource).tryAcquire().orElseThrow()) {
			HttpResponse<String> busy = post("/api/jobs/nightlyJob/executions", "admin:admin-secret",
					"{\"reason\":\"late files\"}");
			assertThat(busy.statusCode()).isEqualTo(409);
			// RFC 9457, with the fields the API's errors have always carried
			assertThat(busy.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(busy.body()).contains("already running")
				.contains("\"status\":409")
				.contains("\"instance\":\"/api/jobs/nightlyJob/executions\"")
				.contains("\"detail\":\"")
				.contains("\"error\":\"")
				.containsPattern("\"runningExecutionId\":(null|\\d+)");
		}
	}

	@Test
	void aBadRequestIsAnErrorInOneLineNotAStackTrace() throws Exception {
		HttpResponse<String> unknown = post("/api/jobs/reportJob/executions", "admin:admin-secret",
				"{\"reason\":\"x\"}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("Unknown job reportJob").doesNotContain("Exception");
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(unknown.body()).contains("\"status\":400").contains("\"error\":\"Unknown job reportJob");
		HttpResponse<String> noReason = post("/api/reruns/warehouse", "admin:admin-secret", "{\"reason\":\"\"}");
		assertThat(noReason.statusCode()).isEqualTo(400);
	}

	@Test
	void openApiDescribesTheEndpointsAndHealthShowsDatabaseAndScheduler() throws Exception {
		HttpResponse<String> openapi = get("/api/openapi", "viewer:viewer-secret");
		assertThat(openapi.statusCode()).isEqualTo(200);
		assertThat(openapi.body()).contains("/api/executions").contains("/api/reruns/warehouse");
		HttpResponse<String> health = get("/actuator/health", "admin:admin-secret");
		assertThat(health.body()).contains("\"db\"").contains("\"scheduler\"");
	}

	private HttpResponse<String> get(String path, String credentials) throws Exception {
		return new ApiClient(this.port).get(path, credentials);
	}

	private HttpResponse<String> post(String path, String credentials, String json) throws Exception {
		return new ApiClient(this.port).post(path, credentials, json);
	}

}
