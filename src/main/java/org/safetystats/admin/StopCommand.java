package org.safetystats.admin;

import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.startup.ApplicationContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.context.ConfigurableApplicationContext;

/** {@code stop ID}: asks a running execution to stop after its current chunk. */
@Command(name = "stop", mixinStandardHelpOptions = true,
		description = "Ask a running execution (in any process) to stop after its current chunk; `restart ID` resumes it.")
public class StopCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "ID", description = "Job execution id (see `status`)")
	private long executionId;

	@Option(names = "--reason", description = "Why, for the record")
	private String reason;

	@Override
	public Integer call() throws Exception {
		try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
			context.getBean(AdminService.class).stop(this.executionId, AdminService.Request.byCurrentUser(this.reason));
			System.out.println("execution " + this.executionId + ": stop requested; it stops after its current chunk");
			return 0;
		}
	}

}
