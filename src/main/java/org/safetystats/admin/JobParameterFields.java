package org.safetystats.admin;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.safetystats.batch.AcceptedJobParameters;
import org.safetystats.system.RequestFields;
import org.safetystats.system.UsageException;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Job parameters as a caller wrote them (HTTP, schedule file, {@code run --param}) made
 * into typed {@link JobParameters} under their one name: only those the job reads, each
 * field checked by {@link RequestFields}. A bad one is a {@link UsageException} naming
 * it.
 */
final class JobParameterFields {

	private JobParameterFields() {
	}

	/**
	 * The parameters of a job run as a caller wrote them, each one the job reads
	 * ({@code accepted}), checked and typed: years as numbers, flags as booleans.
	 */
	static JobParameters typed(String job, AcceptedJobParameters accepted, Map<String, String> parameters) {
		JobParametersBuilder typed = new JobParametersBuilder();
		for (Map.Entry<String, String> entry : parameters.entrySet()) {
			String name = known(job, accepted.names(), RequestFields.text("parameter name", entry.getKey()));
			String value = RequestFields.text(name, entry.getValue());
			switch (accepted.kind(name)) {
				case YEAR -> typed.addLong(name, (long) RequestFields.year(name, value));
				case FLAG -> typed.addJobParameter(name, RequestFields.bool(name, value), Boolean.class);
				case UNIT -> typed.addString(name, RequestFields.required(name, RequestFields.unit(name, value)));
				case PERIOD -> typed.addString(name, RequestFields.period(name, value));
				case TEXT -> typed.addString(name, RequestFields.required(name, value));
			}
		}
		JobParameters checked = typed.toJobParameters();
		for (AcceptedJobParameters.Order order : accepted.orders()) {
			Long first = checked.getLong(order.first());
			Long second = checked.getLong(order.second());
			if (first != null && second != null && first > second) {
				throw new UsageException(order.first() + " " + first + " is after " + order.second() + " " + second);
			}
		}
		return checked;
	}

	/** Checks that the job reads each of these parameters. */
	static void names(String job, AcceptedJobParameters accepted, JobParameters parameters) {
		parameters.forEach((parameter) -> known(job, accepted.names(), parameter.name()));
	}

	private static String known(String job, Set<String> accepted, @Nullable String name) {
		if (name == null || !accepted.contains(name)) {
			throw new UsageException("Unknown parameter " + RequestFields.quoted(name) + " of " + job + "; parameters: "
					+ String.join(", ", accepted.stream().sorted().toList()));
		}
		return name;
	}

}
