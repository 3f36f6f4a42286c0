package org.safetystats.console;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safetystats.ingest.IngestJob;
import org.safetystats.ApiUsers;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.MovableClock;
import org.safetystats.SubmissionFiles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, over real HTTP against a real server: a clerk of 14320 sees and
 * uploads for 14320 only, whatever the URL (console and JSON API); a viewer reads and
 * acts on nothing; a form without its CSRF token is refused; a disabled account cannot
 * sign in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableClock.Configuration.class)
class ConsoleAccessIntegrationTests extends IntegrationTestSupport {

	@DynamicPropertySource
	static void users(DynamicPropertyRegistry registry) {
		ApiUsers.register(registry);
		registry.add("safetystats.uploads.per-account", () -> "3");
		registry.add("safetystats.uploads.size-per-account", () -> "1MB");
	}

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	MovableClock clock;

	@org.springframework.beans.factory.annotation.Autowired
	org.safetystats.admin.JobRunner jobs;

	byte[] good;

	@BeforeEach
	void goodFile() throws Exception {
		Path folder = Files.createTempDirectory(home(), "files");
		this.good = Files.readAllBytes(SubmissionFiles.write(folder, "14320", YearMonth.of(2019, 3),
				SubmissionFiles.values("traffic_accidents", 1), (village, indicator) -> 0));
		this.jdbc.sql("UPDATE ops.app_user SET disabled = false").update();
		this.jdbc.sql("DELETE FROM ops.upload").update();
		this.clock.reset();
	}

	@Test
	void aCheckedUploadIsShownFromItsStoredCheckAndRemovedWhenReplacedSubmittedOrOld() throws Exception {
		ConsoleSession clerk = new ConsoleSession(this.port);
		clerk.login("clerk", "clerk-secret");
		String first = checkOnPage(clerk, "2019-03", bad());
		Path firstFile = inbox().resolve(".upload-" + first + "-14320_2019-03.csv");
		assertThat(firstFile).exists();
		// the page shows the stored check: a file changed behind it is not validated
		// again
		Files.write(firstFile, this.good);
		assertThat(clerk.get("/units/14320/uploads/" + first).body()).contains("không phải số nguyên");
		// checked again for the same month: the first is gone, file and row
		String second = checkOnPage(clerk, "2019-03", this.good);
		assertThat(firstFile).doesNotExist();
		assertThat(clerk.get("/units/14320/uploads/" + first).statusCode()).isEqualTo(400);
		assertThat(hiddenFiles()).containsExactly(".upload-" + second + "-14320_2019-03.csv");
		// submitted: gone from the held uploads
		String page = "/units/14320/uploads/" + second;
		assertThat(clerk.postForm(page, page + "/submit", Map.of()).statusCode()).isEqualTo(302);
		assertThat(inbox().resolve("14320_2019-03.csv")).hasBinaryContent(this.good);
		assertThat(hiddenFiles()).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.upload").query(Long.class).single()).isZero();
		// left unsubmitted: removed once older than safetystats.uploads.kept (60 minutes)
		String third = checkOnPage(clerk, "2019-02", this.good);
		this.clock.set(Instant.now().plus(Duration.ofMinutes(59)));
		assertThat(clerk.get("/units/14320/uploads/" + third).statusCode()).isEqualTo(200);
		this.clock.set(Instant.now().plus(Duration.ofMinutes(61)));
		assertThat(clerk.get("/units/14320/uploads/" + third).statusCode()).isEqualTo(400);
		assertThat(hiddenFiles()).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.upload").query(Long.class).single()).isZero();
	}

	@Test
	void anAccountHoldsOnlySoManyCheckedUploads() throws Exception {
		ConsoleSession api = new ConsoleSession(this.port);
		for (String month : new String[] { "2019-01", "2019-02", "2019-03" }) {
			assertThat(api
				.postFile("/api/units/14320/uploads", Map.of("period", month), "a.csv", this.good, "clerk:clerk-secret")
				.statusCode()).isEqualTo(200);
		}
		// a fourth month is refused, with what the account holds and what it may
		HttpResponse<String> fourth = api.postFile("/api/units/14320/uploads", Map.of("period", "2019-04"), "a.csv",
				this.good, "clerk:clerk-secret");
		assertThat(fourth.statusCode()).isEqualTo(400);
		assertThat(fourth.body()).contains("clerk holds 3 checked uploads", "at most 3");
		assertThat(hiddenFiles()).hasSize(3);
		// a month checked again replaces its upload
		assertThat(api
			.postFile("/api/units/14320/uploads", Map.of("period", "2019-01"), "a.csv", this.good, "clerk:clerk-secret")
			.statusCode()).isEqualTo(200);
		assertThat(hiddenFiles()).hasSize(3);
		// another account has its own quota, in size too
		byte[] large = new byte[1_100_000];
		java.util.Arrays.fill(large, (byte) 'x');
		HttpResponse<String> tooLarge = api.postFile("/api/units/14320/uploads", Map.of("period", "2019-01"), "a.csv",
				large, "admin:admin-secret");
		assertThat(tooLarge.statusCode()).isEqualTo(400);
		assertThat(tooLarge.body()).contains("1,048,576 bytes in all");
		assertThat(hiddenFiles()).hasSize(3);
	}

	@Test
	void aHostileWorkbookIsRefusedAtOnceWithOneShortFinding() throws Exception {
		// the probe's workbook: a shared string of a million characters as the value of
		// 3,000 rows
		StringBuilder letters = new StringBuilder();
		java.util.Random random = new java.util.Random(26);
		for (int i = 0; i < 1_000_000; i++) {
			letters.append((char) ('a' + random.nextInt(26)));
		}
		Path workbook = org.safetystats.Workbooks.oneSharedValue(home().resolve("probe.xlsx"), "14320", "2019-03",
				letters.toString(), 3_000);
		HttpResponse<String> checked = new ConsoleSession(this.port).postFile("/api/units/14320/uploads",
				Map.of("period", "2019-03"), "probe.xlsx", Files.readAllBytes(workbook), "clerk:clerk-secret");
		assertThat(checked.statusCode()).isEqualTo(200);
		assertThat(checked.body()).contains("\"loadable\":false", "RECORD_TOO_LONG", "Sheet1!2:2")
			.hasSizeLessThan(2_000);
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.upload_finding").query(Long.class).single()).isEqualTo(1);
	}

	private static String checkOnPage(ConsoleSession clerk, String period, byte[] file) throws Exception {
		HttpResponse<String> checked = clerk.postFile("/units/14320/uploads",
				Map.of("_csrf", clerk.csrf("/units/14320"), "period", period), "bao-cao.csv", file, null);
		assertThat(checked.statusCode()).as(checked.body()).isEqualTo(302);
		String location = checked.headers().firstValue("Location").orElseThrow();
		return location.substring(location.lastIndexOf('/') + 1);
	}

	private static java.util.List<String> hiddenFiles() throws java.io.IOException {
		try (java.util.stream.Stream<Path> files = Files.list(inbox())) {
			return files.map((f) -> f.getFileName().toString()).filter((name) -> name.startsWith(".upload-")).toList();
		}
	}

	private byte[] bad() {
		return new String(this.good, java.nio.charset.StandardCharsets.UTF_8).replaceFirst(",1,", ",một,")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

}
