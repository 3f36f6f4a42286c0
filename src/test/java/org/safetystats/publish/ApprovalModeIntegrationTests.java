package org.safetystats.publish;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safetystats.ApiUsers;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestSummary;
import org.safetystats.warehouse.WarehouseJob;
import org.safetystats.ingest.IngestJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approval mode ({@code safetystats.corrections.require-approval}), over the HTTP API: a
 * correction of a published year waits as PENDING_APPROVAL and counts nowhere until an
 * admin approves it, then loads; a refused one never counts; viewers decide nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "safetystats.corrections.require-approval=true")
class ApprovalModeIntegrationTests extends IntegrationTestSupport {

	@DynamicPropertySource
	static void users(DynamicPropertyRegistry registry) {
		ApiUsers.register(registry);
	}

	@Autowired
	JobRunner jobs;

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void publishedYear() throws Exception {
		this.jdbc.sql("TRUNCATE warehouse.publication, warehouse.published_figures, warehouse.build").update();
		for (int month = 1; month <= 12; month++) {
			march(YearMonth.of(2019, month), 1);
		}
		assertThat(this.jobs.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jobs.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		HttpResponse<String> published = post("/api/publications", "admin:admin-secret",
				"{\"year\":2019,\"unit\":\"369\",\"reason\":\"2019 review\"}");
		assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
		assertThat(published.body()).contains("\"unitCode\":\"369\"");
	}

	@Test
	void aHeldCorrectionCountsNowhereUntilApprovedThenLoads() throws Exception {
		// when a correction of March comes in
		march(YearMonth.of(2019, 3), 5);
		JobExecution ingest = this.jobs.run(IngestJob.NAME);
		assertThat(ingest.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(IngestSummary.of(this.jdbc, ingest.getId()))
			.hasToString("files loaded 0, rejected 0, duplicate 0, superseded 0; rows loaded 0; held for approval 1");
		long held = latestSubmission();
		// then it waits, saying why, and counts nowhere
		assertThat(status(held)).isEqualTo("PENDING_APPROVAL");
		assertThat(this.jdbc.sql("SELECT message_en FROM ops.findings WHERE submission_id = :id")
			.param("id", held)
			.query(String.class)
			.list()).anySatisfy((message) -> assertThat(message).contains("waits for an admin's approval"));
		assertThat(this.jobs.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(accidents()).isEqualTo(12);
		// and a viewer cannot decide
		assertThat(post("/api/submissions/" + held + "/approve", "viewer:viewer-secret", "{\"reason\":\"ok\"}")
			.statusCode()).isEqualTo(403);
		// when an admin approves it
		HttpResponse<String> approved = post("/api/submissions/" + held + "/approve", "admin:admin-secret",
				"{\"reason\":\"checked with the ward\"}");
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		// then it is the current version and the next build takes it in
		assertThat(status(held)).isEqualTo("LOADED");
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM ops.submission WHERE status = 'SUPERSEDED' AND superseded_by = :id")
					.param("id", held)
					.query(Long.class)
					.single())
			.isEqualTo(1);
		assertThat(this.jobs.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(accidents()).isEqualTo(16);
		assertThat(this.jdbc.sql("""
				SELECT published_value FROM warehouse.published_changes
				WHERE unit_code = '369' AND measure = 'traffic_accidents'
				""").query(Long.class).single()).isEqualTo(12);
		assertThat(this.jdbc
			.sql("""
					SELECT reason FROM ops.admin_action WHERE action = 'approve' AND outcome = 'DONE' AND requested_by = 'admin'
					""")
			.query(String.class)
			.single()).isEqualTo("checked with the ward");
		// and it cannot be decided twice
		assertThat(
				post("/api/submissions/" + held + "/refuse", "admin:admin-secret", "{\"reason\":\"no\"}").statusCode())
			.isEqualTo(400);
	}

	@Test
	void aRefusedCorrectionNeverCounts() throws Exception {
		march(YearMonth.of(2019, 3), 7);
		assertThat(this.jobs.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long held = latestSubmission();
		HttpResponse<String> refused = post("/api/submissions/" + held + "/refuse", "admin:admin-secret",
				"{\"reason\":\"the ward sent the wrong month\"}");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
		assertThat(status(held)).isEqualTo("REFUSED");
		assertThat(this.jobs.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(accidents()).isEqualTo(12);
		assertThat(this.jdbc.sql("SELECT count(*) FROM warehouse.published_changes").query(Long.class).single())
			.isZero();
	}

	private static void march(YearMonth month, long accidents) {
		SubmissionFiles.write(inbox(), "14347", month, SubmissionFiles.values("traffic_accidents", accidents),
				(village, indicator) -> 0);
	}

	private long accidents() {
		return this.jdbc.sql("SELECT accidents FROM warehouse.traffic_yoy WHERE unit_code = '369' AND year = 2019")
			.query(Long.class)
			.single();
	}

	private long latestSubmission() {
		return this.jdbc.sql("SELECT max(submission_id) FROM ops.submission").query(Long.class).single();
	}

	private String status(long submission) {
		return this.jdbc.sql("SELECT status FROM ops.submission WHERE submission_id = :id")
			.param("id", submission)
			.query(String.class)
			.single();
	}

	private HttpResponse<String> post(String path, String credentials, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
