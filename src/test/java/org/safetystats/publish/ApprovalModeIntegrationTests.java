package org.safetystats.publish;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safetystats.ApiUsers;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestSummary;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.reform.ReformFixture;
import org.safetystats.report.AnnualReport;
import org.safetystats.warehouse.WarehouseJob;
import org.safetystats.ingest.IngestJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approval mode ({@code safetystats.corrections.require-approval}), over the HTTP API: a
 * correction of a published year waits as PENDING_APPROVAL and counts nowhere until an
 * admin approves it, then loads; a refused one never counts; viewers decide nothing. A
 * publication holds unit versions, not codes: across the 2025 reform, where code 14329
 * names Phường Vân Giang until 2025-07-01 and Phường Hoa Lư from then, a correction of
 * one is never held or listed as a correction of the other's publication.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "safetystats.corrections.require-approval=true")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ApprovalModeIntegrationTests extends IntegrationTestSupport {

	@DynamicPropertySource
	static void users(DynamicPropertyRegistry registry) {
		ApiUsers.register(registry);
	}

	@Autowired
	JobRunner jobs;

	@Autowired
	ReferenceCatalogLoader catalogue;

	@Autowired
	AnnualReport report;

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
		assertThat(published.body()).contains("\"unitCode\":\"369\"")
			.containsPattern("\"publishedAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[.\\d]*\\+07:00\"");
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

	@Test
	void aCorrectionOfPhuongHoaLuIsNotHeldForAPublicationOfVanGiangUnderTheSameCode() throws Exception {
		// given 14329's 2025: Phường Vân Giang, in the city of Hoa Lư (374),
		// until 2025-07-01, then Phường Hoa Lư, right under the province
		ReformFixture files = builtThrough(YearMonth.of(2025, 10));
		// and the city of Hoa Lư's 2025 published: 14329 is in it as Vân Giang only
		long publication = publishedWith14329As(2025, "374", "2025-01-01");
		// when Phường Hoa Lư corrects September and Vân Giang March
		long[] corrections = correct(files, YearMonth.of(2025, 9), YearMonth.of(2025, 3));
		long hoaLu = corrections[0];
		long vanGiang = corrections[1];
		// then Hoa Lư's loads, saying nothing of the city's publication
		assertLoadedUnwarned(hoaLu);
		// and Vân Giang's waits, naming it
		assertHeldFor(vanGiang, "publication " + publication + ": unit 374, year 2025");
		// and once approved and built, the publication lists March's
		// correction, never September's
		approve(vanGiang);
		build();
		assertThat(correctionsListed(publication)).containsExactly(vanGiang);
		assertThat(changedVersions(publication, "14329")).containsExactly("2025-01-01");
		// and the report of Phường Hoa Lư is of no publication
		String report = Files
			.readString(this.report.write(2025, "14329", "en", home().resolve("reports-2025"), false).get(0));
		assertThat(report).contains("Not yet published").doesNotContain("publication " + publication);
	}

	@Test
	void aCorrectionOfVanGiangIsNotHeldForAPublicationOfPhuongHoaLuUnderTheSameCode() throws Exception {
		// given 14329 from 2025 to February 2026: Phường Vân Giang until 2025-07-01, then
		// Phường Hoa Lư, the only unit the code names in 2026
		ReformFixture files = builtThrough(YearMonth.of(2026, 2));
		// and Phường Hoa Lư's 2026 published
		long publication = publishedWith14329As(2026, "14329", "2025-07-01");
		// when Vân Giang corrects March 2025 (the year before), and Phường Hoa Lư
		// September 2025 and February 2026
		long[] corrections = correct(files, YearMonth.of(2025, 3), YearMonth.of(2025, 9), YearMonth.of(2026, 2));
		long vanGiang = corrections[0];
		long september = corrections[1];
		long february = corrections[2];
		// then Vân Giang's loads, saying nothing of Hoa Lư's publication
		assertLoadedUnwarned(vanGiang);
		// and so does September's: Hoa Lư's 2026 has no year before to compare
		// with (the version began in mid-2025), so nothing published changes
		assertLoadedUnwarned(september);
		// and February's waits, naming the publication; approved and built,
		// it alone is listed
		assertHeldFor(february, "publication " + publication + ": unit 14329, year 2026");
		approve(february);
		build();
		assertThat(correctionsListed(publication)).containsExactly(february);
	}

	private static void march(YearMonth month, long accidents) {
		SubmissionFiles.write(inbox(), "14347", month, SubmissionFiles.values("traffic_accidents", accidents),
				(village, indicator) -> 0);
	}

	private void ingest() throws Exception {
		assertThat(this.jobs.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	private void build() throws Exception {
		assertThat(this.jobs.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	private void ingestAndBuild() throws Exception {
		ingest();
		build();
	}

	private long publish(int year, String unit) throws Exception {
		HttpResponse<String> published = post("/api/publications", "admin:admin-secret",
				"{\"year\":" + year + ",\"unit\":\"" + unit + "\",\"reason\":\"review " + year + "\"}");
		assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
		return this.jdbc.sql("SELECT publication_id FROM warehouse.publication WHERE year = :y AND unit_code = :u")
			.param("y", year)
			.param("u", unit)
			.query(Long.class)
			.single();
	}

	private void approve(long submission) throws Exception {
		HttpResponse<String> approved = post("/api/submissions/" + submission + "/approve", "admin:admin-secret",
				"{\"reason\":\"checked with the ward\"}");
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
	}

	/** Publishes the unit's year, which must hold ward 14329 in that version alone. */
	private long publishedWith14329As(int year, String unit, String version) throws Exception {
		long publication = publish(year, unit);
		assertThat(this.jdbc.sql("""
				SELECT DISTINCT unit_valid_from::text FROM warehouse.published_figures
				WHERE publication_id = :p AND unit_code = '14329' AND level = 'commune'
				""").param("p", publication).query(String.class).list()).containsExactly(version);
		return publication;
	}

	/**
	 * Corrects 14329's months in one ingest run (one more accident than the month had);
	 * the corrections' submission ids, in order.
	 */
	private long[] correct(ReformFixture files, YearMonth... months) throws Exception {
		for (YearMonth month : months) {
			files.submit("14329", month, month.isBefore(YearMonth.of(2025, 7)) ? 4 : 31, Map.of());
		}
		ingest();
		long[] ids = new long[months.length];
		for (int i = 0; i < months.length; i++) {
			ids[i] = this.jdbc.sql("SELECT max(submission_id) FROM ops.submission WHERE file_name = :f")
				.param("f", "14329_" + months[i] + ".csv")
				.query(Long.class)
				.single();
		}
		return ids;
	}

	/** The versions of a unit whose published figures changed since. */
	private List<String> changedVersions(long publication, String unit) {
		return this.jdbc.sql("""
				SELECT DISTINCT unit_valid_from::text FROM warehouse.published_changes
				WHERE publication_id = :p AND unit_code = :u ORDER BY 1
				""").param("p", publication).param("u", unit).query(String.class).list();
	}

	/** The submissions published_changes names behind the publication's changes. */
	private List<Long> correctionsListed(long publication) {
		return this.jdbc.sql("""
				SELECT DISTINCT unnest(submission_ids) FROM warehouse.published_changes
				WHERE publication_id = :p ORDER BY 1
				""").param("p", publication).query(Long.class).list();
	}

	/** 14329's files across the reform ({@link ReformFixture}), ingested and built. */
	private ReformFixture builtThrough(YearMonth last) throws Exception {
		ReformFixture files = new ReformFixture(this.catalogue.load(), inbox());
		files.submitVanGiangThenHoaLu(last);
		ingestAndBuild();
		return files;
	}

	/** The file loaded, with no warning that it changes published figures. */
	private void assertLoadedUnwarned(long submission) {
		assertThat(status(submission)).isEqualTo("LOADED");
		assertThat(publishedWarnings(submission)).isEmpty();
	}

	/** The file waits for approval, with the one warning naming the publication. */
	private void assertHeldFor(long submission, String publication) {
		assertThat(status(submission)).isEqualTo("PENDING_APPROVAL");
		assertThat(publishedWarnings(submission)).singleElement().asString().contains(publication);
	}

	/** The warnings that the file changes published figures. */
	private List<String> publishedWarnings(long submission) {
		return this.jdbc.sql("""
				SELECT message_en FROM ops.findings
				WHERE submission_id = :id AND rule IN ('PUBLISHED_PERIOD', 'PUBLISHED_PERIOD_HELD')
				""").param("id", submission).query(String.class).list();
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
