package org.safetystats.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.safetystats.audit.AuditTrail;
import org.safetystats.security.ForbiddenRequests;
import org.safetystats.security.LoginThrottle;
import org.safetystats.users.AccountSessionCheck;
import org.safetystats.users.UserAccounts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's security and language. Every page but {@code /login} needs a signed-in
 * user (form login, a session, a CSRF token on every form, logout included); the JSON API
 * keeps its own stateless Basic chain, which comes first. A session whose account was
 * disabled or changed since it signed in ends at its next request
 * ({@link AccountSessionCheck}). Pages for everyone's units need VIEWER;
 * {@code /units/**} a viewer or a clerk (the controllers check the unit);
 * {@code /actions/**} and {@code /users/**} ADMIN (a refusal there is recorded in
 * {@code ops.admin_action}, as is any refused change: {@link ForbiddenRequests}). Every
 * page carries a Content-Security-Policy and {@code Referrer-Policy: same-origin}; the
 * session cookie is {@code SameSite=Lax} (application.yml). Vietnamese by default;
 * {@code ?lang=en} or {@code ?lang=vi} on any page switches, kept in a cookie.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleConfiguration implements WebMvcConfigurer {

	static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

	/**
	 * The console's pages load scripts, styles and images from this server only and are
	 * framed by nobody; inline styles stay allowed (the annual report's HTML carries its
	 * own), inline scripts do not.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	@Order(2)
	SecurityFilterChain consoleSecurity(HttpSecurity http, UserAccounts accounts, Clock clock, AuditTrail audit,
			@Value("${safetystats.login.free-failures:5}") int freeFailures,
			@Value("${safetystats.login.max-wait-seconds:300}") long maxWaitSeconds) throws Exception {
		return http
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/login", "/console.css", "/favicon.ico", "/error")
						.permitAll()
						.requestMatchers("/actions/**", "/users/**")
						.hasRole("ADMIN")
						.requestMatchers("/units/**", "/", "/denied")
						.authenticated()
						.anyRequest()
						.hasRole("VIEWER"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.exceptionHandling((exceptions) -> exceptions
				.accessDeniedHandler(new ForbiddenRequests(audit, "/denied", "/actions", "/users")))
			.addFilterBefore(new LoginThrottle(freeFailures, maxWaitSeconds, clock),
					UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new AccountSessionCheck(accounts), AuthorizationFilter.class)
			.build();
	}

	@Bean
	MessageSource messageSource() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setDefaultLocale(VIETNAMESE);
		return messages;
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("safetystats-lang");
		resolver.setDefaultLocale(VIETNAMESE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
	}

}
