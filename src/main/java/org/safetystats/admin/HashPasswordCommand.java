package org.safetystats.admin;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.safetystats.system.UserFacingException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import picocli.CommandLine.Command;

/**
 * {@code hash-password}: reads a password on standard input and prints its hash for the
 * API user settings.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
		description = "Read a password from standard input and print the {bcrypt} hash to put in "
				+ "SAFETYSTATS_ADMIN_PASSWORD_HASH (or another user's setting).")
public class HashPasswordCommand implements Callable<Integer> {

	@Override
	public Integer call() throws Exception {
		String password;
		if (System.console() != null) {
			char[] typed = System.console().readPassword("Password: ");
			password = (typed != null) ? new String(typed) : null;
		}
		else {
			password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		}
		if (password == null || password.isEmpty()) {
			throw new UserFacingException("No password given on standard input");
		}
		System.out.println(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password));
		return 0;
	}

}
