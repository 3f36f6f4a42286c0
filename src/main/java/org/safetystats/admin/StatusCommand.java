package org.safetystats.admin;

import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.startup.ApplicationContexts;
import org.safetystats.startup.DatabaseOnlyConfiguration;
import org.safetystats.system.ReportingTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code status [--last N]}: the latest executions with status, step counts and errors.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = "List the latest job executions with their status, step counts and errors.")
public class StatusCommand implements Callable<Integer> {

	@Option(names = "--last", paramLabel = "N", defaultValue = "10", description = "How many (default 10)")
	private int last;

	@Override
	public Integer call() throws Exception {
		try (ConfigurableApplicationContext context = ApplicationContexts.startSmall(Beans.class, Map.of())) {
			ReportingTime time = ReportingTime.of(context.getEnvironment());
			for (JobExecutions.Execution e : context.getBean(JobExecutions.class).last(this.last)) {
				System.out.printf("%6d  %-13s %-9s %s -> %s%s%n", e.id(), e.job(), e.status(),
						(e.startTime() != null) ? time.seconds(e.startTime()) : "not started",
						(e.endTime() != null) ? time.seconds(e.endTime()) : "...",
						(e.requestedBy() != null) ? "  by " + e.requestedBy() : "");
				if (e.exitMessage() != null && !e.exitMessage().isBlank()) {
					System.out.println("        error: " + e.exitMessage());
				}
				e.steps().forEach((step) -> System.out.println("        " + step));
			}
			return 0;
		}
	}

	/** What {@code status} reads with. */
	@Configuration(proxyBeanMethods = false)
	@Import({ DatabaseOnlyConfiguration.class, JobExecutions.class })
	static class Beans {

	}

}
