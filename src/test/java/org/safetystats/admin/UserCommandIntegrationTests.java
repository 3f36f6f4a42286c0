package org.safetystats.admin;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.safetystats.TestDatabase;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code user} command (package {@code users}), run through the real command line:
 * the password comes from standard input and only its bcrypt hash is stored; a clerk is
 * bound to known units; mistakes are one line and exit code 2, before any database work
 * where they can be.
 */
class UserCommandIntegrationTests extends CommandLineSupport {

	@Test
	void anAdminAndAClerkAreCreatedListedDisabledAndGivenANewPassword() throws Exception {
		// given passwords on standard input
		Run admin = withInput("first-admin-pass\n", "user", "add", "chief", "--role", "ADMIN");
		assertThat(admin.exitCode()).as(admin.err()).isZero();
		assertThat(admin.out()).contains("user chief added: ADMIN");
		Run clerk = withInput("clerk-pass-14320\n", "user", "add", "lan", "--role", "clerk", "--unit", "14320");
		assertThat(clerk.exitCode()).as(clerk.err()).isZero();
		// then only a bcrypt hash is stored, and it matches the password
		String hash = text("SELECT password_hash FROM ops.app_user WHERE user_name = 'chief'");
		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("first-admin-pass");
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("first-admin-pass", hash))
			.isTrue();
		assertThat(text("SELECT string_agg(unit_code, ',') FROM ops.app_user_unit WHERE user_name = 'lan'"))
			.isEqualTo("14320");
		Run list = run("user", "list");
		assertThat(list.out()).containsPattern("chief +ADMIN +enabled").containsPattern("lan +CLERK +enabled +14320");
		// when the clerk is disabled, then given a new password
		assertThat(run("user", "disable", "lan").exitCode()).isZero();
		assertThat(text("SELECT disabled::text FROM ops.app_user WHERE user_name = 'lan'")).isEqualTo("true");
		assertThat(withInput("another-pass-14320\n", "user", "passwd", "lan").exitCode()).isZero();
		String newHash = text("SELECT password_hash FROM ops.app_user WHERE user_name = 'lan'");
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("another-pass-14320", newHash))
			.isTrue();
		assertThat(text("SELECT disabled::text FROM ops.app_user WHERE user_name = 'lan'")).isEqualTo("false");
		// and every change is on record
		assertThat(count("SELECT count(*) FROM ops.admin_action WHERE action LIKE 'user-%'")).isEqualTo(4);
	}

	@Test
	void mistakesAreOneLineAndExitCode2() throws Exception {
		assertRefused(withInput("long-enough-pass\n", "user", "add", "x", "--role", "ROOT"), "Unknown role ROOT");
		assertRefused(withInput("long-enough-pass\n", "user", "add", "c1", "--role", "CLERK"),
				"A clerk needs at least one unit");
		assertRefused(withInput("long-enough-pass\n", "user", "add", "v1", "--role", "VIEWER", "--unit", "14320"),
				"Only a clerk is bound to units");
		assertRefused(withInput("short\n", "user", "add", "v2", "--role", "VIEWER"), "at least 10 characters");
		assertRefused(withInput("", "user", "add", "v3", "--role", "VIEWER"), "No password given");
		assertRefused(withInput(" ".repeat(12) + "\n", "user", "add", "v4", "--role", "VIEWER"), "only spaces");
		assertRefused(withInput("\t \u00a0\u3000".repeat(4) + "\n", "user", "add", "v4", "--role", "VIEWER"),
				"only spaces");
		assertRefused(withInput("long-enough-pass\n", "user", "add", "bad name", "--role", "VIEWER"),
				"must be 1 to 64 letters");
		assertRefused(withInput("long-enough-pass\n", "user", "add", "c2", "--role", "CLERK", "--unit", "99999"),
				"Unknown unit 99999");
		assertThat(
				count("SELECT count(*) FROM ops.app_user WHERE user_name IN ('x', 'c1', 'v1', 'v2', 'v3', 'v4', 'c2')"))
			.isZero();
		assertThat(withInput("long-enough-pass\n", "user", "passwd", "nobody").err()).contains("No user nobody");
		// a new password of blanks, for an account that exists, changes nothing
		assertThat(withInput("long-enough-pass\n", "user", "add", "v5", "--role", "VIEWER").exitCode()).isZero();
		String hash = text("SELECT password_hash FROM ops.app_user WHERE user_name = 'v5'");
		assertRefused(withInput(" ".repeat(12) + "\n", "user", "passwd", "v5"), "only spaces");
		assertThat(text("SELECT password_hash FROM ops.app_user WHERE user_name = 'v5'")).isEqualTo(hash);
	}

	private static void assertRefused(Run run, String message) {
		assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
		assertThat(run.err()).startsWith("error: ").contains(message).doesNotContain("\tat ");
	}

	private static Run withInput(String stdin, String... args) {
		InputStream in = System.in;
		try {
			System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
			return run(args);
		}
		finally {
			System.setIn(in);
		}
	}

	private static String text(String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(databaseUrl, TestDatabase.user(), TestDatabase.password());
				ResultSet rs = c.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
