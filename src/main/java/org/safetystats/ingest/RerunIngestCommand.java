package org.safetystats.ingest;

import java.util.concurrent.Callable;

import org.safetystats.admin.AdminService;
import org.safetystats.admin.Executions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rerun ingest}: re-ingests a month from the archive, on record with who asked and
 * why.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
		description = "Re-ingest a month from the archive: each unit's current file (or one unit's) is validated "
				+ "and loaded again as a new version.")
public class RerunIngestCommand implements Callable<Integer> {

	@Option(names = "--period", required = true, paramLabel = "YYYY-MM")
	private String period;

	@Option(names = "--unit", paramLabel = "CODE")
	private String unit;

	@Option(names = "--reason", required = true, description = "Why, for the record")
	private String reason;

	@Override
	public Integer call() throws Exception {
		return Executions.startAndReport(IngestReruns.class,
				(reruns) -> reruns.rerunMonth(this.period, this.unit, AdminService.Request.byCurrentUser(this.reason)));
	}

}
