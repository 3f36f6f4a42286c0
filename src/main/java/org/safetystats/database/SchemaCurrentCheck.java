package org.safetystats.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Leaves Flyway out of the context when the schema already has this application's
 * migrations: one query of {@code ops.schema_fingerprint} before the context starts,
 * instead of building Flyway (its configuration and plugins cost about half a second of a
 * short command's start) only for {@link SchemaFingerprint} to skip the migration. Any
 * doubt (no fingerprint, another one, other migration folders, no answer) keeps Flyway,
 * which migrates and records the fingerprint as before.
 */
final class SchemaCurrentCheck implements EnvironmentPostProcessor, Ordered {

	static final String DEFAULT_LOCATIONS = "classpath:db/migration";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (url.isBlank() || environment.containsProperty("spring.flyway.enabled")
				|| !DEFAULT_LOCATIONS.equals(environment.getProperty("spring.flyway.locations", DEFAULT_LOCATIONS))) {
			return;
		}
		Properties login = new Properties();
		login.setProperty("user", environment.getProperty("spring.datasource.username", ""));
		login.setProperty("password", environment.getProperty("spring.datasource.password", ""));
		login.setProperty("connectTimeout", "10");
		try (Connection connection = DriverManager.getConnection(url, login);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT fingerprint FROM ops.schema_fingerprint")) {
			if (rs.next() && SchemaFingerprint.fingerprint().equals(rs.getString(1))) {
				environment.getPropertySources()
					.addFirst(new MapPropertySource("schemaCurrent", Map.of("spring.flyway.enabled", "false")));
			}
		}
		catch (SQLException | RuntimeException ex) {
			// Flyway decides, and reports what is wrong with the database
		}
	}

	/** After the settings are read (the connection comes from them). */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
