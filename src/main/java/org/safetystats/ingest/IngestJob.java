package org.safetystats.ingest;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The ingest job's name, its steps' names and its parameters: the one spelling of each,
 * for the job, its callers and the tests.
 */
public final class IngestJob {

	public static final String NAME = "ingestJob";

	/** Step 1: config/ into {@code ref}. */
	public static final String SYNC_REFERENCE = "syncReference";

	/** Step 2: files a crash left in the inbox after their commit. */
	public static final String FINISH_PENDING_MOVES = "finishPendingMoves";

	/** Step 3: one file per chunk, one transaction each. */
	public static final String INGEST_SUBMISSIONS = "ingestSubmissions";

	/**
	 * Boolean: an admin's re-ingest or restore; the files of {@link #FILES} load again
	 * although their bytes are known.
	 */
	public static final String REINGEST = "reingest";

	/** String, {@code YYYY-MM}: the month a re-ingest restored (for the record). */
	public static final String PERIOD = "period";

	/**
	 * String: the names of the files a re-ingest restored, separated by {@code /} (a
	 * character no file name holds).
	 */
	public static final String FILES = "files";

	private static final String FILE_SEPARATOR = "/";

	private IngestJob() {
	}

	/** The parameters of a re-ingest of these files restored from the archive. */
	public static JobParameters reingest(String period, List<String> files) {
		return new JobParametersBuilder().addJobParameter(REINGEST, Boolean.TRUE, Boolean.class)
			.addString(PERIOD, period)
			.addString(FILES, String.join(FILE_SEPARATOR, files))
			.toJobParameters();
	}

	/** The files a run must load again over known bytes (none unless a re-ingest). */
	static List<String> filesToReload(JobParameters parameters) {
		if (!Boolean.TRUE.equals(value(parameters, REINGEST))) {
			return List.of();
		}
		String files = parameters.getString(FILES, "");
		return files.isEmpty() ? List.of() : List.of(files.split(FILE_SEPARATOR));
	}

	private static @Nullable Object value(JobParameters parameters, String name) {
		var parameter = parameters.getParameter(name);
		return (parameter != null) ? parameter.value() : null;
	}

}
