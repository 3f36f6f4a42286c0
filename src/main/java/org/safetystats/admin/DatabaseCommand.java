package org.safetystats.admin;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.safetystats.system.ApplicationContexts;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;

/**
 * {@code db}: keeps the database up (the embedded one, migrated) for psql or a BI tool,
 * until Ctrl-C.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
		description = "Start the embedded PostgreSQL (or check the configured server), apply migrations, print the "
				+ "connection, and keep it up for psql or a BI tool until Ctrl-C.")
public class DatabaseCommand implements Callable<Integer> {

	@Override
	public Integer call() throws Exception {
		CountDownLatch closed = new CountDownLatch(1);
		ConfigurableApplicationContext context = ApplicationContexts.start(Map.of());
		context.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
		context.registerShutdownHook();
		String url = context.getEnvironment().getProperty("spring.datasource.url", "");
		System.out.println("Database up: psql postgresql://postgres@" + url.replaceFirst("^jdbc:postgresql://", "")
				+ "  (Ctrl-C stops it)");
		closed.await();
		return 0;
	}

}
