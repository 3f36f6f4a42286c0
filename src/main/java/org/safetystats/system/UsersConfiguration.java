package org.safetystats.system;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.context.WebApplicationContext;

/**
 * The users of the HTTP API, from {@code safetystats.users} (config/application.yml):
 * each with a password hash that comes from the environment ({@code {bcrypt}...}, made
 * with {@code safetystats hash-password}), never a password in the repository. A user
 * without a hash is disabled.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsersConfiguration.Users.class)
class UsersConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(UsersConfiguration.class);

	/** Roles: ADMIN steers (runs, reruns, restarts, stops); VIEWER reads. */
	@ConfigurationProperties("safetystats")
	record Users(@Nullable List<UserEntry> users) {

	}

	record UserEntry(String name, @Nullable String passwordHash, String role) {

	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService userDetailsService(Users users, ApplicationContext context) {
		// Only `serve` has an HTTP API: other commands say nothing of its users.
		boolean serving = context instanceof WebApplicationContext;
		List<UserDetails> enabled = new ArrayList<>();
		for (UserEntry user : (users.users() != null) ? users.users() : List.<UserEntry>of()) {
			if (user.passwordHash() == null || user.passwordHash().isBlank()) {
				if (serving) {
					logger.info("API user {} has no password hash: disabled", user.name());
				}
				continue;
			}
			if (!user.passwordHash().startsWith("{")) {
				throw new UserFacingException("Password hash of API user " + user.name()
						+ " must name its algorithm, e.g. {bcrypt}$2a$10$...; make one with `safetystats hash-password`");
			}
			String role = user.role().toUpperCase(java.util.Locale.ROOT);
			List<String> roles = role.equals("ADMIN") ? List.of("ADMIN", "VIEWER") : List.of(role);
			enabled.add(User.withUsername(user.name())
				.password(user.passwordHash())
				.roles(roles.toArray(String[]::new))
				.build());
		}
		return new InMemoryUserDetailsManager(enabled);
	}

}
