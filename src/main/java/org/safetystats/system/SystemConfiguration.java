package org.safetystats.system;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every feature shares. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SafetystatsProperties.class)
class SystemConfiguration {

	/**
	 * The clock that decides what "the future" is, in the zone periods are reckoned in.
	 */
	/**
	 * Flyway skips its validation when the schema already has this application's
	 * migrations ({@link SchemaFingerprint}).
	 */
	@Bean
	FlywayMigrationStrategy schemaFingerprint(DataSource dataSource) {
		return new SchemaFingerprint(dataSource);
	}

	/**
	 * With lazy initialisation (the one-shot commands, {@link ApplicationContexts}) the
	 * schema is still migrated at start, before any bean reads it.
	 */
	@Bean
	static LazyInitializationExcludeFilter migrateEagerly() {
		return LazyInitializationExcludeFilter.forBeanTypes(FlywayMigrationInitializer.class);
	}

	@Bean
	Clock clock(SafetystatsProperties properties) {
		return Clock.system(properties.zone());
	}

}
