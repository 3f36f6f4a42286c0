package org.safetystats;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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
 * A database a suite is done with is dropped when the test JVM ends, with every other
 * one, not at once: PostgreSQL checkpoints for each {@code DROP DATABASE}, syncing what
 * every other suite running beside it has written so far (1.4 s a drop on average in the
 * whole suite, 49 s in all), where the drops in a row at the end sync next to nothing
 * (0.2 s each).
 */
public final class TestDatabase {

	private static final AtomicInteger counter = new AtomicInteger();

	private static String adminUrl;

	private static String user;

	private static String password;

	private static String template;

	/** The databases to drop when this JVM ends, in the order they were given up. */
	private static final Set<String> toDrop = new LinkedHashSet<>();

	/** Whether this JVM is ending: a database given up now is dropped at once. */
	private static boolean ending;

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
		execute("CREATE DATABASE " + name + " TEMPLATE " + templateUrl.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1"));
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
	 * Gives up a database: it is dropped (its sessions ended) when this JVM ends.
	 */
	public static synchronized void drop(String url) {
		toDrop.add(url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1"));
		if (ending) {
			// a context closed by another shutdown hook after this JVM's drops began
			dropAll();
		}
	}

	/** Drops the databases given up, then the template copied for them. */
	private static synchronized void dropAll() {
		ending = true;
		if (template != null) {
			toDrop.add(template.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1"));
			template = null;
		}
		for (String name : toDrop) {
			execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
		toDrop.clear();
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
