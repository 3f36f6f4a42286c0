package org.safetystats.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.safetystats.database.EmbeddedDatabase;
import org.safetystats.database.EmbeddedServer;
import org.safetystats.system.UserFacingException;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application context for a command that needs it, without a web server. With
 * no database named ({@code SAFETYSTATS_DB_URL} or {@code spring.datasource.url}), it
 * joins the embedded PostgreSQL running on {@code $SAFETYSTATS_HOME/db}, or starts it
 * there and leaves it running for the next commands ({@link EmbeddedServer}), saying so
 * on its first line; or refuses, where {@value #EMBEDDED_PROPERTY} is
 * {@value #FORBIDDEN}.
 * <p>
 * It lives here, below every feature, so that a feature's command starts the context
 * without importing the command-line entry above it (which would close a package cycle).
 * The entry names the application class once ({@link #use}) before any command runs.
 */
public final class ApplicationContexts {

	static final int DEFAULT_EMBEDDED_PORT = 15432;

	/**
	 * {@value #FORBIDDEN} makes a command without a database named refuse (exit code 3)
	 * rather than start the embedded one: for a production machine, where an empty
	 * database in the home is never what the operator meant. Also
	 * {@code SAFETYSTATS_EMBEDDED_DATABASE}.
	 */
	static final String EMBEDDED_PROPERTY = "safetystats.embedded-database";

	static final String FORBIDDEN = "forbidden";

	/**
	 * What a one-shot command does not need at start: every bean is made when first used
	 * (a command that does no work makes few), and only the auto-configurations it uses
	 * ({@link OneShotAutoConfigurations}: no Quartz scheduler, web server, health or
	 * metrics of a running service). Settings given by the caller win.
	 */
	private static final Map<String, Object> ONE_SHOT = Map.of("spring.main.lazy-initialization", "true",
			OneShotAutoConfigurations.PROPERTY, "true");

	private static volatile @Nullable Class<?> application;

	private ApplicationContexts() {
	}

	/** The {@code @SpringBootApplication} class every context starts from. */
	public static void use(Class<?> applicationClass) {
		application = applicationClass;
	}

	public static ConfigurableApplicationContext start(Map<String, Object> properties) {
		return start(properties, WebApplicationType.NONE);
	}

	public static ConfigurableApplicationContext start(Map<String, Object> properties, WebApplicationType web) {
		Class<?> source = application;
		if (source == null) {
			throw new IllegalStateException("no application class: call ApplicationContexts.use first");
		}
		return new SpringApplicationBuilder(source).web(web).logStartupInfo(false).run(arguments(properties, web));
	}

	/**
	 * A small context for a command that only reads: the beans {@code configuration}
	 * names (with {@link DatabaseOnlyConfiguration} for the database) on the same
	 * settings, without scanning every feature or judging every auto-configuration (most
	 * of a short command's start). When the schema is not current, so that Flyway would
	 * migrate it (`database.SchemaCurrentCheck`), the whole application context instead.
	 */
	public static ConfigurableApplicationContext startSmall(Class<?> configuration, Map<String, Object> properties) {
		String[] arguments = arguments(properties, WebApplicationType.NONE);
		ConfigurableApplicationContext small = new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(arguments);
		if (!small.getEnvironment().getProperty("spring.flyway.enabled", Boolean.class, true)) {
			return small;
		}
		small.close();
		return start(properties);
	}

	private static String[] arguments(Map<String, Object> properties, WebApplicationType web) {
		Map<String, Object> all = new HashMap<>(properties);
		if (web == WebApplicationType.NONE && !"true".equals(properties.get("safetystats.scheduler.enabled"))) {
			ONE_SHOT.forEach(all::putIfAbsent);
			// Jackson, validation and message converters warmed up on the other core: a
			// one-shot command rarely uses them, and the core is better left to it
			System.setProperty("spring.backgroundpreinitializer.ignore", "true");
		}
		if (!databaseNamed(all)) {
			useEmbedded(all);
		}
		// As command-line arguments, these outrank config/application.yml.
		return all.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	/**
	 * Whether a server is named ({@code SAFETYSTATS_DB_URL} or
	 * {@code spring.datasource.url}); otherwise commands use the embedded PostgreSQL.
	 */
	public static boolean databaseNamed() {
		return databaseNamed(Map.of());
	}

	/**
	 * The data folder of the embedded PostgreSQL: {@code db} in the home
	 * ({@code safetystats.home}, {@code SAFETYSTATS_HOME}, default {@code var}).
	 */
	public static Path embeddedFolder() {
		String home = System.getProperty("safetystats.home");
		if (!notBlank(home)) {
			home = notBlank(System.getenv("SAFETYSTATS_HOME")) ? System.getenv("SAFETYSTATS_HOME") : "var";
		}
		return Path.of(home, "db");
	}

	private static boolean databaseNamed(Map<String, Object> properties) {
		return notBlank(System.getenv("SAFETYSTATS_DB_URL")) || notBlank(System.getProperty("spring.datasource.url"))
				|| properties.containsKey("spring.datasource.url");
	}

	/**
	 * Joins the embedded server, or starts it and leaves it running for the next commands
	 * ({@code db --stop} stops it).
	 */
	static void useEmbedded(Map<String, Object> properties) {
		Path folder = embeddedFolder();
		if (FORBIDDEN.equals(setting(properties, EMBEDDED_PROPERTY, "SAFETYSTATS_EMBEDDED_DATABASE"))) {
			throw new UserFacingException(
					"No database named (SAFETYSTATS_DB_URL is not set), and the embedded database " + "(" + folder
							+ ") is forbidden here (" + EMBEDDED_PROPERTY + "=" + FORBIDDEN
							+ "): set SAFETYSTATS_DB_URL, SAFETYSTATS_DB_USER and SAFETYSTATS_DB_PASSWORD");
		}
		boolean fresh = !Files.exists(folder.resolve("PG_VERSION"));
		String port = System.getenv("SAFETYSTATS_EMBEDDED_PORT");
		EmbeddedServer server = EmbeddedServer.startOrJoin(folder,
				notBlank(port) ? Integer.parseInt(port) : DEFAULT_EMBEDDED_PORT, notBlank(port));
		properties.put("spring.datasource.url", server.jdbcUrl(EmbeddedDatabase.DATABASE));
		properties.put("spring.datasource.username", server.user());
		properties.put("spring.datasource.password", "");
		if (server.started()) {
			// the first line the command prints: an operator who expected the server
			// learns at once that this is not it
			System.err.printf(
					"using the embedded database at %s (SAFETYSTATS_DB_URL is not set): started it now%s, %s "
							+ "(psql -h localhost -p %d -U %s %s); it keeps running for the next commands, "
							+ "`safetystats db --stop` stops it, SAFETYSTATS_EMBEDDED_DATABASE=forbidden refuses it%n",
					folder, fresh ? ", new and empty" : "", server.jdbcUrl(EmbeddedDatabase.DATABASE), server.port(),
					server.user(), EmbeddedDatabase.DATABASE);
		}
	}

	/**
	 * A setting read before the application's configuration is: a command's own property,
	 * a system property ({@code -D}), or the environment variable.
	 */
	private static @Nullable String setting(Map<String, Object> properties, String name, String variable) {
		Object value = properties.get(name);
		if (value == null) {
			value = System.getProperty(name);
		}
		return (value != null) ? value.toString() : System.getenv(variable);
	}

	private static boolean notBlank(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
