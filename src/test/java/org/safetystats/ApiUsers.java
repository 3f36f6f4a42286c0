package org.safetystats;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The API users of the HTTP suites: {@code admin:admin-secret} (ADMIN) and
 * {@code viewer:viewer-secret} (VIEWER).
 */
public final class ApiUsers {

	private ApiUsers() {
	}

	public static void register(DynamicPropertyRegistry registry) {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		registry.add("safetystats.users[0].name", () -> "admin");
		registry.add("safetystats.users[0].role", () -> "ADMIN");
		registry.add("safetystats.users[0].password-hash", () -> encoder.encode("admin-secret"));
		registry.add("safetystats.users[1].name", () -> "viewer");
		registry.add("safetystats.users[1].role", () -> "VIEWER");
		registry.add("safetystats.users[1].password-hash", () -> encoder.encode("viewer-secret"));
	}

}
