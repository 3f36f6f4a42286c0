package org.safetystats;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The accounts of the HTTP and browser suites, created in {@code ops.app_user} after
 * Flyway's migrations by {@code src/test/resources/db/test-users/}:
 * {@code admin:admin-secret} (ADMIN), {@code viewer:viewer-secret} (VIEWER) and
 * {@code clerk:clerk-secret} (CLERK of 14320).
 */
public final class ApiUsers {

	private ApiUsers() {
	}

	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.flyway.locations", () -> "classpath:db/migration,classpath:db/test-users");
	}

}
