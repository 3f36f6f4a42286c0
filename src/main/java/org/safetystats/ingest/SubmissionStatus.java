package org.safetystats.ingest;

/** Outcome of a submission, as stored in {@code ops.submission.status}. */
enum SubmissionStatus {

	/** Accepted; the current version of its unit and month. */
	LOADED,
	/** Had errors; nothing loaded. */
	REJECTED,
	/** Same bytes as an earlier accepted file; nothing loaded. */
	DUPLICATE,
	/** Accepted once, since replaced by a later version. */
	SUPERSEDED,
	/**
	 * Valid, but a correction of a published period in approval mode: waits for an admin;
	 * counts nowhere yet.
	 */
	PENDING_APPROVAL,
	/** Such a correction an admin refused; counts nowhere. */
	REFUSED;

	/** Whether the file is kept in the archive (else in the rejected folder). */
	boolean archived() {
		return this != REJECTED;
	}

}
