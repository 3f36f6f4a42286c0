package org.safetystats.security;

import java.time.Clock;

import org.safetystats.audit.AuditTrail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The JSON API ({@code /api/**}, {@code /actuator/**}) needs authentication (HTTP Basic,
 * stateless, so no CSRF token: a browser's cookies never authenticate it), with the
 * accounts of {@code ops.app_user}: reading needs the VIEWER role, changing anything
 * (POST) the ADMIN role; Prometheus's metrics an ADMIN or the scrape token
 * ({@link ScrapeTokenFilter}); the liveness and readiness probes (a status, no details)
 * anyone, for a supervisor; a clerk reads completeness and its units' pages and uploads
 * for them (the controllers check the unit, {@link UnitAccess}). The console's pages have
 * a chain of their own (form login, sessions, CSRF). Failed logins are logged and slowed
 * down ({@link LoginThrottle}); a refused role (403) is logged with user and address, and
 * recorded in {@code ops.admin_action} when it asked for a change.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, AuditTrail audit, Clock clock,
			@Value("${safetystats.login.free-failures:5}") int freeFailures,
			@Value("${safetystats.login.max-wait-seconds:300}") long maxWaitSeconds,
			@Value("${safetystats.metrics.scrape-token:}") String scrapeToken) throws Exception {
		return http.securityMatcher("/api/**", "/actuator/**")
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.GET, "/actuator/health/liveness", "/actuator/health/readiness")
				.permitAll()
				.requestMatchers(HttpMethod.GET, ScrapeTokenFilter.PATH)
				.hasAnyRole("ADMIN", ScrapeTokenFilter.ROLE)
				.requestMatchers(HttpMethod.GET, "/api/completeness")
				.hasAnyRole("VIEWER", "CLERK")
				.requestMatchers(HttpMethod.GET, "/api/units/**")
				.hasAnyRole("VIEWER", "CLERK")
				.requestMatchers(HttpMethod.POST, "/api/units/*/uploads")
				.hasAnyRole("ADMIN", "CLERK")
				.requestMatchers(HttpMethod.GET, "/**")
				.hasRole("VIEWER")
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic(Customizer.withDefaults())
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(new ForbiddenRequests(audit, null)))
			.addFilterBefore(new LoginThrottle(freeFailures, maxWaitSeconds, clock), BasicAuthenticationFilter.class)
			.addFilterBefore(new ScrapeTokenFilter(scrapeToken), BasicAuthenticationFilter.class)
			.build();
	}

}
