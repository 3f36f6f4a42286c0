package org.safetystats;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.safetystats.database.EmbeddedDatabase;
import org.safetystats.database.SchemaFingerprint;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The PostgreSQL server tests use: the one {@code SAFETYSTATS_TEST_DB_URL} names (a JDBC
 * URL of any database on it, used to create the others; CI points it at the machine's
 * server), or else an embedded one started once for the whole run. Each suite gets a
 * database of its own, created here: a copy of a template that this JVM migrates once
 * (the application's own migrations and schema fingerprint, so that the suite's context
 * skips Flyway), since copying a database takes a fraction of the time migrating one
 * does.
 * <p>
 * A database a suite is done with is dropped by a thread of its own while the next suites
 * run, never by the suite's thread: PostgreSQL checkpoints for each
 * {@code DROP DATABASE}, syncing what every other suite running beside it has written so
 * far (1.4 s a drop, 49 s in a whole run when the suites waited for them). The JVM waits
 * for the last drops when it ends.
 */
public final class TestDatabase {

	private static final AtomicInteger counter = new AtomicInteger();

	private static String adminUrl;

	private static String user;

	private static String password;

	private static String template;

	/** Drops the databases given up, one after the other, beside the suites. */
	private static final ExecutorService dropper = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "test-database-dropper");
		thread.setDaemon(true);
		return thread;
	});

	private TestDatabase() {
	}

	/**
	 * Creates a database with the application's schema (migrated, no data) and returns
	 * its JDBC URL.
	 */
	public static synchronized String create(String suite) {
		return copyOf(template(), suite);
	}

	/**
	 * Creates an empty database, not migrated (for what tests the migration itself), and
	 * returns its JDBC URL.
	 */
	public static synchronized String createEmpty(String suite) {
		server();
		String name = newName(suite);
		execute("CREATE DATABASE " + name);
		return urlOf(name);
	}

	/**
	 * Creates a database as a copy of another (which no session may be connected to) and
	 * returns its JDBC URL.
	 */
	public static synchronized String copyOf(String templateUrl, String suite) {
		server();
		String name = newName(suite);
		execute("CREATE DATABASE " + name + " TEMPLATE " + nameOf(templateUrl));
		return urlOf(name);
	}

	/**
	 * This JVM's migrated template, made at the first call and dropped when the JVM ends.
	 */
	private static String template() {
		if (template == null) {
			String url = createEmpty("template");
			migrate(url, user, password);
			template = url;
		}
		return template;
	}

	/**
	 * Migrates a database as the application does (its migrations, then its schema
	 * fingerprint, so that a program started on it skips Flyway).
	 */
	public static void migrate(String url, String user, String password) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, password);
		Flyway flyway = Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration")
			.configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
			.load();
		new SchemaFingerprint(dataSource).migrate(flyway);
	}

	private static String newName(String suite) {
		return ("ss_" + suite + "_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet()).toLowerCase();
	}

	private static String urlOf(String name) {
		return adminUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
	}

	/**
	 * Gives up a database: it is dropped (its sessions ended) by the dropper thread.
	 */
	public static void drop(String url) {
		String name = nameOf(url);
		try {
			dropper.execute(() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
		}
		catch (RejectedExecutionException ex) {
			// a context closed by another shutdown hook after the dropper stopped
			execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
	}

	/** Waits for the drops under way, then drops the template copied for them. */
	private static void dropAll() {
		dropper.shutdown();
		try {
			if (!dropper.awaitTermination(2, TimeUnit.MINUTES)) {
				System.err.println("TestDatabase: drops still under way after two minutes");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		String url = template;
		if (url != null) {
			execute("DROP DATABASE IF EXISTS " + nameOf(url) + " WITH (FORCE)");
		}
	}

	/** The database a JDBC URL names. */
	private static String nameOf(String url) {
		return url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
	}

	public static String user() {
		server();
		return user;
	}

	public static String password() {
		server();
		return password;
	}

	private static void server() {
		if (adminUrl != null) {
			return;
		}
		String url = System.getenv("SAFETYSTATS_TEST_DB_URL");
		if (url != null && !url.isBlank()) {
			adminUrl = url;
			Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll));
			user = envOr("SAFETYSTATS_TEST_DB_USER", "postgres");
			password = envOr("SAFETYSTATS_TEST_DB_PASSWORD", "");
			return;
		}
		EmbeddedDatabase embedded = EmbeddedDatabase.startTemporary();
		// its databases go with it
		Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
		adminUrl = embedded.jdbcUrl("postgres");
		user = embedded.user();
		password = "";
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Test database: " + sql + " failed on " + adminUrl + ": " + ex.getMessage(),
					ex);
		}
	}

	private static String envOr(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

}
