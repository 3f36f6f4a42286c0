package org.safetystats.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.safetystats.Application;
import org.safetystats.TestDatabase;
import org.safetystats.cli.SafetystatsCli;
import org.springframework.core.io.ClassPathResource;

/**
 * Base of the command-line suites: a database and a home of the suite's own, given as
 * system properties, and {@link #run} that runs the command line in this JVM and captures
 * what it prints.
 */
abstract class CommandLineSupport {

	static String databaseUrl;

	@TempDir
	static Path home;

	@BeforeAll
	static void database() {
		databaseUrl = TestDatabase.create("cli");
		System.setProperty("spring.datasource.url", databaseUrl);
		System.setProperty("spring.datasource.username", TestDatabase.user());
		System.setProperty("spring.datasource.password", TestDatabase.password());
		System.setProperty("safetystats.home", home.toString());
		System.setProperty("safetystats.inbox", home.resolve("inbox").toString());
		System.setProperty("safetystats.archive", home.resolve("archive").toString());
		System.setProperty("safetystats.rejected", home.resolve("rejected").toString());
		System.setProperty("safetystats.inbox-settle-seconds", "0");
	}

	@AfterAll
	static void dropDatabase() {
		for (String key : new String[] { "spring.datasource.url", "spring.datasource.username",
				"spring.datasource.password", "safetystats.home", "safetystats.inbox", "safetystats.archive",
				"safetystats.rejected", "safetystats.inbox-settle-seconds" }) {
			System.clearProperty(key);
		}
		TestDatabase.drop(databaseUrl);
	}

	record Run(int exitCode, String out, String err) {
	}

	static Run run(String... args) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
		ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
			int code = SafetystatsCli.execute(Application.class, args);
			return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

	static long submissions() throws Exception {
		return count("SELECT count(*) FROM ops.submission");
	}

	static Path copy(String fixture, Path target) throws Exception {
		return Files.copy(new ClassPathResource("ingest/" + fixture).getFilePath(), target);
	}

	static void execute(String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(databaseUrl, TestDatabase.user(), TestDatabase.password())) {
			c.createStatement().execute(sql);
		}
	}

	static String jdbcString(String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(databaseUrl, TestDatabase.user(), TestDatabase.password());
				ResultSet rs = c.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	static long count(String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(databaseUrl, TestDatabase.user(), TestDatabase.password());
				ResultSet rs = c.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
