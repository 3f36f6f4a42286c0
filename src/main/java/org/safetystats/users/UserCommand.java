package org.safetystats.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.audit.AuditTrail;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code user add|list|disable|passwd}: the accounts of the console and the JSON API.
 * Passwords are read from standard input (typed twice at a terminal), never from the
 * command line; each change is recorded in {@code ops.admin_action}.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
		description = "Manage the accounts of the console and the JSON API (ADMIN, VIEWER, CLERK).",
		subcommands = { UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Disable.class,
				UserCommand.Passwd.class })
public class UserCommand implements Runnable {

	@picocli.CommandLine.Spec
	private picocli.CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new picocli.CommandLine.ParameterException(this.spec.commandLine(),
				"Missing command: add, list, disable or passwd");
	}

	@Command(name = "add", mixinStandardHelpOptions = true,
			description = "Create an account; the password (at least 10 characters) is read from standard input.")
	static class Add implements Callable<Integer> {

		@Parameters(paramLabel = "NAME", description = "Login name")
		private String name;

		@Option(names = "--role", required = true, description = "ADMIN, VIEWER or CLERK")
		private String role;

		@Option(names = "--unit", paramLabel = "CODE", description = "A ward or commune a clerk reports for (repeat)")
		private List<String> units = new ArrayList<>();

		@Override
		public Integer call() throws Exception {
			Role parsed = Role.parse(this.role);
			UserAccounts.checkName(this.name);
			UserAccounts.checkUnits(this.name, parsed, this.units);
			String password = readPassword();
			try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
				if (!this.units.isEmpty()) {
					checkUnits(context.getBean(ReferenceCatalogLoader.class).load(), this.units);
				}
				Account account = context.getBean(UserAccounts.class).add(this.name, parsed, this.units, password);
				audit(context, "user-add", this.name + " " + parsed + " " + this.units);
				System.out.printf("user %s added: %s%s%n", account.name(), account.role(),
						account.units().isEmpty() ? "" : " of " + String.join(", ", account.units()));
				return 0;
			}
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
	static class ListUsers implements Callable<Integer> {

		@Override
		public Integer call() throws Exception {
			try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
				List<Account> accounts = context.getBean(UserAccounts.class).list();
				System.out.printf("%-20s %-7s %-9s %s%n", "NAME", "ROLE", "STATE", "UNITS");
				for (Account account : accounts) {
					System.out.printf("%-20s %-7s %-9s %s%n", account.name(), account.role(),
							account.disabled() ? "disabled" : "enabled", String.join(",", account.units()));
				}
				return 0;
			}
		}

	}

	@Command(name = "disable", mixinStandardHelpOptions = true,
			description = "Refuse an account at sign-in from now on (user passwd enables it again).")
	static class Disable implements Callable<Integer> {

		@Parameters(paramLabel = "NAME")
		private String name;

		@Override
		public Integer call() throws Exception {
			try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
				context.getBean(UserAccounts.class).disable(this.name);
				audit(context, "user-disable", this.name);
				System.out.printf("user %s disabled%n", this.name);
				return 0;
			}
		}

	}

	@Command(name = "passwd", mixinStandardHelpOptions = true,
			description = "Set a new password (read from standard input); enables a disabled account.")
	static class Passwd implements Callable<Integer> {

		@Parameters(paramLabel = "NAME")
		private String name;

		@Override
		public Integer call() throws Exception {
			String password = readPassword();
			try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
				context.getBean(UserAccounts.class).setPassword(this.name, password);
				audit(context, "user-passwd", this.name);
				System.out.printf("user %s: password set%n", this.name);
				return 0;
			}
		}

	}

	static void checkUnits(ReferenceCatalog catalog, List<String> units) {
		for (String unit : units) {
			if (!catalog.knowsUnit(unit)) {
				throw new UsageException("Unknown unit " + unit + " (--unit): not in the reference catalogue");
			}
		}
	}

	private static void audit(ConfigurableApplicationContext context, String action, String parameters) {
		context.getBean(AuditTrail.class)
			.record(new AuditTrail.Entry("cli:" + System.getProperty("user.name", "unknown"), action, parameters, null,
					null, "DONE", null));
	}

	/**
	 * The password from the terminal (asked twice) or the first line of standard input.
	 */
	static String readPassword() throws IOException {
		String password;
		if (System.console() != null) {
			char[] typed = System.console().readPassword("Password: ");
			char[] again = System.console().readPassword("Password again: ");
			if (typed != null && again != null && !java.util.Arrays.equals(typed, again)) {
				throw new UsageException("The two passwords differ");
			}
			password = (typed != null) ? new String(typed) : null;
		}
		else {
			password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		}
		if (password == null || password.isEmpty()) {
			throw new UsageException("No password given on standard input");
		}
		UserAccounts.checkPassword(password);
		return password;
	}

}
