package org.safetystats.warehouse;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.batch.AcceptedJobParameters;
import org.safetystats.batch.AcceptedJobParameters.Kind;
import org.safetystats.batch.AcceptedJobParameters.Parameter;
import org.safetystats.system.UserFacingException;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The warehouse job's name, its steps' names and its parameters: the one spelling of
 * each, for the job, its callers (the nightly job takes the same parameters) and the
 * tests.
 */
public final class WarehouseJob {

	public static final String NAME = "warehouseJob";

	/** Step 1: decides the years and communes to rebuild. */
	public static final String PLAN_BUILD = "planBuild";

	/** Step 2: one year per transaction. */
	public static final String BUILD_SLICES = "buildSlices";

	/** Step 3: records the watermark. */
	public static final String RECORD_BUILD = "recordBuild";

	/** Step 4: brings {@code warehouse.completeness} up to date. */
	public static final String REFRESH_COMPLETENESS = "refreshCompleteness";

	/** Boolean: rebuild every year that has data. */
	public static final String FULL = "full";

	/**
	 * Long: the first year to rebuild (with {@link #TO_YEAR} the same year: that year
	 * alone).
	 */
	public static final String FROM_YEAR = "fromYear";

	/** Long: the last year to rebuild. */
	public static final String TO_YEAR = "toYear";

	/** String: the code of the unit whose communes are rebuilt. */
	public static final String UNIT = "unit";

	/**
	 * String, {@code YYYY-MM-DD}: the warehouse's as-of date, "today" for what is owed
	 * and for the units valid now (default: the build's date in the reporting time zone);
	 * a past date reproduces a past report.
	 */
	public static final String AS_OF = "asOf";

	/** The parameters this job, and the nightly job that ends with its steps, read. */
	public static final AcceptedJobParameters PARAMETERS = new AcceptedJobParameters(
			List.of(new Parameter(FULL, Kind.FLAG), new Parameter(FROM_YEAR, Kind.YEAR),
					new Parameter(TO_YEAR, Kind.YEAR), new Parameter(UNIT, Kind.UNIT), new Parameter(AS_OF, Kind.TEXT)),
			List.of(new AcceptedJobParameters.Order(FROM_YEAR, TO_YEAR)));

	private WarehouseJob() {
	}

	/** The parameters of a build; null leaves a parameter out. */
	public static JobParameters parameters(boolean full, @Nullable Integer fromYear, @Nullable Integer toYear,
			@Nullable String unit) {
		return parameters(full, fromYear, toYear, unit, null);
	}

	/** The parameters of a build as of a day; null leaves a parameter out. */
	public static JobParameters parameters(boolean full, @Nullable Integer fromYear, @Nullable Integer toYear,
			@Nullable String unit, @Nullable LocalDate asOf) {
		JobParametersBuilder builder = new JobParametersBuilder().addJobParameter(FULL, full, Boolean.class);
		if (fromYear != null) {
			builder.addLong(FROM_YEAR, fromYear.longValue());
		}
		if (toYear != null) {
			builder.addLong(TO_YEAR, toYear.longValue());
		}
		if (unit != null) {
			builder.addString(UNIT, unit);
		}
		if (asOf != null) {
			builder.addString(AS_OF, asOf.toString());
		}
		return builder.toJobParameters();
	}

	static boolean full(JobParameters parameters) {
		JobParameter<?> full = parameters.getParameter(FULL);
		return (full != null) && Boolean.TRUE.equals(full.value());
	}

	/** The as-of date the parameters name, or null (the build's own date). */
	static @Nullable LocalDate asOf(JobParameters parameters) {
		String asOf = parameters.getString(AS_OF);
		if (asOf == null) {
			return null;
		}
		try {
			return LocalDate.parse(asOf);
		}
		catch (DateTimeParseException ex) {
			throw new UserFacingException("The as-of date must be YYYY-MM-DD, not " + asOf);
		}
	}

	static @Nullable Integer year(JobParameters parameters, String name) {
		Long year = parameters.getLong(name);
		return (year != null) ? Math.toIntExact(year) : null;
	}

}
