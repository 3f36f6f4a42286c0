package org.safetystats.system;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The parameters a job reads, declared on the job itself: a run with any other parameter
 * is refused before it starts, whoever launches it, and the admin door names them to a
 * caller who asked for another. {@link #REQUESTED_AT}, which tells runs apart, is always
 * accepted.
 */
public final class AcceptedJobParameters implements JobParametersValidator {

	/** When the run was asked for: makes each run a new job instance. */
	public static final String REQUESTED_AT = "requestedAt";

	private final Set<String> names;

	public AcceptedJobParameters(String... names) {
		this.names = Set.copyOf(new TreeSet<>(Set.of(names)));
	}

	/** The parameters a caller may give (not {@link #REQUESTED_AT}). */
	public Set<String> names() {
		return this.names;
	}

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		for (JobParameter<?> parameter : parameters) {
			if (!parameter.name().equals(REQUESTED_AT) && !this.names.contains(parameter.name())) {
				throw new InvalidJobParametersException("Unknown parameter \"" + parameter.name() + "\"; parameters: "
						+ String.join(", ", new TreeSet<>(this.names)));
			}
		}
	}

}
