package org.safetystats.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.safetystats.Application;
import org.safetystats.TestDatabase;
import org.safetystats.cli.SafetystatsCli;

/**
 * An installation the backup suites run the command line against, in this JVM: a database
 * and a home (inbox, archive, rejected, config/, jobs/), named to the program by system
 * properties as an operator's settings would, and read back by plain JDBC.
 */
final class Installation {

	private static final String[] SETTINGS = { "spring.datasource.url", "spring.datasource.username",
			"spring.datasource.password", "safetystats.home", "safetystats.inbox", "safetystats.archive",
			"safetystats.rejected", "safetystats.inbox-settle-seconds", "safetystats.config-dir",
			"safetystats.jobs-dir" };

	final String databaseUrl;

	final Path home;

	final Path config;

	final Path jobs;

	/**
	 * @param config the catalogues' folder (the repository's {@code config/} for a new
	 * installation, an empty one for a restore)
	 */
	Installation(String databaseUrl, Path home, Path config, Path jobs) {
		this.databaseUrl = databaseUrl;
		this.home = home;
		this.config = config;
		this.jobs = jobs;
	}

	Path inbox() {
		return this.home.resolve("inbox");
	}

	Path archive() {
		return this.home.resolve("archive");
	}

	Path rejected() {
		return this.home.resolve("rejected");
	}

	/** Makes this installation the one the settings name. */
	Installation use() {
		System.setProperty("spring.datasource.url", this.databaseUrl);
		System.setProperty("spring.datasource.username", TestDatabase.user());
		System.setProperty("spring.datasource.password", TestDatabase.password());
		System.setProperty("safetystats.home", this.home.toString());
		System.setProperty("safetystats.inbox", inbox().toString());
		System.setProperty("safetystats.archive", archive().toString());
		System.setProperty("safetystats.rejected", rejected().toString());
		System.setProperty("safetystats.inbox-settle-seconds", "0");
		System.setProperty("safetystats.config-dir", this.config.toString());
		System.setProperty("safetystats.jobs-dir", this.jobs.toString());
		return this;
	}

	static void forget() {
		for (String key : SETTINGS) {
			System.clearProperty(key);
		}
	}

	record Run(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n" + this.out + this.err;
		}

	}

	/** Runs the command line with this standard input, capturing what it prints. */
	static Run runWithInput(String stdin, String... args) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		InputStream in = System.in;
		ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
		ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
		try {
			System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
			System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
			int code = SafetystatsCli.execute(Application.class, args);
			return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setIn(in);
			System.setOut(out);
			System.setErr(err);
		}
	}

	/** Runs the command line, which must succeed. */
	static Run ok(String... args) {
		Run run = run(args);
		org.assertj.core.api.Assertions.assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run).isZero();
		return run;
	}

	static Run run(String... args) {
		return runWithInput("", args);
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.databaseUrl, TestDatabase.user(), TestDatabase.password());
	}

	/** The rows a query returns, each as its columns' text joined by tabs. */
	List<String> rows(String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int column = 1; column <= columns; column++) {
					row.append((column > 1) ? "\t" : "").append(rs.getString(column));
				}
				rows.add(row.toString());
			}
		}
		return rows;
	}

	long count(String sql) throws SQLException {
		return Long.parseLong(rows(sql).get(0));
	}

	/**
	 * Every figure of the contract: each view of the {@code warehouse} schema, as its row
	 * count and the MD5 of its rows' text in order ({@code view -> "rows md5"}).
	 */
	Map<String, String> figures() throws SQLException {
		Map<String, String> figures = new TreeMap<>();
		for (String view : rows("SELECT viewname FROM pg_views WHERE schemaname = 'warehouse' ORDER BY viewname")) {
			figures.put(view, rows("SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' "
					+ "ORDER BY t::text)), '-') FROM warehouse." + view + " t")
				.get(0));
		}
		return figures;
	}

	/** The files under a folder, as their path in it and their SHA-256. */
	static Map<String, String> files(Path folder) throws IOException {
		Map<String, String> files = new TreeMap<>();
		if (!Files.isDirectory(folder)) {
			return files;
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				files.put(folder.relativize(file).toString(), Checksums.sha256(file));
			}
		}
		return files;
	}

}
