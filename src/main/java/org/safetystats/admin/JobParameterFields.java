package org.safetystats.admin;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.safetystats.ingest.IngestJob;
import org.safetystats.system.RequestFields;
import org.safetystats.system.UsageException;
import org.safetystats.warehouse.WarehouseJob;

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
	static JobParameters typed(String job, Set<String> accepted, Map<String, String> parameters) {
		JobParametersBuilder typed = new JobParametersBuilder();
		for (Map.Entry<String, String> entry : parameters.entrySet()) {
			String name = known(job, accepted, RequestFields.text("parameter name", entry.getKey()));
			String value = RequestFields.text(name, entry.getValue());
			switch (name) {
				case WarehouseJob.FROM_YEAR, WarehouseJob.TO_YEAR ->
					typed.addLong(name, (long) RequestFields.year(name, value));
				case WarehouseJob.FULL, IngestJob.REINGEST ->
					typed.addJobParameter(name, RequestFields.bool(name, value), Boolean.class);
				case WarehouseJob.UNIT ->
					typed.addString(name, RequestFields.required(name, RequestFields.unit(name, value)));
				case IngestJob.PERIOD -> typed.addString(name, RequestFields.period(name, value));
				default -> typed.addString(name, RequestFields.required(name, value));
			}
		}
		JobParameters checked = typed.toJobParameters();
		Long from = checked.getLong(WarehouseJob.FROM_YEAR);
		Long to = checked.getLong(WarehouseJob.TO_YEAR);
		if (from != null && to != null && from > to) {
			throw new UsageException(
					WarehouseJob.FROM_YEAR + " " + from + " is after " + WarehouseJob.TO_YEAR + " " + to);
		}
		return checked;
	}

	/** Checks that the job reads each of these parameters. */
	static void names(String job, Set<String> accepted, JobParameters parameters) {
		parameters.forEach((parameter) -> known(job, accepted, parameter.name()));
	}

	private static String known(String job, Set<String> accepted, @Nullable String name) {
		if (name == null || !accepted.contains(name)) {
			throw new UsageException("Unknown parameter " + RequestFields.quoted(name) + " of " + job + "; parameters: "
					+ String.join(", ", accepted.stream().sorted().toList()));
		}
		return name;
	}

	/** A unit and a range of years to rebuild, each optional. */
	static void yearRange(@Nullable String unit, @Nullable Integer fromYear, @Nullable Integer toYear) {
		RequestFields.unit("unit", unit);
		if (fromYear != null) {
			RequestFields.year("fromYear", fromYear.toString());
		}
		if (toYear != null) {
			RequestFields.year("toYear", toYear.toString());
		}
		if (fromYear != null && toYear != null && fromYear > toYear) {
			throw new UsageException("--from-year " + fromYear + " is after --to-year " + toYear);
		}
	}

}
