package org.safetystats.admin;

import org.springframework.batch.core.job.JobExecution;

/** The reason a job execution failed, in one line. */
final class JobFailures {

	private JobFailures() {
	}

	static String firstLine(JobExecution execution) {
		Throwable failure = execution.getAllFailureExceptions().stream().findFirst().orElse(null);
		if (failure == null) {
			return execution.getExitStatus().getExitDescription().lines().findFirst().orElse("no reason recorded");
		}
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage() != null ? root.getMessage() : root.toString();
	}

}
