package org.safetystats.ingest;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.safetystats.validate.SubmissionFileName;

/**
 * A registered submission, as {@link SubmissionRegistry} writes it.
 *
 * @param id submission id, drawn before the values are copied
 * @param fileName name in the inbox
 * @param checksum SHA-256 of the bytes, hex
 * @param size bytes
 * @param unitCode unit from the file name, if readable
 * @param period month from the file name, if readable
 * @param receivedAt last-modified time of the file in the inbox
 * @param status outcome
 * @param version accepted version number, for LOADED only
 * @param rows data rows read
 * @param errors error findings
 * @param warnings warning findings
 * @param duplicateOf the accepted submission with the same bytes, for DUPLICATE only
 * @param storedAs path of the kept file, relative to the archive or rejected folder
 * @param jobExecutionId the Spring Batch execution registering it
 */
record Submission(long id, String fileName, String checksum, long size, @Nullable String unitCode,
		@Nullable String period, Instant receivedAt, SubmissionStatus status, @Nullable Integer version, long rows,
		long errors, long warnings, @Nullable Long duplicateOf, String storedAs, @Nullable Long jobExecutionId) {

	/**
	 * Where the file will be kept: {@code <period>/<id>_<name>} in the archive,
	 * {@code <id>_<name>} if rejected, the name shortened when too long to be stored
	 * ({@link SubmissionFileName#storable}).
	 */
	/** The same submission kept as another file (an identical one already kept). */
	Submission keptAs(String file) {
		return new Submission(this.id, this.fileName, this.checksum, this.size, this.unitCode, this.period,
				this.receivedAt, this.status, this.version, this.rows, this.errors, this.warnings, this.duplicateOf,
				file, this.jobExecutionId);
	}

	static String storedAs(long id, String fileName, SubmissionStatus status, @Nullable String period) {
		String kept = id + "_" + SubmissionFileName.storable(fileName);
		return (status.archived() && period != null) ? period + "/" + kept : kept;
	}

}
