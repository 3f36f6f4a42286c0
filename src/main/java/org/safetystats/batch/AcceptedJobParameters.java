package org.safetystats.batch;

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
 * accepted, and so are the names earlier versions gave ({@code inbox}, {@code year}), so
 * that an execution they started can still be restarted; no caller can give them now.
 */
public final class AcceptedJobParameters implements JobParametersValidator {

	/** When the run was asked for: makes each run a new job instance. */
	public static final String REQUESTED_AT = "requestedAt";

	private static final Set<String> RETIRED = Set.of("inbox", "year");

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
			String name = parameter.name();
			if (!name.equals(REQUESTED_AT) && !RETIRED.contains(name) && !this.names.contains(name)) {
				throw new InvalidJobParametersException("Unknown parameter \"" + name + "\"; parameters: "
						+ String.join(", ", new TreeSet<>(this.names)));
			}
		}
	}

}
