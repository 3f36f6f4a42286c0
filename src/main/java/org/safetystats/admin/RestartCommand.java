package org.safetystats.admin;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restart ID}: resumes a failed or stopped execution from where it stopped. */
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = "Resume a FAILED or STOPPED execution from where it stopped, and wait for it.")
public class RestartCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "ID", description = "Job execution id (see `status`)")
	private long executionId;

	@Option(names = "--reason", description = "Why, for the record")
	private String reason;

	@Override
	public Integer call() throws Exception {
		return Executions.startAndReport(
				(admin) -> admin.restart(this.executionId, AdminService.Request.byCurrentUser(this.reason)));
	}

}
