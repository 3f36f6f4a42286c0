package org.safetystats.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run JOB [--param KEY=VALUE]...}: runs a job now and waits for it. */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = "Run a job now and wait for it: nightlyJob (ingest, warehouse, completeness), ingestJob or "
				+ "warehouseJob. Refused with the running execution's id if pipeline work is already running.")
public class RunCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "JOB", description = "nightlyJob, ingestJob or warehouseJob")
	private String job;

	@Option(names = "--param", paramLabel = "KEY=VALUE", description = "Job parameter, e.g. full=true")
	private Map<String, String> parameters = new LinkedHashMap<>();

	@Option(names = "--reason", description = "Why, for the record")
	private String reason;

	@Override
	public Integer call() throws Exception {
		return Executions.startAndReport(
				(admin) -> admin.start(this.job, this.parameters, AdminService.Request.byCurrentUser(this.reason)));
	}

}
