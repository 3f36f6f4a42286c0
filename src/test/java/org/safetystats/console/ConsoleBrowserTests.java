package org.safetystats.console;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.safetystats.ApiUsers;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.admin.PipelineLock;
import org.safetystats.ingest.IngestJob;
import org.safetystats.schedule.NightlyJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser, what issue 13 lists: sign-in and sign-out, the language
 * switch, an admin's action with its reason and the 409 while a run holds the lock, a
 * clerk's bad XLSX with its findings by cell then the corrected file LOADED, a clerk
 * refused another unit, a viewer without actions, a form without its CSRF token refused.
 * One server and one browser ({@link ConsoleBrowser}) for the class; each test saves
 * screenshots under {@code target/screenshots/}, the clerk's also at a phone's size.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Tag("browser")
class ConsoleBrowserTests extends IntegrationTestSupport {

	private static final String DENIED = "Không có quyền truy cập";

	private static ConsoleBrowser browser;

	/** The nightly execution the admin started, made to look running again later. */
	private static long nightlyExecution;

	@DynamicPropertySource
	static void users(DynamicPropertyRegistry registry) {
		ApiUsers.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	JobRunner jobs;

	@Autowired
	javax.sql.DataSource dataSource;

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = new ConsoleBrowser();
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@BeforeEach
	void onThisServer() {
		browser.port(this.port);
	}

	@Test
	@Order(1)
	void theLoginPageIsInVietnameseAndSwitchesToEnglish() throws IOException {
		browser.open("/");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
		assertThat(browser.text("h1")).isEqualTo("Đăng nhập");
		browser.clickAndWait(browser.driver().findElement(By.linkText("English")));
		assertThat(browser.text("h1")).isEqualTo("Sign in");
		assertThat(browser.text("label[for=password]")).isEqualTo("Password");
		browser.screenshot("01-login-en");
		browser.clickAndWait(browser.driver().findElement(By.linkText("Tiếng Việt")));
		assertThat(browser.text("h1")).isEqualTo("Đăng nhập");
		browser.signIn("admin", "wrong-password");
		assertThat(browser.text(".error")).contains("Sai tên đăng nhập hoặc mật khẩu");
		browser.screenshot("02-login-failed-vi");
	}

	@Test
	@Order(2)
	void anAdminRunsTheNightlyJobWithAReasonAndAConfirmationAndSeesItsExecution() throws Exception {
		browser.signIn("admin", "admin-secret");
		assertThat(browser.text("h1")).isEqualTo("Tổng quan");
		assertThat(browser.find("#completeness").isDisplayed()).isTrue();
		// the dashboard leads with the state: the reports missing past their due day, the
		// last runs; the actions
		// are a page of their own
		assertThat(browser.text("#missing")).matches("Báo cáo năm \\d{4} còn thiếu đã quá hạn: [\\d.]+");
		assertThat(browser.shows("#action-nightly")).isFalse();
		browser.screenshot("03-dashboard-admin");
		browser.clickAndWait(browser.find("#to-actions a"));
		assertThat(browser.driver().getCurrentUrl()).endsWith("/actions");
		browser.screenshot("03-actions-admin");
		// a form without its CSRF token: refused, nothing done
		assertThat(browser.statusOfPost("/actions/nightly", false, "reason", "forged", "confirm", "true"))
			.isEqualTo(403);
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.admin_action WHERE reason = 'forged'")
			.query(Long.class)
			.single()).isZero();
		WebElement nightly = browser.find("#action-nightly");
		nightly.findElement(By.name("reason")).sendKeys("kiểm tra sau khi cập nhật");
		nightly.findElement(By.name("confirm")).click();
		browser.clickAndWait(nightly.findElement(By.tagName("button")));
		assertThat(browser.driver().getCurrentUrl()).contains("/executions/");
		assertThat(browser.text("#execution-job")).isEqualTo("nightlyJob");
		assertThat(browser.text(".info")).contains("Đã bắt đầu");
		browser.screenshot("04-execution-started");
		nightlyExecution = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*/executions/", ""));
		assertThat(this.jdbc.sql("SELECT reason FROM ops.admin_action WHERE job_execution_id = :id")
			.param("id", nightlyExecution)
			.query(String.class)
			.list()).contains("kiểm tra sau khi cập nhật");
		// the run ends (the inbox is empty) before the next test
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc
				.sql("SELECT count(*) FROM batch.batch_job_execution WHERE job_execution_id = :id AND end_time IS NULL")
				.param("id", nightlyExecution)
				.query(Long.class)
				.single() == 0);
	}

	@Test
	@Order(3)
	void anAdminRerunningTheWarehouseWhileARunHoldsTheLockIsToldWhichRuns() throws Exception {
		browser.open("/actions");
		// a run in progress, as a crash-free run looks: its execution STARTED, the lock
		// held
		String status = "UPDATE batch.batch_job_execution SET status = :status WHERE job_execution_id = :id";
		this.jdbc.sql(status).param("status", "STARTED").param("id", nightlyExecution).update();
		try (AutoCloseable held = new PipelineLock(this.dataSource).tryAcquire().orElseThrow()) {
			WebElement rerun = browser.find("#action-rerun-warehouse");
			rerun.findElement(By.name("reason")).sendKeys("sửa số liệu 2019");
			rerun.findElement(By.name("confirm")).click();
			browser.clickAndWait(rerun.findElement(By.tagName("button")));
			assertThat(browser.text(".error")).contains("Đang có việc khác chạy (lượt " + nightlyExecution + ")")
				.doesNotContain("null");
			browser.screenshot("05-rerun-refused-while-running");
		}
		finally {
			this.jdbc.sql(status).param("status", "COMPLETED").param("id", nightlyExecution).update();
		}
		assertThat(this.jdbc
			.sql("SELECT job_execution_id FROM ops.admin_action WHERE action = 'rerun-warehouse'"
					+ " AND outcome = 'ALREADY_RUNNING' AND requested_by = 'admin'")
			.query(Long.class)
			.single()).isEqualTo(nightlyExecution);
		// an account for a clerk of another ward, from the accounts page
		browser.open("/users");
		WebElement add = browser.find("#add-user");
		add.findElement(By.name("name")).sendKeys("mai");
		new Select(add.findElement(By.name("role"))).selectByValue("CLERK");
		add.findElement(By.name("units")).sendKeys("14323");
		add.findElement(By.name("password")).sendKeys("mat-khau-14323");
		add.findElement(By.name("again")).sendKeys("mat-khau-14323");
		browser.clickAndWait(add.findElement(By.tagName("button")));
		assertThat(browser.text(".info")).isEqualTo("Đã lưu thay đổi.");
		assertThat(browser.text("#accounts")).contains("mai", "CLERK", "14323");
		browser.screenshot("06-accounts");
		// signing out through the page's form: back at the login page, signed out
		browser.clickAndWait(browser.find("#logout"));
		assertThat(browser.driver().getCurrentUrl()).contains("/login");
		assertThat(browser.text(".info")).isEqualTo("Bạn đã đăng xuất.");
		browser.open("/executions");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
	}

	@Test
	@Order(4)
	void aClerkUploadsABadWorkbookSeesVietnameseFindingsByCellThenSubmitsTheCorrectedOne() throws Exception {
		browser.signIn("clerk", "clerk-secret");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/units/14320");
		browser.open("/units/14320?period=2019-03");
		assertThat(browser.text("#deadline")).startsWith("Hạn nộp báo cáo tháng 2019-03");
		browser.screenshot("07-clerk-unit");
		browser.resize(ConsoleBrowser.PHONE);
		browser.screenshot("07-clerk-unit-phone");
		// the month's template through the page's link, filled in, one value not a number
		byte[] template = browser.download(browser.find("#template-xlsx").getAttribute("href"));
		Path folder = Files.createTempDirectory(home(), "clerk");
		Path bad = Files.write(folder.resolve("bao-cao-thang-3-loi.xlsx"), filled(template, 6, "hai"));
		Path good = Files.write(folder.resolve("bao cao thang 3.xlsx"), filled(template, 6, null));
		// its findings, in Vietnamese, naming the sheet and cell; it cannot be submitted
		upload("2019-03", bad);
		assertThat(browser.text("#verdict")).contains("1 lỗi");
		assertThat(browser.text("table.findings tbody tr")).contains("Lỗi", "Sheet1!G7", "value", "hai",
				"không phải số nguyên");
		assertThat(browser.shows("#submit")).isFalse();
		assertThat(browser.find("#submit-anyway").isDisplayed()).isTrue();
		browser.screenshot("08-clerk-bad-file-findings-phone");
		browser.resize(ConsoleBrowser.DESKTOP);
		browser.screenshot("08-clerk-bad-file-findings");
		// the corrected workbook: loadable, submitted into the inbox
		browser.clickAndWait(browser.find("#upload-again"));
		upload("2019-03", good);
		assertThat(browser.text("#verdict")).contains("Có thể nộp");
		browser.screenshot("09-clerk-good-file");
		browser.clickAndWait(browser.find("#submit"));
		assertThat(browser.text(".info")).contains("Đã nộp 14320_2019-03.xlsx");
		assertThat(inbox().resolve("14320_2019-03.xlsx")).exists();
		// and after the next run, LOADED
		assertThat(this.jobs.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		browser.driver().navigate().refresh();
		assertThat(browser.text("table.submissions tbody tr")).contains("14320_2019-03.xlsx", "Đã nạp");
		browser.screenshot("10-clerk-file-loaded");
		browser.resize(ConsoleBrowser.PHONE);
		browser.screenshot("10-clerk-file-loaded-phone");
		browser.resize(ConsoleBrowser.DESKTOP);
	}

	@Test
	@Order(5)
	void aClerkIsRefusedAnotherUnitsPageAndUploadWhateverTheUrlSays() throws Exception {
		browser.open("/units/14323");
		assertThat(browser.text("h1")).isEqualTo(DENIED);
		// still signed in, with its own unit and the sign-out at hand
		assertThat(browser.text(".who")).isEqualTo("Đăng nhập: clerk");
		assertThat(browser.text(".top nav")).isEqualTo("14320");
		browser.screenshot("11-clerk-other-unit-denied");
		assertThat(browser.statusOfGet("/units/14323")).isEqualTo(403);
		assertThat(browser.statusOfGet("/units/14323/template?period=2019-03&format=xlsx")).isEqualTo(403);
		// its own upload form, pointed at another unit
		browser.open("/units/14320?period=2019-04");
		browser.script("document.getElementById('upload-form').action = '/units/14323/uploads'");
		Path other = SubmissionFiles.write(Files.createTempDirectory(home(), "other"), "14323", YearMonth.of(2019, 4),
				SubmissionFiles.values("traffic_accidents", 1), (village, indicator) -> 0);
		browser.find("#upload-form input[name=file]").sendKeys(other.toAbsolutePath().toString());
		browser.clickAndWait(browser.find("#check"));
		assertThat(browser.text("h1")).isEqualTo(DENIED);
		assertThat(Files.list(inbox()).map((f) -> f.getFileName().toString())).noneMatch((f) -> f.contains("14323"));
		browser.driver().manage().deleteAllCookies();
	}

	@Test
	@Order(6)
	void aViewerReadsSubmissionsAYearOverYearChartAndTheAnnualReportInEnglishButHasNoActions() throws Exception {
		// given two years of one ward, built into the warehouse
		for (int year : new int[] { 2018, 2019 }) {
			SubmissionFiles.write(inbox(), "14320", YearMonth.of(year, 1),
					SubmissionFiles.values("traffic_accidents", (year == 2019) ? 1 : 2), (village, indicator) -> 0);
		}
		assertThat(this.jobs.run(NightlyJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		browser.signIn("viewer", "viewer-secret");
		browser.open("/?lang=en&year=2019");
		assertThat(browser.text("h1")).isEqualTo("Dashboard");
		assertThat(browser.shows("#actions")).isFalse();
		assertThat(browser.shows("#action-nightly")).isFalse();
		assertThat(browser.driver().findElements(By.cssSelector("main form button"))).extracting(WebElement::getText)
			.containsOnly("Filter");
		browser.screenshot("12-dashboard-viewer-en");
		for (String action : new String[] { "/actions/nightly", "/actions/rerun-warehouse", "/actions/reingest" }) {
			assertThat(browser.statusOfPost(action, true, "reason", "thử", "confirm", "true")).as(action)
				.isEqualTo(403);
		}
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM ops.admin_action WHERE reason = 'thử'").query(Long.class).single())
			.isZero();
		browser.clickAndWait(browser.driver()
			.findElement(By.xpath("//table[@id='completeness']//tr[th/span[text()='14320']]/td[1]/a")));
		assertThat(browser.driver().getCurrentUrl()).contains("/submissions?unit=14320&period=2019-01");
		assertThat(browser.text("table.submissions tbody")).contains("14320_2019-01.csv", "Loaded");
		browser.screenshot("13-submissions-en");
		browser.open("/yoy?unit=14320&year=2019");
		assertThat(browser.text("#yoy")).contains("Traffic accidents");
		assertThat(browser.find("svg.chart").getAttribute("aria-label")).contains("2019");
		browser.screenshot("14-year-over-year-en");
		browser.clickAndWait(browser.driver().findElement(By.partialLinkText("HTML")));
		// the annual report itself, not the page before it (which names 2019 too)
		assertThat(browser.driver().getCurrentUrl()).contains("/reports/14320/2019.html");
		assertThat(browser.driver().getPageSource())
			.contains("Whole people protect national security: results for 2019");
		browser.screenshot("15-annual-report");
		// "cùng kỳ" month by month, through the menu: the window against the same months
		// of the year before, and one indicator's months of both years as a line chart
		browser.open("/?lang=en");
		browser.clickAndWait(browser.driver().findElement(By.linkText("Same period")));
		browser.open("/same-period?unit=14320&from=2019-01&to=2019-06&as=then");
		assertThat(browser.text("#window"))
			.isEqualTo("2019-01..2019-06 against the same months a year earlier, " + "2018-01..2018-06");
		assertThat(browser.text("#same-period tbody tr")).contains("Traffic accidents (cases)", "0", "2");
		assertThat(browser.find("svg.months").getAttribute("aria-label")).contains("Traffic accidents (cases)",
				"2019-01", "2019-06");
		assertThat(browser.driver().findElements(By.cssSelector("svg.months circle.cur"))).hasSize(1);
		assertThat(browser.driver().findElements(By.cssSelector("svg.months circle.prev"))).hasSize(1);
		browser.screenshot("16-same-period-en");
		browser.resize(ConsoleBrowser.PHONE);
		// as now: Đông Thành's months under Phường Hoa Lư, which it is part of today
		browser.open("/same-period?unit=14329&from=2019-01&to=2019-06&as=now&lang=vi");
		assertThat(browser.text("h1")).startsWith("So sánh cùng kỳ theo tháng");
		assertThat(browser.text("#same-period tbody tr")).contains("Số vụ tai nạn giao thông", "2", "1");
		browser.screenshot("16-same-period-vi-phone");
		browser.resize(ConsoleBrowser.DESKTOP);
		// every table as a file: the links under a table page keep its filters and answer
		// a workbook
		browser.open("/same-period?unit=14320&from=2019-01&to=2019-06&as=then");
		String xlsx = browser.find("a.xlsx").getAttribute("href");
		assertThat(xlsx).endsWith("/same-period?unit=14320&from=2019-01&to=2019-06&as=then&format=xlsx");
		assertThat(browser
			.script("return fetch(arguments[0]).then((r) => r.status + ' ' + r.headers.get('content-type'))", xlsx))
			.isEqualTo("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		// the completeness of a year, through the menu: the wards with a missing month
		// first, or by former district
		browser.open("/?lang=en");
		browser.clickAndWait(browser.driver().findElement(By.linkText("Completeness")));
		browser.open("/completeness?year=2019&unit=369");
		assertThat(browser.text("#summary")).startsWith("369 Thành phố Ninh Bình: 14 wards and communes");
		assertThat(browser.text("#completeness tbody tr.group th")).isEqualTo("Reports missing (14)");
		browser.screenshot("18-completeness-en");
		browser.resize(ConsoleBrowser.PHONE);
		browser.open("/completeness?year=2019&unit=369&group=district&lang=vi");
		assertThat(browser.text("#completeness tbody tr.group th")).isEqualTo("369 Thành phố Ninh Bình (14)");
		browser.screenshot("18-completeness-district-vi-phone");
		browser.resize(ConsoleBrowser.DESKTOP);
		// the data dictionary, through the menu: the database's own comments
		browser.open("/?lang=en");
		browser.clickAndWait(browser.driver().findElement(By.linkText("Data dictionary")));
		assertThat(browser.driver().getCurrentUrl()).endsWith("/dictionary");
		assertThat(browser.text("h1")).isEqualTo("Data dictionary");
		assertThat(browser.text("#agg_indicator_month")).contains("warehouse.agg_indicator_month", "table",
				"never a zero for missing data", "SELECT * FROM warehouse.agg_indicator_month LIMIT 20;");
		assertThat(browser.text("#same_period-3")).contains("function", "months_compared",
				"SELECT * FROM warehouse.same_period('2019-01', '2019-09');");
		browser.find("#to-traffic_yoy").click();
		assertThat(browser.driver().getCurrentUrl()).endsWith("/dictionary#traffic_yoy");
		browser.screenshot("17-dictionary-en");
		browser.resize(ConsoleBrowser.PHONE);
		browser.open("/dictionary?lang=vi");
		assertThat(browser.text("h1")).isEqualTo("Từ điển dữ liệu");
		browser.screenshot("17-dictionary-vi-phone");
		browser.resize(ConsoleBrowser.DESKTOP);
		browser.open("/?lang=vi");
	}

	private void upload(String period, Path file) {
		WebElement form = browser.find("#upload-form");
		browser.script("arguments[0].value = arguments[1]", form.findElement(By.name("period")), period);
		form.findElement(By.name("file")).sendKeys(file.toAbsolutePath().toString());
		browser.clickAndWait(form.findElement(By.id("check")));
		assertThat(browser.driver().getCurrentUrl()).contains("/uploads/");
	}

	/**
	 * The template with every value cell at 0, but the one of row index
	 * {@code badRowIndex} (6 is Excel's row 7) holding {@code badText} when given.
	 */
	private static byte[] filled(byte[] template, int badRowIndex, String badText) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
			Sheet sheet = workbook.getSheet("Sheet1");
			int value = 6;
			assertThat(sheet.getRow(0).getCell(value).getStringCellValue()).isEqualTo("value");
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (r == badRowIndex && badText != null) {
					row.createCell(value).setCellValue(badText);
				}
				else {
					row.createCell(value).setCellValue(0);
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			return out.toByteArray();
		}
	}

}
