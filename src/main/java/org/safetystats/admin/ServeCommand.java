package org.safetystats.admin;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code serve}: the scheduler, the browser console and the HTTP API, until stopped
 * (SIGTERM stops running jobs after their chunk).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = "Run as a service: reconcile jobs/ into Quartz triggers and start the clustered scheduler, "
				+ "serve the browser console at / and the admin HTTP API under /api/ (OpenAPI at /api/openapi), and "
				+ "/actuator (health, Prometheus metrics). Accounts: `user add`.")
public class ServeCommand implements Callable<Integer> {

	@Option(names = "--port", paramLabel = "N",
			description = "HTTP port (default: server.port, else 8080; 0 picks a free one)")
	@Nullable Integer port;

	@Override
	public Integer call() throws Exception {
		CountDownLatch closed = new CountDownLatch(1);
		ConfigurableApplicationContext context = ApplicationContexts.start(settings(), WebApplicationType.SERVLET);
		context.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
		context.registerShutdownHook();
		String port = context.getEnvironment().getProperty("local.server.port", "8080");
		System.out.println("safetystats serving the console on http://localhost:" + port + "/ and the API under /api/"
				+ " (API description: /api/openapi)");
		closed.await();
		return 0;
	}

	/** The settings {@code serve} starts with: the scheduler, and the port when given. */
	Map<String, Object> settings() {
		Map<String, Object> settings = new HashMap<>();
		settings.put("safetystats.scheduler.enabled", "true");
		if (this.port != null) {
			if (this.port < 0 || this.port > 65535) {
				throw new UsageException("--port " + this.port + ": a port is 0 to 65535");
			}
			settings.put("server.port", this.port);
		}
		return settings;
	}

}
