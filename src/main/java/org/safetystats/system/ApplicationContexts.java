package org.safetystats.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * Starts the application context for a command that needs it, without a web server. With
 * no database named ({@code SAFETYSTATS_DB_URL} or {@code spring.datasource.url}), it
 * first starts the embedded PostgreSQL with its data under {@code $SAFETYSTATS_HOME/db}
 * (or joins the one another safetystats process runs there) and stops it when the context
 * closes.
 * <p>
 * It lives here, below every feature, so that a feature's command starts the context
 * without importing the command-line entry above it (which would close a package cycle).
 * The entry names the application class once ({@link #use}) before any command runs.
 */
public final class ApplicationContexts {

	static final int DEFAULT_EMBEDDED_PORT = 15432;

	/**
	 * What a one-shot command does not need at start: every bean is made when first used
	 * (a command that does no work makes few), and no Quartz scheduler (only
	 * {@code serve} schedules). Settings given by the caller win.
	 */
	private static final Map<String, Object> ONE_SHOT = Map.of("spring.main.lazy-initialization", "true",
			"spring.autoconfigure.exclude", "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration,"
					+ "org.springframework.boot.quartz.autoconfigure.QuartzEndpointAutoConfiguration");

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
		Map<String, Object> all = new HashMap<>(properties);
		if (web == WebApplicationType.NONE && !"true".equals(properties.get("safetystats.scheduler.enabled"))) {
			ONE_SHOT.forEach(all::putIfAbsent);
		}
		EmbeddedDatabase embedded = databaseNamed(all) ? null : startEmbedded(all);
		try {
			// As command-line arguments, these outrank config/application.yml.
			String[] args = all.entrySet()
				.stream()
				.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new);
			ConfigurableApplicationContext context = new SpringApplicationBuilder(source).web(web)
				.logStartupInfo(false)
				.run(args);
			if (embedded != null) {
				context.addApplicationListener((ContextClosedEvent event) -> embedded.close());
			}
			return context;
		}
		catch (RuntimeException ex) {
			if (embedded != null) {
				embedded.close();
			}
			throw ex;
		}
	}

	private static boolean databaseNamed(Map<String, Object> properties) {
		return notBlank(System.getenv("SAFETYSTATS_DB_URL")) || notBlank(System.getProperty("spring.datasource.url"))
				|| properties.containsKey("spring.datasource.url");
	}

	private static EmbeddedDatabase startEmbedded(Map<String, Object> properties) {
		((Logger) LoggerFactory.getLogger("io.zonky")).setLevel(Level.WARN);
		String home = notBlank(System.getenv("SAFETYSTATS_HOME")) ? System.getenv("SAFETYSTATS_HOME") : "var";
		String port = System.getenv("SAFETYSTATS_EMBEDDED_PORT");
		EmbeddedDatabase embedded = EmbeddedDatabase.startOrJoin(Path.of(home, "db"),
				notBlank(port) ? Integer.parseInt(port) : DEFAULT_EMBEDDED_PORT);
		properties.put("spring.datasource.url", embedded.jdbcUrl(EmbeddedDatabase.DATABASE));
		properties.put("spring.datasource.username", embedded.user());
		properties.put("spring.datasource.password", "");
		System.err.printf("Embedded PostgreSQL: %s (psql -h localhost -p %d -U %s %s)%n",
				embedded.jdbcUrl(EmbeddedDatabase.DATABASE), embedded.port(), embedded.user(),
				EmbeddedDatabase.DATABASE);
		return embedded;
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}

}
