package org.safetystats.admin;

import org.jspecify.annotations.Nullable;
import org.safetystats.system.UserFacingException;

/**
 * The pipeline is busy: the same or other pipeline work is running, under the execution
 * it names.
 */
public class AlreadyRunningException extends UserFacingException {

	private final @Nullable Long runningExecutionId;

	public AlreadyRunningException(@Nullable Long runningExecutionId, @Nullable String runningJob) {
		super("already running: " + ((runningJob != null) ? runningJob + " " : "") + "execution "
				+ ((runningExecutionId != null) ? runningExecutionId : "(starting)")
				+ "; try again when it ends, or stop it");
		this.runningExecutionId = runningExecutionId;
	}

	public @Nullable Long runningExecutionId() {
		return this.runningExecutionId;
	}

}
