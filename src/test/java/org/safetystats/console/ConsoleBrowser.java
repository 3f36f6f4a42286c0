package org.safetystats.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (nothing downloaded),
 * with the few moves the console's browser tests make: open a page, click and wait for
 * the next one, read a text, ask the server with the browser's own session (status of a
 * GET or a POST, a download), resize to a phone and save a screenshot.
 */
final class ConsoleBrowser implements AutoCloseable {

	static final Dimension DESKTOP = new Dimension(1280, 1100);

	static final Dimension PHONE = new Dimension(390, 844);

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(5);

	private final WebDriver driver;

	private int port;

	ConsoleBrowser() throws IOException {
		assertThat(CHROMEDRIVER).as("Debian's chromium-driver: apt-get install -y chromium chromium-driver")
			.isExecutable();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--lang=vi");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
		Files.createDirectories(SCREENSHOTS);
	}

	WebDriver driver() {
		return this.driver;
	}

	void port(int port) {
		this.port = port;
	}

	void open(String path) {
		this.driver.get(url(path));
	}

	String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	/**
	 * Whether the page shows an element, asked without the implicit wait (which would
	 * spend its five seconds on every element rightly absent).
	 */
	boolean shows(String css) {
		this.driver.manage().timeouts().implicitlyWait(Duration.ZERO);
		try {
			return !this.driver.findElements(By.cssSelector(css)).isEmpty();
		}
		finally {
			this.driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
		}
	}

	/** The text of an element, read again when the page was replaced under it. */
	String text(String css) {
		for (int attempt = 0;; attempt++) {
			try {
				return find(css).getText();
			}
			catch (StaleElementReferenceException ex) {
				if (attempt == 10) {
					throw ex;
				}
			}
		}
	}

	/** Clicks a link or a button that loads another page, and waits for it. */
	void clickAndWait(WebElement element) {
		WebElement page = this.driver.findElement(By.tagName("html"));
		element.click();
		new WebDriverWait(this.driver, Duration.ofSeconds(20)).until((driver) -> replaced(page));
	}

	/**
	 * Whether the page an element belonged to was replaced: the element is stale, or,
	 * when asked in the middle of the navigation, Chromium answers that its node "does
	 * not belong to the document" (an unknown error, not a stale element: the test failed
	 * one run in a few on it).
	 */
	private static boolean replaced(WebElement page) {
		try {
			page.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	void signIn(String user, String password) {
		open("/login");
		this.driver.findElement(By.id("username")).sendKeys(user);
		this.driver.findElement(By.id("password")).sendKeys(password);
		clickAndWait(this.driver.findElement(By.id("sign-in")));
	}

	/** The HTTP status of a GET with the browser's session (redirects not followed). */
	long statusOfGet(String path) {
		return (Long) script("return fetch(arguments[0], {redirect: 'manual'}).then((r) => r.status)", path);
	}

	/**
	 * The HTTP status of a form POST with the browser's session, with the page's CSRF
	 * token or without one.
	 */
	long statusOfPost(String path, boolean withToken, String... fields) {
		return (Long) script("""
				const body = new URLSearchParams();
				const token = document.querySelector('input[name=_csrf]');
				if (arguments[1] && token) { body.append('_csrf', token.value); }
				for (let i = 2; i < arguments.length; i += 2) { body.append(arguments[i], arguments[i + 1]); }
				return fetch(arguments[0], {method: 'POST', body: body, redirect: 'manual'}).then((r) => r.status);
				""", concat(path, withToken, fields));
	}

	/** Downloads a link of the page with the browser's session cookie. */
	byte[] download(String href) throws Exception {
		String session = this.driver.manage().getCookieNamed("JSESSIONID").getValue();
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", "JSESSIONID=" + session).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(href).isEqualTo(200);
		return response.body();
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	void resize(Dimension size) {
		this.driver.manage().window().setSize(size);
	}

	/**
	 * Saves the visible page under {@code target/screenshots/NAME.png}, after checking
	 * that its text holds no message key left untranslated ({@code ??key_vi??}) and no
	 * {@code null}.
	 */
	void screenshot(String name) throws IOException {
		assertThat(text("body")).as(name).doesNotContain("??").doesNotContainPattern("\\bnull\\b");
		Path shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() {
		this.driver.quit();
	}

	private static Object[] concat(String path, boolean withToken, String... fields) {
		Object[] all = new Object[fields.length + 2];
		all[0] = path;
		all[1] = withToken;
		System.arraycopy(fields, 0, all, 2, fields.length);
		return all;
	}

}
