package org.safetystats.system;

import java.time.Clock;

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
	@Bean
	Clock clock(SafetystatsProperties properties) {
		return Clock.system(properties.zone());
	}

}
