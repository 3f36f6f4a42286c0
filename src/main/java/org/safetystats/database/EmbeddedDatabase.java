package org.safetystats.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.safetystats.system.UserFacingException;

/**
 * The embedded default: a real PostgreSQL (zonky's binaries, version 17) started on
 * demand when no server is named, its data kept in a folder between runs, stopped on
 * {@link #close()}. As root, zonky runs PostgreSQL in a user namespace
 * ({@code unshare -U}); where that is blocked, starting fails with a message saying how
 * to point at a server instead.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	public static final String DATABASE = "safetystats";

	private final @Nullable EmbeddedPostgres postgres;

	private final int port;

	private EmbeddedDatabase(@Nullable EmbeddedPostgres postgres, int port) {
		this.postgres = postgres;
		this.port = port;
	}

	/**
	 * Joins the server already running on {@code dataDir} (another safetystats process
	 * started it), or starts it. A joined server is left running on {@link #close()}.
	 */
	public static EmbeddedDatabase startOrJoin(Path dataDir, int port) {
		Integer running = runningPort(dataDir);
		if (running != null) {
			return new EmbeddedDatabase(null, running);
		}
		return start(dataDir, port);
	}

	/**
	 * The port of a live postmaster on this data folder, from its postmaster.pid, or
	 * {@code null}.
	 */
	static @Nullable Integer runningPort(Path dataDir) {
		Path pidFile = dataDir.resolve("postmaster.pid");
		try {
			List<String> lines = Files.readAllLines(pidFile);
			long pid = Long.parseLong(lines.get(0).strip());
			boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
			return alive ? Integer.valueOf(lines.get(3).strip()) : null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Starts (or reopens) the embedded server with its data in {@code dataDir}, listening
	 * on {@code port}.
	 */
	public static EmbeddedDatabase start(Path dataDir, int port) {
		return start(dataDir, port, false);
	}

	/**
	 * Starts a throw-away server whose data folder is deleted when it stops (for tests).
	 */
	public static EmbeddedDatabase startTemporary() {
		try {
			return start(Files.createTempDirectory("safetystats-pg"), 0, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static EmbeddedDatabase start(Path dataDir, int port, boolean temporary) {
		try {
			Files.createDirectories(dataDir);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(temporary)
				.setPort(port)
				.setServerConfig("jit", "off")
				.start();
			EmbeddedDatabase database = new EmbeddedDatabase(postgres, postgres.getPort());
			database.createDatabase(DATABASE);
			return database;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			throw new UserFacingException("Cannot start the embedded PostgreSQL in " + dataDir.toAbsolutePath() + " ("
					+ ex.getMessage() + "); point safetystats at a server with SAFETYSTATS_DB_URL, "
					+ "SAFETYSTATS_DB_USER and SAFETYSTATS_DB_PASSWORD", ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String user() {
		return "postgres";
	}

	/** JDBC URL of a database on this server. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + port() + "/" + database;
	}

	/** Creates a database unless it exists. */
	public void createDatabase(String name) throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'")) {
				if (rs.next()) {
					return;
				}
			}
			statement.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
		}
	}

	@Override
	public void close() {
		if (this.postgres == null) {
			return;
		}
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Embedded PostgreSQL did not stop cleanly: " + ex.getMessage(), ex);
		}
	}

}
