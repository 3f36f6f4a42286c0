package org.safetystats.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.safetystats.schedule.NightlyJob;
import org.safetystats.ingest.IngestJob;
import org.safetystats.ApiUsers;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.admin.PipelineLock;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser: Debian's Chromium, headless, driven by Selenium through
 * Debian's chromedriver ({@code /usr/bin/chromedriver}; nothing is downloaded; CI
 * installs both). One server and one browser for the whole class; each step saves a
 * screenshot under {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTests extends IntegrationTestSupport {

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static WebDriver browser;

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
	static void browser() throws IOException {
		assertThat(CHROMEDRIVER).as("Debian's chromium-driver: apt-get install -y chromium chromium-driver")
			.isExecutable();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=1280,1100", "--lang=vi");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	@Order(1)
	void theLoginPageIsInVietnameseAndSwitchesToEnglish() throws IOException {
		open("/");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		assertThat(text("h1")).isEqualTo("Đăng nhập");
		clickAndWait(browser.findElement(By.linkText("English")));
		assertThat(text("h1")).isEqualTo("Sign in");
		assertThat(browser.findElement(By.cssSelector("label[for=password]")).getText()).isEqualTo("Password");
		screenshot("01-login-en");
		clickAndWait(browser.findElement(By.linkText("Tiếng Việt")));
		assertThat(text("h1")).isEqualTo("Đăng nhập");
		signIn("admin", "wrong-password");
		assertThat(text(".error")).contains("Sai tên đăng nhập hoặc mật khẩu");
		screenshot("02-login-failed-vi");
	}

	@Test
	@Order(2)
	void anAdminRunsTheNightlyJobWithAReasonAndAConfirmationAndSeesItsExecution() throws Exception {
		signIn("admin", "admin-secret");
		assertThat(text("h1")).isEqualTo("Tổng quan");
		assertThat(browser.findElement(By.id("completeness")).isDisplayed()).isTrue();
		screenshot("03-dashboard-admin");
		WebElement nightly = browser.findElement(By.id("action-nightly"));
		nightly.findElement(By.name("reason")).sendKeys("kiểm tra sau khi cập nhật");
		nightly.findElement(By.name("confirm")).click();
		clickAndWait(nightly.findElement(By.tagName("button")));
		assertThat(browser.getCurrentUrl()).contains("/executions/");
		assertThat(text("#execution-job")).isEqualTo("nightlyJob");
		assertThat(text(".info")).contains("Đã bắt đầu");
		screenshot("04-execution-started");
		long started = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/executions/", ""));
		assertThat(this.jdbc.sql("SELECT reason FROM ops.admin_action WHERE job_execution_id = :id")
			.param("id", started)
			.query(String.class)
			.list()).contains("kiểm tra sau khi cập nhật");
		// the run ends (the inbox is empty) before the next step holds the lock
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline && this.jdbc
			.sql("SELECT count(*) FROM batch.batch_job_execution WHERE job_execution_id = :id AND end_time IS NULL")
			.param("id", started)
			.query(Long.class)
			.single() > 0) {
			Thread.sleep(200);
		}
	}

	@Test
	@Order(3)
	void anAdminRerunningTheWarehouseWhileARunHoldsTheLockIsToldWhichRuns() throws Exception {
		open("/");
		try (AutoCloseable held = new PipelineLock(this.dataSource).tryAcquire().orElseThrow()) {
			WebElement rerun = browser.findElement(By.id("action-rerun-warehouse"));
			rerun.findElement(By.name("reason")).sendKeys("sửa số liệu 2019");
			rerun.findElement(By.name("confirm")).click();
			clickAndWait(rerun.findElement(By.tagName("button")));
			assertThat(text(".error")).contains("Đang có việc khác chạy").doesNotContain("null");
			screenshot("05-rerun-refused-while-running");
		}
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM ops.admin_action WHERE action = 'rerun-warehouse'"
					+ " AND outcome = 'ALREADY_RUNNING' AND requested_by = 'admin'")
			.query(Long.class)
			.single()).isOne();
		// an account for a clerk of another ward, from the accounts page
		open("/users");
		WebElement add = browser.findElement(By.id("add-user"));
		add.findElement(By.name("name")).sendKeys("mai");
		new org.openqa.selenium.support.ui.Select(add.findElement(By.name("role"))).selectByValue("CLERK");
		add.findElement(By.name("units")).sendKeys("14323");
		add.findElement(By.name("password")).sendKeys("mat-khau-14323");
		add.findElement(By.name("again")).sendKeys("mat-khau-14323");
		clickAndWait(add.findElement(By.tagName("button")));
		assertThat(text(".info")).isEqualTo("Đã lưu thay đổi.");
		assertThat(text("#accounts")).contains("mai", "CLERK", "14323");
		screenshot("06-accounts");
		clickAndWait(browser.findElement(By.id("logout")));
		assertThat(text(".info")).isEqualTo("Bạn đã đăng xuất.");
	}

	@Test
	@Order(4)
	void aClerkUploadsABadFileSeesVietnameseFindingsThenSubmitsTheCorrectedOne() throws Exception {
		Path folder = Files.createTempDirectory(home(), "clerk");
		Path good = SubmissionFiles.write(folder, "14320", YearMonth.of(2019, 3),
				SubmissionFiles.values("traffic_accidents", 2), (village, indicator) -> 0);
		Path bad = folder.resolve("bao-cao-thang-3-loi.csv");
		List<String> lines = Files.readAllLines(good);
		lines.set(1, lines.get(1).replaceFirst(",2,", ",hai,"));
		Files.write(bad, lines);
		Path renamed = Files.move(good, folder.resolve("bao cao thang 3.csv"), StandardCopyOption.REPLACE_EXISTING);
		signIn("clerk", "clerk-secret");
		assertThat(browser.getCurrentUrl()).endsWith("/units/14320");
		assertThat(text("#deadline")).startsWith("Hạn nộp báo cáo tháng");
		screenshot("07-clerk-unit");
		// a bad file: its findings, in Vietnamese, with line and field; it cannot be
		// submitted as it is
		upload("2019-03", bad);
		assertThat(text("#verdict")).contains("lỗi");
		WebElement finding = browser.findElement(By.cssSelector("table.findings tbody tr"));
		assertThat(finding.getText()).contains("Lỗi", "2", "value");
		assertThat(browser.findElements(By.id("submit"))).isEmpty();
		assertThat(browser.findElement(By.id("submit-anyway")).isDisplayed()).isTrue();
		screenshot("08-clerk-bad-file-findings");
		// the corrected file: valid, submitted into the inbox
		clickAndWait(browser.findElement(By.id("upload-again")));
		upload("2019-03", renamed);
		assertThat(text("#verdict")).contains("Có thể nộp");
		screenshot("09-clerk-good-file");
		clickAndWait(browser.findElement(By.id("submit")));
		assertThat(text(".info")).contains("Đã nộp 14320_2019-03.csv");
		assertThat(inbox().resolve("14320_2019-03.csv")).exists();
		// and after the next run, LOADED
		assertThat(this.jobs.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		browser.navigate().refresh();
		assertThat(text("table.submissions tbody tr")).contains("14320_2019-03.csv", "Đã nạp");
		screenshot("10-clerk-file-loaded");
		// another unit, by URL: refused
		open("/units/14323");
		assertThat(text("h1")).isEqualTo("Không có quyền truy cập");
	}

	@Test
	@Order(5)
	void aViewerReadsSubmissionsAYearOverYearChartAndTheAnnualReportInEnglish() throws Exception {
		// given two years of one ward (two months each), built into the warehouse
		for (int year : new int[] { 2018, 2019 }) {
			for (int month = 1; month <= 2; month++) {
				SubmissionFiles.write(inbox(), "14320", YearMonth.of(year, month),
						SubmissionFiles.values("traffic_accidents", (year == 2019) ? 1 : 2), (village, indicator) -> 0);
			}
		}
		assertThat(this.jobs.run(NightlyJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		browser.manage().deleteAllCookies();
		signIn("viewer", "viewer-secret");
		open("/?lang=en&year=2019");
		assertThat(text("h1")).isEqualTo("Dashboard");
		assertThat(browser.findElements(By.id("actions"))).isEmpty();
		clickAndWait(browser.findElement(By.xpath("//table[@id='completeness']//tr[th/span[text()='14320']]/td[1]/a")));
		assertThat(browser.getCurrentUrl()).contains("/submissions?unit=14320&period=2019-01");
		assertThat(text("table.submissions tbody")).contains("14320_2019-01.csv", "Loaded");
		screenshot("11-submissions-en");
		open("/yoy?unit=14320&year=2019");
		assertThat(text("#yoy")).contains("Traffic accidents");
		assertThat(browser.findElement(By.cssSelector("svg.chart")).getAttribute("aria-label")).contains("2019");
		screenshot("12-year-over-year-en");
		clickAndWait(browser.findElement(By.partialLinkText("HTML")));
		assertThat(browser.getPageSource()).contains("2019");
		screenshot("13-annual-report");
		open("/?lang=vi");
	}

	/** Clicks a link or a button that loads another page, and waits for it. */
	private static void clickAndWait(WebElement element) {
		WebElement page = browser.findElement(By.tagName("html"));
		element.click();
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
	}

	private void upload(String period, Path file) {
		WebElement form = browser.findElement(By.id("upload-form"));
		WebElement month = form.findElement(By.name("period"));
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", month,
				period);
		form.findElement(By.name("file")).sendKeys(file.toAbsolutePath().toString());
		String before = browser.getCurrentUrl();
		form.findElement(By.id("check")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
			.until((driver) -> !before.equals(driver.getCurrentUrl()) && driver.getCurrentUrl().contains("/uploads/"));
	}

	private void signIn(String user, String password) {
		open("/login");
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(password);
		clickAndWait(browser.findElement(By.id("sign-in")));
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

	/** The text of an element, read again when the page was replaced under it. */
	private static String text(String css) {
		for (int attempt = 0;; attempt++) {
			try {
				return browser.findElement(By.cssSelector(css)).getText();
			}
			catch (org.openqa.selenium.StaleElementReferenceException ex) {
				if (attempt == 10) {
					throw ex;
				}
			}
		}
	}

	private static void screenshot(String name) throws IOException {
		Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
