package org.safetystats.ingest;

import java.util.concurrent.Callable;

import org.safetystats.admin.AdminService;
import org.safetystats.admin.Executions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code restore --submission ID --reason R}: an earlier version of a unit-month becomes
 * the current one again, on record with who asked and why.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
		description = "Make a superseded version of a unit-month current again: its archived file loads as a new "
				+ "version (re-sending its bytes is only a duplicate). Recorded with who asked and why.")
public class RestoreCommand implements Callable<Integer> {

	@Option(names = "--submission", required = true, paramLabel = "ID",
			description = "The superseded submission (ops.submission.submission_id)")
	private long submission;

	@Option(names = "--reason", required = true, description = "Why, for the record")
	private String reason;

	@Override
	public Integer call() throws Exception {
		return Executions.startAndReport(IngestReruns.class,
				(reruns) -> reruns.restoreVersion(this.submission, AdminService.Request.byCurrentUser(this.reason)));
	}

}
