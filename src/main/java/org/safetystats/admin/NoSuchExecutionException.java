package org.safetystats.admin;

import org.safetystats.system.UsageException;

/** An execution id that the job repository does not know: HTTP 404. */
public class NoSuchExecutionException extends UsageException {

	public NoSuchExecutionException(long executionId) {
		super("No job execution " + executionId);
	}

}
