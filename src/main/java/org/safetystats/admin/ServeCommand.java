package org.safetystats.admin;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.safetystats.system.ApplicationContexts;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;

/**
 * {@code serve}: the scheduler, the browser console and the HTTP API, until stopped
 * (SIGTERM stops running jobs after their chunk).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = "Run as a service: reconcile jobs/ into Quartz triggers and start the clustered scheduler, "
				+ "serve the browser console at / and the admin HTTP API under /api/ (OpenAPI at /api/openapi, port "
				+ "from server.port). Accounts: `user add`.")
public class ServeCommand implements Callable<Integer> {

	@Override
	public Integer call() throws Exception {
		CountDownLatch closed = new CountDownLatch(1);
		ConfigurableApplicationContext context = ApplicationContexts
			.start(Map.of("safetystats.scheduler.enabled", "true"), WebApplicationType.SERVLET);
		context.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
		context.registerShutdownHook();
		String port = context.getEnvironment().getProperty("local.server.port", "8080");
		System.out.println("safetystats serving the console on http://localhost:" + port + "/ and the API under /api/"
				+ " (API description: /api/openapi)");
		closed.await();
		return 0;
	}

}
