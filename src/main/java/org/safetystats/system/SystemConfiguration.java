package org.safetystats.system;

import java.time.Clock;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every feature shares. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SafetystatsProperties.class)
public class SystemConfiguration {

	/**
	 * With lazy initialisation (the one-shot commands, `startup.ApplicationContexts`) the
	 * schema is still migrated at start, before any bean reads it.
	 */
	@Bean
	static LazyInitializationExcludeFilter migrateEagerly() {
		return LazyInitializationExcludeFilter.forBeanTypes(FlywayMigrationInitializer.class);
	}

	/**
	 * The clock that decides what "the future" is, in the zone periods are reckoned in.
	 */
	@Bean
	Clock clock(SafetystatsProperties properties) {
		return Clock.system(properties.zone());
	}

}
