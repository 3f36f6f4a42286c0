package org.safetystats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Base of the integration suites: the real application context on a PostgreSQL database
 * of its own (a copy of the migrated template of {@link TestDatabase}) and a home folder
 * of its own for inbox, archive and rejected files, emptied before each test along with
 * the submission tables. Suites of the same configuration share one context (Spring's
 * context cache): {@link SharedContext} puts its database and folder back as the start
 * left them when another suite begins. A suite that configures its own context (its own
 * properties, imports or web environment) closes it after itself with
 * {@code @DirtiesContext}. The application's clock is {@link TestClock}'s fixed instant,
 * whatever day the suite runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import({ TestClock.class, SharedContext.class })
public abstract class IntegrationTestSupport {

	private static String databaseUrl;

	private static Path home;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	private SharedContext.State context;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws IOException {
		String url = TestDatabase.create("it");
		Path folder = Files.createTempDirectory("safetystats-it");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", TestDatabase::user);
		registry.add("spring.datasource.password", TestDatabase::password);
		// a context idle in the cache keeps one connection, not the pool's ten
		registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
		registry.add("safetystats.home", folder::toString);
		registry.add("safetystats.inbox", () -> folder.resolve("inbox").toString());
		registry.add("safetystats.archive", () -> folder.resolve("archive").toString());
		registry.add("safetystats.rejected", () -> folder.resolve("rejected").toString());
		registry.add("safetystats.inbox-settle-seconds", () -> "0");
		databaseUrl = url;
		home = folder;
	}

	/**
	 * Empties the folders and the submission tables before each test (and the whole
	 * database and home when the context was another suite's before). A suite whose tests
	 * all check one run made in {@code @BeforeAll} overrides this (and calls it there).
	 */
	@BeforeEach
	protected void emptyFoldersAndSubmissions() throws IOException {
		this.context.enter(getClass());
		databaseUrl = this.context.url();
		home = this.context.home();
		TestClock.reset();
		for (String folder : new String[] { "inbox", "archive", "rejected" }) {
			FileSystemUtils.deleteRecursively(home.resolve(folder));
			Files.createDirectories(home.resolve(folder));
		}
		this.jdbc.sql("TRUNCATE ops.submission_value, ops.finding, ops.submission").update();
	}

	protected static Path home() {
		return home;
	}

	protected static Path inbox() {
		return home.resolve("inbox");
	}

	protected static Path archive() {
		return home.resolve("archive");
	}

	protected static Path rejected() {
		return home.resolve("rejected");
	}

	/** A file of src/test/resources/ingest/. */
	protected static Path fixture(String name) throws IOException {
		return new ClassPathResource("ingest/" + name).getFilePath();
	}

	/** Drops a fixture into the inbox under a name. */
	protected static void drop(String fixture, String name) throws IOException {
		Files.copy(fixture(fixture), inbox().resolve(name));
	}

	/**
	 * Copies config/'s catalogues (and the other files of config/ named) into a new
	 * temporary folder and makes it the suite's {@code safetystats.config-dir}: for a
	 * suite that changes them (it deletes the folder after).
	 */
	protected static Path configOfOurOwn(DynamicPropertyRegistry registry, String... more) throws IOException {
		Path config = Files.createTempDirectory("safetystats-config");
		for (String name : List.of("units.csv", "villages.csv", "indicators.csv")) {
			Files.copy(Path.of("config", name), config.resolve(name));
		}
		for (String name : more) {
			Files.copy(Path.of("config", name), config.resolve(name));
		}
		registry.add("safetystats.config-dir", config::toString);
		return config;
	}

	protected static String databaseUrl() {
		return databaseUrl;
	}

}
