package org.safetystats.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.safetystats.system.UserFacingException;

/**
 * The embedded default that outlives the command that started it: the first command
 * starts PostgreSQL on its data folder ({@code $SAFETYSTATS_HOME/db}) as a server of its
 * own, later commands join it (a start costs seconds, a join nothing), and
 * {@code safetystats db --stop} stops it. Start, join and stop hold a lock file beside
 * the data folder ({@code db.lock}), so that commands started together start one server;
 * a {@code postmaster.pid} left by a server that is gone is cleared; a busy default port
 * gives way to a free one (the port is read back from the folder by every join), so a
 * server of another checkout is never joined nor disturbed.
 */
public final class EmbeddedServer {

	/**
	 * The embedded server's settings: zonky's (UTC, 300 connections) and no JIT, but
	 * durable. zonky, made for tests, turns off {@code fsync} and
	 * {@code synchronous_commit}; the README's default keeps the submissions a clerk
	 * sent, whose files leave the inbox once their load is committed: a commit must
	 * outlast a power cut.
	 */
	private static final String SETTINGS = "-c timezone=UTC -c max_connections=300 -c jit=off";

	private final int port;

	private final boolean started;

	private EmbeddedServer(int port, boolean started) {
		this.port = port;
		this.started = started;
	}

	/**
	 * Joins the server running on {@code dataDir}, or starts one there that keeps running
	 * after this process. {@code port} 0 or busy takes a free port, unless
	 * {@code portRequired}.
	 */
	public static synchronized EmbeddedServer startOrJoin(Path dataDir, int port, boolean portRequired) {
		Path folder = dataDir.toAbsolutePath().normalize();
		try (FileChannel lockFile = lockFile(folder); FileLock lock = lockFile.lock()) {
			Optional<Postmaster> running = running(folder);
			if (running.isPresent()) {
				return new EmbeddedServer(running.get().port(), false);
			}
			int chosen = (port != 0 && free(port)) ? port : 0;
			if (chosen == 0 && port != 0 && portRequired) {
				throw new UserFacingException("Port " + port + " (SAFETYSTATS_EMBEDDED_PORT) is in use by another "
						+ "program; choose another port for the embedded PostgreSQL");
			}
			EmbeddedServer server = new EmbeddedServer(start(folder, (chosen != 0) ? chosen : freePort()), true);
			server.createDatabase(EmbeddedDatabase.DATABASE);
			return server;
		}
		catch (IOException | SQLException | InterruptedException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new UserFacingException("Cannot start the embedded PostgreSQL in " + folder + " (" + ex.getMessage()
					+ "; its log: " + log(folder) + "); point safetystats at a server with SAFETYSTATS_DB_URL, "
					+ "SAFETYSTATS_DB_USER and SAFETYSTATS_DB_PASSWORD", ex);
		}
	}

	/**
	 * Stops the server running on {@code dataDir} (a fast shutdown: open sessions are
	 * ended, committed work is kept); false when none was running.
	 */
	public static synchronized boolean stop(Path dataDir) {
		Path folder = dataDir.toAbsolutePath().normalize();
		try (FileChannel lockFile = lockFile(folder); FileLock lock = lockFile.lock()) {
			Optional<Postmaster> running = running(folder);
			if (running.isEmpty()) {
				return false;
			}
			long pid = running.get().pid();
			Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
			kill.waitFor();
			for (int wait = 0; wait < 600 && running.get().alive(); wait++) {
				Thread.sleep(100);
			}
			if (running.get().alive()) {
				throw new UserFacingException("The embedded PostgreSQL (process " + pid + ") did not stop within a "
						+ "minute; see " + log(folder));
			}
			return true;
		}
		catch (IOException | InterruptedException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new UserFacingException("Cannot stop the embedded PostgreSQL in " + folder + ": " + ex.getMessage(),
					ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** Whether this process started the server (rather than joining it). */
	public boolean started() {
		return this.started;
	}

	public String user() {
		return "postgres";
	}

	/** JDBC URL of a database on this server. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + this.port + "/" + database;
	}

	/**
	 * The server on the folder once it is ready, waiting while it starts; a server
	 * stopping is waited out, a stale {@code postmaster.pid} removed.
	 */
	private static Optional<Postmaster> running(Path folder) throws IOException, InterruptedException {
		for (int wait = 0; wait < 600; wait++) {
			Optional<Postmaster> postmaster = Postmaster.read(folder);
			if (postmaster.isEmpty()) {
				return postmaster;
			}
			if (!postmaster.get().servesFolder(folder)) {
				Files.deleteIfExists(folder.resolve("postmaster.pid"));
				return Optional.empty();
			}
			if (postmaster.get().ready()) {
				return postmaster;
			}
			Thread.sleep(100);
		}
		throw new IOException("the server on it neither became ready nor stopped within a minute");
	}

	private static int start(Path folder, int port) throws IOException, InterruptedException {
		PostgresBinaries binaries = PostgresBinaries.unpacked();
		Files.createDirectories(folder);
		if (!Files.exists(folder.resolve("PG_VERSION"))) {
			binaries.initdb(folder, log(folder));
		}
		binaries.start(folder, "-p " + port + " " + SETTINGS, log(folder));
		return port;
	}

	private void createDatabase(String name) throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
				Statement statement = connection.createStatement()) {
			if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next()) {
				statement.execute("CREATE DATABASE \"" + name + "\"");
			}
		}
	}

	/** Beside the data folder: initdb wants an empty folder. */
	private static FileChannel lockFile(Path folder) throws IOException {
		Files.createDirectories(folder.getParent());
		return FileChannel.open(folder.resolveSibling(folder.getFileName() + ".lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
	}

	/** The server's log, beside its data folder ({@code db.log}). */
	private static Path log(Path folder) {
		return folder.resolveSibling(folder.getFileName() + ".log");
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// as PostgreSQL binds: connections of a server just stopped (TIME_WAIT) do
			// not
			// hold the port
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
