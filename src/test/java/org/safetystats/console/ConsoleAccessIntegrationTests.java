package org.safetystats.console;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safetystats.ingest.IngestJob;
import org.safetystats.ApiUsers;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.EmptyTables;
import org.safetystats.TestClock;
import org.safetystats.users.Role;
import org.safetystats.users.UserAccounts;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, over real HTTP against a real server: a clerk of 14320 sees and
 * uploads for 14320 only, whatever the URL (console and JSON API); a viewer reads and
 * acts on nothing; a form without its CSRF token is refused; a disabled account cannot
 * sign in, and the sessions of an account disabled or changed end at their next request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
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
	org.safetystats.admin.JobRunner jobs;

	@org.springframework.beans.factory.annotation.Autowired
	UserAccounts accounts;

	byte[] good;

	@BeforeEach
	void goodFile() throws Exception {
		Path folder = Files.createTempDirectory(home(), "files");
		this.good = Files.readAllBytes(SubmissionFiles.write(folder, "14320", YearMonth.of(2019, 3),
				SubmissionFiles.values("traffic_accidents", 1), (village, indicator) -> 0));
		this.jdbc.sql("UPDATE ops.app_user SET disabled = false").update();
		this.jdbc.sql("DELETE FROM ops.upload").update();
	}

	@Test
	void aClerkSeesAndUploadsForItsOwnUnitOnlyWhateverTheUrlSays() throws Exception {
		long mark = lastAction();
		ConsoleSession clerk = new ConsoleSession(this.port);
		assertThat(clerk.login("clerk", "clerk-secret").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/"));
		// the start page leads a clerk to its unit
		assertThat(clerk.get("/").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/units/14320"));
		HttpResponse<String> own = clerk.get("/units/14320");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).contains("id=\"upload-form\"").contains("Hạn nộp báo cáo tháng");
		// another unit, by URL: refused, in the console and the API alike
		assertThat(clerk.get("/units/14323").statusCode()).isEqualTo(403);
		assertThat(clerk.get("/units/14323/submissions/1").statusCode()).isEqualTo(403);
		String token = clerk.csrf("/units/14320");
		HttpResponse<String> foreignUpload = clerk.postFile("/units/14323/uploads",
				Map.of("_csrf", token, "period", "2019-03"), "14323_2019-03.csv", this.good, null);
		assertThat(foreignUpload.statusCode()).isEqualTo(403);
		assertThat(clerk.get("/submissions").statusCode()).isEqualTo(403);
		assertThat(clerk.get("/executions").statusCode()).isEqualTo(403);
		assertThat(clerk.api("/api/units/14323/submissions", "clerk:clerk-secret").statusCode()).isEqualTo(403);
		assertThat(clerk.api("/api/completeness?year=2019", "clerk:clerk-secret").statusCode()).isEqualTo(403);
		assertThat(clerk.api("/api/completeness?year=2019&unit=14323", "clerk:clerk-secret").statusCode())
			.isEqualTo(403);
		assertThat(clerk.api("/api/completeness?year=2019&unit=14320", "clerk:clerk-secret").statusCode())
			.isEqualTo(200);
		assertThat(clerk.api("/api/executions", "clerk:clerk-secret").statusCode()).isEqualTo(403);
		assertThat(clerk
			.postFile("/api/units/14323/uploads", Map.of("period", "2019-03"), "x.csv", this.good, "clerk:clerk-secret")
			.statusCode()).isEqualTo(403);
		assertThat(Files.list(inbox()).filter((f) -> !f.getFileName().toString().startsWith("."))).isEmpty();
		// both refusals on record, with who and what
		assertThat(this.jdbc.sql("""
				SELECT requested_by || ' ' || action FROM ops.admin_action
				WHERE outcome = 'FORBIDDEN' AND action_id > :mark ORDER BY action_id
				""").param("mark", mark).query(String.class).list()).containsExactly("clerk POST /units/14323/uploads",
				"clerk POST /api/units/14323/uploads");
		// its own unit through the API: checked, and submitted into the inbox
		HttpResponse<String> upload = clerk.postFile("/api/units/14320/uploads",
				Map.of("period", "2019-03", "submit", "true"), "bao-cao-thang-3.csv", this.good, "clerk:clerk-secret");
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
		assertThat(upload.body()).contains("\"fileName\":\"14320_2019-03.csv\"", "\"loadable\":true",
				"\"submitted\":true");
		assertThat(inbox().resolve("14320_2019-03.csv")).hasBinaryContent(this.good);
		// a second file for the same month never replaces the one waiting
		HttpResponse<String> again = clerk.postFile("/api/units/14320/uploads",
				Map.of("period", "2019-03", "submit", "true"), "b.csv", (new String(this.good) + "\n").getBytes(),
				"clerk:clerk-secret");
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("already waiting in the inbox");
		assertThat(inbox().resolve("14320_2019-03.csv")).hasBinaryContent(this.good);
		// both audited, with who sent them
		assertThat(this.jdbc.sql(
				"SELECT requested_by || ' ' || outcome FROM ops.admin_action WHERE action = 'upload' ORDER BY action_id")
			.query(String.class)
			.list()).containsExactly("clerk SUBMITTED", "clerk REFUSED");
	}

	@Test
	void aClerkDownloadsTheMonthsTemplateOfItsOwnUnitOnly() throws Exception {
		ConsoleSession clerk = new ConsoleSession(this.port);
		clerk.login("clerk", "clerk-secret");
		assertThat(clerk.get("/units/14320?period=2019-03").body()).contains("/units/14320/template?period=2019-03");
		HttpResponse<String> csv = clerk.get("/units/14320/template?period=2019-03&format=csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition).contains("14320_2019-03.csv"));
		assertThat(csv.body()).contains("14320,2019-03", "traffic_accidents");
		HttpResponse<String> xlsx = clerk.get("/units/14320/template?period=2019-03&format=xlsx");
		assertThat(xlsx.statusCode()).isEqualTo(200);
		assertThat(xlsx.body()).startsWith("PK");
		assertThat(clerk.get("/units/14323/template?period=2019-03&format=csv").statusCode()).isEqualTo(403);
	}

	@Test
	void aFileSubmittedAnywayIsRejectedAndItsClerkDownloadsTheErrorReport() throws Exception {
		byte[] bad = new String(this.good, java.nio.charset.StandardCharsets.UTF_8).replaceFirst(",1,", ",một,")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		ConsoleSession clerk = new ConsoleSession(this.port);
		HttpResponse<String> refused = clerk.postFile("/api/units/14320/uploads",
				Map.of("period", "2019-03", "submit", "true"), "a.csv", bad, "clerk:clerk-secret");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("would be rejected");
		HttpResponse<String> anyway = clerk.postFile("/api/units/14320/uploads",
				Map.of("period", "2019-03", "submit", "true", "anyway", "true"), "a.csv", bad, "clerk:clerk-secret");
		assertThat(anyway.body()).contains("\"loadable\":false", "\"submitted\":true", "VALUE_NOT_INTEGER");
		assertThat(this.jobs.run(IngestJob.NAME).getStatus())
			.isEqualTo(org.springframework.batch.core.BatchStatus.COMPLETED);
		long id = this.jdbc.sql("SELECT submission_id FROM ops.submission WHERE status = 'REJECTED'")
			.query(Long.class)
			.single();
		clerk.login("clerk", "clerk-secret");
		assertThat(clerk.get("/units/14320/submissions/" + id).body()).contains("Bị từ chối", "không phải số nguyên");
		HttpResponse<String> report = clerk.get("/units/14320/submissions/" + id + "/errors.csv");
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.body()).contains("VALUE_NOT_INTEGER", "một");
	}

	@Test
	void everyTablePageAnswersAsXlsxAndCsvWithThePagesFiguresAndAClerkOnlyItsOwnFindings() throws Exception {
		// given two years of 14320's March, one bad file of 14320, and the warehouse
		// built
		SubmissionFiles.write(inbox(), "14320", YearMonth.of(2018, 3),
				SubmissionFiles.values("traffic_accidents", 4, "traffic_deaths", 1), (village, indicator) -> 0);
		SubmissionFiles.write(inbox(), "14320", YearMonth.of(2019, 3),
				SubmissionFiles.values("traffic_accidents", 7, "traffic_deaths", 1), (village, indicator) -> 0);
		Files.writeString(inbox().resolve("14320_2019-04.csv"),
				"unit_code,period,village_code,indicator,value,note\n=HYPERLINK(1),2019-04,,traffic_accidents,1,\n");
		assertThat(this.jobs.run(org.safetystats.schedule.NightlyJob.NAME).getStatus())
			.isEqualTo(org.springframework.batch.core.BatchStatus.COMPLETED);
		ConsoleSession viewer = new ConsoleSession(this.port);
		viewer.login("viewer", "viewer-secret");
		// the page offers its table as a file, with the page's filters
		String page = viewer.get("/yoy?unit=14320&year=2019").body();
		assertThat(page).contains("href=\"/yoy?unit=14320&amp;year=2019&amp;format=xlsx\"");
		// the workbook: the title and filters above, Vietnamese headings, numbers as
		// numbers
		HttpResponse<byte[]> xlsx = viewer.getBytes("/yoy?unit=14320&year=2019&format=xlsx");
		assertThat(xlsx.statusCode()).isEqualTo(200);
		assertThat(xlsx.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((value) -> assertThat(value).contains("attachment").contains("yoy_14320_2019.xlsx"));
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
				new java.io.ByteArrayInputStream(xlsx.body()))) {
			org.apache.poi.ss.usermodel.Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("So sánh cùng kỳ");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Đơn vị");
			assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).startsWith("14320 ");
			assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("2019");
			org.apache.poi.ss.usermodel.Row head = sheet.getRow(5);
			assertThat(head.getCell(1).getStringCellValue()).isEqualTo("Chỉ tiêu");
			assertThat(head.getCell(2).getStringCellValue()).isEqualTo("Năm 2018");
			assertThat(head.getCell(3).getStringCellValue()).isEqualTo("Năm 2019");
			org.apache.poi.ss.usermodel.Row accidents = null;
			for (int r = 6; r <= sheet.getLastRowNum(); r++) {
				if (sheet.getRow(r).getCell(0).getStringCellValue().equals("traffic_accidents")) {
					accidents = sheet.getRow(r);
				}
			}
			assertThat(accidents).as("the accidents row").isNotNull();
			assertThat(accidents.getCell(2).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
			assertThat(accidents.getCell(2).getNumericCellValue()).isEqualTo(4.0);
			assertThat(accidents.getCell(3).getNumericCellValue()).isEqualTo(7.0);
			assertThat(accidents.getCell(4).getNumericCellValue()).isEqualTo(3.0);
			assertThat(accidents.getCell(5).getNumericCellValue()).isEqualTo(75.0);
			assertThat(accidents.getCell(6).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.BOOLEAN);
		}
		// the CSV: a byte order mark, the same headings and figures
		HttpResponse<String> csv = viewer.get("/yoy?unit=14320&year=2019&format=csv");
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("text/csv"));
		assertThat(csv.body()).startsWith("\uFEFFMã,Chỉ tiêu,Năm 2018,Năm 2019,Thay đổi,Thay đổi (%),Đủ số liệu\r\n");
		assertThat(csv.body()).containsPattern("\r\ntraffic_accidents,[^,]+,4,7,3,75.0,false\r\n");
		// the same period, as now with its bounds' columns: the figures of the ward 14320
		// is
		// counted under today
		String today = this.jdbc
			.sql("""
					SELECT now_code FROM warehouse.unit_as_now WHERE unit_code = '14320' ORDER BY unit_valid_from DESC LIMIT 1
					""")
			.query(String.class)
			.single();
		String expected = this.jdbc.sql("""
				SELECT concat_ws(',', prev_value, value, change, change_pct, CAST(complete AS varchar(5)),
				                 CAST(estimated AS varchar(5)), prev_value_low,
				                 prev_value_high, value_low, value_high)
				FROM warehouse.same_period_as_now('2019-01', '2019-03')
				WHERE unit_code = :unit AND level = 'commune' AND indicator = 'traffic_accidents'
				""").param("unit", today).query(String.class).single();
		assertThat(viewer.get("/same-period?unit=" + today + "&from=2019-01&to=2019-03&as=now&format=csv").body())
			.contains("2018-01..2018-03,2019-01..2019-03", "Ước tính", "Cận dưới 2019-01..2019-03")
			.containsPattern("\\r\\ntraffic_accidents,[^,]+," + java.util.regex.Pattern.quote(expected) + "\\r\\n");
		// submissions, with the page's filter; a text a spreadsheet would run stays text
		String submissions = viewer.get("/submissions?unit=14320&format=csv").body();
		assertThat(submissions.lines()).hasSize(4);
		assertThat(submissions).contains("14320_2019-04.csv,14320,2019-04,", ",Bị từ chối,").contains("+07:00");
		long rejected = this.jdbc.sql("SELECT submission_id FROM ops.submission WHERE status = 'REJECTED'")
			.query(Long.class)
			.single();
		// the audit log and the completeness page, both as workbooks
		assertThat(viewer.getBytes("/audit?format=xlsx").statusCode()).isEqualTo(200);
		HttpResponse<String> completeness = viewer.get("/completeness?year=2019&unit=369");
		assertThat(completeness.body()).contains("Còn thiếu báo cáo (14)", "id=\"summary\"");
		String matrix = viewer.get("/completeness?year=2019&unit=369&format=csv").body();
		assertThat(matrix.lines()).hasSize(15);
		// missing first: the wards missing every month, then 14320 (March in, April
		// rejected)
		assertThat(matrix.lines().skip(1).limit(13))
			.allSatisfy((line) -> assertThat(line).doesNotContain("Bị từ chối"));
		assertThat(matrix.lines().reduce((a, b) -> b))
			.hasValueSatisfying((line) -> assertThat(line).startsWith("14320,").contains("Bị từ chối"));
		// a format the page has not: a usage error; a clerk: only its own unit's findings
		assertThat(viewer.get("/yoy?unit=14320&format=pdf").statusCode()).isEqualTo(400);
		assertThat(viewer.get("/units/14320/submissions/" + rejected + "?format=csv").body()).contains("Dòng / ô",
				"'=HYPERLINK(1)");
		ConsoleSession clerk = new ConsoleSession(this.port);
		clerk.login("clerk", "clerk-secret");
		assertThat(clerk.get("/units/14320/submissions/" + rejected + "?format=xlsx").statusCode()).isEqualTo(200);
		assertThat(clerk.get("/submissions?format=csv").statusCode()).isEqualTo(403);
		assertThat(clerk.get("/completeness?format=csv").statusCode()).isEqualTo(403);
	}

	@Test
	void aViewerReadsButHasNoActionsAndIsRefusedThem() throws Exception {
		long mark = lastAction();
		ConsoleSession viewer = new ConsoleSession(this.port);
		viewer.login("viewer", "viewer-secret");
		HttpResponse<String> dashboard = viewer.get("/");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("Tính đầy đủ").doesNotContain("action-nightly");
		assertThat(viewer.get("/units/14323").body()).doesNotContain("upload-form");
		assertThat(viewer.get("/users").statusCode()).isEqualTo(403);
		assertThat(viewer.get("/actions").statusCode()).isEqualTo(403);
		HttpResponse<String> run = viewer.postForm("/", "/actions/nightly", Map.of("reason", "try", "confirm", "true"));
		assertThat(run.statusCode()).isEqualTo(403);
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM ops.admin_action WHERE action = 'run'").query(Long.class).single())
			.isZero();
		assertThat(viewer.postForm("/", "/users/clerk/disable", Map.of()).statusCode()).isEqualTo(403);
		// every refusal in the admins' part is on record, reads of it included
		assertThat(this.jdbc.sql("""
				SELECT requested_by || ' ' || action || ' ' || outcome FROM ops.admin_action
				WHERE requested_by = 'viewer' AND action_id > :mark ORDER BY action_id
				""").param("mark", mark).query(String.class).list()).containsExactly("viewer GET /users FORBIDDEN",
				"viewer GET /actions FORBIDDEN", "viewer POST /actions/nightly FORBIDDEN",
				"viewer POST /users/clerk/disable FORBIDDEN");
	}

	@Test
	void withoutFiguresThePagesShowTheYearOfTheApplicationsClockNotTheMachines() throws Exception {
		// given an empty warehouse and the application's clock years ahead
		EmptyTables.empty(this.jdbc,
				List.of("warehouse.completeness", "warehouse.completeness_state", "warehouse.agg_indicator_year"));
		TestClock.at("2033-06-01T03:00:00Z");
		ConsoleSession viewer = new ConsoleSession(this.port);
		viewer.login("viewer", "viewer-secret");
		// then the dashboard, the matrix and a unit's year over year show that year
		assertThat(viewer.get("/").body()).contains("2033");
		assertThat(viewer.get("/completeness").body()).contains("2033");
		assertThat(viewer.get("/yoy?unit=14359").body()).contains("2033");
	}

	@Test
	void anActionWithoutAReasonOrItsConfirmationIsRefusedAndRecorded() throws Exception {
		long mark = lastAction();
		long executions = this.jdbc.sql("SELECT count(*) FROM batch.batch_job_execution").query(Long.class).single();
		ConsoleSession admin = new ConsoleSession(this.port);
		admin.login("admin", "admin-secret");
		HttpResponse<String> noReason = admin.postForm("/", "/actions/nightly",
				Map.of("reason", " ", "confirm", "true"));
		HttpResponse<String> unconfirmed = admin.postForm("/", "/actions/restart",
				Map.of("execution", "7", "reason", "retry"));
		assertThat(noReason.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/actions"));
		assertThat(unconfirmed.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/actions"));
		assertThat(this.jdbc.sql("""
				SELECT action || ' ' || parameters || ' ' || outcome || ': ' || detail FROM ops.admin_action
				WHERE requested_by = 'admin' AND action_id > :mark ORDER BY action_id
				""").param("mark", mark).query(String.class).list())
			.containsExactly("run nightlyJob REFUSED: no reason given", "restart execution 7 REFUSED: not confirmed");
		// the audit log shows when, in the reporting time zone with its offset (never UTC
		// without a zone)
		String at = this.jdbc.sql("""
				SELECT to_char(requested_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI:SS') || ' +07:00'
				FROM ops.admin_action WHERE action_id = (SELECT max(action_id) FROM ops.admin_action)
				""").query(String.class).single();
		assertThat(admin.get("/audit").body()).contains(at);
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch.batch_job_execution").query(Long.class).single())
			.isEqualTo(executions);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aBadNumberInAPathOrQueryOrANulInAFileNameIsA400WithoutAStackTrace(CapturedOutput output) throws Exception {
		ConsoleSession admin = new ConsoleSession(this.port);
		admin.login("admin", "admin-secret");
		for (String path : new String[] { "/executions/abc", "/?year=x", "/units/14320/submissions/abc" }) {
			HttpResponse<String> page = admin.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(400);
			assertThat(page.body()).as(path).contains("must be a number of digits 0-9, not");
		}
		HttpResponse<String> nul = admin.postFile("/units/14320/uploads",
				Map.of("_csrf", admin.csrf("/units/14320"), "period", "2019-03"), "a\u0000b.csv", this.good, null);
		assertThat(nul.statusCode()).isEqualTo(400);
		assertThat(nul.body()).contains("file name");
		for (String name : new String[] { "a\u0000b.csv", "a\u0001b.csv" }) {
			HttpResponse<String> api = new ConsoleSession(this.port).postFile("/api/units/14320/uploads",
					Map.of("period", "2019-03"), name, this.good, "clerk:clerk-secret");
			assertThat(api.statusCode()).as(name).isEqualTo(400);
			assertThat(api.body()).as(name).containsAnyOf("control character", "cannot have");
		}
		assertThat(output.getAll()).doesNotContain("Exception", " ERROR ");
	}

	@Test
	void aPasswordOfBlanksIsRefused() throws Exception {
		ConsoleSession admin = new ConsoleSession(this.port);
		admin.login("admin", "admin-secret");
		String blanks = " ".repeat(12);
		admin.postForm("/users", "/users",
				Map.of("name", "blank", "role", "VIEWER", "password", blanks, "again", blanks));
		admin.postForm("/users", "/users/viewer/password", Map.of("password", blanks, "again", blanks));
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM ops.app_user WHERE user_name = 'blank'").query(Long.class).single())
			.isZero();
		assertThat(new ConsoleSession(this.port).login("viewer", "viewer-secret").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		assertThat(this.jdbc.sql("""
				SELECT action || ' ' || outcome FROM ops.admin_action
				WHERE requested_by = 'admin' AND detail LIKE '%only spaces%' ORDER BY action_id
				""").query(String.class).list()).containsExactly("user-add REFUSED", "user-passwd REFUSED");
	}

	@Test
	void pagesCarryASecurityPolicyAndTheSessionCookieStaysOnThisSite() throws Exception {
		// the sign-in form opens the session (its CSRF token)
		HttpResponse<String> form = new ConsoleSession(this.port).get("/login");
		assertThat(form.headers().allValues("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("JSESSIONID"))
			.isNotEmpty()
			.allSatisfy((cookie) -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure"));
		ConsoleSession admin = new ConsoleSession(this.port);
		admin.login("admin", "admin-secret");
		for (String path : new String[] { "/login", "/", "/executions/abc" }) {
			HttpResponse<String> page = (path.equals("/login") ? new ConsoleSession(this.port) : admin).get(path);
			assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'self'", "script-src 'self'",
						"frame-ancestors 'none'"));
			assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
		}
	}

	@Test
	void aFormWithoutItsCsrfTokenIsRefusedAndSignOutNeedsOneToo() throws Exception {
		ConsoleSession admin = new ConsoleSession(this.port);
		admin.login("admin", "admin-secret");
		HttpResponse<String> forged = admin.postFormWithoutToken("/actions/nightly",
				Map.of("reason", "forged", "confirm", "true"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.admin_action WHERE reason = 'forged'")
			.query(Long.class)
			.single()).isZero();
		assertThat(admin.postFormWithoutToken("/logout", Map.of()).statusCode()).isEqualTo(403);
		assertThat(admin.get("/").statusCode()).isEqualTo(200);
		// anonymous: sent to the login form
		assertThat(new ConsoleSession(this.port).get("/executions").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
	}

	@Test
	void repeatedFailedSignInsOnTheFormAreSlowedDown() throws Exception {
		ConsoleSession guesser = new ConsoleSession(this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(guesser.login("ghost", "guess-" + i).headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).contains("/login?error"));
		}
		assertThat(guesser.login("ghost", "guess-6").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/login?throttled="));
		assertThat(guesser.get("/login?throttled=1").body()).contains("Đăng nhập sai quá nhiều lần");
	}

	@Test
	void aDisabledAccountCannotSignIn() throws Exception {
		this.jdbc.sql("UPDATE ops.app_user SET disabled = true WHERE user_name = 'viewer'").update();
		assertThat(new ConsoleSession(this.port).login("viewer", "viewer-secret").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/login?error"));
		assertThat(new ConsoleSession(this.port).api("/api/executions", "viewer:viewer-secret").statusCode())
			.isEqualTo(401);
	}

	@Test
	void aSessionEndsWhenItsAccountIsDisabledGivenANewPasswordOrAnotherRole() throws Exception {
		// given three viewers signed in, and one more
		List<ConsoleSession> sessions = new ArrayList<>();
		for (String name : List.of("s-disabled", "s-passwd", "s-role", "s-kept")) {
			this.accounts.add(name, Role.VIEWER, List.of(), "session-pass-1");
			ConsoleSession session = new ConsoleSession(this.port);
			session.login(name, "session-pass-1");
			assertThat(session.get("/").statusCode()).isEqualTo(200);
			sessions.add(session);
		}
		// when the first three change as `user disable`, `user passwd` and SQL change
		// them
		this.accounts.disable("s-disabled");
		this.accounts.setPassword("s-passwd", "session-pass-2");
		this.jdbc.sql("UPDATE ops.app_user SET role = 'ADMIN' WHERE user_name = 's-role'").update();
		// then their next request is sent to sign in again, and their sessions are gone
		for (ConsoleSession ended : sessions.subList(0, 3)) {
			assertThat(ended.get("/executions").headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?expired"));
			assertThat(ended.get("/").headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		}
		assertThat(sessions.get(0).get("/login?expired").body()).contains("Phiên làm việc đã kết thúc");
		// while the unchanged account goes on, and the new password signs in
		assertThat(sessions.get(3).get("/").statusCode()).isEqualTo(200);
		ConsoleSession again = new ConsoleSession(this.port);
		assertThat(again.login("s-passwd", "session-pass-2").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		assertThat(again.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void aDisabledAdminsOldSessionCannotCreateAUserNorSetItsPassword() throws Exception {
		// given an admin signed in, with the token of its users page
		this.accounts.add("boss", Role.ADMIN, List.of(), "boss-pass-123");
		ConsoleSession boss = new ConsoleSession(this.port);
		boss.login("boss", "boss-pass-123");
		String token = boss.csrf("/users");
		// when another admin disables it on the console
		ConsoleSession admin = new ConsoleSession(this.port);
		admin.login("admin", "admin-secret");
		assertThat(admin.postForm("/users", "/users/boss/disable", Map.of()).statusCode()).isEqualTo(302);
		assertThat(this.jdbc.sql("SELECT disabled FROM ops.app_user WHERE user_name = 'boss'")
			.query(Boolean.class)
			.single()).isTrue();
		// then its old session creates nothing and changes no password
		HttpResponse<String> backdoor = boss.postFormWithoutToken("/users", Map.of("_csrf", token, "name", "backdoor",
				"role", "ADMIN", "password", "backdoor-pass-1", "again", "backdoor-pass-1"));
		assertThat(backdoor.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?expired"));
		HttpResponse<String> password = boss.postFormWithoutToken("/users/boss/password",
				Map.of("_csrf", token, "password", "boss-pass-456", "again", "boss-pass-456"));
		assertThat(password.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/login"));
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.app_user WHERE user_name = 'backdoor'")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.admin_action WHERE requested_by = 'boss'")
			.query(Long.class)
			.single()).isZero();
		assertThat(new ConsoleSession(this.port).login("boss", "boss-pass-456").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/login?error"));
	}

	private long lastAction() {
		return this.jdbc.sql("SELECT coalesce(max(action_id), 0) FROM ops.admin_action").query(Long.class).single();
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
		TestClock.advance(Duration.ofMinutes(59));
		assertThat(clerk.get("/units/14320/uploads/" + third).statusCode()).isEqualTo(200);
		TestClock.advance(Duration.ofMinutes(2));
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
