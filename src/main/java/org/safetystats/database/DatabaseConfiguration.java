package org.safetystats.database;

import javax.sql.DataSource;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the schema is migrated at start. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/**
	 * Flyway skips its validation when the schema already has this application's
	 * migrations ({@link SchemaFingerprint}).
	 */
	@Bean
	FlywayMigrationStrategy schemaFingerprint(DataSource dataSource) {
		return new SchemaFingerprint(dataSource);
	}

}
