package org.safetystats.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's own speed on the same files, the yardsticks of the ingest measures.
 * <ul>
 * <li>the per-file floor: each file COPY-ed as it is (CSV with its header, parsed by the
 * server) in a transaction of its own, one after the other over one connection, into
 * {@code bench_floor}, a table of the file's columns with a bigint primary key as
 * {@code ops.submission_value} has one; from Java with the driver's CopyManager, and with
 * psql's {@code \copy} when psql is on the PATH;</li>
 * <li>the single stream: all the files' rows in one COPY into
 * {@code ops.submission_value} (removed again afterwards).</li>
 * </ul>
 */
final class CopyFloor {

	private static final String TABLE = """
			CREATE TABLE IF NOT EXISTS bench_floor (unit_code text NOT NULL, period text NOT NULL, village_code text,
			    indicator text NOT NULL, value bigint NOT NULL, note text,
			    line bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)
			""";

	private static final String COPY_FILE = """
			COPY bench_floor (unit_code, period, village_code, indicator, value, note) FROM STDIN (FORMAT csv, HEADER true)
			""";

	private static final String COPY_VALUES = """
			COPY ops.submission_value (submission_id, line, village_code, indicator, value, note) FROM STDIN
			""";

	private CopyFloor() {
	}

	/** Seconds to COPY every file in a transaction of its own, from Java. */
	static double perFile(DataSource dataSource, List<Path> files) throws SQLException, IOException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			reset(connection);
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			long started = System.nanoTime();
			for (Path file : files) {
				try (InputStream in = Files.newInputStream(file)) {
					copy.copyIn(COPY_FILE, in);
				}
			}
			return BenchResults.seconds(started);
		}
	}

	/**
	 * Seconds for psql to {@code \copy} every file in a transaction of its own (one psql
	 * session running a script), or {@code null} when psql is not on the PATH.
	 */
	static @Nullable Double perFileWithPsql(DataSource dataSource, String jdbcUrl, List<Path> files, Path work)
			throws Exception {
		if (!onPath("psql")) {
			return null;
		}
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			reset(connection);
		}
		StringBuilder script = new StringBuilder();
		for (Path file : files) {
			script.append("\\copy bench_floor (unit_code, period, village_code, indicator, value, note) FROM '")
				.append(file.toAbsolutePath().toString().replace("'", "''"))
				.append("' WITH (FORMAT csv, HEADER true)\n");
		}
		Path scriptFile = work.resolve("floor.psql");
		Files.writeString(scriptFile, script);
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(), "-p",
				String.valueOf((uri.getPort() > 0) ? uri.getPort() : 5432), "-U",
				System.getenv().getOrDefault("SAFETYSTATS_DB_USER", "postgres"), "-d", uri.getPath().substring(1), "-f",
				scriptFile.toString());
		psql.environment().put("PGPASSWORD", System.getenv().getOrDefault("SAFETYSTATS_DB_PASSWORD", ""));
		psql.redirectErrorStream(true);
		long started = System.nanoTime();
		Process process = psql.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException("psql failed: " + output);
		}
		return BenchResults.seconds(started);
	}

	/**
	 * Seconds for one COPY of all the files' values into {@code ops.submission_value}
	 * (under negative submission ids, deleted afterwards).
	 */
	static double singleStream(DataSource dataSource, List<Path> files) throws SQLException, IOException {
		StringBuilder text = new StringBuilder();
		long id = -1;
		for (Path file : files) {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			for (int line = 2; line <= lines.size(); line++) {
				String[] f = lines.get(line - 1).split(",", -1);
				text.append(id).append('\t').append(line).append('\t').append(f[2].isEmpty() ? "\\N" : f[2]);
				text.append('\t').append(f[3]).append('\t').append(f[4]).append("\t\\N\n");
			}
			id--;
		}
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			long started = System.nanoTime();
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_VALUES, new StringReader(text.toString()));
			double seconds = BenchResults.seconds(started);
			try (Statement statement = connection.createStatement()) {
				statement.execute("DELETE FROM ops.submission_value WHERE submission_id < 0");
			}
			return seconds;
		}
	}

	private static void reset(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(TABLE);
			statement.execute("TRUNCATE bench_floor RESTART IDENTITY");
		}
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

}
