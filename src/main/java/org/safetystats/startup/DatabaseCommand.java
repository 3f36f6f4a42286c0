package org.safetystats.startup;

import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.database.EmbeddedServer;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code db}: starts the embedded database (or checks the configured server), migrated,
 * and prints how to connect; {@code db --stop} stops the embedded server, which otherwise
 * keeps running after the command that started it.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
		description = "Start the embedded PostgreSQL (or check the configured server), apply migrations and print "
				+ "the connection for psql or a BI tool. The embedded server keeps running after every command, so "
				+ "that the next one starts at once, until `db --stop`.")
public class DatabaseCommand implements Callable<Integer> {

	@Option(names = "--stop", description = "Stop the embedded PostgreSQL of this home (var/db)")
	private boolean stop;

	@Override
	public Integer call() throws Exception {
		if (this.stop) {
			if (ApplicationContexts.databaseNamed()) {
				throw new UsageException("db --stop stops the embedded PostgreSQL only; SAFETYSTATS_DB_URL names a "
						+ "server that safetystats does not run");
			}
			boolean stopped = EmbeddedServer.stop(ApplicationContexts.embeddedFolder());
			System.out.println(((stopped) ? "Embedded PostgreSQL stopped: " : "No embedded PostgreSQL running on ")
					+ ApplicationContexts.embeddedFolder().toAbsolutePath().normalize());
			return 0;
		}
		try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
			String url = context.getEnvironment().getProperty("spring.datasource.url", "");
			System.out.println("Database up: psql postgresql://postgres@" + url.replaceFirst("^jdbc:postgresql://", "")
					+ (ApplicationContexts.databaseNamed() ? "" : "  (running until `safetystats db --stop`)"));
		}
		return 0;
	}

}
